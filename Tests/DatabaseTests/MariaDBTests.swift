import Foundation
import QueryPlanner
import Testing
@testable import WeirKit

/// MySQL's protocol, against a private MariaDB server each test starts (under a second).
@Suite("MariaDB sinks and sources")
struct MariaDBTests {
    @Test("the nightly roll-up through MySQL's protocol: partitions, the filter pushed down, upserted back twice")
    func rollUp() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        try server.execute("""
            CREATE TABLE orders (id BIGINT PRIMARY KEY, product_id BIGINT, sale_price DECIMAL(10, 2), quantity INT, created_at DATETIME(3), note VARCHAR(20));
            INSERT INTO orders SELECT seq, seq % 7, (seq % 13) + 0.25, seq % 5 + 1, TIMESTAMP '2024-05-19 12:00:00' + INTERVAL seq * 17 SECOND, 'it''s \\\\ "x"' FROM seq_1_to_20000;
            INSERT INTO orders VALUES (-5, 3, 1.50, 2, '2024-05-20 10:00:00.123', NULL), (90000, 3, 2.00, 1, '2024-05-20 11:00:00', 'tab\\there');
            CREATE TABLE daily_product_sales (product_id BIGINT, total_sales_amount DECIMAL(12, 2), total_sales_count INT, target_date VARCHAR(10),
              PRIMARY KEY (product_id, target_date))
            """)
        let script = """
            CREATE TABLE orders (id BIGINT, product_id BIGINT, sale_price DECIMAL(10, 2), quantity INT, created_at TIMESTAMP(3), note STRING)
            WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'orders', 'username' = 'root',
                  'scan.partition.column' = 'id', 'scan.partition.num' = '3', 'scan.partition.lower-bound' = '1', 'scan.partition.upper-bound' = '20000');
            CREATE TABLE daily_product_sales (product_id BIGINT, total_sales_amount DECIMAL(12, 2), total_sales_count INT, target_date STRING,
              PRIMARY KEY (product_id, target_date) NOT ENFORCED)
            WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'daily_product_sales', 'username' = 'root');
            INSERT INTO daily_product_sales
            SELECT product_id, SUM(sale_price * quantity), SUM(quantity), '2024-05-20'
            FROM orders WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00' AND note <> 'x''y'
            GROUP BY product_id;
            """
        let session = Session()
        guard case .insert(let plan)? = try session.prepare(script).last else { Issue.record("no insert"); return }
        #expect(plan.explanation.contains("`created_at` >= TIMESTAMP '2024-05-20 00:00:00'"))
        #expect(plan.explanation.contains("`note` <> 'x''y'"))
        let run = try runInsert(script)
        #expect(run.failure == nil)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        let expected = try server.rows("""
            SELECT product_id, SUM(sale_price * quantity), SUM(quantity) FROM orders
            WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00' AND note <> 'x''y' GROUP BY product_id ORDER BY 1
            """)
        let table = "SELECT product_id, total_sales_amount, total_sales_count FROM daily_product_sales ORDER BY 1"
        #expect(expected.count == 7)
        #expect(try server.rows(table) == expected)
        _ = try runInsert(script)
        #expect(try server.rows(table) == expected)
        // Strings come through whole: quotes, backslashes, tabs.
        try server.execute("CREATE TABLE notes (id BIGINT, note VARCHAR(40))")
        let copy = try runInsert("""
            CREATE TABLE orders (id BIGINT, note STRING) WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'orders', 'username' = 'root');
            CREATE TABLE notes (id BIGINT, note STRING) WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'notes', 'username' = 'root');
            INSERT INTO notes SELECT id, note FROM orders WHERE id > 19999 OR id < 0;
            """)
        #expect(copy.failure == nil)
        #expect(try server.rows("SELECT id, note FROM notes ORDER BY id") == ["-5|NULL", "20000|it's \\ \"x\"", "90000|tab\there"])
    }

    @Test("a changelog with deletes is upserted and deleted by key")
    func changelog() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE by_category (category VARCHAR(20) PRIMARY KEY, products BIGINT, total BIGINT)")
        let result = try upsertedCategories(url: server.url, user: "root", seed: 11, maxRows: 3) { try server.rows($0) }
        #expect(result.deleted > 0)
        #expect(result.held == result.expected)
    }

    @Test("the server killed and restarted mid-run: the write is retried, no row lost or doubled; a refused row stops the run")
    func failures() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE events (n BIGINT, page VARCHAR(10)); CREATE TABLE checked (n BIGINT, CHECK (n <> 120))")
        try insertAcrossRestart(url: server.url, user: "root", restart: { try? server.restart() }, rows: { try server.rows($0) })
        let refused = try runInsert("""
            CREATE TABLE clicks (n BIGINT, page STRING);
            CREATE TABLE checked (n BIGINT) WITH ('connector' = 'jdbc', 'url' = '\(server.url)', 'table-name' = 'checked',
              'username' = 'root', 'sink.buffer-flush.max-rows' = '50');
            INSERT INTO checked SELECT n FROM clicks;
            """, input: (0..<300).map { #"{"n": \#($0), "page": "/p"}"# + "\n" }.joined(), chunk: 512)
        #expect(refused.failure?.contains("CONSTRAINT") == true, "\(refused.failure ?? "")")
        #expect(refused.reports[0].rowsWritten == 100)
        #expect(try server.rows("SELECT count(*) FROM checked") == ["100"])
    }

    @Test("a checkpointed insert restarted after commits its checkpoint missed holds every row once")
    func checkpointedAppend() throws {
        let server = try MariaDBServer()
        defer { server.stop() }
        try server.execute("CREATE TABLE events (n BIGINT, page TEXT)")
        try checkpointedInsertAcrossCrashes(url: server.url, user: "root", rows: { try server.rows($0) })
    }
}
