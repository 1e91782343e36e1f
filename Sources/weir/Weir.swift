import ArgumentParser
import QueryPlanner
import SQLSyntax
import StreamRuntime
import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `weir`: streaming SQL over NDJSON events.
@main
struct Weir: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "Streaming SQL over NDJSON events, in Flink's dialect: each window's rows as it closes.",
        discussion: """
        Examples:
          weir queries/clicks_per_page.sql < samples/clicks.ndjson
          tail -f clicks.log | weir queries/clicks_per_page.sql
          weir -e "SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"
          weir                      (on a terminal: the interactive shell)
          weir flink q.sql --source filesystem --path clicks.ndjson   (the file as a Flink SQL script)

        Exit status: 0 done, 1 the query is wrong, 2 wrong usage, 3 bad input under --strict.
        """,
        version: version
    )

    @Argument(help: "A file of SQL statements: CREATE TABLE statements, then one query.")
    var queryFile: String?

    // Unconditional: the statements may start with `--` (a comment) or `-`.
    @Option(name: .short, parsing: .unconditional, help: ArgumentHelp("The statements inline instead of a file.", valueName: "sql"))
    var execute: String?

    @Option(help: ArgumentHelp("Read events from FILE instead of standard input.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Output format: ndjson, table, csv or debezium (default: table on a terminal, ndjson otherwise).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("Write every late event (the input line, byte for byte) to FILE.", valueName: "file"))
    var late: String?

    @Option(help: ArgumentHelp("Write every bad input line to FILE.", valueName: "file"))
    var errors: String?

    @Flag(help: "Stop at the first bad input line (exit status 3).")
    var strict = false

    @Option(help: ArgumentHelp("Watermark delay for streams declared without WATERMARK, e.g. 5s, 500ms, 1m.", valueName: "duration"))
    var watermarkDelay: String = "0s"

    @Option(help: ArgumentHelp("On a live stream, advance the watermark by DURATION after DURATION without input.", valueName: "duration"))
    var idleTimeout: String?

    @Option(help: ArgumentHelp("A line longer than this is a bad line, skipped without being held (default 64MiB; e.g. 1MiB, 4096).", valueName: "size"))
    var maxLineBytes: String?

    @Option(help: ArgumentHelp("An event further ahead of the watermark than DURATION is a bad line instead of making later events late (e.g. 1h).", valueName: "duration"))
    var maxEventTimeSkew: String?

    @Flag(help: "For an updating result, print only the final table at end of input (no changes, no op).")
    var final = false

    @Flag(help: "Print the query's plan instead of running it.")
    var explain = false

    @Flag(help: "No progress line on standard error while a file is read.")
    var quiet = false

    @Flag(help: "With --input FILE: keep reading as the file grows, across rotation and truncation, as tail -F.")
    var follow = false

    @Option(help: ArgumentHelp("Write results to FILE instead of standard output (with --checkpoint, exactly once).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Checkpoint the run into DIR and resume from its latest checkpoint on start.", valueName: "dir"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("How often to checkpoint (default 10s, or the script's execution.checkpointing.interval).", valueName: "duration"))
    var checkpointInterval: String?

    @Option(help: ArgumentHelp("With --checkpoint on standard input: a name for the stream; a checkpoint of another stream is refused.", valueName: "name"))
    var inputId: String?

    static func main() {
        #if canImport(Glibc)
        // Each decoded piece's buffers are freed and allocated again for the next: kept in the
        // heap (not unmapped or trimmed), a new piece reuses pages already mapped instead of
        // faulting in fresh zeroed ones (a third of the faults and half the system time on
        // the bench file; peak memory unchanged). `mallopt` is glibc's, looked up because the
        // Glibc module does not import malloc.h; -3 and -1 are M_MMAP_THRESHOLD and
        // M_TRIM_THRESHOLD there.
        if let symbol = dlsym(nil, "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(-3, 32 << 20)
            _ = mallopt(-1, 64 << 20)
        }
        #endif
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "checkpoint" {
            Glibc.exit(CheckpointCommand.run(Array(arguments.dropFirst())))
        }
        if arguments.first == "flink" {
            do {
                let command = try FlinkCommand.parse(Array(arguments.dropFirst()))
                Glibc.exit(command.runFlink())
            } catch {
                let code = FlinkCommand.exitCode(for: error)
                if code == .success {
                    Terminal.write(1, FlinkCommand.fullMessage(for: error) + "\n")
                    Glibc.exit(0)
                }
                Terminal.printError("weir flink: " + FlinkCommand.fullMessage(for: error))
                Glibc.exit(2)
            }
        }
        if let options = RunOptions.plainRun(arguments) {
            Glibc.exit(options.run())
        }
        do {
            var command = try parseAsRoot(arguments)
            if let weir = command as? Weir {
                Glibc.exit(weir.runOptions.run())
            }
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Terminal.write(1, fullMessage(for: error) + "\n")
                Glibc.exit(0)
            }
            Terminal.printError("weir: " + fullMessage(for: error))
            Glibc.exit(2)
        }
    }

    /// What ArgumentParser read, for `RunOptions.run`.
    var runOptions: RunOptions {
        RunOptions(queryFile: queryFile, execute: execute, input: input, format: format, late: late,
                   errors: errors, strict: strict, watermarkDelay: watermarkDelay, idleTimeout: idleTimeout,
                   maxLineBytes: maxLineBytes, maxEventTimeSkew: maxEventTimeSkew, final: final,
                   explain: explain, quiet: quiet, follow: follow, output: output, checkpoint: checkpoint,
                   checkpointInterval: checkpointInterval, inputId: inputId)
    }
}

/// The main command's options as plain values. `plainRun` reads the command line of a plain run
/// (a query file or `-e`, long options and flags each given once) without ArgumentParser, whose
/// reflection over the command's declarations costs 8.9M instructions a start (40 an event of a
/// 200,000-event file); anything else (`--help`, a misspelt or repeated option, `--`, a value
/// starting with `-`) goes to ArgumentParser, which also writes every usage error.
struct RunOptions: Equatable {
    var queryFile: String?
    var execute: String?
    var input: String?
    var format: String?
    var late: String?
    var errors: String?
    var strict = false
    var watermarkDelay = "0s"
    var idleTimeout: String?
    var maxLineBytes: String?
    var maxEventTimeSkew: String?
    var final = false
    var explain = false
    var quiet = false
    var follow = false
    var output: String?
    var checkpoint: String?
    var checkpointInterval: String?
    var inputId: String?

    /// The options taking a value, by their long names as `Weir` declares them (a test holds the
    /// two to the same meaning). Key paths are immutable: `nonisolated(unsafe)` only because the
    /// type does not say so.
    nonisolated(unsafe) static let valued: [String: WritableKeyPath<RunOptions, String?>] = [
        "--input": \.input, "--format": \.format, "--late": \.late, "--errors": \.errors,
        "--idle-timeout": \.idleTimeout, "--max-line-bytes": \.maxLineBytes,
        "--max-event-time-skew": \.maxEventTimeSkew, "--output": \.output, "--checkpoint": \.checkpoint,
        "--checkpoint-interval": \.checkpointInterval, "--input-id": \.inputId,
    ]
    nonisolated(unsafe) static let flags: [String: WritableKeyPath<RunOptions, Bool>] = [
        "--strict": \.strict, "--final": \.final, "--explain": \.explain, "--quiet": \.quiet, "--follow": \.follow,
    ]

    /// The options of a plain run, or nil for ArgumentParser to read.
    static func plainRun(_ arguments: [String]) -> RunOptions? {
        var options = RunOptions()
        var seen = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                guard options.queryFile == nil else { return nil }
                options.queryFile = argument
                continue
            }
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
                guard value != "" else { return nil }  // ArgumentParser reads on past `--x=`
            }
            guard seen.insert(name).inserted else { return nil }
            if name == "-e" {
                // Unconditional, as declared: the statements may start with `-`.
                guard index < arguments.count else { return nil }
                options.execute = arguments[index]
                index += 1
            } else if let flag = flags[name], value == nil {
                options[keyPath: flag] = true
            } else if name == "--watermark-delay" || valued[name] != nil {
                if value == nil {
                    guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                    value = arguments[index]
                    index += 1
                }
                if let field = valued[name] {
                    options[keyPath: field] = value
                } else {
                    options.watermarkDelay = value!
                }
            } else {
                return nil
            }
        }
        return options
    }

    /// Runs the command; returns the exit status.
    func run() -> Int32 {
        Terminal.guardStandardDescriptors()
        Terminal.installSignalHandlers()
        FileSource.cancelWait = { Terminal.interrupted != 0 }
        guard let delay = parseDuration(watermarkDelay) else {
            Terminal.printError("weir: invalid --watermark-delay '\(watermarkDelay)': write it like 5s, 500ms, 1m (at most \(maxDurationText))")
            return 2
        }
        var idle: Int64?
        if let idleTimeout {
            guard let parsed = parseDuration(idleTimeout), parsed > 0 else {
                Terminal.printError("weir: invalid --idle-timeout '\(idleTimeout)': write it like 30s, 1m (at most \(maxDurationText))")
                return 2
            }
            idle = parsed
        }
        var outputFormat: OutputFormat = Terminal.isTerminal(1) ? .table : .ndjson
        if let format {
            guard let parsed = OutputFormat(rawValue: format.lowercased()) else {
                Terminal.printError("weir: unknown --format '\(format)': choose ndjson, table, csv or debezium")
                return 2
            }
            outputFormat = parsed
        }
        var limits = InputLimits()
        if let maxLineBytes {
            guard let bytes = parseByteSize(maxLineBytes), bytes > 0 else {
                Terminal.printError("weir: invalid --max-line-bytes '\(maxLineBytes)': write it like 1048576, 64KiB, 64MiB or 1GiB (at most 1TiB)")
                return 2
            }
            limits.maxLineBytes = bytes
        }
        if let maxEventTimeSkew {
            guard let skew = parseDuration(maxEventTimeSkew) else {
                Terminal.printError("weir: invalid --max-event-time-skew '\(maxEventTimeSkew)': write it like 1h, 10m, 30s (at most \(maxDurationText))")
                return 2
            }
            limits.maxEventTimeSkew = skew
        }
        var sessionOptions = SessionOptions(defaultWatermarkDelay: delay, limits: limits)
        sessionOptions.finalTables = final
        let session = Session(options: sessionOptions)
        session.warn = { Terminal.printError("weir: warning: " + $0) }
        let script: String
        let fileName: String?
        switch (queryFile, execute) {
        case (let path?, nil):
            switch Terminal.readFile(path) {
            case .success(let text): script = text
            case .failure(let error):
                Terminal.printError("weir: \(error)")
                return 2
            }
            fileName = path
        case (nil, let text?):
            script = text
            fileName = nil
        case (nil, nil):
            if Terminal.isTerminal(0) && Terminal.isTerminal(1) {
                var shell = Shell(session: session, format: format.flatMap { OutputFormat(rawValue: $0) } ?? .table)
                return shell.run()
            }
            Terminal.printError("weir: give a query file or -e 'SQL' (the interactive shell needs a terminal)\nUsage: weir QUERY.sql < events.ndjson")
            return 2
        case (_?, _?):
            Terminal.printError("weir: give either a query file or -e, not both")
            return 2
        }
        var runner = ScriptRunner(session: session, format: outputFormat, input: input, late: late, errors: errors,
                                  strict: strict, idleTimeout: idle, explainOnly: explain)
        runner.finalTable = final
        runner.output = output
        if let checkpoint {
            runner.checkpointDirectory = checkpoint
            runner.inputID = inputId
            if let checkpointInterval {
                guard let parsed = parseDuration(checkpointInterval), parsed > 0 else {
                    Terminal.printError("weir: invalid --checkpoint-interval '\(checkpointInterval)': write it like 10s, 1m (at most \(maxDurationText))")
                    return 2
                }
                runner.checkpointInterval = parsed
            }
        } else if checkpointInterval != nil || inputId != nil {
            Terminal.printError("weir: \(inputId != nil ? "--input-id" : "--checkpoint-interval") needs --checkpoint DIR")
            return 2
        }
        runner.showProgress = !quiet && !follow && Terminal.isTerminal(2)
        if follow {
            guard input != nil else {
                Terminal.printError("weir: --follow reads the file named by --input (standard input already streams)")
                return 2
            }
            runner.follow = true
        }
        return runner.run(script, fileName: fileName)
    }
}

/// The longest duration the command line takes: 100 years, far beyond any window or delay,
/// and far from where millisecond arithmetic on event times could overflow.
let maxDuration: Int64 = 100 * 366 * 86_400_000
let maxDurationText = "100 years"

/// Milliseconds of `500ms`, `5s`, `1m`, `2h`, `1d` (a bare number is seconds); nil when
/// unreadable, negative or longer than `maxDuration`.
func parseDuration(_ text: String) -> Int64? {
    let trimmed = text.trimmingCharacters(in: " ")
    let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
    var number = trimmed
    var factor: Double = 1000
    for (suffix, unitFactor) in units where trimmed.hasSuffix(suffix) {
        number = String(trimmed.dropLast(suffix.count))
        factor = unitFactor
        break
    }
    guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
    let millis = (value * factor).rounded()
    guard millis <= Double(maxDuration) else { return nil }
    return Int64(millis)
}

/// Bytes of `4096`, `64KiB`, `64MiB`, `1GiB` (also `KB`, `MB`, `GB`, `k`, `m`, `g` as powers
/// of 1024); nil when unreadable or above 1 TiB.
func parseByteSize(_ text: String) -> Int? {
    let trimmed = text.trimmingCharacters(in: " ").lowercased()
    let units: [(String, Int)] = [("kib", 10), ("mib", 20), ("gib", 30), ("kb", 10), ("mb", 20), ("gb", 30), ("k", 10), ("m", 20), ("g", 30), ("b", 0)]
    var number = trimmed
    var shift = 0
    for (suffix, unitShift) in units where trimmed.hasSuffix(suffix) {
        number = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: " ")
        shift = unitShift
        break
    }
    guard let value = Int(number), value >= 0, value <= (1 << 40) >> shift else { return nil }
    return value << shift
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
