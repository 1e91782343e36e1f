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
    /// The name of a bare word or a backquoted identifier.
    var wordOrQuotedName: String? {
        switch kind {
        case .word(let word), .quotedIdentifier(let word): word
        default: nil
        }
    }

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

    /// Words Flink's parser (Calcite's, with Flink's additions) reserves that weir does not: a
    /// column so named is written quoted, so that printed SQL runs on Flink (`timestamp`, `user`).
    public static let flinkReserved: Set<String> = Set("""
        ABS ALLOCATE ALLOW ALTER ANY ARE ARRAY ASENSITIVE ASYMMETRIC AT ATOMIC AUTHORIZATION AVG BEGIN BIGINT BINARY BIT
        BLOB BOOLEAN BOTH BYTES CALL CALLED CARDINALITY CASCADED CEIL CEILING CHAR CHARACTER CHARACTER_LENGTH CHAR_LENGTH
        CHECK CLASSIFIER CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT CONDITION CONNECT CONSTRAINT CONTAINS CONVERT
        CORR CORRESPONDING COUNT COVAR_POP COVAR_SAMP CUBE CUME_DIST CURRENT CURRENT_CATALOG CURRENT_DATE CURRENT_PATH
        CURRENT_ROLE CURRENT_ROW CURRENT_SCHEMA CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR CYCLE DATE DAY
        DEALLOCATE DEC DECIMAL DECLARE DEFAULT DEFINE DELETE DENSE_RANK DEREF DESCRIBE DETERMINISTIC DISALLOW DISCONNECT
        DOUBLE DROP DYNAMIC EACH ELEMENT EMPTY EQUALS EVERY EXCEPT EXEC EXECUTE EXISTS EXP EXTEND EXTERNAL EXTRACT FETCH
        FILTER FIRST_VALUE FLOAT FLOOR FOREIGN FREE FUNCTION FUSION GET GLOBAL GRANT GROUPING GROUPS HOLD HOUR IDENTITY
        IMPORT INDICATOR INITIAL INOUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTO JSON_ARRAY JSON_EXISTS
        JSON_OBJECT JSON_QUERY JSON_VALUE LAG LANGUAGE LARGE LAST_VALUE LATERAL LEAD LEADING LIKE_REGEX LN LOCAL LOCALTIME
        LOCALTIMESTAMP LOWER MATCH MATCHES MATCH_NUMBER MATCH_RECOGNIZE MAX MEASURES MEMBER MERGE METHOD MIN MINUS MINUTE
        MOD MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO NONE NORMALIZE NTH_VALUE NTILE NULLIF
        NUMERIC OF OFFSET OLD OMIT ONE ONLY OPEN OUT OVERLAPS OVERLAY PARAMETER PATTERN PER PERCENT PERCENTILE_CONT
        PERCENTILE_DISC PERCENT_RANK PERIOD PERMUTE PORTION POSITION POWER PRECEDES PRECISION PREPARE PREV PRIMARY
        PROCEDURE RANK RAW READS REAL RECURSIVE REF REFERENCES REFERENCING RELEASE RESET RESULT RETURN RETURNS REVOKE
        ROLLBACK ROLLUP ROW ROW_NUMBER RUNNING SAVEPOINT SCOPE SCROLL SEARCH SECOND SEEK SENSITIVE SESSION_USER SET SHOW
        SIMILAR SKIP SMALLINT SOME SPECIFIC SPECIFICTYPE SQL SQLEXCEPTION SQLSTATE SQLWARNING SQRT START STATIC
        STDDEV_POP STDDEV_SAMP STREAM STRING SUBMULTISET SUBSET SUBSTRING SUCCEEDS SUM SYMMETRIC SYSTEM SYSTEM_TIME
        SYSTEM_USER TABLESAMPLE TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TINYINT TRAILING TRANSLATE TRANSLATION TREAT
        TRIGGER TRIM TRIM_ARRAY TRUNCATE UESCAPE UNIQUE UNKNOWN UNNEST UPDATE UPPER UPSERT USER USING VALUE VALUES
        VARBINARY VARCHAR VARYING VAR_POP VAR_SAMP VERSIONING WHENEVER WIDTH_BUCKET WITHIN WITHOUT YEAR
        CATALOGS DATABASES FUNCTIONS MODULES TABLES VIEWS JARS JOBS PARTITIONS COMPUTE STATISTICS OVERWRITE RENAME
        IF BYTES EXPLAIN PLAN MATERIALIZED WATERMARKS
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Every keyword the REPL completes.
    public static let all: [String] = (reserved.union([
        "TUMBLE", "HOP", "SESSION", "CUMULATE", "TIMESTAMP", "SECOND", "MINUTE", "HOUR", "DAY",
        "COUNT", "SUM", "MIN", "MAX", "AVG", "UPPER", "LOWER", "SUBSTRING", "CHAR_LENGTH", "CONCAT",
        "TRIM", "TUMBLE_START", "TUMBLE_END", "TUMBLE_ROWTIME", "HOP_START", "HOP_END", "HOP_ROWTIME",
        "SESSION_START", "SESSION_END", "SESSION_ROWTIME", "INT", "INTEGER", "BIGINT", "SMALLINT",
        "TINYINT", "FLOAT", "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "BOOLEAN",
    ])).sorted()
}
