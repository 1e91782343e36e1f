import QueryPlanner
import Testing
@testable import StreamRuntime

@Suite("Reliability of the runtime")
struct ReliabilityUnitTests {
    @Test("merging DISTINCT sets adds to the set in place: no copy, so a window's merges are linear")
    func distinctMergeInPlace() {
        var values = DistinctValues()
        for v in 0..<100 { values.insert(.int(Int64(v))) }
        var accumulator = Accumulator.distinct(values)
        values = DistinctValues()  // the accumulator holds the only reference
        let address = Self.storageAddress(accumulator)
        var other = DistinctValues()
        other.insert(.int(1000))
        accumulator.merge(.distinct(other), .count)
        #expect(accumulator.result(.count, .bigint) == .int(101))
        #expect(Self.storageAddress(accumulator) == address)
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

