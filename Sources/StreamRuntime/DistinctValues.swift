import QueryPlanner

/// The distinct values of a `DISTINCT` aggregate for one group: a small open-addressing set
/// with a cheap hash. `Set<Value>` hashes with SipHash, which cost most of a
/// `COUNT(DISTINCT …)` query; a group's set is usually small, so up to eight values are
/// found by scanning their hashes and only larger sets build an index.
struct DistinctValues: Sendable {
    /// The values in the order they were first added.
    private(set) var values: [Value] = []
    private var hashes: [UInt64] = []
    /// Open addressing over `values` (-1 empty), once there are more than `scanLimit`.
    private var index: [Int32] = []

    private static let scanLimit = 8

    var count: Int { values.count }

    /// Adds a value; returns whether it was new.
    @discardableResult
    mutating func insert(_ value: Value) -> Bool {
        let hash = Self.hash(value)
        if index.isEmpty {
            for i in hashes.indices where hashes[i] == hash && values[i] == value { return false }
            append(value, hash)
            if values.count > Self.scanLimit { rebuildIndex(capacity: 32) }
            return true
        }
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = Int(index[i])
            if slot < 0 { break }
            if hashes[slot] == hash, values[slot] == value { return false }
            i = (i + 1) & mask
        }
        index[i] = Int32(values.count)
        append(value, hash)
        if values.count * 2 > index.count { rebuildIndex(capacity: index.count * 2) }
        return true
    }

    mutating func formUnion(_ other: DistinctValues) {
        for value in other.values { insert(value) }
    }

    private mutating func append(_ value: Value, _ hash: UInt64) {
        values.append(value)
        hashes.append(hash)
    }

    private mutating func rebuildIndex(capacity: Int) {
        index = Array(repeating: -1, count: capacity)
        let mask = capacity - 1
        for (slot, hash) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: hash) & mask
            while index[i] >= 0 { i = (i + 1) & mask }
            index[i] = Int32(slot)
        }
    }

    /// Equal values hash alike (`Value`'s `==`: `0.0 == -0.0`, integers and doubles differ).
    static func hash(_ value: Value) -> UInt64 {
        switch value {
        case .null: return 1
        case .bool(let b): return b ? 2 : 3
        case .int(let v): return mix(UInt64(bitPattern: v))
        case .double(let d): return mix(UInt64(bitPattern: ValueColumns.canonicalBits(d)) ^ 0x5555)
        case let .decimal(v, scale): return mix(UInt64(bitPattern: v) ^ UInt64(UInt8(bitPattern: scale)) << 56 ^ 0xDEC)
        case .string(var s): return s.withUTF8 { hashBytes($0) }
        case .timestamp(let v): return mix(UInt64(bitPattern: v) ^ 0x7155)
        case .interval(let v): return mix(UInt64(bitPattern: v) ^ 0x1A7)
        }
    }
}
