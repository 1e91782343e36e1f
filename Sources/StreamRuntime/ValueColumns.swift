import QueryPlanner

/// Rows of values without reference counting: each value is a tag byte and 64 bits, and a
/// string's bytes sit in one arena. Decoded events and group keys live in this form on the hot
/// path, so copying, hashing and comparing them never touches a reference count; `value(_:_:)`
/// makes a `Value` when one is needed.
///
/// Invariant: two values are equal exactly when their tags, bits and string bytes are: doubles
/// are stored canonical (one zero, one NaN), decimals carry their scale in the tag, and a
/// string's bits are only its place in the arena, so strings compare by bytes.
struct ValueColumns {
    enum Tag {
        static let null: UInt8 = 0
        static let bool: UInt8 = 1
        static let int: UInt8 = 2
        static let double: UInt8 = 3
        static let string: UInt8 = 4
        static let timestamp: UInt8 = 5
        static let interval: UInt8 = 6
        /// `decimal + scale`.
        static let decimal: UInt8 = 128
    }

    /// Values per row.
    let width: Int
    private(set) var rowCount = 0
    /// `width` tags per row, row after row.
    var tags: [UInt8] = []
    /// `width` payloads per row: the integer, the double's bits, the decimal's unscaled value,
    /// or, for a string, `offset << 32 | length` in `text`.
    var bits: [Int64] = []
    var text: [UInt8] = []

    init(width: Int) {
        self.width = width
    }

    mutating func reserveRows(_ rows: Int, textBytes: Int) {
        tags.reserveCapacity(rows * width)
        bits.reserveCapacity(rows * width)
        text.reserveCapacity(textBytes)
    }

    /// Appends a row of NULLs, to be filled in place.
    @inline(__always)
    mutating func appendNullRow() {
        for _ in 0..<width {
            tags.append(Tag.null)
            bits.append(0)
        }
        rowCount += 1
    }

    /// Drops the last row and any string bytes written after `textCount`.
    mutating func removeLastRow(textCount: Int) {
        tags.removeLast(width)
        bits.removeLast(width)
        text.removeSubrange(textCount...)
        rowCount -= 1
    }

    mutating func removeAll() {
        tags.removeAll(keepingCapacity: true)
        bits.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        rowCount = 0
    }

    /// Appends a row of values.
    mutating func appendRow(_ values: [Value]) {
        precondition(values.count == width)
        for value in values {
            let (tag, payload) = encode(value)
            tags.append(tag)
            bits.append(payload)
        }
        rowCount += 1
    }

    private mutating func encode(_ value: Value) -> (UInt8, Int64) {
        switch value {
        case .null: return (Tag.null, 0)
        case .bool(let b): return (Tag.bool, b ? 1 : 0)
        case .int(let v): return (Tag.int, v)
        case .double(let d): return (Tag.double, Self.canonicalBits(d))
        case let .decimal(v, scale): return (Tag.decimal + UInt8(clamping: scale), v)
        case .string(var s): return (Tag.string, s.withUTF8 { appendText($0, to: &text) })
        case .timestamp(let v): return (Tag.timestamp, v)
        case .interval(let v): return (Tag.interval, v)
        }
    }

    /// A double's bits with `-0.0` as `0.0` and every NaN as one NaN.
    @inline(__always)
    static func canonicalBits(_ d: Double) -> Int64 {
        if d == 0 { return 0 }
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

    /// Copies the values `fields` of row `row` of `source` as a new row.
    mutating func appendRow(from source: ValueRows, _ row: Int, fields: UnsafeBufferPointer<Int>) {
        for field in fields {
            let i = row * source.width + field
            let tag = source.tags[i]
            tags.append(tag)
            bits.append(tag == Tag.string ? appendText(ValueColumns.slice(source.text, source.bits[i]), to: &text) : source.bits[i])
        }
        rowCount += 1
    }

    /// Calls `body` with a view of the rows that stays valid while it runs.
    @inline(__always)
    func withRows<R>(_ body: (ValueRows) throws -> R) rethrows -> R {
        try tags.withUnsafeBufferPointer { tags in
            try bits.withUnsafeBufferPointer { bits in
                try text.withUnsafeBufferPointer { text in
                    try body(ValueRows(width: width, count: rowCount, tags: tags, bits: bits, text: text))
                }
            }
        }
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
            let payload = tag == ValueColumns.Tag.string
                ? hashBytes(ValueColumns.slice(text, bits[i])) : UInt64(bitPattern: bits[i])
            h = mix(h ^ (payload &+ UInt64(tag)))
        }
        return h
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
            if tag == ValueColumns.Tag.string {
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

/// Hashes bytes eight at a time.
@inline(__always)
func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let count = bytes.count
    var h = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
    guard let base = bytes.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= count {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
        h ^= h >> 29
        i += 8
    }
    if i < count {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x0000_0100_0000_01B3
    }
    return h
}
