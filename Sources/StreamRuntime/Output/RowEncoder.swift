import QueryPlanner

/// Writes result rows as NDJSON exactly as Flink's JSON format does: keys in SELECT order,
/// numbers as JSON numbers, `null`, timestamps as `"YYYY-MM-DD HH:MM:SS[.fff]"`.
public struct NDJSONEncoder: @unchecked Sendable {
    private let keyPrefixes: [[UInt8]]
    /// `keyPrefixes` back to back, and where each starts (one more entry: the end).
    private let prefixBytes: [UInt8]
    private let prefixStarts: [Int]
    private let types: [DataType]
    /// Which columns hold JSON text (ARRAY, MAP, ROW), written as JSON, not as a string.
    private let jsonText: [Bool]
    /// Each column's last timestamp and its JSON text: a firing's rows share their window
    /// bounds, so those are formatted once a firing, not once a row. (One encoder serves
    /// one sink, on one thread.)
    private let timestamps: TimestampTexts

    final class TimestampTexts {
        var millis: [Int64]
        /// Each column's last timestamp text, quoted, in a slot of `textSlot` bytes; its length in
        /// `textCounts`. (Flat, so a row copies it without retaining an array.)
        let texts: UnsafeMutableRawPointer
        var textCounts: [Int]
        static let textSlot = 48
        /// A value formatted the general way, before it is written.
        var general: [UInt8] = []
        /// The row being written (see `append`): `count` bytes of `capacity`.
        var bytes: UnsafeMutableRawPointer
        var count = 0
        var capacity = 1024

        init(columns: Int) {
            millis = Array(repeating: .min, count: columns)
            texts = .allocate(byteCount: max(columns, 1) * Self.textSlot, alignment: 8)
            textCounts = Array(repeating: 0, count: columns)
            bytes = .allocate(byteCount: capacity, alignment: 8)
        }

        deinit {
            bytes.deallocate()
            texts.deallocate()
        }

        @inline(__always)
        func reserve(_ more: Int) {
            guard count + more > capacity else { return }
            var grown = capacity * 2
            while grown < count + more { grown *= 2 }
            let moved = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            moved.copyMemory(from: bytes, byteCount: count)
            bytes.deallocate()
            bytes = moved
            capacity = grown
        }

        @inline(__always)
        func write(_ source: UnsafeRawBufferPointer) {
            let n = source.count
            reserve(n)
            guard let base = source.baseAddress else { return }
            let to = bytes + count
            // A row's pieces are short (a key's prefix, a formatted bound): no call for them.
            if n >= 8, n <= 16 {
                to.storeBytes(of: base.loadUnaligned(as: UInt64.self), as: UInt64.self)
                to.storeBytes(of: base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
            } else if n > 16, n <= 32 {
                // A formatted timestamp, quotes included, is 21 to 25 bytes.
                to.storeBytes(of: base.loadUnaligned(as: UInt64.self), as: UInt64.self)
                to.storeBytes(of: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                to.storeBytes(of: base.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), toByteOffset: n - 16, as: UInt64.self)
                to.storeBytes(of: base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4, n < 8 {
                to.storeBytes(of: base.loadUnaligned(as: UInt32.self), as: UInt32.self)
                to.storeBytes(of: base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), toByteOffset: n - 4, as: UInt32.self)
            } else {
                to.copyMemory(from: base, byteCount: n)
            }
            count += n
        }

        @inline(__always)
        func writeByte(_ byte: UInt8) {
            reserve(1)
            bytes.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
            count += 1
        }

        /// "00" to "99", back to back: digits are written two at a time.
        private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

        /// Copies `n` bytes between regions that do not overlap, without a call for the short
        /// runs digits come in.
        @inline(__always)
        static func copyShort(_ from: UnsafePointer<UInt8>, _ to: UnsafeMutablePointer<UInt8>, _ n: Int) {
            if n >= 8, n <= 16 {
                let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to)
                target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8, as: UInt64.self)
            } else if n < 8 {
                for i in 0..<n { to[i] = from[i] }
            } else {
                to.update(from: from, count: n)
            }
        }

        /// Writes the decimal digits of `magnitude` (one for 0) so that they end just before
        /// `end`; returns how many.
        @inline(__always)
        static func writeDigits(_ magnitude: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> Int {
            var v = magnitude
            var at = end
            do {
                let pairs = digitPairs.utf8Start
                while v >= 100 {
                    let pair = Int(v % 100) * 2
                    v /= 100
                    at -= 2
                    at[0] = pairs[pair]
                    at[1] = pairs[pair + 1]
                }
                if v >= 10 {
                    at -= 2
                    at[0] = pairs[Int(v) * 2]
                    at[1] = pairs[Int(v) * 2 + 1]
                } else {
                    at -= 1
                    at[0] = 48 + UInt8(v)
                }
            }
            return end - at
        }

        /// A decimal number, as `Decimal.append` writes it: every digit of its scale, no exponent.
        @inline(__always)
        func writeDecimal(_ unscaled: Int64, scale: Int) {
            let scale = max(0, min(scale, 40))
            reserve(64)
            let out = bytes.assumingMemoryBound(to: UInt8.self) + count
            var written = 0
            if unscaled < 0 {
                out[0] = UInt8(ascii: "-")
                written = 1
            }
            // The digits at the end of a scratch area of the buffer (64 bytes are reserved; a
            // 64-bit magnitude has at most 20 digits), then moved into place around the point.
            let scratchEnd = out + 64
            let digits = Self.writeDigits(unscaled.magnitude, endingAt: scratchEnd)
            let first = scratchEnd - digits
            if scale == 0 {
                Self.copyShort(first, out + written, digits)
                count += written + digits
                return
            }
            // At least one digit before the point: 0.05, not .05.
            let integral = max(digits - scale, 0)
            if integral == 0 {
                out[written] = 48
                written += 1
            } else {
                Self.copyShort(first, out + written, integral)
                written += integral
            }
            out[written] = UInt8(ascii: ".")
            written += 1
            // Zeros between the point and the digits, then the fraction's digits.
            for _ in 0..<max(scale - digits, 0) {
                out[written] = 48
                written += 1
            }
            Self.copyShort(first + integral, out + written, digits - integral)
            written += digits - integral
            count += written
        }

        /// A decimal integer, as `JSONText.appendInteger` writes it.
        @inline(__always)
        func writeInteger(_ v: Int64) {
            reserve(48)
            let out = bytes.assumingMemoryBound(to: UInt8.self) + count
            var written = 0
            if v < 0 {
                out[0] = UInt8(ascii: "-")
                written = 1
            }
            // Written at the end of the reserved bytes (clear of the front), then moved there.
            let digits = Self.writeDigits(v.magnitude, endingAt: out + 48)
            Self.copyShort(out + 48 - digits, out + written, digits)
            count += written + digits
        }
    }

    public init(columns: [Column]) {
        var prefixes: [[UInt8]] = []
        for (index, column) in columns.enumerated() {
            var prefix: [UInt8] = Array((index == 0 ? "{" : ",").utf8)
            JSONText.appendString(column.name, to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            prefixes.append(prefix)
        }
        keyPrefixes = prefixes
        prefixBytes = prefixes.flatMap { $0 }
        prefixStarts = prefixes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        types = columns.map(\.type)
        jsonText = columns.map(\.type.isJSONText)
        timestamps = TimestampTexts(columns: columns.count)
    }

    /// Appends one change of an updating result: `{"op":"-U", …}`, by the same path as a row.
    public func append(_ row: [Value], kind: RowKind, to out: inout [UInt8]) {
        if keyPrefixes.isEmpty {
            out.append(contentsOf: Array(#"{"op":""#.utf8) + Array(kind.rawValue.utf8) + Array("\"}\n".utf8))
            return
        }
        encode(row, kind: kind, to: &out)
    }

    /// Appends one row and its newline. The hot path of every result row: the row is built in
    /// a scratch buffer with plain copies (column names from one flat buffer, cached
    /// timestamps, integers, text without escapes) and appended to `out` once; a value that
    /// needs more (escapes, doubles, decimals) is formatted the general way into it.
    public func append(_ row: [Value], to out: inout [UInt8]) {
        guard !keyPrefixes.isEmpty else {
            out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\n")])
            return
        }
        encode(row, kind: nil, to: &out)
    }

    /// The row's text, `{"op":"…",` first for a change of an updating result.
    @inline(__always)
    private func encode(_ row: [Value], kind: RowKind?, to out: inout [UInt8]) {
        let scratch = timestamps
        scratch.count = 0
        prefixBytes.withUnsafeBufferPointer { prefixes in
            for index in 0..<prefixStarts.count - 1 {
                var from = prefixStarts[index]
                if index == 0, let kind {
                    // `{"op":"+U",` in place of the first column's `{`.
                    let op: StaticString = switch kind {
                    case .insert: #"{"op":"+I","#
                    case .updateBefore: #"{"op":"-U","#
                    case .updateAfter: #"{"op":"+U","#
                    case .delete: #"{"op":"-D","#
                    }
                    scratch.write(UnsafeRawBufferPointer(start: op.utf8Start, count: op.utf8CodeUnitCount))
                    from += 1
                }
                scratch.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(prefixes)[from..<prefixStarts[index + 1]]))
                writeValue(row[index], index, scratch)
            }
        }
        scratch.writeByte(UInt8(ascii: "}"))
        scratch.writeByte(UInt8(ascii: "\n"))
        out.append(contentsOf: UnsafeBufferPointer(start: scratch.bytes.assumingMemoryBound(to: UInt8.self), count: scratch.count))
    }

    /// Writes `value` as column `index` (its key prefix already written).
    @inline(__always)
    private func writeValue(_ value: Value, _ index: Int, _ scratch: TimestampTexts) {
        switch value {
        case .int(let v):
            scratch.writeInteger(v)
        case .string(let text) where jsonText[index]:
            var bytes: [UInt8] = []
            JSONText.appendArray(text, types[index], to: &bytes)
            bytes.withUnsafeBytes { scratch.write($0) }
        case .string(let text):
            var utf8 = text
            let plain = utf8.withUTF8 { bytes in
                // Text without quotes, backslashes or control characters goes as it is.
                guard !JSONText.needsEscaping(bytes) else { return false }
                scratch.writeByte(UInt8(ascii: "\""))
                scratch.write(UnsafeRawBufferPointer(bytes))
                scratch.writeByte(UInt8(ascii: "\""))
                return true
            }
            if !plain {
                var bytes: [UInt8] = []
                JSONText.appendString(text, to: &bytes)
                bytes.withUnsafeBytes { scratch.write($0) }
            }
        case .timestamp(let t):
            if scratch.millis[index] != t {
                var text: [UInt8] = []
                JSONText.appendValue(.timestamp(t), type: types[index], to: &text)
                guard text.count <= TimestampTexts.textSlot else {
                    // A year past 9999 or a long type text: written, not kept.
                    text.withUnsafeBytes { scratch.write($0) }
                    return
                }
                scratch.millis[index] = t
                scratch.textCounts[index] = text.count
                text.withUnsafeBytes { scratch.texts.advanced(by: index * TimestampTexts.textSlot).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
            scratch.write(UnsafeRawBufferPointer(start: scratch.texts + index * TimestampTexts.textSlot, count: scratch.textCounts[index]))
        case let .decimal(v, scale):
            scratch.writeDecimal(v, scale: Int(scale))
        case let value:
            // Doubles, booleans, NULL: formatted into a buffer kept between rows.
            scratch.general.removeAll(keepingCapacity: true)
            JSONText.appendValue(value, type: types[index], to: &scratch.general)
            scratch.general.withUnsafeBytes { scratch.write($0) }
        }
    }

    /// Writes a fired group's row without making its `Value`s: the text `append` writes for the
    /// row whose column `i` is `slots[i]`, with slots numbered as `QueryExecutor` numbers them
    /// (0, 1, 2 the window's start, end and time; `keyBase…` the group key's columns, read in
    /// place from row `keyRow` of `keys`; past those the aggregates, from `aggregate`). A key's
    /// text is copied from the table's bytes, which were valid UTF-8 when read.
    /// A COUNT among `accumulators` (the group's, one per aggregate) is written as its number;
    /// any other aggregate is `aggregate`'s value.
    func appendFired(_ slots: [Int], start: Int64, end: Int64, keys: ValueRows, keyRow: Int, keyBase: Int,
                     aggregateBase: Int, accumulators: ArraySlice<Accumulator>, aggregate: (Int) -> Value, to out: inout [UInt8]) {
        let scratch = timestamps
        scratch.count = 0
        prefixBytes.withUnsafeBufferPointer { prefixes in
            slots.withUnsafeBufferPointer { slots in
                accumulators.withUnsafeBufferPointer { accumulators in
                    writeFired(slots, prefixes, start: start, end: end, keys: keys, keyRow: keyRow, keyBase: keyBase,
                               aggregateBase: aggregateBase, accumulators: accumulators.baseAddress, aggregate: aggregate, scratch)
                }
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: scratch.bytes.assumingMemoryBound(to: UInt8.self), count: scratch.count))
    }

    /// `appendFired` for each group of one fired window, in order: group `keyRows[k]` of the
    /// table whose key rows are `keys` and whose accumulators are `accumulators`, `width` a
    /// group. `aggregate(row, a)` is any aggregate other than a COUNT.
    func appendFiredRows(_ slots: [Int], start: Int64, end: Int64, keys: ValueRows, keyRows: [Int], keyBase: Int,
                         aggregateBase: Int, accumulators: [Accumulator], width: Int,
                         aggregate: (Int, Int) -> Value, to out: inout [UInt8]) {
        let scratch = timestamps
        scratch.count = 0
        prefixBytes.withUnsafeBufferPointer { prefixes in
            slots.withUnsafeBufferPointer { slots in
                accumulators.withUnsafeBufferPointer { accumulators in
                    // (No base address when there are no aggregates: then none is read.)
                    let base = accumulators.baseAddress
                    for keyRow in keyRows {
                        writeFired(slots, prefixes, start: start, end: end, keys: keys, keyRow: keyRow, keyBase: keyBase,
                                   aggregateBase: aggregateBase, accumulators: base.map { $0 + keyRow * width },
                                   aggregate: { aggregate(keyRow, $0) }, scratch)
                        // Written out in pieces, so a window of a million groups is never held twice.
                        if scratch.count >= 1 << 16 {
                            out.append(contentsOf: UnsafeBufferPointer(start: scratch.bytes.assumingMemoryBound(to: UInt8.self), count: scratch.count))
                            scratch.count = 0
                        }
                    }
                }
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: scratch.bytes.assumingMemoryBound(to: UInt8.self), count: scratch.count))
    }

    /// One fired row (see `appendFired`) at the end of `scratch`.
    @inline(__always)
    private func writeFired(_ slots: UnsafeBufferPointer<Int>, _ prefixes: UnsafeBufferPointer<UInt8>, start: Int64, end: Int64,
                            keys: ValueRows, keyRow: Int, keyBase: Int, aggregateBase: Int,
                            accumulators: UnsafePointer<Accumulator>?, aggregate: (Int) -> Value, _ scratch: TimestampTexts) {
        for index in slots.indices {
            scratch.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(prefixes)[prefixStarts[index]..<prefixStarts[index + 1]]))
            let s = slots[index]
            switch s {
            case 0, 1, 2:
                writeValue(.timestamp(s == 0 ? start : s == 1 ? end : end - 1), index, scratch)
            case ..<aggregateBase:
                let i = keyRow * keys.width + s - keyBase
                let tag = keys.tags[i]
                if tag == ValueColumns.Tag.int {
                    scratch.writeInteger(keys.bits[i])
                } else if tag == ValueColumns.Tag.string, !jsonText[index],
                          case let bytes = ValueColumns.slice(keys.text, keys.bits[i]), !JSONText.needsEscaping(bytes) {
                    scratch.writeByte(UInt8(ascii: "\""))
                    scratch.write(UnsafeRawBufferPointer(bytes))
                    scratch.writeByte(UInt8(ascii: "\""))
                } else {
                    writeValue(keys.value(keyRow, s - keyBase), index, scratch)
                }
            default:
                let a = s - aggregateBase
                if case .count(let n) = accumulators![a] {
                    scratch.writeInteger(n)
                } else {
                    writeValue(aggregate(a), index, scratch)
                }
            }
        }
        scratch.writeByte(UInt8(ascii: "}"))
        scratch.writeByte(UInt8(ascii: "\n"))
    }
}

/// JSON text of single values.
public enum JSONText {
    /// Whether `bytes` hold a quote, a backslash or a control character (a JSON string would
    /// escape them), eight bytes at a step.
    @inline(__always)
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func flagged(_ w: UInt64) -> Bool {
            // Exact for whether any byte is one of them (not for which): the decoder's test.
            let ones: UInt64 = 0x0101_0101_0101_0101
            let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
            return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (w &- ones &* 0x20) & ~w) & 0x8080_8080_8080_8080 != 0
        }
        guard n >= 8 else { return bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } }
        var i = 0
        while i + 8 <= n {
            if flagged(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        return i < n && flagged(raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    }

    public static func appendValue(_ value: Value, type: DataType, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: [110, 117, 108, 108])  // null
        case .bool(let b):
            out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .int(let v):
            appendInteger(v, to: &out)
        case .double(let d):
            let text = type == .float ? JavaNumber.format(float: Float(d)) : JavaNumber.format(d)
            if d.isFinite {
                out.append(contentsOf: Array(text.utf8))
            } else {
                appendString(text, to: &out)
            }
        case let .decimal(v, s):
            Decimal.append(v, scale: Int(s), to: &out)
        case let .wideDecimal(w):
            Decimal.append(w.unscaled, scale: Int(w.scale), to: &out)
        case .string(let s) where type.isJSONText:
            appendArray(s, type, to: &out)
        case .string(let s):
            appendString(s, to: &out)
        case .timestamp(let t) where type == .date:
            out.append(contentsOf: Array("\"\(Timestamp.format(t).prefix(10))\"".utf8))
        case .timestamp(let t) where type == .time:
            out.append(contentsOf: Array("\"\(Timestamp.formatTime(t))\"".utf8))
        case .timestamp(let t):
            out.append(UInt8(ascii: "\""))
            Timestamp.append(t, to: &out)
            out.append(UInt8(ascii: "\""))
        case .interval(let ms):
            appendInteger(ms, to: &out)
        }
    }

    /// An ARRAY's, MAP's or ROW's JSON text written compactly, as Flink's JSON format writes
    /// a value of its type (`JsonValue.appendTypedText`).
    static func appendArray(_ text: String, _ type: DataType, to out: inout [UInt8]) {
        guard let node = CollectionFunctions.node(text), JsonValue.isContainer(node) else {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        JsonValue.appendTypedText(node, type, to: &out)
    }

    @inline(__always)
    public static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        if v >= 0, v < 10 {
            out.append(48 + UInt8(v))
            return
        }
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var i = raw.count
            var magnitude = v.magnitude
            repeat {
                i -= 1
                raw[i] = 48 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if v < 0 {
                i -= 1
                raw[i] = UInt8(ascii: "-")
            }
            out.append(contentsOf: raw[i...])
        }
    }

    /// A JSON string literal with Jackson's escapes: `"` `\` and control characters.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let c = bytes[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                out.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789ABCDEF".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
