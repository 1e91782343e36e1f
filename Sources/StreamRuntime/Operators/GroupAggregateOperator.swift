import QueryPlanner

/// An aggregation without a window (Flink's GroupAggFunction): one row per group key, changed
/// with every input row, in input order. A row that accumulates (`+I`, `+U`) into a new group
/// writes `+I`; into an existing one `-U` (the old result) then `+U` (the new), or nothing when
/// the result did not change. A row that retracts (`-U`, `-D`) takes itself back out; when a
/// group's last row is gone its result is deleted (`-D`). A retraction for a group that does
/// not exist changes nothing.
///
/// State: per key, the aggregates and the result last written (Flink bounds it with
/// `table.exec.state.ttl`).
public final class GroupAggregateOperator: RowReceiver {
    private let spec: GroupAggregateSpec
    private let kinds: [AggregateKind]
    private let output: RowReceiver
    private var groups: [[Value]: Group] = [:]
    /// Only the final result is wanted (`--final`, nothing but projections after this):
    /// the groups are written once, at the end, in the order they first appeared.
    private let writesAtEnd: Bool
    private var order: [[Value]] = []

    private final class Group {
        var rows: Int64 = 0
        var aggregates: [RetractableAggregate]
        var written: [Value]?
        init(_ aggregates: [RetractableAggregate]) { self.aggregates = aggregates }
    }

    public init(spec: GroupAggregateSpec, output: RowReceiver, writesAtEnd: Bool = false) {
        self.spec = spec
        kinds = spec.calls.map(AggregateKind.init)
        self.output = output
        self.writesAtEnd = writesAtEnd
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        let key = spec.keys.map { Evaluator.evaluate($0, row) }
        let arguments = spec.calls.map { call in call.argument.map { Evaluator.evaluate($0, row) } ?? .null }
        let group: Group
        if let existing = groups[key] {
            group = existing
        } else {
            guard kind.isAccumulate else { return }
            group = Group(spec.calls.enumerated().map { RetractableAggregate(call: $1, kind: kinds[$0]) })
            groups[key] = group
            if writesAtEnd { order.append(key) }
        }
        if kind.isAccumulate {
            group.rows += 1
            for index in group.aggregates.indices { group.aggregates[index].add(arguments[index]) }
        } else {
            group.rows -= 1
            for index in group.aggregates.indices { group.aggregates[index].remove(arguments[index]) }
        }
        if writesAtEnd {
            if group.rows <= 0 { groups[key] = nil }
            return
        }
        guard group.rows > 0 else {
            if let written = group.written { output.receive(written, .delete) }
            groups[key] = nil
            return
        }
        let result = key + group.aggregates.map(\.result)
        if let written = group.written {
            guard written != result else { return }
            output.receive(written, .updateBefore)
            output.receive(result, .updateAfter)
        } else {
            output.receive(result, .insert)
        }
        group.written = result
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() {
        if writesAtEnd {
            for key in order {
                guard let group = groups.removeValue(forKey: key) else { continue }
                output.receive(key + group.aggregates.map(\.result), .insert)
            }
        }
        output.finish()
    }
}

/// One aggregate of a group whose rows can be taken back in any order: counts and sums add
/// and subtract; MIN, MAX and DISTINCT keep each value's count (as Flink's
/// MaxWithRetractAggFunction), the extreme found again only when its last copy leaves.
struct RetractableAggregate {
    let call: AggregateCall
    let kind: AggregateKind
    private var rows: Int64 = 0
    private var count: Int64 = 0
    private var integerSum: Int64 = 0
    private var doubleSum: Double = 0
    private var usesDouble: Bool
    private var values: [Value: Int64] = [:]
    private var extreme: Value?

    init(call: AggregateCall, kind: AggregateKind) {
        self.call = call
        self.kind = kind
        switch kind {
        case .sumDouble, .avgDouble: usesDouble = true
        default: usesDouble = false
        }
    }

    private var isExtreme: Bool { call.function == .min || call.function == .max }
    private var keepsValues: Bool { isExtreme || call.distinct }

    /// Whether `a` is a better MIN (or MAX) than `b`.
    private func beats(_ a: Value, _ b: Value) -> Bool {
        guard let order = Evaluator.compare(a, b) else { return false }
        return call.function == .min ? order < 0 : order > 0
    }

    mutating func add(_ value: Value) {
        rows += 1
        if value.isNull { return }
        if keepsValues {
            values[value, default: 0] += 1
            if isExtreme, extreme == nil || beats(value, extreme!) { extreme = value }
            return
        }
        count += 1
        switch value {
        case .int(let v), .decimal(let v, _):
            if usesDouble { doubleSum += Double(v) } else { integerSum &+= v }
        case .double(let d):
            if !usesDouble {
                usesDouble = true
                doubleSum = Double(integerSum)
            }
            doubleSum += d
        default:
            break
        }
    }

    mutating func remove(_ value: Value) {
        rows -= 1
        if value.isNull { return }
        if keepsValues {
            guard let n = values[value] else { return }
            if n > 1 {
                values[value] = n - 1
            } else {
                values[value] = nil
                if isExtreme, extreme == value {
                    extreme = values.keys.reduce(nil) { best, candidate in best == nil || beats(candidate, best!) ? candidate : best }
                }
            }
            return
        }
        count -= 1
        switch value {
        case .int(let v), .decimal(let v, _):
            if usesDouble { doubleSum -= Double(v) } else { integerSum &-= v }
        case .double(let d):
            doubleSum -= d
        default:
            break
        }
    }

    var result: Value {
        if case .countStar = kind, !call.distinct { return .int(rows) }
        if isExtreme { return extreme ?? .null }
        if call.distinct {
            if case .count = kind { return .int(Int64(values.count)) }
            var accumulator = Accumulator.initial(kind, distinct: false)
            for value in values.keys.sorted(by: { (Evaluator.compare($0, $1) ?? 0) < 0 }) { accumulator.add(value, kind) }
            return accumulator.result(kind, call.resultType)
        }
        if case .count = kind { return .int(count) }
        let accumulator: Accumulator = usesDouble ? .doubleSum(doubleSum, count) : .integerSum(integerSum, count)
        return accumulator.result(kind, call.resultType)
    }
}
