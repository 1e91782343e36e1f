import Testing
@testable import WeirKit

/// Seeded random mutation of queries and input: nothing may crash. (A crash would end the
/// test process with a signal, which fails the run.)
@Suite("Robustness")
struct RobustnessTests {
    static let querySeeds = [
        "SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page",
        "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND); SELECT window_start, b, SUM(a) FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)) WHERE a BETWEEN 1 AND 5 GROUP BY window_start, window_end, b HAVING COUNT(*) > 1",
        "SELECT CASE WHEN page LIKE '/p%' THEN UPPER(SUBSTRING(page FROM 2 FOR 3)) ELSE 'x' || page END AS s, COUNT(DISTINCT user_id) FROM clicks GROUP BY SESSION(ts, INTERVAL '5' SECOND), CASE WHEN page LIKE '/p%' THEN UPPER(SUBSTRING(page FROM 2 FOR 3)) ELSE 'x' || page END",
    ]

    static let alphabet = Array("SELECT FROM WHERE GROUP BY TUMBLE(,)'`*;-/+<>=!|.0123456789 abcINTERVAL SECOND\"\n\t{}[]ñ")

    @Test("mutated queries give errors, never crashes")
    func fuzzQueries() {
        var rng = SplitMix64(seed: 42)
        var errors = 0
        for i in 0..<3000 {
            var text = Array(Self.querySeeds[i % Self.querySeeds.count])
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0...text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where position < text.count: text.remove(at: position)
                case 1: text.insert(Self.alphabet.randomElement(using: &rng)!, at: position)
                default: if position < text.count { text[position] = Self.alphabet.randomElement(using: &rng)! }
                }
            }
            do {
                let outcomes = try Session().prepare(String(text))
                for case .query(let plan) in outcomes {
                    let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { _ in }, diagnostics: { _ in })
                    _ = try? Session().run(plan, input: MemorySource("{\"page\": \"/p1\", \"a\": 3, \"b\": \"x\", \"user_id\": 1, \"timestamp\": 0, \"ts\": 5}\n"), sink: sink)
                }
            } catch {
                errors += 1
                _ = error.rendered()
            }
        }
        #expect(errors > 100)
    }

    @Test("mutated input lines are read or rejected, never crash")
    func fuzzInput() throws {
        let session = Session()
        guard case .query(let plan)? = try session.prepare("""
            CREATE TABLE t (a INT, b STRING, d DOUBLE, p DECIMAL(8, 2), f BOOLEAN, ts TIMESTAMP(3));
            SELECT b, COUNT(*), SUM(a), MAX(d), MIN(p), COUNT(f) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' SECOND), b
            """).last else { Issue.record("no plan"); return }
        let seeds = [#"{"a": 1, "b": "x\u00e9\n", "d": 1.5e3, "p": "12.345", "f": true, "ts": "2024-04-25T10:00:00.5+01:00", "z": {"y": [1, {"q": null}]}}"#,
                     #"{"a": -2147483648, "b": null, "d": -0.0, "p": 999999.99, "f": "false", "ts": 1714039200000}"#]
        var rng = SplitMix64(seed: 7)
        var input: [UInt8] = []
        for i in 0..<20000 {
            var bytes = Array(seeds[i % 2].utf8)
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let position = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: position)
                default: bytes[position] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            bytes.removeAll { $0 == 0x0A }
            input += bytes + [0x0A]
        }
        var bad = 0
        let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { _ in }, diagnostics: { _ in bad += 1 })
        let statistics = try session.run(plan, input: MemorySource(input, chunkSize: 4096), sink: sink)
        #expect(statistics.events + statistics.badLines == statistics.lines)
        #expect(statistics.events > 1000)
        #expect(statistics.badLines > 1000)
    }
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
