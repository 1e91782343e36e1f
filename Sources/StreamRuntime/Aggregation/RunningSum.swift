import QueryPlanner

/// COUNT(x), SUM or AVG over values that enter and leave in any order: integers (wrapping at
/// 64 bits, as Java's long) and decimals' unscaled values (exactly, in 128 bits) until the
/// first double, then all in doubles.
struct RunningSum {
    private(set) var count: Int64 = 0
    private var integerSum: Int128 = 0
    private var doubleSum: Double = 0
    private var usesDouble: Bool
    private let kind: AggregateKind
    /// A FLOAT sum split by Flink's local flushes (`flushLocal`): the partial sums flushed so
    /// far, added one by one as its global aggregation adds them; nil before the first flush.
    private var flushedSum: Double?
    /// Whether a value was added or taken back yet.
    private var stepped = false

    init(_ kind: AggregateKind) {
        self.kind = kind
        switch kind {
        case .sumDouble, .sumFloat, .avgFloat, .avgDouble: usesDouble = true
        default: usesDouble = false
        }
    }

    /// Adds a non-NULL value.
    mutating func add(_ value: Value) {
        count += 1
        step(value, negated: false)
    }

    /// Takes back a non-NULL value added before.
    mutating func remove(_ value: Value) {
        count -= 1
        step(value, negated: true)
    }

    /// Adds (or takes back) a value.
    private mutating func step(_ value: Value, negated: Bool) {
        if !usesDouble {
            switch value {
            case .int(let v):
                integerSum = negated ? integerSum &- Int128(v) : integerSum &+ Int128(v)
                return
            case .decimal, .wideDecimal:
                if let v = Accumulator.wideUnscaled(value, kind) { integerSum = negated ? integerSum &- v : integerSum &+ v }
                return
            case .double:
                break
            default:
                return
            }
            usesDouble = true
            doubleSum = Accumulator.real(Int64(truncatingIfNeeded: integerSum), kind)
        }
        guard let d = value.doubleValue else { return }
        if !stepped, flushedSum == nil, Accumulator.startsNull(doubleSum, 0, kind) {
            // Flink's SUM starts NULL: its first value is taken as it is (a first retraction
            // is 0 - value).
            stepped = true
            doubleSum = Accumulator.rounded(negated ? 0 - d : d, kind)
            return
        }
        stepped = true
        doubleSum = Accumulator.rounded(doubleSum + (negated ? -d : d), kind)
    }

    /// Flink's local buffer flushed: the sum so far is a partial sum the global one adds.
    mutating func flushLocal() {
        guard usesDouble else { return }
        flushedSum = flushedSum.map { Accumulator.rounded($0 + doubleSum, kind) } ?? doubleSum
        doubleSum = 0
    }

    func result(_ kind: AggregateKind, _ type: DataType) -> Value {
        if case .count = kind { return .int(count) }
        let total = flushedSum.map { Accumulator.rounded($0 + doubleSum, kind) } ?? doubleSum
        let accumulator: Accumulator = usesDouble ? .doubleSum(total, count)
            : Accumulator.isDecimal(kind) ? Accumulator.exact(integerSum, count) : .integerSum(Int64(truncatingIfNeeded: integerSum), count)
        return accumulator.result(kind, type)
    }
}

extension Accumulator {
    /// The aggregate of `values` added in their order (LISTAGG's text, or a DISTINCT
    /// aggregate's result from its sorted values).
    static func folding(_ values: some Sequence<Value>, _ kind: AggregateKind, _ type: DataType) -> Value {
        var accumulator = Accumulator.initial(kind, distinct: false)
        for value in values { accumulator.add(value, kind) }
        return accumulator.result(kind, type)
    }

    /// Takes a value back out of Welford's moments (the variance family), as `add` put it in.
    mutating func removeMoment(_ value: Value) {
        guard case let .moments(mean, m2, n) = self, let x = value.doubleValue, n > 0 else { return }
        guard n > 1 else {
            self = .moments(mean: 0, m2: 0, count: 0)
            return
        }
        // Welford's step backwards, in Flink's order of operations (its rounding decides
        // whether a group retracted to one value reads 0 or a tiny negative, which is NULL:
        // case `w_variance_retract_rounding`).
        let remaining = n - 1
        let delta = x - mean
        let newMean = mean - delta / Double(remaining)
        self = .moments(mean: newMean, m2: m2 - delta * (x - newMean), count: remaining)
    }
}
