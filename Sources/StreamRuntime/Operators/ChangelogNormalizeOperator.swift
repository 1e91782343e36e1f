import QueryPlanner

/// Applies each change of a change-data-capture table against the last row of its primary key
/// (Flink's ChangelogNormalize, used with `table.exec.source.cdc-events-duplicate`):
/// - an insert or update-after of a key with no row is `+I`; of a key whose row is the same
///   it is nothing (a duplicate); otherwise `-U` the old row, `+U` the new one;
/// - an update-before is dropped first (Flink's DropUpdateBefore: the update-after that
///   follows carries the change, so a duplicated update changes nothing);
/// - a delete of a key with a row is `-D` of that row (the stored, full one); of a key with
///   none, nothing.
/// With the query's filter pushed in, a row that fails it counts as no row for what is
/// written (a change into it is `+I`, out of it `-D`), while the state keeps it.
///
/// State: the last row of each primary key.
public final class ChangelogNormalizeOperator: RowReceiver {
    private let keys: [Int]
    private let output: RowReceiver
    private var rows: [RowKey: [Value]] = [:]
    private let filter: BoundExpression?
    /// For each field the filter reads, the input column holding it.
    private let fieldColumns: [Int]
    private var fields: [Value]
    /// `table.exec.state.ttl`: a key's row forgotten after this long untouched.
    public var stateTTL: StateTTL?

    public init(spec: NormalizeSpec, inputColumns: [Column], output: RowReceiver) {
        keys = spec.keys
        self.output = output
        filter = spec.filter?.filter
        fieldColumns = (spec.filter?.fields ?? []).map { field in
            inputColumns.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0
        }
        fields = Array(repeating: .null, count: fieldColumns.count)
    }

    private func passes(_ row: [Value]) -> Bool {
        guard let filter else { return true }
        for (i, column) in fieldColumns.enumerated() { fields[i] = row[column] }
        return Evaluator.holds(filter, fields)
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        if kind == .updateBefore { return }
        let key = RowKey(row, keys)
        if var ttl = stateTTL {
            if ttl.expired(key.values) { rows[key] = nil }
            for stale in ttl.touch(key.values) where stale != key.values { rows[RowKey(stale)] = nil }
            stateTTL = ttl
        }
        if kind.isAccumulate {
            let previous = rows[key]
            if let previous, previous == row { return }
            rows[key] = row
            let was = previous.map(passes) ?? false, now = passes(row)
            switch (was, now) {
            case (true, true):
                output.receive(previous!, .updateBefore)
                output.receive(row, .updateAfter)
            case (true, false): output.receive(previous!, .delete)
            case (false, true): output.receive(row, .insert)
            case (false, false): break
            }
        } else if let previous = rows.removeValue(forKey: key), passes(previous) {
            output.receive(previous, .delete)
        }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
