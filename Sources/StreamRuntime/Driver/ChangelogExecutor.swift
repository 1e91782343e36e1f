import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a table of Debezium change events (`'format' = 'debezium-json'`) as a changelog:
/// `c` and `r` insert `after`; `u` retracts `before` (`-U`) and inserts `after` (`+U`); `d`
/// deletes `before`. Each row image is decoded like an NDJSON event, then filtered and
/// projected by the plan; the rows go to the sink with their kinds.
///
/// An event that cannot be read (not an object, no `op`, an unknown `op`, an update or delete
/// without `before`, a create without `after`, a row image that does not fit the columns) is a
/// bad line. When the table declares a WATERMARK, every change row moves it (an update's old
/// row by its old time too), after the row, before any filter, as Flink's watermark assigner
/// after a changelog source does: windows over the table fire by it.
public final class ChangelogExecutor {
    public let plan: QueryPlan
    private let sink: ResultSink
    private var decoder: EventDecoder
    private let schemaInclude: Bool
    private let maxLineBytes: Int
    private var framer: LineFramer
    private var fields: [Value]
    /// Kept across events: the decoder's column buffer, date cache and line layout (the row
    /// images of one table repeat one layout).
    private let columns: ValueColumns
    private var dates = DateCache()
    private var shape = LineShape()
    private var lineNumber = 0
    public private(set) var statistics = QueryStatistics()
    public private(set) var isStopped = false
    public private(set) var watermark: Int64 = .min

    public init(plan: QueryPlan, sink: ResultSink, limits: InputLimits = InputLimits()) {
        self.plan = plan
        self.sink = sink
        decoder = EventDecoder(fields: plan.fields, timeSlot: nil, computed: plan.computed, maxLineBytes: limits.maxLineBytes)
        decoder.localTimes = plan.localTimes
        decoder.nullsUnfitValues = plan.table.options["debezium-json.ignore-parse-errors"] == "true"
        if case .debezium(let include) = plan.table.format { schemaInclude = include } else { schemaInclude = false }
        maxLineBytes = limits.maxLineBytes
        framer = LineFramer(maxLineBytes: limits.maxLineBytes)
        fields = Array(repeating: .null, count: plan.fields.count)
        columns = ValueColumns(width: plan.fields.count)
        localWatermark = plan.timeSlot.flatMap { slot in
            plan.fields[slot].type == .timestampLtz && plan.table.sessionTimeZone != "UTC"
                ? LocalWatermark(zone: plan.table.sessionTimeZone, delay: plan.watermarkDelay) : nil
        }
    }

    /// A TIMESTAMP_LTZ rowtime in a zone with daylight saving: Flink's watermark, in wall clocks.
    private let localWatermark: LocalWatermark?

    /// Bytes fed that wait for the rest of their line; nil while a line too long is skipped.
    public var heldBytes: Int? { framer.heldBytes }
    /// Decoding change events keeps no state (operators after it may).
    public var stateTimeFloor: Int64? { nil }
    public var linesRead: Int { lineNumber }
    public var heldGroups: Int { 0 }
    public func resume(watermark: Int64) {}
    public func restore(statistics: QueryStatistics, linesRead: Int) {
        self.statistics = statistics
        lineNumber = linesRead
    }

    public func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !isStopped else { return }
        framer.frame(chunk) { handle($0) }
    }

    public func finish() {
        if !isStopped { framer.finish { handle($0) } }
        sink.watermarkAdvanced(to: .max)
    }

    private func handle(_ piece: LineFramer.Piece) {
        switch piece {
        case .lines(let stretch):
            guard let base = stretch.baseAddress else { return }
            var start = 0
            while start < stretch.count, !isStopped {
                let end = memchr(base + start, 0x0A, stretch.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? stretch.count
                line(UnsafeBufferPointer(start: base + start, count: end - start))
                start = end + 1
            }
        case let .longLineStart(head, part):
            lineNumber += 1
            statistics.lines += 1
            statistics.badLines += 1
            if !sink.longBadLine(head: head, lineNumber: lineNumber, error: .lineTooLong(limit: maxLineBytes)) { isStopped = true }
            sink.badLineContinues(part, end: false)
        case let .longLinePart(part, end):
            sink.badLineContinues(part, end: end)
        }
    }

    public var statisticsIfStoppedNow: QueryStatistics { statistics }

    public func advanceWatermark(to watermark: Int64) {}

    private func line(_ raw: UnsafeBufferPointer<UInt8>) {
        var bytes = raw
        if bytes.last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if lineNumber == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
        lineNumber += 1
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        statistics.lines += 1
        do throws(DecodeError) {
            guard bytes.count <= maxLineBytes else { throw .lineTooLong(limit: maxLineBytes) }
            // Slots: op, before, after, payload.
            var event = try Self.members(bytes, Self.memberNames)
            if schemaInclude {
                guard let payload = event[3] else { throw .badChangeEvent("no payload in a change event with its schema") }
                event = try Self.members(UnsafeBufferPointer(rebasing: bytes[payload]), Self.memberNames)
                    .map { $0.map { ($0.lowerBound + payload.lowerBound)..<($0.upperBound + payload.lowerBound) } }
            }
            guard let opRange = event[0] else { throw .badChangeEvent("no op") }
            // The op is one letter in quotes nearly always: read without building a string.
            let opBytes = UnsafeBufferPointer(rebasing: bytes[opRange])
            let letter: UInt8? = opBytes.count == 3 && opBytes[0] == 0x22 && opBytes[2] == 0x22 ? opBytes[1] : nil
            func image(_ name: String) throws(DecodeError) -> [Value]? {
                guard let range = event[name == "before" ? 1 : 2] else { return nil }
                let text = UnsafeBufferPointer(rebasing: bytes[range])
                if text.count == 4, text[0] == UInt8(ascii: "n") { return nil }
                columns.removeAll()
                try decoder.decode(text, into: columns, dates: &dates, shape: &shape)
                columns.values(0, into: &fields)
                return fields
            }
            var changes: [([Value], RowKind)] = []
            switch letter {
            case UInt8(ascii: "c"), UInt8(ascii: "r"):
                let op = String(UnicodeScalar(letter!))
                guard let after = try image("after") else { throw .badChangeEvent("a create (op \"\(op)\") without after") }
                changes = [(after, .insert)]
            case UInt8(ascii: "u"):
                guard let before = try image("before") else { throw .badChangeEvent("an update without before (a PostgreSQL table needs REPLICA IDENTITY FULL)") }
                guard let after = try image("after") else { throw .badChangeEvent("an update without after") }
                changes = [(before, .updateBefore), (after, .updateAfter)]
            case UInt8(ascii: "d"):
                guard let before = try image("before") else { throw .badChangeEvent("a delete without before") }
                changes = [(before, .delete)]
            default:
                let op = String(decoding: opBytes, as: UTF8.self)
                throw .badChangeEvent("unknown op \(op): expected \"c\", \"r\", \"u\" or \"d\"")
            }
            statistics.events += 1
            for (row, kind) in changes {
                if plan.filter.map({ Evaluator.holds($0, row) }) ?? true {
                    statistics.rows += 1
                    sink.emit(plan.projections.map { Evaluator.evaluate($0, row) }, kind: kind)
                }
                if let slot = plan.timeSlot, case .timestamp(let time) = row[slot] {
                    let candidate = localWatermark?.advance(wallClock: time) ?? time &- plan.watermarkDelay
                    if candidate > watermark {
                        watermark = candidate
                        sink.watermarkAdvanced(to: watermark)
                    }
                }
            }
        } catch {
            statistics.badLines += 1
            if !sink.badLine(raw, lineNumber: lineNumber, error: error) { isStopped = true }
        }
    }

    static let memberNames: [[UInt8]] = ["op", "before", "after", "payload"].map { Array($0.utf8) }

    /// The byte ranges of the values of the members named `names` (by position) in the
    /// top-level object; names are compared as bytes, no string is built.
    static func members(_ bytes: UnsafeBufferPointer<UInt8>, _ names: [[UInt8]]) throws(DecodeError) -> [Range<Int>?] {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else { throw .notAnObject }
        scanner.index += 1
        var found: [Range<Int>?] = []
        found.reserveCapacity(names.count)
        for _ in names { found.append(nil) }
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") { return found }
        while true {
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "\"") else { throw .malformed("expected a member name") }
            let nameStart = scanner.index + 1
            try scanner.skipString()
            let nameBytes = UnsafeBufferPointer(rebasing: bytes[nameStart..<(scanner.index - 1)])
            var slot: Int?
            for (k, name) in names.enumerated() where name.count == nameBytes.count {
                let equal = name.withUnsafeBufferPointer { memoryEqual($0.baseAddress!, nameBytes.baseAddress!, $0.count) }
                if equal {
                    slot = k
                    break
                }
            }
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ":") else { throw .malformed("expected ':'") }
            scanner.index += 1
            scanner.skipWhitespace()
            let start = scanner.index
            try scanner.skipAnyValue()
            if let slot { found[slot] = start..<scanner.index }
            scanner.skipWhitespace()
            if scanner.peek == UInt8(ascii: ",") {
                scanner.index += 1
                continue
            }
            guard scanner.peek == UInt8(ascii: "}") else { throw .malformed("expected ',' or '}'") }
            return found
        }
    }
}
