import QueryPlanner
import Testing
@testable import StreamRuntime

@Suite("Reliability of the runtime")
struct ReliabilityUnitTests {
    @Test("merging DISTINCT sets adds to the set in place: no copy, so a window's merges are linear")
    func distinctMergeInPlace() {
        // Negative values: the hashed form. Then small ids: the bitmap.
        for (base, added) in [(Int64(-1000), Int64(-5000)), (0, 120)] {
            var values = DistinctValues()
            for v in 0..<100 { values.insert(.int(base + (base < 0 ? -Int64(v) : Int64(v)))) }
            var accumulator = Accumulator.distinct(values)
            values = DistinctValues()  // the accumulator holds the only reference
            let address = Self.storageAddress(accumulator)
            var other = DistinctValues()
            other.insert(.int(added))
            accumulator.merge(.distinct(other), .count)
            #expect(accumulator.result(.count, .bigint) == .int(101))
            #expect(Self.storageAddress(accumulator) == address)
        }
    }

    @Test("DISTINCT sets of ids, as bitmaps or hashed, merged both ways agree with Set")
    func distinctBitmapMerges() {
        var rng = SplitMix(state: 5)
        for round in 0..<200 {
            var accumulator = Accumulator.initial(.count, distinct: true)
            var reference = Set<Value>()
            let spread: Int64 = [10, 300, 5000, 1 << 30][round % 4]
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                var part = DistinctValues()
                var partReference = Set<Value>()
                for _ in 0..<Int.random(in: 0...80, using: &rng) {
                    // Now and then a value no bitmap holds: the set goes back to hashing.
                    let value: Value = Int.random(in: 0..<200, using: &rng) == 0 ? .int(-7) : .int(Int64.random(in: 0..<spread, using: &rng))
                    #expect(part.insert(value) == partReference.insert(value).inserted)
                    reference.insert(value)
                }
                #expect(part.count == partReference.count)
                accumulator.merge(.distinct(part), .count)
            }
            #expect(accumulator.result(.count, .bigint) == .int(Int64(reference.count)))
            guard case .distinct(let set) = accumulator else { continue }
            #expect(Set(set.values) == reference)
        }
    }

    /// Borrows the accumulator (no reference is kept past the call).
    static func storageAddress(_ accumulator: Accumulator) -> UnsafeRawPointer? {
        guard case .distinct(let set) = accumulator else { return nil }
        return set.storageAddress
    }

    @Test("DISTINCT sets merged many times agree with Set")
    func distinctMergeAgrees() {
        var rng = SplitMix(state: 11)
        var accumulator = Accumulator.initial(.count, distinct: true)
        var reference = Set<Value>()
        for _ in 0..<2000 {
            var part = DistinctValues()
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let value = Value.int(Int64.random(in: 0..<3000, using: &rng))
                part.insert(value)
                reference.insert(value)
            }
            accumulator.merge(.distinct(part), .count)
        }
        #expect(accumulator.result(.count, .bigint) == .int(Int64(reference.count)))
    }

    @Test("the time a far-ahead event is ahead reads as years, days or hours")
    func durations() {
        #expect(HumanDuration.describe(251_659_000_000_000) == "7,975 years")
        #expect(HumanDuration.describe(3 * 86_400_000) == "3 days")
        #expect(HumanDuration.describe(3_600_000) == "1 h")
        #expect(HumanDuration.describe(1500) == "1.5 s")
        #expect(ByteCount(64 << 20).description == "64 MiB")
        #expect(ByteCount(1000).description == "1,000 bytes")
    }
}

