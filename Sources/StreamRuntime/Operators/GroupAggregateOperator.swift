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
    private var groups: [RowKey: Group] = [:]
    /// Only the final result is wanted (`--final`, nothing but projections after this):
    /// the groups are written once, at the end, in the order they first appeared.
    private let writesAtEnd: Bool
    private var order: [[Value]] = []

    private final class Group {
        var rows: Int64 = 0
        /// When the group last changed (the clock's milliseconds), for the state TTL.
        var touched: Int64 = 0
        var aggregates: [RetractableAggregate]
        var written: [Value]?
        /// A variance-family aggregate took or lost a value since the group was last written.
        /// Flink computes these from sums it keeps as aggregates of their own, so such a row
        /// is a change even when the deviation stays the same (checked: VAR_POP of 2, 2, NULL,
        /// 2 writes a -U/+U of 0 for each 2 and nothing for the NULL; case w_var_same).
        var momentsMoved = false
        init(_ aggregates: [RetractableAggregate]) { self.aggregates = aggregates }
    }

    /// The calls of the variance family (`momentsMoved`).
    private lazy var varianceCalls: [Int] = kinds.indices.filter { if case .variance = kinds[$0] { true } else { false } }

    /// The calls whose non-NULL argument moves the row (`momentsMoved`): the variance family's
    /// and, beside one of them, each SUM and AVG without DISTINCT, which Flink's planner then
    /// rewrites too (Calcite's AggregateReduceFunctionsRule: SUM(x) as CASE COUNT(x) WHEN 0
    /// THEN NULL ELSE $SUM0(x) END, AVG(x) as $SUM0(x) / COUNT(x)), keeping COUNT(x) as an
    /// aggregate of its own. Checked on Flink 2.3: SUM(dur) beside STDDEV_POP(score) writes a
    /// -U/+U for a dur of 0, alone or beside AVG(score) nothing; cases w_sum_avg_beside_var_*.
    private lazy var movingCalls: [Int] = varianceCalls.isEmpty ? [] : spec.calls.indices.filter { index in
        if case .variance = kinds[index] { return true }
        let call = spec.calls[index]
        return (call.function == .sum || call.function == .avg) && !call.distinct
    }

    /// Each call's argument, apart from the call (reading a call copies all of it).
    private let argumentExpressions: [BoundExpression?]

    public init(spec: GroupAggregateSpec, output: RowReceiver, writesAtEnd: Bool = false) {
        self.spec = spec
        kinds = spec.calls.map(AggregateKind.init)
        argumentExpressions = spec.calls.map(\.argument)
        self.output = output
        self.writesAtEnd = writesAtEnd
    }

    /// Mini-batch (`table.exec.mini-batch.enabled` with `table.exec.mini-batch.size`): input
    /// rows are held until this many have arrived (or the input ends); then each key's rows
    /// are applied together and one change a key is written (Flink's
    /// MiniBatchGroupAggFunction). 0: every row is applied and written at once.
    public var miniBatchSize = 0
    /// Mini-batch in Flink's two phases (every aggregate can merge, the strategy is not
    /// ONE_PHASE): a bundle's rows of a key are aggregated locally first, and the global
    /// aggregation takes a `LISTAGG(DISTINCT …)`'s new values in the iteration order of that
    /// local map (`FlinkHashMapOrder`; case `w_listagg_distinct_mini_batch`). Bundles then also
    /// form for `writesAtEnd`, whose final lists show them. Exact while the input fits one
    /// bundle: Flink's global aggregation also merges several local bundles' maps into one
    /// (its own count of them, keys in its local map's hash order) before the state takes
    /// them, which is not replayed.
    public var localAggregation = false
    /// `table.exec.state.ttl`: a group unchanged this long (processing time, as in Flink) is
    /// forgotten without a word; a later row of its key starts it afresh (`+I`). With a TTL,
    /// a change that leaves the result as it was is written all the same, as Flink does.
    public var stateTTL: Int64?
    /// The processing-time clock, in milliseconds (tests give their own).
    public var clock: () -> Int64 = { Int64(ContinuousClock.now.elapsedMilliseconds) }
    private var rowsSinceSweep = 0
    private var bundle: [[Value]: [(arguments: [Value], accumulate: Bool)]] = [:]
    private var bundleKeys: [[Value]] = []
    private var bundleRows = 0

    /// A window aggregation over a changelog (`spec.windowEndKey`): the watermark, and each
    /// open window's keys in the order they appeared, by window end.
    private var watermarkSeen: Int64 = .min
    private var windowKeys: [Int64: [[Value]]] = [:]
    private var windowEnds = MinHeap<Int64>()
    /// `spec.localFlushSize`: Flink's local flushes, replayed (`FlinkLocalFlush`).
    private lazy var localFlush: FlinkLocalFlush? = spec.localFlushSize.map { FlinkLocalFlush(size: $0) }
    /// Where rows for a window that had fired are counted (they are dropped, as Flink drops them).
    public var statistics: OperatorStatistics?

    public func receive(_ row: [Value], _ kind: RowKind) {
        let key = spec.keys.map { Evaluator.evaluate($0, row) }
        let arguments = argumentExpressions.map { argument in argument.map { Evaluator.evaluate($0, row) } ?? .null }
        if let endKey = spec.windowEndKey {
            guard case .timestamp(let end) = key[endKey] else { return }
            // Flink's local aggregation buffers a late row too.
            localFlush?.buffer(time: end &- 1)
            if WindowMath.isFired(end, watermarkSeen) {
                statistics?.late("WindowAggregate")
                return
            }
            let hashed = RowKey(key)
            let isNew = groups[hashed] == nil
            guard apply(key, hashed, arguments, accumulate: kind.isAccumulate) != nil else { return }
            if isNew {
                if windowKeys[end] == nil { windowEnds.push(end) }
                windowKeys[end, default: []].append(key)
            }
            return
        }
        if miniBatchSize > 0, !writesAtEnd || localAggregation {
            if bundle[key] == nil { bundleKeys.append(key) }
            bundle[key, default: []].append((arguments, kind.isAccumulate))
            bundleRows += 1
            if bundleRows >= miniBatchSize { finishBundle() }
            return
        }
        guard let group = apply(key, RowKey(key), arguments, accumulate: kind.isAccumulate) else { return }
        if !writesAtEnd { writeChange(key, group) }
    }

    /// Applies one row to its key's group; nil when a retraction finds no group.
    /// `hashed` is `RowKey(key)`, made once by the caller.
    private func apply(_ key: [Value], _ hashed: RowKey, _ arguments: [Value], accumulate: Bool) -> Group? {
        let group: Group
        var now: Int64 = 0
        if let ttl = stateTTL {
            now = clock()
            if let existing = groups[hashed], now - existing.touched > ttl { groups[hashed] = nil }
            rowsSinceSweep += 1
            if rowsSinceSweep >= 4096 {
                rowsSinceSweep = 0
                groups = groups.filter { now - $0.value.touched <= ttl }
            }
        }
        if let existing = groups[hashed] {
            group = existing
        } else {
            guard accumulate else { return nil }
            group = Group(spec.calls.enumerated().map { RetractableAggregate(call: $1, kind: kinds[$0]) })
            groups[hashed] = group
            if writesAtEnd { order.append(key) }
        }
        if movingCalls.contains(where: { !arguments[$0].isNull }) { group.momentsMoved = true }
        if accumulate {
            group.rows += 1
            for index in group.aggregates.indices { group.aggregates[index].add(arguments[index]) }
        } else {
            group.rows -= 1
            for index in group.aggregates.indices { group.aggregates[index].remove(arguments[index]) }
        }
        if writesAtEnd, group.rows <= 0 { groups[hashed] = nil }
        group.touched = now
        return group
    }

    /// Writes the group's change since its last written result.
    private func writeChange(_ key: [Value], _ group: Group) {
        guard group.rows > 0 else {
            if let written = group.written { output.receive(written, .delete) }
            groups[RowKey(key)] = nil
            return
        }
        var result = key
        result.reserveCapacity(key.count + group.aggregates.count)
        for index in group.aggregates.indices { result.append(group.aggregates[index].resultInPlace()) }
        if let written = group.written {
            guard !sameResult(written, result) || stateTTL != nil || group.momentsMoved else { return }
            output.receive(written, .updateBefore)
            output.receive(result, .updateAfter)
        } else {
            output.receive(result, .insert)
        }
        group.written = result
        group.momentsMoved = false
    }

    /// Whether two results of a group are the same to Flink: a LISTAGG feeding PERCENTILE is
    /// compared by that percentile.
    private func sameResult(_ a: [Value], _ b: [Value]) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices where !Self.javaEqual(a[index], b[index]) { return percentileSame(a, b) }
        // Flink's equaliser never finds two ARRAYs holding a NULL equal (checked: a repeated
        // value of ARRAY_AGG(DISTINCT k) writes -U/+U once the array holds a NULL).
        // (ARRAY_AGG's result is its elements' JSON, comma-separated, until `$JSON_AGG`.)
        return !arrayCalls.contains { index in
            guard case .string(let list) = a[a.count - spec.calls.count + index] else { return false }
            return JsonValue.elements("[\(list)]", containers: true)?.contains(.null) ?? false
        }
    }

    /// Values as Flink's generated equaliser compares them: doubles with Java's `==` (-0.0 and
    /// 0.0 are the same result, checked on Flink 2.3; NaN never is).
    private static func javaEqual(_ x: Value, _ y: Value) -> Bool {
        if case .double(let p) = x, case .double(let q) = y { return p == q }
        return x == y
    }

    /// Rows that differ only in PERCENTILE inputs of the same percentile.
    private func percentileSame(_ a: [Value], _ b: [Value]) -> Bool {
        guard !percentileCalls.isEmpty else { return false }
        let offset = a.count - spec.calls.count
        for index in a.indices where !Self.javaEqual(a[index], b[index]) {
            guard index >= offset, let p = spec.calls[index - offset].percentile,
                  case .string(let x) = a[index], case .string(let y) = b[index],
                  Percentile.value(p, x) == Percentile.value(p, y) else { return false }
        }
        return true
    }

    private lazy var percentileCalls: [Int] = spec.calls.indices.filter { spec.calls[$0].percentile != nil }
    private lazy var arrayCalls: [Int] = spec.calls.indices.filter { if case .array = spec.calls[$0].resultType { true } else { false } }

    private func finishBundle() {
        for key in bundleKeys {
            let rows = bundle[key] ?? []
            let held = localAggregation ? groups[RowKey(key)]?.aggregates.map(\.arrivalCount) : nil
            var group: Group?
            for (arguments, accumulate) in rows {
                group = apply(key, RowKey(key), arguments, accumulate: accumulate) ?? group
            }
            if localAggregation, let group, rows.allSatisfy(\.accumulate) {
                for (i, call) in spec.calls.enumerated() where call.isDistinctTextList {
                    // The local map: the bundle's distinct values of this key, new or not.
                    var local = Set<Value>()
                    for row in rows where !row.arguments[i].isNull { local.insert(row.arguments[i]) }
                    group.aggregates[i].orderArrivals(from: held?[i] ?? 0, mapSize: local.count,
                                                      separator: call.separatorGiven ? call.separator : nil)
                }
            }
            if let group, !writesAtEnd { writeChange(key, group) }
        }
        bundle.removeAll(keepingCapacity: true)
        bundleKeys.removeAll(keepingCapacity: true)
        bundleRows = 0
    }

    public func watermark(_ watermark: Int64) {
        if spec.windowEndKey != nil, watermark > watermarkSeen {
            watermarkSeen = watermark
            if localFlush?.flushes(at: watermark) == true {
                // The values the open windows hold so far went to Flink's global aggregation.
                let ordered = spec.calls.indices.filter { spec.calls[$0].distinctInHashOrder && spec.calls[$0].isDistinctTextList }
                let split = spec.calls.indices.filter { spec.calls[$0].splitsLocally }
                for (end, keys) in windowKeys where !WindowMath.isFired(end, watermark) {
                    for key in keys {
                        guard let group = groups[RowKey(key)] else { continue }
                        for i in ordered { group.aggregates[i].markFlushed() }
                        for i in split { group.aggregates[i].flushLocal() }
                    }
                }
            }
            // Each fired window's groups once, those whose rows were not all taken back.
            while let end = windowEnds.min, WindowMath.isFired(end, watermark) {
                windowEnds.pop()
                for key in windowKeys.removeValue(forKey: end) ?? [] {
                    guard let group = groups.removeValue(forKey: RowKey(key)), group.rows > 0 else { continue }
                    output.receive(key + group.aggregates.map(\.result), .insert)
                }
            }
        }
        output.watermark(watermark)
    }

    public func finish() {
        if spec.windowEndKey != nil { watermark(.max) }
        if bundleRows > 0 { finishBundle() }
        if writesAtEnd {
            for key in order {
                guard let group = groups.removeValue(forKey: RowKey(key)) else { continue }
                output.receive(key + group.aggregates.map(\.result), .insert)
            }
        }
        output.finish()
    }
}

/// One aggregate of a group whose rows can be taken back in any order: counts, sums and the
/// variance family's moments add and subtract; MIN, MAX and DISTINCT keep each value's count
/// (as Flink's MaxWithRetractAggFunction), the extreme found again only when its last copy
/// leaves; LISTAGG, FIRST_VALUE and LAST_VALUE keep the non-NULL values in arrival order, a
/// retraction taking out the earliest copy of its value (as Flink's ListAggWithRetract and
/// FirstLastValueWithRetract functions; COLLECT's, the latest: `AggregateCall.multiset`).
struct RetractableAggregate {
    let call: AggregateCall
    let kind: AggregateKind
    private var rows: Int64 = 0
    private var sum: RunningSum
    private var values: [HashedValue: Int64] = [:]
    /// With DISTINCT, the values whose count is above zero.
    private var present = 0
    private var extreme: Value?
    /// The variance family's sums of values and squares (an `Accumulator` moments case).
    private var moments: Accumulator?
    /// LISTAGG, FIRST_VALUE and LAST_VALUE: the values present, oldest first; with DISTINCT,
    /// each value once, where it first came (again at the end once all its rows went, as
    /// Flink's distinct view feeds its aggregate only a value's first and last row).
    private var arrivals: [Value] = []
    private let keepsArrivals: Bool

    /// What the hot paths read of `call`, kept apart so that reading it copies nothing.
    private let isExtreme: Bool
    private let isMin: Bool
    private let distinct: Bool
    private let resultType: DataType
    private let ignoresRetraction: Bool

    init(call: AggregateCall, kind: AggregateKind) {
        self.call = call
        self.kind = kind
        isExtreme = call.function == .min || call.function == .max
        isMin = call.function == .min
        distinct = call.distinct
        resultType = call.resultType
        ignoresRetraction = call.ignoresRetraction
        sum = RunningSum(kind)
        switch kind {
        case .variance: moments = Accumulator.initial(kind, distinct: false)
        default: break
        }
        switch kind {
        case .listagg, .firstValue, .lastValue: keepsArrivals = true
        default: keepsArrivals = false
        }
    }

    private var keepsValues: Bool { isExtreme || distinct }

    /// Whether `a` is a better MIN (or MAX) than `b`.
    private func beats(_ a: Value, _ b: Value) -> Bool {
        guard let order = Evaluator.compare(a, b) else { return false }
        return isMin ? order < 0 : order > 0
    }

    /// MIN and MAX as Flink's MinWithRetract/MaxWithRetract functions: a value retracted before
    /// it was added is kept with a negative count (not in `extremeValues`), and is a candidate
    /// when the extreme leaves and the values are scanned for the next.
    private var extremeValues: Int64 = 0

    private mutating func addExtreme(_ value: Value) {
        if extremeValues == 0 || extreme == nil || beats(value, extreme!) { extreme = value }
        // One hash lookup (the dictionary's modify accessor), a second only to drop a zero.
        let key = HashedValue(value)
        let count = Self.step(&values[key, default: 0], by: 1)
        if count == 0 { values[key] = nil }
        if count == 1 { extremeValues += 1 }
    }

    @inline(__always)
    private static func step(_ count: inout Int64, by delta: Int64) -> Int64 {
        count += delta
        return count
    }

    private mutating func removeExtreme(_ value: Value) {
        let key = HashedValue(value)
        let count = Self.step(&values[key, default: 0], by: -1)
        guard count == 0 else { return }
        values[key] = nil
        extremeValues -= 1
        if extremeValues == 0 {
            extreme = nil
            return
        }
        if extreme == value {
            // The next extreme, by a scan of every value held, those retracted early too (a
            // loop, not a closure that would copy this aggregate).
            var best: Value?
            for candidate in values.keys where best == nil || beats(candidate.value, best!) { best = candidate.value }
            extreme = best
            if best == nil { extremeValues = 0 }
        }
    }

    var arrivalCount: Int { arrivals.count }

    /// A DISTINCT FLOAT sum adds each value as it becomes present and takes it back as it
    /// leaves, in that order, as Flink's distinct view feeds its SUM (the rounding shows it).
    private var sumsDistinctInFloat: Bool {
        switch kind {
        case .sumFloat, .avgFloat: distinct
        default: false
        }
    }

    /// For a window's `LISTAGG(DISTINCT …)` in Flink's two-phase order: how many values an
    /// earlier local flush handed on (0: none), and which of those (the first 16) came again
    /// after it (`DistinctValues.flushedCount`, the same for the fused window aggregation).
    private var flushedArrivals = 0
    private var flushedSeenAgain: UInt16 = 0

    mutating func markFlushed() {
        if flushedArrivals == 0 { flushedArrivals = arrivals.count }
    }

    /// A FLOAT sum that Flink's local flushes split (`AggregateCall.splitsLocally`): the sum so
    /// far becomes a partial sum.
    mutating func flushLocal() {
        if call.splitsLocally { sum.flushLocal() }
    }

    /// The values that arrived from `start` on, in the iteration order of a `java.util.HashMap`
    /// holding `mapSize` keys (theirs and others already held): as Flink's global aggregation
    /// takes a local map's new values.
    mutating func orderArrivals(from start: Int, mapSize: Int, separator: String?) {
        guard start < arrivals.count else { return }
        let later = Array(arrivals[start...])
        arrivals.removeSubrange(start...)
        arrivals += FlinkHashMapOrder.ordered(later, with: separator, alongside: max(0, mapSize - later.count))
    }

    mutating func add(_ value: Value) {
        rows += 1
        if value.isNull { return }
        if isExtreme, !distinct {
            addExtreme(value)
            return
        }
        if keepsValues {
            // As Flink's distinct view, a value retracted before it came has a negative count
            // (fuzz round 24): it is present only once its count is above zero.
            let key = HashedValue(value)
            let count = Self.step(&values[key, default: 0], by: 1)
            if count == 0 { values[key] = nil }
            if count > 1, flushedArrivals > 0, let i = arrivals.prefix(min(flushedArrivals, 16)).firstIndex(of: value) {
                flushedSeenAgain |= 1 << UInt16(i)
            }
            guard count == 1 else { return }
            present += 1
            if sumsDistinctInFloat { sum.add(value) }
            if isExtreme, extreme == nil || beats(value, extreme!) { extreme = value }
            if keepsArrivals { arrivals.append(value) }
            return
        }
        if keepsArrivals {
            arrivals.append(value)
            return
        }
        if moments != nil {
            moments!.add(value, kind)
            return
        }
        sum.add(value)
    }

    mutating func remove(_ value: Value) {
        rows -= 1
        if value.isNull || ignoresRetraction { return }
        if isExtreme, !distinct {
            removeExtreme(value)
            return
        }
        if keepsValues {
            let key = HashedValue(value)
            let n = values[key] ?? 0
            if n != 1 {
                values[key] = n - 1
            } else {
                values[key] = nil
                present -= 1
                if sumsDistinctInFloat { sum.remove(value) }
                if keepsArrivals, let index = call.multiset ? arrivals.lastIndex(of: value) : arrivals.firstIndex(of: value) { arrivals.remove(at: index) }
                if isExtreme, extreme == value {
                    // The next extreme, by a scan of the values left (a loop, not a closure that
                    // would copy this aggregate).
                    var best: Value?
                    for (candidate, count) in values where count > 0 && (best == nil || beats(candidate.value, best!)) { best = candidate.value }
                    extreme = best
                }
            }
            return
        }
        if keepsArrivals {
            if let index = call.multiset ? arrivals.lastIndex(of: value) : arrivals.firstIndex(of: value) { arrivals.remove(at: index) }
            return
        }
        if moments != nil {
            moments!.removeMoment(value)
            return
        }
        sum.remove(value)
    }

    /// `result`, read where the aggregate is: a getter called on an array's element (or through
    /// a pointer) copies the whole aggregate first, retaining and releasing its every reference.
    mutating func resultInPlace() -> Value { result }

    var result: Value {
        if case .countStar = kind, !distinct { return .int(rows) }
        if isExtreme, !distinct { return extremeValues > 0 ? extreme ?? .null : .null }
        if isExtreme { return extreme ?? .null }
        if let moments { return moments.result(kind, resultType) }
        if keepsArrivals {
            switch kind {
            case .firstValue: return arrivals.first ?? .null
            case .lastValue: return arrivals.last ?? .null
            case .listagg where call.distinctInHashOrder:
                let ordered = FlinkHashMapOrder.flushOrdered(arrivals, flushed: flushedArrivals, seenAgain: flushedSeenAgain.nonzeroBitCount,
                                                             with: call.separatorGiven ? call.separator : nil)
                return Accumulator.folding(ordered, kind, resultType)
            default: return Accumulator.folding(arrivals, kind, resultType)
            }
        }
        if distinct {
            if case .count = kind { return .int(Int64(present)) }
            if sumsDistinctInFloat { return sum.result(kind, resultType) }
            return Accumulator.folding(values.filter { $0.value > 0 }.keys.map(\.value).sorted { (Evaluator.compare($0, $1) ?? 0) < 0 }, kind, resultType)
        }
        return sum.result(kind, resultType)
    }
}

/// A value as a `Dictionary` key, hashed once with `DistinctValues.hash` (a `Value` key runs
/// the hasher over its tag and payload at every lookup). Invariant: equal values, equal hashes.
struct HashedValue: Hashable {
    let value: Value
    let hash: UInt64
    init(_ value: Value) {
        self.value = value
        hash = DistinctValues.hash(value)
    }
    static func == (a: HashedValue, b: HashedValue) -> Bool { a.hash == b.hash && a.value == b.value }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

extension ContinuousClock.Instant {
    /// Milliseconds since an arbitrary fixed point of this process's clock.
    var elapsedMilliseconds: Int64 {
        let components = (self - ContinuousClock.Instant.processStart).components
        return components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    static let processStart = ContinuousClock.now
}
