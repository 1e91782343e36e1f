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
    /// `--output FILE`: results into a file instead of standard output.
    var output: String?
    /// `--checkpoint DIR` and how often (`--checkpoint-interval`, else the script's
    /// `execution.checkpointing.interval`, else 10 s).
    var checkpointDirectory: String?
    var checkpointInterval: Int64?
    /// `--input-id`: the stream's name, kept in each checkpoint.
    var inputID: String?

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
        if checkpointDirectory != nil, let plan = plans.first {
            // Checkpoints are taken by the operator graph, which runs a single query as its one leaf.
            return execute(RelationalPlan(root: .source(plan), sql: plan.sql))
        }
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
    private func makeSink(columns: [Column], files: KeepFiles) -> OutputSink {
        let results = files.output ?? 1
        return OutputSink(columns: columns, format: format, strict: strict,
                   write: { Terminal.write(results, $0) },
                   diagnostics: { Terminal.printError($0) },
                   late: files.late.map { fd in { Terminal.write(fd, $0) } },
                   errors: files.errors.map { fd in { Terminal.write(fd, $0) } })
    }

    /// The files a run writes besides standard output: `--output`, `--late`, `--errors`.
    struct KeepFiles {
        var output: Int32?
        var late: Int32?
        var errors: Int32?

        func close() {
            for fd in [output, late, errors].compactMap({ $0 }) { Glibc.close(fd) }
        }

        /// For checkpoints: each file with its label.
        func labelled(_ runner: ScriptRunner) -> [(label: String, path: String, descriptor: Int32)] {
            var files: [(label: String, path: String, descriptor: Int32)] = []
            if let output, let path = runner.output { files.append(("output", path, output)) }
            if let late, let path = runner.late { files.append(("late", path, late)) }
            if let errors, let path = runner.errors { files.append(("errors", path, errors)) }
            return files
        }
    }

    /// Opens `--output`, `--late` and `--errors`; nil (after a message) when one cannot be
    /// written. Resuming a checkpoint, each is cut back to the length the checkpoint recorded.
    private func openKeepFiles(resuming snapshot: Snapshot? = nil) -> KeepFiles? {
        var files = KeepFiles()
        for (label, path, describe) in [("output", output, "results to"), ("late", late, "late events to"), ("errors", errors, "bad lines to")] {
            guard let path else { continue }
            let fd: Int32
            if let snapshot {
                let length = snapshot.files.first { $0.label == label }?.length ?? 0
                fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
                var info = stat()
                guard fd >= 0, fstat(fd, &info) == 0, Int64(info.st_size) >= length,
                      ftruncate(fd, off_t(length)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
                    Terminal.printError("weir: cannot resume \(path): checkpoint \(snapshot.id) recorded \(length.formatted) bytes of it, and it holds fewer (or cannot be written)")
                    return nil
                }
            } else {
                guard let opened = Terminal.openForWriting(path) else {
                    Terminal.printError("weir: cannot write \(path)")
                    return nil
                }
                fd = opened
            }
            Terminal.targets[fd] = "\(describe) \(path)"
            switch label {
            case "output": files.output = fd
            case "late": files.late = fd
            default: files.errors = fd
            }
        }
        return files
    }

    /// A checkpoint falls between two chunks of a mapped file: the usual 16 MB (cutting them
    /// shorter costs 13% on the 10M-event benchmark at 4 MB) unless checkpoints are wanted
    /// more often than every second.
    static func checkpointedChunkBytes(interval: Int64) -> Int { interval < 1000 ? 1 << 20 : 16 << 20 }

    /// `--checkpoint DIR`: the snapshot to resume (nil for a fresh start), and the input
    /// opened at its position; nil after a message when the run cannot start.
    private func openCheckpointedInput(_ sources: [QueryPlan]) -> (snapshot: (Snapshot, [UInt8])?, input: ByteSource, settings: CheckpointSettings)? {
        guard let directory = checkpointDirectory else { return nil }
        let restoring: (Snapshot, [UInt8])?
        do {
            try CheckpointStore.prepare(directory)
            restoring = try CheckpointStore.latest(in: directory)
        } catch {
            Terminal.printError("weir: \(error)")
            return nil
        }
        let snapshot = restoring?.0
        var paths = Set<String>()
        for plan in sources {
            if case .file(let path) = plan.table.source { paths.insert(path) } else if let input { paths.insert(input) }
        }
        let interval = checkpointInterval ?? session.settings["execution.checkpointing.interval"].flatMap(Session.milliseconds) ?? 10_000
        if let generated = sources.first(where: { if case .generated = $0.table.source { true } else { false } }) {
            // Made-up rows are random and timed by the wall clock: a restore could not read them again.
            Terminal.printError("weir: --checkpoint cannot cover \(generated.table.name), a datagen table: its rows cannot be read again")
            return nil
        }
        if paths.count > 1 || sources.contains(where: { if case .jdbc = $0.table.source { true } else { false } }) {
            // Several inputs (a join, a union): each is read again from its start on restore.
            guard !follow else {
                Terminal.printError("weir: --follow reads one input; this query reads \(paths.sorted().joined(separator: ", "))")
                return nil
            }
            if let jdbc = sources.first(where: { if case .jdbc = $0.table.source { true } else { false } }) {
                Terminal.printError("weir: --checkpoint cannot cover \(jdbc.table.name), a database table, yet: it reads files and standard input")
                return nil
            }
            do {
                let source = try openInput()
                var settings = CheckpointSettings(directory: directory, intervalMillis: interval, input: .file, inputPath: nil)
                settings.severalInputs = true
                settings.restoring = restoring
                settings.inputID = inputID
                settings.note = { Terminal.printError($0) }
                if sources.contains(where: { $0.table.source == .standardInput }) {
                    guard input != nil || (source as? FileSource)?.isRegularFile == true else {
                        Terminal.printError("weir: --checkpoint on a query over several inputs reads each again on restore; standard input is a pipe here: give it as --input FILE")
                        return nil
                    }
                    settings.standardInputPath = input ?? "/dev/stdin"
                }
                if let snapshot, !snapshot.finished {
                    Terminal.printError("weir: resuming from checkpoint \(snapshot.id) (written \(snapshot.written) UTC): reading each input again to byte \(snapshot.inputs?.map { $0.offset.formatted }.joined(separator: ", ") ?? "?")")
                }
                return (restoring, source, settings)
            } catch {
                Terminal.printError("weir: \(error)")
                return nil
            }
        }
        do {
            var settings: CheckpointSettings
            let source: ByteSource
            if let path = paths.first {
                if follow {
                    let followed = if let snapshot, let inode = snapshot.input.inode, let offset = snapshot.input.fileOffset {
                        try FollowSource(path: path, inode: inode, offset: offset)
                    } else {
                        try FollowSource(path: path)
                    }
                    followed.idleTimeout = idleTimeout
                    settings = CheckpointSettings(directory: directory, intervalMillis: interval, input: .follow, inputPath: path)
                    settings.follow = followed
                    source = followed
                } else {
                    let file = try FileSource(path: path)
                    file.idleTimeout = idleTimeout
                    file.mappedChunkBytes = Self.checkpointedChunkBytes(interval: interval)
                    settings = CheckpointSettings(directory: directory, intervalMillis: interval, input: .file, inputPath: path)
                    source = file
                }
            } else {
                let stdin = FileSource.standardInput
                stdin.idleTimeout = idleTimeout
                stdin.mappedChunkBytes = Self.checkpointedChunkBytes(interval: interval)
                // Standard input redirected from a file can be read again like one.
                settings = CheckpointSettings(directory: directory, intervalMillis: interval, input: stdin.isRegularFile ? .file : .stdin,
                                              inputPath: stdin.isRegularFile ? "/dev/stdin" : nil)
                source = stdin
            }
            settings.restoring = restoring
            settings.inputID = inputID
            settings.note = { Terminal.printError($0) }
            if let snapshot, !snapshot.finished, settings.input == .file, let file = source as? FileSource,
               snapshot.input.kind == .file, !file.seek(to: snapshot.input.offset) {
                Terminal.printError("weir: cannot resume \(settings.inputPath ?? "the input") at byte \(snapshot.input.offset)")
                return nil
            }
            if let snapshot, !snapshot.finished {
                var note = "weir: resuming from checkpoint \(snapshot.id) (written \(snapshot.written) UTC) at input byte \(snapshot.input.offset.formatted)"
                if settings.input == .stdin {
                    note += "; standard input must continue from there: tail -c +\(snapshot.input.offset + 1) FILE | weir …"
                }
                Terminal.printError(note)
            }
            return (restoring, source, settings)
        } catch {
            Terminal.printError("weir: \(error)")
            return nil
        }
    }

    /// An exit status, as a failure.
    struct ExitStatus: Error { let code: Int32 }

    /// What a graph run reads and writes: its input (at its checkpoint's position), the
    /// checkpoint settings, and the files it writes besides standard output.
    private func openRun(_ sources: [QueryPlan]) -> Result<(ByteSource, CheckpointSettings?, KeepFiles), ExitStatus> {
        warnUnreadInput(sources)
        let input: ByteSource
        var checkpoint: CheckpointSettings?
        if checkpointDirectory != nil {
            guard let opened = openCheckpointedInput(sources) else { return .failure(ExitStatus(code: 1)) }
            input = opened.input
            checkpoint = opened.settings
        } else {
            do {
                input = try openInput()
            } catch {
                return .failure(ExitStatus(code: openFailure(error)))
            }
        }
        guard let files = openKeepFiles(resuming: checkpoint?.restoring?.0) else { return .failure(ExitStatus(code: 2)) }
        checkpoint?.files = files.labelled(self)
        return .success((input, checkpoint, files))
    }

    /// Runs a query of several operators: tables with a file read it, the others `--input` or stdin.
    private func execute(_ plan: RelationalPlan) -> Int32 {
        let opened = openRun(plan.root.sources)
        guard case .success(let (input, checkpoint, files)) = opened else {
            if case .failure(let status) = opened { return status.code }
            return 1
        }
        defer { files.close() }
        let sink = makeSink(columns: plan.outputColumns, files: files)
        sink.streamingTable = plan.emitsPerEvent
        defer { sink.close() }
        let statistics: QueryStatistics
        let dropped: [String]
        let progress = showProgress ? (input as? FileSource).flatMap { Progress(source: $0, output: sink) } : nil
        do {
            defer { progress?.clear() }
            (statistics, dropped) = try session.run(plan, input: input, sink: sink, finalTable: finalTable,
                                                    liveTable: format == .table && Terminal.isTerminal(files.output ?? 1),
                                                    checkpoint: checkpoint,
                                                    shouldStop: {
                                                        progress?.tick()
                                                        return Terminal.interrupted != 0
                                                    })
        } catch let error as CheckpointError where error.refused {
            Terminal.printError("weir: \(error)")
            return 1
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
        let opened = openRun(plan.targets.flatMap(\.plan.root.sources))
        guard case .success(let (input, checkpoint, files)) = opened else {
            if case .failure(let status) = opened { return status.code }
            return 1
        }
        defer { files.close() }
        let output = makeSink(columns: [], files: files)
        let statistics: QueryStatistics
        let dropped: [String]
        let reports: [SinkReport]
        do {
            (statistics, dropped, reports) = try session.run(plan, input: input, output: output, checkpoint: checkpoint,
                                                             shouldStop: { Terminal.interrupted != 0 })
        } catch let error as DatabaseError {
            Terminal.printError("weir: \(error)")
            return 1
        } catch let error as CheckpointError where error.refused {
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
            if case .standardInput = plan.table.source { source = try openInput() } else if case .inline(let lines) = plan.table.source {
                source = MemorySource(lines)
            } else {
                source = try InputChoice.open(plan.table.source, input: input, idleTimeout: idleTimeout)
            }
        } catch {
            return openFailure(error)
        }
        guard let files = openKeepFiles() else { return 2 }
        defer { files.close() }
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
