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
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// Each partition key's number, and the partitions by number: timers carry the number,
    /// so the timer heap moves plain values (no reference counts) and firing needs no hashing.
    private var partitionNumbers = KeyNumbering()
    private var partitions: [Partition] = []
    /// Times waiting for the watermark, with their partition.
    private var timers = MinHeap<Timer>()
    private var watermark: Int64 = .min
    private var sequence = 0

    private final class Partition {
        /// Rows in the frame, with their aggregates' argument values, in (time, arrival)
        /// order from `historyStart`; the ones before it have left the frame.
        var history: [(time: Int64, sequence: Int, arguments: [Value])] = []
        var historyStart = 0
        /// The frame's aggregates, kept as rows enter and leave (never recomputed).
        var running: [RunningAggregate]
        /// Rows waiting, by time, each time's rows in arrival order.
        var waiting: [Int64: [[Value]]] = [:]
        var lastTriggered: Int64 = .min
        /// A bounded RANGE frame's state clean-up time (Flink's cleanupTsState), and the
        /// times this partition has a timer at (a time holds one timer, as in Flink's timer
        /// service, whether for rows or for clean-up).
        var cleanupTime: Int64?
        var timerTimes: Set<Int64> = []
        init(_ running: [RunningAggregate]) { self.running = running }
    }

    private struct Timer: Comparable {
        var time: Int64
        var sequence: Int
        var partition: Int
        static func < (a: Timer, b: Timer) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
        static func == (a: Timer, b: Timer) -> Bool { a.time == b.time && a.sequence == b.sequence }
    }

    public init(spec: OverSpec, output: RowReceiver, statistics: OperatorStatistics) {
        self.spec = spec
        kinds = spec.calls.map(AggregateKind.init)
        self.output = output
        self.statistics = statistics
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard kind.isAccumulate, let time = row.time(spec.timeSlot) else { return }
        var key = row.key(spec.partition)
        for e in spec.partitionExpressions { key.append(Evaluator.evaluate(e, row)) }
        let (number, isNew) = partitionNumbers.number(key)
        if isNew { partitions.append(Partition(spec.calls.enumerated().map { RunningAggregate(call: $1, kind: kinds[$0]) })) }
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
        if partition.waiting[time] == nil {
            register(time, number, partition)
            partition.waiting[time] = []
        }
        partition.waiting[time]!.append(row)
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
        guard partition.timerTimes.insert(time).inserted else { return }
        sequence += 1
        timers.push(Timer(time: time, sequence: sequence, partition: number))
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        while let timer = timers.min, timer.time <= watermark {
            timers.pop()
            let partition = partitions[timer.partition]
            partition.timerTimes.remove(timer.time)
            if case .range(_?) = spec.frame {
                if let cleanup = partition.cleanupTime, cleanup <= timer.time {
                    // Flink's onTimer at the clean-up time: the partition's state is cleared
                    // whole (rows still waiting too), its last time forgotten.
                    partition.history = []
                    partition.historyStart = 0
                    partition.running = spec.calls.enumerated().map { RunningAggregate(call: $1, kind: kinds[$0]) }
                    partition.waiting = [:]
                    partition.lastTriggered = .min
                    partition.cleanupTime = nil
                    continue
                }
                // Any other timer, a stale clean-up one included, is the partition's last time.
                if let rows = partition.waiting.removeValue(forKey: timer.time) { process(rows, at: timer.time, in: partition) }
                partition.lastTriggered = timer.time
                continue
            }
            guard let rows = partition.waiting.removeValue(forKey: timer.time) else { continue }
            process(rows, at: timer.time, in: partition)
        }
        output.watermark(newWatermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }

    private func process(_ rows: [[Value]], at time: Int64, in partition: Partition) {
        partition.lastTriggered = time
        switch spec.frame {
        case .range(let preceding):
            // As Flink: the rows that left the frame are retracted first, then this time's
            // rows added, and every row of this time gets the same results.
            if let preceding { retract(partition) { $0.time < time &- preceding } }
            for row in rows { accumulate(row, at: time, into: partition) }
            let results = self.results(partition)
            for row in rows { output.receive(row + results, .insert) }
        case .rows(let preceding):
            for row in rows {
                if let preceding {
                    let keep = Int(min(preceding, Int64(Int.max / 2)))
                    retract(partition) { _ in partition.history.count - partition.historyStart > keep }
                }
                accumulate(row, at: time, into: partition)
                output.receive(row + results(partition), .insert)
            }
        }
        // The rows that left the frame are dropped once they are half the history: state
        // stays at the frame's rows, amortised.
        if partition.historyStart > 16, partition.historyStart * 2 > partition.history.count {
            partition.history.removeFirst(partition.historyStart)
            partition.historyStart = 0
        }
    }

    private func accumulate(_ row: [Value], at time: Int64, into partition: Partition) {
        sequence += 1
        let arguments = spec.calls.map { call in call.argument.map { Evaluator.evaluate($0, row) } ?? .null }
        for index in partition.running.indices { partition.running[index].add(arguments[index], sequence: sequence) }
        partition.history.append((time, sequence, arguments))
    }

    /// Retracts the oldest rows of the frame while `leaves` holds for the oldest.
    private func retract(_ partition: Partition, while leaves: ((time: Int64, sequence: Int, arguments: [Value])) -> Bool) {
        while partition.historyStart < partition.history.count, leaves(partition.history[partition.historyStart]) {
            let old = partition.history[partition.historyStart]
            for index in partition.running.indices { partition.running[index].remove(old.arguments[index], sequence: old.sequence) }
            partition.historyStart += 1
        }
    }

    private func results(_ partition: Partition) -> [Value] {
        partition.running.map(\.result)
    }
}

/// One aggregate over a frame whose rows leave in the order they entered: sums and counts
/// add and subtract; MIN and MAX keep a monotonic queue (the front is the answer); DISTINCT
/// keeps each value's count; LISTAGG, FIRST_VALUE and LAST_VALUE keep the frame's non-NULL
/// values in order; the variance family keeps sums of values and of squares, as Flink
/// rewrites it for OVER (checked: VAR_SAMP OVER of INT 103, 126, 122, 102 is 157 in Flink, from
/// (51773 - 453 * 453 / 4) / 3 in integers, where a group aggregation's Welford gives 156).
struct RunningAggregate {
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
        switch kind {
        case .listagg, .firstValue, .lastValue: keepsArrivals = !call.distinct
        default: keepsArrivals = false
        }
    }

    private var isExtreme: Bool { call.function == .min || call.function == .max }

    mutating func add(_ value: Value, sequence: Int) {
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

    mutating func remove(_ value: Value, sequence: Int) {
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
            // Rows leave in the order they entered, so the oldest non-NULL value leaves.
            arrivalsStart += 1
            if arrivalsStart > 32, arrivalsStart * 2 > arrivals.count {
                arrivals.removeFirst(arrivalsStart)
                arrivalsStart = 0
            }
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

    var result: Value {
        if let offset = call.lagOffset { return arrivals.count == offset + 1 ? arrivals[0] : lagDefault }
        if case .countStar = kind, !call.distinct { return .int(rows) }
        if isExtreme { return extremes.count > extremesStart ? extremes[extremesStart].value : .null }
        if let (function, integer) = variance {
            let count = varianceCount
            let divisor = function == .stddevPop || function == .varPop ? count : count - 1
            guard count > 0, divisor > 0 else { return .null }
            let result = integer ? Double((squares &- integerSum &* integerSum / count) / divisor)
                : (doubleSquares - doubleSum * doubleSum / Double(count)) / Double(divisor)
            let value = function == .varPop || function == .varSamp ? result : result.squareRoot()
            return Evaluator.cast(.double(value), to: call.resultType)
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
