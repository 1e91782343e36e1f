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

        Exit status: 0 done, 1 the query is wrong, 2 wrong usage, 3 bad input under --strict.
        """,
        version: version
    )

    @Argument(help: "A file of SQL statements: CREATE TABLE statements, then one query.")
    var queryFile: String?

    @Option(name: .short, help: ArgumentHelp("The statements inline instead of a file.", valueName: "sql"))
    var execute: String?

    @Option(help: ArgumentHelp("Read events from FILE instead of standard input.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Output format: ndjson, table or csv (default: table on a terminal, ndjson otherwise).", valueName: "format"))
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

    @Flag(help: "Print the query's plan instead of running it.")
    var explain = false

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var weir = command as? Weir {
                let status = weir.runWeir()
                Glibc.exit(status)
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

    /// Runs the command; returns the exit status.
    mutating func runWeir() -> Int32 {
        Terminal.installSignalHandlers()
        guard let delay = parseDuration(watermarkDelay) else {
            Terminal.printError("weir: invalid --watermark-delay '\(watermarkDelay)': write it like 5s, 500ms, 1m")
            return 2
        }
        var idle: Int64?
        if let idleTimeout {
            guard let parsed = parseDuration(idleTimeout), parsed > 0 else {
                Terminal.printError("weir: invalid --idle-timeout '\(idleTimeout)': write it like 30s, 1m")
                return 2
            }
            idle = parsed
        }
        var outputFormat: OutputFormat = Terminal.isTerminal(1) ? .table : .ndjson
        if let format {
            guard let parsed = OutputFormat(rawValue: format.lowercased()) else {
                Terminal.printError("weir: unknown --format '\(format)': choose ndjson, table or csv")
                return 2
            }
            outputFormat = parsed
        }
        let session = Session(options: SessionOptions(defaultWatermarkDelay: delay))
        let script: String
        let fileName: String?
        switch (queryFile, execute) {
        case (let path?, nil):
            guard let text = Terminal.readFile(path) else {
                Terminal.printError("weir: cannot read \(path)")
                return 2
            }
            script = text
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
        let runner = ScriptRunner(session: session, format: outputFormat, input: input, late: late, errors: errors,
                                  strict: strict, idleTimeout: idle, explainOnly: explain)
        return runner.run(script, fileName: fileName)
    }
}

/// Milliseconds of `500ms`, `5s`, `1m`, `2h`, `1d` (a bare number is seconds).
func parseDuration(_ text: String) -> Int64? {
    let trimmed = text.trimmingCharacters(in: " ")
    let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
    for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
        let number = String(trimmed.dropLast(suffix.count))
        if let v = Int64(number), v >= 0 { return v * factor }
        if let d = Double(number), d >= 0 { return Int64((d * Double(factor)).rounded()) }
    }
    if let v = Int64(trimmed), v >= 0 { return v * 1000 }
    return nil
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
