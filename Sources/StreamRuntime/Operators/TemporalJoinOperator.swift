import QueryPlanner

/// An event-time temporal join (Flink 2.3's TemporalRowTimeJoinOperator): each left row is
/// joined with the version of its key's right row that was current at the left row's time,
/// the right row of greatest time at or before it, once the watermark has passed that time.
///
/// Invariants, as Flink's:
/// - The right side is a versioned table's changelog: `+I` and `+U` rows are versions; a `-D`
///   is a version too, one without a row (a left row it is current for joins nothing); `-U`
///   rows are dropped (Flink's DropUpdateBefore). A version replaces one of the same time.
/// - A key fires when the watermark (the smaller of the two inputs') passes the earliest time
///   it holds a row of: every left row at or before the watermark is joined in arrival order,
///   and the versions older than the latest one at or before the watermark are dropped (no
///   later left row on time can need them). A left row that arrives late waits for the next
///   firing, as Flink's does, and joins what is left.
/// - Keys fire in the order of their firing times, then of their first rows.
/// - A NULL key matches the versions of the NULL key, as in Flink (its state is keyed by the
///   key, NULL grouped with NULL; checked with Flink 2.3).
public final class TemporalJoinOperator: TwoInputOperator {
    private let spec: TemporalJoinSpec
    private let output: RowReceiver
    private var keys = KeyNumbering()
    private var states: [KeyState] = []
    /// Firing times by key; an entry no longer the key's `timer` is stale and skipped.
    private var timers = MinHeap<Due>()
    private var watermarks: (left: Int64, right: Int64) = (.min, .min)
    private var finished = (left: false, right: false)
    private var combined: Int64 = .min
    private var arrivals = 0
    private lazy var residual = PairCondition(spec.residual, slots: spec.residualSlots, leftWidth: spec.leftWidth)

    private struct Due: Comparable {
        var time: Int64
        var key: Int
        static func < (a: Due, b: Due) -> Bool { (a.time, a.key) < (b.time, b.key) }
    }

    private struct Version {
        var time: Int64
        /// Nil for a deletion.
        var row: [Value]?
    }

    private struct KeyState {
        /// Left rows waiting for the watermark: arrival number, time, row.
        var pending: [(sequence: Int, time: Int64, row: [Value], kind: RowKind)] = []
        /// Versions by time, ascending.
        var versions: [Version] = []
        var timer: Int64?
    }

    public var left: RowReceiver { TemporalJoinPort(join: self, isLeft: true) }
    public var right: RowReceiver { TemporalJoinPort(join: self, isLeft: false) }

    public init(spec: TemporalJoinSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
    }

    func receive(_ row: [Value], isLeft: Bool) {
        receive(row, .insert, isLeft: isLeft)
    }

    func receive(_ row: [Value], _ kind: RowKind, isLeft: Bool) {
        if !isLeft, kind == .updateBefore { return }
        guard let time = row.time(isLeft ? spec.leftTimeSlot : spec.rightTimeSlot) else { return }
        let key = row.joinKey(isLeft ? spec.leftKeys : spec.rightKeys)
        let (number, isNew) = keys.number(key)
        if isNew { states.append(KeyState()) }
        if isLeft {
            arrivals += 1
            states[number].pending.append((arrivals, time, row, kind))
        } else {
            let version = Version(time: time, row: kind.isAccumulate ? row : nil)
            var at = states[number].versions.count
            while at > 0, states[number].versions[at - 1].time > time { at -= 1 }
            if at > 0, states[number].versions[at - 1].time == time {
                states[number].versions[at - 1] = version
            } else {
                states[number].versions.insert(version, at: at)
            }
        }
        if states[number].timer.map({ $0 > time }) ?? true {
            states[number].timer = time
            timers.push(Due(time: time, key: number))
        }
    }

    func watermark(_ watermark: Int64, isLeft: Bool) {
        if isLeft { watermarks.left = max(watermarks.left, watermark) } else { watermarks.right = max(watermarks.right, watermark) }
        let low = min(watermarks.left, watermarks.right)
        guard low > combined else { return }
        combined = low
        while let due = timers.min, due.time <= combined {
            timers.pop()
            guard states[due.key].timer == due.time else { continue }
            states[due.key].timer = nil
            fire(due.key)
        }
        output.watermark(combined)
    }

    /// Joins the key's left rows up to the watermark and drops the versions no longer needed.
    private func fire(_ number: Int) {
        var state = states[number]
        states[number] = KeyState()
        var waiting: [(sequence: Int, time: Int64, row: [Value], kind: RowKind)] = []
        for left in state.pending {
            guard left.time <= combined else {
                waiting.append(left)
                continue
            }
            let version = Self.latest(state.versions, atOrBefore: left.time)
            // The joined row takes the left row's kind (a changelog on the left stays one).
            if let right = version?.row, residual.holds(left.row, right) {
                output.receive(left.row + right, left.kind)
            } else if spec.kind == .left {
                output.receive(left.row + Array(repeating: .null, count: spec.rightWidth), left.kind)
            }
        }
        // Keep the latest version at or before the watermark and every later one.
        if let kept = state.versions.lastIndex(where: { $0.time <= combined }), kept > 0 {
            state.versions.removeFirst(kept)
        }
        state.pending = waiting
        if let next = waiting.map(\.time).min() {
            state.timer = next
            timers.push(Due(time: next, key: number))
        }
        states[number] = state
    }

    /// The version of greatest time at or before `time`.
    private static func latest(_ versions: [Version], atOrBefore time: Int64) -> Version? {
        var low = 0, high = versions.count
        while low < high {
            let mid = (low + high) / 2
            if versions[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? versions[low - 1] : nil
    }

    func finish(isLeft: Bool) {
        if isLeft { finished.left = true } else { finished.right = true }
        watermark(.max, isLeft: isLeft)
        if finished.left, finished.right { output.finish() }
    }
}

/// One side of a temporal join: unlike `JoinPort`, the right side's deletions reach it.
final class TemporalJoinPort: RowReceiver {
    let join: TemporalJoinOperator
    let isLeft: Bool
    init(join: TemporalJoinOperator, isLeft: Bool) {
        self.join = join
        self.isLeft = isLeft
    }
    func receive(_ row: [Value], _ kind: RowKind) { join.receive(row, kind, isLeft: isLeft) }
    func watermark(_ watermark: Int64) { join.watermark(watermark, isLeft: isLeft) }
    func finish() { join.finish(isLeft: isLeft) }
}
