import QueryPlanner

/// Applies each change of a change-data-capture table against the last row of its primary key
/// (Flink's ChangelogNormalize, used with `table.exec.source.cdc-events-duplicate`):
/// - an insert or update-after of a key with no row is `+I`; of a key whose row is the same
///   it is nothing (a duplicate); otherwise `-U` the old row, `+U` the new one;
/// - an update-before is dropped first (Flink's DropUpdateBefore: the update-after that
///   follows carries the change, so a duplicated update changes nothing);
/// - a delete of a key with a row is `-D` of that row (the stored, full one); of a key with
///   none, nothing.
///
/// State: the last row of each primary key.
public final class ChangelogNormalizeOperator: RowReceiver {
    private let keys: [Int]
    private let output: RowReceiver
    private var rows: [[Value]: [Value]] = [:]
    /// `table.exec.state.ttl`: a key's row forgotten after this long untouched.
    public var stateTTL: StateTTL?

    public init(keys: [Int], output: RowReceiver) {
        self.keys = keys
        self.output = output
    }

    public func receive(_ row: [Value], _ kind: RowKind) {
        if kind == .updateBefore { return }
        let key = row.key(keys)
        if var ttl = stateTTL {
            if ttl.expired(key) { rows[key] = nil }
            for stale in ttl.touch(key) where stale != key { rows[stale] = nil }
            stateTTL = ttl
        }
        if kind.isAccumulate {
            if let previous = rows[key] {
                guard previous != row else { return }
                output.receive(previous, .updateBefore)
                output.receive(row, .updateAfter)
            } else {
                output.receive(row, .insert)
            }
            rows[key] = row
        } else if let previous = rows.removeValue(forKey: key) {
            output.receive(previous, .delete)
        }
    }

    public func watermark(_ watermark: Int64) { output.watermark(watermark) }
    public func finish() { output.finish() }
}
