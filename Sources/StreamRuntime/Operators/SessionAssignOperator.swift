import QueryPlanner

/// A SESSION window TVF whose rows are not aggregated (Flink's
/// `UnalignedWindowTableFunctionOperator`): a session's bounds are known only when it closes,
/// so each row is held in its partition's session until the watermark passes the session's
/// end − 1, then written with `window_start`, `window_end` and `window_time` of the merged
/// session, the session's rows in arrival order, their kinds kept.
///
/// A row opens `[t, t + gap)`, which merges with every open session of its partition it
/// overlaps or touches. It is late, and dropped, when that window has already closed: only a
/// row that merges with nothing can be, since an open session's end is still ahead.
/// Sessions closing together are written in the order Flink's timer heap gives them: timers
/// are added and deleted as its `MergingWindowProcessFunction` adds and deletes them.
public final class SessionAssignOperator: RowReceiver {
    private typealias Held = (sequence: Int64, row: [Value], kind: RowKind)

    private struct Session {
        var start: Int64
        var end: Int64
        var rows: [Held]
        /// Its timer's handle in `timers`.
        var timer = -1
    }

    private let spec: WindowAssignSpec
    private let gap: Int64
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// Open sessions by number.
    private var sessions: [Int: Session] = [:]
    private var nextNumber = 0
    /// The numbers of each partition's open sessions, by start; they never overlap.
    private var sessionsOfPartition: [[Value]: [Int]] = [:]
    /// Invariant: each open session has one timer, at its end − 1, whose payload is its
    /// number; no other timer is held.
    private var timers = FlinkTimerQueue()
    private var arrivals: Int64 = 0
    private var currentWatermark = Int64.min

    public init(spec: WindowAssignSpec, output: RowReceiver, statistics: OperatorStatistics) {
        guard case .session(let gap) = spec.window.kind else { preconditionFailure("SessionAssignOperator needs a SESSION window") }
        self.spec = spec
        self.gap = gap
        self.output = output
        self.statistics = statistics
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        guard let time = row.time(spec.timeSlot) else { return }
        let partition = row.key(spec.partition)
        let held: Held = (arrivals, row, kind)
        arrivals += 1
        var numbers = sessionsOfPartition.removeValue(forKey: partition) ?? []
        defer { if !numbers.isEmpty { sessionsOfPartition[partition] = numbers } }
        var start = time, end = time + gap
        let overlapping = numbers.indices.filter { sessions[numbers[$0]]!.start <= end && sessions[numbers[$0]]!.end >= start }
        guard let first = overlapping.first, let last = overlapping.last else {
            guard !WindowMath.isFired(end, currentWatermark) else {
                statistics.late("WindowTableFunction")
                return
            }
            let number = open(Session(start: start, end: end, rows: [held]))
            numbers.insert(number, at: numbers.firstIndex { sessions[$0]!.start > start } ?? numbers.count)
            return
        }
        let merged = numbers[first...last]
        if merged.count == 1, let session = sessions[merged[first]], session.start <= start, session.end >= end {
            sessions[merged[first]]!.rows.append(held)
            return
        }
        var rows: [Held] = []
        for number in merged {
            let session = sessions[number]!
            start = min(start, session.start)
            end = max(end, session.end)
            rows += session.rows
        }
        rows.append(held)
        // Flink sets the merged session's timer, then deletes the timers of the sessions it
        // merged, in the order of the hash set that holds them.
        let number = open(Session(start: start, end: end, rows: rows))
        let windows = merged.map { (start: sessions[$0]!.start, end: sessions[$0]!.end) }
        for index in FlinkTimerQueue.hashSetOrder(windows) {
            let old = merged[first + index]
            timers.remove(sessions[old]!.timer)
            sessions[old] = nil
        }
        numbers.replaceSubrange(first...last, with: [number])
    }

    /// Opens a session and sets its timer.
    private func open(_ session: Session) -> Int {
        let number = nextNumber
        nextNumber += 1
        sessions[number] = session
        sessions[number]!.timer = timers.add(at: session.end - 1, payload: number)
        return number
    }

    public func watermark(_ watermark: Int64) {
        currentWatermark = max(currentWatermark, watermark)
        while let (time, number) = timers.peek, time <= currentWatermark {
            timers.poll()
            let session = sessions.removeValue(forKey: number)!
            let partition = session.rows[0].row.key(spec.partition)
            if var numbers = sessionsOfPartition.removeValue(forKey: partition) {
                numbers.removeAll { $0 == number }
                if !numbers.isEmpty { sessionsOfPartition[partition] = numbers }
            }
            let bounds: [Value] = [.timestamp(session.start), .timestamp(session.end), .timestamp(session.end - 1)]
            // A merged session's rows were joined out of order: written by arrival.
            for held in session.rows.sorted(by: { $0.sequence < $1.sequence }) { output.receive(held.row + bounds, held.kind) }
        }
        output.watermark(watermark)
    }

    public func finish() {
        watermark(.max)
        output.finish()
    }
}
