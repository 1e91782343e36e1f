import Testing
import SQLSyntax
@testable import QueryPlanner

func plan(_ script: String, defaultDelay: Int64 = 0) throws -> QueryPlan {
    var catalog = Catalog()
    var result: QueryPlan?
    for statement in try Parser.parse(script) {
        switch statement {
        case .createTable(let create): catalog.register(try Catalog.schema(for: create))
        case .query(let q), .explain(let q): result = try QueryPlanner.plan(q, catalog: catalog, defaultWatermarkDelay: defaultDelay)
        case .createView, .set, .insert, .statementSet, .explainInserts: break
        }
    }
    return result!
}

func planningError(_ script: String) -> PlanningError? {
    do {
        _ = try plan(script)
        return nil
    } catch let error as PlanningError {
        return error
    } catch {
        return nil
    }
}

/// The error of planning `script`'s query into the operator graph, if any.
func graphPlanningError(_ script: String) -> PlanningError? {
    do {
        var catalog = Catalog()
        var views: [String: Query] = [:]
        for statement in try Parser.parse(script) {
            switch statement {
            case .createTable(let create): catalog.register(try Catalog.schema(for: create))
            case let .createView(name, query): views[name.name.lowercased()] = query
            case .query(let q): _ = try RelationalPlanner(catalog: catalog, views: views, defaultWatermarkDelay: 0).plan(q, sql: script)
            default: break
            }
        }
        return nil
    } catch let error as PlanningError {
        return error
    } catch {
        return PlanningError("\(error)", at: SourceLocation(offset: 0, line: 1, column: 1))
    }
}

let clicksDDL = """
    CREATE TABLE clicks (user_id INT, page STRING, `timestamp` TIMESTAMP(3), duration_ms BIGINT, price DECIMAL(10, 2),
      WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '3' SECOND);
    """

@Suite("Planner")
struct PlannerTests {
    @Test("names Flink 2.3 does not have (BOOL_AND, DATEDIFF…) are unknown, with Flink's way to write them")
    func notInFlink() throws {
        let error = try #require(planningError("SELECT BOOL_AND(page = 'x') AS b FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '1' SECOND)"))
        #expect(error.diagnostic.message == "unknown function BOOL_AND")
        #expect(error.diagnostic.hint?.contains("MIN of a BOOLEAN") == true)
        let dated = try #require(planningError("SELECT DATEDIFF(page, page) AS d FROM clicks"))
        #expect(dated.diagnostic.hint?.contains("TIMESTAMPDIFF(DAY, a, b)") == true)
        // Flink 2.3 refuses it on a stream ("does not support yet for streaming"): said so, with the exact form.
        let approximate = try #require(planningError("SELECT APPROX_COUNT_DISTINCT(user_id) AS u FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '1' SECOND)"))
        #expect(approximate.diagnostic.message.contains("only in batch mode"))
        #expect(approximate.diagnostic.hint == "COUNT(DISTINCT user_id) gives the exact count")
    }

    @Test("FIRST_VALUE, LAST_VALUE and JSON_ARRAYAGG cannot merge: refused in HOP, CUMULATE and SESSION windows, as Flink does; TUMBLE takes them")
    func unmergeableAggregates() throws {
        let hop = try #require(planningError(clicksDDL + "SELECT page, FIRST_VALUE(user_id) AS f FROM clicks GROUP BY HOP(`timestamp`, INTERVAL '1' SECOND, INTERVAL '4' SECOND), page;"))
        #expect(hop.diagnostic.message == "FIRST_VALUE cannot be used in a HOP window aggregation: Flink has no merge for it (HOP windows merge partial aggregates)")
        let cumulate = try #require(planningError(clicksDDL + "SELECT window_start, window_end, JSON_ARRAYAGG(page) AS a FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '1' SECOND, INTERVAL '4' SECOND)) GROUP BY window_start, window_end;"))
        #expect(cumulate.diagnostic.message.hasPrefix("JSON_ARRAYAGG cannot be used in a CUMULATE window"))
        let session = try #require(planningError(clicksDDL + "SELECT page, LAST_VALUE(user_id) AS l FROM clicks GROUP BY SESSION(`timestamp`, INTERVAL '4' SECOND), page;"))
        #expect(session.diagnostic.message.hasPrefix("LAST_VALUE cannot be used in a SESSION window"))
        _ = try plan(clicksDDL + "SELECT page, FIRST_VALUE(user_id) AS f, LAST_VALUE(user_id) AS l FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '4' SECOND), page;")
        _ = try plan(clicksDDL + "SELECT window_start, window_end, JSON_OBJECTAGG(page VALUE user_id) AS o FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '1' SECOND, INTERVAL '4' SECOND)) GROUP BY window_start, window_end;")
        // With a LIKE among the WHERE's conjuncts Flink keeps the window TVF apart, merges
        // nothing and answers; with another filter it refuses.
        let cumulateFirst = "SELECT window_start, window_end, FIRST_VALUE(user_id) AS f FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '1' SECOND, INTERVAL '4' SECOND))"
        #expect(graphPlanningError(clicksDDL + cumulateFirst + " WHERE page LIKE '/p%' GROUP BY window_start, window_end") == nil)
        #expect(RelationalPlanner.needsGraph(try #require(Parser.parse(clicksDDL + cumulateFirst + " WHERE page LIKE '/p%' GROUP BY window_start, window_end").compactMap {
            if case .query(let q) = $0 { q } else { nil } }.first), views: [:], catalog: Catalog()))
        #expect(planningError(clicksDDL + cumulateFirst + " WHERE page <> '/p' GROUP BY window_start, window_end;") != nil)
    }

    @Test("OVER windows: two written the same in one WINDOW clause are refused, as Calcite does; no frame and RANGE UNBOUNDED PRECEDING are one window")
    func overWindowSpecifications() throws {
        let over = "SELECT page, COUNT(*) OVER w1 AS a, MAX(user_id) OVER w2 AS b FROM clicks WINDOW "
        let duplicate = try #require(graphPlanningError(clicksDDL + over + "w1 AS (PARTITION BY page ORDER BY `timestamp`), w2 AS (PARTITION BY page ORDER BY `timestamp`);"))
        #expect(duplicate.diagnostic.message == "Duplicate window specification not allowed in the same window clause")
        #expect(duplicate.diagnostic.hint == "w2 is written as w1 is: use w1 for both")
        #expect(graphPlanningError(clicksDDL + over + "w1 AS (PARTITION BY page ORDER BY `timestamp`), w2 AS (PARTITION BY page ORDER BY `timestamp` RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);") == nil)
        let different = try #require(graphPlanningError(clicksDDL + over + "w1 AS (PARTITION BY page ORDER BY `timestamp`), w2 AS (PARTITION BY page ORDER BY `timestamp` ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);"))
        #expect(different.diagnostic.message == "OVER aggregates with different windows in one query are not supported yet")
    }

    @Test("a computed column is typed from its expression, bound over the fields it reads, and may be the event time")
    func computedColumns() throws {
        let ddl = """
            CREATE TABLE t (s STRING, n INT, ts AS TO_TIMESTAMP(s), twice AS n * 2,
              WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);
            """
        let p = try plan(ddl + "SELECT twice, COUNT(*) AS c FROM t GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), twice")
        #expect(p.table.columns.map(\.name) == ["s", "n", "ts", "twice"])
        #expect(p.table.columns[2].type == .timestamp)
        #expect(p.fields.map(\.name) == ["s", "ts", "n", "twice"])
        #expect(p.timeSlot == 1)
        #expect(p.computed.map(\.slot) == [1, 3])
        #expect(p.watermarkDelay == 1000)
        let unknown = try #require(planningError("CREATE TABLE t (a INT, b AS c + 1); SELECT b FROM t"))
        #expect(unknown.diagnostic.message == "unknown column c")
        let cdc = try #require(planningError("CREATE TABLE t (a INT, b AS a + 1) WITH ('format' = 'debezium-json'); SELECT b FROM t"))
        #expect(cdc.diagnostic.message == "computed columns on a 'debezium-json' table are not supported yet")
    }

    @Test("ROW columns are read by their leaves; a.b is a nested field unless a is a table; a whole ROW is composed from its leaves")
    func nestedRows() throws {
        let sep = String(nestedPathSeparator)
        let ddl = "CREATE TABLE t (page STRING, `user` ROW<id INT, geo ROW(city STRING)>, ts TIMESTAMP(3));"
        let p = try plan(ddl + "SELECT `user`.id, t.`user`.geo.city AS city, page FROM t")
        #expect(p.fields.map(\.name) == ["user" + sep + "id", "user" + sep + "geo" + sep + "city", "page"])
        #expect(p.outputColumns.map(\.name) == ["id", "city", "page"])
        #expect(p.table.rowTypes["user"]?.description == "ROW<id INT, geo ROW<city STRING>>")
        let inferred = try plan("SELECT user.tier, COUNT(*) AS c FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '1' SECOND), user.tier")
        #expect(inferred.fields.map(\.name).contains("user" + sep + "tier"))
        // A whole ROW is composed from its leaves, once, where the table declares it.
        #expect(try plan(ddl + "SELECT `user` FROM t").outputColumns.map(\.type.description) == ["ROW<id INT, geo ROW<city STRING>>"])
        #expect(try plan(ddl + "SELECT * FROM t").outputColumns.map(\.name) == ["page", "user", "ts"])
        #expect(planningError(ddl + "SELECT `user`.nope FROM t")?.diagnostic.message == "unknown column user.nope")
    }

    @Test("an AVG of a FLOAT is Flink's SUM / COUNT in FLOAT over an OVER window or beside the SUM and the COUNT of its argument, else its own AVG")
    func floatAverageRewrite() {
        func call(_ function: AggregateFunction, _ slot: Int, filtered: Bool = false) -> AggregateCall {
            let argument: BoundExpression = filtered ? .negate(.slot(slot), .float) : .slot(slot)
            return AggregateCall(function: function, argument: argument, distinct: false, argumentType: .float,
                                 resultType: function == .count ? .bigint : .float, text: "\(function.rawValue)")
        }
        func rewritten(_ calls: [AggregateCall], over: Bool = false) -> Bool {
            AggregateCall.markingWrappingSums(calls, over: over).first { $0.function == .avg }!.sumWraps
        }
        #expect(rewritten([call(.avg, 0)], over: true))
        #expect(rewritten([call(.sum, 0), call(.avg, 0), call(.count, 0)]))
        #expect(!rewritten([call(.avg, 0), call(.count, 0)]))
        #expect(!rewritten([call(.avg, 0), call(.sum, 0)]))
        #expect(!rewritten([call(.sum, 0, filtered: true), call(.avg, 0), call(.count, 0)]))
        #expect(!rewritten([call(.sum, 1), call(.avg, 0), call(.count, 1)]))
    }

    @Test("the seed query over an inferred stream")
    func seed() throws {
        let p = try plan("SELECT page, COUNT(*) AS click_count FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page")
        #expect(p.mode == .windowAggregate)
        #expect(p.fields.map(\.name) == ["timestamp", "page"])
        #expect(p.fields[0].type == .timestamp)
        #expect(p.window == WindowSpec(kind: .tumble(size: 10_000), syntax: .groupWindow))
        #expect(p.keys == [.slot(1)])
        #expect(p.outputColumns == [Column(name: "page", type: .dynamic), Column(name: "click_count", type: .bigint)])
        #expect(p.watermarkDelay == 0)
    }

    @Test("the WATERMARK clause sets the delay; without one the session default applies")
    func watermarkDelay() throws {
        #expect(try plan(clicksDDL + "SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' MINUTE)").watermarkDelay == 3000)
        let noWatermark = "CREATE TABLE c (ts TIMESTAMP(3)); SELECT COUNT(*) FROM c GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)"
        #expect(try plan(noWatermark, defaultDelay: 5000).watermarkDelay == 5000)
    }

    @Test("unnamed expressions are EXPR$ and their position, as in Flink")
    func exprNames() throws {
        let p = try plan(clicksDDL + "SELECT page, COUNT(*), TUMBLE_END(`timestamp`, INTERVAL '10' SECOND) FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page")
        #expect(p.outputColumns.map(\.name) == ["page", "EXPR$1", "EXPR$2"])
    }

    @Test("result types follow Flink")
    func resultTypes() throws {
        let p = try plan(clicksDDL + """
            SELECT COUNT(user_id) AS a, SUM(user_id) AS b, AVG(user_id) AS c, AVG(price) AS d, SUM(price) AS e,
              MIN(page) AS f, SUM(CAST(duration_ms AS DOUBLE)) AS g, MAX(user_id / 2) AS h, MAX(duration_ms * 1.5) AS i
            FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND)
            """)
        #expect(p.outputColumns.map(\.type) == [.bigint, .int, .int, .decimal(precision: 38, scale: 6), .decimal(precision: 38, scale: 2),
                                                  .string, .double, .int, .decimal(precision: 22, scale: 1)])
    }

    @Test("an expression equal to a group key is read from the key")
    func groupedExpression() throws {
        let p = try plan(clicksDDL + "SELECT UPPER(page) AS u, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), UPPER(page)")
        #expect(p.projections[0] == .slot(QueryPlan.windowPropertyCount))
    }

    @Test("what Flink 2.3 refuses: a TUMBLE offset as long as its size, FILTER with OVER")
    func flinkRefusals() throws {
        let tumble = "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '2' SECOND, INTERVAL '-2' SECOND)) GROUP BY window_start, window_end"
        #expect(planningError(clicksDDL + tumble)?.message.hasPrefix("TUMBLE table function parameters must satisfy abs(offset) < size") == true)
        // HOP and CUMULATE take an offset past their slide or step (checked on Flink 2.3).
        _ = try plan(clicksDDL + "SELECT window_start, COUNT(*) AS n FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '2' SECOND, INTERVAL '6' SECOND, INTERVAL '3' SECOND)) GROUP BY window_start, window_end")
        #expect(throws: SyntaxError.self) {
            try Parser.parse("SELECT SUM(d) FILTER (WHERE d > 1) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM t")
        }
    }

    @Test("window TVFs group by window_start and window_end")
    func tvf() throws {
        let p = try plan(clicksDDL + """
            SELECT window_start, window_end, page, COUNT(*) AS n
            FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND, INTERVAL '1' MINUTE, INTERVAL '1' SECOND))
            GROUP BY window_start, window_end, page
            """)
        #expect(p.window == WindowSpec(kind: .hop(slide: 5000, size: 60000), offset: 1000, syntax: .tableFunction))
        #expect(p.projections[0] == .slot(0))
        #expect(p.projections[1] == .slot(1))
    }

    @Test("a TVF query without aggregation projects each event")
    func tvfProjection() throws {
        let p = try plan(clicksDDL + "SELECT page, window_end FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '5' SECOND))")
        #expect(p.mode == .projection)
        // window_end sits after the input fields.
        #expect(p.projections[1] == .slot(p.fields.count + 1))
    }

    static let errorCases: [(String, String, String?)] = [
        ("SELECT pgae, COUNT(*) FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND), pgae", "unknown column pgae", "did you mean page?"),
        ("SELECT page, user_id FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND), page", "column user_id is neither grouped nor aggregated", nil),
        ("SELECT page, COUNT(*) FROM clicks GROUP BY page", "weir answers windowed aggregations only", nil),
        ("SELECT SUM(page) FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND)", "SUM needs a number, not STRING", nil),
        ("SELECT COUNT(*) FROM clickz GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND)", "unknown table clickz", "did you mean clicks?"),
        ("SELECT TUMBLE_END(`timestamp`, INTERVAL '2' SECOND) FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND)",
         "TUMBLE_END(`timestamp`, INTERVAL '2' SECOND) does not match the GROUP BY window TUMBLE(`timestamp`, INTERVAL '1' SECOND)", nil),
        ("SELECT COUNT(*) FROM clicks GROUP BY TUMBLE(page, INTERVAL '1' SECOND)", "page is not the event-time column of clicks", nil),
        ("SELECT LOWR(page) FROM clicks", "unknown function LOWR", "did you mean LOWER?"),
        ("SELECT page FROM clicks WHERE page = 1", "cannot compare STRING with INT", nil),
        ("SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '1' SECOND)) GROUP BY page",
         "a window aggregation over a window TVF groups by window_start and window_end", nil),
        ("SELECT COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(`timestamp`), INTERVAL '7' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
         "HOP size must be a whole multiple of the slide", nil),
        ("SELECT page FROM clicks WHERE COUNT(*) > 1", "aggregates are not allowed in WHERE", nil),
    ]

    @Test("wrong queries say what is wrong and where", arguments: errorCases)
    func errors(_ sql: String, _ message: String, _ hint: String?) {
        let error = planningError(clicksDDL + sql)
        #expect(error?.message == message)
        if let hint { #expect(error?.diagnostic.hint == hint) }
    }

    @Test("an unknown type in CREATE TABLE suggests the closest")
    func unknownType() {
        let error = planningError("CREATE TABLE t (a INTEGR); SELECT a FROM t")
        #expect(error?.message == "unknown type INTEGR")
        #expect(error?.diagnostic.hint == "did you mean INTEGER?")
    }

    @Test("a 'csv' table is written, not read: reading it says so instead of finding every line a bad JSON line")
    func csvSource() {
        let error = planningError("CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = 't.csv', 'format' = 'csv'); SELECT a FROM t")
        #expect(error?.message == "table t is 'csv': weir writes CSV files but does not read them yet")
        #expect(error?.diagnostic.hint == "read the file as NDJSON ('format' = 'json'), one object a line")
    }

    @Test("EXPLAIN prints one operator a line")
    func explain() throws {
        let p = try plan(clicksDDL + "SELECT page, COUNT(*) AS n FROM clicks WHERE user_id > 100 GROUP BY TUMBLE(`timestamp`, INTERVAL '1' MINUTE), page HAVING COUNT(*) > 2")
        #expect(p.explanation == """
            Source: clicks from stdin, NDJSON [timestamp TIMESTAMP(3), user_id INT, page STRING]
            Watermark: max(timestamp) - 3s
            Filter: user_id > 100
            WindowAggregate: TUMBLE(size=1m) keys=[page] aggregates=[COUNT(*)]
            Filter: COUNT(*) > 2
            Project: page AS page, COUNT(*) AS n
            Emit: page STRING, n BIGINT
            """)
    }
}

@Suite("Timestamps")
struct TimestampTests {
    static let forms: [(String, Int64)] = [
        ("2024-04-25 10:00:01", 1_714_039_201_000),
        ("2024-04-25 10:00:01.5", 1_714_039_201_500),
        ("2024-04-25T10:00:01.123456Z", 1_714_039_201_123),
        ("2024-04-25T12:00:01+02:00", 1_714_039_201_000),
        ("2024-04-25", 1_713_999_600_000 + 3_600_000),
        ("1969-12-31 23:59:59.999", -1),
    ]

    @Test("the forms of event time weir reads", arguments: forms)
    func parse(_ text: String, _ millis: Int64) {
        #expect(Timestamp.parse(text) == millis)
    }

    @Test("nonsense is not a time", arguments: ["yesterday", "2024-13-01 00:00:00", "2024-02-30 10:00:00", "2024-04-25 25:00:00", "2024-04-25 10:00:00 junk", ""])
    func reject(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("a TIME(p) as Flink's CAST to STRING writes it: a fraction of at most p digits, one at least")
    func timeText() {
        #expect(Timestamp.formatTime(36_001_123, digits: 3) == "10:00:01.123")
        #expect(Timestamp.formatTime(36_001_000, digits: 3) == "10:00:01.0")
        #expect(Timestamp.formatTime(36_001_120, digits: 3) == "10:00:01.12")
        #expect(Timestamp.formatTime(36_001_123, digits: 1) == "10:00:01.1")
        #expect(Timestamp.formatTime(36_001_050, digits: 1) == "10:00:01.0")
        #expect(Timestamp.formatTime(36_001_050, digits: 3) == "10:00:01.05")
        #expect(Timestamp.formatTime(36_001_999, digits: 0) == "10:00:01")
    }

    @Test("Flink's SQL form: a fraction only when it is not zero")
    func format() {
        #expect(Timestamp.format(1_714_039_201_000) == "2024-04-25 10:00:01")
        #expect(Timestamp.format(1_714_039_209_999) == "2024-04-25 10:00:09.999")
        #expect(Timestamp.format(1_714_039_201_500) == "2024-04-25 10:00:01.5")
        #expect(Timestamp.format(-1) == "1969-12-31 23:59:59.999")
    }
}

@Suite("Unknown functions")
struct UnknownFunctionTests {
    @Test("a Flink function weir lacks is named as such; a typo gets the function meant")
    func names() throws {
        #expect(throws: PlanningError.self) { try plan("SELECT ENCODE(page, 'UTF-8') FROM clicks") }
        do {
            _ = try plan("SELECT ENCODE(page, 'UTF-8') FROM clicks")
        } catch let error as PlanningError {
            #expect(error.message == "ENCODE is a Flink function weir does not support yet")
        }
        do {
            _ = try plan("SELECT UPPPER(page) FROM clicks")
        } catch let error as PlanningError {
            #expect(error.message == "unknown function UPPPER")
            #expect(error.diagnostic.hint == "did you mean UPPER?")
        }
    }
}

@Suite("Function signatures")
struct FunctionSignatureTests {
    @Test("every scalar function weir knows has a signature for \\functions")
    func covered() {
        let listed = Set(FunctionSignatures.all.map(\.name))
        let aliases: Set<String> = ["CHARACTER_LENGTH", "CEILING", "POW", "QUARTER", "MONTH", "WEEK", "DAYOFYEAR", "DAYOFMONTH", "DAYOFWEEK",
                                    "HOUR", "MINUTE", "SECOND", "FLOOR_TO", "CEIL_TO"]
        let missing = Binder.scalarFunctionNames.filter { !listed.contains($0) && !aliases.contains($0) }
        #expect(missing.isEmpty, "no signature for \(missing)")
    }
}

@Suite("JSON_VALUE RETURNING")
struct JSONValueReturningTests {
    @Test("RETURNING takes Flink's four types, ERROR ON ERROR is named, DEFAULT must fit the type")
    func refusals() throws {
        let declared = "CREATE TABLE clicks (p STRING, ts TIMESTAMP(3));\n"
        _ = try plan(declared + "SELECT JSON_VALUE(p, '$.a' RETURNING INT DEFAULT -1 ON ERROR) AS a FROM clicks")
        #expect(planningError(declared + "SELECT JSON_VALUE(p, '$.a' RETURNING BIGINT) FROM clicks")?.message == "JSON_VALUE cannot return BIGINT")
        #expect(planningError(declared + "SELECT JSON_VALUE(p, '$.a' ERROR ON ERROR) FROM clicks")?.message
            == "JSON_VALUE's ERROR ON ERROR is not supported yet: weir does not stop a stream for one value")
        #expect(planningError(declared + "SELECT JSON_VALUE(p, '$.a' RETURNING INT DEFAULT 'x' ON ERROR) FROM clicks")?.message
            == "JSON_VALUE's DEFAULT is STRING, not the INT it returns")
    }
}

@Suite("Result names")
struct ResultNameTests {
    @Test("a name taken twice gets Calcite's first free suffix, as Flink shows it")
    func uniquified() throws {
        let plan = try plan(clicksDDL + "SELECT page AS a, user_id AS a, page AS a0, page AS a FROM clicks")
        #expect(plan.outputColumns.map(\.name) == ["a", "a0", "a00", "a1"])
    }
}

@Suite("Flink functions of a query's context")
struct ContextFunctionTests {
    @Test("PROCTIME() and a processing-time column read the wall clock")
    func proctime() throws {
        let plan = try plan("CREATE TABLE t (k STRING, pt AS PROCTIME()); SELECT k, pt, PROCTIME() AS now FROM t")
        #expect(plan.projections.count == 3)
        for projection in plan.projections.dropFirst() {
            guard case .call(.now, _, _) = projection else {
                Issue.record("expected the wall clock, got \(projection)")
                continue
            }
        }
    }

    @Test("CURRENT_WATERMARK takes the rowtime attribute only, as in Flink")
    func currentWatermark() throws {
        let ddl = "CREATE TABLE t (k STRING, ts TIMESTAMP(3), seen TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);"
        _ = try plan(ddl + "SELECT k FROM t WHERE ts > CURRENT_WATERMARK(ts)")
        let error = try #require(planningError(ddl + "SELECT k FROM t WHERE seen > CURRENT_WATERMARK(seen)"))
        #expect(error.message.hasPrefix("CURRENT_WATERMARK takes the rowtime attribute"))
        #expect(error.diagnostic.hint == "CURRENT_WATERMARK(ts)")
    }

    @Test("GROUPING and GROUP_ID of a plain GROUP BY are 0")
    func groupingOfPlainGroupBy() throws {
        let plan = try plan(clicksDDL + "SELECT page, GROUPING(page) AS g, GROUP_ID() AS i, COUNT(*) AS c FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '1' SECOND), page")
        #expect(plan.projections[1] == .constant(.int(0)))
        #expect(plan.projections[2] == .constant(.int(0)))
    }
}

@Suite("Grouping sets")
struct GroupingSetOrderTests {
    func sets(_ sql: String) throws -> [String] {
        guard case .query(let q)? = try Parser.parse(sql).first, let sets = q.groupingSets else { return [] }
        return sets.map { "(" + $0.map(\.description).joined(separator: ", ") + ")" }
    }

    @Test("grouping sets in Calcite's order: an enclosing set first, then by their keys' positions")
    func calciteOrder() throws {
        #expect(try sets("SELECT COUNT(*) FROM t GROUP BY GROUPING SETS (c, (c, a), ())") == ["(c, a)", "(c)", "()"])
        #expect(try sets("SELECT COUNT(*) FROM t GROUP BY GROUPING SETS ((g), ROLLUP(k))") == ["(g)", "(k)", "()"])
        #expect(try sets("SELECT COUNT(*) FROM t GROUP BY ROLLUP(k), CUBE(g)") == ["(k, g)", "(k)", "(g)", "()"])
        #expect(try sets("SELECT COUNT(*) FROM t GROUP BY GROUPING SETS ((k), (g)), GROUPING SETS ((v), ())") == ["(k, v)", "(k)", "(g, v)", "(g)"])
    }

    @Test("an aggregate that reads the window: the fused plan names it, the operator graph computes it per window")
    func aggregateOverWindowBounds() {
        let declared = "CREATE TABLE clicks (p STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);\n"
        let tvf = " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end"
        #expect(planningError(declared + "SELECT COUNT(*) FILTER (WHERE ts >= window_start + INTERVAL '5' SECOND) AS n" + tvf)?.message
            == "an aggregate whose argument or FILTER reads the window (window_start, window_end, window_time) is not supported yet")
        #expect(planningError(declared + "SELECT SUM(COUNT(*)) AS n" + tvf)?.message == "aggregates cannot be nested")
        // The operator graph computes such an argument per window in a subquery over the TVF.
        #expect(graphPlanningError(declared + "SELECT COUNT(*) FILTER (WHERE ts >= window_start + INTERVAL '5' SECOND) AS n" + tvf) == nil)
        #expect(RelationalPlanner.windowReadingArguments(try! Parser.parse(declared + "SELECT COUNT(*) FILTER (WHERE ts >= window_start) AS n" + tvf).compactMap {
            if case .query(let q) = $0 { q } else { nil }
        }[0]) != nil)
    }

    @Test("a scalar subquery in an aggregation: planned unwindowed, named where it is not")
    func scalarSubqueryInAggregation() {
        let declared = "CREATE TABLE clicks (p STRING, d BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);\n"
        #expect(graphPlanningError(declared + "SELECT p, COUNT(*) AS n, (SELECT COUNT(*) FROM clicks) AS t FROM clicks GROUP BY p") == nil)
        #expect(graphPlanningError(declared + "SELECT p, COUNT(*) AS n FROM clicks WHERE d > (SELECT AVG(d) FROM clicks) GROUP BY p") == nil)
        let refused = "a scalar subquery in a window aggregation, GROUPING SETS, OVER or DISTINCT is not supported yet"
        #expect(graphPlanningError(declared + "SELECT p, COUNT(*) AS n, (SELECT COUNT(*) FROM clicks) AS t FROM clicks GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), p")?.message
            == refused)
        // Inside an aggregate's argument: a column of the rows the aggregation reads.
        #expect(graphPlanningError(declared + "SELECT p, SUM(d + (SELECT MAX(d) FROM clicks)) AS s FROM clicks GROUP BY p") == nil)
    }

    @Test("a temporal join on a versioned view: a deduplication on event time keyed as it is joined; other views named")
    func versionedView() {
        let declared = """
            CREATE TABLE rates (currency STRING, rate DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            CREATE TABLE orders (id INT, currency STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);

            """
        let latest = "CREATE VIEW v AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;\n"
        let join = "SELECT o.id, r.rate FROM orders AS o JOIN v FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency"
        #expect(graphPlanningError(declared + latest + join) == nil)
        #expect(graphPlanningError(declared + "CREATE VIEW v AS SELECT currency, rate, ts FROM rates WHERE rate > 0;\n" + join)?.message
            == "v is not a versioned view: an event-time temporal join needs a unique key and an event-time attribute in its rows")
        #expect(graphPlanningError(declared + latest + "SELECT o.id, r.rate FROM orders AS o JOIN v FOR SYSTEM_TIME AS OF o.ts AS r ON o.id = r.rate")?.message
            == "the temporal join's equalities must hold v's primary key (currency), as in Flink")
        // After another join the hint names the joins' column (the left has no alias of its own).
        let afterJoin = graphPlanningError(declared + latest + "CREATE TABLE users (id INT, name STRING);\n"
            + "SELECT o.id FROM orders AS o JOIN users AS u ON o.id = u.id JOIN v FOR SYSTEM_TIME AS OF o.ts AS r ON u.id = r.rate")
        #expect(afterJoin?.diagnostic.hint == "ON o.currency = r.currency")
        // A key that is an expression of the joins' columns is computed first, as after one table.
        #expect(graphPlanningError(declared + latest + "CREATE TABLE users (id INT, name STRING);\n"
            + "SELECT o.id, r.rate FROM orders AS o JOIN users AS u ON o.id = u.id JOIN v FOR SYSTEM_TIME AS OF o.ts AS r ON UPPER(o.currency) = r.currency") == nil)
    }

    @Test("joins in parentheses on a join's right: planned as written, their tables' names kept")
    func parenthesizedJoinOnTheRight() {
        let declared = """
            CREATE TABLE clicks (user_id INT, page STRING);
            CREATE TABLE users (user_id INT, name STRING);
            CREATE TABLE orders (order_id INT, user_id INT, amount INT);

            """
        let nested = "(users u JOIN orders o ON u.user_id = o.user_id)"
        #expect(graphPlanningError(declared + "SELECT c.page, u.name, o.amount FROM clicks c LEFT JOIN \(nested) ON c.user_id = u.user_id") == nil)
        #expect(graphPlanningError(declared + "SELECT u.name, SUM(o.amount) AS s FROM clicks c JOIN \(nested) ON c.user_id = u.user_id GROUP BY u.name") == nil)
        #expect(graphPlanningError(declared + "SELECT c.page FROM clicks c JOIN \(nested) ON c.user_id = u.user_id JOIN users x ON x.name = u.name") == nil)
        // An unqualified column is found in the one table that has it.
        #expect(graphPlanningError(declared + "SELECT page FROM clicks c JOIN \(nested) ON c.user_id = u.user_id WHERE amount > 1") == nil)
    }

    @Test("correlated EXISTS and IN over an aggregation, a row NOT IN a subquery, a window filtered on CURRENT_WATERMARK: planned")
    func subqueryShapes() {
        let declared = """
            CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            CREATE TABLE users (user_id INT, name STRING, quota BIGINT);

            """
        #expect(graphPlanningError(declared + "SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM clicks c WHERE c.user_id = u.user_id GROUP BY c.page HAVING COUNT(*) > 2)") == nil)
        #expect(graphPlanningError(declared + "SELECT u.name FROM users u WHERE u.quota NOT IN (SELECT COUNT(*) FROM clicks c WHERE c.user_id = u.user_id GROUP BY c.page)") == nil)
        // Without GROUP BY the aggregation has a row for every outer row, even over no rows.
        #expect(graphPlanningError(declared + "SELECT u.name FROM users u WHERE EXISTS (SELECT COUNT(*) FROM clicks c WHERE c.user_id = u.user_id)")?.message
            == "a correlated subquery with aggregation is supported when it has a GROUP BY and is correlated by equalities of columns")
        #expect(graphPlanningError(declared + "SELECT user_id, page FROM clicks WHERE (user_id, page) NOT IN (SELECT user_id, name FROM users)") == nil)
        #expect(graphPlanningError(declared + "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) "
            + "WHERE CURRENT_WATERMARK(ts) IS NULL OR ts > CURRENT_WATERMARK(ts) GROUP BY window_start, window_end") == nil)
        #expect(graphPlanningError(declared + "SELECT page, COUNT(*) AS n FROM clicks WHERE ts > CURRENT_WATERMARK(ts) GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), page") == nil)
        // Refused as Flink refuses it, by name.
        #expect(graphPlanningError(declared + "SELECT user_id, LEAD(page) OVER (PARTITION BY user_id ORDER BY ts) AS next FROM clicks")?.message
            == "LEAD is not supported on a stream, as in Flink 2.3: a row's result would wait for the rows after it")
    }

    @Test("grouping sets and IN/EXISTS conditions over joins read the joined rows; an event-time temporal join may come before a regular join")
    func overJoinedRows() {
        let declared = """
            CREATE TABLE users (user_id INT, name STRING, country STRING);
            CREATE TABLE orders (order_id INT, user_id INT, product_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            CREATE TABLE products (product_id INT, title STRING);
            CREATE TABLE rates (product_id INT, rate DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts);
            CREATE VIEW latest AS SELECT product_id, rate, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY ts DESC) AS rn FROM rates) WHERE rn = 1;

            """
        let join = " FROM users u JOIN orders o ON u.user_id = o.user_id"
        #expect(graphPlanningError(declared + "SELECT u.country, u.name, COUNT(*) AS n" + join + " GROUP BY ROLLUP (u.country, u.name)") == nil)
        #expect(graphPlanningError(declared + "SELECT u.name, o.order_id" + join + " WHERE o.product_id IN (SELECT product_id FROM products)") == nil)
        #expect(graphPlanningError(declared + "SELECT u.name" + join + " WHERE EXISTS (SELECT 1 FROM products p WHERE p.product_id = o.product_id)") == nil)
        #expect(graphPlanningError(declared + "SELECT o.order_id, r.rate, p.title FROM orders o JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r ON o.product_id = r.product_id "
            + "JOIN products p ON p.product_id = o.product_id") == nil)
        // A regular join before the temporal join, and a second temporal join.
        #expect(graphPlanningError(declared + "SELECT o.order_id, r.rate FROM orders o JOIN products p ON p.product_id = o.product_id "
            + "JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r ON o.product_id = r.product_id") == nil)
        #expect(graphPlanningError(declared + "SELECT o.order_id, r.rate, r2.rate AS rate2 FROM orders o "
            + "JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r ON o.product_id = r.product_id "
            + "LEFT JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.product_id = r2.product_id") == nil)
        // After a regular join the time is a plain timestamp (Flink: "not a time attribute"),
        // after temporal joins alone it stays the rows' event time.
        let afterRegular = "CREATE VIEW e AS SELECT o.order_id, o.ts, r.rate FROM orders o JOIN products p ON p.product_id = o.product_id "
            + "JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r ON o.product_id = r.product_id;\n"
        let window = "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '5' SECOND)) GROUP BY window_start, window_end"
        #expect(graphPlanningError(declared + afterRegular + window)?.message.contains("not a time attribute") == true)
        let temporalOnly = "CREATE VIEW e AS SELECT o.order_id, o.ts, r.rate FROM orders o JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r ON o.product_id = r.product_id "
            + "JOIN latest FOR SYSTEM_TIME AS OF o.ts AS r2 ON o.product_id = r2.product_id;\n"
        #expect(graphPlanningError(declared + temporalOnly + window) == nil)
        // A correlated subquery over a join; USING with a parenthesized join on its right, whose
        // own shared column is ambiguous outside it (as Flink says).
        #expect(graphPlanningError(declared + "SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM orders o JOIN products p "
            + "ON o.product_id = p.product_id WHERE o.user_id = u.user_id)") == nil)
        #expect(graphPlanningError(declared + "SELECT user_id, p.title FROM users u JOIN (orders o JOIN products p USING (product_id)) USING (user_id)") == nil)
        #expect(graphPlanningError(declared + "SELECT product_id FROM users u JOIN (orders o JOIN products p USING (product_id)) USING (user_id)")?.message
            == "column product_id is ambiguous")
    }
}
