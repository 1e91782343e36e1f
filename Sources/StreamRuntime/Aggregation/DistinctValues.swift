import QueryPlanner

/// The distinct values of a `DISTINCT` aggregate for one group: a small open-addressing set
/// with a cheap hash, or a bitmap for small non-negative integers. `Set<Value>` hashes with
/// SipHash, which cost most of a `COUNT(DISTINCT …)` query; a group's set is usually small, so
/// up to eight values are found by scanning their hashes and only larger sets build an index.
///
/// Ids (`COUNT(DISTINCT user_id)`) are the common case. A set of only integers keeps them as
/// plain `Int64`s (no `Value` to compare, copy or destroy one by one: the decoding threads build
/// and drop a set per group and piece), and a set of only non-negative integers
/// that is dense enough becomes a bitmap, as a Roaring bitmap's container does. Adding to it
/// sets a bit, and merging two (the decoding threads' partial sets into the main thread's) ORs
/// their words, where the hashed form inserts every value again. Invariant: a bitmap never
/// takes more than `bitsPerValue` bits a value, about what the hashed form costs, so memory is
/// bounded by the number of values in either form.
struct DistinctValues: Sendable {
    /// The values in the order they were first added, each with its hash: one allocation for
    /// both, since most groups hold only a few values. Empty while the set is a bitmap.
    /// Empty while the set is a bitmap or holds only integers.
    private var entries: [(hash: UInt64, value: Value)] = []
    /// The values, in the order they were first added, while every one is an integer (and the
    /// set is no bitmap); then `entries` is empty.
    private var ints: [Int64] = []
    /// Open addressing over `entries` or `ints` (-1 empty), once there are more than `scanLimit`.
    private var index: [Int32] = []
    /// Empty unless the set is a bitmap: then the number of bits set, then the words, bit `v`
    /// of them set for each value `.int(v)` held. (The count rides in the array so that an
    /// accumulator holding a set stays as small as before the bitmap: every aggregate's
    /// state is copied by the size of the largest.)
    private var bits: [UInt64] = []

    /// Of a window's values, how many an earlier flush of Flink's local aggregation handed to
    /// the global one (0: none; see `FlinkLocalFlush`), and which of those (the first 16) came
    /// again after that flush, into the next flush's map. Set only for a window's
    /// `LISTAGG(DISTINCT …)`, whose order depends on them; the set stays 37 bytes, so an
    /// accumulator holding it is no larger. In a settled set (`inFlinkOrder`), `flushedCount`
    /// counts the values in their final order; those after came late, since the last flush.
    private(set) var flushedCount: UInt16 = 0
    private(set) var flushedSeenAgain: UInt16 = 0
    /// The values are already in the order Flink's aggregate took them (a CUMULATE window's
    /// state, merged slice by slice): read as they stand.
    private var inFlinkOrder = false

    /// Flink's local aggregation flushed: the values held so far went on in that flush's map.
    /// (Only the first flush is told apart: later ones are taken as one, exact while a window's
    /// rows span at most two flushes, as with a watermark delay below the window size.) A
    /// settled set's late values went on in that flush's map, merged into the state by
    /// walking it: they take its order.
    /// `periodState`: the set is a CUMULATE period's state, whose values are settled; one a
    /// late row began holds only that flush's values, ordered so.
    mutating func markFlushed(separator: String?, periodState: Bool = false) {
        if periodState, !inFlinkOrder {
            settle(in: FlinkHashMapOrder.ordered(values, with: separator))
            return
        }
        if inFlinkOrder {
            let settled = Int(flushedCount)
            guard count > settled, count <= Int(UInt16.max) else { return }
            let values = values
            settle(in: Array(values[..<settled]) + FlinkHashMapOrder.ordered(Array(values[settled...]), with: separator))
        } else if flushedCount == 0, count <= Int(UInt16.max) {
            // (A set past 65,535 values is left as one flush.)
            flushedCount = UInt16(count)
        }
    }

    /// After an insert of `value` that found it held: notes a value of the first flush seen again.
    mutating func noteAgain(_ value: Value) {
        guard !inFlinkOrder else { return }
        for i in 0..<min(Int(flushedCount), 16, entries.count) where entries[i].value == value {
            flushedSeenAgain |= 1 << UInt16(i)
            return
        }
    }

    /// A `LISTAGG(DISTINCT …)`'s values in the order Flink's two-phase window aggregation feeds
    /// them: each local flush's new values in the iteration order of that flush's map
    /// (`separator`: the map is keyed by the row of value and separator).
    func flinkListaggOrder(separator: String?) -> [Value] {
        if inFlinkOrder { return values }
        return FlinkHashMapOrder.flushOrdered(values, flushed: Int(flushedCount), seenAgain: flushedSeenAgain.nonzeroBitCount, with: separator)
    }

    /// Holds this set's own values in `order` from now on, as read (`flinkListaggOrder`).
    mutating func settle(in order: [Value]) {
        var settled = DistinctValues()
        for value in order { settled.insert(value) }
        settled.inFlinkOrder = true
        settled.flushedCount = UInt16(clamping: settled.count)
        self = settled
    }

    private var bitCount: Int {
        get { bits.isEmpty ? 0 : Int(bits[0]) }
        set { bits[0] = UInt64(newValue) }
    }

    private static let scanLimit = 8
    /// The most bits a bitmap may take per value it holds (an entry and its index slots take
    /// about 256 bits in the hashed form).
    private static let bitsPerValue = 256
    /// Values at or above this are never held in a bitmap (2 MB at most).
    private static let bitmapLimit: Int64 = 1 << 24

    var count: Int { bits.isEmpty ? entries.count + ints.count : bitCount }

    /// The values: in the order they were first added, or ascending for a bitmap.
    var values: [Value] {
        if !ints.isEmpty { return ints.map { .int($0) } }
        guard !bits.isEmpty else { return entries.map(\.value) }
        var out: [Value] = []
        out.reserveCapacity(bitCount)
        forEachBit { out.append(.int($0)) }
        return out
    }

    /// Where the values are stored: the same before and after an insert that needed no more
    /// capacity, unless the insert copied them (tests check merges never do).
    var storageAddress: UnsafeRawPointer? {
        if !bits.isEmpty { return bits.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        if !ints.isEmpty { return ints.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        return entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// Adds a value; returns whether it was new.
    @discardableResult
    mutating func insert(_ value: Value) -> Bool {
        if !bits.isEmpty {
            if case .int(let v) = value, let inserted = insertBit(v) { return inserted }
            leaveBitmap()
        }
        if entries.isEmpty, case .int(let v) = value { return insertInt(v) }
        if !ints.isEmpty { leaveInts() }
        return insert(value, hash: Self.hash(value))
    }

    /// Adds an integer to a set of only integers (or an empty one).
    private mutating func insertInt(_ v: Int64) -> Bool {
        if index.isEmpty {
            if ints.contains(v) { return false }
            if ints.isEmpty { ints.reserveCapacity(4) }
            ints.append(v)
            if ints.count > Self.scanLimit, !becomeBitmap() { rebuildIndex(capacity: 32) }
            return true
        }
        let mask = index.count - 1
        var i = Int(truncatingIfNeeded: mix(UInt64(bitPattern: v))) & mask
        while true {
            let slot = Int(index[i])
            if slot < 0 { break }
            if ints[slot] == v { return false }
            i = (i + 1) & mask
        }
        index[i] = Int32(ints.count)
        ints.append(v)
        if ints.count * 2 > index.count, !becomeBitmap() { rebuildIndex(capacity: index.count * 2) }
        return true
    }

    /// To the general form, for a value that is no integer.
    private mutating func leaveInts() {
        entries = ints.map { (Self.hash(.int($0)), .int($0)) }
        ints = []
    }

    private mutating func insert(_ value: Value, hash: UInt64) -> Bool {
        if index.isEmpty {
            for entry in entries where entry.hash == hash && entry.value == value { return false }
            if entries.isEmpty { entries.reserveCapacity(4) }
            entries.append((hash, value))
            if entries.count > Self.scanLimit, !becomeBitmap() { rebuildIndex(capacity: 32) }
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
        if entries.count * 2 > index.count, !becomeBitmap() { rebuildIndex(capacity: index.count * 2) }
        return true
    }

    mutating func formUnion(_ other: DistinctValues) {
        // A settled set merged into an empty or settled one: the union is settled (its values
        // appended in their order).
        let settles = other.inFlinkOrder && (count == 0 || inFlinkOrder)
        defer {
            if settles {
                inFlinkOrder = true
                flushedCount = UInt16(clamping: count)
            }
        }
        if !other.bits.isEmpty {
            if bits.isEmpty {
                guard count <= Self.scanLimit else {
                    other.forEachBit { insert(.int($0)) }
                    return
                }
                // Take the other's bitmap and add this set's few values to it.
                let mine = values
                self = other
                for value in mine { insert(value) }
                return
            }
            // The union holds at least as many values as `other`, so its size is allowed.
            if other.bits.count > bits.count { bits.append(contentsOf: repeatElement(0, count: other.bits.count - bits.count)) }
            var added = 0
            bits.withUnsafeMutableBufferPointer { mine in
                other.bits.withUnsafeBufferPointer { theirs in
                    for w in theirs.indices.dropFirst() where theirs[w] & ~mine[w] != 0 {
                        added += (theirs[w] & ~mine[w]).nonzeroBitCount
                        mine[w] |= theirs[w]
                    }
                }
            }
            bitCount += added
            return
        }
        if bits.isEmpty || !setBits(other.ints) {
            for v in other.ints { insert(.int(v)) }
        }
        for entry in other.entries {
            if bits.isEmpty, ints.isEmpty {
                _ = insert(entry.value, hash: entry.hash)
            } else {
                insert(entry.value)
            }
        }
    }

    // MARK: - The bitmap

    /// Sets bit `v`: whether it was new, or nil when the bitmap cannot hold `v`.
    private mutating func insertBit(_ v: Int64) -> Bool? {
        guard v >= 0, v < Self.bitmapLimit else { return nil }
        let word = Int(v >> 6) + 1  // after the count
        if word >= bits.count {
            let allowed = Self.bitsPerValue * (bitCount + 1) / 64 + 1
            guard word < allowed else { return nil }
            bits.append(contentsOf: repeatElement(0, count: min(max(word + 1, bits.count * 2), allowed) - bits.count))
        }
        let mask: UInt64 = 1 << UInt64(v & 63)
        if bits[word] & mask != 0 { return false }
        bits[word] |= mask
        bitCount += 1
        return true
    }

    /// Sets the bits of `values` when the bitmap already has their words (a merge into a
    /// bitmap that covers the ids seen so far); false, and nothing changed, otherwise.
    private mutating func setBits(_ values: [Int64]) -> Bool {
        let words = bits.count
        for v in values {
            guard v >= 0, Int(v >> 6) + 1 < words else { return false }
        }
        var added = 0
        bits.withUnsafeMutableBufferPointer { bits in
            for v in values {
                let word = Int(v >> 6) + 1, mask: UInt64 = 1 << UInt64(v & 63)
                if bits[word] & mask == 0 {
                    bits[word] |= mask
                    added += 1
                }
            }
        }
        bitCount += added
        return true
    }

    /// Turns a hashed set of only small non-negative integers into a bitmap, when that is no
    /// larger; whether it did.
    private mutating func becomeBitmap() -> Bool {
        // Only a set of integers can (`entries` holds some other value).
        guard entries.isEmpty, !ints.isEmpty else { return false }
        var largest: Int64 = -1
        for v in ints {
            guard v >= 0, v < Self.bitmapLimit else { return false }
            largest = max(largest, v)
        }
        let words = Int(largest >> 6) + 1
        guard words * 64 <= Self.bitsPerValue * ints.count else { return false }
        bits = Array(repeating: 0, count: words + 1)
        for v in ints { bits[Int(v >> 6) + 1] |= 1 << UInt64(v & 63) }
        bitCount = ints.count
        ints = []
        index = []
        return true
    }

    /// Back to the hashed form, for a value the bitmap cannot hold.
    private mutating func leaveBitmap() {
        var held: [Int64] = []
        held.reserveCapacity(bitCount + 1)
        forEachBit { held.append($0) }
        bits = []
        ints = held
        if ints.count > Self.scanLimit {
            var capacity = 32
            while capacity < ints.count * 2 { capacity *= 2 }
            rebuildIndex(capacity: capacity)
        }
    }

    private func forEachBit(_ body: (Int64) -> Void) {
        for (w, word) in bits.dropFirst().enumerated() {
            var rest = word
            while rest != 0 {
                body(Int64(w << 6 + rest.trailingZeroBitCount))
                rest &= rest - 1
            }
        }
    }

    private mutating func rebuildIndex(capacity: Int) {
        index = Array(repeating: -1, count: capacity)
        let mask = capacity - 1
        func place(_ slot: Int, _ hash: UInt64) {
            var i = Int(truncatingIfNeeded: hash) & mask
            while index[i] >= 0 { i = (i + 1) & mask }
            index[i] = Int32(slot)
        }
        for (slot, v) in ints.enumerated() { place(slot, mix(UInt64(bitPattern: v))) }
        for (slot, entry) in entries.enumerated() { place(slot, entry.hash) }
    }

    /// Equal values hash alike (`Value`'s `==`: `0.0 == -0.0`, integers and doubles differ).
    static func hash(_ value: Value) -> UInt64 {
        switch value {
        case .null: return 1
        case .bool(let b): return b ? 2 : 3
        case .int(let v): return mix(UInt64(bitPattern: v))
        case .double(let d): return mix(UInt64(bitPattern: ValueColumns.canonicalBits(d)) ^ 0x5555)
        case let .decimal(v, scale): return mix(UInt64(bitPattern: v) ^ UInt64(UInt8(bitPattern: scale)) << 56 ^ 0xDEC)
        case let .wideDecimal(w):
            let v = w.unscaled
            return mix(UInt64(truncatingIfNeeded: v) ^ mix(UInt64(truncatingIfNeeded: v >> 64)) ^ UInt64(UInt8(bitPattern: w.scale)) << 56 ^ 0xDEC)
        case .string(var s): return s.withUTF8 { hashBytes($0) }
        case .timestamp(let v): return mix(UInt64(bitPattern: v) ^ 0x7155)
        case .interval(let v): return mix(UInt64(bitPattern: v) ^ 0x1A7)
        }
    }
}
