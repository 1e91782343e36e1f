import Foundation
import Testing

/// Runs the built `weir` with arguments and standard input; returns status, stdout, stderr.
func runWeir(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: weirBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: root)
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Input is written and standard error read on their own threads: either may fill its
    // pipe while this one waits for standard output.
    signal(SIGPIPE, SIG_IGN)  // weir may exit (a wrong query) before reading its input
    DispatchQueue.global().async {
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
    }
    let errors = Locked(Data())
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errors.value = stderr.fileHandleForReading.readDataToEndOfFile()
        done.signal()
    }
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    done.wait()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors.value, as: UTF8.self))
}

@Suite("Command line")
struct CommandLineTests {
    let seed = "SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"

    @Test("the seed query over the sample, exit status 0")
    func seedQuery() throws {
        let input = try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8)
        let result = try runWeir(["queries/clicks_per_page.sql"], input: input)
        #expect(result.status == 0)
        #expect(result.output == (try String(contentsOfFile: root + "/queries/clicks_per_page.expected", encoding: .utf8)))
    }

    @Test("--input FILE and standard input redirected from a file (both mapped) give the same rows")
    func inputFile() throws {
        let golden = try String(contentsOfFile: root + "/queries/clicks_per_page.expected", encoding: .utf8)
        #expect(try runWeir(["--input", "samples/clicks.ndjson", "queries/clicks_per_page.sql"]).output == golden)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(weirBinary)' queries/clicks_per_page.sql < samples/clicks.ndjson"]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == golden)
    }

    @Test("a wrong query exits 1 before reading input, with the caret")
    func wrongQuery() throws {
        let result = try runWeir(["-e", "CREATE TABLE clicks (page STRING, ts TIMESTAMP(3));\nSELECT pgae FROM clicks"], input: "not even json\n")
        #expect(result.status == 1)
        #expect(result.errors == """
            error: unknown column pgae
             --> 2:8
              |
            2 | SELECT pgae FROM clicks
              |        ^
              = help: did you mean page?

            """)
    }

    @Test("a Flink function weir lacks, beside a GROUP BY, is named as such (not taken for a column left ungrouped)")
    func missingAggregate() throws {
        let ddl = "CREATE TABLE clicks (user_id INT, page STRING, d BIGINT);\n"
        let encode = try runWeir(["-e", ddl + "SELECT page, ENCODE(d, 'UTF-8') FROM clicks GROUP BY page"])
        #expect(encode.status == 1)
        #expect(encode.errors.hasPrefix("error: ENCODE is a Flink function weir does not support yet\n --> 2:14"), "\(encode.errors)")
        let typo = try runWeir(["-e", ddl + "SELECT page, CONUT(user_id) FROM clicks GROUP BY page"])
        #expect(typo.errors.contains("unknown function CONUT") && typo.errors.contains("did you mean COUNT?"), "\(typo.errors)")
    }

    @Test("an OVER window ordered by a TIMESTAMP that is not the event time runs as Flink's OVER over plain values, not with every row late",
          arguments: ["window_start AS ws, window_time AS wt", "window_start AS ws"])
    func overByOtherTimestamp(_ columns: String) throws {
        let query = """
            CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            SELECT k, SUM(s) OVER (PARTITION BY k ORDER BY ws) AS s2 FROM (SELECT \(columns), k, SUM(v) AS s
              FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end, window_time, k)
            """
        let input = #"{"k": "a", "v": 1, "ts": "2024-01-01 00:00:01"}"# + "\n" + #"{"k": "a", "v": 2, "ts": "2024-01-01 00:00:07"}"# + "\n"
        let result = try runWeir(["-e", query], input: input)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == #"{"op":"+I","k":"a","s2":1}"# + "\n" + #"{"op":"+I","k":"a","s2":3}"# + "\n", "\(result.output)")
    }

    @Test("wrong usage exits 2", arguments: [["--format", "xml", "-e", "SELECT 1 FROM t"], ["--nonsense"], ["--watermark-delay", "soon", "-e", "SELECT a FROM t"]])
    func usage(_ arguments: [String]) throws {
        #expect(try runWeir(arguments).status == 2)
    }

    @Test("--strict stops at the first bad line with status 3; without it bad lines are counted")
    func strict() throws {
        let input = "{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:01\"}\nnot json\n"
        let strict = try runWeir(["--strict", "-e", seed], input: input)
        #expect(strict.status == 3)
        #expect(strict.errors.contains("weir: line 2: expected a JSON object"))
        let lenient = try runWeir(["-e", seed], input: input)
        #expect(lenient.status == 0)
        #expect(lenient.output == "{\"page\":\"/a\",\"n\":1}\n")
        #expect(lenient.errors.contains("weir: 1 bad line skipped"))
    }

    @Test("--late and --errors keep lines whole; a 2 MB line is read")
    func lateAndErrorFiles() throws {
        let dir = NSTemporaryDirectory() + "weir-cli-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let long = "{\"page\": \"/long\", \"pad\": \"\(String(repeating: "x", count: 2_000_000))\", \"timestamp\": \"2024-04-25 10:00:02\"}"
        let late = "{\"page\":\"/a\",  \"timestamp\":\"2024-04-25 10:00:03\"}"
        let input = "\u{FEFF}{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:01\"}\r\n\(long)\n{\"page\": \"/b\", \"timestamp\": \"2024-04-25 10:00:12\"}\n\(late)\n{oops\n\n{\"page\": \"/c\", \"timestamp\": \"2024-04-25 10:00:13\"}"
        let result = try runWeir(["--late", dir + "/late.ndjson", "--errors", dir + "/errors.ndjson", "-e", seed], input: input)
        #expect(result.status == 0)
        #expect(result.output == "{\"page\":\"/a\",\"n\":1}\n{\"page\":\"/long\",\"n\":1}\n{\"page\":\"/b\",\"n\":1}\n{\"page\":\"/c\",\"n\":1}\n")
        #expect(try String(contentsOfFile: dir + "/late.ndjson", encoding: .utf8) == late + "\n")
        #expect(try String(contentsOfFile: dir + "/errors.ndjson", encoding: .utf8) == "{oops\n")
        #expect(result.errors.contains("weir: 1 late event not counted (see --late)"))
    }

    @Test("--idle-timeout closes the last window of a quiet live stream before its input ends")
    func idleTimeout() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weirBinary)
        process.arguments = ["--idle-timeout", "1s", "-e", seed]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data("{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:01\"}\n{\"page\": \"/a\", \"timestamp\": \"2024-04-25 10:00:09\"}\n".utf8))
        // The input stays open: only the idle timeout can move the watermark past 10:00:09.999.
        var pollDescriptor = pollfd(fd: stdout.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pollDescriptor, 1, 15_000)
        #expect(ready == 1)
        let first = stdout.fileHandleForReading.availableData
        #expect(String(decoding: first, as: UTF8.self) == "{\"page\":\"/a\",\"n\":2}\n")
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("EXPLAIN and --explain print the plan")
    func explain() throws {
        let result = try runWeir(["--explain", "-e", seed])
        #expect(result.status == 0)
        #expect(result.output.contains("WindowAggregate: TUMBLE(size=10s) keys=[page] aggregates=[COUNT(*)]"))
    }
}

@Suite("Command line messages")
struct CommandLineMessageTests {
    @Test("-e takes statements that begin with a comment")
    func commentFirst() throws {
        let result = try runWeir(["-e", "-- the pages\nSELECT page FROM clicks"], input: "{\"page\": \"/a\"}\n")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "{\"page\":\"/a\"}\n")
    }

    @Test("statements without a query say so", arguments: [[String](["-e", ""]), ["-e", "CREATE TABLE t (a INT)"]])
    func noQuery(_ arguments: [String]) throws {
        let result = try runWeir(arguments)
        #expect(result.status == 0)
        #expect(result.errors.hasPrefix("weir: no query to run"), "\(result.errors)")
    }

    @Test("files that cannot be read are named with the reason")
    func fileErrors() throws {
        let missing = try runWeir(["nonexist.sql"])
        #expect(missing.status == 2)
        #expect(missing.errors == "weir: cannot read nonexist.sql: No such file or directory\n")
        let directory = try runWeir(["samples"])
        #expect(directory.errors == "weir: cannot read samples: Is a directory\n")
        let data = try runWeir(["--input", "nonexist.ndjson", "-e", "SELECT page FROM clicks"])
        #expect(data.status == 1)
        #expect(data.errors == "weir: cannot open nonexist.ndjson: No such file or directory\n")
    }
}

@Suite("Tools around weir")
struct ToolTests {
    func run(_ binary: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    var generator: String { URL(fileURLWithPath: weirBinary).deletingLastPathComponent().appendingPathComponent("weir-gen").path }

    @Test("weir-gen: --help on stdout with status 0, an unknown flag refused with the one meant, --start takes a time")
    func generatorArguments() throws {
        let help = try run(generator, ["--help"])
        #expect(help.status == 0 && help.output.contains("--events") && help.errors.isEmpty)
        let typo = try run(generator, ["--evnets", "3"])
        #expect(typo.status != 0 && typo.errors.contains("Did you mean '--events'?") && typo.output.isEmpty)
        let start = try run(generator, ["--events", "1", "--start", "2024-04-25 10:00:00"])
        #expect(start.output.hasSuffix("\"timestamp\": \"2024-04-25 10:00:00\"}\n"))
    }

    @Test("shell completion scripts from the argument parser, and a man page in the repository")
    func completionAndManual() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try run(weirBinary, ["--generate-completion-script", shell])
            #expect(script.status == 0 && script.output.contains("watermark-delay"), "\(shell)")
        }
        let manual = try String(contentsOfFile: root + "/docs/weir.1", encoding: .utf8)
        for option in ["watermark-delay", "idle-timeout", "max-line-bytes", "final"] {
            #expect(manual.contains(option), "the man page lacks --\(option): regenerate it (README, Documentation)")
        }
    }
}

@Suite("Silent surprises said")
struct SurpriseTests {
    @Test("--input that no table reads is named; event times in 1970 (epoch seconds read as milliseconds) are explained once")
    func warnings() throws {
        let ignored = try runWeir(["--input", "/dev/null", "-e",
                                   "CREATE TABLE c (page STRING) WITH ('connector' = 'filesystem', 'path' = 'samples/clicks.ndjson'); SELECT page FROM c"])
        #expect(ignored.status == 0)
        #expect(ignored.errors.contains("weir: warning: --input /dev/null is not read: c reads samples/clicks.ndjson (its WITH clause)"))
        let seconds = try runWeir(["queries/clicks_per_page.sql"], input: #"{"page": "/a", "timestamp": 1714039200}"# + "\n" + #"{"page": "/a", "timestamp": 1714039201}"# + "\n")
        #expect(seconds.errors.components(separatedBy: "in 1970: weir reads a number as milliseconds since the epoch").count == 2)
        let normal = try runWeir(["queries/clicks_per_page.sql"], input: try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8))
        #expect(!normal.errors.contains("1970"))
        #expect(!normal.errors.contains("never appeared"))
        let misspelt = try runWeir(["-e", "SELECT pag, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), pag"],
                                   input: try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8))
        #expect(misspelt.errors.contains("weir: warning: field pag never appeared in the input of clicks, so it is NULL in every row; did you mean page?"))
        let directory = try runWeir(["--input", "samples", "queries/clicks_per_page.sql"])
        #expect(directory.status == 1)
        #expect(directory.errors.contains("weir: cannot read samples: Is a directory"))
        // A field only some events carry is not one that never appeared.
        let optional = try runWeir(["-e", "SELECT page, duration_ms FROM clicks"], input: try String(contentsOfFile: root + "/samples/clicks.ndjson", encoding: .utf8))
        #expect(!optional.errors.contains("never appeared"))
    }
}

@Suite("Progress line")
struct ProgressTests {
    @Test("on a terminal a file's reading shows a progress line, cleared at the end; --quiet has none")
    func progressLine() throws {
        for quiet in [false, true] {
            let terminal = try PseudoTerminal(executable: weirBinary,
                                              arguments: ["--format", "ndjson", "--input", "samples/clicks.ndjson", "queries/clicks_per_page.sql"] + (quiet ? ["--quiet"] : []),
                                              environment: ["TERM": "dumb", "PATH": "/usr/bin:/bin", "WEIR_PROGRESS_AFTER_MS": "0"])
            #expect(terminal.waitFor("\"click_count\":7"))
            var status: Int32?
            for _ in 0..<200 where status == nil {
                status = terminal.exitStatus()
                if status == nil { usleep(20_000) }
            }
            #expect(status == 0)
            if quiet {
                #expect(!terminal.screen.contains("weir: "), "\(terminal.screen)")
            } else {
                #expect(terminal.screen.contains("\rweir: 4.5 KB of 4.5 KB (100%), 54 events, "), "\(terminal.screen)")
                // Cleared before more results and at the end: no result follows it on its line.
                #expect(!terminal.screen.contains("/s\u{1B}[K{"), "\(terminal.screen)")
                #expect(terminal.screen.contains("\r\u{1B}[K"))
            }
        }
    }
}
