import QueryPlanner

/// The values of a row's group keys.
enum GroupKey: Hashable, Sendable {
    case none
    case one(Value)
    case many([Value])

    var values: [Value] {
        switch self {
        case .none: []
        case .one(let v): [v]
        case .many(let vs): vs
        }
    }
}

/// The groups of one window (or slice, or session) and their accumulators, in the order the
/// groups first appeared.
///
/// Accumulators are stored flat: group `g`'s aggregate `a` is `accumulators[g * width + a]`.
final class GroupTable {
    let width: Int
    private(set) var slots: [GroupKey: Int] = [:]
    private(set) var keys: [GroupKey] = []
    /// The sequence number of the first event of each group, which orders a firing's rows.
    private(set) var firstSeen: [Int64] = []
    var accumulators: [Accumulator] = []

    init(width: Int) {
        self.width = width
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// The slot of a key, created with fresh accumulators on first sight.
    @inline(__always)
    func slot(for key: GroupKey, sequence: Int64, initial: [Accumulator]) -> Int {
        if let slot = slots[key] { return slot }
        let slot = keys.count
        slots[key] = slot
        keys.append(key)
        firstSeen.append(sequence)
        accumulators.append(contentsOf: initial)
        return slot
    }

    /// Folds another table's groups into this one.
    func merge(_ other: GroupTable, kinds: [AggregateKind], initial: [Accumulator]) {
        for index in 0..<other.count {
            let key = other.keys[index]
            let slot: Int
            if let existing = slots[key] {
                slot = existing
                if other.firstSeen[index] < firstSeen[slot] { firstSeen[slot] = other.firstSeen[index] }
            } else {
                slot = self.slot(for: key, sequence: other.firstSeen[index], initial: initial)
            }
            for a in 0..<width {
                accumulators[slot * width + a].merge(other.accumulators[index * width + a], kinds[a])
            }
        }
    }

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
