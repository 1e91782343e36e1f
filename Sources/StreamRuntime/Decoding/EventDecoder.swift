import QueryPlanner
import SQLSyntax

/// Decodes the fields a query reads straight from the bytes of one NDJSON line, skipping
/// every other field without building it.
public struct EventDecoder: Sendable {
    private let names: [String]
    /// Every field name's UTF-8 bytes, back to back: the hot path compares names without
    /// touching a nested array (which would retain and release it per field).
    private let nameBytes: [UInt8]
    private let nameStarts: [Int]
    private let nameLengths: [Int]
    private let types: [DataType]
    /// Each field's common case, read inline before the general `value(as:)`.
    private let shortcuts: [JSONScanner.Shortcut]
    /// The event time's slot when it is read from the line (not computed).
    private let timeSlot: Int?
    /// Fields computed from the others after the line is read, and the event time's slot
    /// when it is one of them.
    let computed: [ComputedField]
    /// The top-level keys a line is read for: its fields and the objects holding nested ones.
    private let topLevelKeys: Int
    /// TIMESTAMP_LTZ fields read in a session time zone other than UTC: each instant read is
    /// made the zone's wall clock, as weir holds a TIMESTAMP_LTZ (`localizeTimes`).
    var localTimes: (fields: [Int], zone: String)?
    private let computedTimeSlot: Int?
    /// Nested objects holding wanted fields (`user.id`): each one's keys, and what each key is
    /// (a field's slot, or `-1 - container` for an object inside). Top-level names past
    /// `fieldCount` are the outermost containers, in `rootContainers`' order.
    private let containers: [Container]
    private let rootContainers: [Int]

    struct Container: Sendable {
        var name: String
        var nameBytes: [UInt8] = []
        var nameStarts: [Int] = []
        var nameLengths: [Int] = []
        var targets: [Int] = []

        mutating func add(_ key: String, _ target: Int) {
            nameStarts.append(nameBytes.count)
            nameBytes += Array(key.utf8)
            nameLengths.append(key.utf8.count)
            targets.append(target)
        }
    }

    /// Lines longer than this are bad lines (`--max-line-bytes`).
    let maxLineBytes: Int
    /// `'json.ignore-parse-errors' = 'true'`: a value that does not fit its column is NULL and
    /// the line is kept, as Flink's JSON format reads it (a line that is no JSON object is
    /// still a bad line).
    public var nullsUnfitValues = false

    /// A value that does not fit its column: a bad line, or NULL under `nullsUnfitValues`.
    @inline(never)
    private func unfit(_ error: DecodeError, _ scanner: inout JSONScanner, from start: Int) throws(DecodeError) -> (UInt8, Int64) {
        guard nullsUnfitValues else { throw error }
        switch error {
        case .typeMismatch, .unreadableTime: break
        default: throw error
        }
        scanner.index = start
        try scanner.skipAnyValue()
        return (ValueColumns.Tag.null, 0)
    }

    public init(fields: [Column], timeSlot: Int?, computed: [ComputedField] = [], maxLineBytes: Int = InputLimits.defaultMaxLineBytes) {
        self.maxLineBytes = maxLineBytes
        // A computed field is never read from the line: its name here matches no JSON key
        // (a raw NUL byte cannot appear in a line's text).
        let isComputed = Set(computed.map(\.slot))
        let fields = fields.enumerated().map { slot, field in
            isComputed.contains(slot) ? Column(name: "\u{0}" + field.name, type: field.type) : field
        }
        self.computed = computed
        computedTimeSlot = timeSlot.flatMap { isComputed.contains($0) ? $0 : nil }
        // Nested fields are found inside their objects, never among the top-level keys.
        var containers: [Container] = []
        var rootContainers: [Int] = []
        var matchNames = fields.map(\.name)
        for (slot, field) in fields.enumerated() where !isComputed.contains(slot) && field.name.contains(nestedPathSeparator) {
            let parts = field.name.split(separator: nestedPathSeparator, omittingEmptySubsequences: false).map(String.init)
            matchNames[slot] = "\u{0}" + field.name
            var container = -1
            for (depth, part) in parts.enumerated() {
                let last = depth == parts.count - 1
                if container < 0 {
                    if let found = rootContainers.first(where: { containers[$0].name == part }) {
                        container = found
                    } else {
                        containers.append(Container(name: part))
                        rootContainers.append(containers.count - 1)
                        container = containers.count - 1
                    }
                    continue
                }
                if last {
                    containers[container].add(part, slot)
                } else if let index = containers[container].targets.indices.first(where: { i in
                    containers[container].targets[i] < 0 && containers[-1 - containers[container].targets[i]].name == part }) {
                    container = -1 - containers[container].targets[index]
                } else {
                    containers.append(Container(name: part))
                    containers[container].add(part, -containers.count)
                    container = containers.count - 1
                }
            }
        }
        self.containers = containers
        self.rootContainers = rootContainers
        matchNames += rootContainers.map { containers[$0].name }
        topLevelKeys = matchNames.filter { !$0.hasPrefix("\u{0}") }.count
        names = fields.map { String($0.name.map { $0 == nestedPathSeparator ? "." : $0 }) }
        nameBytes = matchNames.flatMap { Array($0.utf8) }
        nameLengths = matchNames.map { $0.utf8.count }
        var start = 0
        var starts: [Int] = []
        for length in nameLengths {
            starts.append(start)
            start += length
        }
        nameStarts = starts
        types = fields.map(\.type)
        shortcuts = fields.map {
            switch $0.type {
            case .string: .string
            case .dynamic: .dynamic
            case .timestamp, .timestampLtz: .timestamp
            case .tinyint: .integer(digits: 2)
            case .smallint: .integer(digits: 4)
            case .int: .integer(digits: 9)
            case .bigint: .integer(digits: 18)
            case let .decimal(precision, scale) where scale <= 18: .decimal(precision: precision, scale: scale)
            default: .none
            }
        }
        self.timeSlot = computedTimeSlot == nil ? timeSlot : nil
    }

    public var fieldCount: Int { names.count }

    /// Decodes `line` (without its line end) into `row`, which holds one value per field.
    public func decode(_ line: UnsafeBufferPointer<UInt8>, into row: inout [Value]) throws(DecodeError) {
        var dates = DateCache()
        var shape = LineShape()
        let columns = ValueColumns(width: fieldCount)
        try decode(line, into: columns, dates: &dates, shape: &shape)
        columns.values(0, into: &row)
    }

    /// Decodes `line` as a new last row of `columns`; a bad line leaves `columns` as it was.
    /// `dates` caches the last date seen, which consecutive events nearly always share;
    /// `shape` the last line's layout, which they nearly always share too.
    @inline(__always)
    func decode(_ line: UnsafeBufferPointer<UInt8>, into columns: ValueColumns, dates: inout DateCache,
                shape: inout LineShape, knownASCII: Bool = false) throws(DecodeError) {
        try decodeRow(line, into: columns, dates: &dates, shape: &shape, knownASCII: knownASCII)
        // With computed fields, `compute` localized them first, so the expressions read wall clocks.
        if localTimes != nil, computed.isEmpty { localizeTimes(columns) }
    }

    /// Makes the instants of the last row's TIMESTAMP_LTZ fields wall clocks of the session zone.
    @inline(never)
    func localizeTimes(_ columns: ValueColumns) {
        guard let (fields, zone) = localTimes else { return }
        let base = (columns.rowCount - 1) * columns.width
        for field in fields where columns.tags[base + field] == ValueColumns.Tag.timestamp {
            columns.bits[base + field] = SessionTimeZone.local(columns.bits[base + field], in: zone)
        }
    }

    @inline(__always)
    private func decodeRow(_ line: UnsafeBufferPointer<UInt8>, into columns: ValueColumns, dates: inout DateCache,
                           shape: inout LineShape, knownASCII: Bool) throws(DecodeError) {
        let textCount = columns.textCount
        let base = columns.appendNullRow()
        guard knownASCII || UTF8Validation.isValid(line) else {
            columns.removeLastRow(textCount: textCount)
            throw .invalidUTF8
        }
        if !shape.steps.isEmpty {
            if decodeCompiled(line, shape, into: columns, at: base, dates: &dates) == line.count {
                if !computed.isEmpty { try compute(columns, base, textCount: textCount) }
                return
            }
            columns.removeText(after: textCount)
        }
        if !shape.isEmpty, decodeShaped(line, shape, into: columns, at: base, dates: &dates) {
            if !computed.isEmpty { try compute(columns, base, textCount: textCount) }
            return
        }
        // The general reader, from a clean row.
        for field in 0..<fieldCount { columns.tags[base + field] = ValueColumns.Tag.null }
        columns.removeText(after: textCount)
        shape.startRecording()
        do {
            try decodeFields(line, into: columns, at: base, dates: &dates, shape: &shape)
            shape.learn(from: line)
            shape.compile(shortcuts, timeSlot: timeSlot)
        } catch {
            shape.stopRecording()
            columns.removeLastRow(textCount: textCount)
            throw error
        }
        if !computed.isEmpty { try compute(columns, base, textCount: textCount) }
    }

    /// Fills the computed fields of the row just read, as Flink's projection under the scan
    /// does; a computed event time that is not a timestamp makes the line a bad line.
    private func compute(_ columns: ValueColumns, _ base: Int, textCount: Int) throws(DecodeError) {
        if localTimes != nil { localizeTimes(columns) }
        var row = [Value](repeating: .null, count: fieldCount)
        columns.values(base / fieldCount, into: &row)
        for field in computed {
            let value = Evaluator.evaluate(field.expression, row)
            row[field.slot] = value
            columns.set(base + field.slot, value)
        }
        if let computedTimeSlot, case .timestamp = row[computedTimeSlot] {} else if let computedTimeSlot {
            columns.removeLastRow(textCount: textCount)
            throw .missingTime(field: String(names[computedTimeSlot].dropFirst()))
        }
    }

    /// Reads a line laid out as `shape`: the text between its values must be the shape's, byte
    /// for byte, and each value is read where the general reader would find it, so the result
    /// is the same. Returns false (with the row half written) at the first difference or error.
    @inline(__always)
    private func decodeShaped(_ line: UnsafeBufferPointer<UInt8>, _ shape: LineShape, into columns: ValueColumns, at base: Int,
                              dates: inout DateCache) -> Bool {
        var scanner = JSONScanner(line)
        let matched = shape.literals.withUnsafeBufferPointer { literals in
            let bytes = line.baseAddress!
            var from = 0
            for k in 0..<shape.fields.count {
                let end = shape.literalEnds[k]
                let length = end - from
                // The value must start right after the text (the general reader skips spaces).
                guard scanner.index + length < line.count, bytes[scanner.index + length] > 0x20,
                      memoryEqual(bytes + scanner.index, literals.baseAddress! + from, length) else { return false }
                scanner.index += length
                from = end
                let field = shape.fields[k]
                do throws(DecodeError) {
                    if field >= 0 {
                        var read = try scanner.shortcut(shortcuts[field], dates: &dates, text: columns)
                        if read == nil {
                            let start = scanner.index
                            do throws(DecodeError) {
                                read = try scanner.value(as: types[field], field: field, names: names, dates: &dates, text: columns)
                            } catch {
                                read = try unfit(error, &scanner, from: start)
                            }
                        }
                        let (tag, payload) = read!
                        columns.tags[base + field] = tag
                        columns.bits[base + field] = payload
                    } else if field == -1 {
                        try scanner.skipAnyValue()
                    } else {
                        try decodeContainer(-2 - field, &scanner, into: columns, at: base, dates: &dates)
                    }
                } catch {
                    return false
                }
            }
            let length = literals.count - from
            return scanner.index + length == line.count
                && memoryEqual(bytes + scanner.index, literals.baseAddress! + from, length)
        }
        guard matched else { return false }
        if let timeSlot, columns.tags[base + timeSlot] != ValueColumns.Tag.timestamp { return false }
        return true
    }

    /// Reads lines from `start` on through the shape's compiled steps until one is not taken
    /// or the stretch ends, recording each in `lines`, and returns where the first line not
    /// taken starts (past the end when every line was). Text the steps take holds no line end
    /// (strings stop at control characters), so a line ends right after the shape's last text,
    /// where a line end or the end of the stretch must follow; a line not taken leaves
    /// `columns` as it was. Only for input known to be ASCII and a decoder without computed
    /// fields.
    func decodeCompiledRun(_ stretch: UnsafeBufferPointer<UInt8>, from start: Int, lineIndex: inout Int, into columns: ValueColumns,
                           lines: inout [DecodedBatch.Line], dates: inout DateCache, shape: LineShape) -> Int {
        guard let base = stretch.baseAddress else { return start }
        let end = stretch.count
        // Every step that reads a field writes its slot, or the line is not taken.
        let unset = shape.fieldsWritten == columns.width
        let mayLackTime = shape.mayLackTime
        return shape.literals.withUnsafeBufferPointer { literals in
            shape.steps.withUnsafeBufferPointer { steps in
                var cursor = start
                while cursor < end {
                    let rest = UnsafeBufferPointer(start: base + cursor, count: end - cursor)
                    let textCount = columns.textCount
                    let row = unset ? columns.appendUnsetRow() : columns.appendNullRow()
                    guard let stop = decodeSteps(rest, literals, steps, mayLackTime: mayLackTime, into: columns, at: row, dates: &dates),
                          stop <= maxLineBytes,
                          stop == rest.count || rest[stop] == 0x0A || rest[stop] == 0x0D && (stop + 1 == rest.count || rest[stop + 1] == 0x0A)
                    else {
                        columns.removeLastRow(textCount: textCount)
                        break
                    }
                    if localTimes != nil { localizeTimes(columns) }
                    lines.append(DecodedBatch.Line(index: lineIndex, start: cursor, count: stop))
                    lineIndex += 1
                    // Past the line end: "\n", "\r\n", or a last "\r" (or nothing) at the end.
                    cursor += stop
                    if cursor < end, base[cursor] == 0x0D { cursor += 1 }
                    cursor += 1
                }
                return cursor
            }
        }
    }

    /// `decodeSteps` with the shape's own literals and steps.
    private func decodeCompiled(_ line: UnsafeBufferPointer<UInt8>, _ shape: LineShape, into columns: ValueColumns, at base: Int,
                                dates: inout DateCache) -> Int? {
        shape.literals.withUnsafeBufferPointer { literals in
            shape.steps.withUnsafeBufferPointer { steps in
                decodeSteps(line, literals, steps, mayLackTime: shape.mayLackTime, into: columns, at: base, dates: &dates)
            }
        }
    }

    /// `decodeShaped` for a shape whose values are all skipped or read by shortcuts, as a
    /// loop over its compiled steps with the cursor in a local. It accepts exactly the lines
    /// `decodeShaped` reads through its shortcuts and reads them the same, and returns where
    /// the shape's last text ends in `line`; any other line (an escape in a string, a number
    /// that is not a plain integer, a value of another kind) returns nil, and `decodeShaped`
    /// or the general reader takes it from the start.
    @inline(__always)
    private func decodeSteps(_ line: UnsafeBufferPointer<UInt8>, _ literals: UnsafeBufferPointer<UInt8>,
                             _ steps: UnsafeBufferPointer<LineShape.Step>, mayLackTime: Bool, into columns: ValueColumns, at base: Int,
                             dates: inout DateCache) -> Int? {
        guard let p = line.baseAddress else { return nil }
        let n = line.count
        let raw = UnsafeRawPointer(p)
        // The row's slots: appending text (a string value) moves the text arena, never these.
        let tags = columns.tags + base, bits = columns.bits + base
        let literalBase = literals.baseAddress!
        var scanner = JSONScanner(line)
        var i = 0
        for step in steps {
            let length = step.literalCount
            // The value must start right after the text (the general reader skips spaces).
            guard i + length < n, p[i + length] > 0x20 else { return nil }
            if length >= 8, length <= 16 {
                guard raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == step.head,
                      raw.loadUnaligned(fromByteOffset: i + length - 8, as: UInt64.self) == step.tail else { return nil }
            } else {
                guard memoryEqual(p + i, literalBase + step.literalStart, length) else { return nil }
            }
            i += length
            let c = p[i]
            scanner.index = i
            switch step.read {
            case .skip:
                if c == UInt8(ascii: "\"") {
                    let stop = scanner.stringStop(from: i + 1)
                    guard stop < n, p[stop] == UInt8(ascii: "\"") else { return nil }
                    i = stop + 1
                } else {
                    guard let end = scanner.plainIntegerEnd() else { return nil }
                    i = end
                }
                continue
            case .string, .dynamic:
                if c == UInt8(ascii: "\"") {
                    let stop = scanner.stringStop(from: i + 1)
                    guard stop < n, p[stop] == UInt8(ascii: "\"") else { return nil }
                    tags[step.field] = ValueColumns.Tag.string
                    bits[step.field] = columns.appendText(UnsafeBufferPointer(start: p + i + 1, count: stop - i - 1))
                    i = stop + 1
                    continue
                }
                guard step.read == .dynamic, let v = scanner.plainInteger(digits: 18) else { return nil }
                tags[step.field] = ValueColumns.Tag.int
                bits[step.field] = v
                i = scanner.index
            case .integer:
                guard let v = scanner.plainInteger(digits: step.digits) else { return nil }
                tags[step.field] = ValueColumns.Tag.int
                bits[step.field] = v
                i = scanner.index
            case .timestamp:
                guard let millis = scanner.quotedTimestamp(&dates) else { return nil }
                tags[step.field] = ValueColumns.Tag.timestamp
                bits[step.field] = millis
                i = scanner.index
            case .decimal:
                let scale = step.digits & 0xFF
                guard let v = scanner.plainDecimal(precision: step.digits >> 8, scale: scale) else { return nil }
                tags[step.field] = ValueColumns.Tag.decimal + UInt8(scale)
                bits[step.field] = v
                i = scanner.index
            }
        }
        let from = steps.last.map { $0.literalStart + $0.literalCount } ?? 0
        let length = literals.count - from
        guard i + length <= n, memoryEqual(p + i, literalBase + from, length) else { return nil }
        if mayLackTime, let timeSlot, columns.tags[base + timeSlot] != ValueColumns.Tag.timestamp { return nil }
        return i + length
    }

    /// Reads the object at the scanner into the wanted fields it holds (and the objects
    /// inside it); NULL leaves them NULL; anything else is a bad line, as Flink fails on it.
    @inline(never)
    private func decodeContainer(_ container: Int, _ scanner: inout JSONScanner, into columns: ValueColumns, at base: Int,
                                 dates: inout DateCache) throws(DecodeError) {
        scanner.skipWhitespace()
        guard let first = scanner.peek else { throw .malformed("unexpected end of line") }
        if first == UInt8(ascii: "n") {
            try scanner.literal("null")
            return
        }
        guard first == UInt8(ascii: "{") else {
            // Under 'json.ignore-parse-errors' a ROW given another kind of value is NULL (its
            // fields left NULL), as in Flink (case w_json_row_not_object_ignored).
            if nullsUnfitValues {
                try scanner.skipAnyValue()
                return
            }
            throw .malformed("field \(containers[container].name) is not an object at column \(scanner.index + 1)")
        }
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.index += 1
            return
        }
        while true {
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: "\"") else { throw .malformed("expected a field name at column \(scanner.index + 1)") }
            let key = try containers[container].nameBytes.withUnsafeBufferPointer { (bytes) throws(DecodeError) -> Int? in
                try scanner.fieldIndex(names: bytes, starts: containers[container].nameStarts, lengths: containers[container].nameLengths)
            }
            scanner.skipWhitespace()
            guard scanner.peek == UInt8(ascii: ":") else { throw .malformed("expected ':' at column \(scanner.index + 1)") }
            scanner.index += 1
            scanner.skipWhitespace()
            if let key {
                let target = containers[container].targets[key]
                if target >= 0 {
                    let start = scanner.index
                    let tag: UInt8, payload: Int64
                    do throws(DecodeError) {
                        (tag, payload) = try scanner.value(as: types[target], field: target, names: names, dates: &dates, text: columns)
                    } catch {
                        (tag, payload) = try unfit(error, &scanner, from: start)
                    }
                    columns.tags[base + target] = tag
                    columns.bits[base + target] = payload
                } else {
                    try decodeContainer(-1 - target, &scanner, into: columns, at: base, dates: &dates)
                }
            } else {
                try scanner.skipAnyValue()
            }
            scanner.skipWhitespace()
            guard let c = scanner.peek else { throw .malformed("unexpected end of line") }
            scanner.index += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw .malformed("expected ',' or '}' at column \(scanner.index)") }
        }
    }

    @inline(never)
    private func decodeFields(_ line: UnsafeBufferPointer<UInt8>, into columns: ValueColumns, at base: Int,
                              dates: inout DateCache, shape: inout LineShape) throws(DecodeError) {
        var scanner = JSONScanner(line)
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else { throw .notAnObject }
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.peek == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            // Flink's JSON format reads wanted keys until it has read as many as the row has
            // fields, then passes over the rest (checked): a key written twice keeps its
            // second value while some field is still unread, else its first, and a field
            // after that is NULL. The keys passed over are skipped in the learned layout too.
            var matched = 0
            while true {
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: "\"") else { throw .malformed("expected a field name at column \(scanner.index + 1)") }
                var field = try nameBytes.withUnsafeBufferPointer { (bytes) throws(DecodeError) -> Int? in
                    try scanner.fieldIndex(names: bytes, starts: nameStarts, lengths: nameLengths)
                }
                if field != nil {
                    if matched == topLevelKeys { field = nil } else { matched += 1 }
                }
                scanner.skipWhitespace()
                guard scanner.peek == UInt8(ascii: ":") else { throw .malformed("expected ':' at column \(scanner.index + 1)") }
                scanner.index += 1
                scanner.skipWhitespace()
                let valueStart = scanner.index
                if let field, field >= fieldCount {
                    let container = rootContainers[field - fieldCount]
                    try decodeContainer(container, &scanner, into: columns, at: base, dates: &dates)
                    shape.record(-2 - container, valueStart, scanner.index)
                } else if let field {
                    let tag: UInt8, payload: Int64
                    do throws(DecodeError) {
                        (tag, payload) = try scanner.value(as: types[field], field: field, names: names, dates: &dates, text: columns)
                    } catch {
                        (tag, payload) = try unfit(error, &scanner, from: valueStart)
                    }
                    columns.tags[base + field] = tag
                    columns.bits[base + field] = payload
                    shape.record(field, valueStart, scanner.index)
                } else {
                    try scanner.skipAnyValue()
                    shape.record(-1, valueStart, scanner.index)
                }
                scanner.skipWhitespace()
                guard let c = scanner.peek else { throw .malformed("unexpected end of line") }
                scanner.index += 1
                if c == UInt8(ascii: "}") { break }
                guard c == UInt8(ascii: ",") else { throw .malformed("expected ',' or '}' at column \(scanner.index)") }
            }
        }
        scanner.skipWhitespace()
        guard scanner.index == line.count else {
            throw scanner.index < line.count && line[scanner.index] == UInt8(ascii: "{")
                ? .malformed("two objects on one line") : .malformed("text after the object at column \(scanner.index + 1)")
        }
        if let timeSlot, columns.tags[base + timeSlot] != ValueColumns.Tag.timestamp {
            throw .missingTime(field: names[timeSlot])
        }
    }
}
