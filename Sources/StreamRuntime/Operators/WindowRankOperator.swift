import QueryPlanner

/// Window Top-N and window deduplication: rows are held per window until the watermark
/// passes the window's end, then each partition's rows are ranked and the first N written,
/// each once (Flink's WindowRankOperator and WindowDeduplicateOperator, which run after a
/// window aggregation or a window TVF).
///
/// A row whose window has already fired is late and dropped. Rows of equal sort keys keep
/// the order they arrived in.
public final class WindowRankOperator: RowReceiver {
    /// Which rows of a partition are written, and their number.
    public enum Selection {
        case rank(RankSpec)
        /// The first or last row by event time (ties: the first or the last to arrive).
        case deduplicate(DeduplicateSpec)
    }

    private let selection: Selection
    private let partition: [Int]
    private let startSlot: Int
    private let endSlot: Int
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    private let name: String
    /// Rows of each open window, by window end, in arrival order.
    private var windows: [Int64: [[Value]]] = [:]
    private var ends = MinHeap<Int64>()
    private var watermark: Int64 = .min

    public init(selection: Selection, windowStart: Int, windowEnd: Int, output: RowReceiver, statistics: OperatorStatistics) {
        self.selection = selection
        switch selection {
        case .rank(let spec): partition = spec.partition
        case .deduplicate(let spec): partition = spec.keys
        }
        startSlot = windowStart
        endSlot = windowEnd
        self.output = output
        self.statistics = statistics
        name = if case .rank = selection { "WindowRank" } else { "WindowDeduplicate" }
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard let end = row.time(endSlot) else { return }
        if WindowMath.isFired(end, watermark) {
            statistics.late(name)
            return
        }
        if windows[end] == nil {
            windows[end] = []
            ends.push(end)
        }
        windows[end]!.append(row)
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        while let end = ends.min, WindowMath.isFired(end, watermark) {
            ends.pop()
            fire(windows.removeValue(forKey: end) ?? [])
        }
        output.watermark(newWatermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }

    private func fire(_ rows: [[Value]]) {
        // Partitions in the order they first appeared; each partition's rows in arrival order.
        var partitions: [[Value]: Int] = [:]
        var groups: [[[Value]]] = []
        for row in rows {
            let key = row.key(partition)
            if let index = partitions[key] {
                groups[index].append(row)
            } else {
                partitions[key] = groups.count
                groups.append([row])
            }
        }
        for group in groups {
            switch selection {
            case .rank(let spec): emitRanked(group, spec)
            case .deduplicate(let spec): emitDeduplicated(group, spec)
            }
        }
    }

    private func emitRanked(_ group: [[Value]], _ spec: RankSpec) {
        let order = RowOrder(keys: spec.order)
        // A stable sort: equal keys keep their arrival order.
        let sorted = group.enumerated().sorted { a, b in
            let c = order.compare(a.element, b.element)
            return c != 0 ? c < 0 : a.offset < b.offset
        }.map(\.element)
        var rank: Int64 = 0
        var previous: [Value]?
        for (position, row) in sorted.enumerated() {
            switch spec.function {
            case .rowNumber:
                rank = Int64(position + 1)
            case .rank:
                if previous == nil || order.compare(previous!, row) != 0 { rank = Int64(position + 1) }
            case .denseRank:
                if previous == nil || order.compare(previous!, row) != 0 { rank += 1 }
            }
            previous = row
            guard rank <= spec.limit else { break }
            if rank >= spec.start { output.receive(row + [.int(rank)], .insert) }
        }
    }

    private func emitDeduplicated(_ group: [[Value]], _ spec: DeduplicateSpec) {
        var best: [Value]?
        var bestTime: Int64 = 0
        for row in group {
            let time = row.time(spec.timeSlot) ?? .min
            if best == nil || (spec.keepLast ? time >= bestTime : time < bestTime) {
                best = row
                bestTime = time
            }
        }
        if let best { output.receive(best + [.int(1)], .insert) }
    }
}
