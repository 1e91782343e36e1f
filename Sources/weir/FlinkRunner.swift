#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `weir flink --run`: submits a translated script to a running Flink cluster through PyFlink's
/// remote target, and streams the result's rows back as NDJSON (with `"op"` first for an
/// updating result), or with `--detach` prints the job ids and returns.
enum FlinkRunner {
    /// The Python that drives Flink: `$WEIR_FLINK_PYTHON`, or `python3` when it has pyflink.
    static func python() -> String? {
        if let path = getenv("WEIR_FLINK_PYTHON").map({ String(cString: $0) }), !path.isEmpty { return path }
        for candidate in ["python3", "/usr/bin/python3"] where run([candidate, "-c", "import pyflink"], quiet: true) == 0 {
            return candidate
        }
        return nil
    }

    /// Runs a program to its end with this process's standard output; returns its exit status.
    @discardableResult
    static func run(_ argv: [String], quiet: Bool = false) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, argv[0], &actions, nil, &cArguments, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if status & 0x7F != 0 { return 128 + (status & 0x7F) }
        return (status >> 8) & 0xFF
    }

    static func submit(script: String, jobmanager: String, updating: Bool, detach: Bool, format: String) -> Int32 {
        guard let python = python() else {
            Terminal.printError("weir flink --run drives Flink through PyFlink, and no Python here has it: pip install apache-flink==2.3.0, or set WEIR_FLINK_PYTHON to a Python that has it")
            return 1
        }
        let parts = jobmanager.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else {
            Terminal.printError("weir flink: --jobmanager is HOST:PORT, the REST address (default localhost:8081)")
            return 2
        }
        var template = Array("/tmp/weir-flink-XXXXXX".utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            Terminal.printError("weir flink: cannot make a temporary directory")
            return 1
        }
        defer {
            unlink(directory + "/job.sql")
            unlink(directory + "/submit.py")
            rmdir(directory)
        }
        guard write(script, to: directory + "/job.sql"), write(helper, to: directory + "/submit.py") else {
            Terminal.printError("weir flink: cannot write to \(directory)")
            return 1
        }
        return run([python, directory + "/submit.py", directory + "/job.sql", String(parts[0]), String(port), updating ? "1" : "0", detach ? "1" : "0", format])
    }

    static func write(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        defer { fclose(file) }
        return fputs(text, file) >= 0
    }

    /// The PyFlink side: every statement in order; INSERTs and statement sets submitted (and
    /// waited for unless detached); the last SELECT's rows printed as they arrive.
    static let helper = #"""
    import datetime, decimal, json, re, sys
    from pyflink.table import EnvironmentSettings, TableEnvironment

    path, host, port, updating, detach = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5] == "1"

    def split(sql):
        out, cur, quote = [], "", None
        for line in sql.splitlines():
            if line.strip().startswith("--"): continue
            for c in line + "\n":
                if quote:
                    cur += c
                    if c == quote: quote = None
                elif c in "'`":
                    quote = c; cur += c
                elif c == ";" and (not re.match(r"(?is)^\s*(EXECUTE|BEGIN)\s+STATEMENT\s+SET", cur) or re.search(r"(?is)\bEND\s*$", cur)):
                    if cur.strip(): out.append(cur.strip())
                    cur = ""
                else:
                    cur += c
        if cur.strip(): out.append(cur.strip())
        return out

    def value(v):
        if v is None: return "null"
        if isinstance(v, bool): return "true" if v else "false"
        if isinstance(v, datetime.datetime):
            s = v.strftime("%Y-%m-%d %H:%M:%S")
            return json.dumps(s + (".%03d" % (v.microsecond // 1000)).rstrip("0") if v.microsecond else s)
        if isinstance(v, decimal.Decimal): return str(v)
        if isinstance(v, (int, float)): return json.dumps(v)
        return json.dumps(v if isinstance(v, str) else str(v), ensure_ascii=False)

    def text(v):
        if isinstance(v, bool): return "true" if v else "false"
        s = value(v)
        return json.loads(s) if s.startswith('"') else s

    def field(s):
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s

    csv = sys.argv[6] == "csv"
    KINDS = {"INSERT": "+I", "UPDATE_BEFORE": "-U", "UPDATE_AFTER": "+U", "DELETE": "-D"}
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    cfg = env.get_config()
    cfg.set("execution.target", "remote")
    cfg.set("rest.address", host)
    cfg.set("rest.port", port)
    try:
        for s in split(open(path).read()):
            m = re.match(r"(?is)^SET\s+'([^']+)'\s*=\s*'([^']*)'$", s)
            if m:
                cfg.set(m.group(1), m.group(2)); continue
            result = env.execute_sql(s)
            if re.match(r"(?is)^(CREATE|DROP|ALTER)", s): continue
            job = result.get_job_client()
            if job is not None:
                if detach:
                    print(job.get_job_id(), flush=True); continue
                print(f"weir: submitted job {job.get_job_id()} to {host}:{port}", file=sys.stderr, flush=True)
            if detach: continue
            if re.match(r"(?is)^(INSERT|EXECUTE)", s):
                result.wait(); continue
            names = result.get_table_schema().get_field_names()
            if csv:
                print(",".join((["op"] if updating else []) + [field(n) for n in names]), flush=True)
            with result.collect() as rows:
                for r in rows:
                    kind = str(r.get_row_kind()); kind = KINDS.get(kind.split(".")[-1], kind)
                    if csv:
                        print(",".join(([kind] if updating else []) + ["" if v is None else field(text(v)) for v in r]), flush=True)
                        continue
                    fields = ([f'"op":"{kind}"'] if updating else []) + [f"{json.dumps(n)}:{value(v)}" for n, v in zip(names, r)]
                    print("{" + ",".join(fields) + "}", flush=True)
    except BrokenPipeError:
        sys.stderr.close(); sys.exit(0)  # the reader left (| head): quietly, as weir
    except Exception as e:
        lines = [l.strip() for l in str(e).splitlines() if "Exception:" in l]
        print("weir flink: Flink refused the job: " + (lines[-1] if lines else str(e).splitlines()[0]), file=sys.stderr)
        sys.exit(4)
    """#
}
