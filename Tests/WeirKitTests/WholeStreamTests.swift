import QueryPlanner
import StreamRuntime
import Testing
@testable import WeirKit

@Suite("Aggregation without a window, fused for --final")
struct WholeStreamTests {
    /// 60,000 events (over the size decoded on two threads, so pieces are pre-aggregated).
    static let input: [UInt8] = {
        var rng = SplitMix64(seed: 3)
        var text = ""
        for i in 0..<60_000 {
            let page = Int.random(in: 0..<40, using: &rng)
            let user = Int.random(in: 0..<500, using: &rng)
            let late = i % 97 == 0 ? "not json\n" : ""
            text += late + "{\"page\": \"/p\(page)\", \"user_id\": \(user), \"n\": \(Int.random(in: -5...50, using: &rng)), \"timestamp\": \"2024-04-25 10:00:00\"}\n"
        }
        return Array(text.utf8)
    }()

    static let query = "SELECT page, COUNT(*) AS c, COUNT(DISTINCT user_id) AS users, SUM(n) AS total, MIN(n) AS lo, MAX(n) AS hi FROM clicks WHERE n <> 7 GROUP BY page HAVING COUNT(*) > 1400"

    static func rows(finalTables: Bool) throws -> [String] {
        var options = SessionOptions()
        options.finalTables = finalTables
        let session = Session(options: options)
        var bytes: [UInt8] = []
        var columns: [Column] = []
        for outcome in try session.prepare(Self.query) {
            switch outcome {
            case .query(let plan):
                #expect(finalTables, "the fused plan only with --final")
                columns = plan.outputColumns
                let sink = OutputSink(columns: columns, format: .ndjson, write: { bytes += $0 }, diagnostics: { _ in })
                try session.run(plan, input: MemorySource(Self.input, chunkSize: 1 << 20), sink: sink)
            case .relational(let plan):
                #expect(!finalTables)
                let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { bytes += $0 }, diagnostics: { _ in })
                _ = try session.run(plan, input: MemorySource(Self.input, chunkSize: 1 << 20), sink: sink, finalTable: true)
            default:
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("the fused plan (pieces aggregated on both cores) gives the operator graph's final table, in the same order")
    func fusedEqualsGraph() throws {
        let fused = try Self.rows(finalTables: true)
        let graph = try Self.rows(finalTables: false)
        #expect(!fused.isEmpty)
        #expect(fused == graph)
    }
}
