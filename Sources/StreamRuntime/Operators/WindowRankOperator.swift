import QueryPlanner

/// Window Top-N and window deduplication: rows are held per window and partition until the
/// watermark passes the window's end, then each partition's rows are ranked and the first N
/// written, each once (Flink's WindowRankOperator and WindowDeduplicateOperator, which run
/// after a window aggregation or a window TVF). A ROW_NUMBER Top-N holds only the first N.
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
    /// A ROW_NUMBER Top-N with a small limit: each partition keeps only its first `limit`
    /// rows as they arrive, never the whole window.
    private let keepsFirst: Int?
    /// The rows of each open window, by window end.
    private var windows: [Int64: WindowRows] = [:]
    private var ends = MinHeap<Int64>()
    private var watermark: Int64 = .min
    /// The window the last row went to (a window aggregation writes a window's rows together).
    private var lastEnd = Int64.min
    private var lastWindow: WindowRows?
    /// Set when an operator after this one reads its rows in order: a firing's partitions are
    /// then written in the order Flink's timers for them leave its timer heap (one timer per
    /// partition and window, added as the partition's first row arrives), not first-seen order.
    public var followsFlinkTimers = false
    private var timers = FlinkTimerQueue()
    /// What each timer fires: its window's end and the partition's index there.
    private var timerTargets: [Int: (end: Int64, index: Int)] = [:]
    private var nextTimer = 0

    /// One window's rows by partition, partitions in the order they first appeared.
    /// Invariant: with `keepsFirst`, each partition's rows are the prefix of the stable sort
    /// of every row it received, at most `keepsFirst` long (a row dropped had as many rows
    /// before it, and rows arriving later only go after those or push it further down);
    /// otherwise they are every row it received, in arrival order.
    private final class WindowRows {
        var partitions: [[Value]: Int] = [:]
        var rows: [[[Value]]] = []
        var last = -1
    }

    public init(selection: Selection, windowStart: Int, windowEnd: Int, output: RowReceiver, statistics: OperatorStatistics) {
        self.selection = selection
        // Flink keys a window's rows by the partition columns other than the window's and
        // tells windows apart by their end alone (the state's namespace): two SESSION windows
        // that end together, of different keys, are ranked as one partition.
        let keys = switch selection {
        case .rank(let spec): spec.partition
        case .deduplicate(let spec): spec.keys
        }
        partition = keys.filter { $0 != windowStart }
        startSlot = windowStart
        endSlot = windowEnd
        self.output = output
        self.statistics = statistics
        name = if case .rank = selection { "WindowRank" } else { "WindowDeduplicate" }
        keepsFirst = if case .rank(let spec) = selection, spec.function == .rowNumber, spec.limit >= 1,
                        spec.limit <= Self.selectionLimit { Int(spec.limit) } else { nil }
        if case .rank(let spec) = selection { order = RowOrder(keys: spec.order) } else { order = RowOrder(keys: []) }
    }

    private let order: RowOrder

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard let end = row.time(endSlot) else { return }
        if WindowMath.isFired(end, watermark) {
            statistics.late(name)
            return
        }
        let window: WindowRows
        if end == lastEnd, let lastWindow {
            window = lastWindow
        } else if let known = windows[end] {
            window = known
        } else {
            window = WindowRows()
            windows[end] = window
            ends.push(end)
        }
        lastEnd = end
        lastWindow = window
        // (A Top-N by window alone has one partition: a row of the same partition as the one
        // before it is placed without looking its key up.)
        var index = window.last
        if index < 0 || !samePartition(row, window.rows[index][0]) {
            let key = row.key(partition)
            if let known = window.partitions[key] {
                index = known
            } else {
                index = window.rows.count
                window.partitions[key] = index
                window.rows.append([])
                if followsFlinkTimers {
                    timerTargets[nextTimer] = (end, index)
                    timers.add(at: end &- 1, payload: nextTimer)
                    nextTimer += 1
                }
            }
            window.last = index
        }
        guard let limit = keepsFirst else {
            window.rows[index].append(row)
            return
        }
        let count = window.rows[index].count
        // Past the last kept row, or tied with it: ranked past the limit.
        if count == limit, order.compare(row, window.rows[index][limit - 1]) >= 0 { return }
        let at = Self.insertionPoint(count) { order.compare(window.rows[index][$0], row) }
        window.rows[index].insert(row, at: at)
        if count == limit { window.rows[index].removeLast() }
    }

    public func watermark(_ newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        if followsFlinkTimers {
            while let timer = timers.peek, timer.time <= watermark {
                timers.poll()
                guard let target = timerTargets.removeValue(forKey: timer.payload), let window = windows[target.end] else { continue }
                emit(window.rows[target.index])
                window.rows[target.index] = []
            }
        }
        while let end = ends.min, WindowMath.isFired(end, watermark) {
            ends.pop()
            if let window = windows.removeValue(forKey: end) { fire(window) }
        }
        lastEnd = .min
        lastWindow = nil
        output.watermark(newWatermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }

    private func fire(_ window: WindowRows) {
        for rows in window.rows where !rows.isEmpty { emit(rows) }
    }

    /// Writes one partition's rows of a window that fired.
    private func emit(_ rows: [[Value]]) {
        switch selection {
        case .rank(let spec) where keepsFirst != nil:
            // Already the first rows in rank order.
            for (position, row) in rows.enumerated() where position + 1 >= spec.start {
                output.receive(row + [.int(Int64(position + 1))], .insert)
            }
        case .rank(let spec): emitRanked(rows, spec)
        case .deduplicate(let spec): emitDeduplicated(rows, spec)
        }
    }

    @inline(__always)
    private func samePartition(_ a: [Value], _ b: [Value]) -> Bool {
        for slot in partition where a[slot] != b[slot] { return false }
        return true
    }

    /// Where a row goes among `count` sorted ones (`compare(i)`: the i-th against it): after
    /// every equal one, as arrival order breaks ties.
    @inline(__always)
    private static func insertionPoint(_ count: Int, _ compare: (Int) -> Int) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if compare(mid) <= 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Bounds above which a partition is sorted whole instead of selected row by row.
    private static let selectionLimit: Int64 = 64
    private static let selectionBuffer = 512

    /// Writes the rows of a partition (in arrival order) that rank within the limit, in rank
    /// order; equal sort keys keep their arrival order.
    private func emitRanked(_ rows: [[Value]], _ spec: RankSpec) {
        let group = Array(rows.indices)
        let ranked = Self.select(rows, group, spec, order) ?? group.sorted { a, b in
            let c = order.compare(rows[a], rows[b])
            return c != 0 ? c < 0 : a < b
        }
        var rank: Int64 = 0
        var previous: [Value]?
        for (position, index) in ranked.enumerated() {
            let row = rows[index]
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

    /// The rows of `group` that rank within the limit, in sorted order: the prefix of the
    /// stable sort that the limit keeps, found without sorting the rest. Invariant: `best`
    /// is always a prefix of the sorted rows seen so far (a row dropped from it already has
    /// `limit` rows, or `limit` distinct keys for DENSE_RANK, strictly before it, and rows
    /// seen later only add to those). Nil when the limit or the ties make a sort cheaper.
    private static func select(_ rows: [[Value]], _ group: [Int], _ spec: RankSpec, _ order: RowOrder) -> [Int]? {
        guard spec.limit >= 1, spec.limit <= selectionLimit, group.count > Int(spec.limit) else { return nil }
        let limit = Int(spec.limit)
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        var full = false
        for index in group {
            let row = rows[index]
            if full {
                // After the last kept row: ranked past the limit (a tie with it still ranks
                // within it for RANK and DENSE_RANK).
                let c = order.compare(row, rows[best[best.count - 1]])
                if c > 0 || (c == 0 && spec.function == .rowNumber) { continue }
            }
            best.insert(index, at: insertionPoint(best.count) { order.compare(rows[best[$0]], row) })
            switch spec.function {
            case .rowNumber:
                if best.count > limit { best.removeLast() }
                full = best.count == limit
            case .rank:
                if best.count > limit {
                    let boundary = rows[best[limit - 1]]
                    while best.count > limit, order.compare(rows[best[best.count - 1]], boundary) > 0 { best.removeLast() }
                }
                full = best.count >= limit
            case .denseRank:
                var distinct = 1
                var cut = best.count
                for i in 1..<max(1, best.count) where order.compare(rows[best[i - 1]], rows[best[i]]) != 0 {
                    distinct += 1
                    if distinct > limit {
                        cut = i
                        break
                    }
                }
                best.removeLast(best.count - cut)
                full = distinct >= limit
            }
            if best.count > selectionBuffer { return nil }
        }
        return best
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
