import QueryPlanner

/// The distinct values of a `DISTINCT` aggregate for one group: a small open-addressing set
/// with a cheap hash. `Set<Value>` hashes with SipHash, which cost most of a
/// `COUNT(DISTINCT …)` query; a group's set is usually small, so up to eight values are
/// found by scanning their hashes and only larger sets build an index.
struct DistinctValues: Sendable {
    /// The values in the order they were first added, each with its hash: one allocation for
    /// both, since most groups hold only a few values.
    private var entries: [(hash: UInt64, value: Value)] = []
    /// Open addressing over `entries` (-1 empty), once there are more than `scanLimit`.
    private var index: [Int32] = []

    private static let scanLimit = 8

    var count: Int { entries.count }

    /// The values in the order they were first added.
    var values: [Value] { entries.map(\.value) }

    /// Where the values are stored: the same before and after an insert that needed no more
    /// capacity, unless the insert copied them (tests check merges never do).
    var storageAddress: UnsafeRawPointer? { entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }

    /// Adds a value; returns whether it was new.
    @discardableResult
    mutating func insert(_ value: Value) -> Bool {
        let hash = Self.hash(value)
        if index.isEmpty {
            for entry in entries where entry.hash == hash && entry.value == value { return false }
            if entries.isEmpty { entries.reserveCapacity(4) }
            entries.append((hash, value))
            if entries.count > Self.scanLimit { rebuildIndex(capacity: 32) }
            return true
        }
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = Int(index[i])
            if slot < 0 { break }
            if entries[slot].hash == hash, entries[slot].value == value { return false }
            i = (i + 1) & mask
        }
        index[i] = Int32(entries.count)
        entries.append((hash, value))
        if entries.count * 2 > index.count { rebuildIndex(capacity: index.count * 2) }
        return true
    }

    mutating func formUnion(_ other: DistinctValues) {
        for entry in other.entries { insert(entry.value) }
    }

    private mutating func rebuildIndex(capacity: Int) {
        index = Array(repeating: -1, count: capacity)
        let mask = capacity - 1
        for (slot, entry) in entries.enumerated() {
            let hash = entry.hash
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
