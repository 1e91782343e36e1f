import QueryPlanner

/// A regular join of two inputs on equal keys (Flink's StreamingJoinOperator): every row of
/// each side is kept, by key, and joined with the other side's rows of the same key as it
/// arrives, so either input may be updating and the result updates with them.
///
/// What it writes follows Flink's operator change by change. An inner join passes the input's
/// kind on (`+I`/`+U` joined rows for an accumulating row, `-U`/`-D` for a retracting one). An
/// outer side writes `+I` null-padded while a row has no match; the first match of a row of an
/// outer side retracts that padding (`-D`), and the last match retracted writes it again
/// (`+I`), so a row of the outer side is always in the result once or more. NULL keys match
/// nothing. Matches are found in the order the other side's rows arrived (Flink's are in a
/// hash map's order, so only the multiset of changes is comparable).
///
/// State: every row of both sides, as Flink's, bounded only by `table.exec.state.ttl`.
public final class RegularJoinOperator: ChangelogTwoInputOperator {
    private let spec: RegularJoinSpec
    private let output: RowReceiver
    private var sides: [Side] = [Side(), Side()]
    private var progress = TwoInputWatermark()
    /// `table.exec.state.ttl`: a key of a side forgotten after this long untouched.
    public var stateTTL: [StateTTL]? = nil

    /// One side's rows: by key, each distinct row with how many times it is held and, for an
    /// outer side, with how many rows of the other side it matches.
    private struct Side {
        var rows: [[Value]: JoinKeyRows] = [:]
    }

    public lazy var left: RowReceiver = ChangelogJoinPort(join: self, isLeft: true)
    public lazy var right: RowReceiver = ChangelogJoinPort(join: self, isLeft: false)

    /// An outer join's other conditions: two rows of the same key match when they hold.
    private var residual: PairCondition

    public init(spec: RegularJoinSpec, output: RowReceiver) {
        self.spec = spec
        self.output = output
        residual = PairCondition(spec.residual, slots: spec.residualSlots, leftWidth: spec.leftWidth)
    }

    private func isOuter(_ left: Bool) -> Bool {
        switch spec.kind {
        case .inner: false
        case .left: left
        case .right: !left
        case .full: true
        }
    }

    public func receive(_ row: [Value], _ kind: RowKind, isLeft: Bool) {
        let me = isLeft ? 0 : 1, other = 1 - me
        let key = row.joinKey(isLeft ? spec.leftKeys : spec.rightKeys)
        if var ttl = stateTTL?[me] {
            if ttl.expired(key) { sides[me].rows[key] = nil }
            for stale in ttl.touch(key) where stale != key { sides[me].rows[stale] = nil }
            stateTTL![me] = ttl
        }
        let inputIsOuter = isOuter(isLeft), otherIsOuter = isOuter(!isLeft)
        // NULL keys match nothing: such a row is only ever padded (on an outer side).
        let matchable = spec.nullSafeKeys.isEmpty ? !key.contains(where: \.isNull)
            : !key.indices.contains { key[$0].isNull && !spec.nullSafeKeys[$0] }
        var matches = matchable ? sides[other].rows[key]?.all ?? [] : []
        if spec.residual != nil { matches = matches.filter { isLeft ? residual.holds(row, $0.row) : residual.holds($0.row, row) } }
        let matchCount = matches.reduce(0) { $0 + $1.count }
        if kind.isAccumulate {
            if inputIsOuter {
                if matchCount == 0 {
                    emitPadded(row, isLeft: isLeft, .insert)
                } else {
                    if otherIsOuter { reassociate(matches, side: other, key: key, by: 1, isLeft: !isLeft) }
                    emitJoined(row, matches, isLeft: isLeft, .insert)
                }
                add(row, key: key, side: me, associations: matchCount)
            } else {
                add(row, key: key, side: me, associations: 0)
                if matchCount > 0 {
                    if otherIsOuter {
                        reassociate(matches, side: other, key: key, by: 1, isLeft: !isLeft)
                        emitJoined(row, matches, isLeft: isLeft, .insert)
                    } else {
                        emitJoined(row, matches, isLeft: isLeft, kind)
                    }
                }
            }
        } else {
            retract(row, key: key, side: me)
            if matchCount == 0 {
                if inputIsOuter { emitPadded(row, isLeft: isLeft, .delete) }
            } else {
                emitJoined(row, matches, isLeft: isLeft, inputIsOuter ? .delete : kind)
                if otherIsOuter { reassociate(matches, side: other, key: key, by: -1, isLeft: !isLeft) }
            }
        }
    }

    private func emitJoined(_ row: [Value], _ matches: [JoinKeyRows.Entry], isLeft: Bool, _ kind: RowKind) {
        for match in matches {
            for _ in 0..<match.count { output.receive(isLeft ? row + match.row : match.row + row, kind) }
        }
    }

    private func emitPadded(_ row: [Value], isLeft: Bool, _ kind: RowKind) {
        let nulls = [Value](repeating: .null, count: isLeft ? spec.rightWidth : spec.leftWidth)
        output.receive(isLeft ? row + nulls : nulls + row, kind)
    }

    /// An outer side's rows gain or lose a match: padding is retracted at the first match
    /// and written again when the last goes.
    private func reassociate(_ matches: [JoinKeyRows.Entry], side: Int, key: [Value], by change: Int, isLeft: Bool) {
        for match in matches {
            if change > 0, match.associations == 0 {
                for _ in 0..<match.count { emitPadded(match.row, isLeft: isLeft, .delete) }
            }
            if change < 0, match.associations == 1 {
                for _ in 0..<match.count { emitPadded(match.row, isLeft: isLeft, .insert) }
            }
            sides[side].rows[key]?.entries[match.row]?.associations += change
        }
    }

    private func add(_ row: [Value], key: [Value], side: Int, associations: Int) {
        sides[side].rows[key, default: JoinKeyRows()].add(row, associations: associations)
    }

    private func retract(_ row: [Value], key: [Value], side: Int) {
        sides[side].rows[key]?.retract(row)
        if sides[side].rows[key]?.isEmpty == true { sides[side].rows[key] = nil }
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

/// A key's rows of one side of a join, found by value in constant time and walked in the
/// order they came.
/// Invariant: `order` holds each row once (`listed`): every row of `entries`, and gone
/// rows at most as many again (it is compacted beyond that).
struct JoinKeyRows {
    struct Entry {
        var row: [Value]
        var count: Int
        var associations: Int
    }

    var entries: [[Value]: Entry] = [:]
    var order: [[Value]] = []
    var listed: Set<[Value]> = []

    var isEmpty: Bool { entries.isEmpty }
    var all: [Entry] { order.compactMap { entries[$0] } }

    mutating func add(_ row: [Value], associations: Int) {
        if entries[row] != nil {
            entries[row]!.count += 1
        } else {
            entries[row] = Entry(row: row, count: 1, associations: associations)
            if listed.insert(row).inserted { order.append(row) }
        }
    }

    mutating func retract(_ row: [Value]) {
        guard var entry = entries[row] else { return }
        entry.count -= 1
        if entry.count > 0 {
            entries[row] = entry
            return
        }
        entries[row] = nil
        if order.count > 2 * entries.count + 8 {
            order = order.filter { entries[$0] != nil }
            listed = Set(order)
        }
    }
}

/// The watermark of an operator with two inputs: the smaller of theirs, an ended input
/// counting as +∞; forwarded only when it moves.
struct TwoInputWatermark {
    private var watermarks: (left: Int64, right: Int64) = (.min, .min)
    private var finished = (left: false, right: false)
    private var passed: Int64 = .min

    /// The new combined watermark, when this one moves it.
    mutating func advance(_ watermark: Int64, isLeft: Bool) -> Int64? {
        if isLeft { watermarks.left = max(watermarks.left, watermark) } else { watermarks.right = max(watermarks.right, watermark) }
        let low = min(watermarks.left, watermarks.right)
        guard low > passed else { return nil }
        passed = low
        return low
    }

    /// Marks an input ended; whether both have.
    mutating func finish(isLeft: Bool) -> Bool {
        if isLeft { finished.left = true } else { finished.right = true }
        return finished.left && finished.right
    }
}

/// An operator with two inputs that may both carry changes (the regular join).
public protocol ChangelogTwoInputOperator: AnyObject {
    func receive(_ row: [Value], _ kind: RowKind, isLeft: Bool)
    func watermark(_ watermark: Int64, isLeft: Bool)
    func finish(isLeft: Bool)
}

/// One side of a `ChangelogTwoInputOperator`, as a `RowReceiver`: every change passes.
final class ChangelogJoinPort<Join: ChangelogTwoInputOperator>: RowReceiver {
    let join: Join  // the ports hold the operator: nothing else does
    let isLeft: Bool
    init(join: Join, isLeft: Bool) {
        self.join = join
        self.isLeft = isLeft
    }
    func receive(_ row: [Value], _ kind: RowKind) { join.receive(row, kind, isLeft: isLeft) }
    func watermark(_ watermark: Int64) { join.watermark(watermark, isLeft: isLeft) }
    func finish() { join.finish(isLeft: isLeft) }
}
