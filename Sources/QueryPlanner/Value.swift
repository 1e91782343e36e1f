#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// One SQL value. The plan carries constants as values; the runtime computes with them.
///
/// Integers of every width are held as `Int64` (the column type says how wide they are);
/// decimals as a scaled integer; timestamps as milliseconds since the epoch (UTC, no zone).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// `unscaled / 10^scale`: every DECIMAL whose unscaled value fits 64 bits.
    case decimal(Int64, scale: Int8)
    /// A DECIMAL whose unscaled value does not fit 64 bits (19 to 38 digits). A value has one
    /// form only (`Value.decimal(_:scale:)` chooses it), so `==` and `hash` need not convert.
    case wideDecimal(WideDecimal)
    case string(String)
    case timestamp(Int64)
    /// An interval in milliseconds.
    case interval(Int64)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Values are equal as Flink compares the fields of a key: doubles by their bits, so
    /// `-0.0` is not `0.0` and every NaN is the same NaN (SQL's `=` is `Evaluator.compare`).
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.double(x), .double(y)): x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case let (.decimal(x, s), .decimal(y, t)): x == y && s == t
        case let (.wideDecimal(x), .wideDecimal(y)): x == y
        case let (.string(x), .string(y)): Value.sameText(x, y)
        case let (.timestamp(x), .timestamp(y)): x == y
        case let (.interval(x), .interval(y)): x == y
        default: false
        }
    }

    /// Strings are equal as Flink compares them: byte for byte in UTF-8. (Swift's `==` also
    /// takes `é` and `e` + U+0301 as equal, which Flink's BinaryStringData does not.)
    @inline(__always)
    public static func sameText(_ x: String, _ y: String) -> Bool {
        let fast = x.utf8.withContiguousStorageIfAvailable { a in
            y.utf8.withContiguousStorageIfAvailable { b in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }
        if let fast, let same = fast { return same }
        return x.utf8.elementsEqual(y.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(1 as UInt8); hasher.combine(b)
        case .int(let v): hasher.combine(2 as UInt8); hasher.combine(v)
        case .double(let d): hasher.combine(3 as UInt8); hasher.combine(d.isNaN ? Double.nan.bitPattern : d.bitPattern)
        case let .decimal(v, s): hasher.combine(4 as UInt8); hasher.combine(v); hasher.combine(s)
        case let .wideDecimal(w): hasher.combine(8 as UInt8); hasher.combine(w)
        case .string(let t):
            // The UTF-8 bytes, as `==` compares them (String's own hash normalizes first).
            hasher.combine(5 as UInt8)
            hasher.combine(t.utf8.count)
            if t.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                for byte in t.utf8 { hasher.combine(byte) }
            }
        case .timestamp(let v): hasher.combine(6 as UInt8); hasher.combine(v)
        case .interval(let v): hasher.combine(7 as UInt8); hasher.combine(v)
        }
    }

    /// The value as a `Double`, for numeric values.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case let .decimal(v, s): Double(v) / pow10(Int(s))
        // Correctly rounded, as Java's BigDecimal.doubleValue.
        case let .wideDecimal(w): Double(Decimal.text(w.unscaled, scale: Int(w.scale)))
        default: nil
        }
    }

    /// A DECIMAL in its one form: `.decimal` when the unscaled value fits 64 bits.
    @inline(__always)
    public static func decimal(_ unscaled: Int128, scale: Int) -> Value {
        if let narrow = Int64(exactly: unscaled) { return .decimal(narrow, scale: Int8(scale)) }
        return .wideDecimal(WideDecimal(unscaled, scale: scale))
    }

    /// A DECIMAL's unscaled value and scale, in either form.
    @inline(__always)
    public var decimal128: (unscaled: Int128, scale: Int)? {
        switch self {
        case let .decimal(v, s): (Int128(v), Int(s))
        case let .wideDecimal(w): (w.unscaled, Int(w.scale))
        default: nil
        }
    }
}

/// The unscaled value of a DECIMAL past 64 bits, held as two words rather than an `Int128`
/// so that `Value` keeps 8-byte alignment and its 24-byte stride.
public struct WideDecimal: Sendable, Hashable {
    let high: Int64
    let low: UInt64
    public let scale: Int8

    public init(_ unscaled: Int128, scale: Int) {
        high = Int64(truncatingIfNeeded: unscaled >> 64)
        low = UInt64(truncatingIfNeeded: unscaled)
        self.scale = Int8(scale)
    }

    public var unscaled: Int128 { Int128(high) << 64 | Int128(low) }
}

/// 10^n in 128 bits (0 ≤ n ≤ 38).
public func power10x128(_ n: Int) -> UInt128 {
    var r: UInt128 = 1
    for _ in 0..<max(0, n) { r *= 10 }
    return r
}

func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<max(0, n) { r *= 10 }
    return r
}

/// Calendar arithmetic and text forms of `TIMESTAMP(3)` values (milliseconds since the epoch).
public enum Timestamp {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number.
    public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Flink's SQL form: `2024-04-25 10:00:09.999`, with a fraction only when it is not zero
    /// and without trailing zeros (`10:00:01.5`).
    /// A time of day as Flink writes a TIME: `HH:mm:ss`, and the fraction when there is one,
    /// without trailing zeros (`10:00:01.5`).
    public static func formatTime(_ millis: Int64) -> String {
        // The end of the day (a CEIL to HOUR of 23:30) is 24:00:00, as Calcite writes it.
        if millis == 86_400_000 { return "24:00:00" }
        let ms = ((millis % 86_400_000) + 86_400_000) % 86_400_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text = "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60))"
        if ms % 1000 != 0 {
            var fraction = String(ms % 1000 + 1000).dropFirst()
            while fraction.last == "0" { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    /// A TIME(digits) as Flink's CAST to STRING writes it (`unixTimeToString`): with digits > 0
    /// a fraction always, at most `digits` of it, without trailing zeros but one
    /// (`10:00:01.0`, `10:00:01.12`).
    public static func formatTime(_ millis: Int64, digits: Int) -> String {
        guard digits > 0 else { return formatTime(millis - ((millis % 1000) + 1000) % 1000) }
        var text = formatTime(millis - ((millis % 1000) + 1000) % 1000) + "."
        var ms = ((millis % 1000) + 1000) % 1000
        var left = digits
        while left > 0 {
            text.append(Character(Unicode.Scalar(UInt8(48 + ms / 100))))
            ms = ms % 100 * 10
            if ms == 0 { break }
            left -= 1
        }
        return text
    }

    /// `H:mm[:ss[.fff]]` as milliseconds since midnight; nil for other text or a time out of range.
    public static func parseTime(_ text: String) -> Int64? {
        let (clock, fraction) = text.firstIndex(of: ".").map { (text[..<$0], text[text.index(after: $0)...]) } ?? (Substring(text), nil)
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
              let hour = Int64(parts[0]), let minute = Int64(parts[1]), hour < 24, minute < 60 else { return nil }
        let second = parts.count == 3 ? Int64(parts[2]) ?? 60 : 0
        guard second < 60 else { return nil }
        var millis: Int64 = 0
        if let fraction {
            guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isNumber) else { return nil }
            let digits = fraction.prefix(3)
            millis = (Int64(digits) ?? 0) * [100, 10, 1][digits.count - 1]
        }
        return hour * 3_600_000 + minute * 60_000 + second * 1000 + millis
    }

    public static func format(_ millis: Int64) -> String {
        var out = [UInt8]()
        out.reserveCapacity(23)
        append(millis, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the SQL form of a timestamp to a byte buffer.
    public static func append(_ millis: Int64, to out: inout [UInt8]) {
        let dayMillis: Int64 = 86_400_000
        var days = millis / dayMillis
        var rest = millis % dayMillis
        if rest < 0 {
            rest += dayMillis
            days -= 1
        }
        let (y, m, d) = civil(days: Int(days))
        appendDigits(y, 4, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, 2, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, 2, &out)
        out.append(UInt8(ascii: " "))
        let ms = Int(rest % 1000)
        let seconds = Int(rest / 1000)
        appendDigits(seconds / 3600, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, 2, &out)
        if ms != 0 {
            out.append(UInt8(ascii: "."))
            var fraction = ms
            var digits = 3
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            appendDigits(fraction, digits, &out)
        }
    }

    private static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(-value, width, &out)
            return
        }
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var v = value
        var i = width - 1
        while i >= 0 {
            digits[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
        if v > 0 { out.append(contentsOf: Array(String(value).utf8)); return }
        out.append(contentsOf: digits)
    }

    /// Parses the event-time forms weir accepts: `YYYY-MM-DD HH:MM:SS[.fff]`, ISO-8601
    /// `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, and a date alone. Fractions beyond
    /// milliseconds are truncated, as `TIMESTAMP(3)` does.
    /// `lenient` (as Flink's CAST from text) also takes one digit for a month, day, hour,
    /// minute or second (`2024-3-5 7:08:09`).
    @inlinable
    public static func parse<C: RandomAccessCollection>(_ s: C, lenient: Bool = false) -> Int64? where C.Element == UInt8, C.Index == Int {
        var i = s.startIndex
        let end = s.endIndex
        @inline(__always) func digits(_ n: Int) -> Int? {
            if lenient, n == 2, i + 1 <= end, s[i] >= 48, s[i] <= 57, i + 1 == end || s[i + 1] < 48 || s[i + 1] > 57 {
                i += 1
                return Int(s[i - 1] - 48)
            }
            guard i + n <= end else { return nil }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            guard i < end, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
              month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var millis = Int64(days(year: year, month: month, day: day)) * 86_400_000
        if i == end { return millis }
        guard s[i] == 32 || s[i] == 84 else { return nil }  // ' ' or 'T'
        i += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(58) {
            guard let sec = digits(2), sec < 60 else { return nil }
            second = sec
        }
        millis += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000)
        if i < end, s[i] == 46 {  // '.'
            i += 1
            var scale = 100
            var fraction = 0
            var count = 0
            while i < end, s[i] >= 48, s[i] <= 57 {
                if scale > 0 {
                    fraction += Int(s[i] - 48) * scale
                    scale /= 10
                }
                i += 1
                count += 1
            }
            guard count > 0 else { return nil }
            millis += Int64(fraction)
        }
        if i == end { return millis }
        if s[i] == 90 || s[i] == 122 {  // 'Z' / 'z'
            i += 1
            return i == end ? millis : nil
        }
        guard s[i] == 43 || s[i] == 45 else { return nil }  // '+' / '-'
        let sign: Int64 = s[i] == 43 ? 1 : -1
        i += 1
        guard let oh = digits(2) else { return nil }
        _ = expect(58)
        let om = digits(2) ?? 0
        guard i == end else { return nil }
        return millis - sign * Int64(oh * 3_600_000 + om * 60_000)
    }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses a timestamp given as text.
    public static func parse(_ text: String, lenient: Bool = false) -> Int64? {
        let bytes = Array(text.utf8)
        return parse(bytes, lenient: lenient)
    }
}
