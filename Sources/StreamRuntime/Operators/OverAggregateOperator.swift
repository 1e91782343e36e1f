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
    private var partitions: [[Value]: Partition] = [:]
    /// Times waiting for the watermark, with their partition.
    private var timers = MinHeap<Timer>()
    private var watermark: Int64 = .min
    private var sequence = 0

    private final class Partition {
        /// Rows processed and still inside some later row's frame, in (time, arrival) order.
        var history: [(time: Int64, row: [Value])] = []
        var historyStart = 0
        /// Rows waiting, by time, each time's rows in arrival order.
        var waiting: [Int64: [[Value]]] = [:]
        var lastTriggered: Int64 = .min
    }

    private struct Timer: Comparable {
        var time: Int64
        var sequence: Int
        var key: [Value]
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
        let key = row.key(spec.partition)
        let partition = partitions[key] ?? Partition()
        partitions[key] = partition
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
            sequence += 1
            timers.push(Timer(time: time, sequence: sequence, key: key))
            partition.waiting[time] = []
        }
        partition.waiting[time]!.append(row)
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        while let timer = timers.min, timer.time <= watermark {
            timers.pop()
            guard let partition = partitions[timer.key], let rows = partition.waiting.removeValue(forKey: timer.time) else { continue }
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
            for row in rows { partition.history.append((time, row)) }
            if let preceding { dropHistory(partition) { $0 < time &- preceding } }
            let results = aggregate(partition.history[partition.historyStart...].lazy.map(\.row))
            for row in rows { output.receive(row + results, .insert) }
        case .rows(let preceding):
            for row in rows {
                partition.history.append((time, row))
                if let preceding {
                    let keep = Int(min(preceding + 1, Int64(Int.max / 2)))
                    while partition.history.count - partition.historyStart > keep { partition.historyStart += 1 }
                }
                let results = aggregate(partition.history[partition.historyStart...].lazy.map(\.row))
                output.receive(row + results, .insert)
            }
        }
        if partition.historyStart > 1024, partition.historyStart * 2 > partition.history.count {
            partition.history.removeFirst(partition.historyStart)
            partition.historyStart = 0
        }
    }

    private func dropHistory(_ partition: Partition, while expired: (Int64) -> Bool) {
        while partition.historyStart < partition.history.count, expired(partition.history[partition.historyStart].time) {
            partition.historyStart += 1
        }
    }

    /// The aggregates over a frame's rows, computed afresh.
    private func aggregate<Rows: Sequence>(_ rows: Rows) -> [Value] where Rows.Element == [Value] {
        var accumulators = zip(spec.calls, kinds).map { Accumulator.initial($1, distinct: $0.distinct && $0.function != .min && $0.function != .max) }
        for row in rows {
            for (index, call) in spec.calls.enumerated() {
                let value = call.argument.map { Evaluator.evaluate($0, row) } ?? .null
                accumulators[index].add(value, kinds[index])
            }
        }
        return zip(zip(accumulators, kinds), spec.calls).map { $0.0.result($0.1, $1.resultType) }
    }
}
