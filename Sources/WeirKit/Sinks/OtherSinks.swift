import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a sink table's rows into a new part file of its directory (`'connector' =
/// 'filesystem'`), as Flink's file sink does: rows go to `.part-N.<format>.inprogress`, which is
/// renamed to `part-N.<format>` when the run ends, so a reader of the directory never sees
/// a file half written. Earlier parts are kept.
final class FileTableWriter: TableWriter {
    private let descriptor: Int32
    let inProgress: String
    let final: String
    private var formatter: RowFormatter
    var progress: Int64 = 0

    /// `resume`: the in-progress part a checkpoint recorded, cut back to the length it had
    /// then, so rows written after the checkpoint are rolled back and written again.
    init(directory: String, table: TableSchema, csv: Bool, resume: FilePosition? = nil) throws(DatabaseError) {
        var info = stat()
        if stat(directory, &info) != 0 {
            guard mkdir(directory, 0o755) == 0 else {
                throw DatabaseError("cannot create directory \(directory): \(String(cString: strerror(errno)))")
            }
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            throw DatabaseError("\(directory) is a file; a filesystem sink's 'path' is a directory its part files are written in")
        }
        formatter = RowFormatter(columns: table.columns, format: csv ? .csv : .ndjson, csvHeader: false)
        if let resume, let final = resume.finalPath {
            inProgress = resume.path
            self.final = final
            descriptor = open(inProgress, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DatabaseError("cannot resume \(inProgress), the part file checkpoint recorded: \(String(cString: strerror(errno)))")
            }
            var open_ = stat()
            guard fstat(descriptor, &open_) == 0, Int64(open_.st_size) >= resume.length,
                  ftruncate(descriptor, off_t(resume.length)) == 0, lseek(descriptor, 0, SEEK_END) >= 0 else {
                throw DatabaseError("cannot resume \(inProgress): it holds fewer bytes than the checkpoint recorded (\(resume.length))")
            }
            return
        }
        let ext = csv ? "csv" : "json"
        var n = 0
        while access("\(directory)/part-\(n).\(ext)", F_OK) == 0 || access("\(directory)/.part-\(n).\(ext).inprogress", F_OK) == 0 { n += 1 }
        final = "\(directory)/part-\(n).\(ext)"
        inProgress = "\(directory)/.part-\(n).\(ext).inprogress"
        descriptor = open(inProgress, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DatabaseError("cannot write \(inProgress): \(String(cString: strerror(errno)))") }
    }

    /// A file is rolled back to its checkpointed length instead (see `durablePosition`).
    func trackProgress(job: String) throws(DatabaseError) -> Int64 { progress }

    /// Flushed to disk: where a restart resumes the part.
    func durablePosition() throws(DatabaseError) -> FilePosition {
        let length = lseek(descriptor, 0, SEEK_CUR)
        guard length >= 0, fsync(descriptor) == 0 else {
            throw DatabaseError("cannot sync \(inProgress): \(String(cString: strerror(errno)))")
        }
        return FilePosition(label: "part", path: inProgress, length: Int64(length), finalPath: final)
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    func write(_ batch: SinkBatch) throws(DatabaseError) {
        var bytes: [UInt8] = []
        for row in batch.rows { formatter.append(row, to: &bytes) }
        var offset = 0
        while offset < bytes.count {
            // In two halves, so that a crash can be injected between them.
            let end = offset < bytes.count / 2 ? bytes.count / 2 : bytes.count
            if offset == bytes.count / 2, offset > 0 { FaultInjection.point("sink-commit") }
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, end - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DatabaseError("cannot write \(inProgress): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func reconnect() throws(DatabaseError) {}

    func close() throws(DatabaseError) {
        guard fsync(descriptor) == 0, rename(inProgress, final) == 0 else {
            throw DatabaseError("cannot finish \(final): \(String(cString: strerror(errno)))")
        }
    }
}

/// `'connector' = 'print'`: every change on standard output as Flink's print sink writes it,
/// `+I[a, b]`, with `'print-identifier'` in front when given.
final class PrintReceiver: RowReceiver {
    private let output: OutputSink
    private let columns: [Column]
    private let prefix: String
    private(set) var rows = 0

    init(output: OutputSink, target: InsertTarget) {
        self.output = output
        columns = target.table.columns
        prefix = target.table.options["print-identifier"].map { "\($0)> " } ?? ""
        self.target = target
    }

    private let target: InsertTarget

    func receive(_ row: [Value], _ kind: RowKind) {
        rows += 1
        var text = prefix + kind.rawValue + "["
        for (i, source) in target.columnSources.enumerated() {
            if i > 0 { text += ", " }
            let value = source.map { SinkReceiver.convert(row[$0], to: columns[i].type) } ?? .null
            text += Self.javaText(value, columns[i].type)
        }
        output.writeRaw(Array((text + "]\n").utf8))
    }

    func watermark(_ watermark: Int64) {}
    func finish() {}

    /// A value as Java's `toString` of Flink's external type shows it: timestamps as
    /// `LocalDateTime` (`2024-04-25T10:00`, seconds only when not zero), NULL as `null`.
    static func javaText(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "null"
        case .timestamp(let millis):
            let sql = Timestamp.format(millis)  // yyyy-MM-dd HH:mm:ss[.fff]
            var text = sql.replacing(" ", with: "T")
            if text.hasSuffix(":00"), !text.contains(".") { text.removeLast(3) }
            if let dot = text.firstIndex(of: ".") {
                let fraction = text[text.index(after: dot)...]
                text = String(text[..<dot]) + "." + fraction + String(repeating: "0", count: max(0, 3 - fraction.count))
            }
            return text
        default: return RowFormatter.text(value, type)
        }
    }
}

/// `'connector' = 'blackhole'`: takes every row and keeps none (for measuring a query).
final class BlackholeReceiver: RowReceiver {
    private(set) var rows = 0
    func receive(_ row: [Value], _ kind: RowKind) { rows += 1 }
    func watermark(_ watermark: Int64) {}
    func finish() {}
}
