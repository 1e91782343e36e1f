import QueryPlanner

/// Flink's DECIMAL arithmetic (`DecimalDataUtils`): each result is computed exactly, rounded
/// HALF_UP to its type's scale, and NULL when it then has more digits than the type's
/// precision (`DecimalData.fromBigDecimal`).
///
/// Invariant: an operand holds at most 38 digits (its unscaled value is below 10^38), so the
/// exact sum, difference or product of two of them at a common scale is below 10^77 and fits
/// the 256-bit `Magnitude`.
enum DecimalMath {
    /// 10^0 … 10^38.
    static let powers: [UInt128] = (0...38).map(power10x128)

    /// An unsigned 256-bit integer: the magnitude of an exact intermediate result.
    struct Magnitude: Comparable {
        var high: UInt128
        var low: UInt128

        init(_ value: UInt128) { high = 0; low = value }
        init(high: UInt128, low: UInt128) { self.high = high; self.low = low }

        static func < (a: Magnitude, b: Magnitude) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }

        static func + (a: Magnitude, b: Magnitude) -> Magnitude {
            let (low, carry) = a.low.addingReportingOverflow(b.low)
            return Magnitude(high: a.high &+ b.high &+ (carry ? 1 : 0), low: low)
        }

        /// `a - b` for `a >= b`.
        static func - (a: Magnitude, b: Magnitude) -> Magnitude {
            let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
            return Magnitude(high: a.high &- b.high &- (borrow ? 1 : 0), low: low)
        }

        /// `self × factor`, nil past 256 bits.
        func times(_ factor: UInt128) -> Magnitude? {
            let lowProduct = low.multipliedFullWidth(by: factor)
            let (highProduct, overflow) = high.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            let (sum, carry) = highProduct.addingReportingOverflow(lowProduct.high)
            return carry ? nil : Magnitude(high: sum, low: lowProduct.low)
        }

        func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: Magnitude, remainder: UInt128) {
            let (qHigh, rHigh) = high.quotientAndRemainder(dividingBy: divisor)
            let (qLow, remainder) = divisor.dividingFullWidth((rHigh, low))
            return (Magnitude(high: qHigh, low: qLow), remainder)
        }
    }

    /// `m` with `from` fraction digits at `to` fraction digits: exact when raised (nil past
    /// 256 bits), rounded HALF_UP when lowered.
    static func rescale(_ m: Magnitude, from: Int, to: Int) -> Magnitude? {
        var m = m
        if to >= from {
            var k = to - from
            while k > 0 {
                let c = min(k, 38)
                guard let raised = m.times(powers[c]) else { return nil }
                m = raised
                k -= c
            }
            return m
        }
        // Dropping a + b digits in two divisions rounds on the last one alone: the remainder
        // a + b digits wide is at least half of 10^(a+b) exactly when the last remainder is
        // at least half of 10^b.
        var k = from - to
        var roundUp = false
        while k > 0 {
            let c = min(k, 38)
            let (q, r) = m.quotientAndRemainder(dividingBy: powers[c])
            m = q
            k -= c
            roundUp = r >= powers[c] / 2
        }
        return roundUp ? m + Magnitude(1) : m
    }

    /// A signed result as a DECIMAL(precision, scale) value: NULL past the precision.
    static func value(negative: Bool, _ magnitude: Magnitude?, precision: Int, scale: Int) -> Value {
        guard let magnitude, magnitude.high == 0, magnitude.low < powers[min(38, max(0, precision))] else { return .null }
        let v = Int128(magnitude.low)
        return Value.decimal(negative ? -v : v, scale: scale)
    }

    /// `x / 10^s` in DECIMAL(precision, scale): Flink's CAST of one decimal to another.
    static func cast(_ x: Int128, _ s: Int, precision: Int, scale: Int) -> Value {
        value(negative: x < 0, rescale(Magnitude(x.magnitude), from: s, to: scale), precision: precision, scale: scale)
    }

    static func add(_ x: Int128, _ s: Int, _ y: Int128, _ t: Int, subtract: Bool, precision: Int, scale: Int) -> Value {
        let yNegative = (y < 0) != subtract
        let common = max(s, t)
        guard let a = rescale(Magnitude(x.magnitude), from: s, to: common),
              let b = rescale(Magnitude(y.magnitude), from: t, to: common) else { return .null }
        let negative: Bool
        let sum: Magnitude
        if (x < 0) == yNegative {
            (negative, sum) = (x < 0, a + b)
        } else if a >= b {
            (negative, sum) = (x < 0, a - b)
        } else {
            (negative, sum) = (yNegative, b - a)
        }
        return value(negative: negative, rescale(sum, from: common, to: scale), precision: precision, scale: scale)
    }

    static func multiply(_ x: Int128, _ s: Int, _ y: Int128, _ t: Int, precision: Int, scale: Int) -> Value {
        let product = x.magnitude.multipliedFullWidth(by: y.magnitude)
        return value(negative: (x < 0) != (y < 0), rescale(Magnitude(high: product.high, low: product.low), from: s + t, to: scale),
                     precision: precision, scale: scale)
    }

    /// `x / 10^s ÷ y / 10^t` at `scale` digits, HALF_UP. (Flink first rounds the quotient to
    /// 38 significant digits, then to the scale; the two roundings differ from one only when
    /// the digits between are all 9s after a 4, which this does not reproduce.)
    static func divide(_ x: Int128, _ s: Int, _ y: Int128, _ t: Int, precision: Int, scale: Int) -> Value {
        guard y != 0 else { return .null }
        let divisor = y.magnitude
        // The quotient is |x| / |y| × 10^(t − s); at `scale` digits that is |x| / |y| × 10^n.
        let n = scale + t - s
        let (whole, remainder) = x.magnitude.quotientAndRemainder(dividingBy: divisor)
        let negative = (x < 0) != (y < 0)
        guard n >= 0 else {
            // The fraction of |x| / |y| cannot carry a whole number of 10^−n past its half.
            return value(negative: negative, rescale(Magnitude(whole), from: 0, to: n), precision: precision, scale: scale)
        }
        // ⌊|x| / |y| × 10^(n+1)⌋, a chunk of at most 38 digits at a time, then rounded on its last digit.
        var digits = Magnitude(whole)
        var rest = remainder
        var k = n + 1
        while k > 0 {
            let c = min(k, 38)
            guard let shifted = digits.times(powers[c]) else { return .null }
            let wide = rest.multipliedFullWidth(by: powers[c])
            let (chunk, r) = divisor.dividingFullWidth((wide.high, wide.low))  // below 10^c: rest < divisor
            digits = shifted + Magnitude(chunk)
            rest = r
            k -= c
        }
        return value(negative: negative, rescale(digits, from: 1, to: 0), precision: precision, scale: scale)
    }

    /// The remainder of `x / 10^s ÷ y / 10^t`, with the dividend's sign (Java's
    /// BigDecimal.remainder), at `scale` digits.
    static func remainder(_ x: Int128, _ s: Int, _ y: Int128, _ t: Int, precision: Int, scale: Int) -> Value {
        guard y != 0 else { return .null }
        let common = max(s, t)
        guard let a = rescale(Magnitude(x.magnitude), from: s, to: common),
              let b = rescale(Magnitude(y.magnitude), from: t, to: common) else { return .null }
        let rest: Magnitude
        if a < b {
            rest = a
        } else if b.high == 0 {
            rest = Magnitude(a.quotientAndRemainder(dividingBy: b.low).remainder)
        } else {
            return .null  // a divisor past 128 bits at the common scale: beyond what weir computes
        }
        return value(negative: x < 0, rescale(rest, from: common, to: scale), precision: precision, scale: scale)
    }

    /// Orders `x / 10^s` and `y / 10^t`.
    static func compare(_ x: Int128, _ s: Int, _ y: Int128, _ t: Int) -> Int {
        if s == t { return x < y ? -1 : x == y ? 0 : 1 }
        if (x < 0) != (y < 0) { return x < 0 ? -1 : 1 }
        let common = max(s, t)
        // Both below 10^38 raised by at most 38 digits: within 256 bits.
        let a = rescale(Magnitude(x.magnitude), from: s, to: common)!, b = rescale(Magnitude(y.magnitude), from: t, to: common)!
        let order = a < b ? -1 : a == b ? 0 : 1
        return x < 0 ? -order : order
    }
}
