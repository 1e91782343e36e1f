import QueryPlanner

/// OVER aggregation ordered by a column that is not a time attribute, from the partition's
/// first row to the current one (Flink 2.3's `NonTimeRowsUnboundedPrecedingFunction` and
/// `NonTimeRangeUnboundedPrecedingFunction`): an updating result. A row arriving in the middle
/// of its partition's order is written with the aggregates of the rows before it, and every
/// later row whose aggregates changed is written again (`-U` old, `+U` new), in order, up to
/// the first whose aggregates stayed the same; a retraction writes the row's `-D` and the
/// later rows' updates the same way. An update of the input (`-U`, `+U`) is a removal then an
/// insertion, the inserted row written as `+U`.
///
/// Flink's own behaviour is kept where it is odd, so the changes are Flink's one for one
/// (each checked with Flink 2.3): "the same" compares the aggregates' state, not their values
/// (a SUM also counts its non-NULL inputs, so a 0 changes it and a NULL does not); a ROWS
/// removal stops updating its tied rows at the first unchanged one and carries on to the next
/// keys without the rest; a RANGE removal recomputes its key without every row equal to the
/// removed one. Rows are told apart by `identity`, the columns the query reads.
///
/// State: every row of every partition (Flink's too), with the aggregates up to each row
/// (ROWS) or each key (RANGE).
public final class NonTimeOverOperator: RowReceiver {
    private let spec: OverSpec
    private let kinds: [AggregateKind]
    private let arguments: [BoundExpression?]
    private let output: RowReceiver
    private var partitions: [[Value]: Partition] = [:]
    private var nextID = 0

    private final class Partition {
        /// Keys ascending (NULL first unless `nullsFirst` is false), each key's rows in arrival
        /// order, and under RANGE the aggregates of the frame ending at that key.
        var keys: [Value] = []
        var ids: [[Int]] = []
        var keyState: [[Accumulator]] = []
        var rows: [Int: [Value]] = [:]
        /// Under ROWS, the aggregates of the frame ending at each row.
        var rowState: [Int: [Accumulator]] = [:]

        /// Removes the row at `position` of key `index`, and the key once it has no rows left;
        /// returns where the keys after it start.
        func remove(_ position: Int, of index: Int) -> Int {
            rows[ids[index][position]] = nil
            ids[index].remove(at: position)
            guard ids[index].isEmpty else { return index + 1 }
            keys.remove(at: index)
            ids.remove(at: index)
            keyState.remove(at: index)
            return index
        }
    }

    public init(spec: OverSpec, output: RowReceiver) {
        self.spec = spec
        kinds = spec.calls.map(AggregateKind.init)
        arguments = spec.calls.map(\.argument)
        self.output = output
    }

    private var isRows: Bool { if case .rows = spec.frame { true } else { false } }

    public func receive(_ row: [Value], _ kind: RowKind) {
        var key = row.key(spec.partition)
        for e in spec.partitionExpressions { key.append(Evaluator.evaluate(e, row)) }
        let partition = partitions[key] ?? Partition()
        partitions[key] = partition
        if kind.isAccumulate {
            if isRows { insertRows(row, kind, partition) } else { insertRange(row, kind, partition) }
        } else {
            if isRows { removeRows(row, partition) } else { removeRange(row, partition) }
        }
    }

    // MARK: - Helpers

    private var empty: [Accumulator] { kinds.map { Accumulator.initial($0, distinct: false) } }

    private func accumulate(_ state: [Accumulator], _ row: [Value]) -> [Accumulator] {
        var state = state
        for index in state.indices {
            state[index].add(arguments[index].map { Evaluator.evaluate($0, row) } ?? .null, kinds[index])
        }
        return state
    }

    private func write(_ row: [Value], _ state: [Accumulator], _ kind: RowKind) {
        var out = row
        for index in state.indices { out.append(state[index].result(kinds[index], spec.calls[index].resultType)) }
        output.receive(out, kind)
    }

    private func order(_ a: Value, _ b: Value) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return spec.nullsFirst ? -1 : 1
        case (false, true): return spec.nullsFirst ? 1 : -1
        case (false, false): return Evaluator.compare(a, b) ?? 0
        }
    }

    /// Flink's findIndex: the key's position and whether it is there; otherwise where it would
    /// go (nil: after the last).
    private func find(_ key: Value, _ partition: Partition) -> (index: Int?, found: Bool) {
        for (index, existing) in partition.keys.enumerated() {
            let c = order(existing, key)
            if c == 0 { return (index, true) }
            if c > 0 { return (index, false) }
        }
        return (nil, false)
    }

    /// A new row's number, its sort key, the key's position and whether the key is there.
    private func arrive(_ row: [Value], _ partition: Partition) -> (id: Int, key: Value, index: Int, exists: Bool) {
        defer { nextID += 1 }
        let key = row[spec.timeSlot]
        let (found, exists) = find(key, partition)
        return (nextID, key, found ?? partition.keys.count, exists)
    }

    private func sameRow(_ a: [Value], _ b: [Value]) -> Bool {
        guard let identity = spec.identity else { return a == b }
        return identity.allSatisfy { a[$0] == b[$0] }
    }

    // MARK: - ROWS

    private func insertRows(_ row: [Value], _ kind: RowKind, _ partition: Partition) {
        let (id, key, index, exists) = arrive(row, partition)
        var state: [Accumulator]
        if exists {
            state = accumulate(partition.rowState[partition.ids[index].last!] ?? empty, row)
            partition.ids[index].append(id)
        } else {
            partition.keys.insert(key, at: index)
            partition.ids.insert([id], at: index)
            partition.keyState.insert([], at: index)
            state = accumulate(index == 0 ? empty : partition.rowState[partition.ids[index - 1].last!] ?? empty, row)
        }
        write(row, state, kind)
        partition.rows[id] = row
        partition.rowState[id] = state
        updateRows(from: index + 1, state, partition)
    }

    /// The rows of the keys from `start` on, each written again until one is unchanged.
    private func updateRows(from start: Int, _ state: [Accumulator], _ partition: Partition) {
        var state = state
        for index in start..<partition.keys.count {
            guard rewriteRows(partition.ids[index], &state, partition) else { return }
        }
    }

    /// Each row of `ids` with `state` carried on through it, written again (`-U`, `+U`);
    /// false at the first whose state is unchanged, where Flink stops.
    private func rewriteRows(_ ids: some Sequence<Int>, _ state: inout [Accumulator], _ partition: Partition) -> Bool {
        for id in ids {
            let row = partition.rows[id]!
            state = accumulate(state, row)
            let old = partition.rowState[id]!
            if Self.same(old, state) { return false }
            write(row, old, .updateBefore)
            write(row, state, .updateAfter)
            partition.rowState[id] = state
        }
        return true
    }

    private func removeRows(_ row: [Value], _ partition: Partition) {
        let (found, _) = find(row[spec.timeSlot], partition)
        guard let index = found, let position = partition.ids[index].firstIndex(where: { sameRow(partition.rows[$0]!, row) }) else { return }
        let ids = partition.ids[index]
        var state: [Accumulator]
        if position > 0 {
            state = partition.rowState[ids[position - 1]]!
        } else {
            state = index > 0 ? partition.rowState[partition.ids[index - 1].last!]! : empty
        }
        let removed = ids[position]
        write(partition.rows[removed]!, partition.rowState[removed]!, .delete)
        // Flink stops at the first unchanged tie and goes on with the next key without the
        // ties after it.
        _ = rewriteRows(ids[(position + 1)...], &state, partition)
        partition.rowState[removed] = nil
        updateRows(from: partition.remove(position, of: index), state, partition)
    }

    // MARK: - RANGE

    private func insertRange(_ row: [Value], _ kind: RowKind, _ partition: Partition) {
        let (id, key, index, exists) = arrive(row, partition)
        let before = index == 0 ? empty : partition.keyState[index - 1]
        var state: [Accumulator]
        if exists {
            state = before
            for peer in partition.ids[index] { state = accumulate(state, partition.rows[peer]!) }
            state = accumulate(state, row)
            let old = partition.keyState[index]
            if Self.same(old, state) {
                write(row, state, kind)
            } else {
                for peer in partition.ids[index] {
                    let peerRow = partition.rows[peer]!
                    write(peerRow, old, .updateBefore)
                    write(peerRow, state, .updateAfter)
                }
                write(row, state, kind)
            }
            partition.ids[index].append(id)
            partition.keyState[index] = state
        } else {
            state = accumulate(before, row)
            write(row, state, kind)
            partition.keys.insert(key, at: index)
            partition.ids.insert([id], at: index)
            partition.keyState.insert(state, at: index)
        }
        partition.rows[id] = row
        updateRange(from: index + 1, state, partition)
    }

    /// The keys from `start` on, each key's rows written again, until a key is unchanged.
    private func updateRange(from start: Int, _ state: [Accumulator], _ partition: Partition) {
        var state = state
        for index in start..<partition.keys.count {
            var new = state
            for id in partition.ids[index] { new = accumulate(new, partition.rows[id]!) }
            let old = partition.keyState[index]
            if Self.same(old, new) { return }
            for id in partition.ids[index] {
                let row = partition.rows[id]!
                write(row, old, .updateBefore)
                write(row, new, .updateAfter)
            }
            partition.keyState[index] = new
            state = new
        }
    }

    private func removeRange(_ row: [Value], _ partition: Partition) {
        let (found, _) = find(row[spec.timeSlot], partition)
        guard let index = found else { return }
        let ids = partition.ids[index]
        var state = index == 0 ? empty : partition.keyState[index - 1]
        // Flink removes the last equal row and leaves every equal row out of the key's new
        // aggregates.
        var position: Int?
        for (j, id) in ids.enumerated() {
            if sameRow(partition.rows[id]!, row) { position = j } else { state = accumulate(state, partition.rows[id]!) }
        }
        guard let position else { return }
        let old = partition.keyState[index]
        let unchanged = Self.same(old, state)
        for (j, id) in ids.enumerated() {
            if j == position {
                write(row, old, .delete)
            } else if !unchanged {
                let peer = partition.rows[id]!
                write(peer, old, .updateBefore)
                write(peer, state, .updateAfter)
            }
        }
        let next = partition.remove(position, of: index)
        if next > index { partition.keyState[index] = state }
        updateRange(from: next, state, partition)
    }

    /// Flink's comparison of two accumulators (its hidden aggregates: a SUM's count and sum).
    static func same(_ a: [Accumulator], _ b: [Accumulator]) -> Bool {
        zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case let (.count(m), .count(n)): m == n
            case let (.integerSum(s, m), .integerSum(t, n)): s == t && m == n
            case let (.doubleSum(s, m), .doubleSum(t, n)): s == t && m == n
            case let (.wideSum(h, l, m), .wideSum(i, k, n)): h == i && l == k && m == n
            case let (.value(v), .value(w)): v == w
            default: false
            }
        }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
