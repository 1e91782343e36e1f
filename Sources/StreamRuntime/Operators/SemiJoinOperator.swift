import QueryPlanner

/// A semi or anti join (Flink's StreamingSemiAntiJoinOperator): the left rows that have a
/// matching right row (`EXISTS`, `IN`), or that have none (`NOT EXISTS`, `NOT IN`). Only left
/// rows are written, each as often as it arrived.
///
/// What it writes follows Flink's operator change by change. A left row passes with its own
/// kind when its match state already says it belongs. A right row that gives a left row its
/// first match writes that row (semi, with the right row's kind) or retracts it (anti, `-D`);
/// a right row that takes away its last match retracts it (semi, with the right row's kind)
/// or writes it again (anti, `+I`). Matches are walked in the order the rows arrived.
///
/// State: every row of both sides, by key, as Flink's, bounded only by `table.exec.state.ttl`.
public final class SemiJoinOperator: ChangelogTwoInputOperator {
    private let spec: SemiJoinSpec
    private let output: RowReceiver
    /// Left rows by key, each with how many right rows it matches; right rows by key.
    private var leftRows: [[Value]: JoinKeyRows] = [:]
    private var rightRows: [[Value]: JoinKeyRows] = [:]
    private var progress = TwoInputWatermark()
    /// The rest of a correlated condition.
    private var residual: PairCondition
    /// `table.exec.state.ttl`: a key of a side forgotten after this long untouched.
    public var stateTTL: [StateTTL]? = nil

    public lazy var left: RowReceiver = ChangelogJoinPort(join: self, isLeft: true)
    public lazy var right: RowReceiver = ChangelogJoinPort(join: self, isLeft: false)

    public init(spec: SemiJoinSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
        residual = PairCondition(spec.residual, slots: spec.residualSlots, leftWidth: spec.leftWidth)
    }

    /// Whether a left row and a right row of the same key match: the null-aware `NOT IN`
    /// comparison and the residual condition, when there are.
    private func matches(_ left: [Value], _ right: [Value]) -> Bool {
        for (l, r) in spec.nullAwareKeys {
            let a = left[l].numericKey, b = right[r].numericKey
            // NULL on either side makes `a NOT IN (…)` unknown: a match, so the row is not kept.
            if !a.isNull, !b.isNull, a != b { return false }
        }
        return residual.holds(left, right)
    }

    private func touch(_ key: [Value], side: Int) {
        guard var ttl = stateTTL?[side] else { return }
        if ttl.expired(key) {
            if side == 0 { leftRows[key] = nil } else { rightRows[key] = nil }
        }
        for stale in ttl.touch(key) where stale != key {
            if side == 0 { leftRows[stale] = nil } else { rightRows[stale] = nil }
        }
        stateTTL![side] = ttl
    }

    public func receive(_ row: [Value], _ kind: RowKind, isLeft: Bool) {
        if isLeft { receiveLeft(row, kind) } else { receiveRight(row, kind) }
    }

    private func receiveLeft(_ row: [Value], _ kind: RowKind) {
        let key = row.joinKey(spec.leftKeys)
        touch(key, side: 0)
        // NULL keys match nothing.
        var matchCount = 0
        if spec.nullSafe || !key.contains(where: \.isNull), let candidates = rightRows[key] {
            for entry in candidates.all where matches(row, entry.row) { matchCount += entry.count }
        }
        if (matchCount > 0) != spec.anti { output.receive(row, kind) }
        if kind.isAccumulate {
            leftRows[key, default: JoinKeyRows()].add(row, associations: matchCount)
        } else {
            leftRows[key]?.retract(row)
            if leftRows[key]?.isEmpty == true { leftRows[key] = nil }
        }
    }

    private func receiveRight(_ row: [Value], _ kind: RowKind) {
        let key = row.joinKey(spec.rightKeys)
        touch(key, side: 1)
        if kind.isAccumulate {
            rightRows[key, default: JoinKeyRows()].add(row, associations: 0)
        } else {
            rightRows[key]?.retract(row)
            if rightRows[key]?.isEmpty == true { rightRows[key] = nil }
        }
        guard spec.nullSafe || !key.contains(where: \.isNull), let candidates = leftRows[key]?.all else { return }
        let change = kind.isAccumulate ? 1 : -1
        for entry in candidates where matches(entry.row, row) {
            if kind.isAccumulate, entry.associations == 0 {
                for _ in 0..<entry.count { output.receive(entry.row, spec.anti ? .delete : kind) }
            }
            if !kind.isAccumulate, entry.associations == 1 {
                for _ in 0..<entry.count { output.receive(entry.row, spec.anti ? .insert : kind) }
            }
            leftRows[key]?.entries[entry.row]?.associations += change
        }
    }

    public func watermark(_ watermark: Int64, isLeft: Bool) {
        if let moved = progress.advance(watermark, isLeft: isLeft) { output.watermark(moved) }
    }

    public func finish(isLeft: Bool) {
        let both = progress.finish(isLeft: isLeft)
        watermark(.max, isLeft: isLeft)
        if both { output.finish() }
    }
}
