import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a run checkpoints (`--checkpoint DIR`), as the command line set it up.
public struct CheckpointSettings {
    public var directory: String
    public var intervalMillis: Int64
    public var input: InputPosition.Kind
    /// The file read (`file`, `follow`).
    public var inputPath: String?
    /// Files the run writes besides its sinks (`--output`, `--late`, `--errors`): synced and
    /// measured at each checkpoint, cut back to those lengths on restore (by the caller).
    public var files: [(label: String, path: String, descriptor: Int32)] = []
    /// The snapshot to resume from, with its replay bytes.
    public var restoring: (Snapshot, [UInt8])?
    /// The followed file, whose rotation a position must name.
    public var follow: FollowSource?
    /// Where notes go (standard error).
    public var note: (String) -> Void = { _ in }
    /// The query reads several inputs, each opened from its first byte by the run.
    public var severalInputs = false
    /// The file standard input is (a query over several inputs re-reads each).
    public var standardInputPath: String?
    /// `--input-id`: what the user calls the stream; a snapshot of another is refused.
    public var inputID: String?

    public init(directory: String, intervalMillis: Int64, input: InputPosition.Kind, inputPath: String?) {
        self.directory = directory
        self.intervalMillis = intervalMillis
        self.input = input
        self.inputPath = inputPath
    }
}

/// Takes a run's checkpoints and restores them, for `GraphRunner` (one input).
///
/// Marks remember, every so often, how far the input was processed and each leaf's
/// watermark there. A checkpoint replays from the latest mark before which no event can be in
/// the state: a mark whose watermark plus delay (a bound on every event time before it) is
/// below each leaf's `stateTimeFloor`. Marks and kept bytes before that one are dropped, so
/// what a checkpoint holds is bounded by the open windows, not by the input.
final class CheckpointCoordinator {
    private struct Mark {
        var offset: Int64
        var watermarks: [Int64]
        var inode: UInt64?
        var fileOffset: Int64?
    }

    let settings: CheckpointSettings
    private var marks: [Mark] = []
    /// The input's bytes from `keptFrom` on (standard input and followed logs: they cannot be
    /// read again).
    private var kept: [UInt8] = []
    private var keptFrom: Int64 = 0
    private var storesReplay: Bool { settings.input != .file }
    /// The stream offset where this run started reading, and the bytes fed since.
    private var base: Int64 = 0
    private var fed: Int64 = 0
    private var nextID = 0
    private var lastWritten = ContinuousClock.now
    private var warnedSkip = false
    /// Operators after the leaves that keep state (joins, aggregates without a window, Top-N…):
    /// their state may hold any row so far, so replay starts at the input's first byte.
    var statefulOperators = false
    var planText = ""
    var stateShape: [String] = []
    /// What the run writes into: its output counters and table sinks.
    var output: OutputSink?
    var sinks: SinkSet?
    var operatorStatistics: OperatorStatistics?

    static let markSpacing: Int64 = 1 << 18
    /// A followed log's replay longer than this is read again from the log, not kept.
    static let keptReplayLimit = 16 << 20

    init(settings: CheckpointSettings) {
        self.settings = settings
    }

    var isDue: Bool { ContinuousClock.now - lastWritten >= .milliseconds(settings.intervalMillis) }

    /// Checks that the snapshot fits this run: the same state shape and the same input file.
    static func check(_ snapshot: Snapshot, shape: [String], settings: CheckpointSettings) throws(CheckpointError) {
        let id = snapshot.id
        if snapshot.finished {
            throw CheckpointError("checkpoint \(id) in \(settings.directory) is of a run that finished (its input ended at byte \(snapshot.input.offset.formatted)); there is nothing to resume: remove the directory to run the query again", refused: true)
        }
        if snapshot.inputID != settings.inputID, snapshot.inputID != nil || settings.input == .stdin {
            throw CheckpointError("checkpoint \(id) read \(snapshot.inputID.map { "the stream '\($0)'" } ?? "a stream given no --input-id"); this run is told \(settings.inputID.map { "'\($0)'" } ?? "no --input-id"): give the stream the checkpoint read, with its --input-id", refused: true)
        }
        if snapshot.stateShape != shape {
            let old = snapshot.stateShape.joined(separator: "\n").split(separator: "\n")
            let new = shape.joined(separator: "\n").split(separator: "\n")
            let first = zip(old, new).first { $0 != $1 }
            let change = first.map { "it was\n    \($0.0)\n  and is now\n    \($0.1)" }
                ?? "it had \(old.count) operator lines and has \(new.count)"
            throw CheckpointError("the query's state does not fit checkpoint \(id): \(change)\n  (a changed window, key, aggregate, filter or input cannot take the saved state; output-only changes can; remove \(settings.directory) to start over)", refused: true)
        }
        if snapshot.input.kind != settings.input {
            throw CheckpointError("checkpoint \(id) read \(snapshot.input.kind.rawValue == "stdin" ? "standard input" : "a \(snapshot.input.kind.rawValue == "follow" ? "followed " : "")file"); this run reads \(settings.input == .stdin ? "standard input" : settings.inputPath ?? "a file"): give the same input", refused: true)
        }
        if let inputs = snapshot.inputs {
            for input in inputs {
                guard let path = input.path, let tail = tailHash(path: path, before: input.offset), tail == input.tailHash else {
                    throw CheckpointError("\(input.path ?? "an input") is not the input checkpoint \(id) read: its first \(input.offset.formatted) bytes differ (or it is shorter)", refused: true)
                }
            }
        } else if settings.input == .file, let path = settings.inputPath {
            let offset = snapshot.input.offset
            guard let tail = tailHash(path: path, before: offset), tail == snapshot.input.tailHash else {
                throw CheckpointError("\(path) is not the input checkpoint \(id) read: its first \(offset.formatted) bytes differ (or it is shorter)", refused: true)
            }
        }
    }

    /// A hash of the 4 KiB before `offset` of a file; nil when it is shorter.
    static func tailHash(path: String, before offset: Int64) -> UInt64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let from = max(0, offset - 4096)
        var buffer = [UInt8](repeating: 0, count: Int(offset - from))
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(from)) }
        guard n == buffer.count else { return nil }
        return fnv1a(buffer[...])
    }

    // MARK: Restore

    /// Rebuilds the leaves' state (and the operators' after them) by replaying the snapshot's
    /// bytes with every output muted, then sets the counts the run had.
    func restore(leaves: [LeafDriver]) throws(CheckpointError) {
        guard let (snapshot, stored) = settings.restoring else { return }
        guard snapshot.leaves.count == leaves.count else {
            throw CheckpointError("checkpoint \(snapshot.id) holds \(snapshot.leaves.count) leaf queries; this query has \(leaves.count)")
        }
        output?.muted = true
        sinks?.muted = true
        defer {
            output?.muted = false
            sinks?.muted = false
        }
        for (leaf, position) in zip(leaves, snapshot.leaves) { leaf.resume(watermark: position.replayWatermark) }
        let replay = snapshot.replayStored ? stored : try readReplay(snapshot)
        if snapshot.replayFile != nil { settings.note("weir: replaying \(replay.count.formatted) bytes of \(settings.inputPath ?? "the log") to rebuild the open windows") }
        var at = 0
        while at < replay.count {
            let end = min(replay.count, at + (1 << 20))
            replay[at..<end].withUnsafeBytes { chunk in
                for leaf in leaves { leaf.feed(chunk) }
            }
            output?.flush()
            at = end
        }
        for (leaf, position) in zip(leaves, snapshot.leaves) {
            leaf.advanceWatermark(to: position.watermark)
            leaf.restore(statistics: position.statistics, linesRead: position.linesRead)
        }
        output?.flush()
        output?.restore(snapshot.output)
        operatorStatistics?.restore(snapshot.operatorLateRows)
        base = snapshot.input.offset
        nextID = snapshot.id + 1
        marks = [Mark(offset: snapshot.replayFrom, watermarks: snapshot.leaves.map(\.replayWatermark)),
                 Mark(offset: snapshot.input.offset, watermarks: snapshot.leaves.map(\.watermark),
                      inode: snapshot.input.inode, fileOffset: snapshot.input.fileOffset)]
        if storesReplay {
            kept = replay
            keptFrom = snapshot.replayFrom
        }
        lastWritten = .now
    }

    private func readReplay(_ snapshot: Snapshot) throws(CheckpointError) -> [UInt8] {
        guard let path = settings.inputPath else { return [] }
        let count = Int(snapshot.input.offset - snapshot.replayFrom)
        let from = snapshot.replayFile?.fileOffset ?? snapshot.replayFrom
        let fd = snapshot.replayFile.map { FollowSource.open(path: path, inode: $0.inode) } ?? open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CheckpointError("cannot read \(path) again for checkpoint \(snapshot.id)'s replay: \(snapshot.replayFile != nil ? "the followed log it read (inode \(snapshot.replayFile!.inode)) is gone" : String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(Int(from) + done)) }
            guard n > 0 else { throw CheckpointError("cannot read \(path) again from byte \(from): it is shorter than the checkpoint recorded") }
            done += n
        }
        if let file = snapshot.replayFile, fnv1a(bytes.prefix(4096)) != file.headHash || fnv1a(bytes.suffix(4096)) != file.tailHash {
            throw CheckpointError("\(path) changed since checkpoint \(snapshot.id): the bytes it would replay differ from those it read (was the log truncated or rewritten?)", refused: true)
        }
        return bytes
    }

    // MARK: Running

    /// The start of a run: the first mark, and a first snapshot before anything is read (so
    /// a restart always finds one, and sinks know where their changes start).
    func start(leaves: [LeafDriver]) throws(CheckpointError) {
        if statefulOperators, storesReplay {
            settings.note("weir: warning: this query's state can hold any row read so far (an aggregation without a window, a join, Top-N…), so each checkpoint keeps all the input read from \(settings.input == .stdin ? "standard input" : "the followed log"); give the input as a file (--input FILE, without --follow) to have it read again instead")
        }
        if settings.restoring == nil {
            marks = [Mark(offset: 0, watermarks: leaves.map(\.watermark), inode: settings.follow?.position.inode, fileOffset: 0)]
            try write(leaves: leaves, finished: false)
        }
    }

    /// After each chunk fed to the leaves.
    func fed(_ chunk: UnsafeRawBufferPointer, leaves: [LeafDriver]) {
        if storesReplay { kept.append(contentsOf: chunk) }
        fed += Int64(chunk.count)
        guard let mark = currentMark(leaves), mark.offset - (marks.last?.offset ?? 0) >= Self.markSpacing else { return }
        marks.append(mark)
    }

    /// Up to 256 bytes read after `mark` (standard input only): the next run must start with them.
    private func next(_ mark: Mark) -> [UInt8]? {
        guard settings.input == .stdin else { return nil }
        let from = Int(mark.offset - keptFrom)
        guard from >= 0, from <= kept.count else { return nil }
        return Array(kept[from..<min(kept.count, from + 256)])
    }

    /// The first chunk after a restore on standard input: it must go on where the snapshot's
    /// input stopped.
    func checkContinuation(_ chunk: UnsafeRawBufferPointer) throws(CheckpointError) {
        guard let (snapshot, _) = settings.restoring, let expected = snapshot.nextBytes, !expected.isEmpty, fed == 0 else { return }
        let count = min(expected.count, chunk.count)
        guard !chunk.prefix(count).elementsEqual(expected.prefix(count)) else { return }
        throw CheckpointError("standard input does not continue where checkpoint \(snapshot.id) stopped: it should start with \"\(String(decoding: expected.prefix(40), as: UTF8.self))…\" (byte \(snapshot.input.offset + 1) of the stream it read: tail -c +\(snapshot.input.offset + 1) FILE | weir …)", refused: true)
    }

    /// Where the input stands now, at a line boundary; nil inside a line too long.
    private func currentMark(_ leaves: [LeafDriver]) -> Mark? {
        guard let held = leaves.first?.heldBytes else { return nil }
        let offset = base + fed - Int64(held)
        var mark = Mark(offset: offset, watermarks: leaves.map(\.watermark))
        if let follow = settings.follow {
            let position = follow.position
            guard position.offset >= Int64(held) else { return nil }
            mark.inode = position.inode
            mark.fileOffset = position.offset - Int64(held)
        }
        return mark
    }

    /// Takes a checkpoint: commits every output, then writes the snapshot. Returns false
    /// (after a note) when no snapshot can be taken now.
    @discardableResult
    func write(leaves: [LeafDriver], finished: Bool) throws(CheckpointError) -> Bool {
        lastWritten = .now
        guard let now = currentMark(leaves) else { return false }
        // The replay starts at the latest mark before every event the state holds. State
        // that may hold any row (a floor of .min, operators after the leaves) replays from
        // the first byte. A leaf's .min watermark says no event has been read only when
        // it has a time attribute: every leaf with a floor has one.
        let floors = leaves.map(\.stateTimeFloor)
        let delays = leaves.map(\.plan.watermarkDelay)
        let candidates = marks + [now]
        let wholeInput = statefulOperators || floors.contains(.min)
        guard let from = finished || wholeInput ? (finished ? candidates.count - 1 : 0) : candidates.lastIndex(where: { mark in
            zip(zip(floors, delays), mark.watermarks).allSatisfy { pair, watermark in
                let (floor, delay) = pair
                guard let floor else { return true }
                if watermark == .min { return true }
                let (bound, overflow) = watermark.addingReportingOverflow(delay)
                return !overflow && bound < floor
            }
        }) else {
            if !warnedSkip {
                warnedSkip = true
                settings.note("weir: warning: checkpoint skipped: a window reaches back before the input weir kept; the next one will try again")
            }
            return false
        }
        let start = candidates[from]
        let (files, tables) = try commitOutputs()
        var input = InputPosition(kind: settings.input, path: settings.inputPath, offset: now.offset)
        if settings.input == .follow {
            input.inode = now.inode
            input.fileOffset = now.fileOffset
        }
        if settings.input == .file, let path = settings.inputPath { input.tailHash = Self.tailHash(path: path, before: now.offset) }
        var replay: [UInt8] = storesReplay ? Array(kept[Int(start.offset - keptFrom)..<Int(now.offset - keptFrom)]) : []
        // A followed log's long replay (over 16 MB) that lies in the file still being read is
        // read from it again rather than written into every checkpoint. (A short one is kept:
        // it survives the log being truncated or rewritten, which reading again would not.)
        var replayFile: ReplayFile?
        if settings.input == .follow, !finished, replay.count > Self.keptReplayLimit, let inode = start.inode, inode == now.inode, let from = start.fileOffset,
           let to = now.fileOffset, to - from == Int64(replay.count) {
            replayFile = ReplayFile(inode: inode, fileOffset: from, headHash: fnv1a(replay.prefix(4096)), tailHash: fnv1a(replay.suffix(4096)))
            replay = []
        }
        let open = leaves.map(\.statisticsIfStoppedNow)
        let snapshot = Snapshot(
            id: nextID, written: Self.utcNow(), plan: planText, stateShape: stateShape, input: input,
            replayFrom: start.offset, replayStored: storesReplay && replayFile == nil,
            leaves: leaves.indices.map { i in
                LeafPosition(watermark: leaves[i].watermark, replayWatermark: start.watermarks[i],
                             statistics: leaves[i].statistics, linesRead: leaves[i].linesRead)
            },
            output: output?.counters ?? OutputCounters(rows: 0, badLines: 0, lateEvents: 0),
            operatorLateRows: operatorStatistics?.lateRows ?? [:], files: files, tables: tables,
            openWindows: open.reduce(0) { $0 + $1.unfiredWindows }, heldEvents: open.reduce(0) { $0 + $1.unfiredEvents },
            finished: finished, turns: nil, inputs: nil, inputID: settings.inputID, nextBytes: next(now), replayFile: replayFile,
            heldGroups: leaves.reduce(0) { $0 + $1.heldGroups })
        try CheckpointStore.write(snapshot, replay: replay, in: settings.directory)
        nextID += 1
        marks = wholeInput ? [candidates[0]] : Array(candidates[from...])
        if storesReplay, start.offset > keptFrom {
            kept.removeFirst(Int(start.offset - keptFrom))
            keptFrom = start.offset
        }
        return true
    }

    // MARK: Several inputs

    /// The turns the run had taken at its checkpoint (0 for a fresh run): replayed muted.
    var turnsToReplay: Int { settings.restoring?.0.turns ?? 0 }

    /// Mutes the outputs while the first `turnsToReplay` turns are taken again.
    func beginTurnReplay() {
        guard turnsToReplay > 0 else { return }
        output?.muted = true
        sinks?.muted = true
    }

    /// After the replayed turns: the outputs speak again, with the counts they had.
    func endTurnReplay() {
        guard let (snapshot, _) = settings.restoring, turnsToReplay > 0 else { return }
        output?.flush()
        output?.muted = false
        sinks?.muted = false
        output?.restore(snapshot.output)
        operatorStatistics?.restore(snapshot.operatorLateRows)
        nextID = snapshot.id + 1
        lastWritten = .now
    }

    /// A checkpoint of a query over several inputs: the turns taken and each input's bytes read.
    func writeTurns(leaves: [LeafDriver], turns: Int, inputs: [(path: String?, read: Int64)], finished: Bool) throws(CheckpointError) {
        lastWritten = .now
        let (files, tables) = try commitOutputs()
        let positions = inputs.map { input in
            InputPosition(kind: .file, path: input.path, offset: input.read,
                          tailHash: input.path.flatMap { Self.tailHash(path: $0, before: input.read) })
        }
        let open = leaves.map(\.statisticsIfStoppedNow)
        let snapshot = Snapshot(
            id: nextID, written: Self.utcNow(), plan: planText, stateShape: stateShape, input: positions[0],
            replayFrom: 0, replayStored: false,
            leaves: leaves.map { LeafPosition(watermark: $0.watermark, replayWatermark: .min, statistics: $0.statistics, linesRead: $0.linesRead) },
            output: output?.counters ?? OutputCounters(rows: 0, badLines: 0, lateEvents: 0),
            operatorLateRows: operatorStatistics?.lateRows ?? [:], files: files, tables: tables,
            openWindows: open.reduce(0) { $0 + $1.unfiredWindows }, heldEvents: open.reduce(0) { $0 + $1.unfiredEvents },
            finished: finished, turns: turns, inputs: positions, inputID: settings.inputID, nextBytes: nil, replayFile: nil,
            heldGroups: leaves.reduce(0) { $0 + $1.heldGroups })
        try CheckpointStore.write(snapshot, replay: [], in: settings.directory)
        nextID += 1
    }

    /// Everything written so far made durable: the files synced and measured, the table sinks'
    /// buffers committed.
    private func commitOutputs() throws(CheckpointError) -> ([FilePosition], [TablePosition]) {
        output?.flush()
        var files: [FilePosition] = []
        for file in settings.files {
            let length = lseek(file.descriptor, 0, SEEK_CUR)
            guard length >= 0, fsync(file.descriptor) == 0 || errno == EINVAL else {
                throw CheckpointError("cannot sync \(file.path) for a checkpoint: \(String(cString: strerror(errno)))")
            }
            files.append(FilePosition(label: file.label, path: file.path, length: Int64(length)))
        }
        var tables: [TablePosition] = []
        if let sinks {
            do {
                tables = try sinks.commitForCheckpoint()
            } catch {
                throw CheckpointError("a sink failed at a checkpoint: \(error)")
            }
        }
        return (files, tables)
    }

    static func utcNow() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
