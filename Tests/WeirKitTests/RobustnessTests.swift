import Foundation
import QueryPlanner
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

@Suite("Robustness at the extremes")
struct ExtremesTests {
    static let extremes = ["-9223372036854775808", "9223372036854775807", "99999999999", "1e300", "-1e300", "0", "-0",
                           "0.0000001", "1e-300", "2147483648", "-2147483649", "NaN", "1.7976931348623157e308"]

    @Test("numeric extremes in intervals, literals and arithmetic give errors or rows, never traps")
    func numericExtremes() {
        var rng = SplitMix64(seed: 99)
        let templates = [
            "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL 'X' SECOND)",
            "SELECT COUNT(*) FROM clicks GROUP BY HOP(timestamp, INTERVAL 'X' SECOND, INTERVAL 'Y' DAY)",
            "SELECT COUNT(*) FROM clicks GROUP BY SESSION(timestamp, INTERVAL 'X' MINUTE)",
            "SELECT window_start, COUNT(*) FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(timestamp), INTERVAL 'X' SECOND, INTERVAL 'Y' HOUR)) GROUP BY window_start, window_end",
            "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(timestamp), INTERVAL '10' SECOND, INTERVAL 'X' SECOND)) GROUP BY window_start, window_end",
            "CREATE TABLE t (a BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL 'X' SECOND); SELECT SUM(a * X), MAX(a + Y) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' SECOND)",
            "SELECT a * X, a / X, MOD(a, X), CAST(X AS INT), CAST(X AS DECIMAL(5, 2)), ABS(X), POWER(X, Y), ROUND(X, 2), FLOOR(X) FROM clicks",
            "SELECT a FROM clicks WHERE a BETWEEN X AND Y OR a IN (X, Y) OR timestamp > TIMESTAMP '2024-01-01 00:00:00' + INTERVAL 'X' DAY",
        ]
        let input = #"{"a": 9223372036854775807, "timestamp": 1714039200000, "ts": "2024-04-25 10:00:00"}"# + "\n"
            + #"{"a": -9223372036854775808, "timestamp": 1714039260000, "ts": "2024-04-25 10:01:00"}"# + "\n"
            + #"{"a": 0, "timestamp": 253402300799999, "ts": "9999-12-31 23:59:59.999"}"# + "\n"
        for i in 0..<600 {
            let query = templates[i % templates.count]
                .replacingOccurrences(of: "X", with: Self.extremes.randomElement(using: &rng)!)
                .replacingOccurrences(of: "Y", with: Self.extremes.randomElement(using: &rng)!)
            do {
                let session = Session()
                for case .query(let plan) in try session.prepare(query) {
                    let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { _ in }, diagnostics: { _ in })
                    _ = try? session.run(plan, input: MemorySource(input), sink: sink)
                }
            } catch {
                _ = error.rendered()
            }
        }
    }

    @Test("randomly nested expressions up to twice the depth limit give rows or a depth error")
    func deepNesting() {
        var rng = SplitMix64(seed: 5)
        let wrappers: [(String, String)] = [("(", ")"), ("ABS(", ")"), ("- ", ""), ("1 + ", ""), ("CAST(", " AS BIGINT)"),
                                            ("CASE WHEN a > 0 THEN ", " ELSE 0 END"), ("COALESCE(", ", 0)")]
        for _ in 0..<12 {
            let depth = Int.random(in: 1...2000, using: &rng)
            var prefix = "", suffix = ""
            for _ in 0..<depth {
                let (open, close) = wrappers.randomElement(using: &rng)!
                prefix += open
                suffix = close + suffix
            }
            let query = "SELECT \(prefix)a\(suffix) AS v FROM clicks WHERE \(prefix)a\(suffix) IS NOT NULL"
            do {
                let session = Session()
                for case .query(let plan) in try session.prepare(query) {
                    let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { _ in }, diagnostics: { _ in })
                    _ = try? session.run(plan, input: MemorySource(#"{"a": 3}"# + "\n"), sink: sink)
                }
            } catch {
                #expect(error.rendered().contains("expression nested too deeply"), "\(depth): \(error.rendered().prefix(300))")
            }
        }
    }

    @Test("output is written at the end of a firing once 256 KB are waiting, not only at the end of input")
    func writesLargeFirings() {
        var writes: [Int] = []
        let sink = OutputSink(columns: [Column(name: "s", type: .string)], format: .ndjson, write: { writes.append($0.count) }, diagnostics: { _ in })
        let row: [Value] = [.string(String(repeating: "x", count: 1000))]
        for _ in 0..<300 {
            for _ in 0..<10 { sink.emit(row) }
            sink.firingEnded()
        }
        #expect(writes.count >= 10)
        #expect(writes.allSatisfy { $0 < OutputSink.writeThreshold + 20_000 })
        sink.flush()
        #expect(writes.reduce(0, +) == 300 * 10 * 1009)
    }
}
