/// One lexical token of SQL text.
public struct Token: Sendable, Equatable {
    /// What kind of token this is, with its payload.
    public enum Kind: Sendable, Equatable {
        /// A bare word: `page`, `SELECT`, `timestamp`. Keywords are words; the parser decides.
        case word(String)
        /// A backtick-quoted identifier: `` `timestamp` ``.
        case quotedIdentifier(String)
        /// A single-quoted string literal, with `''` unescaped: `'10'`.
        case string(String)
        /// A numeric literal as written: `42`, `1.5`, `2e3`.
        case number(String)
        /// Punctuation or an operator: `(`, `,`, `<=`, `||`.
        case symbol(String)
        /// The end of the text.
        case end
    }

    public var kind: Kind
    public var location: SourceLocation
    /// The UTF-8 offset just past the token.
    public var endOffset: Int

    public init(kind: Kind, location: SourceLocation, endOffset: Int) {
        self.kind = kind
        self.location = location
        self.endOffset = endOffset
    }

    /// The token as an error message shows it: `COUNT`, `','`, `end of input`.
    public var display: String {
        switch kind {
        case .word(let w): return w
        case .quotedIdentifier(let s): return "`\(s)`"
        case .string(let s): return "'\(s)'"
        case .number(let n): return n
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of input"
        }
    }

    /// Whether this token is the given keyword, case-insensitively.
    public func isKeyword(_ keyword: String) -> Bool {
        if case .word(let w) = kind { return w.uppercased() == keyword }
        return false
    }

    /// Whether this token is the given symbol.
    public func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let s) = kind { return s == symbol }
        return false
    }
}

/// Words that cannot name a column or table without backticks, except where weir is lenient
/// (see `Parser.parseIdentifier`).
public enum Keyword {
    /// Reserved words of the dialect: these end an expression or a clause.
    public static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "AS", "AND", "OR", "NOT", "IN", "IS",
        "NULL", "LIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "DISTINCT",
        "CREATE", "TABLE", "WITH", "WATERMARK", "FOR", "INTERVAL", "TRUE", "FALSE", "EXPLAIN",
        "ORDER", "LIMIT", "UNION", "JOIN", "ON", "ALL", "DESCRIPTOR", "ESCAPE",
        "OVER", "PARTITION", "WINDOW", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "ROWS", "RANGE", "TO",
    ]

    /// Every keyword the REPL completes.
    public static let all: [String] = (reserved.union([
        "TUMBLE", "HOP", "SESSION", "CUMULATE", "TIMESTAMP", "SECOND", "MINUTE", "HOUR", "DAY",
        "COUNT", "SUM", "MIN", "MAX", "AVG", "UPPER", "LOWER", "SUBSTRING", "CHAR_LENGTH", "CONCAT",
        "TRIM", "TUMBLE_START", "TUMBLE_END", "TUMBLE_ROWTIME", "HOP_START", "HOP_END", "HOP_ROWTIME",
        "SESSION_START", "SESSION_END", "SESSION_ROWTIME", "INT", "INTEGER", "BIGINT", "SMALLINT",
        "TINYINT", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "BOOLEAN",
    ])).sorted()
}
