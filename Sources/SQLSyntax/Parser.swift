/// A recursive-descent parser for weir's Flink SQL dialect. It only builds trees: names and
/// types are the binder's concern.
public struct Parser {
    var tokens: [Token]
    var position = 0
    /// How many `parseExpression` calls are under way: parentheses, function arguments and
    /// operands nest them.
    var nesting = 0
    /// The LATERAL subquery just parsed as a join's right side, for the join to decorrelate.
    var pendingLateral: (query: Query, alias: Identifier?, location: SourceLocation)?
    /// Per SELECT being parsed (innermost last): the LEFT-joined LATERAL subqueries' aliases
    /// and COUNT columns, which read 0 where the join found no row.
    var leftLateralCounts: [[(String, [String])]] = []

    /// The deepest expression weir takes (as SQLite's SQLITE_MAX_EXPR_DEPTH): deeper ones are
    /// refused with an error, as every later stage walks expressions recursively.
    public static let maxExpressionDepth = 1000

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a script: zero or more statements separated by `;`.
    public static func parse(_ text: String) throws(SyntaxError) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        return try parser.parseScript()
    }

    /// Parses exactly one statement (a trailing `;` is allowed).
    public static func parseStatement(_ text: String) throws(SyntaxError) -> Statement {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let statement = try parser.parseStatement()
        _ = parser.consumeSymbol(";")
        guard parser.current.kind == .end else {
            throw SyntaxError.expected("end of statement", found: parser.current)
        }
        return statement
    }

    /// Parses one expression, for tests and the REPL.
    public static func parseExpression(_ text: String) throws(SyntaxError) -> Expression {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let expression = try parser.parseExpression()
        guard parser.current.kind == .end else {
            throw SyntaxError.expected("end of expression", found: parser.current)
        }
        return expression
    }

    // MARK: - Primitives

    var current: Token { tokens[position] }

    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(position + ahead, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes the keyword if it is next.
    mutating func consumeKeyword(_ keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes the symbol if it is next.
    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ keyword: String, hint: String? = nil) throws(SyntaxError) {
        guard consumeKeyword(keyword) else { throw SyntaxError.expected(keyword, found: current, hint: hint) }
    }

    mutating func expectSymbol(_ symbol: String) throws(SyntaxError) {
        guard consumeSymbol(symbol) else { throw SyntaxError.expected("'\(symbol)'", found: current) }
    }

    /// An identifier: a backtick-quoted name, or a bare word that is not reserved.
    /// weir is lenient where Flink is not: `timestamp` names a column without backticks.
    mutating func parseIdentifier(what: String = "identifier") throws(SyntaxError) -> Identifier {
        switch current.kind {
        case .quotedIdentifier(let name):
            let token = advance()
            return Identifier(name, quoted: true, location: token.location)
        case .word(let word) where !Keyword.reserved.contains(word.uppercased()):
            let token = advance()
            return Identifier(word, location: token.location)
        case .word(let word):
            throw SyntaxError.expected(what, found: current, hint: "\(word.uppercased()) is a reserved word; quote it as `\(word)` to use it as a name")
        default:
            throw SyntaxError.expected(what, found: current)
        }
    }

    /// Whether the current token can start an identifier.
    var atIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: true
        case .word(let w): !Keyword.reserved.contains(w.uppercased())
        default: false
        }
    }

    mutating func parseInteger() throws(SyntaxError) -> Int {
        if case .number(let text) = current.kind, let value = Int(text) {
            advance()
            return value
        }
        throw SyntaxError.expected("an integer", found: current)
    }

    mutating func parseStringLiteral(what: String = "a string literal") throws(SyntaxError) -> String {
        if case .string(let s) = current.kind {
            advance()
            return s
        }
        throw SyntaxError.expected(what, found: current)
    }

    /// Parses `item (',' item)*`.
    mutating func parseCommaSeparated<T>(_ item: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> [T] {
        var items = [try item(&self)]
        while consumeSymbol(",") { items.append(try item(&self)) }
        return items
    }
}
