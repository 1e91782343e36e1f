import QueryPlanner

/// `ORDER BY` the event time on a stream (Flink 2.3's RowTimeSortOperator): rows are held by
/// time and written when the watermark passes it, the times in ascending order, the rows of
/// one time by the other keys and then in arrival order (a stable sort).
///
/// Invariant: a row whose time is at or before the last time written is late and dropped
/// (counted), as Flink's; one later than that but at or before the watermark waits for the
/// next watermark, which writes it.
public final class TemporalSortOperator: RowReceiver {
    private let spec: TemporalSortSpec
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    private let order: RowOrder
    /// Rows by time, and the times held in a heap.
    private var rows: [Int64: [[Value]]] = [:]
    private var times = MinHeap<Int64>()
    private var lastWritten: Int64?

    public init(spec: TemporalSortSpec, output: RowReceiver, statistics: OperatorStatistics) {
        self.spec = spec
        self.output = output
        self.statistics = statistics
        order = RowOrder(keys: spec.order)
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard kind.isAccumulate, let time = row.time(spec.timeSlot) else { return }
        if let lastWritten, time <= lastWritten {
            statistics.late("Sort")
            return
        }
        if rows[time] == nil {
            rows[time] = [row]
            times.push(time)
        } else {
            rows[time]!.append(row)
        }
    }

    public func watermark(_ watermark: Int64) {
        while let time = times.min, time <= watermark {
            times.pop()
            var held = rows.removeValue(forKey: time) ?? []
            if !spec.order.isEmpty {
                // Stable: rows that compare equal keep their arrival order.
                held = held.enumerated().sorted { a, b in
                    let c = order.compare(a.element, b.element)
                    return c != 0 ? c < 0 : a.offset < b.offset
                }.map(\.element)
            }
            for row in held { output.receive(row, .insert) }
            lastWritten = time
        }
        output.watermark(watermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }
}
