import QueryPlanner

/// Flink's `PRINTF(format, args…)`: `java.util.Formatter` in `Locale.US` over the arguments as
/// Flink hands them over (text, Integer/Long, Double, its DecimalData and TimestampData, which
/// only `%s` takes). The conversions `s S d x X o f e E b B c % n`, with an argument index
/// (`2$`), the flags `- 0 + space , (`, a width and a precision. nil where Java throws (an
/// unknown conversion, `%d` of a DOUBLE, too few arguments), which fails Flink's job.
enum JavaFormat {
    /// The argument types as the binder passes them: one letter each.
    static func types(_ layout: String) -> [DataType] {
        layout.map { c -> DataType in
            switch c {
            case "t": .tinyint
            case "s": .smallint
            case "i": .int
            case "l": .bigint
            case "f": .float
            case "d": .double
            case "D": .date
            case "T": .timestamp
            default: .string
            }
        }
    }

    static func format(_ pattern: String, _ args: [Value], _ types: [DataType]) -> String? {
        let p = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0, next = 0
        while i < p.count {
            guard p[i] == "%" else { out.unicodeScalars.append(p[i]); i += 1; continue }
            i += 1
            // %[index$][flags][width][.precision]conversion
            var number = 0, digits = 0
            let start = i
            while i < p.count, let d = p[i].properties.numericType == .decimal ? Int(String(p[i])) : nil { number = number * 10 + d; digits += 1; i += 1 }
            var index: Int?
            if digits > 0, i < p.count, p[i] == "$" { index = number - 1; i += 1 } else { i = start }
            var flags = Set<Unicode.Scalar>()
            while i < p.count, "-0+ ,(#".unicodeScalars.contains(p[i]) { flags.insert(p[i]); i += 1 }
            var width = 0
            while i < p.count, let d = Int(String(p[i])), p[i].isASCII { width = width * 10 + d; i += 1 }
            var precision: Int?
            if i < p.count, p[i] == "." {
                i += 1
                var v = 0
                while i < p.count, let d = Int(String(p[i])), p[i].isASCII { v = v * 10 + d; i += 1 }
                precision = v
            }
            guard i < p.count else { return nil }
            let conversion = p[i]
            i += 1
            if conversion == "%" { out += pad("%", width, flags); continue }
            if conversion == "n" { out += "\n"; continue }
            let at = index ?? next
            if index == nil { next += 1 }
            guard at >= 0, at < args.count else { return nil }
            let value = args[at], type = types[at]
            var text: String
            if value.isNull, conversion != "b", conversion != "B" {
                // Java writes "null" for any conversion, cut to the precision, in the conversion's case.
                text = String("null".prefix(precision ?? 4))
                if conversion.properties.isUppercase { text = text.uppercased() }
                out += pad(text, width, flags)
                continue
            }
            switch conversion {
            case "s", "S":
                text = value.isNull ? "null" : plain(value, type)
                if let precision { text = JavaText.prefix(text, precision) }
                if conversion == "S" { text = text.uppercased() }
            case "b", "B":
                if case .bool(let b) = value { text = b ? "true" : "false" } else { text = value.isNull ? "false" : "true" }
                if conversion == "B" { text = text.uppercased() }
            case "d":
                guard !value.isNull else { text = "null"; break }
                guard case .int(let v) = value, type.isInteger else { return nil }
                text = signed(String(v.magnitude), negative: v < 0, flags, grouping: flags.contains(","))
                if flags.contains("0"), !flags.contains("-"), text.count < width { text = zeroPadded(text, width) }
            case "x", "X", "o":
                guard !value.isNull else { text = "null"; break }
                guard case .int(let v) = value, type.isInteger else { return nil }
                let bits: Int = switch type { case .tinyint: 8; case .smallint: 16; case .int: 32; default: 64 }
                let pattern = bits == 64 ? UInt64(bitPattern: v) : UInt64(bitPattern: v) & ((1 << UInt64(bits)) - 1)
                text = String(pattern, radix: conversion == "o" ? 8 : 16, uppercase: conversion == "X")
                if flags.contains("0"), !flags.contains("-"), text.count < width { text = String(repeating: "0", count: width - text.count) + text }
            case "f", "e", "E":
                guard !value.isNull else { text = "null"; break }
                guard case .double(let d) = value else { return nil }
                if d.isNaN || d.isInfinite {
                    text = d.isNaN ? "NaN" : (d < 0 ? (flags.contains("(") ? "(Infinity)" : "-Infinity") : (flags.contains("+") ? "+Infinity" : "Infinity"))
                    break
                }
                let magnitude = conversion == "f" ? fixed(Swift.abs(d), precision ?? 6) : scientific(Swift.abs(d), precision ?? 6)
                text = signed(conversion == "E" ? magnitude.uppercased() : magnitude, negative: d.sign == .minus && d != 0 || d < 0, flags,
                              grouping: flags.contains(",") && conversion == "f")
                if flags.contains("0"), !flags.contains("-"), text.count < width { text = zeroPadded(text, width) }
            case "c":
                guard !value.isNull else { text = "null"; break }
                guard case .int(let v) = value, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: v)) else { return nil }
                text = String(Character(scalar))
            default:
                return nil
            }
            out += pad(text, width, flags)
        }
        return out
    }

    /// A value as Java's `toString` of what Flink passes writes it.
    private static func plain(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return type == .float ? JavaNumber.format(float: Float(d)) : JavaNumber.format(d)
        case .timestamp(let t):
            // TimestampData.toString: LocalDateTime's ISO text (seconds left out when zero).
            var text = Timestamp.format(t)
            if type == .date { return String(text.prefix(10)) }
            text = String(text.map { $0 == " " ? "T" : $0 })
            let millis = ((t % 1000) + 1000) % 1000
            if let dot = text.firstIndex(of: ".") { text = String(text[..<dot]) }
            if millis != 0 { return text + "." + String(String(millis + 1000).dropFirst()) }
            return text.hasSuffix(":00") ? String(text.dropLast(3)) : text
        default:
            guard case .string(let s) = Evaluator.cast(value, to: .string) else { return "null" }
            return s
        }
    }

    private static func pad(_ text: String, _ width: Int, _ flags: Set<Unicode.Scalar>) -> String {
        // Java's width counts UTF-16 units (an emoji takes two).
        let length = text.utf16.count
        guard length < width else { return text }
        let fill = String(repeating: " ", count: width - length)
        return flags.contains("-") ? text + fill : fill + text
    }

    private static func zeroPadded(_ text: String, _ width: Int) -> String {
        var body = Substring(text), sign = ""
        if let first = body.first, first == "-" || first == "+" || first == " " || first == "(" { sign = String(first); body = body.dropFirst() }
        return sign + String(repeating: "0", count: width - text.count) + body
    }

    private static func signed(_ magnitude: String, negative: Bool, _ flags: Set<Unicode.Scalar>, grouping: Bool) -> String {
        var body = magnitude
        if grouping {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            var integer = String(parts[0]), grouped = ""
            while integer.count > 3 { grouped = "," + integer.suffix(3) + grouped; integer = String(integer.dropLast(3)) }
            body = integer + grouped + (parts.count > 1 ? "." + parts[1] : "")
        }
        if negative { return flags.contains("(") ? "(" + body + ")" : "-" + body }
        if flags.contains("+") { return "+" + body }
        if flags.contains(" ") { return " " + body }
        return body
    }

    /// The decimal digits Java 17 develops for a double, rounded half up at `precision` places.
    private static func fixed(_ d: Double, _ precision: Int) -> String {
        var (digits, exponent) = d == 0 ? ([0], 1) : JavaLegacyDoubleText.digits(Swift.abs(d), compatible: false)
        // digits × 10^(exponent - count): keep exponent + precision of them.
        let keep = exponent + precision
        if keep < digits.count {
            let roundUp = keep >= 0 && digits[keep] >= 5
            digits = keep > 0 ? Array(digits[0..<keep]) : []
            if roundUp {
                var k = digits.count - 1
                while k >= 0, digits[k] == 9 { digits[k] = 0; k -= 1 }
                if k >= 0 { digits[k] += 1 } else { digits.insert(1, at: 0); exponent += 1 }
            }
            if keep < 0 { exponent = -precision }
        }
        var integer = "", fraction = ""
        for position in 0..<max(exponent, 0) { integer.append(Character(UnicodeScalar(48 + (position < digits.count ? digits[position] : 0)))) }
        if integer.isEmpty { integer = "0" }
        for place in 0..<precision {
            let position = exponent + place
            fraction.append(Character(UnicodeScalar(48 + (position >= 0 && position < digits.count ? digits[position] : 0))))
        }
        return precision > 0 ? integer + "." + fraction : integer
    }

    /// `d.ddddde+xx` with `precision` digits after the point, rounded half up.
    private static func scientific(_ d: Double, _ precision: Int) -> String {
        if d == 0 { return "0" + (precision > 0 ? "." + String(repeating: "0", count: precision) : "") + "e+00" }
        var (digits, exponent) = JavaLegacyDoubleText.digits(Swift.abs(d), compatible: false)
        let keep = precision + 1
        if keep < digits.count {
            let roundUp = digits[keep] >= 5
            digits = Array(digits[0..<keep])
            if roundUp {
                var k = digits.count - 1
                while k >= 0, digits[k] == 9 { digits[k] = 0; k -= 1 }
                if k >= 0 { digits[k] += 1 } else { digits.insert(1, at: 0); digits.removeLast(); exponent += 1 }
            }
        }
        while digits.count < keep { digits.append(0) }
        let e = exponent - 1
        var text = String(digits[0])
        if precision > 0 { text += "." + digits[1...].map { String($0) }.joined() }
        return text + (e < 0 ? "e-" : "e+") + (Swift.abs(e) < 10 ? "0" : "") + String(Swift.abs(e))
    }
}

/// Text as Flink's Java strings count it: in UTF-16 units. A unit cut from its pair (a
/// character outside the Basic Multilingual Plane split in two) is written `?`, as Flink's
/// UTF-8 encoder writes a lone surrogate (case `w_utf16_units`).
enum JavaText {
    /// The text's UTF-16 units, each as text: a character outside the BMP as two `?`.
    static func units(_ text: String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(text.utf16.count)
        for c in text.unicodeScalars {
            if c.value > 0xFFFF { out.append("?"); out.append("?") } else { out.append(String(c)) }
        }
        return out
    }

    /// The text's first `count` UTF-16 units (Java's `substring(0, count)`).
    static func prefix(_ text: String, _ count: Int) -> String {
        var out = "", left = count
        for c in text.unicodeScalars {
            let width = c.value > 0xFFFF ? 2 : 1
            if left <= 0 { break }
            if width > left { out += "?"; break }
            out.unicodeScalars.append(c)
            left -= width
        }
        return out
    }
}
