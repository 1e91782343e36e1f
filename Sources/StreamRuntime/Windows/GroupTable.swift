import QueryPlanner

/// One event's group key as the operators look it up: the values `fields` of row `row` of
/// `rows`, and their hash. Only valid while the rows it points into are.
struct KeyProbe {
    let rows: ValueRows
    let row: Int
    let fields: UnsafeBufferPointer<Int>
    let hash: UInt64

    init(rows: ValueRows, row: Int, fields: UnsafeBufferPointer<Int>, hash: UInt64) {
        self.rows = rows
        self.row = row
        self.fields = fields
        self.hash = hash
    }

    init(rows: ValueRows, row: Int, fields: UnsafeBufferPointer<Int>) {
        self.init(rows: rows, row: row, fields: fields, hash: rows.hash(row, fields: fields))
    }
}

/// The groups of one window (or slice, or session) and their accumulators, in the order the
/// groups first appeared.
///
/// Accumulators are stored flat: group `g`'s aggregate `a` is `accumulators[g * width + a]`.
final class GroupTable {
    /// Aggregates per group.
    let width: Int
    /// Open addressing over group numbers (-1 empty); capacity a power of two, at most half full.
    private var index: [Int32] = Array(repeating: -1, count: 16)
    private var hashes: [UInt64] = []
    /// The hash of group `slot`'s key, as the decoder hashed it.
    func hash(_ slot: Int) -> UInt64 { hashes[slot] }
    /// Each group's key values, a row per group.
    private var keys: ValueColumns
    /// `0..<keys.width`: the fields of a key row, to probe another table with this one's keys.
    private let keyFields: [Int]
    /// The sequence number of the first event of each group, which orders a firing's rows.
    private(set) var firstSeen: [Int64] = []
    var accumulators: [Accumulator] = []
    /// Rows counted into each group; a sliding window's running table drops groups at zero.
    var rowCounts: [Int64] = []

    init(width: Int, keyWidth: Int) {
        self.width = width
        keys = ValueColumns(width: keyWidth)
        keyFields = Array(0..<keyWidth)
    }

    var count: Int { firstSeen.count }
    var isEmpty: Bool { firstSeen.isEmpty }

    /// Writes the key of group `slot` into `row` from `offset` on.
    func writeKey(_ slot: Int, into row: inout [Value], at offset: Int) {
        keys.withRows { rows in
            for k in 0..<rows.width { row[offset + k] = rows.value(slot, k) }
        }
    }

    /// Value `k` of group `slot`'s key.
    func keyValue(_ slot: Int, _ k: Int) -> Value {
        keys.value(slot, k)
    }

    /// The keys' columns, row `slot` the key of that slot.
    func withKeyRows<R>(_ body: (ValueRows) -> R) -> R {
        keys.withRows(body)
    }

    /// The slot of a key, created with fresh accumulators on first sight.
    @inline(__always)
    func slot(for probe: KeyProbe, sequence: Int64, initial: [Accumulator]) -> Int {
        let (found, position) = find(probe)
        if let found { return found }
        return insert(probe, at: position, sequence: sequence, initial: initial)
    }

    /// Adds a key that is not in the table, at `position` of the index (where `find` stopped).
    private func insert(_ probe: KeyProbe, at position: Int, sequence: Int64, initial: [Accumulator]) -> Int {
        let slot = count
        index[position] = Int32(slot)
        hashes.append(probe.hash)
        keys.appendRow(from: probe.rows, probe.row, fields: probe.fields)
        firstSeen.append(sequence)
        accumulators.append(contentsOf: initial)
        rowCounts.append(0)
        if count * 2 > index.count { grow() }
        return slot
    }

    /// Counts an event into its group.
    @inline(__always)
    func add(_ probe: KeyProbe, sequence: Int64, arguments: [Value], updater: AggregateUpdater) {
        add(probe, sequence: sequence, updater: updater) { arguments[$0] }
    }

    /// `add` for aggregates whose arguments are bare columns of the probe's row: aggregate
    /// `a` reads field `argumentSlots[a]` (-1 for `COUNT(*)`, which reads none).
    @inline(__always)
    func add(_ probe: KeyProbe, sequence: Int64, argumentSlots: UnsafeBufferPointer<Int>, updater: AggregateUpdater) {
        add(probe, sequence: sequence, updater: updater) { a in
            let field = argumentSlots[a]
            return field < 0 ? .null : probe.rows.value(probe.row, field)
        }
    }

    /// Counts an event into its group, aggregate `a` adding `argument(a)`.
    @inline(__always)
    private func add(_ probe: KeyProbe, sequence: Int64, updater: AggregateUpdater, argument: (Int) -> Value) {
        let slot = slot(for: probe, sequence: sequence, initial: updater.initial)
        let base = slot * width
        accumulators.withUnsafeMutableBufferPointer { accumulators in
            for a in 0..<width {
                if updater.countsRows[a] {
                    accumulators[base + a].countRow()
                } else {
                    accumulators[base + a].add(argument(a), updater.kinds[a])
                }
            }
        }
        rowCounts[slot] += 1
    }

    /// Counts events `events` of `rows` (key hashes `hashes`, by event) into their groups'
    /// row counts alone, for aggregates that are all `COUNT(*)`: `settleRowCounts` then makes
    /// the accumulators. Only for a table that starts empty and is settled before anyone
    /// reads it. Events are counted in a loop holding the table's storage in locals; a new key
    /// is numbered in the index there and added to the table after the loop (adding moves that
    /// storage), which leaves only when the index must grow.
    func countRows(_ rows: ValueRows, _ events: Range<Int>, fields: UnsafeBufferPointer<Int>, hashes: UnsafeBufferPointer<UInt64>) {
        // Sized for the run's groups up front (a piece's run of a slice has up to a few
        // thousand), so that the index rarely grows.
        let expected = min(events.count, 2048)
        if (count + expected) * 2 > index.count {
            var size = index.count
            while (count + expected) * 2 > size { size *= 2 }
            regrow(size)
        }
        var event = events.lowerBound
        let end = events.upperBound
        // The groups a pass finds new: the event that first had each, and its count. They are
        // numbered on from `count` in the index at once, and added to the table after the
        // pass, which stops only when the index would be more than half full.
        let capacity = events.count
        let creators = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        let newCounts = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
        defer {
            creators.deallocate()
            newCounts.deallocate()
        }
        while event < end {
            let base = count
            let room = min(index.count / 2 - base, capacity)
            var found = 0
            event = keys.withRows { keyRows in
                index.withUnsafeMutableBufferPointer { index in
                    self.hashes.withUnsafeBufferPointer { groupHashes in
                        rowCounts.withUnsafeMutableBufferPointer { counts in
                            let mask = index.count - 1
                            var e = event
                            while e < end {
                                let hash = hashes[e]
                                var i = Int(truncatingIfNeeded: hash) & mask
                                while true {
                                    let group = Int(index[i])
                                    if group < 0 {
                                        guard found < room else { return e }
                                        index[i] = Int32(base + found)
                                        creators[found] = e
                                        newCounts[found] = 1
                                        found += 1
                                        break
                                    }
                                    if group < base {
                                        if groupHashes[group] == hash, rows.equals(e, fields: fields, keyRows, group) {
                                            counts[group] += 1
                                            break
                                        }
                                    } else {
                                        let creator = creators[group - base]
                                        if hashes[creator] == hash, rows.sameKey(e, creator, fields: fields) {
                                            newCounts[group - base] += 1
                                            break
                                        }
                                    }
                                    i = (i + 1) & mask
                                }
                                e += 1
                            }
                            return e
                        }
                    }
                }
            }
            let added = UnsafeBufferPointer(start: creators, count: found)
            self.hashes.append(contentsOf: added.lazy.map { hashes[$0] })
            firstSeen.append(contentsOf: added.lazy.map { Int64($0 + 1) })
            rowCounts.append(contentsOf: UnsafeBufferPointer(start: newCounts, count: found))
            keys.appendRows(from: rows, added, fields: fields)
            if event < end { grow() }
        }
    }

    /// Makes each group's accumulators from its row count (see `countRows`): every
    /// aggregate is `COUNT(*)`.
    func settleRowCounts() {
        let groups = count
        accumulators = Array(unsafeUninitializedCapacity: groups * width) { buffer, initialized in
            for slot in 0..<groups {
                for a in 0..<width { (buffer.baseAddress! + slot * width + a).initialize(to: .count(rowCounts[slot])) }
            }
            initialized = groups * width
        }
    }

    /// The slot of a key, if the table has it.
    func existingSlot(for probe: KeyProbe) -> Int? {
        find(probe).slot
    }

    /// The key's slot, or where in the index it would go.
    @inline(__always)
    private func find(_ probe: KeyProbe) -> (slot: Int?, position: Int) {
        keys.withRows { rows in
            let mask = index.count - 1
            var i = Int(truncatingIfNeeded: probe.hash) & mask
            while true {
                let group = Int(index[i])
                if group < 0 { return (nil, i) }
                if hashes[group] == probe.hash, probe.rows.equals(probe.row, fields: probe.fields, rows, group) { return (group, i) }
                i = (i + 1) & mask
            }
        }
    }

    private func grow() {
        regrow(index.count * 2)
    }

    /// Rebuilds the index with `size` entries (a power of two).
    private func regrow(_ size: Int) {
        index = Array(repeating: -1, count: size)
        let mask = index.count - 1
        for (group, hash) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: hash) & mask
            while index[i] >= 0 { i = (i + 1) & mask }
            index[i] = Int32(group)
        }
    }

    /// A table of the groups `keep` selects, in the same order, without accumulators (for a
    /// table used only to number keys); and each kept group's new slot, by old slot.
    func compacted(keeping keep: (Int) -> Bool) -> (GroupTable, [Int?]) {
        let table = GroupTable(width: 0, keyWidth: keys.width)
        var slots = [Int?](repeating: nil, count: count)
        forEachKey { group, probe in
            if keep(group) { slots[group] = table.slot(for: probe, sequence: firstSeen[group], initial: []) }
        }
        return (table, slots)
    }

    /// Calls `body` with a probe for each group of this table.
    private func forEachKey(_ body: (Int, KeyProbe) -> Void) {
        keys.withRows { rows in
            keyFields.withUnsafeBufferPointer { fields in
                for group in 0..<count { body(group, KeyProbe(rows: rows, row: group, fields: fields, hash: hashes[group])) }
            }
        }
    }

    /// Folds another table's groups into this one.
    func merge(_ other: GroupTable, kinds: [AggregateKind], initial: [Accumulator]) {
        let width = width
        other.forEachKey { index, probe in
            let (found, position) = find(probe)
            let slot: Int
            if let found {
                slot = found
                if other.firstSeen[index] < firstSeen[slot] { firstSeen[slot] = other.firstSeen[index] }
            } else {
                slot = insert(probe, at: position, sequence: other.firstSeen[index], initial: initial)
            }
            if width > 0 {
                other.accumulators.withUnsafeBufferPointer { from in
                    accumulators.withUnsafeMutableBufferPointer { to in
                        for a in 0..<width { to[slot * width + a].merge(from[index * width + a], kinds[a]) }
                    }
                }
            }
            rowCounts[slot] += other.rowCounts[index]
        }
    }

    /// Adds `offset` to every group's `firstSeen`.
    func shiftSequences(by offset: Int64) {
        for i in firstSeen.indices { firstSeen[i] += offset }
    }

    /// Takes another table's groups back out (only for invertible aggregates).
    func subtract(_ other: GroupTable, kinds: [AggregateKind]) {
        other.forEachKey { index, probe in
            guard let slot = existingSlot(for: probe) else { return }
            for a in 0..<width {
                accumulators[slot * width + a].subtract(other.accumulators[index * width + a], kinds[a])
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
