import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The changes of one flush: the rows to insert (or upsert) and the rows whose keys to delete.
/// For a keyed sink each key appears once, with its last change; for an append sink `rows`
/// keeps the order the rows came in and `deletes` is empty.
struct SinkBatch {
    var rows: [[Value]] = []
    var deletes: [[Value]] = []
    var isEmpty: Bool { rows.isEmpty && deletes.isEmpty }
    var count: Int { rows.count + deletes.count }
}

/// A table a sink writes to. A `write` is one transaction: all of the batch or none of it, so
/// that a failed write can be tried again (upserts and deletes by key are idempotent).
protocol TableWriter: AnyObject {
    func write(_ batch: SinkBatch) throws(DatabaseError)
    /// Under checkpoints: the job's count of changes, written by every later `write` in the
    /// batch's own transaction (a database's `weir_sink_progress` row), so that a restart
    /// knows exactly which changes the table already holds. Returns the count it holds now.
    func trackProgress(job: String) throws(DatabaseError) -> Int64
    /// The count the next `write` records with its batch.
    var progress: Int64 { get set }
    /// Connects again after a transient failure.
    func reconnect() throws(DatabaseError)
    /// Everything written is durable (files renamed into place).
    func close() throws(DatabaseError)
}

/// What a sink did, for the closing report.
public struct SinkReport: Sendable {
    public var table: String
    public var destination: String
    public var rowsWritten = 0
    public var rowsDeleted = 0
    public var transactions = 0
    public var retries = 0
    /// Rows received and not written, when the sink failed.
    public var rowsLost = 0
    public var failure: String?
}

/// The end of the graph for one `INSERT INTO`: maps the query's columns to the sink's, buffers
/// the changes (reduced by key when the sink has one, as Flink's JDBC sink does) and writes
/// them in transactions of up to `maxRows` changes, or after `interval` milliseconds.
/// A transient failure is retried `maxRetries` times with a growing pause; a permanent one
/// stops the run (`failed`), and the report says what was committed.
final class SinkReceiver: RowReceiver {
    private let writer: TableWriter
    private let target: InsertTarget
    private let keySlots: [Int]
    private let maxRows: Int
    let intervalMillis: Int64
    private let maxRetries: Int
    /// Milliseconds to wait before retry `n` (1-based): Flink waits 1 s × n.
    var backoff: (Int) -> Int64 = { 1000 * Int64($0) }
    private(set) var report: SinkReport

    /// Keyed: the last change per key, and the keys in the order they first changed.
    private var pending: [[Value]: (row: [Value], delete: Bool)] = [:]
    private var pendingOrder: [[Value]] = []
    /// Unkeyed: rows in order.
    private var appended: [[Value]] = []
    private var firstPending: ContinuousClock.Instant?

    var failed: Bool { report.failure != nil }

    /// Changes received (of every kind): the sequence a checkpoint counts in.
    var changes: Int64 = 0
    /// After a restart, changes up to this count are already in the table (its progress row).
    var skipThrough: Int64 = 0
    /// While a checkpoint's replay rebuilds state, its changes were written before: dropped.
    var muted = false

    init(writer: TableWriter, target: InsertTarget) {
        self.writer = writer
        self.target = target
        let table = target.table
        keySlots = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        let options = table.options
        maxRows = max(1, Int(options["sink.buffer-flush.max-rows"] ?? "") ?? 100)
        intervalMillis = options["sink.buffer-flush.interval"].flatMap(GraphRunner.milliseconds) ?? 1000
        maxRetries = max(0, Int(options["sink.max-retries"] ?? "") ?? 3)
        report = SinkReport(table: table.name, destination: SinkKind(table)?.description ?? "")
    }

    func receive(_ row: [Value], _ kind: RowKind) {
        if muted { return }
        changes += 1
        writer.progress = changes
        if changes <= skipThrough { return }
        guard !failed else {
            if kind != .updateBefore { report.rowsLost += 1 }
            return
        }
        let mapped = target.columnSources.enumerated().map { sinkIndex, source -> Value in
            guard let source else { return .null }
            return Self.convert(row[source], to: target.table.columns[sinkIndex].type)
        }
        if firstPending == nil { firstPending = .now }
        if keySlots.isEmpty {
            // Only a print or blackhole sink takes an updating result without a key; it
            // never reaches here with one (the planner refused the others).
            appended.append(mapped)
            if appended.count >= maxRows { flush() }
        } else {
            // -U is followed by its +U or replaced by a -D: the key's last change is what counts.
            if kind == .updateBefore { return }
            let key = keySlots.map { mapped[$0] }
            if pending.updateValue((mapped, kind == .delete), forKey: key) == nil { pendingOrder.append(key) }
            if pending.count >= maxRows { flush() }
        }
    }

    func watermark(_ watermark: Int64) { flushIfDue() }

    /// Writes what is buffered if it has waited `interval`.
    func flushIfDue() {
        guard let firstPending, intervalMillis > 0, !failed else { return }
        if ContinuousClock.now - firstPending >= .milliseconds(intervalMillis) { flush() }
    }

    private(set) var finished = false

    func finish() {
        guard !finished else { return }
        finished = true
        flush()
        guard !failed else { return }
        do {
            try writer.close()
        } catch {
            report.failure = error.message
        }
    }

    /// Commits what is buffered, for a checkpoint; the table then holds every change received.
    func commitForCheckpoint() throws(DatabaseError) -> TablePosition {
        flush()
        if let failure = report.failure { throw DatabaseError(failure) }
        let file = try (writer as? FileTableWriter)?.durablePosition()
        return TablePosition(table: target.table.name, changes: changes, file: file)
    }

    /// Under checkpoints: restarts count from the snapshot's `changes`; the table's own record
    /// says which of the changes replayed after it it already holds.
    func resume(job: String, from position: TablePosition?) throws(DatabaseError) {
        let held = try writer.trackProgress(job: job)
        changes = position?.changes ?? 0
        // A fresh job (no snapshot) writes from its first change; a job writes its first
        // snapshot before it reads anything, so a restart always finds one.
        skipThrough = writer is FileTableWriter || position == nil ? changes : max(changes, held)
        writer.progress = changes
    }

    private func flush() {
        firstPending = nil
        var batch = SinkBatch()
        if keySlots.isEmpty {
            batch.rows = appended
            appended.removeAll(keepingCapacity: true)
        } else {
            for key in pendingOrder {
                guard let change = pending[key] else { continue }
                if change.delete { batch.deletes.append(change.row) } else { batch.rows.append(change.row) }
            }
            pending.removeAll(keepingCapacity: true)
            pendingOrder.removeAll(keepingCapacity: true)
        }
        guard !batch.isEmpty, !failed else { return }
        var attempt = 0
        while true {
            do {
                try writer.write(batch)
                report.transactions += 1
                report.rowsWritten += batch.rows.count
                report.rowsDeleted += batch.deletes.count
                return
            } catch {
                guard error.transient, attempt < maxRetries else {
                    report.failure = error.message + (error.transient ? " (after \(attempt) retr\(attempt == 1 ? "y" : "ies"))" : "")
                    report.rowsLost += batch.count
                    return
                }
                attempt += 1
                report.retries += 1
                let pause = backoff(attempt)
                if pause > 0 { usleep(UInt32(min(pause, 60_000)) * 1000) }
                // A reconnect that fails counts as the attempt; the next one tries again.
                try? writer.reconnect()
            }
        }
    }

    /// A value of the query's column as the sink column's type (Flink's implicit casts).
    static func convert(_ value: Value, to type: DataType) -> Value {
        switch (value, type) {
        case (.int(let v), .double), (.int(let v), .float): return .double(Double(v))
        case (.decimal, .double), (.decimal, .float), (.wideDecimal, .double), (.wideDecimal, .float): return .double(value.doubleValue!)
        case (.int, .decimal(_, let scale)), (.decimal, .decimal(_, let scale)), (.wideDecimal, .decimal(_, let scale)):
            // At the column's scale, rounded half up, as Flink's decimal cast.
            if let (_, s) = value.decimal128, s == scale { return value }
            return Evaluator.cast(value, to: .decimal(precision: 38, scale: scale))
        default: return value
        }
    }
}

private func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= 10 }
    return r
}

/// The sinks of an insert plan, opened: one receiver per target, in the plan's order.
final class SinkSet {
    private(set) var receivers: [RowReceiver] = []
    private var tableSinks: [SinkReceiver] = []
    private var others: [(String, String, () -> Int)] = []

    /// `resume`: the part files a checkpoint recorded, by table name.
    init(_ plan: InsertPlan, output: OutputSink, resume: [String: FilePosition] = [:]) throws {
        for target in plan.targets {
            let table = target.table
            guard let kind = SinkKind(table) else { throw DatabaseError("\(table.name) is not a sink") }
            switch kind {
            case .print:
                let receiver = PrintReceiver(output: output, target: target)
                receivers.append(receiver)
                others.append((table.name, kind.description, { receiver.rows }))
            case .blackhole:
                let receiver = BlackholeReceiver()
                receivers.append(receiver)
                others.append((table.name, kind.description, { receiver.rows }))
            case let .file(path, csv):
                let receiver = SinkReceiver(writer: try FileTableWriter(directory: path, table: table, csv: csv, resume: resume[table.name]), target: target)
                receivers.append(receiver)
                tableSinks.append(receiver)
            case let .jdbc(url, name):
                let writer: TableWriter
                switch JDBCURL(url) {
                case .sqlite(let path):
                    writer = try SQLiteTableWriter(path: path, table: table, tableName: name)
                case let mysql? where { if case .mysql = mysql { true } else { false } }():
                    writer = try MySQLTableWriter(url: mysql, user: table.options["username"], password: table.options["password"],
                                                  table: table, tableName: name)
                case let postgres?:
                    writer = try PostgresTableWriter(url: postgres, user: table.options["username"], password: table.options["password"],
                                                     table: table, tableName: name)
                case nil:
                    throw DatabaseError("unsupported JDBC URL \(JDBCURL.redacted(url))")
                }
                let receiver = SinkReceiver(writer: writer, target: target)
                receivers.append(receiver)
                tableSinks.append(receiver)
            }
        }
    }

    var failed: Bool { tableSinks.contains { $0.failed } }

    /// Drops what the sinks receive (a checkpoint's replay).
    var muted = false {
        didSet { for sink in tableSinks { sink.muted = muted } }
    }

    /// Each table sink counts its changes from the snapshot and learns what its table holds.
    func resume(job: String, from positions: [TablePosition]) throws(DatabaseError) {
        for sink in tableSinks {
            let name = sink.report.table
            try sink.resume(job: job + "#" + name, from: positions.first { $0.table == name })
        }
    }

    /// Commits every table sink's buffer (for a checkpoint).
    func commitForCheckpoint() throws(DatabaseError) -> [TablePosition] {
        var positions: [TablePosition] = []
        for sink in tableSinks { positions.append(try sink.commitForCheckpoint()) }
        return positions
    }

    /// A run stopped early (a signal, a failed sink) still writes the changes its sinks hold:
    /// they are results of input that was read.
    func finishUnfinished() {
        for sink in tableSinks where !sink.finished { sink.finish() }
    }

    /// The shortest flush interval of the table sinks, in milliseconds.
    var flushInterval: Int64? { tableSinks.map(\.intervalMillis).filter { $0 > 0 }.min() }

    /// Writes what has waited its sink's flush interval.
    func tick() {
        for sink in tableSinks { sink.flushIfDue() }
    }

    var reports: [SinkReport] {
        tableSinks.map(\.report) + others.map { name, destination, rows in
            var report = SinkReport(table: name, destination: destination)
            report.rowsWritten = rows()
            return report
        }
    }
}

extension SinkReport {
    /// One line for stderr: what the sink holds now, or why it stopped and what it kept.
    public var summary: String {
        var parts = ["\(rowsWritten.formatted) row\(rowsWritten == 1 ? "" : "s") written"]
        if rowsDeleted > 0 { parts.append("\(rowsDeleted.formatted) deleted") }
        if transactions > 0 { parts.append("in \(transactions.formatted) transaction\(transactions == 1 ? "" : "s")") }
        if retries > 0 { parts.append("after \(retries) retr\(retries == 1 ? "y" : "ies")") }
        let done = "\(table) (\(destination)): " + parts.joined(separator: " ")
        guard let failure else { return "weir: " + done }
        let message = failure.split(separator: "\n").joined(separator: "\n  ")
        return "weir: \(table) (\(destination)) failed: \(message)\n"
            + "weir: \(table): committed before the failure: \(parts.joined(separator: " "))"
            + (rowsLost > 0 ? "; \(rowsLost.formatted) change\(rowsLost == 1 ? "" : "s") not written" : "")
    }
}
