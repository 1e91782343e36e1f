import Foundation
import QueryPlanner
import StreamRuntime
import Testing
@testable import WeirKit

/// The replay that rebuilds state from a checkpoint, in process and against the simplest
/// model: a run stopped at a random chunk (its last checkpoint written) and a run restored
/// from that checkpoint over the rest of the input write, together, exactly what one run
/// over the whole input writes: rows, late events, bad lines and counts.
@Suite("Checkpoint replay")
struct CheckpointReplayTests {
    static let queries = [
        "SELECT window_start, page, COUNT(*) AS c, SUM(v) AS s FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page",
        "SELECT window_end, page, COUNT(*) AS c, MAX(v) AS m FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '60' SECOND)) GROUP BY window_start, window_end, page",
        "SELECT window_end, COUNT(*) AS c FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '30' SECOND)) GROUP BY window_start, window_end",
        "SELECT page, SESSION_START(ts, INTERVAL '7' SECOND) AS st, COUNT(*) AS c FROM clicks GROUP BY SESSION(ts, INTERVAL '7' SECOND), page",
        "SELECT page, COUNT(*) AS c FROM clicks GROUP BY page",
        "SELECT page, v FROM clicks WHERE v > 50",
    ]

    /// Out-of-order events (some far behind, so late), a few bad lines.
    static func stream(_ random: inout SplitMix64, count: Int) -> [UInt8] {
        var text = ""
        var time = 1_714_039_200_000
        for i in 0..<count {
            time += Int(random.next() % 400)
            let back = random.next() % 20 == 0 ? Int(random.next() % 40_000) : Int(random.next() % 3000)
            if random.next() % 97 == 0 { text += "not json \(i)\n"; continue }
            text += "{\"page\": \"/p\(random.next() % 6)\", \"v\": \(random.next() % 100), \"ts\": \(time - back)}\n"
        }
        return Array(text.utf8)
    }

    struct Outcome: Equatable {
        var output: [UInt8] = []
        var late: [UInt8] = []
        var errors: [UInt8] = []
        var counters = OutputCounters(rows: 0, badLines: 0, lateEvents: 0)
    }

    /// One run; `stopAfter` chunks stops it (its last checkpoint written), appending to `outcome`.
    static func run(_ script: String, _ input: [UInt8], chunk: Int, directory: String?, stopAfter: Int? = nil,
                    into outcome: inout Outcome) throws -> Snapshot? {
        let session = Session(options: SessionOptions(defaultWatermarkDelay: 2000))
        let plan: RelationalPlan
        switch try session.prepare(script).last {
        case .relational(let graph)?: plan = graph
        case .query(let query)?: plan = RelationalPlan(root: .source(query), sql: query.sql)
        default: fatalError("no query")
        }
        var output: [UInt8] = [], late: [UInt8] = [], errors: [UInt8] = []
        let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { output += $0 }, diagnostics: { _ in },
                              late: { late += $0 }, errors: { errors += $0 })
        var settings: CheckpointSettings?
        var restored: Snapshot?
        var bytes = input
        if let directory {
            var s = CheckpointSettings(directory: directory, intervalMillis: 0, input: .stdin, inputPath: nil)
            s.restoring = try CheckpointStore.latest(in: directory)
            restored = s.restoring?.0
            if let restored { bytes = Array(input[Int(restored.input.offset)...]) }
            settings = s
        }
        var chunks = 0
        _ = try session.run(plan, input: MemorySource(bytes, chunkSize: chunk), sink: sink, checkpoint: settings, shouldStop: {
            chunks += 1
            return stopAfter.map { chunks >= $0 } ?? false
        })
        sink.close()
        outcome.output += output
        outcome.late += late
        outcome.errors += errors
        outcome.counters = sink.counters
        return directory.flatMap { try? CheckpointStore.latest(in: $0)?.0 } ?? restored
    }

    @Test("stopped anywhere and restored, every query writes what one run writes", arguments: 0..<queries.count)
    func replayMatchesOneRun(_ index: Int) throws {
        var random = SplitMix64(seed: UInt64(index) + 1)
        for trial in 0..<6 {
            let input = Self.stream(&random, count: 3000)
            let chunk = 512 + Int(random.next() % 4096)
            var whole = Outcome()
            _ = try Self.run(Self.queries[index], input, chunk: chunk, directory: nil, into: &whole)
            let directory = NSTemporaryDirectory() + "weir-replay-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var pieces = Outcome()
            // Stopped twice at random chunks, then run to the end: three runs, two restores.
            var finished = false
            for stop in [Int(random.next() % 30) + 1, Int(random.next() % 30) + 1] where !finished {
                let snapshot = try Self.run(Self.queries[index], input, chunk: chunk, directory: directory, stopAfter: stop, into: &pieces)
                finished = try #require(snapshot).finished
            }
            if !finished { _ = try Self.run(Self.queries[index], input, chunk: chunk, directory: directory, into: &pieces) }
            #expect(pieces.output == whole.output ? true : false, "query \(index), trial \(trial): rows differ")
            #expect(pieces.late == whole.late ? true : false, "query \(index), trial \(trial): late events differ")
            #expect(pieces.errors == whole.errors ? true : false, "query \(index), trial \(trial): bad lines differ")
            #expect(pieces.counters == whole.counters, "query \(index), trial \(trial)")
        }
    }
}

