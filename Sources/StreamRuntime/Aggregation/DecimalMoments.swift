import QueryPlanner

/// VAR_POP, VAR_SAMP, STDDEV_POP and STDDEV_SAMP of a DECIMAL over an OVER frame, computed as
/// Flink 2.3 does. Its planner rewrites them for OVER (Calcite's AggregateReduceFunctionsRule)
/// into `$SUM0` and `COUNT` of `x` and of `x * x`, each cast to DECIMAL(38, r) with r the
/// result's scale, max(6, s), and a Calc that combines them in DECIMAL arithmetic:
///
///     VAR_POP  = (Σx² − Σx · Σx / n) / n          VAR_SAMP = (…) / (n − 1), NULL when n = 1
///     STDDEV_* = CAST(POWER(VAR_*, 0.5) AS DECIMAL(38, r))
///
/// Every operation rounds (HALF_UP) to the scale Flink's decimal typing gives its result
/// (LogicalTypeMerging: a product or quotient of two DECIMAL(38, r) has scale 6, a difference
/// max(r − 1, 6), a quotient by a BIGINT r) and is then cast back to scale r. Doubles would not do: Σx² − (Σx)²/n
/// cancels, and Flink's exact sums give 0.0 where doubles leave noise (checked against Flink:
/// `Tests/GoldenTests/Changelog/w_over_variance_decimal_*`). A result past 38 digits is NULL,
/// as Flink's DecimalData gives.
struct DecimalMoments {
    /// The scale of the sums and of the result: max(6, the argument's scale).
    let scale: Int
    private(set) var count: Int64 = 0
    private var sum: Int128 = 0
    private var squares: Int128 = 0
    /// Terms that did not fit 38 digits, still in the frame: while any is, the result is NULL.
    private var overflowed = 0

    init(argumentScale: Int) {
        scale = max(6, argumentScale)
    }

    private static let limit = Int128(power10x128(38))

    /// The term a row adds: its value at scale r and its square as Flink's Calc computes it.
    private func term(_ value: Value) -> (Int128, Int128)? {
        let x: Int128
        switch value {
        case .decimal, .wideDecimal:
            let (v, s) = value.decimal128!
            guard let exact = DecimalMath.rescale(DecimalMath.Magnitude(v.magnitude), from: s, to: scale),
                  exact.high == 0, exact.low < power10x128(38) else { return nil }
            x = v < 0 ? -Int128(exact.low) : Int128(exact.low)
        case let .int(v): x = Int128(v) * Int128(power10x128(scale))
        default: return nil
        }
        guard let square = Self.multiply(x, x, scale) else { return nil }
        return (x, square)
    }

    mutating func add(_ value: Value) {
        count += 1
        guard let (x, square) = term(value) else {
            overflowed += 1
            return
        }
        sum += x
        squares += square
    }

    mutating func remove(_ value: Value) {
        count -= 1
        guard let (x, square) = term(value) else {
            overflowed -= 1
            return
        }
        sum -= x
        squares -= square
    }

    func result(_ function: AggregateFunction, _ resultType: DataType) -> Value {
        let n = Int128(count)
        guard count > 0, overflowed == 0, abs(sum) < Self.limit, abs(squares) < Self.limit else { return .null }
        let divisor = function == .varPop || function == .stddevPop ? n : n - 1
        guard divisor > 0,
              let sumSquared = Self.multiply(sum, sum, scale),
              let mean = Self.divide(sumSquared, by: n, scale, to: 6),
              let spread = Self.subtract(squares, mean, scale),
              // VAR_POP divides by n cast to DECIMAL(38, r) (a quotient of scale 6), VAR_SAMP by
              // the BIGINT n − 1 (DECIMAL(38, r) / DECIMAL(19, 0) has scale r).
              let variance = Self.divide(spread, by: divisor, scale, to: function == .varPop || function == .stddevPop ? 6 : scale)
        else { return .null }
        if function == .varPop || function == .varSamp { return Evaluator.fitting(variance, scale: scale) }
        // POWER takes a DOUBLE: BigDecimal.doubleValue, correctly rounded, as Double(String) is.
        guard let double = Double("\(variance)e-\(scale)") else { return .null }
        return Evaluator.cast(.double(double.squareRoot()), to: resultType)
    }

    // MARK: Flink's DECIMAL(38, r) arithmetic

    /// x · y of two values at scale r, rounded to the product's scale (6 while r ≤ 19, as
    /// LogicalTypeMerging.findMultiplicationDecimalType adjusts DECIMAL(77, 2r) to 38 digits),
    /// then cast back to scale r; nil past 38 digits.
    static func multiply(_ x: Int128, _ y: Int128, _ r: Int) -> Int128? {
        let productScale = max(2 * r - 39, min(2 * r, 6))
        let drop = 2 * r - productScale
        guard drop <= 38 else { return nil }
        let divisor = power10x128(drop)
        let (high, low) = x.magnitude.multipliedFullWidth(by: y.magnitude)
        guard high < divisor else { return nil }
        var (q, remainder) = divisor.dividingFullWidth((high, low))
        if remainder >= divisor - remainder { q += 1 }
        guard q < UInt128(limit) else { return nil }
        let rounded = (x < 0) != (y < 0) ? -Int128(q) : Int128(q)
        return rescaled(rounded, from: productScale, to: r)
    }

    /// x / n of a value at scale r by a count, rounded to the quotient's scale (≤ r), then
    /// cast back to scale r.
    static func divide(_ x: Int128, by n: Int128, _ r: Int, to quotientScale: Int) -> Int128? {
        let (factor, overflow) = n.multipliedReportingOverflow(by: Int128(power10x128(r - quotientScale)))
        guard !overflow else { return nil }
        var (q, remainder) = x.magnitude.quotientAndRemainder(dividingBy: factor.magnitude)
        if remainder >= factor.magnitude - remainder { q += 1 }
        return rescaled(x < 0 ? -Int128(q) : Int128(q), from: quotientScale, to: r)
    }

    /// x − y of two values at scale r, rounded to the difference's scale, max(r − 1, 6), then
    /// cast back to scale r.
    static func subtract(_ x: Int128, _ y: Int128, _ r: Int) -> Int128? {
        let difference = x - y
        return rescaled(Evaluator.rescale128(difference, from: r, to: max(r - 1, 6)), from: max(r - 1, 6), to: r)
    }

    private static func rescaled(_ v: Int128, from: Int, to: Int) -> Int128? {
        let value = Evaluator.rescale128(v, from: from, to: to)
        return abs(value) < limit ? value : nil
    }
}
