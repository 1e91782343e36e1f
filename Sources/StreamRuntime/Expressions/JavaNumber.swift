/// Floating-point text as Java 17's `Double.toString` writes it, which is what Flink's JSON
/// format prints: `1.0`, `2453.5`, `1.0E7`, `1.234E-5` (`JavaLegacyDoubleText`).
public enum JavaNumber {
    public static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        return JavaLegacyDoubleText.text(JavaLegacyDoubleText.digits(d), negative: d < 0)
    }

    /// `FLOAT` values print as Java 17's `Float.toString` writes them.
    public static func format(float f: Float) -> String {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
        if f == 0 { return f.sign == .minus ? "-0.0" : "0.0" }
        return JavaLegacyDoubleText.text(JavaLegacyDoubleText.digits(float: f), negative: f < 0)
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
}
