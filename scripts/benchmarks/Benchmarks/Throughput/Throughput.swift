// In-process throughput of weir's engine: NDJSON bytes in memory through the decoder and the
// window operators, without the process, the file or the terminal around them. Each
// iteration runs one million events, and the scaling factor makes "throughput" read as
// events per second. The whole binary is measured by scripts/bench.
import Benchmark
import QueryPlanner
import StreamRuntime
import WeirKit

/// One million click events as weir-gen writes them (1,000 pages, skewed; 10,000 users;
/// 1,000 events per second of event time), made once.
let clicks: [UInt8] = {
    var state: UInt64 = 1
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    var text = ""
    text.reserveCapacity(80_000_000)
    for i in 0..<1_000_000 {
        let second = i / 1000
        let page = Int(Double(next() % 1_000_000) / 1_000_000 * Double(next() % 1000 + 1))
        text += #"{"user_id": \#(next() % 10_000), "page": "/products/\#(page)", "timestamp": "2024-04-25 \#(10 + second / 3600):\#(String(format2: second / 60 % 60)):\#(String(format2: second % 60))"}"#
        text += "\n"
    }
    return Array(text.utf8)
}()

extension String {
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}

/// Drops the rows: the benchmark measures the engine, not the output.
final class DiscardingSink: ResultSink {
    var rows = 0
    func emit(_ row: [Value]) { rows += 1 }
    func flush() {}
    func late(line: UnsafeBufferPointer<UInt8>, lineNumber: Int) {}
    func badLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool { true }
    var mayStopOnBadLine: Bool { false }
}

func run(_ sql: String) -> Int {
    let session = Session()
    guard case .query(let plan)? = try? session.prepare(sql).last else { fatalError("cannot plan \(sql)") }
    let sink = DiscardingSink()
    let executor = QueryExecutor(plan: plan, sink: sink)
    // In 16 MB stretches, as the binary reads a mapped file.
    clicks.withUnsafeBytes { bytes in
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + (16 << 20))
            executor.feed(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
    }
    executor.finish()
    return sink.rows
}

let queries: [(String, String)] = [
    ("seed: TUMBLE 10 s, COUNT(*) by page",
     "SELECT page, COUNT(*) AS click_count FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"),
    ("HOP 10 s / 1 h, COUNT(*) by page",
     "SELECT page, COUNT(*) AS clicks FROM clicks GROUP BY HOP(timestamp, INTERVAL '10' SECOND, INTERVAL '1' HOUR), page"),
    ("TUMBLE 10 s, COUNT(DISTINCT user_id) by page",
     "SELECT page, COUNT(DISTINCT user_id) AS users FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"),
    ("decode and filter only (no row passes)",
     "SELECT page FROM clicks WHERE user_id < 0"),
]

let benchmarks: @Sendable () -> Void = {
    _ = clicks.count
    for (name, sql) in queries {
        Benchmark(name, configuration: .init(metrics: [.throughput, .wallClock, .peakMemoryResident, .mallocCountTotal],
                                             scalingFactor: .mega, maxDuration: .seconds(10), maxIterations: 20)) { _ in
            blackHole(run(sql))
        }
    }
}
