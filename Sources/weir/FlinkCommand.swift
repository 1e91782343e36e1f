import ArgumentParser
import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `weir flink QUERY.sql`: the query file as a Flink SQL script for `sql-client.sh -f`.
struct FlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir flink",
        abstract: "Print a query file as a Flink SQL script that Flink's sql-client.sh -f runs as it is.",
        discussion: """
        Streams weir reads from standard input need a source on Flink, and undeclared streams
        need types (from --sample, or STRING). Examples:
          weir flink q.sql --source filesystem --path clicks.ndjson --sample clicks.ndjson
          weir flink q.sql --source kafka --topic clicks --bootstrap-servers kafka:9092 --sink print

        Exit status: 0 printed, 1 the file is wrong or has no Flink form (the reason on stderr), 2 wrong usage.
        """
    )

    @Argument(help: "The query file.")
    var queryFile: String

    @Option(help: ArgumentHelp("Where streams read from standard input come from on Flink: filesystem or kafka.", valueName: "kind"))
    var source: String?

    @Option(help: ArgumentHelp("The file (or directory) of every such stream, or of one (TABLE=PATH); repeatable.", valueName: "path"))
    var path: [String] = []

    @Option(help: ArgumentHelp("Kafka topic of the source.", valueName: "topic"))
    var topic: String?

    @Option(help: ArgumentHelp("Kafka bootstrap servers, host:port[,…].", valueName: "servers"))
    var bootstrapServers: String?

    @Option(help: ArgumentHelp("Kafka 'scan.startup.mode' (default earliest-offset).", valueName: "mode"))
    var startupMode: String = "earliest-offset"

    @Option(help: ArgumentHelp("Where the result goes when the file has no INSERT INTO: print, filesystem or kafka (default: the query itself, whose rows the SQL client shows).", valueName: "kind"))
    var sink: String?

    @Option(help: ArgumentHelp("Directory of a filesystem sink.", valueName: "path"))
    var sinkPath: String?

    @Option(help: ArgumentHelp("Format of a filesystem sink: json or csv.", valueName: "format"))
    var sinkFormat: String = "json"

    @Option(help: ArgumentHelp("Kafka topic of the sink.", valueName: "topic"))
    var sinkTopic: String?

    @Option(help: ArgumentHelp("NDJSON input to type undeclared streams' columns by: one for all, or TABLE=FILE; repeatable.", valueName: "file"))
    var sample: [String] = []

    @Option(help: ArgumentHelp("Watermark delay of streams declared without WATERMARK, as for weir.", valueName: "duration"))
    var watermarkDelay: String = "0s"

    @Flag(help: "Submit the script to a running Flink cluster (through PyFlink) and print its rows as NDJSON.")
    var run = false

    @Option(help: ArgumentHelp("The cluster's REST address for --run (default localhost:8081).", valueName: "host:port"))
    var jobmanager: String = "localhost:8081"

    @Flag(help: "With --run: print the job ids and return instead of waiting for rows.")
    var detach = false

    @Option(help: ArgumentHelp("With --run: the rows as ndjson (the default) or csv; an updating result's rows carry op.", valueName: "format"))
    var format: String = "ndjson"

    func runFlink() -> Int32 {
        var options = FlinkOptions()
        guard let delay = parseDuration(watermarkDelay) else {
            Terminal.printError("weir flink: invalid --watermark-delay '\(watermarkDelay)'")
            return 2
        }
        options.watermarkDelay = delay
        switch source {
        case nil: options.source = .none
        case "filesystem":
            var paths: [String: String] = [:]
            var all: String?
            for item in path {
                if let eq = item.firstIndex(of: "="), !item[..<eq].contains("/") {
                    paths[String(item[..<eq])] = String(item[item.index(after: eq)...])
                } else {
                    all = item
                }
            }
            guard all != nil || !paths.isEmpty else {
                Terminal.printError("weir flink: --source filesystem needs --path FILE")
                return 2
            }
            options.source = .filesystem(paths: paths, all: all)
        case "kafka":
            guard let topic, let bootstrapServers else {
                Terminal.printError("weir flink: --source kafka needs --topic and --bootstrap-servers")
                return 2
            }
            options.source = .kafka(topic: topic, bootstrapServers: bootstrapServers, startupMode: startupMode)
        case let other?:
            Terminal.printError("weir flink: unknown --source '\(other)': filesystem or kafka")
            return 2
        }
        switch sink {
        case nil: options.sink = .none
        case "print": options.sink = .print
        case "filesystem":
            guard let sinkPath else {
                Terminal.printError("weir flink: --sink filesystem needs --sink-path DIRECTORY")
                return 2
            }
            options.sink = .filesystem(path: sinkPath, format: sinkFormat)
        case "kafka":
            guard let topic = sinkTopic ?? topic, let bootstrapServers else {
                Terminal.printError("weir flink: --sink kafka needs --sink-topic and --bootstrap-servers")
                return 2
            }
            options.sink = .kafka(topic: topic, bootstrapServers: bootstrapServers)
        case let other?:
            Terminal.printError("weir flink: unknown --sink '\(other)': print, filesystem or kafka")
            return 2
        }
        for item in sample {
            var table: String?
            var file = item
            if let eq = item.firstIndex(of: "="), !item[..<eq].contains("/") {
                table = String(item[..<eq])
                file = String(item[item.index(after: eq)...])
            }
            guard case .success(let text) = Terminal.readFile(file) else {
                Terminal.printError("weir flink: cannot read sample \(file)")
                return 2
            }
            if let table { options.samples[table] = Array(text.utf8) } else { options.sampleForAll = Array(text.utf8) }
        }
        let script: String
        switch Terminal.readFile(queryFile) {
        case .success(let text): script = text
        case .failure(let error):
            Terminal.printError("weir flink: \(error)")
            return 1
        }
        do {
            let (text, warnings) = try FlinkTranslator.translate(script, options: options)
            for warning in warnings { Terminal.printError(warning) }
            if run {
                guard format == "ndjson" || format == "csv" else {
                    Terminal.printError("weir flink --run: --format is ndjson or csv (a table needs the whole result; weir draws it, Flink's SQL client too)")
                    return 2
                }
                return FlinkRunner.submit(script: text, jobmanager: jobmanager, updating: FlinkTranslator.isUpdating(script, options: options), detach: detach, format: format)
            }
            Terminal.write(1, text)
            return 0
        } catch let error as QueryError {
            Terminal.printError(error.rendered(fileName: queryFile))
            return 1
        } catch {
            Terminal.printError("weir flink: \(error)")
            return 1
        }
    }
}
