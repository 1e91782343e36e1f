import QueryPlanner

/// The order in which Flink's window aggregation hands a DISTINCT aggregate its values.
///
/// In two phases (Flink's default), the local aggregation collects a window's distinct values
/// in a `java.util.HashMap` keyed by `BinaryStringData`, and the global one feeds the aggregate
/// (LISTAGG, FIRST_VALUE, LAST_VALUE) the values new to it in that map's iteration order: by
/// bucket, `(h ^ h >>> 16) & (capacity - 1)` of the string's Murmur3 hash (seed 42), then by
/// insertion within a bucket. Checked with Flink 2.3: `/a` then `/b` in one window comes out
/// `/b,/a` (buckets 13 and 3). Assumes a window's rows reach the global aggregation in one
/// local flush, as in-order rows do.
enum FlinkHashMapOrder {
    /// `values` (distinct, in insertion order) in the map's iteration order; values that are
    /// not strings keep their order.
    static func ordered(_ values: [Value]) -> [Value] {
        guard values.count > 1, values.allSatisfy({ if case .string = $0 { true } else { false } }) else { return values }
        // HashMap's table: 16 buckets, doubled whenever the entries pass three quarters.
        var capacity = 16
        while values.count > capacity * 3 / 4 { capacity *= 2 }
        let mask = UInt32(capacity - 1)
        let buckets = values.map { value -> UInt32 in
            guard case .string(let s) = value else { return 0 }
            let h = UInt32(bitPattern: murmur3(Array(s.utf8)))
            return (h ^ (h >> 16)) & mask
        }
        return values.indices.sorted { (buckets[$0], $0) < (buckets[$1], $1) }.map { values[$0] }
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
