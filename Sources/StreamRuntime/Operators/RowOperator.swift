import QueryPlanner

/// Where an operator's output goes: rows with their kind, the watermark after them, the end.
///
/// Every operator of the graph is one: it receives its input's rows and watermarks, and sends
/// its own to the next. Invariants: a watermark never moves back; once `finish` is called,
/// nothing more arrives (the watermark has gone to +∞ before it).
public protocol RowReceiver: AnyObject {
    func receive(_ row: [Value], _ kind: RowKind)
    /// Every row with an event time at or before `watermark` has arrived (late ones aside).
    func watermark(_ watermark: Int64)
    func finish()
}

/// What an operator counts as it runs, for the closing summary.
public final class OperatorStatistics {
    /// Rows dropped because their time had already passed the watermark, by operator name.
    public private(set) var lateRows: [String: Int] = [:]

    public init() {}

    func late(_ operatorName: String) {
        lateRows[operatorName, default: 0] += 1
    }

    /// The counts a checkpoint recorded (after its replay counted some again).
    public func restore(_ counts: [String: Int]) {
        lateRows = counts
    }
}

/// Rows compared by a list of sort keys, NULL first (Flink sorts NULL as the smallest value).
struct RowOrder {
    let keys: [SortKey]

    /// Negative, zero or positive as `a` sorts before, with, or after `b`.
    func compare(_ a: [Value], _ b: [Value]) -> Int {
        for key in keys {
            let x = a[key.slot], y = b[key.slot]
            var order: Int
            if case .int(let i) = x, case .int(let j) = y {
                // The common case (a count, a sum of integers), without the general comparison.
                order = i < j ? -1 : (i == j ? 0 : 1)
                if order != 0 { return key.descending ? -order : order }
                continue
            }
            switch (x.isNull, y.isNull) {
            case (true, true): order = 0
            case (true, false): order = (key.nullsFirst ?? !key.descending) ? -1 : 1
            case (false, true): order = (key.nullsFirst ?? !key.descending) ? 1 : -1
            default: order = Evaluator.compare(x, y) ?? 0; if key.descending { order = -order }
            }
            if order != 0 { return order }
        }
        return 0
    }
}

extension Array where Element == Value {
    /// The values at `slots`, as a key.
    func key(_ slots: [Int]) -> [Value] { slots.map { self[$0] } }

    /// A join's key: numbers in one form whatever their type, so that 1, 1.00 and 1.0 match
    /// as Flink matches them after casting both sides to their common type.
    func joinKey(_ slots: [Int]) -> [Value] { slots.map { self[$0].numericKey } }

    func time(_ slot: Int) -> Int64? {
        if case .timestamp(let t) = self[slot] { return t }
        return nil
    }
}

/// An operator with two inputs (the joins), fed through a `JoinPort` for each side.
protocol TwoInputOperator: AnyObject {
    func receive(_ row: [Value], isLeft: Bool)
    func watermark(_ watermark: Int64, isLeft: Bool)
    func finish(isLeft: Bool)
}

/// One side of a two-input operator, as a `RowReceiver`; only accumulate rows pass (joins
/// take append-only inputs).
final class JoinPort<Join: TwoInputOperator>: RowReceiver {
    let join: Join
    let isLeft: Bool
    init(join: Join, isLeft: Bool) {
        self.join = join
        self.isLeft = isLeft
    }
    func receive(_ row: [Value], _ kind: RowKind) {
        if kind.isAccumulate { join.receive(row, isLeft: isLeft) }
    }
    func watermark(_ watermark: Int64) { join.watermark(watermark, isLeft: isLeft) }
    func finish() { join.finish(isLeft: isLeft) }
}

/// A row's key as a `Dictionary` or `Set` key, hashed once with `DistinctValues.hash`: the
/// table then hashes one word instead of every value (a `[Value]` key SipHashes each value's
/// bytes at every lookup), and a key of one column is held without an array. Invariant: equal
/// values have equal `hash` (`DistinctValues.hash` is a function of what `Value.==` compares).
struct RowKey: Hashable {
    /// A key of one column is `single`; any other is `many` (`single` is then NULL).
    private let single: Value
    private let many: [Value]?
    let hash: UInt64

    private init(single: Value, many: [Value]?, hash: UInt64) {
        self.single = single
        self.many = many
        self.hash = hash
    }

    init(_ values: [Value]) {
        self.init(single: values.count == 1 ? values[0] : .null, many: values.count == 1 ? nil : values,
                  hash: KeyNumbering.hash(values))
    }

    /// The values at `slots` of `row`.
    init(_ row: [Value], _ slots: [Int]) {
        guard slots.count == 1 else {
            self.init(row.key(slots))
            return
        }
        let value = row[slots[0]]
        // KeyNumbering.hash([value]), without the array.
        self.init(single: value, many: nil, hash: mix(0x9E37_79B9_7F4A_7C15 ^ DistinctValues.hash(value)))
    }

    var values: [Value] { many ?? [single] }

    static func == (a: RowKey, b: RowKey) -> Bool { a.hash == b.hash && a.single == b.single && a.many == b.many }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// A set of `RowKey`s, open addressing on their own hashes: a lookup compares a word or two
/// where a `Set` runs its hasher again (most of a deduplication's per-row cost was `Set.contains`).
/// Invariant: `slots` is a power of two, at most half full; linear probing, and a removal
/// shifts the following entries of its run back (no tombstones).
struct RowKeySet {
    private var slots = [RowKey?](repeating: nil, count: 16)
    private(set) var count = 0

    private func find(_ key: RowKey) -> (index: Int, found: Bool) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key.hash) & mask
        while let present = slots[i] {
            if present == key { return (i, true) }
            i = (i + 1) & mask
        }
        return (i, false)
    }

    func contains(_ key: RowKey) -> Bool { find(key).found }

    mutating func insert(_ key: RowKey) {
        let (index, found) = find(key)
        guard !found else { return }
        slots[index] = key
        count += 1
        if count * 2 > slots.count {
            let old = slots
            slots = [RowKey?](repeating: nil, count: old.count * 2)
            for case let entry? in old { slots[find(entry).index] = entry }
        }
    }

    mutating func remove(_ key: RowKey) {
        let (found, present) = find(key)
        guard present else { return }
        let mask = slots.count - 1
        var hole = found, i = found
        slots[hole] = nil
        count -= 1
        while true {
            i = (i + 1) & mask
            guard let entry = slots[i] else { return }
            // The entry moves into the hole unless its home lies cyclically in (hole, i].
            let home = Int(truncatingIfNeeded: entry.hash) & mask
            let stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i)
            if !stays {
                slots[hole] = entry
                slots[i] = nil
                hole = i
            }
        }
    }
}

/// A number for each distinct key, in order of first sight: state indexed by number moves
/// plain integers (heaps of timers) where keys would be hashed, retained and released.
struct KeyNumbering {
    private(set) var keys: [[Value]] = []
    private var hashes: [UInt64] = []
    /// Open addressing over key numbers (-1 empty); a power of two, at most half full. Keys
    /// hash with `DistinctValues.hash` (a `Dictionary` would SipHash every row's key).
    private var index = [Int32](repeating: -1, count: 16)

    static func hash(_ key: [Value]) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for value in key { h = mix(h ^ DistinctValues.hash(value)) }
        return h
    }

    /// The number of the key at `slots` of `row`, and whether it is new; the key's array is
    /// made only when it is new.
    mutating func number(_ row: [Value], slots: [Int]) -> (number: Int, isNew: Bool) {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
        for slot in slots { hash = mix(hash ^ DistinctValues.hash(row[slot])) }
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = Int(index[i])
            if number < 0 { break }
            if hashes[number] == hash, keys[number].count == slots.count,
               slots.indices.allSatisfy({ keys[number][$0] == row[slots[$0]] }) { return (number, false) }
            i = (i + 1) & mask
        }
        return number(row.key(slots))
    }

    /// The key's number, and whether it is new.
    mutating func number(_ key: [Value]) -> (number: Int, isNew: Bool) {
        let hash = Self.hash(key)
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = Int(index[i])
            if number < 0 { break }
            if hashes[number] == hash, keys[number] == key { return (number, false) }
            i = (i + 1) & mask
        }
        index[i] = Int32(keys.count)
        keys.append(key)
        hashes.append(hash)
        if keys.count * 2 > index.count {
            index = [Int32](repeating: -1, count: index.count * 2)
            let mask = index.count - 1
            for (number, hash) in hashes.enumerated() {
                var i = Int(truncatingIfNeeded: hash) & mask
                while index[i] >= 0 { i = (i + 1) & mask }
                index[i] = Int32(number)
            }
        }
        return (keys.count - 1, true)
    }
}

extension Value {
    /// The number in one form: a whole number as `.int`, a decimal with its trailing zeros
    /// dropped, so that equal numbers of different types are equal keys.
    var numericKey: Value {
        switch self {
        case var .decimal(unscaled, scale):
            while scale > 0, unscaled % 10 == 0 {
                unscaled /= 10
                scale -= 1
            }
            return scale == 0 ? .int(unscaled) : .decimal(unscaled, scale: scale)
        case let .wideDecimal(w):
            var unscaled = w.unscaled, scale = Int(w.scale)
            while scale > 0, unscaled % 10 == 0 {
                unscaled /= 10
                scale -= 1
            }
            let narrowed = Value.decimal(unscaled, scale: scale)
            if scale == 0, case let .decimal(v, _) = narrowed { return .int(v) }
            return narrowed
        case .double(let d):
            if d.rounded() == d, abs(d) < 9.0e15 { return .int(Int64(d)) }
            // A double with a short decimal form matches the decimal that prints the same.
            var unscaled = d, scale: Int8 = 0
            while scale < 18, unscaled.rounded() != unscaled { unscaled *= 10; scale += 1 }
            if abs(unscaled) < 9.0e15 { return Value.decimal(Int64(unscaled), scale: scale).numericKey }
            return self
        default:
            return self
        }
    }
}

/// A join's condition over a pair of rows (`fields[i]` of the plan read from slot `slots[i]`
/// of the left row followed by the right row); nil holds for every pair.
struct PairCondition {
    private let filter: BoundExpression?
    private let slots: [Int]
    private let leftWidth: Int
    /// Refilled for each pair it is asked about.
    private var fields: [Value]

    init(_ plan: QueryPlan?, slots: [Int], leftWidth: Int) {
        filter = plan?.filter
        self.slots = slots
        self.leftWidth = leftWidth
        fields = Array(repeating: .null, count: slots.count)
    }

    mutating func holds(_ left: [Value], _ right: [Value]) -> Bool {
        guard let filter else { return true }
        for (i, slot) in slots.enumerated() { fields[i] = slot < leftWidth ? left[slot] : right[slot - leftWidth] }
        return Evaluator.holds(filter, fields)
    }
}
