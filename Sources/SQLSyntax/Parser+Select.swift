extension Parser {
    /// `[WITH name AS (query), …] select [UNION ALL select …]`
    mutating func parseQuery() throws(SyntaxError) -> Query {
        var ctes: [CommonTableExpression] = []
        if consumeKeyword("WITH") {
            ctes = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> CommonTableExpression in
                let name = try p.parseIdentifier(what: "a name for the WITH query")
                let columns = try p.parseColumnList()
                try p.expectKeyword("AS")
                try p.expectSymbol("(")
                var query = try p.parseQuery()
                try p.expectSymbol(")")
                if let (names, location) = columns { query = try Self.renaming(query, names, at: location) }
                return CommonTableExpression(name: name, query: query)
            }
        }
        var query = try parseSetTerm()
        while current.isKeyword("UNION") || current.isKeyword("EXCEPT") || current.isKeyword("MINUS") {
            if !current.isKeyword("UNION") {
                // a EXCEPT b: a's rows without an equal row in b, distinct.
                let operation = advance()
                let all = consumeKeyword("ALL")
                if !all { _ = consumeKeyword("DISTINCT") }
                let next = try parseSetTerm()
                query = Query(distinct: !all, items: [.wildcard(operation.location)],
                              from: .setOperation(.except, all: all, query, next, location: operation.location), location: query.location)
                continue
            }
            let union = advance()
            // UNION [DISTINCT] removes the duplicates of everything before it: the rows so far,
            // distinct, then the next branch.
            let distinct = !consumeKeyword("ALL")
            if distinct {
                _ = consumeKeyword("DISTINCT")
                query = Query(distinct: true, items: [.wildcard(union.location)], from: .subquery(query, alias: Identifier("$union")),
                              location: query.location)
            }
            let next = try parseSetTerm()
            if distinct, case let .subquery(left, alias) = query.from {
                // `a UNION b`: the next branch joins the rows made distinct.
                var all = left
                all.unionAll.append(next)
                query.from = .subquery(all, alias: alias)
            } else {
                query.unionAll.append(next)
            }
        }
        if ["ORDER", "LIMIT", "FETCH", "OFFSET"].contains(where: { current.isKeyword($0) }) {
            let location = current.location
            if !query.unionAll.isEmpty || !query.orderBy.isEmpty || query.limit != nil {
                // The order and limit of the whole UNION ALL: over its rows.
                query = Query(items: [.wildcard(location)], from: .subquery(query, alias: Identifier("$sorted")), location: query.location)
            }
            try parseOrderAndLimit(into: &query)
        }
        query.ctes = ctes
        try checkEndOfQuery(query)
        return query
    }

    /// `[ORDER BY item, …] [LIMIT n] [OFFSET m [ROW|ROWS]] [FETCH {FIRST|NEXT} n {ROW|ROWS} ONLY]`
    private mutating func parseOrderAndLimit(into query: inout Query) throws(SyntaxError) {
        if consumeKeyword("ORDER") {
            try expectKeyword("BY")
            query.orderBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> OrderItem in try p.parseOrderItem() }
        }
        func count(_ p: inout Parser, _ what: String) throws(SyntaxError) -> Int64 {
            let e = try p.parseExpression(.comparison)
            guard case .literal(.integer(let n)) = e.kind, n >= 0 else {
                throw SyntaxError("\(what) takes a number of rows", at: e.location)
            }
            return n
        }
        if consumeKeyword("LIMIT") { query.limit = try count(&self, "LIMIT") }
        if consumeKeyword("OFFSET") {
            query.offset = try count(&self, "OFFSET")
            if !consumeKeyword("ROWS") { _ = consumeKeyword("ROW") }
        }
        if consumeKeyword("FETCH") {
            if !consumeKeyword("FIRST") { try expectKeyword("NEXT") }
            query.limit = try count(&self, "FETCH")
            if !consumeKeyword("ROWS") { try expectKeyword("ROW") }
            try expectKeyword("ONLY")
        }
    }

    /// `e [ASC|DESC] [NULLS FIRST|LAST]`
    mutating func parseOrderItem() throws(SyntaxError) -> OrderItem {
        let e = try parseExpression()
        let descending = consumeKeyword("DESC")
        if !descending { _ = consumeKeyword("ASC") }
        var nullsFirst: Bool?
        if consumeKeyword("NULLS") {
            if consumeKeyword("FIRST") {
                nullsFirst = true
            } else {
                try expectKeyword("LAST")
                nullsFirst = false
            }
        }
        return OrderItem(expression: e, descending: descending, nullsFirst: nullsFirst)
    }

    /// A SELECT or a parenthesized query, then any `INTERSECT` of more (which binds tighter
    /// than UNION and EXCEPT, as in SQL).
    mutating func parseSetTerm() throws(SyntaxError) -> Query {
        func operand(_ p: inout Parser) throws(SyntaxError) -> Query {
            if p.current.isKeyword("VALUES") {
                // `VALUES (…), (…)` as a query: its rows, columns EXPR$0, EXPR$1, … (as Flink).
                let location = p.advance().location
                let rows = try p.parseValuesRows()
                let names = (0..<(rows.first?.count ?? 0)).map { Identifier("EXPR$\($0)", location: location) }
                return Query(items: [.wildcard(location)], from: .values(rows, alias: Identifier("$values"), columns: names, location: location),
                             location: location)
            }
            guard p.current.isSymbol("(") else { return try p.parseSelect() }
            p.advance()
            let query = try p.parseQuery()
            try p.expectSymbol(")")
            return query
        }
        var query = try operand(&self)
        while current.isKeyword("INTERSECT") {
            let operation = advance()
            let all = consumeKeyword("ALL")
            if !all { _ = consumeKeyword("DISTINCT") }
            let next = try operand(&self)
            query = Query(distinct: !all, items: [.wildcard(operation.location)],
                          from: .setOperation(.intersect, all: all, query, next, location: operation.location), location: query.location)
        }
        return query
    }

    /// After a query: the end of the statement, a closing parenthesis, or `UNION`.
    private func checkEndOfQuery(_ query: Query) throws(SyntaxError) {
        if current.kind != .end, !current.isSymbol(";"), !current.isSymbol(")") {
            let expected = query.having != nil ? "';' or end of input"
                : !query.groupBy.isEmpty ? "',', HAVING or ';'"
                : query.whereClause != nil ? "GROUP BY, HAVING or ';'"
                : "WHERE, GROUP BY or ';'"
            throw SyntaxError.expected(expected, found: current)
        }
    }

    /// `SELECT [DISTINCT] items FROM source [WHERE e] [GROUP BY e, …] [HAVING e] [WINDOW w AS (…)]`
    mutating func parseSelect() throws(SyntaxError) -> Query {
        let location = current.location
        try expectKeyword("SELECT")
        var distinct = false
        if consumeKeyword("DISTINCT") { distinct = true } else { _ = consumeKeyword("ALL") }
        var items = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> SelectItem in try p.parseSelectItem() }
        leftLateralCounts.append([])
        let from: TableReference
        if consumeKeyword("FROM") {
            from = try parseTableReference()
        } else if current.kind == .end || current.isSymbol(";") || current.isSymbol(")") || current.isKeyword("UNION")
                    || current.isKeyword("INTERSECT") || current.isKeyword("EXCEPT") {
            // SELECT without FROM: one row.
            from = .values([[]], alias: nil, columns: [], location: location)
        } else {
            throw SyntaxError.expected("',' or FROM", found: current)
        }
        var whereClause: Expression?
        if consumeKeyword("WHERE") { whereClause = try parseExpression() }
        var groupBy: [Expression] = []
        if consumeKeyword("GROUP") {
            try expectKeyword("BY")
            groupBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseGroupItem() }
        }
        var having: Expression?
        if consumeKeyword("HAVING") { having = try parseExpression() }
        for (alias, counts) in leftLateralCounts.removeLast() where !counts.isEmpty {
            for (i, item) in items.enumerated() {
                switch item {
                case let .expression(e, name):
                    // A column keeps its name when COALESCE wraps it.
                    var kept = name
                    if kept == nil, case let .column(_, column) = e.kind { kept = column }
                    items[i] = SelectItem.expression(e.zeroingCounts(of: alias, counts), alias: kept)
                case .wildcard(let location):
                    throw SyntaxError("SELECT * over LEFT JOIN LATERAL with a COUNT is not supported yet", at: location,
                                      hint: "name the columns: a COUNT of no rows reads 0 there, as in Flink")
                }
            }
            whereClause = whereClause?.zeroingCounts(of: alias, counts)
            having = having?.zeroingCounts(of: alias, counts)
        }
        var query = Query(distinct: distinct, items: items, from: from, whereClause: whereClause,
                          groupBy: groupBy, having: having, location: location)
        if consumeKeyword("WINDOW") {
            query.windows = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> (name: Identifier, definition: WindowDefinition) in
                let name = try p.parseIdentifier(what: "a window name")
                try p.expectKeyword("AS")
                return (name, try p.parseWindowSpecification())
            }
        }
        if !["UNION", "INTERSECT", "EXCEPT", "MINUS", "ORDER", "LIMIT", "FETCH", "OFFSET"].contains(where: { current.isKeyword($0) }) { try checkEndOfQuery(query) }
        return query
    }

    /// An item of `GROUP BY`: an expression, or `GROUPING SETS (…)`, `ROLLUP (…)`, `CUBE (…)`.
    mutating func parseGroupItem() throws(SyntaxError) -> Expression {
        let start = current.location
        if let sets = try parseGroupingSetsItem() { return Expression(.groupingSets(sets), at: start) }
        return try parseExpression()
    }

    /// `GROUPING SETS (…)`, `ROLLUP (…)` or `CUBE (…)` as the sets it stands for; nil (nothing
    /// read) for anything else.
    private mutating func parseGroupingSetsItem() throws(SyntaxError) -> [[Expression]]? {
        if current.isKeyword("GROUPING"), peek().isKeyword("SETS") {
            advance()
            advance()
            try expectSymbol("(")
            // Each element is a set, or a ROLLUP, CUBE or GROUPING SETS standing for several.
            let sets = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> [[Expression]] in try p.parseGroupingSet() }
            try expectSymbol(")")
            return sets.flatMap { $0 }
        }
        if current.isKeyword("ROLLUP") || current.isKeyword("CUBE"), peek().isSymbol("(") {
            let cube = current.isKeyword("CUBE")
            advance()
            advance()
            let columns = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
            try expectSymbol(")")
            var sets: [[Expression]] = []
            if cube {
                // Every subset, larger ones first, as Calcite lists them.
                for mask in (0..<(1 << columns.count)).reversed() {
                    sets.append(columns.indices.filter { mask & (1 << (columns.count - 1 - $0)) != 0 }.map { columns[$0] })
                }
            } else {
                for count in stride(from: columns.count, through: 0, by: -1) { sets.append(Array(columns.prefix(count))) }
            }
            return sets
        }
        return nil
    }

    /// `(a, b)`, `()`, `a`, or a nested `ROLLUP`, `CUBE` or `GROUPING SETS`, inside `GROUPING SETS`.
    private mutating func parseGroupingSet() throws(SyntaxError) -> [[Expression]] {
        if let sets = try parseGroupingSetsItem() { return sets }
        guard consumeSymbol("(") else { return [[try parseExpression()]] }
        if consumeSymbol(")") { return [[]] }
        let set = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
        try expectSymbol(")")
        return [set]
    }

    /// `( [w] [PARTITION BY e, …] [ORDER BY e [ASC|DESC], …] [ROWS|RANGE …] )`
    mutating func parseWindowSpecification() throws(SyntaxError) -> WindowDefinition {
        let start = current.location
        try expectSymbol("(")
        var window = WindowDefinition(location: start)
        if atIdentifier { window.base = try parseIdentifier() }
        if consumeKeyword("PARTITION") {
            try expectKeyword("BY")
            window.partitionBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
        }
        if consumeKeyword("ORDER") {
            try expectKeyword("BY")
            window.orderBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> OrderItem in try p.parseOrderItem() }
        }
        if current.isKeyword("ROWS") || current.isKeyword("RANGE") {
            let unitToken = advance()
            let unit: WindowFrame.Unit = unitToken.isKeyword("ROWS") ? .rows : .range
            let between = consumeKeyword("BETWEEN")
            let startBound = try parseFrameBound()
            if between {
                try expectKeyword("AND")
                let endLocation = current.location
                guard consumeKeyword("CURRENT") else {
                    throw SyntaxError("window frames ending after the current row are not supported on a stream", at: endLocation,
                                      hint: "end the frame at CURRENT ROW: a row's result cannot wait for rows that have not arrived")
                }
                try expectKeyword("ROW")
            }
            window.frame = WindowFrame(unit: unit, start: startBound, location: unitToken.location)
        }
        try expectSymbol(")")
        return window
    }

    private mutating func parseFrameBound() throws(SyntaxError) -> FrameBound {
        if consumeKeyword("UNBOUNDED") {
            try expectKeyword("PRECEDING")
            return .unboundedPreceding
        }
        if consumeKeyword("CURRENT") {
            try expectKeyword("ROW")
            return .currentRow
        }
        let value = try parseExpression(.comparison)
        try expectKeyword("PRECEDING", hint: "a frame starts n PRECEDING, INTERVAL '…' PRECEDING, UNBOUNDED PRECEDING or CURRENT ROW")
        return .preceding(value)
    }

    mutating func parseSelectItem() throws(SyntaxError) -> SelectItem {
        if current.isSymbol("*") {
            return .wildcard(advance().location)
        }
        if atIdentifier, peek().isSymbol("."), peek(2).isSymbol("*") {
            // `t.*`: every column of one table of FROM, a column named `*` the planner expands.
            let table = try parseIdentifier()
            _ = advance()
            let star = advance()
            return .expression(Expression(.column(qualifier: table, name: Identifier(Expression.qualifiedStar, location: star.location)), at: table.location), alias: nil)
        }
        let expression = try parseExpression()
        if consumeKeyword("AS") {
            return .expression(expression, alias: try parseIdentifier(what: "an alias"))
        }
        // A word followed by '(' starts a call, so it is a missing comma, not an alias.
        if atIdentifier, !peek().isSymbol("(") {
            return .expression(expression, alias: try parseIdentifier())
        }
        return .expression(expression, alias: nil)
    }

    /// A table, then any joins: `a, b`, `a JOIN b ON …`, `a LEFT [OUTER] JOIN b ON …`.
    mutating func parseTableReference() throws(SyntaxError) -> TableReference {
        var left = try parseTablePrimary()
        if let (_, _, location) = pendingLateral {
            pendingLateral = nil
            throw SyntaxError("a LATERAL subquery reads the table before it, and this one has none", at: location,
                              hint: "FROM t, LATERAL (SELECT … WHERE u.k = t.k) AS s")
        }
        while true {
            let location = current.location
            if consumeSymbol(",") {
                let right = try parseTablePrimary()
                left = try lateralJoin(left, right, .cross, on: nil, location) ?? .join(left, right, .cross, on: nil, location: location)
                continue
            }
            var kind: JoinKind?
            let natural = current.isKeyword("NATURAL") ? advance() : nil
            if natural != nil, current.isKeyword("CROSS") {
                throw SyntaxError("NATURAL CROSS JOIN is not a join", at: current.location, hint: "NATURAL [INNER | LEFT | RIGHT | FULL] JOIN")
            }
            if consumeKeyword("JOIN") {
                kind = .inner
            } else if consumeKeyword("INNER") {
                try expectKeyword("JOIN")
                kind = .inner
            } else if consumeKeyword("CROSS") {
                try expectKeyword("JOIN")
                let right = try parseTablePrimary()
                left = try lateralJoin(left, right, .cross, on: nil, location) ?? .join(left, right, .cross, on: nil, location: location)
                continue
            } else {
                for candidate in [JoinKind.left, .right, .full] where consumeKeyword(candidate.rawValue) {
                    _ = consumeKeyword("OUTER")
                    try expectKeyword("JOIN")
                    kind = candidate
                    break
                }
            }
            guard let kind else {
                if natural != nil { throw SyntaxError("Expected: JOIN after NATURAL", at: current.location, hint: "NATURAL [INNER | LEFT | RIGHT | FULL] JOIN b") }
                return left
            }
            let right = try parseTablePrimary()
            if let natural {
                let on = Expression(.function(name: Identifier(Expression.natural, location: natural.location), arguments: [], distinct: false), at: natural.location)
                left = .join(left, right, kind, on: on, location: location)
                continue
            }
            if current.isKeyword("USING") {
                // JOIN b USING (k, …): the planner makes the condition and the shared columns.
                let using = advance()
                try expectSymbol("(")
                let columns = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in
                    let name = try p.parseIdentifier(what: "a column name")
                    return Expression(.column(qualifier: nil, name: name), at: name.location)
                }
                try expectSymbol(")")
                let on = Expression(.function(name: Identifier(Expression.using, location: using.location), arguments: columns, distinct: false), at: using.location)
                left = .join(left, right, kind, on: on, location: location)
                continue
            }
            try expectKeyword("ON", hint: "a join names its condition: JOIN b ON a.k = b.k")
            let on = try parseExpression()
            left = try lateralJoin(left, right, kind, on: on, location) ?? .join(left, right, kind, on: on, location: location)
        }
    }

    /// After joins in parentheses: an alias is refused, as Flink 2.3 refuses it.
    private mutating func refuseAliasAfterJoins() throws(SyntaxError) {
        let location = current.location
        if try parseOptionalAlias() != nil {
            throw SyntaxError("joins in parentheses take no alias", at: location,
                              hint: "name the joins' tables (b AS x JOIN c AS y ON …), or select from them in a subquery: (SELECT … FROM b JOIN c ON …) AS t")
        }
    }

    /// `t [AS alias]`, `(SELECT …) [AS alias]` or `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …)) [AS alias]`
    mutating func parseTablePrimary() throws(SyntaxError) -> TableReference {
        if current.isKeyword("LATERAL"), peek().isSymbol("(") || peek().isKeyword("TABLE") {
            if peek().isKeyword("TABLE") {
                throw SyntaxError("LATERAL TABLE calls a user-defined table function, and weir has none", at: current.location,
                                  hint: "an array column unfolds into rows with CROSS JOIN UNNEST(column)")
            }
            let lateral = advance().location
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            let alias = try parseOptionalAlias()
            try refuseColumnList(after: alias)
            // Decorrelated by the join that reads it (`decorrelate`), which knows the tables beside it.
            pendingLateral = (query, alias, lateral)
            return .subquery(query, alias: alias ?? Identifier("$lateral"))
        }
        if current.isKeyword("UNNEST"), peek().isSymbol("(") {
            advance()
            advance()
            var array = try parseExpression()
            try expectSymbol(")")
            if current.isKeyword("WITH"), peek().isKeyword("ORDINALITY") {
                // A position column after the element's: marked on the array expression.
                let with = advance()
                advance()
                array = Expression(.function(name: Identifier(Expression.withOrdinality, location: with.location), arguments: [array], distinct: false), at: array.location)
            }
            let alias = try parseOptionalAlias()
            var columns: [Identifier] = []
            if consumeSymbol("(") {
                columns = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "a column name") }
                try expectSymbol(")")
            }
            return .unnest(array, alias: alias, columns: columns)
        }
        // `TABLE(TUMBLE(…))`, or `TUMBLE(…)` alone as Flink's documentation writes it.
        var bareWindow = false
        if case .word(let word) = current.kind, ["TUMBLE", "HOP", "CUMULATE", "SESSION"].contains(word.uppercased()), peek().isSymbol("(") {
            bareWindow = true
        }
        if bareWindow || current.isKeyword("TABLE") && peek().isSymbol("(") {
            if !bareWindow {
                advance()
                advance()
            }
            let function = try parseWindowTableFunction()
            if !bareWindow { try expectSymbol(")") }
            let alias = try parseOptionalAlias()
            if alias != nil, let (names, location) = try parseColumnList() {
                // `TABLE(TUMBLE(…)) AS w (a, b, …)`: the window's rows, columns renamed in order.
                var all = Query(items: [.wildcard(location)], from: .windowFunction(function, alias: nil), location: location)
                all.columnAliases = names
                return .subquery(all, alias: alias)
            }
            return .windowFunction(function, alias: alias)
        }
        if current.isSymbol("("), peek().isKeyword("VALUES") {
            let location = advance().location
            advance()
            let rows = try parseValuesRows()
            try expectSymbol(")")
            let alias = try parseOptionalAlias()
            var columns: [Identifier] = []
            if alias != nil, consumeSymbol("(") {
                columns = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "a column name") }
                try expectSymbol(")")
            }
            return .values(rows, alias: alias, columns: columns, location: location)
        }
        if current.isSymbol("("), !["SELECT", "WITH", "VALUES"].contains(where: peek().isKeyword), !peek().isSymbol("(") {
            // `(b JOIN c ON …)`: joins in parentheses, joined as a whole.
            let open = advance().location
            let joins = try parseTableReference()
            try expectSymbol(")")
            guard case .join = joins else {
                throw SyntaxError("a table in parentheses is a join or a query", at: open, hint: "(SELECT … FROM t) or (a JOIN b ON …)")
            }
            try refuseAliasAfterJoins()
            return joins
        }
        if current.isSymbol("("), peek().isSymbol("(") {
            // `((SELECT …) t JOIN c ON …)`: joins in parentheses whose first table is itself
            // parenthesized, told from a parenthesized query by reading it as joins first.
            var attempt = self
            attempt.advance()
            if let joins = try? attempt.parseTableReference(), case .join = joins, attempt.current.isSymbol(")") {
                self = attempt
                advance()
                try refuseAliasAfterJoins()
                return joins
            }
        }
        if consumeSymbol("(") {
            let query = try parseQuery()
            try expectSymbol(")")
            let alias = try parseOptionalAlias()
            if alias != nil, let (names, location) = try parseColumnList() {
                return .subquery(try Self.renaming(query, names, at: location), alias: alias)
            }
            return .subquery(query, alias: alias)
        }
        let name = try parseIdentifier(what: "table name")
        if current.isKeyword("FOR"), peek().isKeyword("SYSTEM_TIME") {
            advance()
            advance()
            try expectKeyword("AS")
            try expectKeyword("OF")
            let asOf = try parseExpression()
            return .temporal(name, asOf: asOf, alias: try parseOptionalAlias())
        }
        let alias = try parseOptionalAlias()
        if alias != nil, let (names, location) = try parseColumnList() {
            // `t AS c (a, b)`: the table's columns renamed in order.
            var all = Query(items: [.wildcard(location)], from: .table(name, alias: nil), location: location)
            all.columnAliases = names
            return .subquery(all, alias: alias)
        }
        return .table(name, alias: alias)
    }

    /// `(a, b, …)` naming a query's columns, if one follows.
    /// The rows after `VALUES`: `(e, …), (e, …)`.
    mutating func parseValuesRows() throws(SyntaxError) -> [[Expression]] {
        try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> [Expression] in
            try p.expectSymbol("(")
            let row = try p.parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
            try p.expectSymbol(")")
            return row
        }
    }

    mutating func parseColumnList() throws(SyntaxError) -> (names: [Identifier], location: SourceLocation)? {
        guard current.isSymbol("(") else { return nil }
        let location = advance().location
        let names = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "a column name") }
        try expectSymbol(")")
        return (names, location)
    }

    /// `query` with its columns named `names` (each branch of a UNION ALL alike), as a column
    /// list after a subquery's alias or a WITH query's name gives them.
    static func renaming(_ query: Query, _ names: [Identifier], at location: SourceLocation) throws(SyntaxError) -> Query {
        func rename(_ query: Query) throws(SyntaxError) -> Query {
            if query.items.contains(where: { if case .wildcard = $0 { true } else { false } }) {
                // The columns are known once the tables are: renamed by the planner.
                var renamed = query
                renamed.columnAliases = names
                return renamed
            }
            guard query.items.count == names.count, query.items.allSatisfy({ if case .expression = $0 { true } else { false } }) else {
                throw SyntaxError("\(names.count) column names for a query of \(query.items.count) columns", at: location,
                                  hint: "name the columns in the query's select list with AS")
            }
            var renamed = query
            renamed.items = zip(query.items, names).map { item, name in
                guard case let .expression(e, _) = item else { return item }
                return .expression(e, alias: name)
            }
            renamed.unionAll = try query.unionAll.map(rename)
            return renamed
        }
        return try rename(query)
    }

    /// `t AS x (a, b)`, valid Flink SQL weir does not read yet: said so by name.
    mutating func refuseColumnList(after alias: Identifier?) throws(SyntaxError) {
        guard alias != nil, current.isSymbol("(") else { return }
        throw SyntaxError("a column list after a table's alias (AS c (a, b)) is not supported yet", at: current.location,
                          hint: "rename the columns in a subquery: (SELECT user_id AS u, page AS p FROM clicks) AS c")
    }

    mutating func parseOptionalAlias() throws(SyntaxError) -> Identifier? {
        if current.isKeyword("MATCH_RECOGNIZE") {
            throw SyntaxError("MATCH_RECOGNIZE (Flink's pattern matching) is not supported yet", at: current.location,
                              hint: "a sequence within a time bound can often be written as an interval join of the table with itself")
        }
        if consumeKeyword("AS") { return try parseIdentifier(what: "an alias") }
        if atIdentifier, !["WINDOW", "USING", "NATURAL", "INTERSECT", "EXCEPT", "MINUS", "FETCH", "OFFSET"].contains(where: { current.isKeyword($0) }) { return try parseIdentifier() }
        return nil
    }

    /// `TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])` and likewise HOP, CUMULATE, SESSION.
    mutating func parseWindowTableFunction() throws(SyntaxError) -> WindowTableFunction {
        guard case .word(let word) = current.kind else {
            throw SyntaxError.expected("TUMBLE, HOP, CUMULATE or SESSION", found: current)
        }
        let name = Identifier(word, location: advance().location)
        try expectSymbol("(")
        /// `NAME =>` before an argument (Flink's named arguments): the name, upper-cased.
        func argumentName(_ p: inout Parser) -> String? {
            // A bare or backquoted name (`OFFSET` is reserved) before `=>`.
            guard p.peek().isSymbol("=>"), let word = p.current.wordOrQuotedName else { return nil }
            p.advance()
            p.advance()
            return word.uppercased()
        }
        let dataName = argumentName(&self)
        try expectKeyword("TABLE", hint: "a window function's first argument is the table: TABLE clicks")
        let table = try parseIdentifier(what: "table name")
        var partitionBy: [Identifier] = []
        if consumeKeyword("PARTITION") {
            try expectKeyword("BY")
            // `PARTITION BY k` or `PARTITION BY (k1, k2)`: a bare list would swallow the next argument.
            if consumeSymbol("(") {
                partitionBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "column name") }
                try expectSymbol(")")
            } else {
                partitionBy = [try parseIdentifier(what: "column name")]
            }
        }
        try expectSymbol(",")
        let timeName = argumentName(&self)
        try expectKeyword("DESCRIPTOR", hint: "name the time column with DESCRIPTOR(column)")
        try expectSymbol("(")
        let timeColumn = try parseIdentifier(what: "column name")
        try expectSymbol(")")
        var arguments: [Expression] = []
        var names: [String?] = []
        while consumeSymbol(",") {
            names.append(argumentName(&self))
            arguments.append(try parseExpression())
        }
        try expectSymbol(")")
        let named = [dataName, timeName] + names
        if named.contains(where: { $0 != nil }) {
            // Named arguments (`SIZE => INTERVAL …`), in any order: put back in their places.
            guard !named.contains(where: { $0 == nil }) else {
                throw SyntaxError("a window function's arguments are all named or none", at: name.location,
                                  hint: "DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '10' SECOND")
            }
            let order: [String] = switch word.uppercased() {
            case "HOP": ["SLIDE", "SIZE", "OFFSET"]
            case "CUMULATE": ["STEP", "SIZE", "OFFSET"]
            case "SESSION": ["GAP"]
            default: ["SIZE", "OFFSET"]
            }
            guard dataName == "DATA", timeName == "TIMECOL" else {
                throw SyntaxError("\(word.uppercased()) names its table DATA and its time column TIMECOL", at: name.location)
            }
            var placed: [Expression] = []
            for wanted in order {
                guard let index = names.firstIndex(of: wanted) else { break }
                placed.append(arguments[index])
            }
            guard placed.count == arguments.count else {
                let unknown = names.compactMap { $0 }.first { !order.contains($0) } ?? order[placed.count]
                throw SyntaxError("\(word.uppercased()) takes \(order.joined(separator: ", ")), not \(unknown)", at: name.location)
            }
            arguments = placed
        }
        return WindowTableFunction(name: name, table: table, partitionBy: partitionBy, timeColumn: timeColumn, arguments: arguments)
    }
}
