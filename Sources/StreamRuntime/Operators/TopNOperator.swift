import QueryPlanner

/// Top-N without a window (`ROW_NUMBER() OVER (PARTITION BY k ORDER BY c DESC) … rn <= N`):
/// an updating result. Each partition's rows are kept sorted (rows of equal sort keys in the
/// order they were last added); after each change, every rank position 1…N whose row changed
/// is written: `-U` the old row and `+U` the new one at that position, `+I` a position newly
/// filled, `-D` one emptied (Flink's UpdatableTopNFunction, ranks included in the output).
///
/// An update arrives as `-U` old then `+U` new: the positions are compared only after the
/// `+U`, so a row that changes is replaced in one step, as an upsert by its key is in Flink.
/// Over such an input (`upsert`), a row whose sort keys did not change keeps its place among
/// its ties, and a row among the first N that moves up writes its changes in the order of
/// Flink's `UpdatableTopNFunction.emitRecordsWithRowNumber`.
/// State: every row of every partition where rows can move down (Flink bounds it with
/// `table.exec.state.ttl`); the first N of each where they cannot (`upsert`), as Flink.
public final class TopNOperator: RowReceiver {
    private let spec: RankSpec
    private let order: RowOrder
    private let output: RowReceiver
    private var partitions: [RowKey: Partition] = [:]
    private var sequence = 0
    /// `firstN`: the rows counted so far.
    private var firstRows: Int64 = 0
    /// `table.exec.state.ttl`: a partition's rows forgotten after this long untouched.
    public var stateTTL: StateTTL?

    private final class Partition {
        /// Rows sorted by the sort keys, then by when they were added.
        var rows: [(row: [Value], sequence: Int)] = []
        /// The first N rows as last written.
        var written: [[Value]] = []
    }

    public init(spec: RankSpec, output: RowReceiver) {
        self.spec = spec
        order = RowOrder(keys: spec.order)
        self.output = output
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        let key = RowKey(row, spec.partition)
        if var ttl = stateTTL {
            if ttl.expired(key.values) { partitions[key] = nil }
            for stale in ttl.touch(key.values) where stale != key.values { partitions[RowKey(stale)] = nil }
            stateTTL = ttl
        }
        if spec.firstN {
            firstRows += 1
            guard firstRows >= spec.start, firstRows <= spec.limit else { return }
            output.receive(row + [.null], kind.isAccumulate ? .insert : .delete)
            return
        }
        let partition = partitions[key] ?? Partition()
        partitions[key] = partition
        if spec.fastTop1 {
            top1(row, kind, partition)
            return
        }
        // Where the rows moved: from here on Flink's RetractableTopNFunction writes every
        // position in range again, a row that moved into an equal row's place included.
        var changedFrom: Int?
        // Where an update that kept its sort keys was written: Flink writes it there even when
        // nothing changed (an aggregate under a state TTL repeats its result).
        var rewrittenInPlace: Int?
        if kind.isAccumulate {
            sequence += 1
            if spec.upsert, let old = pendingOld, let index = pendingIndex, order.compare(old, row) == 0 {
                // Its sort keys did not change: it keeps its place among its ties, as Flink's
                // UpdatableTopNFunction rewrites a row in place.
                partition.rows.insert((row, sequence), at: index)
                changedFrom = index
                rewrittenInPlace = index - Int(spec.start - 1)
            } else {
                // After the rows that sort before or with it.
                var low = 0, high = partition.rows.count
                while low < high {
                    let middle = (low + high) / 2
                    if order.compare(partition.rows[middle].row, row) <= 0 { low = middle + 1 } else { high = middle }
                }
                partition.rows.insert((row, sequence), at: low)
                changedFrom = low
            }
        } else if let index = partition.rows.firstIndex(where: { $0.row == row }) {
            partition.rows.remove(at: index)
            changedFrom = index
        }
        // Where Flink writes every position again, equal rows included: from a retraction's or
        // insertion's place (RetractableTopNFunction), or an appended row's
        // (AppendOnlyTopNFunction.processElementWithRowNumber; case `w_topn_offset_equal_rows`).
        let rewrittenFrom = spec.upsert && !spec.appendOnlyInput ? nil : changedFrom.map { $0 - Int(spec.start - 1) }
        // With a unique key, the update's new row follows: compare the positions then.
        if kind == .updateBefore, spec.upsert {
            pendingOld = row
            pendingIndex = changedFrom
            return
        }
        defer { pendingOld = nil; pendingIndex = nil }
        if spec.upsert, partition.rows.count > Int(spec.limit) {
            // Flink's UpdatableTopNFunction and AppendOnlyTopNFunction hold the first N rows
            // only: a row pushed out (or tying the last when N are held) is forgotten, and an
            // update of it later is a new row. Where sort keys only move rows up this changes
            // nothing; where one moves down anyway (a MIN from NULL, sorted first) a forgotten
            // tie stays out, as in Flink (case `w_topn_min_from_null`).
            partition.rows.removeLast(partition.rows.count - Int(spec.limit))
        }
        // The rows ranked start…limit.
        let current = partition.rows.prefix(Int(spec.limit)).dropFirst(Int(spec.start) - 1).map(\.row)
        if !spec.outputsRank {
            if let index = rewrittenInPlace, index >= 0, index < current.count, let old = pendingOld {
                // In place among the first N: Flink writes the update as it came.
                let rank: Value = spec.limit == spec.start ? .int(spec.limit) : .null
                output.receive(old + [rank], .updateBefore)
                output.receive(row + [rank], .updateAfter)
                pendingOld = nil
                partition.written = current
                return
            }
            if !spec.upsert, spec.start == 1, let index = changedFrom {
                // Each change on its own, as RetractableTopNFunction writes it without the number:
                // a row entering the first N pushes out the last (`-D` it, then `+I` the row);
                // a row leaving lets the next one in (`-D` it, then `+I` that one), even when
                // the two are equal rows.
                let limit = Int(spec.limit)
                let rank: Value = spec.limit == 1 ? .int(1) : .null
                if index < limit {
                    if kind.isAccumulate {
                        if partition.rows.count > limit { output.receive(partition.rows[limit].row + [rank], .delete) }
                        output.receive(row + [rank], .insert)
                    } else {
                        output.receive(row + [rank], .delete)
                        if partition.rows.count >= limit { output.receive(partition.rows[limit - 1].row + [rank], .insert) }
                    }
                }
            } else {
                writeMembership(partition.written, current, updated: kind.isAccumulate ? row : nil)
            }
            pendingOld = nil
            partition.written = current
            if partition.rows.isEmpty { partitions[key] = nil }
            return
        }
        // A row already among the first N that moved up (Flink's UpdatableTopNFunction holds
        // only those): its old version is retracted right after the first row it displaced,
        // and its old position gets only the `+U` of the row shifted into it.
        var movedFrom: Int?
        if spec.upsert, let oldIndex = pendingIndex, let newIndex = changedFrom, newIndex < oldIndex, oldIndex < Int(spec.limit) {
            movedFrom = oldIndex
        }
        let firstPosition = Int(spec.start) - 1
        for position in 0..<max(current.count, partition.written.count) {
            if let oldIndex = movedFrom, let newIndex = changedFrom {
                // The first position in range that changed; those before it are written by
                // Flink too but fall outside the range.
                let first = max(newIndex, firstPosition), index = position + firstPosition
                guard oldIndex >= firstPosition, index <= oldIndex else { break }
                if index < first { continue }
                // Flink retracts the old version right after the displaced row's `-U` at the
                // row's new position, whether or not that position is in range.
                let retractsOld = index == first && pendingOld != nil
                if retractsOld, newIndex < first { output.receive(pendingOld! + [rankValue(oldIndex)], .updateBefore) }
                if index < oldIndex { output.receive(partition.written[position] + [rankValue(index)], .updateBefore) }
                if retractsOld, newIndex == first { output.receive(pendingOld! + [rankValue(oldIndex)], .updateBefore) }
                output.receive(current[position] + [rankValue(index)], .updateAfter)
                continue
            }
            let old = position < partition.written.count ? partition.written[position] : nil
            let new = position < current.count ? current[position] : nil
            if old == new, rewrittenFrom.map({ position < $0 }) ?? true, position != rewrittenInPlace { continue }
            let rank = Value.int(Int64(position) + spec.start)
            switch (old, new) {
            case let (old?, new?):
                output.receive(old + [rank], .updateBefore)
                output.receive(new + [rank], .updateAfter)
            case let (nil, new?):
                output.receive(new + [rank], .insert)
            case let (old?, nil):
                output.receive(old + [rank], .delete)
            default:
                break
            }
        }
        partition.written = current
        if partition.rows.isEmpty { partitions[key] = nil }
    }

    /// The old row of an update whose new row has not arrived yet, and where it was.
    private var pendingOld: [Value]?
    private var pendingIndex: Int?

    private func rankValue(_ index: Int) -> Value { .int(Int64(index) + 1) }

    /// Top-1 in place (Flink's FastTop1Function): the row written is replaced only by a row
    /// that sorts strictly before it; an input row that ties, sorts after, or retracts is
    /// nothing (the input is append-only, or its sort keys only move rows up).
    private func top1(_ row: [Value], _ kind: RowKind, _ partition: Partition) {
        guard kind.isAccumulate else { return }
        let rank = Value.int(1)
        guard let current = partition.written.first else {
            partition.written = [row]
            output.receive(row + [rank], .insert)
            return
        }
        guard order.compare(row, current) < 0 else { return }
        if !spec.dropsUpdateBefore { output.receive(current + [rank], .updateBefore) }
        output.receive(row + [rank], .updateAfter)
        partition.written = [row]
    }

    /// Without the rank number: rows that left the first N are deleted, rows that entered are
    /// inserted; an updated row that stayed in is `-U` old, `+U` new.
    private func writeMembership(_ before: [[Value]], _ after: [[Value]], updated: [Value]?) {
        // As multisets: a second copy of an equal row entering is an insert of its own.
        var removed: [[Value]] = [], added = after
        for row in before {
            if let index = added.firstIndex(of: row) { added.remove(at: index) } else { removed.append(row) }
        }
        if let old = pendingOld, let new = updated, let r = removed.firstIndex(of: old), let a = added.firstIndex(of: new) {
            output.receive(old + [spec.limit == spec.start ? .int(spec.limit) : .null], .updateBefore)
            output.receive(new + [spec.limit == spec.start ? .int(spec.limit) : .null], .updateAfter)
            removed.remove(at: r)
            added.remove(at: a)
        }
        // A Top-1's number is the constant 1, the others' are not read.
        let rank: Value = spec.limit == spec.start ? .int(spec.limit) : .null
        for row in removed { output.receive(row + [rank], .delete) }
        for row in added { output.receive(row + [rank], .insert) }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
