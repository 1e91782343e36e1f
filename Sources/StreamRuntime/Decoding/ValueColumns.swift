import QueryPlanner

/// Rows of values without reference counting: each value is a tag byte and 64 bits, and a
/// string's bytes sit in one arena. Decoded events and group keys live in this form on the hot
/// path, so copying, hashing and comparing them never touches a reference count; `value(_:_:)`
/// makes a `Value` when one is needed.
///
/// Invariant: two values are equal exactly when their tags, bits and string bytes are: doubles
/// are stored canonical (one zero, one NaN), decimals carry their scale in the tag, and the
/// bits of a value held in the arena (a string, a decimal past 64 bits) are only its place
/// there, so those compare by bytes.
final class ValueColumns {
    enum Tag {
        static let null: UInt8 = 0
        static let bool: UInt8 = 1
        static let int: UInt8 = 2
        static let double: UInt8 = 3
        /// Tags with this bit hold their value in the arena (no decimal tag has it).
        static let arena: UInt8 = 0x40
        static let string: UInt8 = arena | 4
        /// A DECIMAL past 64 bits: its unscaled value's 16 bytes, then its scale, in the arena.
        static let wideDecimal: UInt8 = arena | 7
        static let timestamp: UInt8 = 5
        static let interval: UInt8 = 6
        /// `decimal + scale`.
        static let decimal: UInt8 = 128
    }

    /// Values per row.
    let width: Int
    private(set) var rowCount = 0
    /// `width` tags per row, row after row. Storage is managed by hand so that the decoder
    /// writes values without a uniqueness check per store.
    private(set) var tags: UnsafeMutablePointer<UInt8>
    /// `width` payloads per row: the integer, the double's bits, the decimal's unscaled value,
    /// or, for a string, `offset << 32 | length` in `text`.
    private(set) var bits: UnsafeMutablePointer<Int64>
    private var rowCapacity: Int
    private(set) var text: UnsafeMutablePointer<UInt8>
    private(set) var textCount = 0
    private var textCapacity: Int

    init(width: Int, rows: Int = 8, textBytes: Int = 64) {
        self.width = width
        rowCapacity = max(1, rows)
        tags = .allocate(capacity: max(1, rowCapacity * width))
        bits = .allocate(capacity: max(1, rowCapacity * width))
        textCapacity = max(16, textBytes)
        text = .allocate(capacity: textCapacity)
    }

    deinit {
        tags.deallocate()
        bits.deallocate()
        text.deallocate()
    }

    /// A view of the rows, valid until the next change.
    var rows: ValueRows {
        ValueRows(width: width, count: rowCount, tags: UnsafeBufferPointer(start: tags, count: rowCount * width),
                  bits: UnsafeBufferPointer(start: bits, count: rowCount * width),
                  text: UnsafeBufferPointer(start: text, count: textCount))
    }

    /// Calls `body` with a view of the rows; the columns live at least as long as it runs.
    @inline(__always)
    func withRows<R>(_ body: (ValueRows) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(rows) }
    }

    /// Appends a row of NULLs to be filled in place; returns the index of its first value.
    @inline(__always)
    func appendNullRow() -> Int {
        if rowCount == rowCapacity { growRows(rowCount * 2) }
        let base = rowCount * width
        for i in base..<(base + width) {
            tags[i] = Tag.null
            bits[i] = 0
        }
        rowCount += 1
        return base
    }

    /// A row whose every slot the caller writes before reading it.
    @inline(__always)
    func appendUnsetRow() -> Int {
        if rowCount == rowCapacity { growRows(rowCount * 2) }
        let base = rowCount * width
        rowCount += 1
        return base
    }

    private func growRows(_ capacity: Int) {
        let newTags = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, capacity * width))
        let newBits = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, capacity * width))
        newTags.moveInitialize(from: tags, count: rowCount * width)
        newBits.moveInitialize(from: bits, count: rowCount * width)
        tags.deallocate()
        bits.deallocate()
        tags = newTags
        bits = newBits
        rowCapacity = capacity
    }

    func reserveRows(_ rows: Int, textBytes: Int) {
        if rows > rowCapacity { growRows(rows) }
        if textBytes > textCapacity { growText(textBytes) }
    }

    private func growText(_ capacity: Int) {
        let newText = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        newText.moveInitialize(from: text, count: textCount)
        text.deallocate()
        text = newText
        textCapacity = capacity
    }

    /// Drops the last row and any string bytes written after `textCount`.
    func removeLastRow(textCount: Int) {
        rowCount -= 1
        self.textCount = textCount
    }

    /// Drops string bytes written after `textCount`.
    func removeText(after textCount: Int) {
        self.textCount = textCount
    }

    func removeAll() {
        rowCount = 0
        textCount = 0
    }

    /// Appends a wide decimal's bytes to the arena (one form per value: equal values have
    /// equal bytes); returns its payload.
    func appendWideDecimal(_ unscaled: Int128, scale: Int) -> Int64 {
        var bytes = (unscaled.littleEndian, Int8(scale))
        return withUnsafeBytes(of: &bytes) { appendText(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 17)) }
    }

    /// Appends a string's bytes to the arena; returns its payload.
    @inline(__always)
    func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        let offset = textCount
        let count = bytes.count
        if textCount + count > textCapacity { growText(max(textCapacity * 2, textCount + count)) }
        if let source = bytes.baseAddress {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(text + textCount)
            if count >= 8, count <= 16 {
                // Two words, overlapping: no call for the short strings keys nearly always are.
                let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                to.storeBytes(of: head, as: UInt64.self)
                to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            } else {
                (text + textCount).update(from: source, count: count)
            }
        }
        textCount += count
        return Int64(offset) << 32 | Int64(bytes.count)
    }

    /// Appends a row of values.
    func appendRow(_ values: [Value]) {
        precondition(values.count == width)
        let base = appendNullRow()
        for (field, value) in values.enumerated() {
            let (tag, payload) = encode(value)
            tags[base + field] = tag
            bits[base + field] = payload
        }
    }

    /// Sets the value at `index` (row × width + field) of the last row.
    func set(_ index: Int, _ value: Value) {
        let (tag, payload) = encode(value)
        tags[index] = tag
        bits[index] = payload
    }

    private func encode(_ value: Value) -> (UInt8, Int64) {
        switch value {
        case .null: return (Tag.null, 0)
        case .bool(let b): return (Tag.bool, b ? 1 : 0)
        case .int(let v): return (Tag.int, v)
        case .double(let d): return (Tag.double, Self.canonicalBits(d))
        case let .decimal(v, scale): return (Tag.decimal + UInt8(clamping: scale), v)
        case .string(var s): return (Tag.string, s.withUTF8 { appendText($0) })
        case .wideDecimal(let w): return (Tag.wideDecimal, appendWideDecimal(w.unscaled, scale: Int(w.scale)))
        case .timestamp(let v): return (Tag.timestamp, v)
        case .interval(let v): return (Tag.interval, v)
        }
    }

    /// A double's bits with every NaN as one NaN. `-0.0` keeps its sign: Flink groups it apart
    /// from `0.0` (it compares doubles of a key by their bits) and writes it `-0.0`.
    @inline(__always)
    static func canonicalBits(_ d: Double) -> Int64 {
        if d.isNaN { return Int64(bitPattern: Double.nan.bitPattern) }
        return Int64(bitPattern: d.bitPattern)
    }

    /// The value in row `row`, field `field`.
    func value(_ row: Int, _ field: Int) -> Value {
        withRows { $0.value(row, field) }
    }

    /// Fills `row` with every value of row `index`.
    func values(_ index: Int, into row: inout [Value]) {
        withRows { $0.values(index, into: &row) }
    }

    @inline(__always)
    static func slice(_ text: UnsafeBufferPointer<UInt8>, _ payload: Int64) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.baseAddress.map { $0 + Int(payload >> 32) }, count: Int(payload & 0xFFFF_FFFF))
    }

    /// Copies the values `fields` of row `row` of `source` as a new row. `source` must not
    /// view these columns.
    @inline(__always)
    func appendRow(from source: ValueRows, _ row: Int, fields: UnsafeBufferPointer<Int>) {
        if rowCount == rowCapacity { growRows(rowCount * 2) }
        copyRow(from: source, row, fields: fields)
    }

    /// `appendRow(from:_:fields:)` for each of `rows`, in order.
    func appendRows(from source: ValueRows, _ rows: UnsafeBufferPointer<Int>, fields: UnsafeBufferPointer<Int>) {
        if rowCount + rows.count > rowCapacity { growRows(max(rowCount * 2, rowCount + rows.count)) }
        for row in rows { copyRow(from: source, row, fields: fields) }
    }

    /// Appends a row (room for it made) of the values `fields` of row `row` of `source`, NULL
    /// past them.
    @inline(__always)
    private func copyRow(from source: ValueRows, _ row: Int, fields: UnsafeBufferPointer<Int>) {
        var i = rowCount * width
        let end = i + width
        for field in fields {
            let j = row * source.width + field
            let tag = source.tags[j]
            tags[i] = tag
            bits[i] = tag & Tag.arena != 0 ? appendText(ValueColumns.slice(source.text, source.bits[j])) : source.bits[j]
            i += 1
        }
        while i < end {
            tags[i] = Tag.null
            bits[i] = 0
            i += 1
        }
        rowCount += 1
    }
}

/// A borrowed view of `ValueColumns`, passed around the hot path without reference counting.
struct ValueRows {
    let width: Int
    let count: Int
    let tags: UnsafeBufferPointer<UInt8>
    let bits: UnsafeBufferPointer<Int64>
    let text: UnsafeBufferPointer<UInt8>

    /// The value in row `row`, field `field`.
    @inline(__always)
    func value(_ row: Int, _ field: Int) -> Value {
        typealias Tag = ValueColumns.Tag
        let i = row * width + field
        let payload = bits[i]
        switch tags[i] {
        case Tag.null: return .null
        case Tag.bool: return .bool(payload != 0)
        case Tag.int: return .int(payload)
        case Tag.double: return .double(Double(bitPattern: UInt64(bitPattern: payload)))
        case Tag.string: return .string(String(decoding: ValueColumns.slice(text, payload), as: UTF8.self))
        case Tag.timestamp: return .timestamp(payload)
        case Tag.interval: return .interval(payload)
        case Tag.wideDecimal:
            let raw = UnsafeRawBufferPointer(ValueColumns.slice(text, payload))
            return .wideDecimal(WideDecimal(Int128(littleEndian: raw.loadUnaligned(as: Int128.self)), scale: Int(Int8(bitPattern: raw[16]))))
        case let tag: return .decimal(payload, scale: Int8(tag - Tag.decimal))
        }
    }

    /// Fills `row` with every value of row `index`.
    func values(_ index: Int, into row: inout [Value]) {
        for field in 0..<width { row[field] = value(index, field) }
    }

    /// The hash of the values `fields` of row `row`.
    @inline(__always)
    func hash(_ row: Int, fields: UnsafeBufferPointer<Int>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for field in fields {
            let i = row * width + field
            let tag = tags[i]
            let payload = tag & ValueColumns.Tag.arena != 0
                ? hashBytes(ValueColumns.slice(text, bits[i])) : UInt64(bitPattern: bits[i])
            // The tag in the top byte, apart from a small payload's bits: `payload + tag` gave
            // NULL (0, 0) and the INT -2 (tag 2) one hash, and Flink's firing order knows a
            // group by its hash.
            h = mix(h ^ payload ^ UInt64(tag) << 56)
        }
        return h
    }

    /// `hash(row, fields: [field])`.
    @inline(__always)
    func hash(_ row: Int, field: Int) -> UInt64 {
        let i = row * width + field
        let tag = tags[i]
        let payload = tag & ValueColumns.Tag.arena != 0 ? hashBytes(ValueColumns.slice(text, bits[i])) : UInt64(bitPattern: bits[i])
        return mix(0x9E37_79B9_7F4A_7C15 ^ payload ^ UInt64(tag) << 56)
    }

    /// Whether rows `row` and `other` hold the same values in `fields`.
    @inline(__always)
    func sameKey(_ row: Int, _ other: Int, fields: UnsafeBufferPointer<Int>) -> Bool {
        for field in fields {
            let i = row * width + field, j = other * width + field
            let tag = tags[i]
            guard tag == tags[j] else { return false }
            if tag & ValueColumns.Tag.arena != 0 {
                let a = ValueColumns.slice(text, bits[i]), b = ValueColumns.slice(text, bits[j])
                guard a.count == b.count, a.count == 0 || memoryEqual(a.baseAddress!, b.baseAddress!, a.count) else { return false }
            } else if bits[i] != bits[j] {
                return false
            }
        }
        return true
    }

    /// Whether the values `fields` of row `row` equal the values of row `otherRow` of `other`,
    /// which has one value per field.
    @inline(__always)
    func equals(_ row: Int, fields: UnsafeBufferPointer<Int>, _ other: ValueRows, _ otherRow: Int) -> Bool {
        var j = otherRow * other.width
        for field in fields {
            let i = row * width + field
            let tag = tags[i]
            guard tag == other.tags[j] else { return false }
            if tag & ValueColumns.Tag.arena != 0 {
                let a = ValueColumns.slice(text, bits[i]), b = ValueColumns.slice(other.text, other.bits[j])
                guard a.count == b.count, a.count == 0 || memoryEqual(a.baseAddress!, b.baseAddress!, a.count) else { return false }
            } else if bits[i] != other.bits[j] {
                return false
            }
            j += 1
        }
        return true
    }
}

/// A 64-bit mix (the finaliser of MurmurHash3).
@inline(__always)
func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
    h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 33)
}

/// Hashes bytes eight at a time; a short tail is read as overlapping words, not byte by byte.
@inline(__always)
func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let count = bytes.count
    var h = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
    guard let base = bytes.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    @inline(__always) func step(_ word: UInt64) {
        h = (h ^ word) &* 0x0000_0100_0000_01B3
        h ^= h >> 29
    }
    if count > 16 {
        var i = 0
        while i + 8 < count {
            step(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        step(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 8 {
        // The loop above for 8 to 16 bytes, without it (most keys: page paths, ids, names).
        if count > 8 { step(raw.loadUnaligned(as: UInt64.self)) }
        step(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 4 {
        step(UInt64(raw.loadUnaligned(as: UInt32.self)) << 32 | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
    } else {
        var tail: UInt64 = 0
        for i in 0..<count { tail = tail << 8 | UInt64(base[i]) }
        step(tail)
    }
    return h
}
