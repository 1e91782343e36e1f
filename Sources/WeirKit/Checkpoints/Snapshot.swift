import FoundationEssentials
import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the run writes whose length a checkpoint records: on restart it is cut back to
/// that length, so what was written after the checkpoint is written again exactly once.
public struct FilePosition: Codable, Sendable, Equatable {
    /// `output`, `late`, `errors`, or `part` (a filesystem sink's in-progress part file).
    public var label: String
    public var path: String
    public var length: Int64
    /// A part file's name once it is finished.
    public var finalPath: String?

    public init(label: String, path: String, length: Int64, finalPath: String? = nil) {
        self.label = label
        self.path = path
        self.length = length
        self.finalPath = finalPath
    }
}

/// A table sink at a checkpoint: the changes it had received, all committed.
public struct TablePosition: Codable, Sendable, Equatable {
    public var table: String
    public var changes: Int64
    public var file: FilePosition?
}

/// Where the input stood: every byte before `offset` (whole lines) was processed.
public struct InputPosition: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A regular file, read again from it on restore.
        case file
        /// `--follow`: a log that may have been rotated; `inode` and `fileOffset` locate it.
        case follow
        /// Standard input: the next run's input must start at `offset`.
        case stdin
    }
    public var kind: Kind
    public var path: String?
    /// Bytes of the stream processed (for a file, its offset).
    public var offset: Int64
    public var inode: UInt64?
    public var fileOffset: Int64?
    /// A hash of the file's 4 KiB before `offset`: a restore reads the same file, not another.
    public var tailHash: UInt64?
}

/// One leaf query's state at a checkpoint.
public struct LeafPosition: Codable, Sendable, Equatable {
    public var watermark: Int64
    /// The watermark when the replay's first byte was read.
    public var replayWatermark: Int64
    public var statistics: QueryStatistics
    public var linesRead: Int
}

/// What the output sink had counted.
public struct OutputCounters: Codable, Sendable, Equatable {
    public var rows: Int
    public var badLines: Int
    public var lateEvents: Int
}

/// A checkpoint: everything a restarted run needs to continue as if it had never stopped.
///
/// The operators' state is not serialized; it is rebuilt by replaying the input bytes from
/// `replayFrom` to the input position with every output muted. Invariant: `replayFrom` is
/// before every byte whose event the state holds (`QueryExecutor.stateTimeFloor`), and each
/// leaf resumes at the watermark it had there, so the replay makes exactly the decisions the
/// run made (lateness, firing) and leaves exactly its state. The replayed bytes are kept in
/// the snapshot itself unless the input is a regular file that can be read again.
public struct Snapshot: Codable, Sendable {
    public static let formatVersion = 1
    public var format = Snapshot.formatVersion
    public var id: Int
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    public var written: String
    public var plan: String
    /// What the state depends on, per leaf: a restore with a different shape is refused.
    public var stateShape: [String]
    public var input: InputPosition
    public var replayFrom: Int64
    public var replayStored: Bool
    public var leaves: [LeafPosition]
    public var output: OutputCounters
    public var operatorLateRows: [String: Int]
    public var files: [FilePosition]
    public var tables: [TablePosition]
    public var openWindows: Int
    public var heldEvents: Int
    /// The run read its whole input and wrote every result: there is nothing to resume.
    public var finished: Bool
    /// A query over several inputs (a join, a union): how many turns of reading it took, and
    /// how far each input was read. Its state is rebuilt by taking the same turns again from
    /// each input's first byte (the turns depend only on the bytes, so they are the same).
    public var turns: Int?
    public var inputs: [InputPosition]?
    /// `--input-id`: the name the user gave the stream (standard input): a restart must give it.
    public var inputID: String?
    /// The first bytes after the input position that had been read (the start of the next
    /// line): a restart on standard input must begin with them.
    public var nextBytes: [UInt8]?
    /// A followed log whose replay lies in one file, still there: read again from it (found by
    /// inode) instead of kept, from `fileOffset`, checked against hashes of the replay's first
    /// and last 4 KiB.
    public var replayFile: ReplayFile?
    /// Groups the open windows held (a group in several slices of a sliding window counts in each).
    public var heldGroups: Int?
}

public struct ReplayFile: Codable, Sendable, Equatable {
    public var inode: UInt64
    public var fileOffset: Int64
    public var headHash: UInt64
    public var tailHash: UInt64
}

public struct CheckpointError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// A snapshot that does not fit the run (exit status 1), rather than one that could not
    /// be written (4).
    public var refused = false
    public init(_ description: String, refused: Bool = false) {
        self.description = description
        self.refused = refused
    }
}

/// The snapshot files of a checkpoint directory: `checkpoint-000042`, each written whole
/// (a temporary file, fsync, rename, fsync of the directory) and checked on reading.
///
/// Layout: `WEIRCKP1`, the header's and the replay's lengths (8 bytes each, little-endian),
/// the header (JSON), the replay bytes, and an FNV-1a hash of everything before it.
public enum CheckpointStore {
    static let magic: [UInt8] = Array("WEIRCKP1".utf8)

    public static func fileName(_ id: Int) -> String {
        let digits = String(id)
        return "checkpoint-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The ids of the snapshots in `directory`, oldest first.
    public static func ids(in directory: String) -> [Int] {
        guard let listing = opendir(directory) else { return [] }
        defer { closedir(listing) }
        var ids: [Int] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasPrefix("checkpoint-"), let id = Int(name.dropFirst("checkpoint-".count)) { ids.append(id) }
        }
        return ids.sorted()
    }

    /// The newest snapshot and its replay bytes; nil when the directory holds none. A damaged
    /// newest snapshot is an error, never a silent fresh start or an older state.
    public static func latest(in directory: String) throws(CheckpointError) -> (Snapshot, [UInt8])? {
        guard let id = ids(in: directory).last else { return nil }
        return try read(directory + "/" + fileName(id))
    }

    public static func read(_ path: String) throws(CheckpointError) -> (Snapshot, [UInt8]) {
        guard let bytes = readAll(path) else {
            throw CheckpointError("cannot read checkpoint \(path): \(String(cString: strerror(errno)))")
        }
        let damaged = "checkpoint \(path) is damaged"
        guard bytes.count >= 32, Array(bytes[0..<8]) == magic else {
            throw CheckpointError("\(damaged): it does not start as a weir checkpoint (or was cut short)")
        }
        let headerLength = Int(littleEndian: bytes, at: 8)
        let replayLength = Int(littleEndian: bytes, at: 16)
        guard headerLength >= 0, replayLength >= 0, 24 + headerLength + replayLength + 8 == bytes.count else {
            throw CheckpointError("\(damaged): it holds \(bytes.count) bytes, not the \(24 + headerLength + replayLength + 8) its header announces (cut short?)")
        }
        let body = bytes[0..<(bytes.count - 8)]
        guard UInt64(bitPattern: Int64(Int(littleEndian: bytes, at: bytes.count - 8))) == fnv1a(body) else {
            throw CheckpointError("\(damaged): its checksum does not match its contents")
        }
        let header = bytes[24..<(24 + headerLength)]
        let snapshot: Snapshot
        do {
            snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(header))
        } catch {
            throw CheckpointError("\(damaged): its header cannot be read (\(error))")
        }
        guard snapshot.format == Snapshot.formatVersion else {
            throw CheckpointError("checkpoint \(path) has format \(snapshot.format); this weir reads format \(Snapshot.formatVersion)")
        }
        return (snapshot, Array(bytes[(24 + headerLength)..<(24 + headerLength + replayLength)]))
    }

    /// Writes a snapshot atomically and removes all but the previous one.
    public static func write(_ snapshot: Snapshot, replay: [UInt8], in directory: String) throws(CheckpointError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header: [UInt8]
        do {
            header = Array(try encoder.encode(snapshot))
        } catch {
            throw CheckpointError("cannot encode checkpoint \(snapshot.id): \(error)")
        }
        var bytes = magic
        bytes.reserveCapacity(32 + header.count + replay.count)
        bytes.appendLittleEndian(header.count)
        bytes.appendLittleEndian(replay.count)
        bytes += header
        bytes += replay
        bytes.appendLittleEndian(Int(Int64(bitPattern: fnv1a(bytes[...]))))
        let final = directory + "/" + fileName(snapshot.id)
        let temporary = directory + "/." + fileName(snapshot.id) + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            // In two halves, so that a crash can be injected between them.
            let end = written < bytes.count / 2 ? bytes.count / 2 : bytes.count
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, end - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw CheckpointError("cannot write \(temporary): \(reason)")
            }
            written += n
            if written >= bytes.count / 2, written - n < bytes.count / 2 { FaultInjection.point("checkpoint-write") }
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw CheckpointError("cannot sync \(temporary): \(String(cString: strerror(errno)))")
        }
        close(fd)
        guard rename(temporary, final) == 0 else { throw CheckpointError("cannot rename \(temporary): \(String(cString: strerror(errno)))") }
        syncDirectory(directory)
        for id in ids(in: directory) where id < snapshot.id - 1 { unlink(directory + "/" + fileName(id)) }
    }

    /// Creates the directory when missing; an error when it cannot be written.
    public static func prepare(_ directory: String) throws(CheckpointError) {
        var info = stat()
        if stat(directory, &info) != 0 {
            guard mkdir(directory, 0o755) == 0 else {
                throw CheckpointError("cannot create checkpoint directory \(directory): \(String(cString: strerror(errno)))")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw CheckpointError("--checkpoint \(directory) is a file; give a directory")
        }
        guard access(directory, W_OK) == 0 else {
            throw CheckpointError("cannot write checkpoint directory \(directory): \(String(cString: strerror(errno)))")
        }
        // A snapshot whose writing was cut short never became one: its temporary file goes.
        if let listing = opendir(directory) {
            defer { closedir(listing) }
            while let entry = readdir(listing) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name.hasPrefix(".checkpoint-"), name.hasSuffix(".tmp") { unlink(directory + "/" + name) }
            }
        }
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return Array(bytes[0..<done])
    }

    /// What `weir checkpoint inspect` prints.
    public static func describe(_ snapshot: Snapshot, replayBytes: Int, path: String, size: Int) -> String {
        var lines: [String] = []
        lines.append("checkpoint \(snapshot.id), written \(snapshot.written) UTC (\(path), \(size.formatted) bytes)")
        var input = "input: "
        switch snapshot.input.kind {
        case .file: input += "\(snapshot.input.path ?? "?"), read to byte \(snapshot.input.offset.formatted)"
        case .follow: input += "\(snapshot.input.path ?? "?") (followed), inode \(snapshot.input.inode ?? 0) at byte \((snapshot.input.fileOffset ?? 0).formatted); \(snapshot.input.offset.formatted) bytes read in all"
        case .stdin: input += "standard input\(snapshot.inputID.map { " '\($0)'" } ?? ""), read to byte \(snapshot.input.offset.formatted); resume with: tail -c +\(snapshot.input.offset + 1) FILE | weir …"
        }
        lines.append(input)
        for (i, leaf) in snapshot.leaves.enumerated() {
            let prefix = snapshot.leaves.count > 1 ? "leaf \(i + 1): " : ""
            let mark = leaf.watermark == .min ? "none yet" : leaf.watermark == .max ? "end of input" : Timestamp.format(leaf.watermark)
            let s = leaf.statistics
            lines.append("\(prefix)watermark \(mark); \(s.lines.formatted) lines: \(s.events.formatted) events, \(s.lateEvents.formatted) late, \(s.badLines.formatted) bad")
        }
        let groups = snapshot.heldGroups.map { ", \($0.formatted) group\($0 == 1 ? "" : "s")" } ?? ""
        lines.append("open state: \(snapshot.openWindows.formatted) window\(snapshot.openWindows == 1 ? "" : "s") holding \(snapshot.heldEvents.formatted) event\(snapshot.heldEvents == 1 ? "" : "s")\(groups); rebuilt on restore by replaying \(replayBytes.formatted) bytes from byte \(snapshot.replayFrom.formatted)\(snapshot.replayStored ? " (kept in the checkpoint)" : snapshot.replayFile != nil ? " (read again from the followed log)" : " (read again from the input file)")")
        lines.append("results: \(snapshot.output.rows.formatted) rows written" + (snapshot.finished ? "; the run finished (its input ended)" : ""))
        for file in snapshot.files { lines.append("\(file.label): \(file.path), \(file.length.formatted) bytes committed") }
        for table in snapshot.tables {
            lines.append("sink \(table.table): \(table.changes.formatted) changes committed" + (table.file.map { " (\($0.path), \($0.length.formatted) bytes)" } ?? ""))
        }
        lines.append("plan:")
        lines += snapshot.plan.split(separator: "\n").map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// FNV-1a, 64 bits: finds a damaged or cut-short file (it is no defence against tampering).
func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
        for byte in buffer {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
    }
    return hash
}

extension Int {
    init(littleEndian bytes: [UInt8], at offset: Int) {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        self = Int(truncatingIfNeeded: value)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian(_ value: Int) {
        let bits = UInt64(truncatingIfNeeded: value)
        for i in 0..<8 { append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }
}
