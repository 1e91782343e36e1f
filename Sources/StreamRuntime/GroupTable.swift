import QueryPlanner

/// The values of a row's group keys.
enum GroupKey: Hashable, Sendable {
    case none
    case one(Value)
    case many([Value])

    /// A cheap hash (FNV-1a over strings, a multiply-mix over integers); `Hasher`'s SipHash
    /// cost a tenth of the seed query's time.
    @inline(__always)
    var fastHash: UInt64 {
        switch self {
        case .none: return 0
        case .one(let v): return v.fastHash
        case .many(let vs):
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for v in vs { h = (h ^ v.fastHash) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    var values: [Value] {
        switch self {
        case .none: []
        case .one(let v): [v]
        case .many(let vs): vs
        }
    }
}

extension Value {
    @inline(__always)
    var fastHash: UInt64 {
        switch self {
        case .string(var s):
            return s.withUTF8 { bytes in
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
                return h ^ (h >> 29)
            }
        case .int(let v), .timestamp(let v):
            let x = UInt64(bitPattern: v) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 31)
        case .null:
            return 0x5BD1_E995
        default:
            return UInt64(bitPattern: Int64(hashValue))
        }
    }
}

/// The groups of one window (or slice, or session) and their accumulators, in the order the
/// groups first appeared.
///
/// Accumulators are stored flat: group `g`'s aggregate `a` is `accumulators[g * width + a]`.
final class GroupTable {
    let width: Int
    /// Open addressing over group numbers (-1 empty); capacity a power of two, at most half full.
    private var index: [Int32] = Array(repeating: -1, count: 16)
    private var hashes: [UInt64] = []
    private(set) var keys: [GroupKey] = []
    /// The sequence number of the first event of each group, which orders a firing's rows.
    private(set) var firstSeen: [Int64] = []
    var accumulators: [Accumulator] = []
    /// Rows counted into each group; a sliding window's running table drops groups at zero.
    var rowCounts: [Int64] = []

    init(width: Int) {
        self.width = width
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The slot of a key, created with fresh accumulators on first sight.
    @inline(__always)
    func slot(for key: GroupKey, sequence: Int64, initial: [Accumulator]) -> Int {
        let hash = key.fastHash
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let group = Int(index[i])
            if group < 0 { break }
            if hashes[group] == hash, keys[group] == key { return group }
            i = (i + 1) & mask
        }
        let slot = keys.count
        index[i] = Int32(slot)
        hashes.append(hash)
        keys.append(key)
        firstSeen.append(sequence)
        accumulators.append(contentsOf: initial)
        rowCounts.append(0)
        if keys.count * 2 > index.count { grow() }
        return slot
    }

    /// The slot of a key, if the table has it.
    func existingSlot(for key: GroupKey) -> Int? {
        let hash = key.fastHash
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let group = Int(index[i])
            if group < 0 { return nil }
            if hashes[group] == hash, keys[group] == key { return group }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        index = Array(repeating: -1, count: index.count * 2)
        let mask = index.count - 1
        for (group, hash) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: hash) & mask
            while index[i] >= 0 { i = (i + 1) & mask }
            index[i] = Int32(group)
        }
    }

    /// Folds another table's groups into this one.
    func merge(_ other: GroupTable, kinds: [AggregateKind], initial: [Accumulator]) {
        for index in 0..<other.count {
            let key = other.keys[index]
            let slot: Int
            if let existing = existingSlot(for: key) {
                slot = existing
                if other.firstSeen[index] < firstSeen[slot] { firstSeen[slot] = other.firstSeen[index] }
            } else {
                slot = self.slot(for: key, sequence: other.firstSeen[index], initial: initial)
            }
            for a in 0..<width {
                accumulators[slot * width + a].merge(other.accumulators[index * width + a], kinds[a])
            }
            rowCounts[slot] += other.rowCounts[index]
        }
    }

    /// Takes another table's groups back out (only for invertible aggregates).
    func subtract(_ other: GroupTable, kinds: [AggregateKind]) {
        for index in 0..<other.count {
            guard let slot = existingSlot(for: other.keys[index]) else { continue }
            for a in 0..<width {
                accumulators[slot * width + a].subtract(other.accumulators[index * width + a])
            }
            rowCounts[slot] -= other.rowCounts[index]
        }
    }

    /// Groups holding at least one row.
    var liveCount: Int { rowCounts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Group slots in the order their groups first appeared.
    func slotsInArrivalOrder() -> [Int] {
        var order = Array(0..<count)
        // Groups are appended on first sight, so a table fed directly is already in order;
        // merged tables need the sort.
        if !zip(firstSeen, firstSeen.dropFirst()).allSatisfy({ $0 < $1 }) {
            order.sort { firstSeen[$0] < firstSeen[$1] }
        }
        return order
    }
}
