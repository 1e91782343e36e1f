extension Parser {
    /// `SELECT [DISTINCT] items FROM source [WHERE e] [GROUP BY e, …] [HAVING e]`
    mutating func parseQuery() throws(SyntaxError) -> Query {
        let location = current.location
        try expectKeyword("SELECT")
        var distinct = false
        if consumeKeyword("DISTINCT") { distinct = true } else { _ = consumeKeyword("ALL") }
        let items = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> SelectItem in try p.parseSelectItem() }
        guard consumeKeyword("FROM") else {
            throw SyntaxError.expected("',' or FROM", found: current)
        }
        let from = try parseTableReference()
        var whereClause: Expression?
        if consumeKeyword("WHERE") { whereClause = try parseExpression() }
        var groupBy: [Expression] = []
        if consumeKeyword("GROUP") {
            try expectKeyword("BY")
            groupBy = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
        }
        var having: Expression?
        if consumeKeyword("HAVING") { having = try parseExpression() }
        if current.kind != .end, !current.isSymbol(";") {
            let expected = having != nil ? "';' or end of input"
                : !groupBy.isEmpty ? "',', HAVING or ';'"
                : whereClause != nil ? "GROUP BY, HAVING or ';'"
                : "WHERE, GROUP BY or ';'"
            throw SyntaxError.expected(expected, found: current, hint: unsupportedClauseHint(current))
        }
        return Query(distinct: distinct, items: items, from: from, whereClause: whereClause,
                     groupBy: groupBy, having: having, location: location)
    }

    mutating func parseSelectItem() throws(SyntaxError) -> SelectItem {
        if current.isSymbol("*") {
            return .wildcard(advance().location)
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

    /// `t [AS alias]` or `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …)) [AS alias]`
    mutating func parseTableReference() throws(SyntaxError) -> TableReference {
        if current.isKeyword("TABLE"), peek().isSymbol("(") {
            advance()
            advance()
            let function = try parseWindowTableFunction()
            try expectSymbol(")")
            return .windowFunction(function, alias: try parseOptionalAlias())
        }
        if current.isSymbol("(") {
            throw SyntaxError("subqueries are not supported yet", at: current.location,
                              hint: "read the stream directly: FROM clicks, or FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))")
        }
        let name = try parseIdentifier(what: "table name")
        return .table(name, alias: try parseOptionalAlias())
    }

    mutating func parseOptionalAlias() throws(SyntaxError) -> Identifier? {
        if consumeKeyword("AS") { return try parseIdentifier(what: "an alias") }
        if atIdentifier, !current.isKeyword("WINDOW") { return try parseIdentifier() }
        return nil
    }

    /// `TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])` and likewise HOP, CUMULATE, SESSION.
    mutating func parseWindowTableFunction() throws(SyntaxError) -> WindowTableFunction {
        guard case .word(let word) = current.kind else {
            throw SyntaxError.expected("TUMBLE, HOP, CUMULATE or SESSION", found: current)
        }
        let name = Identifier(word, location: advance().location)
        try expectSymbol("(")
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
        try expectKeyword("DESCRIPTOR", hint: "name the time column with DESCRIPTOR(column)")
        try expectSymbol("(")
        let timeColumn = try parseIdentifier(what: "column name")
        try expectSymbol(")")
        var arguments: [Expression] = []
        while consumeSymbol(",") { arguments.append(try parseExpression()) }
        try expectSymbol(")")
        return WindowTableFunction(name: name, table: table, partitionBy: partitionBy, timeColumn: timeColumn, arguments: arguments)
    }
}
