/// Floating-point text as Java's `Double.toString` writes it, which is what Flink's JSON
/// format prints: `1.0`, `2453.5`, `1.0E7`, `1.234E-5`.
public enum JavaNumber {
    public static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        return render(shortestDigits(d.description), negative: d < 0, magnitude: Swift.abs(d))
    }

    /// `FLOAT` values print with a float's shortest digits.
    public static func format(float f: Float) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
        if f == 0 { return f.sign == .minus ? "-0.0" : "0.0" }
        return render(shortestDigits(f.description), negative: f < 0, magnitude: Double(Swift.abs(f)))
    }

    /// The significant digits and decimal exponent of Swift's shortest round-trip text:
    /// value = 0.d1d2d3… × 10^exponent.
    static func shortestDigits(_ text: String) -> (digits: [UInt8], exponent: Int) {
        var digits: [UInt8] = []
        var exponent = 0
        var pointSeen = false
        var integerDigits = 0
        var chars = Array(text.utf8)
        if chars.first == UInt8(ascii: "-") { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: ".") {
                pointSeen = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = Int(String(decoding: chars[(i + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(c - 48)
                if !pointSeen { integerDigits += 1 }
            }
            i += 1
        }
        var decimalExponent = integerDigits + exponent
        while digits.first == 0, digits.count > 1 {
            digits.removeFirst()
            decimalExponent -= 1
        }
        while digits.last == 0, digits.count > 1 { digits.removeLast() }
        return (digits, decimalExponent)
    }

    private static func render(_ parsed: (digits: [UInt8], exponent: Int), negative: Bool, magnitude: Double) -> String {
        let (digits, exponent) = parsed
        var out = negative ? "-" : ""
        func digit(_ i: Int) -> Character { Character(UnicodeScalar(48 + (i < digits.count ? digits[i] : 0))) }
        if magnitude >= 1e-3, magnitude < 1e7 {
            if exponent <= 0 {
                out += "0."
                out += String(repeating: "0", count: -exponent)
                for i in 0..<digits.count { out.append(digit(i)) }
            } else {
                for i in 0..<exponent { out.append(digit(i)) }
                out += "."
                if digits.count > exponent {
                    for i in exponent..<digits.count { out.append(digit(i)) }
                } else {
                    out += "0"
                }
            }
            return out
        }
        out.append(digit(0))
        out += "."
        if digits.count > 1 {
            for i in 1..<digits.count { out.append(digit(i)) }
        } else {
            out += "0"
        }
        out += "E\(exponent - 1)"
        return out
    }
}
