import QueryPlanner

/// The orders Flink iterates its `java.util.HashMap`s in, wherever its answer shows one: the
/// values a window aggregation hands a DISTINCT aggregate, a MAP read from JSON, STR_TO_MAP's
/// map and COLLECT's multiset.
///
/// In two phases (Flink's default), the local aggregation collects a window's distinct values
/// in a `java.util.HashMap` keyed by `BinaryStringData`, and the global one feeds the aggregate
/// (LISTAGG, FIRST_VALUE, LAST_VALUE) the values new to it in that map's iteration order: by
/// bucket, `(h ^ h >>> 16) & (capacity - 1)` of the string's Murmur3 hash (seed 42), then by
/// insertion within a bucket. Checked with Flink 2.3: `/a` then `/b` in one window comes out
/// `/b,/a` (buckets 13 and 3). A window whose rows reach the global aggregation in two local
/// flushes (the row that moves the watermark past the window before goes out with that
/// window's rows) gets each flush's new values in turn (`FlinkLocalFlush`).
enum FlinkHashMapOrder {
    /// A window's distinct `values` (in first-arrival order) as Flink's two-phase aggregation
    /// takes them: the first `flushed` (0: all) in the order of the earlier flush's map, then
    /// the rest in the order of the next one's, which also holds `seenAgain` of the first.
    static func flushOrdered(_ values: [Value], flushed: Int, seenAgain: Int, with separator: String?) -> [Value] {
        guard flushed > 0, flushed < values.count else { return ordered(values, with: separator) }
        return ordered(Array(values[..<flushed]), with: separator) + ordered(Array(values[flushed...]), with: separator, alongside: seenAgain)
    }

    /// `values` (distinct, in insertion order) in the map's iteration order; values that are
    /// not strings keep their order.
    /// `with`: LISTAGG's separator, when Flink keys the map by the row of value and separator
    /// (`binaryRowHash`). `alongside`: how many other keys the map holds (they size its table).
    static func ordered(_ values: [Value], with separator: String? = nil, alongside: Int = 0) -> [Value] {
        guard values.count > 1, values.allSatisfy({ if case .string = $0 { true } else { false } }) else { return values }
        let hashes = values.map { value -> Int32 in
            guard case .string(let s) = value else { return 0 }
            if let separator { return binaryRowHash([Array(s.utf8), Array(separator.utf8)]) }
            return murmur3(Array(s.utf8))
        }
        return iterationOrder(hashes, others: alongside).map { values[$0] }
    }

    /// The positions of distinct keys, inserted in order into a `java.util.HashMap` whose keys
    /// hash to `hashes`, in the order the map iterates them: 16 buckets, doubled whenever the
    /// entries pass three quarters (a resize keeps a bucket's order), then bucket by bucket,
    /// `(h ^ h >>> 16) & (capacity - 1)`, in insertion order within one. `expected`: the map
    /// was made for that many entries (Flink's `newHashMapWithExpectedSize`), its table the
    /// power of two at or above `ceil(expected / 0.75)`.
    static func iterationOrder(_ hashes: [Int32], expected: Int? = nil, others: Int = 0) -> [Int] {
        var capacity = 16
        if let expected {
            capacity = 1
            while capacity * 3 < expected * 4 { capacity *= 2 }
        }
        while hashes.count + others > capacity * 3 / 4 { capacity *= 2 }
        let mask = UInt32(capacity - 1)
        let buckets = hashes.map { hash -> UInt32 in
            let h = UInt32(bitPattern: hash)
            return (h ^ (h >> 16)) & mask
        }
        return hashes.indices.sorted { (buckets[$0], $0) < (buckets[$1], $1) }
    }

    /// COLLECT's multiset of `entries` (each value's text as a JSON string, one per row): each
    /// text with its count, `{"x":2,"y":1}`, in the order Flink's CollectAggFunction map
    /// iterates them, by the values' hash (`hashing`: `s` a string's BinaryStringData hash, `i`
    /// an Integer's, `l` a Long's, `d` a Double's, `b` a Boolean's; other types keep the order
    /// they came in, which is Flink's only within one bucket). Checked on Flink
    /// 2.3, cases `w_collect_*`.
    static func multiset(_ entries: [Substring], hashing: Substring) -> Value {
        var keys: [String] = []
        var counts: [String: Int] = [:]
        // The entries are JSON strings, together a JSON array's elements.
        var parser = NestedText.Parser(bytes: Array(("[" + entries.joined(separator: ",") + "]").utf8))
        guard case .array(let items)? = parser.value() else { return .string("{}") }
        for item in items {
            guard case .text(let key) = item else { continue }
            if let count = counts[key] { counts[key] = count + 1 } else {
                counts[key] = 1
                keys.append(key)
            }
        }
        let hashes: [Int32]? = switch hashing {
        case "s": keys.map { murmur3(Array($0.utf8)) }
        case "i": keys.map { Int32(truncatingIfNeeded: Int64($0) ?? 0) }
        case "l": keys.map { key in
            let v = UInt64(bitPattern: Int64(key) ?? 0)
            return Int32(truncatingIfNeeded: Int64(bitPattern: v ^ (v >> 32)))
        }
        case "d": keys.map { key in
            // Double.hashCode: its bits (one NaN), high word XOR low word.
            let d = Double(key) ?? 0
            let v = d.isNaN ? 0x7ff8_0000_0000_0000 : d.bitPattern
            return Int32(truncatingIfNeeded: Int64(bitPattern: v ^ (v >> 32)))
        }
        case "b": keys.map { $0 == "TRUE" ? 1231 : 1237 }
        default: nil
        }
        let order = hashes.map { iterationOrder($0) } ?? Array(keys.indices)
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, k) in order.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(keys[k], to: &out)
            out += Array(":\(counts[keys[k]]!)".utf8)
        }
        out.append(UInt8(ascii: "}"))
        return .string(String(decoding: out, as: UTF8.self))
    }

    /// `java.lang.String.hashCode`: over UTF-16 code units, `31 * h + c`.
    static func javaHash(_ s: String) -> Int32 {
        var h: Int32 = 0
        for unit in s.utf16 { h = h &* 31 &+ Int32(unit) }
        return h
    }

    /// A MAP, ARRAY or ROW value of a JSON input, its maps put in the order Flink's JSON format
    /// builds them (a HashMap keyed by BinaryStringData, whose hash is `murmur3`), which is the
    /// order Flink iterates them in (CAST to STRING, MAP_KEYS, UNNEST). A member named twice
    /// keeps its first place and its last value, as Jackson reads it.
    static func jsonMapsOrdered(_ node: NestedText.Node, _ type: DataType) -> NestedText.Node {
        switch (node, type) {
        case let (.array(items), .array(element)):
            return .array(items.map { jsonMapsOrdered($0, element) })
        case let (.object(members), .row(fields)):
            return .object(members.map { name, value in
                (name, fields.first { $0.name == name }.map { jsonMapsOrdered(value, $0.type) } ?? value)
            })
        case let (.object(members), .map(valueType)):
            let unique = NestedText.uniqueMembers(members)
            return .object(iterationOrder(unique.map { murmur3(Array($0.0.utf8)) }).map { i in
                (unique[i].0, jsonMapsOrdered(unique[i].1, valueType))
            })
        default:
            return node
        }
    }

    /// `BinaryRowData.hashCode` of a row of strings (kind +I, no NULLs): Murmur3 by words over
    /// its bytes, a header of null bits (the kind in its first byte), an 8-byte slot a field
    /// (a string of up to 7 bytes inside it, its length | 0x80 in the last byte; a longer one
    /// as offset << 32 | length, its bytes after the slots, padded to 8). Checked on Flink 2.3
    /// with LISTAGG(DISTINCT page, '|') and ',' (12 pages, inline and longer).
    static func binaryRowHash(_ fields: [[UInt8]]) -> Int32 {
        let header = (fields.count + 63 + 8) / 64 * 8
        var row = [UInt8](repeating: 0, count: header + 8 * fields.count)
        var variable: [UInt8] = []
        for (i, bytes) in fields.enumerated() {
            let slot = header + 8 * i
            if bytes.count <= 7 {
                for (j, b) in bytes.enumerated() { row[slot + j] = b }
                row[slot + 7] = 0x80 | UInt8(bytes.count)
            } else {
                let word = UInt64(row.count + variable.count) << 32 | UInt64(bytes.count)
                for j in 0..<8 { row[slot + j] = UInt8(truncatingIfNeeded: word >> (8 * j)) }
                variable += bytes
                variable += [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8)
            }
        }
        // Whole words: `hashUnsafeBytes` over a length that is a multiple of 4 is `hashByWords`.
        return murmur3(row + variable)
    }

    /// Flink's `MurmurHashUtil.hashUnsafeBytes` (seed 42): little-endian 4-byte words, then
    /// each remaining byte, sign-extended, as a word of its own.
    static func murmur3(_ bytes: [UInt8], seed: UInt32 = 42) -> Int32 {
        func mixK1(_ k: UInt32) -> UInt32 {
            var k1 = k &* 0xcc9e_2d51
            k1 = (k1 << 15) | (k1 >> 17)
            return k1 &* 0x1b87_3593
        }
        func mixH1(_ h: UInt32, _ k1: UInt32) -> UInt32 {
            var h1 = h ^ k1
            h1 = (h1 << 13) | (h1 >> 19)
            return h1 &* 5 &+ 0xe654_6b64
        }
        var h1 = seed
        let aligned = bytes.count - bytes.count % 4
        var i = 0
        while i < aligned {
            let word = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            h1 = mixH1(h1, mixK1(word))
            i += 4
        }
        while i < bytes.count {
            h1 = mixH1(h1, mixK1(UInt32(bitPattern: Int32(Int8(bitPattern: bytes[i])))))
            i += 1
        }
        h1 ^= UInt32(bytes.count)
        h1 ^= h1 >> 16
        h1 = h1 &* 0x85eb_ca6b
        h1 ^= h1 >> 13
        h1 = h1 &* 0xc2b2_ae35
        h1 ^= h1 >> 16
        return Int32(bitPattern: h1)
    }
}

/// The keys a `java.util.HashMap<Long, …>` holds as puts and removes change it, and the order
/// it iterates them in: Flink's heap `MapState` (a bounded RANGE OVER aggregation's rows by
/// time) retracts the times that leave the frame together in that order, which a FLOAT sum's
/// rounding shows. The table starts at 16 buckets on the first put, doubles when the entries
/// pass three quarters or a bucket's chain reaches 9 below 64 buckets (`treeifyBin` resizes
/// then), and never shrinks; the map is dropped when its last key is removed (`HeapMapState`).
/// Within a bucket keys keep the order they were put in (a resize keeps it). Chains long
/// enough to become trees (9 in one bucket of 64 or more) are not modelled.
struct JavaLongHashMapOrder {
    private var sequences: [Int64: Int] = [:]
    private var nextSequence = 0
    private(set) var capacity = 0
    private var chainLengths: [Int] = []

    static func bucket(_ key: Int64, capacity: Int) -> Int {
        let v = UInt64(bitPattern: key)
        let h = UInt32(truncatingIfNeeded: v ^ (v >> 32))
        return Int((h ^ (h >> 16)) & UInt32(capacity - 1))
    }

    mutating func put(_ key: Int64) {
        guard sequences[key] == nil else { return }
        if capacity == 0 { resize(to: 16) }
        sequences[key] = nextSequence
        nextSequence += 1
        let bucket = Self.bucket(key, capacity: capacity)
        chainLengths[bucket] += 1
        if chainLengths[bucket] >= 9, capacity < 64 { resize(to: capacity * 2) }
        if sequences.count > capacity * 3 / 4 { resize(to: capacity * 2) }
    }

    mutating func remove(_ key: Int64) {
        guard sequences.removeValue(forKey: key) != nil else { return }
        if sequences.isEmpty {
            clear()
        } else {
            chainLengths[Self.bucket(key, capacity: capacity)] -= 1
        }
    }

    mutating func clear() {
        sequences = [:]
        capacity = 0
        chainLengths = []
    }

    /// `keys`, each held, in the order the map iterates them.
    func iterationOrder(_ keys: [Int64]) -> [Int64] {
        keys.map { (Self.bucket($0, capacity: capacity), sequences[$0] ?? .max, $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    private mutating func resize(to size: Int) {
        capacity = size
        chainLengths = Array(repeating: 0, count: size)
        for key in sequences.keys { chainLengths[Self.bucket(key, capacity: size)] += 1 }
    }
}
