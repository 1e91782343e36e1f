import QueryPlanner

/// OVER aggregation on event time (Flink's RowTimeRangeBoundedPrecedingFunction and
/// RowTimeRowsBoundedPrecedingFunction, and their unbounded forms).
///
/// Rows wait, per partition, until the watermark passes their time; then each time of each
/// partition is processed in order. RANGE: every row of one time gets the aggregates of the
/// partition's rows from `time - preceding` to `time`, all rows of that time included. ROWS:
/// the rows of one time in arrival order, each with the aggregates of itself and the
/// `preceding` rows before it. With a bounded frame, a row at or before the last time its
/// partition processed is late and dropped, as in Flink (which compares with that time, not
/// with the watermark); with an unbounded one, a row at or before the watermark.
///
/// State: per partition, the rows still inside a frame and the rows waiting.
public final class OverAggregateOperator: RowReceiver {
    private let spec: OverSpec
    private let kinds: [AggregateKind]
    /// Each aggregate's argument (nil: none, as COUNT(*)).
    private let arguments: [BoundExpression?]
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// Each partition key's number, and the partitions by number: timers carry the number,
    /// so the timer heap moves plain values (no reference counts) and firing needs no hashing.
    private var partitionNumbers = KeyNumbering()
    private var partitions: [Partition] = []
    /// Times waiting for the watermark, with their partition number as payload: Flink's heap,
    /// so that partitions firing at one watermark come out in Flink's order.
    private var timers = FlinkTimerQueue()
    private var watermark: Int64 = .min
    private var sequence = 0

    private final class Partition {
        /// Rows in the frame, in (time, arrival) order from `historyStart` (the ones before it
        /// have left the frame): their times, sequence numbers, and their aggregates'
        /// argument values, `width` a row, in one flat array.
        var historyTimes: [Int64] = []
        var historySequences: [Int] = []
        var historyArguments: [Value] = []
        var historyStart = 0
        var historyCount: Int { historyTimes.count }
        /// The frame's aggregates, kept as rows enter and leave (never recomputed).
        var running: [RunningAggregate]
        /// Rows waiting, by time, each time's rows in arrival order.
        var waiting = TimeQueue<[[Value]]>()
        var lastTriggered: Int64 = .min
        /// A bounded RANGE frame's state clean-up time (Flink's cleanupTsState), and the
        /// times this partition has a timer at (a time holds one timer, as in Flink's timer
        /// service, whether for rows or for clean-up).
        var cleanupTime: Int64?
        var timerTimes = TimeQueue<Void>()
        /// Flink's `inputState` map of this partition's times, when the order the times leaving
        /// the frame together are retracted in shows (`retractsInFlinkOrder`).
        var flinkTimes: JavaLongHashMapOrder?
        init(_ running: [RunningAggregate]) { self.running = running }
    }

    /// A bounded RANGE frame with a FLOAT or DOUBLE argument: Flink retracts the times that leave
    /// the frame at once in its state map's order (`JavaLongHashMapOrder`), and a floating sum's
    /// rounding shows that order (a DOUBLE's in its last digits: case w_fuzz34_over_stddev_double_order).
    private let retractsInFlinkOrder: Bool
    /// Which aggregates take the retractions in that order: the sums of FLOATs and DOUBLEs (SUM,
    /// AVG, the variance family) without DISTINCT. The others (MIN, MAX, LISTAGG, …) take them oldest
    /// first, as their state expects, which gives the same results.
    private let sumsInFlinkOrder: [Bool]

    public init(spec: OverSpec, output: RowReceiver, statistics: OperatorStatistics) {
        sumsInFlinkOrder = spec.calls.map { call in
            guard call.argumentType == .float || call.argumentType == .double, !call.distinct, call.lagOffset == nil else { return false }
            switch call.function {
            case .sum, .avg, .stddevPop, .stddevSamp, .varPop, .varSamp: return true
            default: return false
            }
        }
        if case .range(_?) = spec.frame {
            retractsInFlinkOrder = sumsInFlinkOrder.contains(true)
        } else {
            retractsInFlinkOrder = false
        }
        self.spec = spec
        kinds = spec.calls.map(AggregateKind.init)
        arguments = spec.calls.map(\.argument)
        self.output = output
        self.statistics = statistics
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard kind.isAccumulate, let time = row.time(spec.timeSlot) else { return }
        let (number, isNew): (Int, Bool)
        if spec.partitionExpressions.isEmpty {
            (number, isNew) = partitionNumbers.number(row, slots: spec.partition)
        } else {
            var key = row.key(spec.partition)
            for e in spec.partitionExpressions { key.append(Evaluator.evaluate(e, row)) }
            (number, isNew) = partitionNumbers.number(key)
        }
        if isNew {
            partitions.append(Partition(spec.calls.enumerated().map { RunningAggregate(call: $1, kind: kinds[$0]) }))
            if retractsInFlinkOrder { partitions[number].flinkTimes = JavaLongHashMapOrder() }
        }
        let partition = partitions[number]
        // Bounded frames: late at or before the partition's last processed time (never
        // below 0, as Flink's state starts at 0); unbounded ones: at or before the watermark.
        let late = switch spec.frame {
        case .rows(nil), .range(nil): time <= watermark
        default: time <= max(0, partition.lastTriggered)
        }
        guard !late else {
            statistics.late("OverAggregate")
            return
        }
        if !partition.waiting.append(row, at: time) {
            register(time, number, partition)
            partition.waiting.insert([row], at: time)
        }
        partition.flinkTimes?.put(time)
        if case .range(let preceding?) = spec.frame {
            // Flink's registerCleanupTimer: a clean-up timer half a frame after the row leaves
            // the frame, moved only when a row would leave after the current one; earlier
            // timers are never deleted, and each still fires.
            let earliest = time &+ preceding &+ 1
            if partition.cleanupTime.map({ $0 < earliest }) ?? true {
                let cleanup = time &+ Int64(Double(preceding) * 1.5) &+ 1
                register(cleanup, number, partition)
                partition.cleanupTime = cleanup
            }
        }
    }

    private func register(_ time: Int64, _ number: Int, _ partition: Partition) {
        guard partition.timerTimes.find(time) == nil else { return }
        partition.timerTimes.insert((), at: time)
        timers.add(at: time, payload: number)
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        while let timer = timers.peek, timer.time <= watermark {
            timers.poll()
            let partition = partitions[timer.payload]
            _ = partition.timerTimes.remove(timer.time)
            if case .range(_?) = spec.frame {
                if let cleanup = partition.cleanupTime, cleanup <= timer.time {
                    // Flink's onTimer at the clean-up time: the partition's state is cleared
                    // whole (rows still waiting too), its last time forgotten.
                    partition.historyTimes = []
                    partition.historySequences = []
                    partition.historyArguments = []
                    partition.historyStart = 0
                    partition.running = spec.calls.enumerated().map { RunningAggregate(call: $1, kind: kinds[$0]) }
                    partition.waiting = TimeQueue()
                    partition.lastTriggered = .min
                    partition.cleanupTime = nil
                    partition.flinkTimes?.clear()
                    continue
                }
                // Any other timer, a stale clean-up one included, is the partition's last time.
                if var rows = partition.waiting.remove(timer.time) { process(&rows, at: timer.time, in: partition) }
                partition.lastTriggered = timer.time
                continue
            }
            guard var rows = partition.waiting.remove(timer.time) else { continue }
            process(&rows, at: timer.time, in: partition)
        }
        output.watermark(newWatermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }

    private func process(_ rows: inout [[Value]], at time: Int64, in partition: Partition) {
        partition.lastTriggered = time
        // Each output row is its input row with the results after it; the input row is
        // taken out of `rows` (held here alone), so appending to it copies it at most once, and
        // not at all when its source made it with room (`QueryExecutor.rowSpareCapacity`).
        func take(_ i: Int) -> [Value] {
            var row = rows[i]
            rows[i] = []
            row.reserveCapacity(row.count + partition.running.count)
            return row
        }
        switch spec.frame {
        case .range(let preceding):
            // As Flink: the rows that left the frame are retracted first, then this time's
            // rows added, and every row of this time gets the same results.
            if let preceding {
                if partition.flinkTimes != nil {
                    retractInFlinkOrder(partition, before: time &- preceding)
                } else {
                    retract(partition) { historyTime, _ in historyTime < time &- preceding }
                }
            }
            for row in rows { accumulate(row, at: time, into: partition) }
            for i in rows.indices {
                var row = take(i)
                appendResults(partition, to: &row)
                output.receive(row, .insert)
            }
        case .rows(let preceding):
            for i in rows.indices {
                if let preceding {
                    let keep = Int(min(preceding, Int64(Int.max / 2)))
                    retract(partition) { _, count in count > keep }
                }
                accumulate(rows[i], at: time, into: partition)
                var row = take(i)
                appendResults(partition, to: &row)
                output.receive(row, .insert)
            }
        }
        // The rows that left the frame are dropped once they are half the history: state
        // stays at the frame's rows, amortised.
        if partition.historyStart > 16, partition.historyStart * 2 > partition.historyCount {
            let width = spec.calls.count
            partition.historyTimes.removeFirst(partition.historyStart)
            partition.historySequences.removeFirst(partition.historyStart)
            partition.historyArguments.removeFirst(partition.historyStart * width)
            partition.historyStart = 0
        }
    }

    private func appendResults(_ partition: Partition, to row: inout [Value]) {
        for aggregate in partition.running { row.append(aggregate.result) }
    }

    private func accumulate(_ row: [Value], at time: Int64, into partition: Partition) {
        sequence += 1
        for index in arguments.indices {
            let argument = arguments[index].map { Evaluator.evaluate($0, row) } ?? .null
            partition.running[index].add(argument, sequence: sequence)
            partition.historyArguments.append(argument)
        }
        partition.historyTimes.append(time)
        partition.historySequences.append(sequence)
    }

    /// Retracts the rows of the frame before `limit`, their times in the order Flink's state
    /// map iterates them, each time's rows in arrival order, and forgets those times.
    private func retractInFlinkOrder(_ partition: Partition, before limit: Int64) {
        let start = partition.historyStart
        var end = start
        while end < partition.historyCount, partition.historyTimes[end] < limit { end += 1 }
        guard end > start else { return }
        // Each time's rows are one run of the history (it is in time order).
        var runs: [Int64: Range<Int>] = [:]
        var times: [Int64] = []
        var from = start
        while from < end {
            let time = partition.historyTimes[from]
            var to = from + 1
            while to < end, partition.historyTimes[to] == time { to += 1 }
            runs[time] = from..<to
            times.append(time)
            from = to
        }
        let width = spec.calls.count
        let ordered = times.count > 1 ? partition.flinkTimes!.iterationOrder(times) : times
        for index in partition.running.indices {
            for time in sumsInFlinkOrder[index] ? ordered : times {
                for row in runs[time]! {
                    partition.running[index].remove(partition.historyArguments[row * width + index], sequence: partition.historySequences[row])
                }
            }
        }
        partition.historyStart = end
        for time in times { partition.flinkTimes!.remove(time) }
    }

    /// Retracts the oldest rows of the frame while `leaves(time, rows in the frame)` holds
    /// for the oldest.
    private func retract(_ partition: Partition, while leaves: (Int64, Int) -> Bool) {
        let width = spec.calls.count
        while partition.historyStart < partition.historyCount,
              leaves(partition.historyTimes[partition.historyStart], partition.historyCount - partition.historyStart) {
            let old = partition.historyStart
            let sequence = partition.historySequences[old]
            for index in partition.running.indices {
                partition.running[index].remove(partition.historyArguments[old * width + index], sequence: sequence)
            }
            partition.historyStart += 1
        }
    }
}

/// Values by time, in time order, for the times of one partition: the times come mostly in
/// order and leave smallest first (timers fire in time order), so an insert is mostly an
/// append and a removal mostly moves the start. A binary search finds the rest.
struct TimeQueue<Payload> {
    private var times: [Int64] = []
    private var payloads: [Payload?] = []
    private var start = 0

    var isEmpty: Bool { start == times.count }

    /// The position of `time`, if held.
    func find(_ time: Int64) -> Int? {
        if start < times.count, times[start] == time { return start }
        if start < times.count, times[times.count - 1] == time { return times.count - 1 }
        let i = lowerBound(time)
        return i < times.count && times[i] == time ? i : nil
    }

    private func lowerBound(_ time: Int64) -> Int {
        var low = start, high = times.count
        if high > low, times[high - 1] < time { return high }
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Inserts a time not held.
    mutating func insert(_ payload: Payload, at time: Int64) {
        let i = lowerBound(time)
        if i == times.count {
            times.append(time)
            payloads.append(payload)
        } else {
            times.insert(time, at: i)
            payloads.insert(payload, at: i)
        }
    }

    /// Removes `time`, returning its payload.
    mutating func remove(_ time: Int64) -> Payload? {
        guard let i = find(time) else { return nil }
        if i == start {
            let payload = payloads[i].take()
            start += 1
            if start == times.count {
                times.removeAll(keepingCapacity: true)
                payloads.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 32, start * 2 > times.count {
                times.removeFirst(start)
                payloads.removeFirst(start)
                start = 0
            }
            return payload
        }
        times.remove(at: i)
        return payloads.remove(at: i)
    }
}

extension TimeQueue where Payload == [[Value]] {
    /// Appends a row to the rows held at `time`; false when the time is not held.
    mutating func append(_ row: [Value], at time: Int64) -> Bool {
        guard let i = find(time) else { return false }
        payloads[i]!.append(row)
        return true
    }
}

/// One aggregate over a frame whose rows leave in the order they entered: sums and counts
/// add and subtract; MIN and MAX keep a monotonic queue (the front is the answer); DISTINCT
/// keeps each value's count; LISTAGG, FIRST_VALUE and LAST_VALUE keep the frame's non-NULL
/// values in order; the variance family keeps sums of values and of squares, as Flink
/// rewrites it for OVER (checked: VAR_SAMP OVER of INT 103, 126, 122, 102 is 157 in Flink, from
/// (51773 - 453 * 453 / 4) / 3 in integers, where a group aggregation's Welford gives 156).
///
/// A class: the operator reads its result after every row, and a copy of the value would
/// retain everything it holds.
final class RunningAggregate {
    let call: AggregateCall
    let kind: AggregateKind
    private var rows: Int64 = 0
    private var sum: RunningSum
    private var extremes: [(value: Value, sequence: Int)] = []
    private var extremesStart = 0
    private var distinct: [Value: Int] = [:]
    /// For the variance family: whether its argument is an integer, so the sums are too.
    private let variance: (function: AggregateFunction, integer: Bool)?
    private var varianceCount: Int64 = 0
    private var integerSum: Int64 = 0
    private var squares: Int64 = 0
    private var doubleSum: Double = 0
    private var doubleSquares: Double = 0
    /// The variance family of a DECIMAL, in Flink's exact DECIMAL arithmetic.
    private var decimalMoments: DecimalMoments?
    private var arrivals: [Value] = []
    private var arrivalsStart = 0
    private let keepsArrivals: Bool
    private let lagDefault: Value

    init(call: AggregateCall, kind: AggregateKind) {
        self.call = call
        self.kind = kind
        lagDefault = call.lagDefault.map { Evaluator.evaluate($0, []) } ?? .null
        sum = RunningSum(kind)
        if case let .variance(function, integer) = kind { variance = (function, integer) } else { variance = nil }
        if variance != nil, case let .decimal(_, scale) = call.argumentType { decimalMoments = DecimalMoments(argumentScale: scale) }
        switch kind {
        case .listagg, .firstValue, .lastValue: keepsArrivals = !call.distinct
        default: keepsArrivals = false
        }
    }

    private var isExtreme: Bool { call.function == .min || call.function == .max }

    func add(_ value: Value, sequence: Int) {
        rows += 1
        if let offset = call.lagOffset {
            // LAG: the last offset + 1 values, NULLs included.
            arrivals.append(value)
            if arrivals.count > offset + 1 { arrivals.removeFirst() }
            return
        }
        if value.isNull { return }
        if call.distinct, !isExtreme {
            distinct[value, default: 0] += 1
            return
        }
        if isExtreme {
            // Drop the values this one outlives and beats (ties: the newer stays).
            while extremes.count > extremesStart, let order = Evaluator.compare(extremes[extremes.count - 1].value, value),
                  call.function == .min ? order >= 0 : order <= 0 {
                extremes.removeLast()
            }
            extremes.append((value, sequence))
            return
        }
        if keepsArrivals {
            arrivals.append(value)
            return
        }
        if decimalMoments != nil {
            decimalMoments!.add(value)
            return
        }
        if variance != nil {
            varianceCount += 1
            if case .int(let v) = value {
                integerSum &+= v
                squares &+= v &* v
            }
            if let d = value.doubleValue {
                doubleSum += d
                doubleSquares += d * d
            }
            return
        }
        sum.add(value)
    }

    func remove(_ value: Value, sequence: Int) {
        rows -= 1
        if value.isNull { return }
        if call.distinct, !isExtreme {
            distinct[value]! -= 1
            if distinct[value] == 0 { distinct[value] = nil }
            return
        }
        if isExtreme {
            if extremes.count > extremesStart, extremes[extremesStart].sequence == sequence { extremesStart += 1 }
            if extremesStart > 32, extremesStart * 2 > extremes.count {
                extremes.removeFirst(extremesStart)
                extremesStart = 0
            }
            return
        }
        if keepsArrivals {
            // Rows leave in the order they entered, so the oldest non-NULL value leaves; for
            // COLLECT, the latest copy of it (`AggregateCall.multiset`: the same multiset, each
            // value where it came in), so its list is not in row order.
            if call.multiset, let last = arrivals[arrivalsStart...].lastIndex(of: value), last > arrivalsStart {
                arrivals.remove(at: last)
                return
            }
            arrivalsStart += 1
            if arrivalsStart > 32, arrivalsStart * 2 > arrivals.count {
                arrivals.removeFirst(arrivalsStart)
                arrivalsStart = 0
            }
            return
        }
        if decimalMoments != nil {
            decimalMoments!.remove(value)
            return
        }
        if variance != nil {
            varianceCount -= 1
            if case .int(let v) = value {
                integerSum &-= v
                squares &-= v &* v
            }
            if let d = value.doubleValue {
                doubleSum -= d
                doubleSquares -= d * d
            }
            return
        }
        sum.remove(value)
    }

    /// What Flink's generated code holds for a NOT NULL value it was handed NULL for.
    static func primitiveDefault(_ type: DataType) -> Value {
        switch type {
        case .tinyint, .smallint, .int, .bigint: .int(-1)
        case .float, .double: .double(-1)
        case .boolean: .bool(false)
        case .string: .string("")
        case .date: .timestamp(-86_400_000)
        default: .null
        }
    }

    var result: Value {
        if let offset = call.lagOffset {
            guard arrivals.count == offset + 1 else { return lagDefault }
            // With a default that is not NULL, Flink 2.3 types LAG NOT NULL, and its generated
            // code writes a lagged NULL as the type's primitive default (CodeGenUtils'
            // primitiveDefaultValue): -1, -1.0, false, '' (checked with INT, SMALLINT, BIGINT,
            // FLOAT, DOUBLE, BOOLEAN, STRING: `Tests/GoldenTests/Changelog/w_lag_default_null_*`).
            // A DECIMAL or TIMESTAMP fails Flink's job there (a NULL in a NOT NULL column): NULL.
            if arrivals[0].isNull, !lagDefault.isNull { return Self.primitiveDefault(call.resultType) }
            return arrivals[0]
        }
        if case .countStar = kind, !call.distinct { return .int(rows) }
        if isExtreme { return extremes.count > extremesStart ? extremes[extremesStart].value : .null }
        if let (function, _) = variance, let decimalMoments { return decimalMoments.result(function, call.resultType) }
        if let (function, integer) = variance {
            let count = varianceCount
            let divisor = function == .stddevPop || function == .varPop ? count : count - 1
            guard count > 0, divisor > 0 else { return .null }
            let isVariance = function == .varPop || function == .varSamp
            if integer {
                // Flink's rewrite, (SUM(x * x) - SUM(x) * SUM(x) / COUNT(x)) / COUNT(x): the
                // squares, the sums and the square of the sum in the argument's type (wrapping
                // around), the rest in BIGINT; then SQRT for a deviation, NaN (of a negative)
                // cast to 0 as Java casts it. Checked: STDDEV_POP of INT 1, 32000, 0, 32000 is 22900.
                let type = call.argumentType
                let sum = Evaluator.wrap(integerSum, type)
                let difference = Evaluator.wrap(squares, type) &- Evaluator.wrap(sum &* sum, type) / count
                let variance = difference / divisor
                if isVariance { return .int(Evaluator.wrap(variance, call.resultType)) }
                let deviation = Double(variance).squareRoot()
                return deviation.isNaN ? .int(0) : Evaluator.cast(.double(deviation), to: call.resultType)
            }
            let result = (doubleSquares - doubleSum * doubleSum / Double(count)) / Double(divisor)
            return Evaluator.cast(.double(isVariance ? result : result.squareRoot()), to: call.resultType)
        }
        if keepsArrivals {
            guard arrivals.count > arrivalsStart else { return .null }
            switch kind {
            case .firstValue: return arrivals[arrivalsStart]
            case .lastValue: return arrivals[arrivals.count - 1]
            default: return Accumulator.folding(arrivals[arrivalsStart...], kind, call.resultType)
            }
        }
        if call.distinct {
            if case .count = kind { return .int(Int64(distinct.count)) }
            return Accumulator.folding(distinct.keys.sorted { (Evaluator.compare($0, $1) ?? 0) < 0 }, kind, call.resultType)
        }
        return sum.result(kind, call.resultType)
    }
}
