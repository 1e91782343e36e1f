import Foundation
import QueryPlanner
import Testing
@testable import WeirKit

/// A deterministic generator for the property tests.
struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

/// Random Debezium changes to a `products (id, category, price)` table, and the table they leave.
func productChanges(seed: UInt64, count: Int) -> (events: String, final: [Int: (String, Int)]) {
    var random = SplitMix(state: seed)
    var table: [Int: (String, Int)] = [:]
    var lines = ""
    func row(_ id: Int, _ value: (String, Int)) -> String { #"{"id":\#(id),"category":"\#(value.0)","price":\#(value.1)}"# }
    for _ in 0..<count {
        let id = random.next(12)
        let value = (["books", "games", "tools", "toys"][random.next(4)], random.next(50))
        if let old = table[id] {
            if random.next(3) == 0 {
                lines += #"{"before":\#(row(id, old)),"after":null,"op":"d"}"# + "\n"
                table[id] = nil
            } else {
                lines += #"{"before":\#(row(id, old)),"after":\#(row(id, value)),"op":"u"}"# + "\n"
                table[id] = value
            }
        } else {
            lines += #"{"before":null,"after":\#(row(id, value)),"op":"c"}"# + "\n"
            table[id] = value
        }
    }
    return (lines, table)
}

/// Random product changes upserted by category into `by_category` at `url`; returns the table
/// the database holds and the one the changes describe, both as `category|products|total` rows.
func upsertedCategories(url: String, user: String, seed: UInt64, maxRows: Int, rows: (String) throws -> [String]) throws -> (held: [String], expected: [String], deleted: Int) {
    let (events, final) = productChanges(seed: seed, count: 400)
    let run = try runInsert("""
        CREATE TABLE products (id INT, category STRING, price INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('format' = 'debezium-json');
        CREATE TABLE by_category (category STRING, products BIGINT, total BIGINT, PRIMARY KEY (category) NOT ENFORCED)
          WITH ('connector' = 'jdbc', 'url' = '\(url)', 'table-name' = 'by_category', 'username' = '\(user)', 'sink.buffer-flush.max-rows' = '\(maxRows)');
        INSERT INTO by_category SELECT category, COUNT(*), SUM(price) FROM products GROUP BY category;
        """, input: events, chunk: 200)
    #expect(run.failure == nil)
    var expected: [String: (Int, Int)] = [:]
    for (_, (category, price)) in final { expected[category, default: (0, 0)].0 += 1; expected[category, default: (0, 0)].1 += price }
    return (try rows("SELECT category, products, total FROM by_category ORDER BY 1"),
            expected.sorted { $0.key < $1.key }.map { "\($0.key)|\($0.value.0)|\($0.value.1)" }, run.reports.first?.rowsDeleted ?? 0)
}

@Suite("SQLite sinks and sources")
struct SQLiteTests {
    @Test("an append-only result is inserted, every window once; replaying into a keyed table changes nothing")
    func appendAndReplay() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        try sqlite(db, "CREATE TABLE w (window_end TEXT, page TEXT, n BIGINT); CREATE TABLE k (window_end TEXT, page TEXT, n BIGINT, PRIMARY KEY (window_end, page))")
        let input = (0..<40).map { i in #"{"page": "/p\#(i % 3)", "ts": "2024-04-25 10:00:\#(String(format: "%02d", i))"}"# }.joined(separator: "\n") + "\n"
        let script = """
            CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            CREATE TABLE w (window_end TIMESTAMP(3), page STRING, n BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'w', 'sink.buffer-flush.max-rows' = '4');
            CREATE TABLE k (window_end TIMESTAMP(3), page STRING, n BIGINT, PRIMARY KEY (window_end, page) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'k');
            EXECUTE STATEMENT SET BEGIN
            INSERT INTO w SELECT window_end, page, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
            INSERT INTO k SELECT window_end, page, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, page;
            END;
            """
        let first = try runInsert(script, input: input, chunk: 64)
        #expect(first.failure == nil)
        #expect(first.reports.map(\.rowsWritten) == [12, 12])
        #expect(first.reports[0].transactions == 3)  // 12 rows, 4 a transaction
        let rows = try sqliteRows(db, "SELECT window_end, page, n FROM w ORDER BY 1, 2")
        #expect(rows.count == 12)
        #expect(rows.first == "2024-04-25 10:00:10|/p0|4")
        #expect(rows.last == "2024-04-25 10:00:40|/p2|3")
        // The same input again: the keyed table is the same, the append table has every row twice.
        _ = try runInsert(script, input: input)
        #expect(try sqliteRows(db, "SELECT window_end, page, n FROM k ORDER BY 1, 2") == rows)
        #expect(try sqliteRows(db, "SELECT count(*) FROM w") == ["24"])
    }

    @Test("a changelog with updates and deletes leaves the table the changes describe", arguments: [1, 2, 3, 4] as [UInt64])
    func changelogUpserts(seed: UInt64) throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        try sqlite(db, "CREATE TABLE by_category (category TEXT PRIMARY KEY, products BIGINT, total BIGINT)")
        let (events, final) = productChanges(seed: seed, count: 300)
        let run = try runInsert("""
            CREATE TABLE products (id INT, category STRING, price INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('format' = 'debezium-json');
            CREATE TABLE by_category (category STRING, products BIGINT, total BIGINT, PRIMARY KEY (category) NOT ENFORCED)
              WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'by_category', 'sink.buffer-flush.max-rows' = '\(Int(seed) * 3)');
            INSERT INTO by_category SELECT category, COUNT(*), SUM(price) FROM products GROUP BY category;
            """, input: events, chunk: 100)
        #expect(run.failure == nil)
        var expected: [String: (Int, Int)] = [:]
        for (_, (category, price)) in final { expected[category, default: (0, 0)].0 += 1; expected[category, default: (0, 0)].1 += price }
        let want = expected.sorted { $0.key < $1.key }.map { "\($0.key)|\($0.value.0)|\($0.value.1)" }
        #expect(try sqliteRows(db, "SELECT category, products, total FROM by_category ORDER BY 1") == want)
    }

    @Test("a partitioned scan reads every row exactly once: odd bounds, NULL keys, rows outside the bounds")
    func partitionsCoverEveryRow() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/t.db"
        let ids = Array(-5...25).map(String.init) + ["NULL", "NULL", "1000", "-1000"]
        try sqlite(db, "CREATE TABLE t (id INTEGER, v INTEGER); " + ids.enumerated().map { "INSERT INTO t VALUES (\($1), \($0));" }.joined())
        var table = TableSchema(name: "t", columns: [Column(name: "id", type: .bigint), Column(name: "v", type: .bigint)], source: .jdbc(url: "jdbc:sqlite:\(db)", table: "t"))
        for (lower, upper, count) in [(0, 20, 3), (1, 2, 5), (3, 3, 1), (-7, 13, 4), (0, 9, 10), (0, 1_000_000, 7), (Int(Int64.min / 2), Int(Int64.max / 2), 3)] {
            table.options = ["scan.partition.column": "id", "scan.partition.num": "\(count)",
                             "scan.partition.lower-bound": "\(lower)", "scan.partition.upper-bound": "\(upper)"]
            let scan = JDBCScan(table: table, url: "jdbc:sqlite:\(db)", tableName: "t", plans: [])
            var seen: [String] = []
            for partition in scan.partitions.indices {
                seen += try sqliteRows(db, scan.sql(partition: partition).replacing("SELECT \"id\"", with: "SELECT \"v\""))
            }
            #expect(seen.sorted() == (0..<ids.count).map(String.init).sorted(), "bounds \(lower)...\(upper) in \(count)")
        }
        // Through weir: the copy holds every row once.
        try sqlite(db, "CREATE TABLE copy (id INTEGER, v INTEGER)")
        let run = try runInsert("""
            CREATE TABLE t (id BIGINT, v BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 't',
              'scan.partition.column' = 'id', 'scan.partition.num' = '9', 'scan.partition.lower-bound' = '-3', 'scan.partition.upper-bound' = '17');
            CREATE TABLE copy (id BIGINT, v BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'copy');
            INSERT INTO copy SELECT id, v FROM t;
            """)
        #expect(run.failure == nil)
        #expect(try sqliteRows(db, "SELECT v FROM copy ORDER BY v") == (0..<ids.count).map(String.init))
    }

    @Test("filters are pushed to SQLite without losing rows whose times are kept as text in either form or as numbers")
    func filterPushDown() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        // 1716163200 is 2024-05-20 00:00:00 UTC.
        try sqlite(db, """
            CREATE TABLE orders (id INTEGER, amount INTEGER, created_at);
            INSERT INTO orders VALUES (1, 10, '2024-05-20 08:00:00'), (2, 20, '2024-05-20T23:30:00'), (3, 30, '2024-05-21 00:00:00'),
              (4, 40, 1716163200), (5, 50, 1716163199), (6, 60, 1716163200500), (7, 70, '1716200000'), (8, 80, '2024-05-19 23:59:59.999'),
              (9, 90, '2024-05-20'), (10, 100, NULL);
            CREATE TABLE daily (day TEXT PRIMARY KEY, orders BIGINT, amount BIGINT);
            """)
        let script = """
            CREATE TABLE orders (id BIGINT, amount BIGINT, created_at TIMESTAMP(3)) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'orders');
            CREATE TABLE daily (day STRING, orders BIGINT, amount BIGINT, PRIMARY KEY (day) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'daily');
            INSERT INTO daily SELECT '2024-05-20', COUNT(*), SUM(amount) FROM orders WHERE created_at >= '2024-05-20 00:00:00' AND created_at < '2024-05-21 00:00:00' AND amount > 5;
            """
        let session = Session()
        guard case .insert(let plan)? = try session.prepare(script).last else { Issue.record("no insert"); return }
        #expect(plan.explanation.contains("Pushed to the database: (typeof(\"created_at\") <> 'text'"))
        #expect(plan.explanation.contains("AND \"amount\" > 5"))
        let run = try runInsert(script)
        #expect(run.failure == nil)
        // 1, 2, 4, 6 (milliseconds), 7 (seconds as text), 9: six orders.
        #expect(try sqliteRows(db, "SELECT * FROM daily") == ["2024-05-20|6|290"], "\(run.diagnostics)")
    }

    @Test("a missing table, a refused row and an updating result without a key are reported, never dropped silently")
    func failures() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        try sqlite(db, "CREATE TABLE small (page TEXT CHECK (page <> '/bad'))")
        let input = ["/a", "/b", "/bad", "/c", "/d", "/e"].enumerated().map { #"{"page": "\#($1)", "ts": "2024-04-25 10:00:0\#($0)"}"# }.joined(separator: "\n") + "\n"
        let table = "CREATE TABLE clicks (page STRING, ts TIMESTAMP(3));\n"
        #expect(throws: DatabaseError.self) {
            _ = try runInsert(table + "CREATE TABLE nope (page STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'nope'); INSERT INTO nope SELECT page FROM clicks;")
        }
        do {
            _ = try runInsert(table + "CREATE TABLE nope (page STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'nope'); INSERT INTO nope SELECT page FROM clicks;")
        } catch {
            #expect("\(error)".contains("create it first: CREATE TABLE nope (page TEXT)"))
        }
        let run = try runInsert(table + """
            CREATE TABLE small (page STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'small', 'sink.buffer-flush.max-rows' = '1');
            INSERT INTO small SELECT page FROM clicks;
            """, input: input)
        #expect(run.failure?.contains("CHECK constraint failed") == true)
        #expect(run.reports[0].rowsWritten == 2)
        #expect(run.reports[0].rowsLost == 4)
        #expect(run.reports[0].summary.contains("committed before the failure: 2 rows written in 2 transactions; 4 changes not written"))
        #expect(try sqliteRows(db, "SELECT page FROM small") == ["/a", "/b"])
        do {
            _ = try runInsert(table + "CREATE TABLE counts (page STRING, n BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 'small'); INSERT INTO counts SELECT page, COUNT(*) FROM clicks GROUP BY page;")
            Issue.record("an updating result into a table without a key ran")
        } catch {
            #expect("\(error)".contains("please declare primary key for sink table"))
        }
    }

    @Test("files: each run writes a new part, JSON or CSV without a header; print shows Flink's row form")
    func filesAndPrint() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let input = #"{"page": "/a", "ts": "2024-04-25 10:00:00"}"# + "\n" + #"{"page": "/b, \"x\"", "ts": "2024-04-25 10:00:01.5"}"# + "\n"
        let script = """
            CREATE TABLE clicks (page STRING, ts TIMESTAMP(3));
            CREATE TABLE j (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '\(dir.path)/j', 'format' = 'json');
            CREATE TABLE c (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '\(dir.path)/c', 'format' = 'csv');
            CREATE TABLE p (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'print', 'print-identifier' = 'out');
            EXECUTE STATEMENT SET BEGIN
            INSERT INTO j SELECT * FROM clicks; INSERT INTO c SELECT * FROM clicks; INSERT INTO p SELECT * FROM clicks;
            END;
            """
        let run = try runInsert(script, input: input)
        #expect(run.stdout == "out> +I[/a, 2024-04-25T10:00]\nout> +I[/b, \"x\", 2024-04-25T10:00:01.500]\n")
        _ = try runInsert(script, input: input)
        #expect(try String(contentsOfFile: dir.path + "/j/part-0.json", encoding: .utf8) == #"{"page":"/a","ts":"2024-04-25 10:00:00"}"# + "\n" + #"{"page":"/b, \"x\"","ts":"2024-04-25 10:00:01.5"}"# + "\n")
        #expect(try String(contentsOfFile: dir.path + "/c/part-1.csv", encoding: .utf8) == "/a,2024-04-25 10:00:00\n\"/b, \"\"x\"\"\",2024-04-25 10:00:01.5\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/j").sorted() == ["part-0.json", "part-1.json"])
        // The directory reads back as a table, as Flink's filesystem source reads one: every part, a
        // file without a last newline too, hidden and in-progress parts skipped.
        try "{\"page\": \"/c\", \"ts\": \"2024-04-25 10:00:02\"}".write(toFile: dir.path + "/j/part-2.json", atomically: true, encoding: .utf8)
        try "{\"page\": \"/hidden\", \"ts\": \"2024-04-25 10:00:03\"}\n".write(toFile: dir.path + "/j/.part-3.json.inprogress", atomically: true, encoding: .utf8)
        let session = Session()
        let outcomes = try session.prepare("CREATE TABLE j (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = '\(dir.path)/j', 'format' = 'json'); SELECT page FROM j;")
        guard case .relational(let plan)? = outcomes.last else { Issue.record("not read through the graph"); return }
        var out: [UInt8] = []
        let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { out += $0 }, diagnostics: { _ in })
        _ = try session.run(plan, input: MemorySource([]), sink: sink)
        #expect(String(decoding: out, as: UTF8.self).split(separator: "\n").map(String.init)
                == ["{\"page\":\"/a\"}", "{\"page\":\"/b, \\\"x\\\"\"}", "{\"page\":\"/a\"}", "{\"page\":\"/b, \\\"x\\\"\"}", "{\"page\":\"/c\"}"])
    }
}

@Suite("Lookup joins")
struct LookupJoinTests {
    static func script(_ url: String, cache: String = "", kind: String = "LEFT") -> String {
        """
        CREATE TABLE orders (order_id BIGINT, product_id INT, quantity INT, proc_time AS PROCTIME());
        CREATE TABLE products (id INT, name STRING, price DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED)
        WITH ('connector' = 'jdbc', 'url' = '\(url)', 'table-name' = 'products', 'username' = 'root'\(cache));
        CREATE TABLE enriched (order_id BIGINT, name STRING, amount DECIMAL(12, 2)) WITH ('connector' = 'print');
        INSERT INTO enriched SELECT o.order_id, p.name, o.quantity * p.price
        FROM orders AS o \(kind) JOIN products FOR SYSTEM_TIME AS OF o.proc_time AS p ON o.product_id = p.id;
        """
    }

    static let orders = [
        #"{"order_id": 1, "product_id": 2, "quantity": 3}"#, #"{"order_id": 2, "product_id": 9, "quantity": 1}"#,
        #"{"order_id": 3, "product_id": 1, "quantity": 2}"#, #"{"order_id": 4, "product_id": null, "quantity": 2}"#,
    ].map { Array(($0 + "\n").utf8) }

    @Test("each order joined with its product as the database holds it when the order arrives; LEFT pads a missing one; the cache keeps a key")
    func sqliteTable() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        try sqlite(db, "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price NUMERIC(10, 2)); INSERT INTO products VALUES (1, 'lamp', 12.5), (2, 'desk', 99.9)")
        // Between the first and second order the lamp's price changes and product 9 appears.
        func source() -> InterruptedSource {
            InterruptedSource(chunks: Self.orders + Self.orders.prefix(1)) { i in
                if i == 1 { try? sqlite(db, "UPDATE products SET price = 20 WHERE id = 1; INSERT INTO products VALUES (9, 'rug', 5)") }
            }
        }
        let fresh = try runInsert(Self.script("jdbc:sqlite:\(db)"), source: source())
        #expect(fresh.stdout == "+I[1, desk, 299.70]\n+I[2, rug, 5.00]\n+I[3, lamp, 40.00]\n+I[4, null, null]\n+I[1, desk, 299.70]\n")
        try sqlite(db, "UPDATE products SET price = 12.5 WHERE id = 1; DELETE FROM products WHERE id = 9; UPDATE products SET price = 99.9 WHERE id = 2")
        // Cached: order 1's desk and order 2's missing key are kept; the inner join drops the missing ones.
        let cached = try runInsert(Self.script("jdbc:sqlite:\(db)", cache: ", 'lookup.cache.max-rows' = '10', 'lookup.cache.ttl' = '1 h'", kind: "INNER"),
                                   source: InterruptedSource(chunks: Self.orders + Self.orders.prefix(2)) { i in
                                       if i == 2 { try? sqlite(db, "UPDATE products SET price = 50 WHERE id = 2; INSERT INTO products VALUES (9, 'rug', 5)") }
                                   })
        #expect(cached.stdout == "+I[1, desk, 299.70]\n+I[3, lamp, 25.00]\n+I[1, desk, 299.70]\n")
    }

    @Test("the same join against PostgreSQL and MariaDB")
    func servers() throws {
        let postgres = try PostgresServer()
        defer { postgres.stop() }
        try postgres.execute("CREATE TABLE products (id INT PRIMARY KEY, name TEXT, price NUMERIC(10, 2)); INSERT INTO products VALUES (1, 'lamp', 12.5), (2, 'desk', 99.9)")
        let mariadb = try MariaDBServer()
        defer { mariadb.stop() }
        try mariadb.execute("CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(10, 2)); INSERT INTO products VALUES (1, 'lamp', 12.5), (2, 'desk', 99.9)")
        for url in [postgres.url.replacing("shop", with: "shop"), mariadb.url] {
            let script = Self.script(url).replacing("'username' = 'root'", with: url.contains("postgresql") ? "'username' = 'weir'" : "'username' = 'root'")
            let run = try runInsert(script, source: InterruptedSource(chunks: Self.orders) { _ in })
            #expect(run.stdout == "+I[1, desk, 299.70]\n+I[2, null, null]\n+I[3, lamp, 25.00]\n+I[4, null, null]\n", "\(url)")
        }
    }
}

@Suite("JDBC URLs")
struct JDBCURLTests {
    @Test("URLs of the three databases; a password in one is never shown")
    func urls() throws {
        #expect(JDBCURL("jdbc:sqlite:shop.db") == .sqlite(path: "shop.db"))
        #expect(JDBCURL("jdbc:postgresql://db.example:6432/shop?user=a&password=p%40ss") == .postgres(host: "db.example", port: 6432, database: "shop", parameters: ["user": "a", "password": "p@ss"]))
        #expect(JDBCURL("jdbc:mysql://localhost/shop") == .mysql(host: "localhost", port: 3306, database: "shop", parameters: [:]))
        #expect(JDBCURL("jdbc:oracle:thin:@x") == nil)
        #expect(JDBCURL.redacted("jdbc:postgresql://h/shop?user=a&password=secret") == "jdbc:postgresql://h/shop?user=a&password=***")
        let session = Session()
        let outcomes = try session.prepare("""
            CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://h/shop?password=secret', 'table-name' = 't', 'password' = 'hunter2');
            CREATE TABLE s (a INT) WITH ('connector' = 'blackhole');
            EXPLAIN INSERT INTO s SELECT a FROM t;
            """)
        for case .explained(let text) in outcomes {
            #expect(!text.contains("secret") && !text.contains("hunter2"))
        }
    }
}

@Suite("Stopping a run")
struct StopTests {
    @Test("a run stopped early still commits the changes its sinks hold, and says so")
    func stopped() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/shop.db"
        try sqlite(db, "CREATE TABLE t (page TEXT PRIMARY KEY, n BIGINT)")
        let session = Session()
        guard case .insert(let plan)? = try session.prepare("""
            CREATE TABLE clicks (page STRING);
            CREATE TABLE t (page STRING, n BIGINT, PRIMARY KEY (page) NOT ENFORCED)
              WITH ('connector' = 'jdbc', 'url' = 'jdbc:sqlite:\(db)', 'table-name' = 't', 'sink.buffer-flush.interval' = '1 h');
            INSERT INTO t SELECT page, COUNT(*) FROM clicks GROUP BY page;
            """).last else { Issue.record("no insert"); return }
        let input = Array((#"{"page": "/a"}"# + "\n" + #"{"page": "/b"}"# + "\n" + #"{"page": "/a"}"# + "\n").utf8)
        let output = OutputSink(columns: [], format: .ndjson, write: { _ in }, diagnostics: { _ in })
        var chunks = 0
        let (_, _, reports) = try session.run(plan, input: MemorySource(input + input, chunkSize: input.count), output: output) {
            chunks += 1
            return chunks >= 1  // stop after the first chunk, as a signal would
        }
        #expect(reports[0].rowsWritten == 2)
        #expect(try sqliteRows(db, "SELECT page, n FROM t ORDER BY page") == ["/a|2", "/b|1"])
    }
}
