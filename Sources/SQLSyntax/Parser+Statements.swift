extension Parser {
    mutating func parseScript() throws(SyntaxError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while consumeSymbol(";") {}
            if current.kind == .end { return statements }
            statements.append(try parseStatement())
            if current.kind != .end, !current.isSymbol(";") {
                throw SyntaxError.expected("';' or end of input", found: current)
            }
        }
    }

    mutating func parseStatement() throws(SyntaxError) -> Statement {
        if current.isKeyword("CREATE") {
            if peek().isKeyword("VIEW") || (peek().isKeyword("TEMPORARY") && peek(2).isKeyword("VIEW")) {
                advance()
                _ = consumeKeyword("TEMPORARY")
                advance()
                if consumeKeyword("IF") {
                    try expectKeyword("NOT")
                    try expectKeyword("EXISTS")
                }
                let name = try parseIdentifier(what: "view name")
                let columns = try parseColumnList()
                try expectKeyword("AS")
                var query = try parseQuery()
                if let (names, location) = columns { query = try Self.renaming(query, names, at: location) }
                return .createView(name: name, query: query)
            }
            return .createTable(try parseCreateTable())
        }
        if consumeKeyword("EXPLAIN") {
            if consumeKeyword("PLAN") { try expectKeyword("FOR") }
            if current.isKeyword("INSERT") { return .explainInserts([try parseInsert()]) }
            if current.isKeyword("STATEMENT") {
                let location = advance().location
                try expectKeyword("SET")
                try expectKeyword("BEGIN")
                guard case .statementSet(let inserts, _) = try parseStatementSetBody(at: location) else { return .explainInserts([]) }
                return .explainInserts(inserts)
            }
            return .explain(try parseQuery())
        }
        if current.isKeyword("SET") {
            let location = advance().location
            let key = try parseStringLiteral(what: "an option name in quotes, such as 'table.exec.state.ttl'")
            try expectSymbol("=")
            let value = try parseStringLiteral(what: "the option's value in quotes")
            return .set(key: key, value: value, location: location)
        }
        if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") { return .query(try parseQuery()) }
        // `(SELECT …) UNION (SELECT …)`, as Flink's documentation writes set operations.
        if current.isSymbol("("), peek().isKeyword("SELECT") || peek().isKeyword("WITH") || peek().isSymbol("(") { return .query(try parseQuery()) }
        if current.isKeyword("INSERT") { return .insert(try parseInsert()) }
        if current.isKeyword("EXECUTE") {
            let location = advance().location
            if current.isKeyword("INSERT") { return .insert(try parseInsert()) }
            try expectKeyword("STATEMENT", hint: "EXECUTE STATEMENT SET BEGIN INSERT INTO …; INSERT INTO …; END")
            try expectKeyword("SET")
            try expectKeyword("BEGIN")
            return try parseStatementSetBody(at: location)
        }
        // The SQL client's older form: `BEGIN STATEMENT SET; … END;`
        if current.isKeyword("BEGIN"), peek().isKeyword("STATEMENT") {
            let location = advance().location
            advance()
            try expectKeyword("SET")
            try expectSymbol(";")
            return try parseStatementSetBody(at: location)
        }
        if current.isKeyword("SHOW") || current.isKeyword("DESCRIBE") || current.isKeyword("DESC") {
            throw SyntaxError("\(current.isKeyword("SHOW") ? "SHOW" : "DESCRIBE") is a statement of the interactive shell", at: current.location,
                              hint: "run `weir` without a file and type it there (or \\tables, \\describe t, \\functions)")
        }
        throw SyntaxError.expected("SELECT, WITH, INSERT INTO, CREATE TABLE, CREATE VIEW, SET or EXPLAIN", found: current)
    }

    /// `INSERT INTO t [(a, b)] query`; Flink's `INSERT OVERWRITE` and `PARTITION` are named as unsupported.
    mutating func parseInsert() throws(SyntaxError) -> Insert {
        try expectKeyword("INSERT")
        if current.isKeyword("OVERWRITE") {
            throw SyntaxError.expected("INTO", found: current, hint: "weir does not support INSERT OVERWRITE yet (a batch-mode feature of Flink)")
        }
        try expectKeyword("INTO")
        let table = try parseIdentifier(what: "table name")
        if current.isKeyword("PARTITION") {
            throw SyntaxError.expected("a query", found: current, hint: "weir does not support INSERT INTO … PARTITION yet")
        }
        var columns: [Identifier] = []
        if current.isSymbol("("), !peek().isKeyword("SELECT"), !peek().isKeyword("WITH") {
            advance()
            columns = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "column name") }
            try expectSymbol(")")
        }
        if current.isSymbol("("), peek().isKeyword("SELECT") || peek().isKeyword("WITH") {
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            return Insert(table: table, columns: columns, query: query)
        }
        return Insert(table: table, columns: columns, query: try parseQuery())
    }

    /// The inserts of a statement set, up to and including its `END`.
    mutating func parseStatementSetBody(at location: SourceLocation) throws(SyntaxError) -> Statement {
        var inserts: [Insert] = []
        while true {
            while consumeSymbol(";") {}
            if consumeKeyword("END") { break }
            guard current.isKeyword("INSERT") else {
                throw SyntaxError.expected(inserts.isEmpty ? "INSERT INTO" : "INSERT INTO or END", found: current,
                                           hint: "a statement set holds INSERT statements only")
            }
            inserts.append(try parseInsert())
            guard current.isSymbol(";") || current.isKeyword("END") else {
                throw SyntaxError.expected("';' or END", found: current)
            }
        }
        return .statementSet(inserts, location: location)
    }

    /// `CREATE TABLE [IF NOT EXISTS] t (col TYPE [NOT NULL], …, [WATERMARK FOR ts AS expr]) [WITH (…)]`
    mutating func parseCreateTable() throws(SyntaxError) -> CreateTable {
        try expectKeyword("CREATE")
        try expectKeyword("TABLE")
        var ifNotExists = false
        if consumeKeyword("IF") {
            try expectKeyword("NOT")
            try expectKeyword("EXISTS")
            ifNotExists = true
        }
        let name = try parseIdentifier(what: "table name")
        try expectSymbol("(")
        var columns: [ColumnDefinition] = []
        var watermark: WatermarkDefinition?
        var primaryKey: [Identifier] = []
        var proctime: Identifier?
        var computed: [ComputedColumn] = []
        repeat {
            if current.isKeyword("PRIMARY"), peek().isKeyword("KEY") {
                advance()
                advance()
                try expectSymbol("(")
                primaryKey = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Identifier in try p.parseIdentifier(what: "column name") }
                try expectSymbol(")")
                try expectKeyword("NOT", hint: "Flink's primary keys are declared NOT ENFORCED")
                try expectKeyword("ENFORCED")
            } else if consumeKeyword("WATERMARK") {
                try expectKeyword("FOR")
                let column = try parseIdentifier(what: "column name")
                try expectKeyword("AS")
                watermark = WatermarkDefinition(column: column, expression: try parseExpression())
            } else if peek().isKeyword("AS") {
                // A computed column; `name AS PROCTIME()` is the processing-time attribute.
                let columnName = try parseIdentifier(what: "column name")
                advance()
                let expression = try parseExpression()
                if case let .function(function, arguments, _) = expression.kind, function.name.uppercased() == "PROCTIME", arguments.isEmpty {
                    proctime = columnName
                } else {
                    computed.append(ComputedColumn(name: columnName, expression: expression, position: columns.count))
                }
            } else {
                let columnName = try parseIdentifier(what: "column name")
                let type = try parseTypeName()
                var notNull = false
                if consumeKeyword("NOT") {
                    try expectKeyword("NULL")
                    notNull = true
                }
                columns.append(ColumnDefinition(name: columnName, type: type, notNull: notNull))
            }
        } while consumeSymbol(",")
        if !current.isSymbol(")") {
            throw SyntaxError.expected("',' or ')'", found: current)
        }
        advance()
        var options: [TableOption] = []
        if consumeKeyword("WITH") {
            try expectSymbol("(")
            options = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> TableOption in
                let location = p.current.location
                let key = try p.parseStringLiteral(what: "an option name in quotes")
                try p.expectSymbol("=")
                let value = try p.parseStringLiteral(what: "an option value in quotes")
                return TableOption(key: key, value: value, location: location)
            }
            try expectSymbol(")")
        }
        var create = CreateTable(name: name, columns: columns, watermark: watermark, options: options, ifNotExists: ifNotExists)
        create.primaryKey = primaryKey
        create.proctime = proctime
        create.computedColumns = computed
        return create
    }

    /// A type name with optional parameters: `INT`, `VARCHAR(20)`, `DECIMAL(10, 2)`, `TIMESTAMP(3)`.
    mutating func parseTypeName() throws(SyntaxError) -> TypeName {
        guard case .word(let word) = current.kind else {
            throw SyntaxError.expected("a type name", found: current)
        }
        let location = advance().location
        var name = word.uppercased()
        if name == "DOUBLE", consumeKeyword("PRECISION") {}
        if name == "CHARACTER", consumeKeyword("VARYING") { name = "VARCHAR" }
        var parameters: [Int] = []
        if name == "ROW", current.isSymbol("<") || current.isSymbol("(") {
            // ROW<name type, …> or ROW(name type, …)
            let close = current.isSymbol("<") ? ">" : ")"
            advance()
            var type = TypeName("ROW", location: location)
            type.fields = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> RowField in
                let field = try p.parseIdentifier(what: "a field name")
                return RowField(name: field.name, type: try p.parseTypeName())
            }
            try expectSymbol(close)
            return type
        }
        if name == "MAP", consumeSymbol("<") {
            // MAP<key, value>
            var type = TypeName("MAP", location: location)
            let key = try parseTypeName()
            try expectSymbol(",")
            type.fields = [RowField(name: "", type: key), RowField(name: "", type: try parseTypeName())]
            try expectSymbol(">")
            return type
        }
        if name == "ARRAY", consumeSymbol("<") {
            // ARRAY<element>
            var type = TypeName("ARRAY", location: location)
            type.fields = [RowField(name: "", type: try parseTypeName())]
            try expectSymbol(">")
            return type
        }
        if consumeSymbol("(") {
            parameters = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Int in try p.parseInteger() }
            try expectSymbol(")")
        }
        if name == "TIMESTAMP", current.isKeyword("WITHOUT") {
            advance()
            try expectKeyword("TIME")
            try expectKeyword("ZONE")
        }
        return TypeName(name, parameters, location: location)
    }
}
