import Testing
@testable import SQLSyntax

@Suite("Parser")
struct ParserTests {
    func column(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name))) }

    @Test("INSERT INTO with and without columns, EXECUTE INSERT, statement sets in both forms")
    func inserts() throws {
        guard case .insert(let insert) = try Parser.parseStatement("INSERT INTO s (a, b) SELECT x, y FROM t") else { Issue.record("not an insert"); return }
        #expect(insert.table.name == "s" && insert.columns.map(\.name) == ["a", "b"])
        guard case .insert(let plain) = try Parser.parseStatement("EXECUTE INSERT INTO s (SELECT x FROM t)") else { Issue.record("not an insert"); return }
        #expect(plain.columns.isEmpty)
        for text in ["EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1 FROM t; INSERT INTO b SELECT 2 FROM t; END",
                     "BEGIN STATEMENT SET; INSERT INTO a SELECT 1 FROM t; INSERT INTO b SELECT 2 FROM t; END;"] {
            let statements = try Parser.parse(text)
            guard case .statementSet(let inserts, _) = statements[0] else { Issue.record("not a set: \(text)"); continue }
            #expect(inserts.map(\.table.name) == ["a", "b"])
        }
        #expect(throws: SyntaxError.self) { try Parser.parse("EXECUTE STATEMENT SET BEGIN SELECT 1 FROM t; END") }
        #expect(throws: SyntaxError.self) { try Parser.parse("INSERT OVERWRITE s SELECT 1 FROM t") }
    }

    @Test("NATURAL joins parse and print back; NATURAL without JOIN or with CROSS is an error")
    func naturalJoins() throws {
        #expect("\(try Parser.parse("SELECT * FROM a NATURAL LEFT OUTER JOIN b"))".contains("a NATURAL LEFT JOIN b"))
        #expect("\(try Parser.parse("SELECT * FROM a NATURAL JOIN b"))".contains("a NATURAL INNER JOIN b"))
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT * FROM a NATURAL b") }
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT * FROM a NATURAL CROSS JOIN b") }
    }

    @Test("t.* in a select list is one table's columns, read as a column named * qualified by the table")
    func qualifiedStar() throws {
        let statements = try Parser.parse("SELECT a.*, b.w FROM a JOIN b ON a.k = b.k")
        guard case .query(let query)? = statements.first, case let .expression(star, nil) = query.items[0] else {
            Issue.record("not a query: \(statements)")
            return
        }
        #expect(star.qualifiedStarTable?.name == "a")
        #expect("\(query)".contains("SELECT a.*, b.w"), "printed back as written, for Flink")
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT a.* AS x FROM a") }
    }

    @Test("JSON_VALUE's RETURNING and ON EMPTY / ON ERROR clauses parse, and print back as Flink reads them")
    func jsonValueClauses() throws {
        let text = "SELECT JSON_VALUE(p, '$.a' RETURNING INT DEFAULT -1 ON EMPTY NULL ON ERROR) FROM t"
        let printed = "\(try Parser.parse(text))"
        #expect(printed.contains("JSON_VALUE(p, '$.a' RETURNING INT DEFAULT (-1) ON EMPTY NULL ON ERROR)"))
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT JSON_VALUE(p, '$.a' DEFAULT 'x' ON NOTHING) FROM t") }
        _ = try Parser.parse("SELECT JSON_VALUE(p, '$.a') FROM t")
    }

    @Test("the seed query, exactly as written")
    func seedQuery() throws {
        let statement = try Parser.parseStatement("SELECT page, COUNT(*) AS click_count FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page;")
        let count = Expression(.function(name: Identifier("COUNT"), arguments: [Expression(.star)], distinct: false))
        let tumble = Expression(.function(name: Identifier("TUMBLE"), arguments: [column("timestamp"), Expression(.literal(.interval("10", .second)))], distinct: false))
        let expected = Query(items: [.expression(column("page"), alias: nil), .expression(count, alias: Identifier("click_count"))],
                             from: .table(Identifier("clicks"), alias: nil), groupBy: [tumble, column("page")])
        #expect(statement == .query(expected))
    }

    @Test("multiplication binds tighter than addition, AND tighter than OR")
    func precedence() throws {
        #expect(try Parser.parseExpression("a + b * c").description == "(a + (b * c))")
        #expect(try Parser.parseExpression("a OR b AND NOT c = 1").description == "(a OR (b AND (NOT (c = 1))))")
        #expect(try Parser.parseExpression("x || y = 'ab'").description == "((x || y) = 'ab')")
        #expect(try Parser.parseExpression("-a * b").description == "((-a) * b)")
    }

    @Test("PERCENTILE is a LISTAGG underneath, written back as written, with its FILTER and OVER")
    func percentile() throws {
        for text in ["PERCENTILE(d, 0.5)", "PERCENTILE((d * 2), 0.9, f)", "PERCENTILE(d, 0.5) FILTER (WHERE (u = 1))"] {
            #expect(try Parser.parseExpression(text).description == text)
        }
        #expect(try Parser.parseExpression("PERCENTILE(d, 0.5) OVER w").description == "PERCENTILE(d, 0.5) OVER w")
        #expect(throws: SyntaxError.self) { try Parser.parseExpression("PERCENTILE(d)") }
    }

    @Test("JSON_OBJECT and JSON_ARRAY keep their KEY … VALUE pairs and ON NULL clause, written back as Flink reads them")
    func jsonConstructors() throws {
        #expect(try Parser.parseExpression("JSON_OBJECT('a' VALUE x, KEY 'b' VALUE JSON_ARRAY(y, 1 NULL ON NULL))").description
            == "JSON_OBJECT(KEY 'a' VALUE x, KEY 'b' VALUE JSON_ARRAY(y, 1 NULL ON NULL) NULL ON NULL)")
        #expect(try Parser.parseExpression("JSON_OBJECT(KEY 'a' VALUE x ABSENT ON NULL)").description == "JSON_OBJECT(KEY 'a' VALUE x ABSENT ON NULL)")
        #expect(try Parser.parseExpression("JSON_ARRAY()").description == "JSON_ARRAY()")
        #expect(try Parser.parseExpression("JSON_OBJECT()").description == "JSON_OBJECT()")
        #expect(throws: SyntaxError.self) { try Parser.parseExpression("JSON_OBJECT('a', x)") }
    }

    @Test("arr[i] binds tighter than operators; ARRAY<…> and ROW<…> types print back")
    func arraysAndRows() throws {
        #expect(try Parser.parseExpression("tags[i + 1] || 'x'").description == "(tags[(i + 1)] || 'x')")
        let statements = try Parser.parse("CREATE TABLE t (tags ARRAY<STRING>, u ROW<a INT, b ROW(c STRING)>, m MAP<STRING, INT>)")
        guard case .createTable(let create) = statements.first else { Issue.record("not a CREATE TABLE"); return }
        #expect(create.columns.map(\.type.description) == ["ARRAY<STRING>", "ROW<a INT, b ROW<c STRING>>", "MAP<STRING, INT>"])
        #expect(try Parser.parseExpression("m['k']").description == "m['k']")
        guard case .query(let query) = try Parser.parse("SELECT x FROM t AS a CROSS JOIN UNNEST(a.tags) AS u (x)").first else {
            Issue.record("not a query")
            return
        }
        #expect(query.from.description == "t AS a, UNNEST(a.tags) AS u (x)")  // CROSS JOIN prints as a comma, which Flink reads alike
    }

    @Test("predicates: BETWEEN, IN, LIKE, IS NULL and their negations")
    func predicates() throws {
        #expect(try Parser.parseExpression("a NOT BETWEEN 1 AND 2 AND b").description == "((a NOT BETWEEN 1 AND 2) AND b)")
        #expect(try Parser.parseExpression("a NOT IN (1, 2)").description == "(a NOT IN (1, 2))")
        #expect(try Parser.parseExpression("p LIKE '/x/%'").description == "(p LIKE '/x/%')")
        #expect(try Parser.parseExpression("p IS NOT NULL").description == "(p IS NOT NULL)")
    }

    @Test("CREATE TABLE with a watermark and a WITH clause")
    func createTable() throws {
        let statement = try Parser.parseStatement("""
            CREATE TABLE clicks (user_id INT, price DECIMAL(10, 2), `timestamp` TIMESTAMP(3),
              WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '5' SECOND)
            WITH ('connector' = 'filesystem', 'path' = 'x.ndjson', 'format' = 'json')
            """)
        guard case .createTable(let create) = statement else { Issue.record("not a CREATE TABLE"); return }
        #expect(create.columns.map(\.type) == [TypeName("INT"), TypeName("DECIMAL", [10, 2]), TypeName("TIMESTAMP", [3])])
        #expect(create.watermark?.column.name == "timestamp")
        #expect(create.options.map(\.key) == ["connector", "path", "format"])
    }

    @Test("window table functions, with PARTITION BY for sessions")
    func windowTableFunctions() throws {
        let q = try Parser.parseStatement("SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' MINUTE))")
        guard case .query(let query) = q, case let .windowFunction(f, _) = query.from else { Issue.record("no TVF"); return }
        #expect(f.name.name == "SESSION")
        #expect(f.partitionBy == [Identifier("k")])
        #expect(f.timeColumn == Identifier("ts"))
        #expect(f.arguments.count == 1)
    }

    static let roundTrips = [
        "SELECT page, COUNT(*) AS click_count FROM clicks GROUP BY TUMBLE(`timestamp`, INTERVAL '10' SECOND), page",
        "SELECT DISTINCT a FROM t WHERE a > 1 AND NOT b LIKE 'x%' ESCAPE '!'",
        "SELECT CASE WHEN a IN (1, 2) THEN 'x' ELSE UPPER(SUBSTRING(p FROM 2 FOR 3)) END AS s FROM t",
        "SELECT CAST(AVG(CAST(d AS DOUBLE)) AS BIGINT) FROM t GROUP BY HOP(ts, INTERVAL '1' MINUTE, INTERVAL '1' HOUR) HAVING COUNT(DISTINCT u) >= 3",
        "SELECT window_start, window_end FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
        "CREATE TABLE t (a INT NOT NULL, `b c` STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('path' = 'it''s')",
        "EXPLAIN SELECT TRIM(LEADING 'x' FROM p) || 'y', TIMESTAMP '2024-04-25 10:00:00', -1.5, NULL, TRUE FROM t",
        "SELECT a FROM TABLE(SESSION(TABLE t PARTITION BY (a, b), DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
    ]

    @Test("parse, print, parse again: the same tree", arguments: roundTrips)
    func roundTrip(_ sql: String) throws {
        let first = try Parser.parseStatement(sql)
        let printed = first.description
        let second = try Parser.parseStatement(printed)
        #expect(first == second, "printed as: \(printed)")
    }

    @Test("a missing comma reads as the one wording of errors")
    func missingComma() {
        do {
            _ = try Parser.parse("SELECT page COUNT(*) FROM clicks")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Expected: ',' or FROM, found: COUNT")
            #expect(error.location.column == 13)
        }
    }

    @Test("ORDER BY, LIMIT, OFFSET and FETCH FIRST are read; ORDER BY after UNION ALL orders the whole union")
    func orderByAndLimit() throws {
        guard case .query(let q) = try Parser.parse("SELECT a FROM t ORDER BY ts, a DESC NULLS LAST LIMIT 5 OFFSET 2").first else {
            Issue.record("not a query")
            return
        }
        #expect(q.orderBy.count == 2)
        #expect(q.orderBy[1].descending && q.orderBy[1].nullsFirst == false)
        #expect(q.limit == 5 && q.offset == 2)
        guard case .query(let f) = try Parser.parse("SELECT a FROM t FETCH FIRST 3 ROWS ONLY").first else { return }
        #expect(f.limit == 3 && f.from == TableReference.table(Identifier("t"), alias: nil))
        guard case .query(let u) = try Parser.parse("SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a LIMIT 1").first else { return }
        #expect(u.unionAll.isEmpty && u.limit == 1)
        guard case .subquery(let union, _) = u.from else {
            Issue.record("the union is not wrapped")
            return
        }
        #expect(union.unionAll.count == 1 && union.orderBy.isEmpty)
    }

    @Test("a reserved word as a name suggests backticks")
    func reservedWord() {
        do {
            _ = try Parser.parse("SELECT a AS select FROM t")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostic.hint?.contains("`select`") == true)
        }
    }

    @Test("a LATERAL subquery is decorrelated into a join on its correlation keys, and prints back as written")
    func lateralDecorrelated() throws {
        let sql = "SELECT t.id, s.c FROM t LEFT JOIN LATERAL (SELECT COUNT(*) AS c FROM u WHERE u.k = t.k AND u.v > 0) AS s ON TRUE"
        guard case .query(let q)? = try Parser.parse(sql).first, case let .join(_, .subquery(sub, _), kind, on, _) = q.from else {
            Issue.record("not a join")
            return
        }
        #expect(kind == .left)
        #expect(on?.description == "(t.k = s.`$lateral_k0`)")
        #expect(sub.groupBy.map(\.description) == ["u.k"])
        #expect(sub.whereClause?.description == "(u.v > 0)")
        // A COUNT of no rows reads 0 after the LEFT join, as in Flink.
        #expect(q.items.last.map { "\($0)" }?.contains("COALESCE(s.c, 0)") == true)
        #expect(q.from.description == "t LEFT JOIN LATERAL (SELECT COUNT(*) AS c FROM u WHERE ((u.v > 0) AND (u.k = t.k))) AS s ON TRUE")
    }

    @Test("a column list after a table's alias renames its columns: a subquery of SELECT * with the names")
    func tableAliasColumns() throws {
        guard case .query(let q)? = try Parser.parse("SELECT u FROM clicks AS c(u, p)").first,
              case let .subquery(all, alias) = q.from else {
            Issue.record("not a renamed table")
            return
        }
        #expect(alias?.name == "c")
        #expect(all.columnAliases.map(\.name) == ["u", "p"])
        #expect(q.from.description == "(SELECT * FROM clicks) AS c (u, p)")
        guard case .query(let w)? = try Parser.parse("SELECT ws FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND)) AS w (a, b, ws, we, wt)").first,
              case let .subquery(windowed, _) = w.from, case .windowFunction = windowed.from else {
            Issue.record("not a renamed window TVF")
            return
        }
        #expect(windowed.columnAliases.map(\.name) == ["a", "b", "ws", "we", "wt"])
    }

    @Test("LATERAL and row values are refused by name, never a bare parse error")
    func lateral() {
        for (sql, wanted) in [("SELECT * FROM t, LATERAL (SELECT COUNT(*) AS c FROM u WHERE u.k > t.k) s", "a LATERAL subquery correlated other than by equalities"),
                              ("SELECT * FROM t RIGHT JOIN LATERAL (SELECT w FROM u WHERE u.k = t.k) s ON TRUE", "RIGHT JOIN LATERAL"),
                              ("SELECT * FROM t, LATERAL TABLE(split(s)) AS x(w)", "LATERAL TABLE")] {
            do {
                _ = try Parser.parse(sql)
                Issue.record("expected an error for \(sql)")
            } catch {
                #expect(error.diagnostic.message.hasPrefix(wanted), "\(error.diagnostic.message)")
                #expect(error.diagnostic.location.column == (sql.firstRange(of: "LATERAL").map { sql.distance(from: sql.startIndex, to: $0.lowerBound) + 1 } ?? 0))
            }
        }
    }

    @Test("a row value is a ROW, and two periods compare with OVERLAPS")
    func rowValues() throws {
        guard case .query(let q)? = try Parser.parse("SELECT (k, v) AS r, (a, b) OVERLAPS (c, INTERVAL '1' HOUR) AS o FROM t").first,
              case let .expression(row, _) = q.items[0], case let .expression(overlaps, _) = q.items[1] else {
            Issue.record("expected a query of two items")
            return
        }
        guard case let .function(name, arguments, _) = row.kind else {
            Issue.record("expected ROW(k, v), got \(row)")
            return
        }
        #expect(name.name == "ROW" && arguments.count == 2)
        #expect(overlaps.description == "((a, b) OVERLAPS (c, INTERVAL '1' HOUR))")
    }

    @Test("a row IN a subquery keeps its values as the row operand, and prints back as a row")
    func rowInSubquery() throws {
        guard case .query(let q)? = try Parser.parse("SELECT k FROM t WHERE (k, v) NOT IN (SELECT a, b FROM u)").first,
              case let .inSubquery(operand, _, negated)? = q.whereClause?.kind else {
            Issue.record("not an IN subquery")
            return
        }
        #expect(negated)
        #expect(operand.rowOperand?.map(\.description) == ["k", "v"])
        #expect(q.whereClause?.description.hasPrefix("((k, v) NOT IN (SELECT") == true, "\(q.whereClause?.description ?? "")")
    }

    @Test("row comparisons expand field by field; IN (VALUES …) is an IN list; column lists rename a subquery's columns")
    func rowsAndColumnLists() throws {
        let select = { (sql: String) throws -> Query in
            guard case .query(let q)? = try Parser.parse(sql).first else { throw SyntaxError("not a query", at: .start) }
            return q
        }
        #expect(try select("SELECT k FROM t WHERE (k, v) IN ((1, 2), (3, 4))").whereClause
                == select("SELECT k FROM t WHERE k = 1 AND v = 2 OR k = 3 AND v = 4").whereClause)
        // <> as Flink 2.3 evaluates it: NULL fields alike ((1, NULL) <> (NULL, 2) is TRUE).
        #expect(try select("SELECT k FROM t WHERE (k, v) <> (1, 2)").whereClause
                == select("SELECT k FROM t WHERE k IS DISTINCT FROM 1 OR v IS DISTINCT FROM 2").whereClause)
        #expect(try select("SELECT k FROM t WHERE k IN (VALUES (1), (2))").whereClause == select("SELECT k FROM t WHERE k IN (1, 2)").whereClause)
        let renamed = try select("WITH w (a, b) AS (SELECT k, v FROM t) SELECT a FROM w")
        #expect(renamed.ctes.first?.query.items.map(\.description) == ["k AS a", "v AS b"])
    }

    @Test("a script holds several statements")
    func script() throws {
        let statements = try Parser.parse("CREATE TABLE t (a INT); ; SELECT a FROM t;")
        #expect(statements.count == 2)
    }

    @Test("diagnostics render the line and a caret")
    func render() {
        let d = Diagnostic(message: "unknown column pgae", location: SourceLocation(offset: 7, line: 1, column: 8), hint: "did you mean page?")
        #expect(d.render(source: "SELECT pgae FROM t", fileName: "q.sql") == """
            error: unknown column pgae
             --> q.sql:1:8
              |
            1 | SELECT pgae FROM t
              |        ^
              = help: did you mean page?
            """)
    }

    @Test("closest names are suggested, distant ones are not")
    func suggestions() {
        #expect(closestName(to: "pgae", among: ["page", "user_id"]) == "page")
        #expect(closestName(to: "CUONT", among: ["COUNT", "SUM"]) == "COUNT")
        #expect(closestName(to: "zzzzzz", among: ["page"]) == nil)
    }

    @Test("joins in parentheses are a table of a join; an alias after them is an error, as in Flink")
    func parenthesizedJoins() throws {
        let statement = try Parser.parseStatement("SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) ON a.k = b.k")
        guard case .query(let query) = statement, case let .join(_, right, .inner, _, _) = query.from, case .join = right else {
            Issue.record("not a join of a join")
            return
        }
        // Printed back (for `weir flink`) with its parentheses, which Flink's parser needs.
        #expect("\(statement)".contains("a INNER JOIN (b INNER JOIN c ON (b.k = c.k)) ON (a.k = b.k)"))
        let using = try Parser.parseStatement("SELECT * FROM a JOIN (b JOIN c USING (j)) USING (k)")
        #expect("\(using)".contains("a INNER JOIN (b INNER JOIN c USING (j)) USING (k)"))
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT * FROM a JOIN (b JOIN c ON b.k = c.k) AS x ON a.k = x.k") }
        #expect(throws: SyntaxError.self) { try Parser.parse("SELECT * FROM a JOIN (b) ON a.k = b.k") }
        // A parenthesized subquery first inside the parentheses, and a parenthesized query.
        guard case .query(let nested) = try Parser.parseStatement("SELECT * FROM a JOIN ((SELECT k FROM b) t JOIN c ON t.k = c.k) ON a.k = t.k"),
              case let .join(_, .join(.subquery, _, _, _, _), _, _, _) = nested.from else {
            Issue.record("not a join of a subquery's join")
            return
        }
        guard case .query(let union) = try Parser.parseStatement("SELECT * FROM ((SELECT k FROM b) UNION ALL (SELECT k FROM c)) AS u"),
              case .subquery = union.from else {
            Issue.record("a parenthesized union is not a subquery")
            return
        }
    }
}
