import QueryPlanner

/// A cursor over the bytes of one JSON text.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inline(__always) var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        if index < bytes.count, bytes[index] > 0x20 { return }
        while index < bytes.count {
            let c = bytes[index]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            index += 1
        }
    }

    /// The index of the first `"`, `\\` or control character at or after `from`, or the
    /// end: eight bytes at a time (the lowest flagged byte of each word is exact).
    @inline(__always)
    func stringStop(from: Int) -> Int {
        var i = from
        let count = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            let flagged = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20) & ~w) & highs
            if flagged != 0 { return i + flagged.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count {
            let c = bytes[i]
            if c == 0x22 || c == 0x5C || c < 0x20 { return i }
            i += 1
        }
        return count
    }

    /// Reads a field name and returns which wanted field it is, if any.
    @inline(__always)
    mutating func fieldIndex(names: UnsafeBufferPointer<UInt8>, starts: [Int], lengths: [Int]) throws(DecodeError) -> Int? {
        let start = index + 1
        let stop = stringStop(from: start)
        if stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") {
            index = stop + 1
            let length = stop - start
            for i in 0..<lengths.count where lengths[i] == length {
                if memoryEqual(names.baseAddress! + starts[i], bytes.baseAddress! + start, length) { return i }
            }
            return nil
        }
        // An escape in the name (or a malformed one): read it in full.
        let name = Array(try string().utf8)
        for i in 0..<lengths.count where lengths[i] == name.count {
            if name.elementsEqual(names[starts[i]..<(starts[i] + lengths[i])]) { return i }
        }
        return nil
    }

    /// Reads a JSON string starting at its opening quote.
    mutating func string() throws(DecodeError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw .malformed("control character in a string") }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw .malformed("control character in a string") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                index += 1
                continue
            }
            index += 1
            guard let e = peek else { break }
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw .malformed("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw .malformed("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw .malformed("invalid escape \\\(Character(UnicodeScalar(e)))")
            }
        }
        throw .malformed("unterminated string")
    }

    private mutating func hex4() throws(DecodeError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .malformed("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: throw .malformed("invalid \\u escape")
            }
            v = v * 16 + digit
            index += 1
        }
        return v
    }

    /// The extent of a JSON number, checked against JSON's grammar.
    @inline(never)
    mutating func numberSpan() throws(DecodeError) -> (start: Int, end: Int, integral: Bool) {
        let start = index
        var integral = true
        if peek == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while let c = peek, c >= 48, c <= 57 { index += 1 }
        guard index > digitsStart else { throw .malformed("invalid number at column \(start + 1)") }
        if bytes[digitsStart] == 48, index - digitsStart > 1 { throw .malformed("leading zero in a number") }
        if peek == UInt8(ascii: ".") {
            integral = false
            index += 1
            let fractionStart = index
            while let c = peek, c >= 48, c <= 57 { index += 1 }
            guard index > fractionStart else { throw .malformed("invalid number at column \(start + 1)") }
        }
        if let c = peek, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            integral = false
            index += 1
            if let s = peek, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while let c = peek, c >= 48, c <= 57 { index += 1 }
            guard index > exponentStart else { throw .malformed("invalid number at column \(start + 1)") }
        }
        return (start, index, integral)
    }

    mutating func literal(_ word: StaticString) throws(DecodeError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count, memoryEqual(word.utf8Start, bytes.baseAddress! + index, count) else {
            throw .malformed("invalid literal at column \(index + 1)")
        }
        index += count
        if let c = peek, isWordCharacter(c) { throw .malformed("invalid literal at column \(index + 1)") }
    }

    /// The common cases of some column types.
    enum Shortcut {
        case none, string, dynamic, timestamp
        /// A plain non-negative integer of at most this many digits, which always fits the type.
        case integer(digits: Int)
        /// A plain number with at most `scale` fraction digits that fits `DECIMAL(precision, scale)`.
        case decimal(precision: Int, scale: Int)
    }

    /// Reads the common case of a column type (a string, an integer, a quoted date-time on
    /// the cached date); nil, with the cursor unmoved, when it is not that case.
    @inline(__always)
    mutating func shortcut(_ kind: Shortcut, dates: inout DateCache, text: ValueColumns) throws(DecodeError) -> (UInt8, Int64)? {
        guard let c = peek else { return nil }
        switch kind {
        case .none:
            return nil
        case .string, .dynamic:
            if c == UInt8(ascii: "\"") { return (ValueColumns.Tag.string, try stringPayload(text)) }
            guard case .dynamic = kind, let v = plainInteger(digits: 18) else { return nil }
            return (ValueColumns.Tag.int, v)
        case .integer(let digits):
            guard let v = plainInteger(digits: digits) else { return nil }
            return (ValueColumns.Tag.int, v)
        case .timestamp:
            guard let millis = quotedTimestamp(&dates) else { return nil }
            return (ValueColumns.Tag.timestamp, millis)
        case let .decimal(precision, scale):
            guard let v = plainDecimal(precision: precision, scale: scale) else { return nil }
            return (ValueColumns.Tag.decimal + UInt8(scale), v)
        }
    }

    private static let powersOf10: [Int64] = (0...18).map { power10($0) }

    /// A plain number at the cursor (`-12.5`: no exponent, no leading zero, at most `scale`
    /// fraction digits) as the unscaled value of a `DECIMAL(precision, scale)`, the cursor
    /// moved past it; nil, unmoved, for anything else, or a value the general reader would
    /// round, find too wide or hold in more than 18 digits. (Out of line: inlined, it slows
    /// the compiled loop's other steps.)
    @inline(never)
    mutating func plainDecimal(precision: Int, scale: Int) -> Int64? {
        var i = index
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let integerStart = i
        var v: Int64 = 0
        while i < bytes.count, bytes[i] &- 48 < 10, i - integerStart < 18 {
            v = v &* 10 &+ Int64(bytes[i] &- 48)
            i += 1
        }
        let integerDigits = i - integerStart
        guard integerDigits > 0, bytes[integerStart] != 48 || integerDigits == 1 else { return nil }
        var fractionDigits = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] &- 48 < 10, fractionDigits < scale {
                v = v &* 10 &+ Int64(bytes[i] &- 48)
                i += 1
                fractionDigits += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        // The number must end here: another digit, a point or an exponent is the general reader's.
        if i < bytes.count, bytes[i] &- 48 < 10 || bytes[i] == UInt8(ascii: ".") || bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
        guard integerDigits + scale <= 18 else { return nil }
        v = v &* Self.powersOf10[scale - fractionDigits]
        guard v < Self.powersOf10[min(18, precision)] else { return nil }
        index = i
        return negative ? -v : v
    }

    /// A plain integer of at most `digits` digits at the cursor, the cursor moved past it; nil,
    /// unmoved, for anything else.
    @inline(__always)
    mutating func plainInteger(digits: Int) -> Int64? {
        guard let end = plainIntegerEnd(), end - index <= digits else { return nil }
        var v: Int64 = 0
        for i in index..<end { v = v &* 10 &+ Int64(bytes[i] &- 48) }
        index = end
        return v
    }

    /// A quoted date-time at the cursor, read through `dates`, the cursor moved past it; nil,
    /// unmoved, for anything else.
    @inline(__always)
    mutating func quotedTimestamp(_ dates: inout DateCache) -> Int64? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        // Most timestamps are 19 characters (yyyy-MM-dd HH:mm:ss): a quote 20 bytes on is
        // this string's end when those 19 parse, since a date-time holds no quote or escape.
        var stop = index + 20
        if !(stop < bytes.count && bytes[stop] == UInt8(ascii: "\"")) { stop = stringStop(from: index + 1) }
        guard stop < bytes.count, bytes[stop] == UInt8(ascii: "\""),
              let millis = dates.parse(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<stop])) else { return nil }
        index = stop + 1
        return millis
    }

    /// Where a plain integer at the cursor ends: digits without sign, fraction, exponent or
    /// leading zero, which need none of `numberSpan`'s checks. Nil for any other value.
    @inline(__always)
    func plainIntegerEnd() -> Int? {
        guard index < bytes.count, bytes[index] &- 48 < 10 else { return nil }
        var end = index + 1
        if end + 8 <= bytes.count {
            // Eight bytes at once: a byte is a digit when it is 0 to 9 after `^ 0x30`. Adding
            // 0x76 sets the high bit of those that are not; a carry out of such a byte only
            // reaches bytes after the first non-digit, which are not looked at.
            let x = UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: end, as: UInt64.self) ^ 0x3030_3030_3030_3030
            let stops = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
            end += stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
        }
        while end < bytes.count, bytes[end] &- 48 < 10 { end += 1 }
        guard bytes[index] != 48 || end - index == 1 else { return nil }
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") || bytes[end] | 0x20 == UInt8(ascii: "e") { return nil }
        return end
    }

    /// Skips one value, with shortcuts for numbers and strings.
    @inline(__always)
    mutating func skipAnyValue() throws(DecodeError) {
        if let c = peek, c == UInt8(ascii: "-") || (c >= 48 && c <= 57) {
            if let end = plainIntegerEnd() {
                index = end
                return
            }
            _ = try numberSpan()
        } else if peek == UInt8(ascii: "\"") {
            try skipString()
        } else {
            try skipValue()
        }
    }

    /// Skips one value of any kind, checking its structure.
    @inline(never)
    mutating func skipValue() throws(DecodeError) {
        // Open containers, innermost last: true for an object, false for an array.
        var open = ContainerStack()
        while true {
            skipWhitespace()
            guard let c = peek else { throw .malformed("unexpected end of line") }
            var closed = false
            switch c {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "}") {
                    index += 1
                    closed = true
                } else {
                    open.append(true)
                    try skipMemberName()
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if peek == UInt8(ascii: "]") {
                    index += 1
                    closed = true
                } else {
                    open.append(false)
                }
            case UInt8(ascii: "\""): try skipString(); closed = true
            case UInt8(ascii: "t"): try literal("true"); closed = true
            case UInt8(ascii: "f"): try literal("false"); closed = true
            case UInt8(ascii: "n"): try literal("null"); closed = true
            case UInt8(ascii: "-"), 48...57: _ = try numberSpan(); closed = true
            default: throw .malformed("unexpected '\(Character(UnicodeScalar(c)))' at column \(index + 1)")
            }
            guard closed else { continue }
            // A value ended: close containers until one has a next element.
            while let isObject = open.last {
                skipWhitespace()
                guard let d = peek else { throw .malformed("unexpected end of line") }
                index += 1
                if d == UInt8(ascii: ",") {
                    if isObject { try skipMemberName() }
                    break
                }
                guard d == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw .malformed("expected ',' or '\(isObject ? "}" : "]")' at column \(index)")
                }
                open.removeLast()
            }
            if open.isEmpty { return }
        }
    }

    /// The containers `skipValue` is inside: the innermost 64 as bits of a word (no allocation
    /// for the JSON lines have), deeper ones in an array.
    private struct ContainerStack {
        private var bits: UInt64 = 0
        private var depth = 0
        private var deeper: [Bool] = []

        var isEmpty: Bool { depth == 0 }

        var last: Bool? {
            guard depth > 0 else { return nil }
            if depth > 64 { return deeper.last }
            return bits & (1 << UInt64(depth - 1)) != 0
        }

        mutating func append(_ isObject: Bool) {
            if depth >= 64 {
                deeper.append(isObject)
            } else if isObject {
                bits |= 1 << UInt64(depth)
            } else {
                bits &= ~(1 << UInt64(depth))
            }
            depth += 1
        }

        mutating func removeLast() {
            if depth > 64 { deeper.removeLast() }
            depth -= 1
        }
    }

    /// Skips `"name" :` inside an object.
    private mutating func skipMemberName() throws(DecodeError) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw .malformed("expected a field name at column \(index + 1)") }
        try skipString()
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw .malformed("expected ':' at column \(index + 1)") }
        index += 1
    }

    @inline(__always)
    mutating func skipString() throws(DecodeError) {
        index += 1
        while true {
            index = stringStop(from: index)
            guard index < bytes.count else { break }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if c < 0x20 { throw .malformed("control character in a string") }
            index += 2
        }
        throw .malformed("unterminated string")
    }

    /// Reads the value at the cursor as a column of `type`: its `ValueColumns` tag and payload,
    /// a string's bytes appended to `text`.
    @inline(never)
    mutating func value(as type: DataType, field: Int, names: [String], dates: inout DateCache,
                        text: ValueColumns) throws(DecodeError) -> (UInt8, Int64) {
        typealias Tag = ValueColumns.Tag
        guard let c = peek else { throw .malformed("unexpected end of line") }
        if c == UInt8(ascii: "n") {
            try literal("null")
            return (Tag.null, 0)
        }
        let start = index
        func mismatch(_ scanner: JSONScanner) -> DecodeError {
            let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[start..<min(scanner.index, start + 40)]), as: UTF8.self)
            let field = names[field]
            return type.isTimestamp ? .unreadableTime(field: field, found: text) : .typeMismatch(field: field, type: type, found: text)
        }
        /// The value's own text (an object, an array, a literal) as a string, without the
        /// spaces between tokens, as Jackson writes a node back (Flink's JSON format).
        func raw(_ scanner: inout JSONScanner) throws(DecodeError) -> (UInt8, Int64) {
            try scanner.skipValue()
            let span = UnsafeBufferPointer(rebasing: scanner.bytes[start..<scanner.index])
            guard span.contains(where: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) else {
                return (Tag.string, text.appendText(span))
            }
            var compact: [UInt8] = []
            compact.reserveCapacity(span.count)
            var inString = false, escaped = false
            for byte in span {
                if inString {
                    compact.append(byte)
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                    compact.append(byte)
                } else if byte != 0x20, byte != 0x0A, byte != 0x09, byte != 0x0D {
                    compact.append(byte)
                }
            }
            return (Tag.string, compact.withUnsafeBufferPointer { text.appendText($0) })
        }
        switch type {
        case .timestamp, .timestampLtz:
            if c == UInt8(ascii: "\"") {
                let from = index + 1
                index = stringStop(from: from)
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { try skipValueAfter(start); throw mismatch(self) }
                let millis = dates.parse(UnsafeBufferPointer(rebasing: bytes[from..<index]))
                index += 1
                guard let millis else { throw mismatch(self) }
                return (Tag.timestamp, millis)
            }
            if c == UInt8(ascii: "-") || (c >= 48 && c <= 57) {
                let span = try numberSpan()
                // Years 0 to 9999 only, so window arithmetic never overflows.
                guard span.integral, let millis = parseInt64(span.start, span.end), millis.magnitude <= 253_402_300_799_999 else {
                    throw mismatch(self)
                }
                return (Tag.timestamp, millis)
            }
            try skipValue()
            throw mismatch(self)
        case .string:
            if c == UInt8(ascii: "\"") { return (Tag.string, try stringPayload(text)) }
            return try raw(&self)
        case .date:
            // "YYYY-MM-DD", as Flink's JSON format writes a DATE: its midnight.
            guard c == UInt8(ascii: "\"") else {
                try skipValue()
                throw mismatch(self)
            }
            let from = index + 1
            index = stringStop(from: from)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), index - from == 10,
                  let millis = Timestamp.parse(UnsafeBufferPointer(rebasing: bytes[from..<index])) else {
                try skipValueAfter(start)
                throw mismatch(self)
            }
            index += 1
            return (Tag.timestamp, millis)
        case .time:
            // "HH:mm:ss[.fff]", as Flink's JSON format writes a TIME: milliseconds since midnight.
            guard c == UInt8(ascii: "\"") else {
                try skipValue()
                throw mismatch(self)
            }
            let from = index + 1
            index = stringStop(from: from)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                  let millis = Timestamp.parseTime(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<index]), as: UTF8.self)) else {
                try skipValueAfter(start)
                throw mismatch(self)
            }
            index += 1
            return (Tag.timestamp, millis)
        case .array, .map, .row:
            // Kept as its JSON text; elements are read when a query takes them.
            guard c == UInt8(ascii: type.isArray ? "[" : "{") else {
                try skipValue()
                throw mismatch(self)
            }
            if type.containsMap {
                // Its maps in the order Flink's JSON format gives them.
                try skipValue()
                var parser = NestedText.Parser(bytes: Array(bytes[start..<index]))
                guard let node = parser.value() else { throw mismatch(self) }
                var out: [UInt8] = []
                NestedText.json(FlinkHashMapOrder.jsonMapsOrdered(node, type), to: &out)
                return (Tag.string, out.withUnsafeBufferPointer { text.appendText($0) })
            }
            return try raw(&self)
        case .dynamic:
            switch c {
            case UInt8(ascii: "\""): return (Tag.string, try stringPayload(text))
            case UInt8(ascii: "t"): try literal("true"); return (Tag.bool, 1)
            case UInt8(ascii: "f"): try literal("false"); return (Tag.bool, 0)
            case UInt8(ascii: "-"), 48...57:
                let span = try numberSpan()
                if span.integral, let v = parseInt64(span.start, span.end) { return (Tag.int, v) }
                return (Tag.double, ValueColumns.canonicalBits(parseDouble(span.start, span.end) ?? .nan))
            default:
                return try raw(&self)
            }
        case .boolean:
            // Anything but true or false (also as text) is a bad line, as CONTRACT.md says
            // (Flink would read "yes" or 1 as false without a word).
            switch c {
            case UInt8(ascii: "t"): try literal("true"); return (Tag.bool, 1)
            case UInt8(ascii: "f"): try literal("false"); return (Tag.bool, 0)
            case UInt8(ascii: "\""):
                let s = try string().lowercased()
                if s == "true" { return (Tag.bool, 1) }
                if s == "false" { return (Tag.bool, 0) }
                throw mismatch(self)
            default:
                try skipValue()
                throw mismatch(self)
            }
        case .tinyint, .smallint, .int, .bigint:
            let (from, to, integral, quoted) = try numericText()
            // A fraction does not fit an integer column: a bad line, as CONTRACT.md says (Flink
            // would cut 2.9 to 2 without a word). A number written with a fraction or an
            // exponent that is a whole one (12.0, 1e3) fits, as in Flink.
            var whole: Int64?
            if integral || quoted {
                whole = parseInt64(from, to)
            } else if let d = parseDouble(from, to), d.isFinite, d == d.rounded(.towardZero), d.magnitude < 0x1p63 {
                whole = Int64(d)
            }
            guard let v = whole else { throw mismatch(self) }
            let bits = type == .tinyint ? 8 : type == .smallint ? 16 : type == .int ? 32 : 64
            if bits < 64 {
                let limit = Int64(1) << (bits - 1)
                guard v >= -limit, v < limit else { throw mismatch(self) }
            }
            return (Tag.int, v)
        case .float, .double:
            let (from, to, _, _) = try numericText()
            guard let d = parseDouble(from, to) else { throw mismatch(self) }
            return (Tag.double, ValueColumns.canonicalBits(type == .float ? Double(Float(d)) : d))
        case let .decimal(precision, scale):
            let (from, to, _, _) = try numericText()
            // Exact, rounded HALF_UP to the column's scale. A number that does not fit the
            // column's precision is a bad line, as CONTRACT.md says (Flink would make it NULL
            // without a word).
            guard let number = DecimalText(UnsafeBufferPointer(rebasing: bytes[from..<to])), let value = number.unscaled(scale: scale),
                  value.magnitude < power10x128(precision) else { throw mismatch(self) }
            if let narrow = Int64(exactly: value) { return (Tag.decimal + UInt8(clamping: scale), narrow) }
            return (Tag.wideDecimal, text.appendWideDecimal(value, scale: scale))
        case .interval, .null:
            try skipValue()
            return (Tag.null, 0)
        }
    }

    /// Reads a JSON string starting at its opening quote into `text`; returns its payload.
    @inline(__always)
    mutating func stringPayload(_ text: ValueColumns) throws(DecodeError) -> Int64 {
        let quote = index
        let start = index + 1
        let stop = stringStop(from: start)
        if stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") {
            index = stop + 1
            return text.appendText(UnsafeBufferPointer(rebasing: bytes[start..<stop]))
        }
        // Escapes (or an error): the general reader.
        index = quote
        var s = try string()
        return s.withUTF8 { text.appendText($0) }
    }

    private mutating func skipValueAfter(_ start: Int) throws(DecodeError) {
        index = start
        try skipValue()
    }

    /// The digits of a number, or of a string holding one (Flink reads `"42"` into an INT).
    private mutating func numericText() throws(DecodeError) -> (Int, Int, Bool, Bool) {
        if peek == UInt8(ascii: "\"") {
            let start = index + 1
            try skipString()
            var from = start, to = index - 1
            while from < to, bytes[from] == 0x20 { from += 1 }
            while to > from, bytes[to - 1] == 0x20 { to -= 1 }
            return (from, to, true, true)
        }
        guard let c = peek, c == UInt8(ascii: "-") || (c >= 48 && c <= 57) else {
            try skipValue()
            return (index, index, false, false)
        }
        let span = try numberSpan()
        return (span.start, span.end, span.integral, false)
    }

    @inline(__always)
    func parseInt64(_ from: Int, _ to: Int) -> Int64? {
        var i = from
        guard i < to else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if bytes[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < to, to - i <= 19 else { return nil }
        // Accumulated with the number's sign, so that Int64.min (one more than Int64.max) reads.
        var v: Int64 = 0
        while i < to {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    func parseDouble(_ from: Int, _ to: Int) -> Double? {
        guard from < to else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
    }
}

/// A number written in decimal (`-12.345`, `1e3`, `.5`), held exactly: its digits and the
/// power of ten of the last one, as Java's `new BigDecimal(text)` reads it.
struct DecimalText {
    var negative = false
    /// Digit values, most significant first, without leading zeros.
    var digits: [UInt8] = []
    var exponent = 0

    init?(_ text: some Collection<UInt8>) {
        var seenPoint = false, seenDigit = false
        var i = text.startIndex
        if i < text.endIndex, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i = text.index(after: i)
        }
        while i < text.endIndex {
            let c = text[i]
            if c == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if c &- 48 < 10 {
                seenDigit = true
                if !digits.isEmpty || c != 48 { digits.append(c - 48) }
                if seenPoint { exponent -= 1 }
            } else if c | 0x20 == UInt8(ascii: "e") {
                guard seenDigit, let e = Int(String(decoding: text[text.index(after: i)...], as: UTF8.self)) else { return nil }
                exponent += max(-1000, min(1000, e))
                break
            } else {
                return nil
            }
            i = text.index(after: i)
        }
        guard seenDigit else { return nil }
    }

    /// The unscaled value at `scale` fraction digits, rounded HALF_UP (or cut toward zero);
    /// nil when it has more than 38 digits.
    func unscaled(scale: Int, truncating: Bool = false) -> Int128? {
        let kept = digits.count + exponent + scale  // digits left of the cut
        guard kept <= 38 else { return nil }
        guard kept > 0 else {
            // Below one unit of the scale: 0, or 1 when the first dropped digit rounds it up.
            let up = !truncating && kept == 0 && (digits.first ?? 0) >= 5
            return up ? (negative ? -1 : 1) : 0
        }
        var v: Int128 = 0
        for i in 0..<kept { v = v * 10 + Int128(i < digits.count ? digits[i] : 0) }
        if !truncating, kept < digits.count, digits[kept] >= 5 { v += 1 }
        guard v.magnitude < power10x128(38) else { return nil }
        return negative ? -v : v
    }
}

@inline(__always)
private func isWordCharacter(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
}
