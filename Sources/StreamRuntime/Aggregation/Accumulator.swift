import QueryPlanner

/// How one aggregate call accumulates, decided once from its types.
enum AggregateKind: Sendable {
    case countStar, count
    case sumInteger, sumDouble, sumDecimal(scale: Int), sumDynamic
    /// SUM of a FLOAT: Flink adds in FLOAT, each partial sum rounded to 32 bits (its AVG of a
    /// FLOAT adds in DOUBLE, as `avgDouble`).
    case sumFloat
    /// AVG of a FLOAT where Flink's planner rewrites it as SUM / COUNT: the sum as `sumFloat`,
    /// divided in FLOAT (`AggregateCall.sumWraps`).
    case avgFloat
    case avgInteger, avgDouble, avgDecimal(inputScale: Int, outputScale: Int), avgDynamic
    /// An AVG of integers as Flink's SUM / COUNT: the sum wrapped in the argument's type first.
    case avgWrappingSum
    case min, max
    /// `hashOrder`: DISTINCT values in Flink's two-phase order, hashed alone or (`rowKey`)
    /// as the row of value and separator.
    case listagg(separator: String, hashOrder: Bool, rowKey: Bool = false), firstValue, lastValue
    /// STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP over integers or over doubles.
    case variance(AggregateFunction, integer: Bool)

    init(_ call: AggregateCall) {
        switch call.function {
        case .listagg: self = .listagg(separator: call.separator, hashOrder: call.distinctInHashOrder, rowKey: call.separatorGiven)
        case .firstValue: self = .firstValue
        case .lastValue: self = .lastValue
        case .stddevPop, .stddevSamp, .varPop, .varSamp:
            self = .variance(call.function, integer: call.argumentType.isInteger || call.argumentType == .null)
        case .count:
            self = call.argument == nil ? .countStar : .count
        case .sum, .avg:
            let sum = call.function == .sum
            switch call.argumentType {
            case .tinyint, .smallint, .int, .bigint, .null: self = sum ? .sumInteger : call.sumWraps ? .avgWrappingSum : .avgInteger
            case .float: self = sum ? .sumFloat : call.sumWraps ? .avgFloat : .avgDouble
            case .double: self = sum ? .sumDouble : .avgDouble
            case let .decimal(_, s):
                if case let .decimal(_, out) = call.resultType, !sum {
                    self = .avgDecimal(inputScale: s, outputScale: out)
                } else {
                    self = .sumDecimal(scale: s)
                }
            default: self = sum ? .sumDynamic : .avgDynamic
            }
        case .min: self = .min
        case .max: self = .max
        }
    }
}

/// The running state of one aggregate for one group in one window (or slice, or session).
enum Accumulator: Sendable {
    case count(Int64)
    /// A sum and the number of non-NULL inputs (SUM is NULL, AVG undefined, when it is 0).
    case integerSum(Int64, Int64)
    /// A DECIMAL sum past 64 bits (its unscaled value's two halves) and the count; a sum
    /// back within 64 bits is an `integerSum` again (`exact`).
    case wideSum(high: Int64, low: UInt64, count: Int64)
    case doubleSum(Double, Int64)
    /// A FLOAT sum as Flink's two-phase window aggregation keeps it: what its global phase
    /// holds (each flush of the local buffer's partial sum added to it, rounded to 32 bits) and
    /// the local partial sum since the last flush (0 when none), and the count
    /// (`SliceWindowOperator.markLocalFlush`).
    case splitSum(global: Double, local: Double, count: Int64)
    case value(Value)
    /// The distinct non-NULL inputs, for `DISTINCT` aggregates.
    case distinct(DistinctValues)
    /// LISTAGG's text so far (nil before the first value).
    case text(String?)
    /// The variance family: the running mean, the sum of squared distances from it, and the
    /// count, updated as Welford's method (Flink 2.3 computes these aggregates in DOUBLE this
    /// way and casts the result to the argument's type; checked: VAR_SAMP of 103, 101, 116,
    /// 116 is 65.99999999999996 in Flink, so 65 as BIGINT).
    case moments(mean: Double, m2: Double, count: Int64)

    static func initial(_ kind: AggregateKind, distinct: Bool) -> Accumulator {
        if distinct { return .distinct(DistinctValues()) }
        switch kind {
        case .countStar, .count: return .count(0)
        case .sumInteger, .sumDecimal, .avgInteger, .avgWrappingSum, .avgDecimal, .sumDynamic, .avgDynamic: return .integerSum(0, 0)
        case .sumDouble, .sumFloat, .avgFloat, .avgDouble: return .doubleSum(0, 0)
        case .min, .max, .firstValue, .lastValue: return .value(.null)
        case .listagg: return .text(nil)
        case .variance: return .moments(mean: 0, m2: 0, count: 0)
        }
    }

    /// Adds a row to a `COUNT(*)`.
    @inline(__always)
    mutating func countRow() {
        if case .count(let n) = self { self = .count(n &+ 1) }
    }

    /// Adds one input value (ignored when NULL, except by `COUNT(*)`).
    @inline(__always)
    mutating func add(_ value: Value, _ kind: AggregateKind) {
        switch self {
        case .count(let n):
            if case .countStar = kind { self = .count(n + 1) } else if !value.isNull { self = .count(n + 1) }
        case let .integerSum(sum, n):
            switch value {
            case .int(let v): self = .integerSum(sum &+ v, n + 1)
            case .decimal(let v, let s):
                if let v = Self.unscaled(v, s, kind) {
                    let (r, overflow) = sum.addingReportingOverflow(v)
                    if !overflow { self = .integerSum(r, n + 1); return }
                }
                if let x = Self.wideUnscaled(value, kind) { self = Self.exact(Int128(sum) &+ x, n + 1) }
            case .wideDecimal:
                if let x = Self.wideUnscaled(value, kind) { self = Self.exact(Int128(sum) &+ x, n + 1) }
            case .double(let d): self = .doubleSum(Self.real(sum, kind) + d, n + 1)
            default: break
            }
        case let .wideSum(high, low, n):
            if let x = Self.wideUnscaled(value, kind) { self = Self.exact(Self.join(high, low) &+ x, n + 1) }
        case let .doubleSum(sum, n):
            // Flink's SUM starts NULL and takes its first value as it is: a lone -0.0 stays -0.0.
            if let d = value.doubleValue { self = .doubleSum(Self.rounded(Self.startsNull(sum, n, kind) ? d : sum + d, kind), n + 1) }
        case let .splitSum(global, local, n):
            if let d = value.doubleValue { self = .splitSum(global: global, local: Self.rounded(local + d, kind), count: n + 1) }
        case .value(let current):
            if value.isNull { return }
            if case .lastValue = kind {
                self = .value(value)
            } else if current.isNull {
                self = .value(value)
            } else if case .firstValue = kind {
                return
            } else if let order = Evaluator.compare(value, current) {
                if case .min = kind, order < 0 { self = .value(value) }
                if case .max = kind, order > 0 { self = .value(value) }
            }
        case .distinct:
            if value.isNull { return }
            // Moved out and back, so the set is mutated in place and no reference is counted.
            guard case .distinct(var set) = consume self else { fatalError("unreachable") }
            if !set.insert(value), set.flushedCount > 0 { set.noteAgain(value) }
            self = .distinct(set)
        case .text(let current):
            guard case .string(let s) = value, case .listagg(let separator, _, _) = kind else { return }
            self = .text(current.map { $0 + separator + s } ?? s)
        case let .moments(mean, m2, n):
            guard let x = value.doubleValue else { return }
            let count = n + 1
            let delta = x - mean
            let newMean = mean + delta / Double(count)
            self = .moments(mean: newMean, m2: m2 + delta * (x - newMean), count: count)
        }
    }

    /// The scale of a decimal SUM's or AVG's exact sum (0 for other kinds).
    @inline(__always)
    static func sumScale(_ kind: AggregateKind) -> Int {
        switch kind {
        case .sumDecimal(let scale): scale
        case .avgDecimal(let scale, _): scale
        default: 0
        }
    }

    /// A decimal input's unscaled value at the sum's scale; nil when it does not fit 64 bits
    /// (the sum then goes on in 128 bits: `wideUnscaled`).
    @inline(__always)
    static func unscaled(_ v: Int64, _ s: Int8, _ kind: AggregateKind) -> Int64? {
        let scale = sumScale(kind)
        if Int(s) == scale { return v }
        let wide = Evaluator.rescale128(Int128(v), from: Int(s), to: scale)
        return wide > Int128(Int64.max) || wide < Int128(Int64.min) ? nil : Int64(wide)
    }

    /// A DECIMAL input's unscaled value at the sum's scale, in 128 bits.
    static func wideUnscaled(_ value: Value, _ kind: AggregateKind) -> Int128? {
        guard let (v, s) = value.decimal128 else { return nil }
        let scale = sumScale(kind)
        if s == scale { return v }
        guard let m = DecimalMath.rescale(DecimalMath.Magnitude(v.magnitude), from: s, to: scale), m.high == 0,
              let exact = Int128(exactly: m.low) else { return nil }
        return v < 0 ? -exact : exact
    }

    /// An exact decimal sum in its one form: 64 bits while it fits. (Past 38 digits its
    /// result is NULL, as Flink's DECIMAL(38, s) sum; past 128 bits it wraps.)
    @inline(__always)
    static func exact(_ sum: Int128, _ count: Int64) -> Accumulator {
        if let narrow = Int64(exactly: sum) { return .integerSum(narrow, count) }
        return .wideSum(high: Int64(truncatingIfNeeded: sum >> 64), low: UInt64(truncatingIfNeeded: sum), count: count)
    }

    static func join(_ high: Int64, _ low: UInt64) -> Int128 { Int128(high) << 64 | Int128(low) }

    /// The exact sum and count of a decimal SUM or AVG, in either form.
    var exactSum: (Int128, Int64)? {
        switch self {
        case let .integerSum(sum, n): (Int128(sum), n)
        case let .wideSum(high, low, n): (Self.join(high, low), n)
        default: nil
        }
    }

    static func isDecimal(_ kind: AggregateKind) -> Bool {
        switch kind {
        case .sumDecimal, .avgDecimal: true
        default: false
        }
    }

    /// An exact sum as the number it stands for (a dynamic sum that meets a double).
    static func real(_ sum: Int64, _ kind: AggregateKind) -> Double {
        let scale = sumScale(kind)
        return scale == 0 ? Double(sum) : Double(sum) / pow10(scale)
    }

    /// Combines the state of the same group from another slice.
    mutating func merge(_ other: Accumulator, _ kind: AggregateKind) {
        if case .distinct(let b) = other {
            // Not through the tuple switch below: the tuple would hold a second reference to
            // this set, so inserting into it would copy it whole on every merge (a window
            // merging many slices into one large set would take quadratic time).
            guard case .distinct(var a) = self else { return }
            self = .count(0)  // drop the reference so the set is mutated in place
            a.formUnion(b)
            self = .distinct(a)
            return
        }
        if case .splitSum = self { self = flushed(kind) }
        if case .splitSum = other {
            merge(other.flushed(kind), kind)
            return
        }
        switch (self, other) {
        case let (.count(a), .count(b)): self = .count(a + b)
        case let (.integerSum(a, n), .integerSum(b, m)) where !Self.isDecimal(kind):
            self = .integerSum(a &+ b, n + m)
        case (.integerSum, .integerSum), (.wideSum, .integerSum), (.integerSum, .wideSum), (.wideSum, .wideSum):
            let (a, n) = exactSum!, (b, m) = other.exactSum!
            self = Self.exact(a &+ b, n + m)
        case let (.doubleSum(a, n), .doubleSum(b, m)):
            self = .doubleSum(Self.startsNull(b, m, kind) ? a : Self.startsNull(a, n, kind) ? b : Self.rounded(a + b, kind), n + m)
        case let (.integerSum(a, n), .doubleSum(b, m)), let (.doubleSum(b, m), .integerSum(a, n)): self = .doubleSum(Self.real(a, kind) + b, n + m)
        case (.value, .value(let v)): add(v, kind)
        case let (.text(a), .text(b)):
            guard let b else { return }
            if case .listagg(let separator, _, _) = kind { self = .text(a.map { $0 + separator + b } ?? b) }
        case let (.moments(meanA, m2A, n), .moments(meanB, m2B, m)):
            guard m > 0 else { return }
            guard n > 0 else { self = other; return }
            // Chan et al.'s combination of two partial results.
            let count = n + m
            let delta = meanB - meanA
            self = .moments(mean: meanA + delta * Double(m) / Double(count),
                            m2: m2A + m2B + delta * delta * Double(n) * Double(m) / Double(count), count: count)
        default: break
        }
    }

    /// A decimal SUM (DECIMAL(38, s)) or AVG (DECIMAL(38, max(6, s)), the sum divided by the
    /// count HALF_UP) of an exact sum: NULL past 38 digits.
    static func decimalResult(_ sum: Int128, _ n: Int64, _ kind: AggregateKind) -> Value {
        switch kind {
        case .sumDecimal(let scale): return Evaluator.fitting(sum, scale: scale)
        case let .avgDecimal(inputScale, outputScale):
            return DecimalMath.divide(sum, inputScale, Int128(n), 0, precision: 38, scale: outputScale)
        default: return .null
        }
    }

    /// Whether a SUM of doubles holding `sum` of `n` values is still Flink's NULL sum (nothing
    /// added yet), which takes the next value as it is (0 + -0.0 would be 0.0). An AVG's sum
    /// starts at zero in Flink.
    @inline(__always)
    static func startsNull(_ sum: Double, _ n: Int64, _ kind: AggregateKind) -> Bool {
        guard n == 0, sum == 0, sum.sign == .plus else { return false }
        switch kind {
        case .sumDouble, .sumFloat: return true
        default: return false
        }
    }

    /// A split sum with its local part added to its global one, as a `doubleSum`.
    func flushed(_ kind: AggregateKind) -> Accumulator {
        guard case let .splitSum(global, local, n) = self else { return self }
        return .doubleSum(Self.rounded(global + local, kind), n)
    }

    /// A FLOAT sum's local partial sum handed to its global phase (Flink's local buffer
    /// flushed): the first flush makes the partial the global sum.
    mutating func flushLocal(_ kind: AggregateKind) {
        switch self {
        case let .doubleSum(sum, n): self = .splitSum(global: sum, local: 0, count: n)
        case let .splitSum(global, local, n): self = .splitSum(global: Self.rounded(global + local, kind), local: 0, count: n)
        default: break
        }
    }

    /// A partial sum as the aggregate keeps it: a FLOAT sum's rounded to 32 bits.
    @inline(__always)
    static func rounded(_ sum: Double, _ kind: AggregateKind) -> Double {
        switch kind {
        case .sumFloat, .avgFloat: Double(Float(sum))
        default: sum
        }
    }

    /// Whether `subtract` can take a slice's state back out exactly.
    static func isInvertible(_ kind: AggregateKind, distinct: Bool) -> Bool {
        guard !distinct else { return false }
        switch kind {
        case .countStar, .count, .sumInteger, .avgInteger, .avgWrappingSum, .sumDecimal, .avgDecimal: return true
        default: return false
        }
    }

    /// Undoes `merge(other)` for invertible aggregates.
    mutating func subtract(_ other: Accumulator, _ kind: AggregateKind) {
        switch (self, other) {
        case let (.count(a), .count(b)): self = .count(a - b)
        case let (.integerSum(a, n), .integerSum(b, m)) where !Self.isDecimal(kind): self = .integerSum(a &- b, n - m)
        case (.integerSum, .integerSum), (.wideSum, .integerSum), (.integerSum, .wideSum), (.wideSum, .wideSum):
            let (a, n) = exactSum!, (b, m) = other.exactSum!
            self = Self.exact(a &- b, n - m)
        case let (.doubleSum(a, n), .doubleSum(b, m)): self = .doubleSum(Self.rounded(a - b, kind), n - m)
        case let (.doubleSum(a, n), .integerSum(b, m)): self = .doubleSum(a - Self.real(b, kind), n - m)
        default: break
        }
    }

    /// The aggregate's value, in the call's result type.
    func result(_ kind: AggregateKind, _ type: DataType) -> Value {
        switch self {
        case .splitSum:
            return flushed(kind).result(kind, type)
        case .count(let n):
            return .int(n)
        case let .integerSum(sum, n):
            guard n > 0 else { return .null }
            switch kind {
            case .sumInteger, .sumDynamic: return .int(Evaluator.wrap(sum, type))
            case .avgInteger, .avgDynamic: return .int(Evaluator.wrap(sum / n, type))
            case .avgWrappingSum: return .int(Evaluator.wrap(Evaluator.wrap(sum, type) / n, type))
            case .sumDecimal, .avgDecimal: return Self.decimalResult(Int128(sum), n, kind)
            default: return .int(sum)
            }
        case let .wideSum(high, low, n):
            guard n > 0 else { return .null }
            return Self.decimalResult(Self.join(high, low), n, kind)
        case let .doubleSum(sum, n):
            guard n > 0 else { return .null }
            let result: Double
            switch kind {
            case .avgDouble, .avgDynamic, .avgInteger, .avgDecimal: result = sum / Double(n)
            case .avgFloat: result = Double(Float(sum) / Float(n))
            default: result = sum
            }
            return .double(type == .float ? Double(Float(result)) : result)
        case .value(let v):
            return v
        case .text(let s):
            return s.map { .string($0) } ?? .null
        case let .moments(_, m2, n):
            guard case .variance(let function, _) = kind else { return .null }
            let divisor = function == .stddevPop || function == .varPop ? n : n - 1
            // A sum of squares rounded below zero by retractions is NULL in Flink 2.3.
            guard n > 0, divisor > 0, m2 >= 0 else { return .null }
            let variance = m2 / Double(divisor)
            let result = function == .varPop || function == .varSamp ? variance : variance.squareRoot()
            return Evaluator.cast(.double(result), to: type)
        case .distinct(let set):
            switch kind {
            case .countStar, .count:
                return .int(Int64(set.count))
            case let .listagg(separator, hashOrder: true, rowKey):
                return Accumulator.folding(set.flinkListaggOrder(separator: rowKey ? separator : nil), kind, type)
            case .listagg, .firstValue, .lastValue:
                // In the order they first came, as one phase feeds them.
                return Accumulator.folding(set.values, kind, type)
            default:
                return Accumulator.folding(set.values.sorted { (Evaluator.compare($0, $1) ?? 0) < 0 }, kind, type)
            }
        }
    }
}
