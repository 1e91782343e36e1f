import CReadline
import QueryPlanner
import SQLSyntax
import StreamRuntime
import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive shell: GNU readline line editing and history, statements over several
/// lines, meta commands, completion. Every statement runs through the same `Session` as
/// `weir FILE.sql`.
struct Shell {
    let session: Session
    var format: OutputFormat
    var timing = true
    /// `\\o FILE`: where results go instead of the terminal.
    private var resultsFile: Int32?
    private var resultsPath: String?
    /// The last statement run, for `\\e` with nothing pending.
    private var lastStatement = ""
    /// Lines of a statement not yet ended by `;`.
    private var pending: [String] = []

    init(session: Session, format: OutputFormat) {
        self.session = session
        self.format = format
    }

    static let metaCommands = ["\\help", "\\q", "\\tables", "\\describe", "\\format", "\\timing", "\\source", "\\o", "\\e", "\\functions"]

    mutating func run() -> Int32 {
        if let missing = weir_readline_open() {
            Terminal.printError("weir: the interactive shell \(String(cString: missing))")
            return 2
        }
        let historyPath = (getenv("HOME").map { String(cString: $0) } ?? ".") + "/.weir_history"
        ShellState.session = session
        installReadline(historyPath: historyPath)
        FileSource.cancelWait = { Terminal.interrupted != 0 }
        FileSource.waitingForWriter = { path in
            Terminal.write(1, "Waiting for a writer on the FIFO \(path) (Ctrl-C cancels)…\n")
        }
        Terminal.write(1, "weir \(Weir.version): streaming SQL over NDJSON. \\help for help, \\q to quit.\n")
        while true {
            let stop = Terminal.interrupted
            if stop != 0, stop != SIGINT {
                // Asked to end (SIGTERM, SIGHUP, SIGQUIT), at the prompt or during a query.
                Terminal.write(1, "\n")
                return 128 + stop
            }
            Terminal.interrupted = 0
            ShellState.cancelledLine = false
            let prompt = pending.isEmpty ? "weir> " : "  ... "
            guard let raw = readline(prompt) else {
                Terminal.write(1, "\n")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if Terminal.interrupted != 0, Terminal.interrupted != SIGINT { continue }
            if ShellState.cancelledLine {
                // Ctrl-C dropped the statement begun on earlier lines too.
                pending = []
            }
            // A backslash command runs at once, whatever statement is pending (psql's rule).
            if line.trimmingCharacters(in: " ").hasPrefix("\\") {
                addHistory(line, historyPath)
                if !runMeta(line.trimmingCharacters(in: " ")) { break }
                continue
            }
            pending.append(line)
            let text = pending.joined(separator: "\n")
            let statements = Lexer.splitStatements(text)
            guard statements.isEmpty || statements.last!.terminated else { continue }
            // One statement, one history entry, however many lines it took.
            // (Its lines joined by spaces: the history file keeps one entry a line.)
            if !text.trimmingCharacters(in: " ").isEmpty {
                addHistory(pending.map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }.joined(separator: " "), historyPath)
            }
            pending = []
            lastStatement = text
            for statement in statements {
                runStatement(statement.text)
            }
        }
        return 0
    }

    private func addHistory(_ entry: String, _ historyPath: String) {
        add_history(entry)
        append_history(1, historyPath)
    }

    private func installReadline(historyPath: String) {
        if access(historyPath, F_OK) != 0 {
            let fd = open(historyPath, O_WRONLY | O_CREAT, 0o600)
            if fd >= 0 { close(fd) }
        }
        read_history(historyPath)
        weir_rl_setup(UnsafePointer(strdup("weir")), { text, start, _ in
            weir_rl_no_filename_completion()
            ShellState.prepareCompletions(prefix: text.map { String(cString: $0) } ?? "", lineStart: start == 0,
                                          line: String(cString: weir_rl_line()))
            return rl_completion_matches(text) { _, state in ShellState.nextCompletion(state) }
        }, {
            // SIGTERM, SIGHUP or SIGQUIT at the prompt leaves the shell.
            if Terminal.interrupted != 0, Terminal.interrupted != SIGINT {
                weir_rl_done()
                return 0
            }
            // Ctrl-C at the prompt drops the line being typed and shows a new prompt.
            if Terminal.interrupted != 0 {
                Terminal.interrupted = 0
                ShellState.cancelledLine = true
                weir_rl_reset_line("weir> ")
            }
            return 0
        })
    }

    /// Flink SQL client's `SHOW TABLES`, `SHOW FUNCTIONS` and `DESCRIBE t` as the meta command
    /// that answers it, or nil for any other statement.
    static func metaCommand(forStatement text: String) -> String? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        if let last = words.last, last.hasSuffix(";") { words[words.count - 1] = String(last.dropLast()) }
        words.removeAll { $0.isEmpty }
        let upper = words.map { $0.uppercased() }
        switch upper.first {
        case "SHOW" where upper.count == 2 && ["TABLES", "VIEWS"].contains(upper[1]): return "\\tables"
        case "SHOW" where upper.count == 2 && upper[1] == "FUNCTIONS": return "\\functions"
        case "DESCRIBE", "DESC":
            guard words.count == 2 else { return nil }
            return "\\describe " + words[1].filter { $0 != "`" }
        default: return nil
        }
    }

    /// Runs one statement; errors are shown and the shell goes on.
    private mutating func runStatement(_ text: String) {
        if let command = Self.metaCommand(forStatement: text) {
            _ = runMeta(command)
            return
        }
        let outcomes: [StatementOutcome]
        do {
            outcomes = try session.prepare(text)
        } catch {
            Terminal.printError(error.rendered())
            return
        }
        for outcome in outcomes {
            switch outcome {
            case .tableCreated(let table):
                let source: String
                switch table.source {
                case .file(let path): source = "reads \(path)"
                case .standardInput, .derived: source = "reads standard input (not available in the shell: add WITH ('connector' = 'filesystem', 'path' = '…', 'format' = 'json'))"
                case let .jdbc(url, name): source = "is database table \(name) at \(JDBCURL.redacted(url))"
                case .sinkOnly(let connector): source = "a '\(connector)' sink"
                case .inline: source = "holds the query's rows"
                case .generated(let spec): source = "makes up \(spec.count.map { "\($0) rows" } ?? "rows without end") (datagen)"
                }
                Terminal.write(1, "Created table \(table.name) (\(table.columns.count) columns), \(source).\n")
            case .explained(let plan):
                Terminal.write(1, plan + "\n")
            case .query(let plan):
                runQuery(plan)
            case .relational(let plan):
                runRelational(plan)
            case .viewCreated(let name):
                Terminal.write(1, "Created view \(name).\n")
            case let .set(key, value):
                Terminal.write(1, "Set '\(key)' = '\(value)'.\n")
            case .insert(let plan):
                runInsert(plan)
            }
        }
    }

    /// A query of several operators: every table it reads must name a file.
    private func runRelational(_ plan: RelationalPlan) {
        if let stdin = plan.root.sources.first(where: { $0.table.source == .standardInput }) {
            Terminal.printError("""
                error: \(stdin.table.name) reads standard input, which is this terminal
                  = help: declare it with a file: CREATE TABLE \(stdin.table.name) (…) WITH ('connector' = 'filesystem', 'path' = 'samples/clicks.ndjson', 'format' = 'json')
                """)
            return
        }
        let started = Clock.milliseconds()
        Terminal.interrupted = 0
        let sink = OutputSink(columns: plan.outputColumns, format: format, write: { [resultsFile] in Terminal.write(resultsFile ?? 1, $0) },
                              diagnostics: { Terminal.printError($0) })
        sink.streamingTable = plan.emitsPerEvent
        let statistics: QueryStatistics
        let dropped: [String]
        do {
            defer { sink.close() }
            (statistics, dropped) = try session.run(plan, input: MemorySource([]), sink: sink, liveTable: format == .table,
                                                    shouldStop: { Terminal.interrupted != 0 })
        } catch {
            reportFailure(error)
            return
        }
        let cancelled = Terminal.interrupted != 0
        if Terminal.interrupted == SIGINT { Terminal.interrupted = 0 }
        for line in sink.summary(lateFileGiven: false, errorsFileGiven: false, statistics: statistics, commandLine: false) + dropped { Terminal.printError(line) }
        var summary = "\(statistics.rows) row\(statistics.rows == 1 ? "" : "s")"
        if timing { summary += " (\(Clock.milliseconds() - started) ms)" }
        if cancelled { summary = "\nCancelled. " + summary }
        Terminal.write(1, summary + "\n")
    }

    /// A run that could not go on: a cancelled wait quietly, anything else as an error.
    private func reportFailure(_ error: any Error) {
        if let error = error as? InputError, error.cancelled {
            if Terminal.interrupted == SIGINT { Terminal.interrupted = 0 }
            Terminal.write(1, "Cancelled.\n")
        } else {
            Terminal.printError("error: \(error)")
        }
    }

    /// Inserts: every table they read must name a file or a database.
    private func runInsert(_ plan: InsertPlan) {
        for target in plan.targets {
            if let stdin = target.plan.root.sources.first(where: { $0.table.source == .standardInput }) {
                Terminal.printError("error: \(stdin.table.name) reads standard input, which is this terminal")
                return
            }
        }
        Terminal.interrupted = 0
        let sink = OutputSink(columns: [], format: format, write: { [resultsFile] in Terminal.write(resultsFile ?? 1, $0) }, diagnostics: { Terminal.printError($0) })
        do {
            let (statistics, dropped, reports) = try session.run(plan, input: MemorySource([]), output: sink,
                                                                 shouldStop: { Terminal.interrupted != 0 })
            if Terminal.interrupted == SIGINT { Terminal.interrupted = 0 }
            for line in sink.summary(lateFileGiven: false, errorsFileGiven: false, statistics: statistics, commandLine: false) + dropped {
                Terminal.printError(line)
            }
            for report in reports { Terminal.printError(report.summary) }
        } catch {
            reportFailure(error)
            return
        }
    }

    private func runQuery(_ plan: QueryPlan) {
        guard case .file = plan.table.source else {
            Terminal.printError("""
                error: \(plan.table.name) reads standard input, which is this terminal
                  = help: declare it with a file: CREATE TABLE \(plan.table.name) (…) WITH ('connector' = 'filesystem', 'path' = 'samples/clicks.ndjson', 'format' = 'json')
                """)
            return
        }
        let source: FileSource
        do {
            source = try InputChoice.open(plan.table.source, input: nil)
        } catch {
            reportFailure(error)
            return
        }
        let started = Clock.milliseconds()
        Terminal.interrupted = 0
        let sink = OutputSink(columns: plan.outputColumns, format: format, write: { [resultsFile] in Terminal.write(resultsFile ?? 1, $0) },
                              diagnostics: { Terminal.printError($0) })
        sink.streamingTable = plan.emitsPerEvent
        let statistics: QueryStatistics
        do {
            defer { sink.close() }
            statistics = try session.run(plan, input: source, sink: sink, shouldStop: { Terminal.interrupted != 0 })
        } catch {
            reportFailure(error)
            return
        }
        let cancelled = Terminal.interrupted != 0
        if Terminal.interrupted == SIGINT { Terminal.interrupted = 0 }
        for line in sink.summary(lateFileGiven: false, errorsFileGiven: false, statistics: statistics, commandLine: false) { Terminal.printError(line) }
        var summary = "\(statistics.rows) row\(statistics.rows == 1 ? "" : "s")"
        if plan.mode == .windowAggregate { summary += ", \(statistics.firings) window\(statistics.firings == 1 ? "" : "s")" }
        summary += ", \(statistics.lateEvents) late event\(statistics.lateEvents == 1 ? "" : "s")"
        if statistics.badLines > 0 { summary += ", \(statistics.badLines) bad line\(statistics.badLines == 1 ? "" : "s")" }
        if timing { summary += " (\(Clock.milliseconds() - started) ms)" }
        if cancelled { summary = "\nCancelled. " + summary }
        Terminal.write(1, summary + "\n")
    }

    /// Runs a meta command; returns false to leave the shell.
    private mutating func runMeta(_ line: String) -> Bool {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let argument = parts.dropFirst().joined(separator: " ")
        switch parts[0] {
        case "\\q", "\\quit":
            return false
        case "\\help", "\\h", "\\?":
            Terminal.write(1, """
                Statements end with ';' and may span lines:
                  CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3),
                    WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND)
                    WITH ('connector' = 'filesystem', 'path' = 'samples/clicks.ndjson', 'format' = 'json');
                  SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page;
                  EXPLAIN SELECT …;
                Meta commands:
                  \\tables                   the tables of this session
                  \\describe TABLE           a table's columns and watermark
                  \\format table|ndjson|csv  how results are shown (now: \(format.rawValue))
                  \\timing on|off            show how long a query took (now: \(timing ? "on" : "off"))
                  \\source FILE.sql          run the statements of a file
                  \\o FILE                   send results to FILE (\\o alone: back to the terminal)
                  \\e                        edit the statement being typed (or the last one) in $EDITOR, then run it
                  \\functions [PREFIX]       the functions weir knows, with their arguments
                  \\q                        quit (or Ctrl-D)
                Ctrl-C cancels a running query; Tab completes keywords, tables and columns.

                """)
        case "\\tables", "\\dt":
            let tables = session.catalog.allTables
            if tables.isEmpty {
                Terminal.write(1, "No tables yet: CREATE TABLE … WITH ('connector' = 'filesystem', 'path' = '…', 'format' = 'json');\n")
            } else {
                let rows = tables.map { table -> [String] in
                    var source = "stdin"
                    if case .file(let path) = table.source { source = path }
                    return [table.name, "\(table.columns.count)", source]
                }
                Terminal.write(1, RowFormatter.box(header: ["table", "columns", "source"], rows: rows, numeric: [false, true, false]))
            }
        case "\\describe", "\\d":
            guard let table = session.catalog.table(named: argument) else {
                let hint = closestName(to: argument, among: session.catalog.allTables.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
                Terminal.printError("error: no table named '\(argument)'\(hint)")
                return true
            }
            let rows = table.columns.map { column -> [String] in
                var note = ""
                if column.name == table.rowtime { note = "event time, watermark - \(formatDuration(table.watermarkDelay ?? 0))" }
                return [column.name, column.type.description, note]
            }
            Terminal.write(1, RowFormatter.box(header: ["column", "type", ""], rows: rows, numeric: [false, false, false]))
        case "\\format":
            guard let chosen = OutputFormat(rawValue: argument.lowercased()) else {
                Terminal.printError("error: \\format takes table, ndjson or csv")
                return true
            }
            format = chosen
            Terminal.write(1, "Results as \(chosen.rawValue).\n")
        case "\\timing":
            switch argument.lowercased() {
            case "on": timing = true
            case "off": timing = false
            case "": timing.toggle()
            default:
                Terminal.printError("error: \\timing takes on or off")
                return true
            }
            Terminal.write(1, "Timing is \(timing ? "on" : "off").\n")
        case "\\source", "\\i":
            let text: String
            switch Terminal.readFile(argument) {
            case .success(let contents): text = contents
            case .failure(let error):
                Terminal.printError("error: \(error)")
                return true
            }
            for statement in Lexer.splitStatements(text) { runStatement(statement.text) }
        case "\\o", "\\out":
            if let resultsFile { close(resultsFile) }
            resultsFile = nil
            resultsPath = nil
            guard !argument.isEmpty else {
                Terminal.write(1, "Results to the terminal.\n")
                return true
            }
            guard let fd = Terminal.openForWriting(argument) else {
                Terminal.printError("error: cannot write \(argument): \(String(cString: strerror(errno)))")
                return true
            }
            resultsFile = fd
            resultsPath = argument
            Terminal.targets[fd] = "results to \(argument)"
            Terminal.write(1, "Results to \(argument).\n")
        case "\\e", "\\edit":
            editAndRun()
        case "\\functions", "\\df":
            let prefix = argument.uppercased()
            let rows = FunctionSignatures.all.filter { prefix.isEmpty || $0.name.hasPrefix(prefix) }.sorted { $0.name < $1.name }.map { [$0.name, $0.signature] }
            if rows.isEmpty {
                Terminal.printError("error: no function starts with \(argument)")
            } else {
                Terminal.write(1, RowFormatter.box(header: ["function", "arguments"], rows: rows, numeric: [false, false]))
            }
        default:
            let hint = closestName(to: parts[0], among: Self.metaCommands).map { "did you mean \($0)? " } ?? ""
            Terminal.printError("error: unknown command \(parts[0]): \(hint)\\help lists the commands")
        }
        return true
    }
}

extension Shell {
    /// psql's `\\e`: the statement being typed (or the last one run) in `$EDITOR` (`vi` by
    /// default); what is saved runs when the editor exits successfully, and becomes the last
    /// statement.
    mutating func editAndRun() {
        let text = pending.isEmpty ? lastStatement : pending.joined(separator: "\n")
        var template = Array("/tmp/weir-edit-XXXXXX.sql".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            Terminal.printError("error: cannot make a file to edit: \(String(cString: strerror(errno)))")
            return
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        Terminal.write(fd, text.isEmpty || text.hasSuffix("\n") ? text : text + "\n")
        close(fd)
        let editor = getenv("VISUAL").map { String(cString: $0) } ?? getenv("EDITOR").map { String(cString: $0) } ?? "vi"
        // Through the shell, as psql does: EDITOR may hold arguments.
        let status = FlinkRunner.run(["/bin/sh", "-c", "\(editor) \"$1\"", "sh", path])
        guard status == 0 else {
            Terminal.printError("error: the editor exited with status \(status); nothing run")
            return
        }
        guard case .success(let edited) = Terminal.readFile(path) else { return }
        pending = []
        let statements = Lexer.splitStatements(edited)
        guard !statements.isEmpty else { return }
        lastStatement = edited
        add_history(edited.split(separator: "\n").map { String($0).trimmingCharacters(in: " ") }.joined(separator: " "))
        Terminal.write(1, edited.hasSuffix("\n") ? edited : edited + "\n")
        for statement in statements { runStatement(statement.text) }
    }
}

/// State the C callbacks of readline reach (they cannot capture Swift context).
enum ShellState {
    nonisolated(unsafe) static var session: Session?
    nonisolated(unsafe) static var cancelledLine = false
    nonisolated(unsafe) static var candidates: [String] = []
    nonisolated(unsafe) static var index = 0

    static func prepareCompletions(prefix: String, lineStart: Bool, line: String = "") {
        var words: [String]
        let tables = session?.catalog.allTables ?? []
        let command = line.trimmingCharacters(in: " ").split(separator: " ").first.map(String.init) ?? ""
        if prefix.hasPrefix("\\") {
            words = Shell.metaCommands
        } else if ["\\describe", "\\d"].contains(command) {
            words = tables.map(\.name)
        } else if ["\\format"].contains(command) {
            words = ["table", "ndjson", "csv"]
        } else if ["\\timing"].contains(command) {
            words = ["on", "off"]
        } else {
            words = Keyword.all + FunctionNames.all
            for table in tables {
                words.append(table.name)
                words += table.columns.map(\.name)
            }
            words += WindowColumn.names
        }
        let lower = prefix.lowercased()
        var seen = Set<String>()
        candidates = words.filter { $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted }.sorted()
        // Keywords complete in the case the user typed.
        if let first = prefix.first, first.isLowercase {
            candidates = candidates.map { Keyword.all.contains($0) || FunctionNames.all.contains($0) ? $0.lowercased() : $0 }
        }
        index = 0
    }

    static func nextCompletion(_ state: Int32) -> UnsafeMutablePointer<CChar>? {
        if state == 0 { index = 0 }
        guard index < candidates.count else { return nil }
        index += 1
        return strdup(candidates[index - 1])
    }
}

enum Clock {
    static func milliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
