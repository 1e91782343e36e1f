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
}
