import QueryPlanner
import SQLSyntax
@testable import StreamRuntime

/// Plans a script (CREATE TABLEs, then a query).
func makePlan(_ script: String) throws -> QueryPlan {
    var catalog = Catalog()
    var result: QueryPlan?
    for statement in try Parser.parse(script) {
        switch statement {
        case .createTable(let c): catalog.register(try Catalog.schema(for: c))
        case .query(let q), .explain(let q): result = try QueryPlanner.plan(q, catalog: catalog)
        case .createView, .set, .insert, .statementSet, .explainInserts: break
        }
    }
    return result!
}

/// A sink that records everything, for driving the executor without I/O.
final class RecordingSink: ResultSink {
    var rows: [[Value]] = []
    var flushes = 0
    var firings = 0
    var lateLines: [String] = []
    var badLines: [(Int, String)] = []
    var stopOnBadLine = false
    var mayStopOnBadLine: Bool { stopOnBadLine }

    func emit(_ row: [Value]) { rows.append(row) }
    func firingEnded() { firings += 1 }
    func flush() { flushes += 1 }
    func late(line: UnsafeBufferPointer<UInt8>, lineNumber: Int) { lateLines.append(String(decoding: line, as: UTF8.self)) }
    func badLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        badLines.append((lineNumber, error.description))
        return !stopOnBadLine
    }
}

/// Runs a plan over text fed in one chunk (or several), then ends the input.
@discardableResult
func execute(_ plan: QueryPlan, _ input: String, sink: RecordingSink = RecordingSink(), chunk: Int = .max, finish: Bool = true,
             fastPaths: Bool = true, helper: Bool = true) -> RecordingSink {
    let executor = QueryExecutor(plan: plan, sink: sink, fastPaths: fastPaths, helper: helper)
    var bytes = Array(input.utf8)
    bytes.withUnsafeMutableBytes { raw in
        var offset = 0
        while offset < raw.count {
            let end = min(raw.count, offset &+ min(chunk, raw.count))
            executor.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
            offset = end
        }
    }
    if finish { executor.finish() }
    return sink
}

let ddl = """
    CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), duration_ms BIGINT,
      WATERMARK FOR ts AS ts - INTERVAL '0' SECOND);
    """

func event(_ page: String, _ second: Double, user: Int = 1, duration: Int? = nil) -> String {
    let millis = Int64(second * 1000) + 1_714_039_200_000
    let d = duration.map { ", \"duration_ms\": \($0)" } ?? ""
    return "{\"user_id\": \(user), \"page\": \"\(page)\", \"ts\": \"\(Timestamp.format(millis))\"\(d)}\n"
}

func ts(_ second: Double) -> Value { .timestamp(Int64(second * 1000) + 1_714_039_200_000) }
