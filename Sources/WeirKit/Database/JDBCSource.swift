import CLibPQ
import CSQLite
import Dispatch
import QueryPlanner
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A database table read once, as NDJSON lines the leaves decode like any input: each
/// partition of the scan is one query on its own connection, the partitions read at once
/// and handed on in partition order (so a run's output does not depend on their timing).
final class JDBCSource: ByteSource, Sendable {
    let scan: JDBCScan
    let url: JDBCURL
    let user: String?
    let password: String?
    /// Bytes a partition may read ahead of the one being handed on.
    static let aheadChunks = 8
    static let chunkBytes = 1 << 18

    init(scan: JDBCScan, url: JDBCURL, user: String?, password: String?) {
        self.scan = scan
        self.url = url
        self.user = user
        self.password = password
    }

    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        let reader = PartitionedReader(source: self)
        defer { reader.cancel() }
        while let chunk = try reader.next() {
            guard chunk.withUnsafeBytes({ body($0) }) else { return }
        }
    }

    func pullReader() -> PullReader { PartitionedReader(source: self) }

    /// Reads one partition, calling `emit` with chunks of whole NDJSON lines.
    func read(partition: Int, emit: ([UInt8]) -> Bool) throws(DatabaseError) {
        let sql = scan.sql(partition: partition)
        var encoder = RowJSON(columns: scan.columns)
        var keepGoing = true
        switch url {
        case .sqlite(let path):
            let connection = try SQLiteConnection(path: path, readOnly: true)
            let statement = try connection.prepare(sql)
            while keepGoing, try statement.step() {
                encoder.appendSQLiteRow(statement.handle)
                if encoder.bytes.count >= Self.chunkBytes {
                    keepGoing = emit(encoder.bytes)
                    encoder.bytes.removeAll(keepingCapacity: true)
                }
            }
        case let .mysql(host, port, database, parameters):
            let connection = try MySQLConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters)
            try connection.query(sql) { fields in
                guard keepGoing else { return }
                encoder.appendFields(fields)
                if encoder.bytes.count >= Self.chunkBytes {
                    keepGoing = emit(encoder.bytes)
                    encoder.bytes.removeAll(keepingCapacity: true)
                }
            }
        case let .postgres(host, port, database, parameters):
            let connection = try PostgresConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters)
            try connection.copyOut("COPY (\(sql)) TO STDOUT") { row in
                guard keepGoing else { return }
                encoder.appendCopyRow(row)
                if encoder.bytes.count >= Self.chunkBytes {
                    keepGoing = emit(encoder.bytes)
                    encoder.bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        if keepGoing, !encoder.bytes.isEmpty { _ = emit(encoder.bytes) }
    }
}

/// The partitions' chunks in partition order, each partition read ahead by its own worker.
private final class PartitionedReader: PullReader, @unchecked Sendable {
    private let source: JDBCSource
    private let channels: [Channel]
    private var current = 0
    private var pending: [UInt8] = []

    /// Partitions read at once, at most: each holds a connection to the database.
    static let concurrentPartitions = 4
    private var started = 0

    init(source: JDBCSource) {
        self.source = source
        channels = source.scan.partitions.indices.map { _ in Channel(capacity: JDBCSource.aheadChunks) }
        startWorkers()
    }

    /// Starts the workers of the partitions from the one being handed on, up to the limit.
    private func startWorkers() {
        while started < channels.count, started < current + Self.concurrentPartitions {
            let index = started
            let channel = channels[index]
            started += 1
            // A thread of its own, not a Dispatch worker: a worker waiting for the reader would
            // hold one of the few threads the decoders' Dispatch work runs on.
            let ok = startThread { [source] in
                do {
                    try source.read(partition: index) { chunk in channel.put(chunk) }
                    channel.finish(nil)
                } catch {
                    channel.finish(error)
                }
            }
            if !ok { channel.finish(DatabaseError("cannot start a thread to read partition \(index + 1)")) }
        }
    }

    func next() throws -> [UInt8]? {
        while current < channels.count {
            if let chunk = try channels[current].take() { return chunk }
            current += 1
            startWorkers()
        }
        return nil
    }

    func next(upTo limit: Int) throws -> [UInt8]? {
        if pending.isEmpty {
            guard let chunk = try next() else { return nil }
            pending = chunk
        }
        if pending.count <= limit {
            defer { pending = [] }
            return pending
        }
        // Cut after a newline so the next piece starts a line (a line longer than the limit goes whole).
        var cut = limit
        while cut > 0, pending[cut - 1] != 0x0A { cut -= 1 }
        if cut == 0 { cut = pending.count }
        let piece = Array(pending[..<cut])
        pending.removeFirst(cut)
        return piece
    }

    /// Stops the workers: their next chunk is dropped and their query ends.
    func cancel() {
        for channel in channels { channel.cancel() }
    }

    deinit { cancel() }
}

/// Runs `body` on a new detached thread; false when no thread could be started.
private func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, { context in
        let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
        box.body()
        return nil
    }, context)
    guard status == 0 else {
        Unmanaged<Box>.fromOpaque(context).release()
        return false
    }
    pthread_detach(thread)
    return true
}

/// Chunks from one worker to the reader, at most `capacity` waiting.
private final class Channel: @unchecked Sendable {
    private struct State {
        var chunks: [[UInt8]] = []
        var done = false
        var error: DatabaseError?
        var cancelled = false
    }
    private let state = Mutex(State())
    private let items = DispatchSemaphore(value: 0)
    private let space: DispatchSemaphore

    init(capacity: Int) { space = DispatchSemaphore(value: capacity) }

    /// Returns false once the reader has gone.
    func put(_ chunk: [UInt8]) -> Bool {
        space.wait()
        let accepted = state.withLock { s in
            guard !s.cancelled else { return false }
            s.chunks.append(chunk)
            return true
        }
        if accepted { items.signal() }
        return accepted
    }

    func finish(_ error: (any Error)?) {
        state.withLock { s in
            s.done = true
            s.error = error.map { $0 as? DatabaseError ?? DatabaseError("\($0)") }
        }
        items.signal()
    }

    func take() throws(DatabaseError) -> [UInt8]? {
        items.wait()
        let (chunk, error): ([UInt8]?, DatabaseError?) = state.withLock { s in
            if !s.chunks.isEmpty { return (s.chunks.removeFirst(), nil) }
            return (nil, s.error)
        }
        if let chunk {
            space.signal()
            return chunk
        }
        if let error { throw error }
        return nil
    }

    func cancel() {
        let first = state.withLock { s in
            defer { s.cancelled = true }
            return !s.cancelled
        }
        if first { for _ in 0..<64 { space.signal() } }
    }
}

/// Database rows as NDJSON objects with the scan's column names.
private struct RowJSON {
    let columns: [Column]
    /// `"name":` of each column, with the separator before it.
    let keys: [[UInt8]]
    var bytes: [UInt8] = []

    init(columns: [Column]) {
        self.columns = columns
        keys = columns.enumerated().map { i, column in
            var key: [UInt8] = i == 0 ? [UInt8(ascii: "{")] : [UInt8(ascii: ",")]
            appendJSONString(Array(column.name.utf8)[...], to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        bytes.reserveCapacity(JDBCSource.chunkBytes + 4096)
    }

    mutating func appendSQLiteRow(_ statement: OpaquePointer) {
        for (i, column) in columns.enumerated() {
            bytes.append(contentsOf: keys[i])
            let index = Int32(i)
            switch sqlite3_column_type(statement, index) {
            case SQLITE_NULL:
                bytes.append(contentsOf: [110, 117, 108, 108])  // null
            case SQLITE_INTEGER:
                let v = sqlite3_column_int64(statement, index)
                switch column.type {
                case .timestamp, .timestampLtz: appendTimestamp(seconds: Double(v))
                case .boolean: bytes.append(contentsOf: Array((v != 0 ? "true" : "false").utf8))
                default: bytes.append(contentsOf: Array(String(v).utf8))
                }
            case SQLITE_FLOAT:
                let v = sqlite3_column_double(statement, index)
                if column.type.isTimestamp {
                    appendTimestamp(seconds: v)
                } else if v.isFinite {
                    bytes.append(contentsOf: Array("\(v)".utf8))
                } else {
                    bytes.append(contentsOf: [110, 117, 108, 108])
                }
            default:
                let count = Int(sqlite3_column_bytes(statement, index))
                let text = sqlite3_column_text(statement, index)
                let buffer = UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)
                if column.type.isTimestamp, !buffer.isEmpty, buffer.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2E }),
                   let seconds = Double(String(decoding: buffer, as: UTF8.self)) {
                    appendTimestamp(seconds: seconds)  // a number kept in a TEXT column
                } else if column.type.isNumeric, column.type != .dynamic, !buffer.isEmpty, buffer.allSatisfy({ $0 >= 0x2B && $0 <= 0x39 || $0 == 0x45 || $0 == 0x65 }) {
                    bytes.append(contentsOf: buffer)  // a number kept as text
                } else {
                    appendJSONString(buffer[...], to: &bytes)
                }
            }
        }
        bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }

    /// SQLite times kept as numbers: Unix seconds, or milliseconds when the number is too large
    /// to be seconds (after the year 5138).
    private mutating func appendTimestamp(seconds value: Double) {
        let millis = abs(value) >= 1e11 ? Int64(value) : Int64((value * 1000).rounded())
        bytes.append(UInt8(ascii: "\""))
        Timestamp.append(millis, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// One row of `COPY … TO STDOUT` text: fields split by tabs, `\N` for NULL, backslash escapes.
    mutating func appendCopyRow(_ row: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, column) in columns.enumerated() {
            var end = start
            while end < row.count, row[end] != 0x09 { end += 1 }
            let field = UnsafeBufferPointer(rebasing: row[start..<end])
            start = end + 1
            bytes.append(contentsOf: keys[i])
            if field.count == 2, field[0] == 0x5C, field[1] == 0x4E {  // \N
                bytes.append(contentsOf: [110, 117, 108, 108])
            } else if column.type == .string || column.type.isTimestamp || column.type == .dynamic {
                appendJSONString(unescapeCopy(field)[...], to: &bytes)
            } else {
                appendText(field, column.type)
            }
        }
        bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }

    /// One row of text fields as a client library hands them (nil for NULL).
    mutating func appendFields(_ fields: [UnsafeBufferPointer<UInt8>?]) {
        for (i, column) in columns.enumerated() {
            bytes.append(contentsOf: keys[i])
            if let field = fields[i] { appendText(field, column.type) } else { bytes.append(contentsOf: [110, 117, 108, 108]) }
        }
        bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    }

    /// A value in the database's text form as JSON: numbers as they are, booleans from
    /// `t`/`f`/`1`/`0`, anything else a string (a number the database wrote as `NaN` then
    /// becomes a bad line, named).
    private mutating func appendText(_ field: UnsafeBufferPointer<UInt8>, _ type: DataType) {
        switch type {
        case .boolean:
            let first = field.first ?? 0
            bytes.append(contentsOf: Array((first == UInt8(ascii: "t") || first == UInt8(ascii: "1") ? "true" : "false").utf8))
        case .tinyint, .smallint, .int, .bigint, .float, .double, .decimal:
            if !field.isEmpty, field.allSatisfy({ $0 >= 0x2B && $0 <= 0x39 || $0 == 0x45 || $0 == 0x65 }) {
                bytes.append(contentsOf: field)
            } else {
                appendJSONString(field[...], to: &bytes)
            }
        default:
            appendJSONString(field[...], to: &bytes)
        }
    }

    private func unescapeCopy(_ field: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard field.contains(0x5C) else { return Array(field) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var i = 0
        while i < field.count {
            let c = field[i]
            i += 1
            guard c == 0x5C, i < field.count else { out.append(c); continue }
            let e = field[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = Int(e - 48)
                var n = 1
                while n < 3, i < field.count, field[i] >= 48, field[i] <= 55 { v = v * 8 + Int(field[i] - 48); i += 1; n += 1 }
                out.append(UInt8(truncatingIfNeeded: v))
            default: out.append(e)
            }
        }
        return out
    }
}

/// Appends `text` as a JSON string, escaping quotes, backslashes and control characters.
private func appendJSONString(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for c in text {
        switch c {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
        default: out.append(c)
        }
    }
    out.append(UInt8(ascii: "\""))
}

private func appendJSONString(_ text: UnsafeBufferPointer<UInt8>.SubSequence, to out: inout [UInt8]) {
    appendJSONString(ArraySlice(text), to: &out)
}
