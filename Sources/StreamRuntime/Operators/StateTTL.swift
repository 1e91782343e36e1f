import QueryPlanner

/// `table.exec.state.ttl` for an operator's per-key state, as Flink's (processing time, the
/// clock restarted by every write to a key): a key untouched that long is forgotten without
/// a word, and its next row starts afresh. Swept every 4,096 touches, so state stays bounded
/// by the keys active within the TTL.
public struct StateTTL {
    public let ttl: Int64
    /// The processing-time clock, in milliseconds (tests give their own).
    public var clock: () -> Int64
    private var touched: [[Value]: Int64] = [:]
    private var touches = 0

    public init(ttl: Int64, clock: (() -> Int64)? = nil) {
        self.ttl = ttl
        self.clock = clock ?? { Int64(ContinuousClock.now.elapsedMilliseconds) }
    }

    /// Whether `key`'s state has expired (then it is forgotten here; the caller drops its own).
    public mutating func expired(_ key: [Value]) -> Bool {
        guard let last = touched[key] else { return false }
        if clock() - last > ttl {
            touched[key] = nil
            return true
        }
        return false
    }

    /// Records a write to `key`; returns the keys that expired in a sweep, for the caller to drop.
    public mutating func touch(_ key: [Value]) -> [[Value]] {
        let now = clock()
        touched[key] = now
        touches += 1
        guard touches >= 4096 else { return [] }
        touches = 0
        let stale = touched.filter { now - $0.value > ttl }.map(\.key)
        for key in stale { touched[key] = nil }
        return stale
    }
}
