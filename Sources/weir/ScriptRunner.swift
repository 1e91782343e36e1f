import QueryPlanner
import StreamRuntime
import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a script from a file or `-e`: plans every statement first, then runs the query over
/// standard input (or `--input`, or the table's file).
struct ScriptRunner {
    let session: Session
    let format: OutputFormat
    let input: String?
    let late: String?
    let errors: String?
    let strict: Bool
    let idleTimeout: Int64?
    let explainOnly: Bool
    /// `--final`: an updating result's final table only, at end of input.
    var finalTable = false
    /// A progress line on standard error (a terminal, not --quiet) while a file is read.
    var showProgress = false
    /// `--follow`: `--input` is followed as it grows.
    var follow = false

    /// `--input` followed as a growing log, or opened as usual.
    private func openInput() throws -> ByteSource {
        if follow, let input {
            let source = try FollowSource(path: input)
            source.idleTimeout = idleTimeout
            return source
        }
        return try InputChoice.open(.standardInput, input: input, idleTimeout: idleTimeout)
    }

    func run(_ script: String, fileName: String?) -> Int32 {
        let outcomes: [StatementOutcome]
        do {
            outcomes = try session.prepare(script)
        } catch {
            Terminal.printError(error.rendered(fileName: fileName))
            return 1
        }
        let plans = outcomes.compactMap { if case .query(let plan) = $0 { plan } else { nil } }
        let graphs = outcomes.compactMap { if case .relational(let plan) = $0 { plan } else { nil } }
        let inserts = outcomes.compactMap { if case .insert(let plan) = $0 { plan } else { nil } }
        for outcome in outcomes {
            if case .explained(let text) = outcome { Terminal.write(1, text + "\n") }
        }
        if explainOnly {
            for plan in plans { Terminal.write(1, plan.explanation + "\n") }
            for plan in graphs { Terminal.write(1, plan.explanation + "\n") }
            for plan in inserts { Terminal.write(1, plan.explanation + "\n") }
            return 0
        }
        if !inserts.isEmpty {
            guard plans.isEmpty, graphs.isEmpty else {
                Terminal.printError("weir: a script runs its INSERTs or one query, not both; put the SELECT in an INSERT INTO a 'print' table")
                return 1
            }
            // Every INSERT of the script runs as one job over one read of the input, as a statement set.
            return execute(InsertPlan(targets: inserts.flatMap(\.targets)))
        }
        guard plans.count + graphs.count <= 1 else {
            Terminal.printError("weir: a script runs one query over the stream; this one has \(plans.count + graphs.count)")
            return 1
        }
        if let graph = graphs.first { return execute(graph) }
        guard let plan = plans.first else {
            // Statements without a query (only CREATE TABLE, or nothing) read no input: say so.
            if !outcomes.contains(where: { if case .explained = $0 { true } else { false } }) {
                Terminal.printError("weir: no query to run: the \(fileName == nil ? "statements hold" : "file holds") \(outcomes.isEmpty ? "no statement" : "no SELECT")")
            }
            return 0
        }
        return execute(plan)
    }

    /// An input that could not be opened: 128 + the signal when one cancelled the wait, else 1.
    private func openFailure(_ error: any Error) -> Int32 {
        Terminal.printError("weir: \(error)")
        if let error = error as? InputError, error.cancelled, Terminal.interrupted != 0 { return 128 + Terminal.interrupted }
        return 1
    }

    /// The sink of a run: results to standard output, late events and bad lines to their files.
    private func makeSink(columns: [Column], files: (late: Int32?, errors: Int32?)) -> OutputSink {
        OutputSink(columns: columns, format: format, strict: strict,
                   write: { Terminal.write(1, $0) },
                   diagnostics: { Terminal.printError($0) },
                   late: files.late.map { fd in { Terminal.write(fd, $0) } },
                   errors: files.errors.map { fd in { Terminal.write(fd, $0) } })
    }

    /// Opens `--late` and `--errors`; nil (after a message) when one cannot be written.
    private func openKeepFiles() -> (late: Int32?, errors: Int32?)? {
        var lateFile: Int32?
        var errorsFile: Int32?
        if let late {
            guard let fd = Terminal.openForWriting(late) else {
                Terminal.printError("weir: cannot write \(late)")
                return nil
            }
            lateFile = fd
            Terminal.targets[fd] = "late events to \(late)"
        }
        if let errors {
            guard let fd = Terminal.openForWriting(errors) else {
                Terminal.printError("weir: cannot write \(errors)")
                return nil
            }
            errorsFile = fd
            Terminal.targets[fd] = "bad lines to \(errors)"
        }
        return (lateFile, errorsFile)
    }

    /// Runs a query of several operators: tables with a file read it, the others `--input` or stdin.
    private func execute(_ plan: RelationalPlan) -> Int32 {
        warnUnreadInput(plan.root.sources)
        let input: ByteSource
        do {
            input = try openInput()
        } catch {
            return openFailure(error)
        }
        guard let files = openKeepFiles() else { return 2 }
        defer {
            if let fd = files.late { close(fd) }
            if let fd = files.errors { close(fd) }
        }
        let sink = makeSink(columns: plan.outputColumns, files: files)
        sink.streamingTable = plan.emitsPerEvent
        defer { sink.close() }
        let statistics: QueryStatistics
        let dropped: [String]
        let progress = showProgress ? (input as? FileSource).flatMap { Progress(source: $0, output: sink) } : nil
        do {
            defer { progress?.clear() }
            (statistics, dropped) = try session.run(plan, input: input, sink: sink, finalTable: finalTable,
                                                    liveTable: format == .table && Terminal.isTerminal(1),
                                                    shouldStop: {
                                                        progress?.tick()
                                                        return Terminal.interrupted != 0
                                                    })
        } catch {
            Terminal.printError("weir: \(error)")
            return Terminal.writeFailureStatus
        }
        let signal = Terminal.interrupted
        if signal != 0 { Terminal.printError(Self.stopReport(signal: Terminal.signalName(signal), statistics)) }
        for line in sink.summary(lateFileGiven: late != nil, errorsFileGiven: errors != nil, statistics: statistics) + dropped {
            Terminal.printError(line)
        }
        if signal != 0 { return 128 + signal }
        if strict, sink.badLines > 0 { return 3 }
        return 0
    }

    /// Runs inserts: each sink is opened first (a database that cannot be reached stops the
    /// run before any input is read); a sink that fails stops the run with exit status 4.
    private func execute(_ plan: InsertPlan) -> Int32 {
        warnUnreadInput(plan.targets.flatMap(\.plan.root.sources))
        let input: ByteSource
        do {
            input = try openInput()
        } catch {
            return openFailure(error)
        }
        guard let files = openKeepFiles() else { return 2 }
        defer {
            if let fd = files.late { close(fd) }
            if let fd = files.errors { close(fd) }
        }
        let output = makeSink(columns: [], files: files)
        let statistics: QueryStatistics
        let dropped: [String]
        let reports: [SinkReport]
        do {
            (statistics, dropped, reports) = try session.run(plan, input: input, output: output, shouldStop: { Terminal.interrupted != 0 })
        } catch let error as DatabaseError {
            Terminal.printError("weir: \(error)")
            return 1
        } catch {
            Terminal.printError("weir: \(error)")
            return Terminal.writeFailureStatus
        }
        let signal = Terminal.interrupted
        if signal != 0 { Terminal.printError(Self.stopReport(signal: Terminal.signalName(signal), statistics)) }
        for line in output.summary(lateFileGiven: late != nil, errorsFileGiven: errors != nil, statistics: statistics) + dropped {
            Terminal.printError(line)
        }
        for report in reports { Terminal.printError(report.summary) }
        if reports.contains(where: { $0.failure != nil }) { return Terminal.writeFailureStatus }
        if signal != 0 { return 128 + signal }
        if strict, output.badLines > 0 { return 3 }
        return 0
    }

    /// `--input` given where no table reads standard input: said, not ignored silently.
    private func warnUnreadInput(_ sources: [QueryPlan]) {
        guard let input, !sources.contains(where: { $0.table.source == .standardInput }) else { return }
        let own = sources.map { plan -> String in
            switch plan.table.source {
            case .file(let path): "\(plan.table.name) reads \(path)"
            case let .jdbc(_, name): "\(plan.table.name) reads database table \(name)"
            default: "\(plan.table.name) has its own source"
            }
        }
        Terminal.printError("weir: warning: --input \(input) is not read: \(Array(Set(own)).sorted().joined(separator: "; ")) (its WITH clause)")
    }

    private func execute(_ plan: QueryPlan) -> Int32 {
        warnUnreadInput([plan])
        let source: ByteSource
        do {
            if case .standardInput = plan.table.source { source = try openInput() } else {
                source = try InputChoice.open(plan.table.source, input: input, idleTimeout: idleTimeout)
            }
        } catch {
            return openFailure(error)
        }
        guard let files = openKeepFiles() else { return 2 }
        defer {
            if let fd = files.late { close(fd) }
            if let fd = files.errors { close(fd) }
        }
        let sink = makeSink(columns: plan.outputColumns, files: files)
        sink.streamingTable = plan.emitsPerEvent
        defer { sink.close() }
        let statistics: QueryStatistics
        let progress = showProgress ? (source as? FileSource).flatMap { Progress(source: $0, output: sink) } : nil
        do {
            defer { progress?.clear() }
            statistics = try session.run(plan, input: source, sink: sink, shouldStop: {
                progress?.tick()
                return Terminal.interrupted != 0
            })
        } catch {
            Terminal.printError("weir: \(error)")
            return Terminal.writeFailureStatus
        }
        if let warning = (source as? FileSource)?.shrinkWarning { Terminal.printError(warning) }
        if let followed = source as? FollowSource, followed.rotations + followed.truncations > 0 {
            Terminal.printError("weir: followed \(followed.path) across \(followed.rotations) rotation\(followed.rotations == 1 ? "" : "s") and \(followed.truncations) truncation\(followed.truncations == 1 ? "" : "s")")
        }
        let signal = Terminal.interrupted
        if signal != 0 {
            Terminal.printError(Self.stopReport(signal: Terminal.signalName(signal), statistics))
        }
        for line in sink.summary(lateFileGiven: late != nil, errorsFileGiven: errors != nil, statistics: statistics) {
            Terminal.printError(line)
        }
        if signal != 0 { return 128 + signal }
        if strict, sink.badLines > 0 { return 3 }
        return 0
    }

    /// What a run stopped by a signal read, and what it leaves unreported.
    static func stopReport(signal: String, _ statistics: QueryStatistics) -> String {
        var text = "weir: stopped by \(signal) after \(statistics.lines.formatted) input line\(statistics.lines == 1 ? "" : "s")"
        if statistics.unfiredEvents > 0 {
            let windows = statistics.unfiredWindows
            text += "; \(statistics.unfiredEvents.formatted) event\(statistics.unfiredEvents == 1 ? "" : "s") in \(windows.formatted) window\(windows == 1 ? "" : "s") that had not closed were not reported"
        } else {
            text += "; every event read was reported"
        }
        return text
    }
}
