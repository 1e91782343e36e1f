import Foundation
import QueryPlanner
import Testing
@testable import WeirKit

/// Chunks of input with something done between two of them (a server restarted mid-run).
struct InterruptedSource: ByteSource {
    var chunks: [[UInt8]]
    var between: (Int) -> Void

    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        for (i, chunk) in chunks.enumerated() {
            if i > 0 { between(i) }
            guard chunk.withUnsafeBytes({ body($0) }) else { return }
        }
    }

    func pullReader() -> PullReader { fatalError("one input only") }
}

/// 300 rows inserted 40 a transaction while the server is restarted after the first 150 are
/// read: the write in flight fails, is retried on a new connection, and every row lands once.
func insertAcrossRestart(url: String, user: String, restart: @escaping () -> Void, rows: (String) throws -> [String]) throws {
    let lines = (0..<300).map { #"{"n": \#($0), "page": "/p\#($0 % 7)"}"# + "\n" }
    let chunks = stride(from: 0, to: lines.count, by: 50).map { Array(lines[$0..<min(lines.count, $0 + 50)].joined().utf8) }
    let source = InterruptedSource(chunks: chunks) { i in
        if i == 3 { restart() }
    }
    let run = try runInsert("""
        CREATE TABLE clicks (n BIGINT, page STRING);
        CREATE TABLE events (n BIGINT, page STRING) WITH ('connector' = 'jdbc', 'url' = '\(url)', 'table-name' = 'events',
          'username' = '\(user)', 'sink.buffer-flush.max-rows' = '40');
        INSERT INTO events SELECT n, page FROM clicks;
        """, source: source)
    #expect(run.failure == nil)
    #expect(run.reports[0].retries >= 1)
    #expect(try rows("SELECT count(*), count(DISTINCT n), min(n), max(n) FROM events") == ["300|300|0|299"])
}

/// A checkpointed insert into an append table (no key), "crashed" twice after its sink had
/// committed more than its last checkpoint recorded (the newest checkpoint is removed, as if
/// the process died before writing it): each restart skips what the table's progress row says
/// it holds, so every row lands exactly once.
func checkpointedInsertAcrossCrashes(url: String, user: String, rows: (String) throws -> [String]) throws {
    let lines = (0..<300).map { #"{"n": \#($0), "page": "/p\#($0 % 7)"}"# + "\n" }
    let input = Array(lines.joined().utf8)
    let script = """
        CREATE TABLE clicks (n BIGINT, page STRING);
        CREATE TABLE events (n BIGINT, page STRING) WITH ('connector' = 'jdbc', 'url' = '\(url)', 'table-name' = 'events',
          'username' = '\(user)', 'sink.buffer-flush.max-rows' = '40');
        INSERT INTO events SELECT n, page FROM clicks;
        """
    let directory = NSTemporaryDirectory() + "weir-db-checkpoint-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for stopAfter in [4, 3, nil] as [Int?] {
        let session = Session()
        guard case .insert(let plan)? = try session.prepare(script).last else { fatalError("no INSERT") }
        var settings = CheckpointSettings(directory: directory, intervalMillis: 3_600_000, input: .stdin, inputPath: nil)
        settings.restoring = try CheckpointStore.latest(in: directory)
        let from = Int(settings.restoring?.0.input.offset ?? 0)
        let output = OutputSink(columns: [], format: .ndjson, write: { _ in }, diagnostics: { _ in })
        var chunks = 0
        _ = try session.run(plan, input: MemorySource(Array(input[from...]), chunkSize: 1000), output: output, checkpoint: settings,
                            shouldStop: {
                                chunks += 1
                                return stopAfter.map { chunks >= $0 } ?? false
                            })
        if stopAfter != nil, let newest = CheckpointStore.ids(in: directory).last {
            // The crash: the sink's commits (every 40 rows) happened, the checkpoint taken at the
            // stop did not; the one left is the first, taken before anything was read.
            try FileManager.default.removeItem(atPath: directory + "/" + CheckpointStore.fileName(newest))
        }
    }
    #expect(try rows("SELECT count(*), count(DISTINCT n), min(n), max(n) FROM events") == ["300|300|0|299"])
    #expect(try rows("SELECT count(*) FROM weir_sink_progress") == ["1"])
}

/// Each test starts its own server (about a second) and stops it.
@Suite("PostgreSQL sinks and sources")
struct PostgresTests {
    @Test("the nightly roll-up: a partitioned read with the date filter pushed down, upserted back; a second run changes nothing")
    func rollUp() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.execute("""
            CREATE TABLE orders (id BIGINT PRIMARY KEY, product_id BIGINT, sale_price NUMERIC(10, 2), quantity INT, created_at TIMESTAMP);
            INSERT INTO orders SELECT g, g % 7, (g % 13) + 0.25, g % 5 + 1, TIMESTAMP '2024-05-19 12:00:00' + g * INTERVAL '17 second' FROM generate_series(1, 20000) g;
            INSERT INTO orders VALUES (-5, 3, 1.50, 2, '2024-05-20 10:00:00.123456'), (90000, 3, 2.00, 1, '2024-05-20 11:00:00');
            CREATE TABLE daily_product_sales (product_id BIGINT, total_sales_amount NUMERIC(12, 2), total_sales_count INT, target_date TEXT,
              PRIMARY KEY (product_id, target_date));
            """)
        let script = """
            CREATE TABLE orders (id BIGINT, product_id BIGINT, sale_price DECIMAL(10, 2), quantity INT, created_at TIMESTAMP(3))
            WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'orders', 'username' = 'weir', 'password' = 'not-shown',
                  'scan.partition.column' = 'id', 'scan.partition.num' = '4', 'scan.partition.lower-bound' = '1', 'scan.partition.upper-bound' = '20000');
            CREATE TABLE daily_product_sales (product_id BIGINT, total_sales_amount DECIMAL(12, 2), total_sales_count INT, target_date STRING,
              PRIMARY KEY (product_id, target_date) NOT ENFORCED)
            WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'daily_product_sales', 'username' = 'weir');
            INSERT INTO daily_product_sales (product_id, total_sales_amount, total_sales_count, target_date)
            SELECT product_id, SUM(sale_price * quantity), SUM(quantity), '2024-05-20'
            FROM orders WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00'
            GROUP BY product_id;
            """
        let session = Session()
        guard case .insert(let plan)? = try session.prepare(script).last else { Issue.record("no insert"); return }
        #expect(plan.explanation.contains("Pushed to the database: created_at >= TIMESTAMP '2024-05-20 00:00:00' AND created_at < TIMESTAMP '2024-05-21 00:00:00'"))
        #expect(plan.explanation.contains("(partition 1 of 4, read in parallel)"))
        #expect(!plan.explanation.contains("not-shown"))
        let run = try runInsert(script)
        #expect(run.failure == nil)
        let expected = try server.rows("""
            SELECT product_id, SUM(sale_price * quantity), SUM(quantity) FROM orders
            WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00' GROUP BY product_id ORDER BY 1
            """)
        let table = "SELECT product_id, total_sales_amount, total_sales_count FROM daily_product_sales ORDER BY 1"
        #expect(expected.count == 7)
        #expect(try server.rows(table) == expected)
        _ = try runInsert(script)
        #expect(try server.rows(table) == expected)
    }

    @Test("a changelog with deletes is upserted and deleted by key")
    func changelog() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE by_category (category TEXT PRIMARY KEY, products BIGINT, total BIGINT)")
        let result = try upsertedCategories(url: server.url, user: "weir", seed: 7, maxRows: 3) { try server.rows($0) }
        #expect(result.deleted > 0)
        #expect(result.held == result.expected)
    }

    @Test("the server restarted mid-run: the write is retried, no row lost or doubled")
    func serverRestart() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE events (n BIGINT, page TEXT)")
        try insertAcrossRestart(url: server.url, user: "weir", restart: { try? server.restart() }, rows: { try server.rows($0) })
    }

    @Test("a checkpointed insert restarted after commits its checkpoint missed holds every row once")
    func checkpointedAppend() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE events (n BIGINT, page TEXT)")
        try checkpointedInsertAcrossCrashes(url: server.url, user: "weir", rows: { try server.rows($0) })
    }

    @Test("a permanent failure stops the run with the database's message and what was committed")
    func permanentFailure() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE events (n BIGINT CHECK (n <> 120), page TEXT)")
        let input = (0..<300).map { #"{"n": \#($0), "page": "/p"}"# + "\n" }.joined()
        let run = try runInsert("""
            CREATE TABLE clicks (n BIGINT, page STRING);
            CREATE TABLE events (n BIGINT, page STRING) WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'events',
              'username' = 'weir', 'sink.buffer-flush.max-rows' = '50');
            INSERT INTO events SELECT n, page FROM clicks;
            """, input: input, chunk: 512)
        #expect(run.failure?.contains("violates check constraint") == true)
        #expect(run.reports[0].rowsWritten == 100)
        #expect(run.reports[0].summary.contains("committed before the failure: 100 rows written in 2 transactions"))
        #expect(try server.rows("SELECT count(*) FROM events") == ["100"])
        // A server that is not there: refused before any input is read.
        server.stop()
        #expect(throws: DatabaseError.self) { _ = try runInsert("""
            CREATE TABLE clicks (n BIGINT, page STRING);
            CREATE TABLE events (n BIGINT, page STRING) WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'events', 'username' = 'weir');
            INSERT INTO events SELECT n, page FROM clicks;
            """) }
    }
}
