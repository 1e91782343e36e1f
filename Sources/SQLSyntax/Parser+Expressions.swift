/// Binding powers of infix operators, loosest first. One table drives the Pratt loop.
enum Precedence: Int, Comparable {
    case lowest = 0, or, and, not, comparison, additive, multiplicative, unary

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

extension Parser {
    /// Parses an expression (Pratt style) whose operators bind tighter than `minimum`.
    mutating func parseExpression(_ minimum: Precedence = .lowest) throws(SyntaxError) -> Expression {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxExpressionDepth { throw tooDeep(at: current.location) }
        var left = try parsePrefix()
        // `tags[1]`: an array's element (1 is the first), tighter than any operator; then
        // `cart[1].sku`, a field of a ROW element (an ITEM with the field's name).
        var afterItem = false
        while current.isSymbol("[") || (afterItem && current.isSymbol(".")) {
            if consumeSymbol(".") {
                let field = try parseIdentifier(what: "a field name")
                let name = Expression(.literal(.string(field.name)), at: field.location)
                left = Expression(.function(name: Identifier("$FIELD", location: field.location), arguments: [left, name], distinct: false), at: left.location)
                continue
            }
            let bracket = advance()
            let index = try parseExpression()
            try expectSymbol("]")
            left = Expression(.function(name: Identifier("ITEM", location: bracket.location), arguments: [left, index], distinct: false), at: left.location)
            afterItem = true
        }
        while true {
            if left.height > Parser.maxExpressionDepth { throw tooDeep(at: left.location) }
            let start = left.location
            let token = current
            if let op = binaryOperator(token), let precedence = precedence(of: op), precedence > minimum {
                advance()
                if op == .and || op == .or {
                    // A chain of one logical operator (generated filters hold thousands of
                    // terms) becomes a balanced tree: the same value, since AND and OR are
                    // associative in SQL's three-valued logic too, at a logarithmic depth.
                    var operands = [left, try parseExpression(precedence)]
                    while let next = binaryOperator(current), next == op {
                        advance()
                        operands.append(try parseExpression(precedence))
                    }
                    left = Self.balanced(op, operands[...], at: start)
                } else {
                    let right = try parseExpression(precedence)
                    left = Expression(.binary(op, left, right), at: start)
                }
                continue
            }
            guard Precedence.comparison > minimum else { return left }
            // Postfix predicates: IS, [NOT] BETWEEN / IN / LIKE.
            if token.isKeyword("IS") {
                advance()
                let negated = consumeKeyword("NOT")
                if consumeKeyword("NULL") {
                    left = Expression(.isNull(left, negated: negated), at: start)
                } else if consumeKeyword("TRUE") {
                    left = Expression(.isBoolean(left, value: true, negated: negated), at: start)
                } else if consumeKeyword("FALSE") {
                    left = Expression(.isBoolean(left, value: false, negated: negated), at: start)
                } else if consumeKeyword("UNKNOWN") {
                    left = Expression(.isNull(left, negated: negated), at: start)
                } else if current.isKeyword("JSON") {
                    // x IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT]: IS_JSON(x, kind).
                    let json = advance()
                    var kind = "VALUE"
                    for candidate in ["VALUE", "SCALAR", "ARRAY", "OBJECT"] where consumeKeyword(candidate) { kind = candidate }
                    let call = Expression(.function(name: Identifier("IS_JSON", location: json.location),
                                                    arguments: [left, Expression(.literal(.string(kind)), at: json.location)], distinct: false), at: start)
                    left = negated ? Expression(.unary(.not, call), at: start) : call
                } else if consumeKeyword("DISTINCT") {
                    // a IS [NOT] DISTINCT FROM b: equality where NULL equals NULL, never NULL itself.
                    try expectKeyword("FROM")
                    left = Self.distinct(left, from: try parseExpression(.comparison), negated: negated, at: start)
                } else {
                    throw SyntaxError.expected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM", found: current)
                }
                continue
            }
            var negated = false
            if token.isKeyword("NOT"), peek().isKeyword("BETWEEN") || peek().isKeyword("IN") || peek().isKeyword("LIKE") || peek().isKeyword("SIMILAR") {
                advance()
                negated = true
            }
            if consumeKeyword("BETWEEN") {
                let symmetric = consumeKeyword("SYMMETRIC")
                if !symmetric { _ = consumeKeyword("ASYMMETRIC") }
                let low = try parseExpression(.comparison)
                try expectKeyword("AND")
                let high = try parseExpression(.comparison)
                if symmetric {
                    // Between the two bounds in either order.
                    let either = Expression(.binary(.or, Expression(.between(left, low: low, high: high, negated: false), at: start),
                                                    Expression(.between(left, low: high, high: low, negated: false), at: start)), at: start)
                    left = negated ? Expression(.unary(.not, either), at: start) : either
                } else {
                    left = Expression(.between(left, low: low, high: high, negated: negated), at: start)
                }
            } else if consumeKeyword("IN") {
                try expectSymbol("(")
                if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                    let query = try parseQuery()
                    try expectSymbol(")")
                    left = Expression(.inSubquery(left, query, negated: negated), at: start)
                    continue
                }
                if consumeKeyword("VALUES") {
                    // x IN (VALUES (a), (b)): the values as a list (one column a row).
                    let list = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in
                        let row = p.current.location
                        try p.expectSymbol("(")
                        let value = try p.parseExpression()
                        if p.current.isSymbol(",") {
                            throw SyntaxError("row values such as (a, b) are not supported yet", at: row,
                                              hint: "compare column by column: (a = 1 AND b = 'x') OR (a = 2 AND b = 'y')")
                        }
                        try p.expectSymbol(")")
                        return value
                    }
                    try expectSymbol(")")
                    left = Expression(.inList(left, list, negated: negated), at: start)
                    continue
                }
                let list = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
                try expectSymbol(")")
                left = Expression(.inList(left, list, negated: negated), at: start)
            } else if consumeKeyword("LIKE") {
                let pattern = try parseExpression(.comparison)
                var escape: Expression?
                if consumeKeyword("ESCAPE") { escape = try parseExpression(.comparison) }
                left = Expression(.like(left, pattern: pattern, escape: escape, negated: negated), at: start)
            } else if current.isKeyword("SIMILAR"), peek().isKeyword("TO") {
                // x [NOT] SIMILAR TO pattern [ESCAPE c]: SIMILAR_TO(x, pattern [, c]).
                let similar = advance()
                advance()
                var arguments = [left, try parseExpression(.comparison)]
                if consumeKeyword("ESCAPE") { arguments.append(try parseExpression(.comparison)) }
                let call = Expression(.function(name: Identifier("SIMILAR_TO", location: similar.location), arguments: arguments, distinct: false), at: start)
                left = negated ? Expression(.unary(.not, call), at: start) : call
            } else {
                return left
            }
        }
    }

    private static func balanced(_ op: BinaryOperator, _ operands: ArraySlice<Expression>, at start: SourceLocation) -> Expression {
        if operands.count == 1 { return operands.first! }
        let middle = operands.startIndex + operands.count / 2
        let (low, high) = (operands[..<middle], operands[middle...])
        return Expression(.binary(op, balanced(op, low, at: start), balanced(op, high, at: high.first!.location)), at: start)
    }

    private func tooDeep(at location: SourceLocation) -> SyntaxError {
        SyntaxError("expression nested too deeply: more than \(Parser.maxExpressionDepth) levels", at: location,
                    hint: "weir takes expressions up to \(Parser.maxExpressionDepth) levels deep; write long lists of alternatives as x IN (a, b, …)")
    }

    private func binaryOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .symbol(let s):
            switch s {
            case "+": return .add
            case "-": return .subtract
            case "*": return .multiply
            case "/": return .divide
            case "%": return .modulo
            case "=": return .equal
            case "<>", "!=": return .notEqual
            case "<": return .less
            case "<=": return .lessOrEqual
            case ">": return .greater
            case ">=": return .greaterOrEqual
            case "||": return .concat
            default: return nil
            }
        case .word(let w):
            switch w.uppercased() {
            case "AND": return .and
            case "OR": return .or
            default: return nil
            }
        default:
            return nil
        }
    }

    private func precedence(of op: BinaryOperator) -> Precedence? {
        switch op {
        case .or: .or
        case .and: .and
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: .comparison
        case .add, .subtract, .concat: .additive
        case .multiply, .divide, .modulo: .multiplicative
        }
    }

    private mutating func parsePrefix() throws(SyntaxError) -> Expression {
        let token = current
        let start = token.location
        switch token.kind {
        case .number(let text):
            advance()
            if let value = Int64(text) { return Expression(.literal(.integer(value)), at: start) }
            return Expression(.literal(.decimal(text)), at: start)
        case .string(let s):
            advance()
            return Expression(.literal(.string(s)), at: start)
        case .quotedIdentifier:
            return try parseColumnReference()
        case .symbol("(") where peek().isKeyword("SELECT") || peek().isKeyword("WITH"):
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            return Expression(.scalarSubquery(query), at: start)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            if current.isSymbol(",") {
                advance()
                let row = [inner] + (try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() })
                try expectSymbol(")")
                return try parseRowComparison(row, at: start)
            }
            try expectSymbol(")")
            if case .word(let word) = current.kind,
               ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"].contains(word.uppercased()) {
                // Flink's interval expression, `(a - b) DAY [TO unit]`.
                throw SyntaxError("an interval expression such as (a - b) \(word.uppercased()) is Flink SQL weir does not support yet",
                                  at: current.location, hint: "TIMESTAMPDIFF(\(word.uppercased()), b, a) counts whole units between two times")
            }
            return inner
        case .symbol("-"):
            advance()
            return Expression(.unary(.minus, try parseExpression(.unary)), at: start)
        case .symbol("+"):
            advance()
            return Expression(.unary(.plus, try parseExpression(.unary)), at: start)
        case .word(let word):
            return try parseWordPrefix(word.uppercased(), start: start)
        default:
            throw SyntaxError.expected("an expression", found: token)
        }
    }

    /// `a IS [NOT] DISTINCT FROM b`: equality where NULL equals NULL, never NULL itself.
    static func distinct(_ left: Expression, from right: Expression, negated: Bool, at start: SourceLocation) -> Expression {
        func expression(_ kind: Expression.Kind) -> Expression { Expression(kind, at: start) }
        let bothNull = expression(.binary(.and, expression(.isNull(left, negated: false)), expression(.isNull(right, negated: false))))
        let oneNull = expression(.binary(.or, expression(.isNull(left, negated: false)), expression(.isNull(right, negated: false))))
        let differ = expression(.binary(.notEqual, left, right))
        return expression(.caseWhen(operand: nil, branches: [
            .init(condition: bothNull, result: expression(.literal(.boolean(negated)))),
            .init(condition: oneNull, result: expression(.literal(.boolean(!negated)))),
        ], otherwise: negated ? expression(.unary(.not, differ)) : differ))
    }

    /// `(a, b) = (1, 'x')`, `(a, b) <> (…)`, `(a, b) [NOT] IN ((1, 'x'), (2, 'y'))`: a row
    /// compared field by field, as Calcite expands it (`a = 1 AND b = 'x'`, an OR of those
    /// for IN); `(s, e) OVERLAPS (s, e)` two periods; any other row value is `ROW(a, b)`.
    private mutating func parseRowComparison(_ row: [Expression], at start: SourceLocation) throws(SyntaxError) -> Expression {
        func parseRow(_ p: inout Parser) throws(SyntaxError) -> [Expression] {
            let location = p.current.location
            try p.expectSymbol("(")
            let values = try p.parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
            try p.expectSymbol(")")
            guard values.count == row.count else {
                throw SyntaxError("a row of \(row.count) values compared with one of \(values.count)", at: location)
            }
            return values
        }
        func equal(_ values: [Expression]) -> Expression {
            var result: Expression?
            for (a, b) in zip(row, values) {
                let term = Expression(.binary(.equal, a, b), at: start)
                result = result.map { Expression(.binary(.and, $0, term), at: start) } ?? term
            }
            return result!
        }
        if current.isSymbol("=") || current.isSymbol("<>") || current.isSymbol("!=") {
            guard advance().isSymbol("=") else {
                // Rows differ when a field is distinct from its pair, NULLs alike (checked on
                // Flink 2.3: (1, NULL) <> (NULL, 2) is TRUE, (3, NULL) <> (3, NULL) FALSE).
                var result: Expression?
                for (a, b) in zip(row, try parseRow(&self)) {
                    let term = Self.distinct(a, from: b, negated: false, at: start)
                    result = result.map { Expression(.binary(.or, $0, term), at: start) } ?? term
                }
                return result!
            }
            return equal(try parseRow(&self))
        }
        let negated = current.isKeyword("NOT") && peek().isKeyword("IN")
        if negated { advance() }
        if consumeKeyword("IN") {
            try expectSymbol("(")
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isKeyword("VALUES") {
                let query = try parseQuery()
                try expectSymbol(")")
                let operand = Expression(.function(name: Identifier(Expression.rowOperandName), arguments: row, distinct: false), at: start)
                return Expression(.inSubquery(operand, query, negated: negated), at: start)
            }
            var result: Expression?
            repeat {
                let term = equal(try parseRow(&self))
                result = result.map { Expression(.binary(.or, $0, term), at: start) } ?? term
            } while consumeSymbol(",")
            try expectSymbol(")")
            return negated ? Expression(.unary(.not, result!), at: start) : result!
        }
        if current.isKeyword("OVERLAPS") {
            // (start, end | interval) OVERLAPS (start, end | interval): the binder, which knows
            // which ends are intervals, makes the comparisons.
            advance()
            guard row.count == 2 else { throw SyntaxError("OVERLAPS compares two periods, (start, end) each", at: start) }
            let other = try parseRow(&self)
            return Expression(.function(name: Identifier(Expression.overlapsName, location: start), arguments: row + other, distinct: false), at: start)
        }
        // Any other row value is a ROW (Flink's implicit row constructor).
        return Expression(.function(name: Identifier("ROW", location: start), arguments: row, distinct: false), at: start)
    }

    private mutating func parseWordPrefix(_ upper: String, start: SourceLocation) throws(SyntaxError) -> Expression {
        switch upper {
        case "ARRAY" where peek().isSymbol("["), "MAP" where peek().isSymbol("["):
            // `ARRAY[a, b]`, `MAP['k', v, …]`: constructors, bound as ARRAY_VALUE / MAP_VALUE.
            let name = Identifier(upper + "_VALUE", location: advance().location)
            advance()
            var items: [Expression] = []
            if !consumeSymbol("]") {
                items = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
                try expectSymbol("]")
            }
            return Expression(.function(name: name, arguments: items, distinct: false), at: start)
        case "EXISTS" where peek().isSymbol("("):
            advance()
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            return Expression(.exists(query), at: start)
        case "NOT":
            advance()
            return Expression(.unary(.not, try parseExpression(.not)), at: start)
        case "NULL":
            advance()
            return Expression(.literal(.null), at: start)
        case "TRUE", "FALSE":
            advance()
            return Expression(.literal(.boolean(upper == "TRUE")), at: start)
        case "CASE":
            return try parseCase()
        case "CAST", "TRY_CAST":
            advance()
            try expectSymbol("(")
            let operand = try parseExpression()
            try expectKeyword("AS")
            let type = try parseTypeName()
            try expectSymbol(")")
            let cast = Expression(.cast(operand, type), at: start)
            // TRY_CAST is kept by name for Flink, where a CAST that fails stops the job.
            guard upper == "TRY_CAST" else { return cast }
            return Expression(.function(name: Identifier("TRY_CAST", location: start), arguments: [cast], distinct: false), at: start)
        case "INTERVAL":
            advance()
            return Expression(.literal(try parseIntervalBody()), at: start)
        case "TIMESTAMP" where peek().kind.isString:
            advance()
            return Expression(.literal(.timestamp(try parseStringLiteral())), at: start)
        case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME":
            // The wall clock's time and date, written without parentheses.
            let name = Identifier(upper, location: advance().location)
            if consumeSymbol("(") { try expectSymbol(")") }
            return Expression(.function(name: name, arguments: [], distinct: false), at: start)
        case "DATE" where peek().kind.isString:
            advance()
            return Expression(.literal(.date(try parseStringLiteral())), at: start)
        case "TIME" where peek().kind.isString:
            advance()
            return Expression(.literal(.time(try parseStringLiteral())), at: start)
        case "SUBSTRING" where peek().isSymbol("("):
            return try parseSubstring()
        case "POSITION" where peek().isSymbol("("):
            // POSITION(needle IN haystack): IN here is not a predicate.
            let name = Identifier("POSITION", location: advance().location)
            try expectSymbol("(")
            let needle = try parseExpression(.comparison)
            try expectKeyword("IN", hint: "POSITION(needle IN text)")
            let haystack = try parseExpression()
            try expectSymbol(")")
            return Expression(.function(name: name, arguments: [needle, haystack], distinct: false), at: start)
        case "EXTRACT" where peek().isSymbol("("):
            // EXTRACT(unit FROM e): the unit as a string argument.
            let name = Identifier("EXTRACT", location: advance().location)
            try expectSymbol("(")
            let unit = try parseTimeUnitWord()
            try expectKeyword("FROM")
            let operand = try parseExpression()
            try expectSymbol(")")
            return Expression(.function(name: name, arguments: [unit, operand], distinct: false), at: start)
        case "TIMESTAMPDIFF" where peek().isSymbol("("), "TIMESTAMPADD" where peek().isSymbol("("):
            let name = Identifier(upper, location: advance().location)
            try expectSymbol("(")
            let unit = try parseTimeUnitWord()
            try expectSymbol(",")
            let first = try parseExpression()
            try expectSymbol(",")
            let second = try parseExpression()
            try expectSymbol(")")
            return Expression(.function(name: name, arguments: [unit, first, second], distinct: false), at: start)
        case "FLOOR" where peek().isSymbol("("), "CEIL" where peek().isSymbol("("):
            // FLOOR(e TO unit) is a different function from FLOOR(e).
            let save = position
            let name = Identifier(upper, location: advance().location)
            try expectSymbol("(")
            let operand = try parseExpression()
            if consumeKeyword("TO") {
                let unit = try parseTimeUnitWord()
                try expectSymbol(")")
                return Expression(.function(name: name, arguments: [operand, unit], distinct: false), at: start)
            }
            position = save
        case "TRIM" where peek().isSymbol("("):
            return try parseTrim()
        case "JSON_OBJECT" where peek().isSymbol("("), "JSON_ARRAY" where peek().isSymbol("("):
            return try parseJSONConstructor(upper)
        case "JSON_OBJECTAGG" where peek().isSymbol("("), "JSON_ARRAYAGG" where peek().isSymbol("("):
            return try parseJSONAggregate(upper)
        case "ARRAY_AGG" where peek().isSymbol("("):
            return try parseArrayAggregate()
        case "COLLECT" where peek().isSymbol("("):
            return try parseCollect()
        case "PERCENTILE" where peek().isSymbol("("):
            return try parsePercentile()
        case "JSON_VALUE" where peek().isSymbol("("):
            return try parseJSONValue()
        case "JSON_QUERY" where peek().isSymbol("("), "JSON_EXISTS" where peek().isSymbol("("):
            return try parseJSONQueryOrExists(upper)
        case "OVERLAY" where peek().isSymbol("("):
            // OVERLAY(text PLACING replacement FROM start [FOR length])
            let start = current.location
            let name = Identifier("OVERLAY", location: advance().location)
            try expectSymbol("(")
            var arguments = [try parseExpression()]
            try expectKeyword("PLACING", hint: "OVERLAY(text PLACING replacement FROM start [FOR length])")
            arguments.append(try parseExpression())
            try expectKeyword("FROM", hint: "OVERLAY(text PLACING replacement FROM start [FOR length])")
            arguments.append(try parseExpression())
            if consumeKeyword("FOR") { arguments.append(try parseExpression()) }
            try expectSymbol(")")
            return Expression(.function(name: name, arguments: arguments, distinct: false), at: start)
        default:
            break
        }
        if peek().isSymbol("(") {
            return try parseFunctionCall()
        }
        if Keyword.reserved.contains(upper) {
            throw SyntaxError.expected("an expression", found: current)
        }
        return try parseColumnReference()
    }

    /// `JSON_OBJECT([KEY] k VALUE v, … [NULL | ABSENT ON NULL])` and `JSON_ARRAY(v, … [… ON NULL])`:
    /// a call whose first argument is the ON NULL behaviour as a string (`'NULL'` or `'ABSENT'`,
    /// Flink's defaults when it is not written), then the keys and values in turn, or the values.
    private mutating func parseJSONConstructor(_ upper: String) throws(SyntaxError) -> Expression {
        let start = current.location
        let name = Identifier(upper, location: advance().location)
        try expectSymbol("(")
        var onNull = upper == "JSON_OBJECT" ? "NULL" : "ABSENT"
        var arguments: [Expression] = []
        func onNullClause(_ p: inout Parser) throws(SyntaxError) -> Bool {
            guard p.current.isKeyword("NULL") || p.current.isKeyword("ABSENT"), p.peek().isKeyword("ON") else { return false }
            onNull = p.current.isKeyword("NULL") ? "NULL" : "ABSENT"
            p.advance()
            p.advance()
            try p.expectKeyword("NULL")
            return true
        }
        if !current.isSymbol(")"), try !onNullClause(&self) {
            repeat {
                if upper == "JSON_OBJECT" {
                    _ = consumeKeyword("KEY")
                    arguments.append(try parseExpression())
                    try expectKeyword("VALUE", hint: "JSON_OBJECT takes KEY 'name' VALUE value pairs")
                    arguments.append(try parseExpression())
                } else {
                    arguments.append(try parseExpression())
                }
                if try onNullClause(&self) { break }
            } while consumeSymbol(",")
        }
        try expectSymbol(")")
        let mode = Expression(.literal(.string(onNull)), at: name.location)
        return Expression(.function(name: name, arguments: [mode] + arguments, distinct: false), at: start)
    }

    /// `JSON_ARRAYAGG(v [… ON NULL])` and `JSON_OBJECTAGG([KEY] k VALUE v [… ON NULL])` as a
    /// LISTAGG of each row's JSON (`$JSON_AGG` wraps the list as an array, or an object with its
    /// members sorted by name, as Flink writes it). LISTAGG keeps Flink's semantics for these:
    /// values in arrival order, NULLs left out (a NULL ON NULL value is the text `null`), a
    /// retraction taking out the earliest equal entry. Entries are separated by U+0001, which
    /// JSON text never holds raw; an object's entry is its key's JSON, U+0002, its value's JSON.
    private mutating func parseJSONAggregate(_ upper: String) throws(SyntaxError) -> Expression {
        let start = current.location
        let constructor = try parseJSONConstructor(upper == "JSON_OBJECTAGG" ? "JSON_OBJECT" : "JSON_ARRAY")
        guard case let .function(_, arguments, _) = constructor.kind, case .literal(.string(let onNull)) = arguments[0].kind,
              arguments.count == (upper == "JSON_OBJECTAGG" ? 3 : 2) else {
            throw SyntaxError(upper == "JSON_OBJECTAGG" ? "JSON_OBJECTAGG takes one KEY … VALUE … pair" : "JSON_ARRAYAGG takes one value",
                              at: start, hint: upper == "JSON_OBJECTAGG" ? "JSON_OBJECTAGG(KEY name VALUE value)" : "JSON_ARRAYAGG(value)")
        }
        func call(_ name: String, _ arguments: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name, location: start), arguments: arguments, distinct: false), at: start)
        }
        func text(_ s: String) -> Expression { Expression(.literal(.string(s)), at: start) }
        let value = arguments.last!
        var json = call("JSON_STRING", [value])
        if onNull == "NULL" { json = call("COALESCE", [json, text("null")]) }
        var entry = json
        if upper == "JSON_OBJECTAGG" {
            let key = call("JSON_STRING", [arguments[1]])
            entry = Expression(.binary(.concat, Expression(.binary(.concat, key, text("\u{2}")), at: start), json), at: start)
        }
        let list = try parseOver(call("LISTAGG", [entry, text("\u{1}")]))
        return call("$JSON_AGG", [text(upper == "JSON_OBJECTAGG" ? "O" : "A"), list])
    }

    /// `NAME([ALL | DISTINCT] v`, up to the closing parenthesis: where the call starts, whether
    /// it is DISTINCT, and `v`.
    private mutating func parseAggregateOpening() throws(SyntaxError) -> (SourceLocation, Bool, Expression) {
        let start = current.location
        advance()
        try expectSymbol("(")
        let distinct = consumeKeyword("DISTINCT")
        if !distinct { _ = consumeKeyword("ALL") }
        return (start, distinct, try parseExpression())
    }

    /// `ARRAY_AGG([ALL | DISTINCT] v [RESPECT NULLS | IGNORE NULLS])`, as JSON_ARRAYAGG is: a LISTAGG of each
    /// row's JSON (NULLs kept unless IGNORE NULLS), `$JSON_AGG` making the array (NULL for no
    /// values, as Flink's ArrayAggFunction). The LISTAGG's third argument, `v`, types it: its
    /// result is the ARRAY of `v`'s type (the list's text until `$JSON_AGG` wraps it).
    private mutating func parseArrayAggregate() throws(SyntaxError) -> Expression {
        // DISTINCT: each value once, in the order first seen (Flink's distinct view of the
        // values feeds ArrayAggFunction each value when its count leaves zero).
        let (start, distinct, value) = try parseAggregateOpening()
        var ignoresNulls = false
        if current.isKeyword("RESPECT") || current.isKeyword("IGNORE") {
            ignoresNulls = current.isKeyword("IGNORE")
            advance()
            try expectKeyword("NULLS")
        }
        try expectSymbol(")")
        func call(_ name: String, _ arguments: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name, location: start), arguments: arguments, distinct: false), at: start)
        }
        func text(_ s: String) -> Expression { Expression(.literal(.string(s)), at: start) }
        // `$ELEMENT_JSON`: JSON_STRING, but a MAP inside keeps its order (JSON_STRING sorts).
        var json = call("$ELEMENT_JSON", [value])
        if !ignoresNulls { json = call("COALESCE", [json, text("null")]) }
        let listagg = Expression(.function(name: Identifier("LISTAGG", location: start), arguments: [json, text("\u{1}"), value], distinct: distinct), at: start)
        let list = try parseOver(listagg)
        return call("$JSON_AGG", [text("R"), list])
    }

    /// `COLLECT([ALL | DISTINCT] v)`, Flink's multiset of the values and how many times each
    /// came: a LISTAGG of each value's text (as CAST to STRING writes it, quoted as JSON so that
    /// no value holds the separator; NULLs left out, as Flink's CollectAggFunction), `$JSON_AGG`
    /// counting them in the order of Flink's map. The LISTAGG's third argument types it.
    private mutating func parseCollect() throws(SyntaxError) -> Expression {
        let (start, distinct, value) = try parseAggregateOpening()
        try expectSymbol(")")
        func call(_ name: String, _ arguments: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name, location: start), arguments: arguments, distinct: false), at: start)
        }
        let key = call("JSON_STRING", [Expression(.cast(value, TypeName("STRING", location: start)), at: start)])
        let listagg = Expression(.function(name: Identifier("LISTAGG", location: start),
                                           arguments: [key, Expression(.literal(.string(Expression.collectSeparator)), at: start), value], distinct: distinct), at: start)
        return call("$JSON_AGG", [Expression(.literal(.string("C")), at: start), try parseOver(listagg)])
    }

    /// `PERCENTILE(v, percentage [, frequency])` as a LISTAGG of each row's value (and
    /// frequency) that `$PERCENTILE` reads, as Flink's PercentileAggFunction reads its map of
    /// value counts: LISTAGG takes NULLs out, keeps retractions exact (a retraction takes out
    /// one equal entry) and merges across slices and phases. `$PCT_ENTRY` writes a value's bits
    /// exactly (NULL for a NULL value, or a frequency that is NULL or not positive).
    private mutating func parsePercentile() throws(SyntaxError) -> Expression {
        let start = current.location
        advance()
        try expectSymbol("(")
        var arguments = [try parseExpression()]
        while consumeSymbol(",") { arguments.append(try parseExpression()) }
        try expectSymbol(")")
        guard (2...3).contains(arguments.count) else {
            throw SyntaxError("PERCENTILE takes a value, a percentage and optionally a frequency", at: start,
                              hint: "PERCENTILE(v, 0.95) or PERCENTILE(v, 0.5, frequency)")
        }
        func call(_ name: String, _ arguments: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name, location: start), arguments: arguments, distinct: false), at: start)
        }
        let entry = call("$PCT_ENTRY", [arguments[0]] + arguments.dropFirst(2))
        let list = try parseOver(call("LISTAGG", [entry, Expression(.literal(.string("\u{1}")), at: start)]))
        return call("$PERCENTILE", [arguments[1], list])
    }

    /// A time unit written as a word (`SECOND`, `DAY`, …), as a string literal for the binder.
    private mutating func parseTimeUnitWord() throws(SyntaxError) -> Expression {
        guard case .word(let word) = current.kind else {
            throw SyntaxError.expected("a time unit such as SECOND, MINUTE, HOUR, DAY, MONTH or YEAR", found: current)
        }
        let token = advance()
        return Expression(.literal(.string(word.uppercased())), at: token.location)
    }

    /// `'10' SECOND` after `INTERVAL`; also `10 SECOND` and plural units, which Flink accepts.
    private mutating func parseIntervalBody() throws(SyntaxError) -> Literal {
        let value: String
        switch current.kind {
        case .string(let s): value = s.trimmingSpaces()
        case .number(let n): value = n
        default: throw SyntaxError.expected("an interval value such as '10'", found: current)
        }
        advance()
        func unitName(_ token: Token) -> String? {
            guard case .word(let word) = token.kind else { return nil }
            var name = word.uppercased()
            if name.hasSuffix("S") { name.removeLast() }
            return ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"].contains(name) ? name : nil
        }
        let unitToken = current
        guard let first = unitName(current) else {
            throw SyntaxError.expected("SECOND, MINUTE, HOUR, DAY, MONTH or YEAR", found: current)
        }
        advance()
        // A leading precision, `DAY(3)`, as Flink writes it.
        func skipPrecision(_ p: inout Parser) throws(SyntaxError) {
            if p.current.isSymbol("("), case .number = p.peek().kind {
                p.advance(); p.advance()
                try p.expectSymbol(")")
            }
        }
        try skipPrecision(&self)
        var last = first
        if consumeKeyword("TO") {
            guard let second = unitName(current) else { throw SyntaxError.expected("the interval's last field", found: current) }
            last = second
            advance()
            try skipPrecision(&self)
        }
        let qualifier = first == last ? first : "\(first) TO \(last)"
        if first == "YEAR" || first == "MONTH" {
            guard let months = Self.yearMonthInterval(value, first, last) else {
                throw SyntaxError("invalid interval '\(value)' \(qualifier)", at: unitToken.location,
                                  hint: first == last ? "write INTERVAL '3' \(first)" : "write INTERVAL '1-6' YEAR TO MONTH")
            }
            return .monthInterval(value, qualifier: qualifier, months: months)
        }
        if first == last { return .interval(value, TimeUnit(rawValue: first)!) }
        guard let millis = Self.dayTimeInterval(value, first, last) else {
            throw SyntaxError("invalid interval '\(value)' \(qualifier)", at: unitToken.location,
                              hint: "write the fields from \(first) to \(last), as INTERVAL '1 02:03:04.005' DAY TO SECOND")
        }
        return .compoundInterval(value, qualifier: qualifier, milliseconds: millis)
    }

    /// `'1-6'` YEAR TO MONTH, `'2'` YEAR, `'3'` MONTH, as months; nil for other text.
    static func yearMonthInterval(_ text: String, _ first: String, _ last: String) -> Int64? {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false).map { Int64($0) }
        guard !parts.contains(nil) else { return nil }
        let months: Int64
        switch (first, last, parts.count) {
        case ("YEAR", "YEAR", 1): months = parts[0]! * 12
        case ("MONTH", "MONTH", 1): months = parts[0]!
        case ("YEAR", "MONTH", 2): months = parts[0]! * 12 + parts[1]!
        default: return nil
        }
        return negative ? -months : months
    }

    /// A day-time interval's text by its fields (`'d hh:mm:ss.fff'` DAY TO SECOND and the
    /// shorter forms), in milliseconds; nil for other text.
    static func dayTimeInterval(_ text: String, _ first: String, _ last: String) -> Int64? {
        let order = ["DAY", "HOUR", "MINUTE", "SECOND"]
        guard let from = order.firstIndex(of: first), let to = order.firstIndex(of: last), from < to else { return nil }
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        var fields: [Substring] = []
        if from == 0 {
            let dayAndTime = body.split(separator: " ", maxSplits: 1)
            guard dayAndTime.count == 2 else { return nil }
            fields = [dayAndTime[0]] + dayAndTime[1].split(separator: ":", omittingEmptySubsequences: false)
        } else {
            fields = body.split(separator: ":", omittingEmptySubsequences: false)
        }
        guard fields.count == to - from + 1 else { return nil }
        let unitMillis: [Double] = [86_400_000, 3_600_000, 60_000, 1000]
        var total = 0.0
        for (i, field) in fields.enumerated() {
            let index = from + i
            guard let value = index == 3 ? Double(field) : Double(Int64(field) ?? -1), value >= 0 else { return nil }
            total += value * unitMillis[index]
        }
        let millis = Int64(total.rounded())
        return negative ? -millis : millis
    }

    private mutating func parseColumnReference() throws(SyntaxError) -> Expression {
        let start = current.location
        let first = try parseIdentifier(what: "a column name")
        if current.isSymbol("."), peek().kind != .end {
            advance()
            var name = try parseIdentifier(what: "a column name")
            // `t.user.id`, `user.address.city`: the rest of the path in one name.
            while current.isSymbol("."), peek().kind != .end {
                advance()
                let part = try parseIdentifier(what: "a field name")
                name = Identifier(name.name + String(nestedPathSeparator) + part.name, location: name.location)
            }
            return Expression(.column(qualifier: first, name: name), at: start)
        }
        return Expression(.column(qualifier: nil, name: first), at: start)
    }

    private mutating func parseFunctionCall() throws(SyntaxError) -> Expression {
        let start = current.location
        guard case .word(let word) = current.kind else { throw SyntaxError.expected("a function name", found: current) }
        // Flink's aliases of the sample statistics.
        let aliases = ["STDDEV": "STDDEV_SAMP", "VARIANCE": "VAR_SAMP"]
        let name = Identifier(aliases[word.uppercased()] ?? word, location: advance().location)
        try expectSymbol("(")
        var arguments: [Expression] = []
        var distinct = false
        if consumeSymbol(")") {
            return try parseOver(Expression(.function(name: name, arguments: [], distinct: false), at: start))
        }
        if consumeKeyword("DISTINCT") { distinct = true } else { _ = consumeKeyword("ALL") }
        if current.isSymbol("*") {
            arguments = [Expression(.star, at: advance().location)]
        } else {
            arguments = try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
        }
        guard consumeSymbol(")") else { throw SyntaxError.expected("',' or ')'", found: current) }
        let call = Expression(.function(name: name, arguments: arguments, distinct: distinct), at: start)
        return try parseOver(call)
    }

    /// `call OVER w` or `call OVER (…)` after a function call; the call itself otherwise.
    private mutating func parseOver(_ call: Expression) throws(SyntaxError) -> Expression {
        var call = call
        var filtered = false
        if current.isKeyword("FILTER"), peek().isSymbol("("), case let .function(name, arguments, distinct) = call.kind, !arguments.isEmpty {
            filtered = true
            // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END): every aggregate weir has
            // skips NULL, and COUNT(*) counts the rows where c holds.
            advance()
            advance()
            try expectKeyword("WHERE")
            let condition = try parseExpression()
            try expectSymbol(")")
            var rewritten = arguments
            let kept = if case .star = arguments[0].kind { Expression(.literal(.integer(1)), at: arguments[0].location) } else { arguments[0] }
            rewritten[0] = Expression(.caseWhen(operand: nil, branches: [.init(condition: condition, result: kept)], otherwise: nil), at: arguments[0].location)
            call = Expression(.function(name: name, arguments: rewritten, distinct: distinct), at: call.location)
        }
        guard current.isKeyword("OVER") else { return call }
        if filtered {
            // Calcite's own message (checked on Flink 2.3: fuzz round 30).
            throw SyntaxError("OVER must be applied to aggregate function: FILTER (WHERE …) cannot go with OVER, as in Flink", at: current.location,
                              hint: "put the condition in the argument: SUM(CASE WHEN … THEN x END) OVER (…)")
        }
        let start = advance().location
        if current.isSymbol("(") { return Expression(.over(call, try parseWindowSpecification()), at: call.location) }
        let name = try parseIdentifier(what: "a window name or '('")
        return Expression(.over(call, WindowDefinition(base: name, location: start)), at: call.location)
    }

    private mutating func parseCase() throws(SyntaxError) -> Expression {
        let start = advance().location
        var operand: Expression?
        if !current.isKeyword("WHEN") { operand = try parseExpression() }
        // Each WHEN's values (`CASE x WHEN 1, 2 THEN …` lists two) and result.
        var whens: [(values: [Expression], result: Expression)] = []
        while consumeKeyword("WHEN") {
            var values = [try parseExpression()]
            if operand != nil, consumeSymbol(",") {
                values += try parseCommaSeparated { (p: inout Parser) throws(SyntaxError) -> Expression in try p.parseExpression() }
            }
            try expectKeyword("THEN")
            whens.append((values, try parseExpression()))
        }
        if whens.isEmpty { throw SyntaxError.expected("WHEN", found: current) }
        var otherwise: Expression?
        if consumeKeyword("ELSE") { otherwise = try parseExpression() }
        guard consumeKeyword("END") else {
            throw SyntaxError.expected(otherwise == nil ? "WHEN, ELSE or END" : "END", found: current)
        }
        if let operand, whens.contains(where: { $0.values.count > 1 }) {
            // A WHEN with several values: each branch becomes `x = v1 OR x = v2 …`.
            let branches = whens.map { when in
                let equalities = when.values.map { Expression(.binary(.equal, operand, $0), at: $0.location) }
                let condition = equalities.dropFirst().reduce(equalities[0]) { Expression(.binary(.or, $0, $1), at: $0.location) }
                return Expression.WhenBranch(condition: condition, result: when.result)
            }
            return Expression(.caseWhen(operand: nil, branches: branches, otherwise: otherwise), at: start)
        }
        let branches = whens.map { Expression.WhenBranch(condition: $0.values[0], result: $0.result) }
        return Expression(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), at: start)
    }

    /// `SUBSTRING(s FROM start [FOR length])` or `SUBSTRING(s, start [, length])`.
    private mutating func parseSubstring() throws(SyntaxError) -> Expression {
        let start = advance().location
        try expectSymbol("(")
        let operand = try parseExpression()
        let from: Expression
        var length: Expression?
        if consumeKeyword("FROM") {
            from = try parseExpression()
            if consumeKeyword("FOR") { length = try parseExpression() }
        } else if consumeSymbol(",") {
            from = try parseExpression()
            if consumeSymbol(",") { length = try parseExpression() }
        } else {
            throw SyntaxError.expected("FROM or ','", found: current)
        }
        try expectSymbol(")")
        return Expression(.substring(operand, from: from, length: length), at: start)
    }

    /// `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)` or `TRIM(s)`.
    /// `JSON_VALUE(json, path [RETURNING type] [behaviour ON EMPTY] [behaviour ON ERROR])`, a
    /// behaviour being `NULL`, `ERROR` or `DEFAULT expr`. Without a clause it is a plain
    /// two-argument call; with one, the arguments are `json, path, CAST(NULL AS type), empty
    /// behaviour, empty default, error behaviour, error default` (the behaviours as words).
    private mutating func parseJSONValue() throws(SyntaxError) -> Expression {
        let start = current.location
        let name = Identifier("JSON_VALUE", location: advance().location)
        try expectSymbol("(")
        let json = try parseExpression()
        try expectSymbol(",")
        let path = try parseExpression()
        var returning: TypeName?
        let returningAt = current.location
        if consumeKeyword("RETURNING") { returning = try parseTypeName() }
        var behaviours: [String: (String, Expression)] = [:]
        while ["NULL", "ERROR", "DEFAULT"].contains(where: { current.isKeyword($0) }) {
            let word = advance().display.uppercased()
            let null = Expression(.literal(.null), at: start)
            let value = word == "DEFAULT" ? try parseExpression() : null
            try expectKeyword("ON", hint: "a JSON_VALUE behaviour is NULL, ERROR or DEFAULT value, then ON EMPTY or ON ERROR")
            let which = current
            guard consumeKeyword("EMPTY") || consumeKeyword("ERROR") else {
                throw SyntaxError.expected("EMPTY or ERROR", found: which)
            }
            behaviours[which.display.uppercased()] = (word, value)
        }
        try expectSymbol(")")
        guard returning != nil || !behaviours.isEmpty else {
            return Expression(.function(name: name, arguments: [json, path], distinct: false), at: start)
        }
        let type = Expression(.cast(Expression(.literal(.null), at: returningAt), returning ?? TypeName("STRING", location: returningAt)), at: returningAt)
        var arguments = [json, path, type]
        for clause in ["EMPTY", "ERROR"] {
            let (word, value) = behaviours[clause] ?? ("NULL", Expression(.literal(.null), at: start))
            arguments += [Expression(.literal(.string(word)), at: start), value]
        }
        return Expression(.function(name: name, arguments: arguments, distinct: false), at: start)
    }

    /// `JSON_QUERY(json, path [RETURNING STRING | ARRAY<STRING>] [WITHOUT | WITH [CONDITIONAL | UNCONDITIONAL]
    /// [ARRAY] WRAPPER] [behaviour ON EMPTY] [behaviour ON ERROR])`, a behaviour being NULL,
    /// EMPTY ARRAY, EMPTY OBJECT or ERROR: with a clause, the arguments are `json, path,
    /// wrapper, empty behaviour, error behaviour` (as words). `JSON_EXISTS(json, path
    /// [TRUE | FALSE | UNKNOWN | ERROR ON ERROR])`: `json, path, error behaviour`.
    private mutating func parseJSONQueryOrExists(_ upper: String) throws(SyntaxError) -> Expression {
        let start = current.location
        let name = Identifier(upper, location: advance().location)
        try expectSymbol("(")
        let json = try parseExpression()
        try expectSymbol(",")
        let path = try parseExpression()
        func word(_ text: String) -> Expression { Expression(.literal(.string(text)), at: start) }
        if upper == "JSON_EXISTS" {
            var arguments = [json, path]
            if ["TRUE", "FALSE", "UNKNOWN", "ERROR"].contains(where: { current.isKeyword($0) }) {
                let behaviour = advance().display.uppercased()
                try expectKeyword("ON")
                try expectKeyword("ERROR", hint: "JSON_EXISTS takes TRUE, FALSE, UNKNOWN or ERROR ON ERROR")
                arguments.append(word(behaviour))
            }
            try expectSymbol(")")
            return Expression(.function(name: name, arguments: arguments, distinct: false), at: start)
        }
        var clauses = false
        var returnsArray = false
        if consumeKeyword("RETURNING") {
            let type = try parseTypeName()
            if type.name == "ARRAY", type.fields.count == 1, ["STRING", "VARCHAR"].contains(type.fields[0].type.name) {
                returnsArray = true
                clauses = true
            } else if type.name != "STRING" && type.name != "VARCHAR" {
                throw SyntaxError("JSON_QUERY … RETURNING \(type) is not supported yet", at: type.location,
                                  hint: "JSON_QUERY returns the JSON text as STRING, or its array as ARRAY<STRING>")
            }
        }
        var wrapper = "WITHOUT"
        if consumeKeyword("WITHOUT") {
            _ = consumeKeyword("ARRAY")
            try expectKeyword("WRAPPER")
            clauses = true
        } else if consumeKeyword("WITH") {
            wrapper = consumeKeyword("CONDITIONAL") ? "CONDITIONAL" : "UNCONDITIONAL"
            _ = consumeKeyword("UNCONDITIONAL")
            _ = consumeKeyword("ARRAY")
            try expectKeyword("WRAPPER")
            clauses = true
        }
        var behaviours = ["EMPTY": "NULL", "ERROR": "NULL"]
        while ["NULL", "EMPTY", "ERROR"].contains(where: { current.isKeyword($0) }) {
            var behaviour = advance().display.uppercased()
            if behaviour == "EMPTY" {
                guard current.isKeyword("ARRAY") || current.isKeyword("OBJECT") else { throw SyntaxError.expected("ARRAY or OBJECT", found: current) }
                behaviour += " " + advance().display.uppercased()
            }
            try expectKeyword("ON", hint: "a JSON_QUERY behaviour is NULL, EMPTY ARRAY, EMPTY OBJECT or ERROR, then ON EMPTY or ON ERROR")
            let which = current
            guard consumeKeyword("EMPTY") || consumeKeyword("ERROR") else { throw SyntaxError.expected("EMPTY or ERROR", found: which) }
            behaviours[which.display.uppercased()] = behaviour
            clauses = true
        }
        try expectSymbol(")")
        guard clauses else { return Expression(.function(name: name, arguments: [json, path], distinct: false), at: start) }
        // RETURNING ARRAY<STRING>: a sixth argument says so.
        return Expression(.function(name: name, arguments: [json, path, word(wrapper), word(behaviours["EMPTY"]!), word(behaviours["ERROR"]!)]
                                    + (returnsArray ? [word("ARRAY")] : []), distinct: false), at: start)
    }

    private mutating func parseTrim() throws(SyntaxError) -> Expression {
        let start = advance().location
        try expectSymbol("(")
        var side = Expression.TrimSide.both
        var sideGiven = false
        for candidate in [Expression.TrimSide.both, .leading, .trailing] where consumeKeyword(candidate.rawValue) {
            side = candidate
            sideGiven = true
        }
        if sideGiven, consumeKeyword("FROM") {
            let operand = try parseExpression()
            try expectSymbol(")")
            return Expression(.trim(operand, characters: nil, side: side), at: start)
        }
        let first = try parseExpression()
        if consumeKeyword("FROM") {
            let operand = try parseExpression()
            try expectSymbol(")")
            return Expression(.trim(operand, characters: first, side: side), at: start)
        }
        try expectSymbol(")")
        return Expression(.trim(first, characters: nil, side: side), at: start)
    }
}

extension Token.Kind {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

extension String {
    /// Without the spaces at either end.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
