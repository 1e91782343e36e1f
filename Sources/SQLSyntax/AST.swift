/// A name as written: a bare word or a backtick-quoted identifier.
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var quoted: Bool
    public var location: SourceLocation

    public init(_ name: String, quoted: Bool = false, location: SourceLocation = .start) {
        self.name = name
        self.quoted = quoted
        self.location = location
    }

    public static func == (a: Identifier, b: Identifier) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The identifier as SQL: quoted when it must be, so printing round-trips.
    public var description: String {
        if name.contains(nestedPathSeparator) {
            return name.split(separator: nestedPathSeparator, omittingEmptySubsequences: false)
                .map { Identifier(String($0)).description }.joined(separator: ".")
        }
        let plain = name.first.map { $0.isLetter || $0 == "_" } == true
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !Keyword.reserved.contains(name.uppercased())
            && !Keyword.flinkReserved.contains(name.uppercased())
        return plain ? name : "`\(name.doubling("`"))`"
    }
}

/// A unit of an `INTERVAL` literal.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    case second = "SECOND", minute = "MINUTE", hour = "HOUR", day = "DAY"

    /// Milliseconds in one unit.
    public var milliseconds: Int64 {
        switch self {
        case .second: 1000
        case .minute: 60_000
        case .hour: 3_600_000
        case .day: 86_400_000
        }
    }
}

/// A literal value in SQL text.
public enum Literal: Sendable, Hashable {
    /// `42`
    case integer(Int64)
    /// `1.5`, `2e3`: the text as written, typed by the binder (DECIMAL or DOUBLE).
    case decimal(String)
    /// `'text'`
    case string(String)
    /// `TRUE`, `FALSE`
    case boolean(Bool)
    /// `NULL`
    case null
    /// `TIMESTAMP '2024-04-25 10:00:00'`
    case timestamp(String)
    /// `DATE 'YYYY-MM-DD'`
    case date(String)
    /// `TIME '10:00:00'`
    case time(String)
    /// `INTERVAL '10' SECOND`
    case interval(String, TimeUnit)
    /// A day-time interval with two fields, `INTERVAL '1 02:03:04.005' DAY TO SECOND`: its
    /// text, qualifier and length.
    case compoundInterval(String, qualifier: String, milliseconds: Int64)
    /// A year-month interval, `INTERVAL '1' MONTH`, `INTERVAL '1-6' YEAR TO MONTH`: months are
    /// not a fixed length, so it is only added to or subtracted from a time.
    case monthInterval(String, qualifier: String, months: Int64)
}

/// A type name in `CREATE TABLE` or `CAST`.
public struct TypeName: Sendable, Hashable, CustomStringConvertible {
    /// The base name, upper-cased: `INT`, `DECIMAL`, `TIMESTAMP`.
    public var name: String
    /// Parameters: `VARCHAR(20)` → [20], `DECIMAL(10, 2)` → [10, 2].
    public var parameters: [Int]
    /// `ROW<name type, …>`: the fields, in order.
    public var fields: [RowField] = []
    public var location: SourceLocation

    public init(_ name: String, _ parameters: [Int] = [], location: SourceLocation = .start) {
        self.name = name
        self.parameters = parameters
        self.location = location
    }

    public static func == (a: TypeName, b: TypeName) -> Bool { a.name == b.name && a.parameters == b.parameters && a.fields == b.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(parameters); hasher.combine(fields) }

    public var description: String {
        if name == "ROW" { return "ROW<\(fields.map { "\(Identifier($0.name)) \($0.type)" }.joined(separator: ", "))>" }
        if name == "ARRAY", let element = fields.first { return "ARRAY<\(element.type)>" }
        if name == "MAP", fields.count == 2 { return "MAP<\(fields[0].type), \(fields[1].type)>" }
        return parameters.isEmpty ? name : "\(name)(\(parameters.map(String.init).joined(separator: ", ")))"
    }
}

/// A field of a `ROW<…>` type.
public struct RowField: Sendable, Hashable {
    public var name: String
    public var type: TypeName

    public init(name: String, type: TypeName) {
        self.name = name
        self.type = type
    }
}

/// Joins the parts of a nested field's path (`user.address.city`) in one name: a character
/// no identifier can hold, so a JSON key with a dot (`` `a.b` ``) stays one name.
public let nestedPathSeparator: Character = "\u{1F}"

/// A unary operator.
public enum UnaryOperator: String, Sendable, Hashable {
    case minus = "-", plus = "+", not = "NOT"
}

/// A binary operator, in SQL spelling.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "AND", or = "OR", concat = "||"
}

/// A SQL expression with the location where it starts.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    public var kind: Kind
    public var location: SourceLocation
    /// Nodes on the longest path from this one down to a leaf (a leaf is 1), kept so that
    /// the parser bounds the depth of what every later stage walks recursively.
    public let height: Int

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
        height = 1 + kind.children.reduce(0) { max($0, $1.height) }
    }

    public static func == (a: Expression, b: Expression) -> Bool { a.kind == b.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// The shapes an expression takes.
    public indirect enum Kind: Sendable, Hashable {
        /// `page`, `` `timestamp` ``, `c.page`
        case column(qualifier: Identifier?, name: Identifier)
        /// `42`, `'x'`, `NULL`, `INTERVAL '10' SECOND`
        case literal(Literal)
        /// `*` as in `COUNT(*)`
        case star
        /// `-x`, `NOT x`
        case unary(UnaryOperator, Expression)
        /// `a + b`, `a AND b`, `a || b`
        case binary(BinaryOperator, Expression, Expression)
        /// `COUNT(DISTINCT user_id)`, `UPPER(page)`, `TUMBLE(ts, INTERVAL '10' SECOND)`
        case function(name: Identifier, arguments: [Expression], distinct: Bool)
        /// `CAST(x AS BIGINT)`
        case cast(Expression, TypeName)
        /// `CASE [operand] WHEN … THEN … [ELSE …] END`
        case caseWhen(operand: Expression?, branches: [WhenBranch], otherwise: Expression?)
        /// `x [NOT] BETWEEN low AND high`
        case between(Expression, low: Expression, high: Expression, negated: Bool)
        /// `x [NOT] IN (a, b, c)`
        case inList(Expression, [Expression], negated: Bool)
        /// `x [NOT] LIKE pattern [ESCAPE 'c']`
        case like(Expression, pattern: Expression, escape: Expression?, negated: Bool)
        /// `x IS [NOT] NULL`
        case isNull(Expression, negated: Bool)
        /// `x IS [NOT] TRUE|FALSE`
        case isBoolean(Expression, value: Bool, negated: Bool)
        /// `SUBSTRING(s FROM start [FOR length])`
        case substring(Expression, from: Expression, length: Expression?)
        /// `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)` or `TRIM(s)`
        case trim(Expression, characters: Expression?, side: TrimSide)
        /// `ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts)`, `SUM(x) OVER w`
        case over(Expression, WindowDefinition)
        /// `GROUPING SETS ((a, b), (a), ())`, also `ROLLUP(a, b)` and `CUBE(a, b)` as the sets
        /// they stand for; only as an item of `GROUP BY`.
        case groupingSets([[Expression]])
        /// `x [NOT] IN (SELECT …)`; `(a, b) IN (SELECT …)` holds the row as `rowOperand`.
        case inSubquery(Expression, Query, negated: Bool)
        /// `EXISTS (SELECT …)` (`NOT EXISTS` is its negation)
        case exists(Query)
        /// `(SELECT …)` as a value
        case scalarSubquery(Query)
    }

    /// One `WHEN condition THEN result` of a `CASE`.
    public struct WhenBranch: Sendable, Hashable {
        public var condition: Expression
        public var result: Expression
        public init(condition: Expression, result: Expression) {
            self.condition = condition
            self.result = result
        }
    }

    /// Which ends `TRIM` removes characters from.
    public enum TrimSide: String, Sendable, Hashable {
        case both = "BOTH", leading = "LEADING", trailing = "TRAILING"
    }
}

/// One item of a `SELECT` list.
public enum SelectItem: Sendable, Hashable {
    /// `*`
    case wildcard(SourceLocation)
    /// `expr [AS alias]`
    case expression(Expression, alias: Identifier?)

    public static func == (a: SelectItem, b: SelectItem) -> Bool {
        switch (a, b) {
        case (.wildcard, .wildcard): true
        case let (.expression(x, ax), .expression(y, ay)): x == y && ax == ay
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .wildcard: hasher.combine(0)
        case let .expression(e, a): hasher.combine(e); hasher.combine(a)
        }
    }
}

/// A window table-valued function in `FROM TABLE(…)`.
public struct WindowTableFunction: Sendable, Hashable {
    /// `TUMBLE`, `HOP`, `CUMULATE` or `SESSION`.
    public var name: Identifier
    /// The table in `TABLE t`.
    public var table: Identifier
    /// `PARTITION BY` columns (SESSION only).
    public var partitionBy: [Identifier]
    /// The column in `DESCRIPTOR(ts)`.
    public var timeColumn: Identifier
    /// The remaining arguments: the sizes, slides, steps and offsets, as written.
    public var arguments: [Expression]

    public init(name: Identifier, table: Identifier, partitionBy: [Identifier] = [], timeColumn: Identifier, arguments: [Expression]) {
        self.name = name
        self.table = table
        self.partitionBy = partitionBy
        self.timeColumn = timeColumn
        self.arguments = arguments
    }
}

/// What a query reads from.
public indirect enum TableReference: Sendable, Hashable {
    /// `clicks [AS c]`
    case table(Identifier, alias: Identifier?)
    /// `TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) [AS w]`
    case windowFunction(WindowTableFunction, alias: Identifier?)
    /// `(SELECT …) [AS t]`
    case subquery(Query, alias: Identifier?)
    /// `a, b`, `a [INNER | LEFT | RIGHT | FULL] JOIN b ON …`
    case join(TableReference, TableReference, JoinKind, on: Expression?, location: SourceLocation)
    /// `t FOR SYSTEM_TIME AS OF o.proc_time [AS alias]`: a table looked up as it is when a row
    /// arrives (the right side of a lookup join).
    case temporal(Identifier, asOf: Expression, alias: Identifier?)
    /// `UNNEST(arr) [AS] t [(name)]`: one row per element of an array of the row beside it.
    case unnest(Expression, alias: Identifier?, columns: [Identifier])
    /// `a INTERSECT b`, `a EXCEPT b` (the parser puts it under `SELECT DISTINCT *`): the rows
    /// of `a` with (without) an equal row in `b`, NULL equal to NULL.
    case setOperation(SetOperation, all: Bool, Query, Query, location: SourceLocation)
    /// `(VALUES (1, 'a'), (2, 'b')) [AS t (id, name)]`: rows of constants. A SELECT without
    /// FROM reads one row of no columns (`rows` is `[[]]`).
    case values([[Expression]], alias: Identifier?, columns: [Identifier], location: SourceLocation)

    /// The alias, or the table's own name.
    public var alias: Identifier? {
        switch self {
        case let .table(name, alias): alias ?? name
        case let .windowFunction(_, alias), let .subquery(_, alias): alias
        case let .temporal(name, _, alias): alias ?? name
        case let .unnest(_, alias, _): alias
        case .join, .setOperation: nil
        case let .values(_, alias, _, _): alias
        }
    }
}

/// `INTERSECT` or `EXCEPT` (`MINUS`).
public enum SetOperation: String, Sendable, Hashable {
    case intersect = "INTERSECT", except = "EXCEPT"
}

/// How two tables are joined.
public enum JoinKind: String, Sendable, Hashable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
}

/// `ORDER BY` item of a window: an expression and its direction.
public struct OrderItem: Sendable, Hashable {
    public var expression: Expression
    public var descending: Bool
    /// `NULLS FIRST` (true) or `NULLS LAST` (false); nil: NULL sorts as the smallest value.
    public var nullsFirst: Bool?
    public init(expression: Expression, descending: Bool, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// One end of a window frame.
public enum FrameBound: Sendable, Hashable {
    case unboundedPreceding
    /// `n PRECEDING` (ROWS) or `INTERVAL '…' PRECEDING` (RANGE)
    case preceding(Expression)
    case currentRow
}

/// `ROWS | RANGE BETWEEN start AND CURRENT ROW`
public struct WindowFrame: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable { case rows = "ROWS", range = "RANGE" }
    public var unit: Unit
    public var start: FrameBound
    public var location: SourceLocation
    public init(unit: Unit, start: FrameBound, location: SourceLocation) {
        self.unit = unit
        self.start = start
        self.location = location
    }

    public static func == (a: WindowFrame, b: WindowFrame) -> Bool { a.unit == b.unit && a.start == b.start }
    public func hash(into hasher: inout Hasher) { hasher.combine(unit); hasher.combine(start) }
}

/// The window of an `OVER` clause or of `WINDOW w AS (…)`.
public struct WindowDefinition: Sendable, Hashable {
    /// `OVER w`, or `OVER (w …)`: the named window this one refines.
    public var base: Identifier?
    public var partitionBy: [Expression]
    public var orderBy: [OrderItem]
    public var frame: WindowFrame?
    public var location: SourceLocation

    public init(base: Identifier? = nil, partitionBy: [Expression] = [], orderBy: [OrderItem] = [], frame: WindowFrame? = nil,
                location: SourceLocation = .start) {
        self.base = base
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.location = location
    }
}

/// `WITH name AS (query)`
public struct CommonTableExpression: Sendable, Hashable {
    public var name: Identifier
    public var query: Query
    public init(name: Identifier, query: Query) {
        self.name = name
        self.query = query
    }
}

/// `SELECT [DISTINCT] … FROM … [WHERE …] [GROUP BY …] [HAVING …]`
public struct Query: Sendable, Hashable {
    public var distinct: Bool
    public var items: [SelectItem]
    public var from: TableReference
    public var whereClause: Expression?
    public var groupBy: [Expression]
    public var having: Expression?
    /// `WINDOW w AS (…)`: named windows for `OVER w`.
    public var windows: [(name: Identifier, definition: WindowDefinition)] = []
    /// `WITH a AS (…), b AS (…)` before this query.
    public var ctes: [CommonTableExpression] = []
    /// The queries after `UNION ALL`, in order: the result is this one's rows and theirs.
    public var unionAll: [Query] = []
    /// `ORDER BY …` of the result (after any `UNION ALL`, which a query with one wraps).
    public var orderBy: [OrderItem] = []
    /// `t AS c (a, b)`, `(SELECT * …) AS c (a, b)`: new names for the result's columns, in
    /// order (a query that names its own columns takes the names as aliases instead).
    public var columnAliases: [Identifier] = []
    /// `LIMIT n` (or `FETCH FIRST n ROWS ONLY`) and `OFFSET m`.
    public var limit: Int64?
    public var offset: Int64?
    /// Where `SELECT` starts.
    public var location: SourceLocation

    public init(distinct: Bool = false, items: [SelectItem], from: TableReference, whereClause: Expression? = nil,
                groupBy: [Expression] = [], having: Expression? = nil, location: SourceLocation = .start) {
        self.distinct = distinct
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.location = location
    }

    public static func == (a: Query, b: Query) -> Bool {
        a.distinct == b.distinct && a.items == b.items && a.from == b.from && a.whereClause == b.whereClause
            && a.groupBy == b.groupBy && a.having == b.having && a.ctes == b.ctes && a.unionAll == b.unionAll
            && a.windows.map(\.name) == b.windows.map(\.name) && a.windows.map(\.definition) == b.windows.map(\.definition)
            && a.orderBy == b.orderBy && a.limit == b.limit && a.offset == b.offset && a.columnAliases == b.columnAliases
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(items) }
}

/// A column of `CREATE TABLE`.
public struct ColumnDefinition: Sendable, Hashable {
    public var name: Identifier
    public var type: TypeName
    public var notNull: Bool

    public init(name: Identifier, type: TypeName, notNull: Bool = false) {
        self.name = name
        self.type = type
        self.notNull = notNull
    }
}

/// `ts AS TO_TIMESTAMP(s)` in `CREATE TABLE`: a column computed from the row, not read.
public struct ComputedColumn: Sendable, Hashable {
    public var name: Identifier
    public var expression: Expression
    /// How many physical columns are declared before it (where `SELECT *` shows it).
    public var position: Int

    public init(name: Identifier, expression: Expression, position: Int) {
        self.name = name
        self.expression = expression
        self.position = position
    }
}

/// `WATERMARK FOR ts AS ts - INTERVAL '5' SECOND`
public struct WatermarkDefinition: Sendable, Hashable {
    public var column: Identifier
    public var expression: Expression

    public init(column: Identifier, expression: Expression) {
        self.column = column
        self.expression = expression
    }
}

/// `CREATE TABLE name (columns…, [WATERMARK …]) [WITH ('k' = 'v', …)]`
public struct CreateTable: Sendable, Hashable {
    public var name: Identifier
    public var columns: [ColumnDefinition]
    public var watermark: WatermarkDefinition?
    /// The `WITH` options in the order written.
    public var options: [TableOption]
    public var ifNotExists: Bool
    /// `PRIMARY KEY (…) NOT ENFORCED`
    public var primaryKey: [Identifier] = []
    /// `name AS PROCTIME()`: the processing-time attribute, if declared.
    public var proctime: Identifier?
    /// `name AS expression`: computed from the other columns of each row, in declared order.
    public var computedColumns: [ComputedColumn] = []

    public init(name: Identifier, columns: [ColumnDefinition], watermark: WatermarkDefinition? = nil,
                options: [TableOption] = [], ifNotExists: Bool = false) {
        self.name = name
        self.columns = columns
        self.watermark = watermark
        self.options = options
        self.ifNotExists = ifNotExists
    }
}

/// One `'key' = 'value'` of a `WITH` clause.
public struct TableOption: Sendable, Hashable {
    public var key: String
    public var value: String
    public var location: SourceLocation

    public init(key: String, value: String, location: SourceLocation = .start) {
        self.key = key
        self.value = value
        self.location = location
    }

    public static func == (a: TableOption, b: TableOption) -> Bool { a.key == b.key && a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(key); hasher.combine(value) }
}

/// A statement of a script.
public enum Statement: Sendable, Hashable {
    /// `CREATE TABLE …`
    case createTable(CreateTable)
    /// `SELECT …`
    case query(Query)
    /// `EXPLAIN SELECT …`
    case explain(Query)
    /// `CREATE [TEMPORARY] VIEW name AS query`
    case createView(name: Identifier, query: Query)
    /// `SET 'key' = 'value'`
    case set(key: String, value: String, location: SourceLocation)
    /// `INSERT INTO sink [(columns)] query`
    case insert(Insert)
    /// `EXECUTE STATEMENT SET BEGIN insert; … END`: the inserts share one read of their inputs.
    case statementSet([Insert], location: SourceLocation)
    /// `EXPLAIN INSERT …` or `EXPLAIN STATEMENT SET BEGIN … END`
    case explainInserts([Insert])
}

/// `INSERT INTO table [(column, …)] query`.
public struct Insert: Sendable, Hashable {
    public var table: Identifier
    /// The sink's columns the query's columns go to, in order; empty for all of them.
    public var columns: [Identifier]
    public var query: Query

    public init(table: Identifier, columns: [Identifier], query: Query) {
        self.table = table
        self.columns = columns
        self.query = query
    }
}

extension Expression.Kind {
    /// The expressions directly inside this one.
    public var children: [Expression] {
        switch self {
        case .column, .literal, .star: []
        case .unary(_, let e), .cast(let e, _), .isNull(let e, _), .isBoolean(let e, _, _): [e]
        case .binary(_, let a, let b): [a, b]
        case .function(_, let arguments, _): arguments
        case let .caseWhen(operand, branches, otherwise):
            (operand.map { [$0] } ?? []) + branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case let .between(e, low, high, _): [e, low, high]
        case let .inList(e, list, _): [e] + list
        case let .like(e, pattern, escape, _): [e, pattern] + (escape.map { [$0] } ?? [])
        case let .substring(e, from, length): [e, from] + (length.map { [$0] } ?? [])
        case let .trim(e, characters, _): [e] + (characters.map { [$0] } ?? [])
        case let .over(call, window): [call] + window.partitionBy + window.orderBy.map(\.expression)
        case .groupingSets(let sets): sets.flatMap { $0 }
        case .inSubquery(let e, _, _): [e]
        case .exists, .scalarSubquery: []
        }
    }
}

extension Expression {
    /// The name the parser gives `UNNEST(arr) WITH ORDINALITY`'s array: `$WITH_ORDINALITY(arr)`.
    public static let withOrdinality = "$WITH_ORDINALITY"
    /// The ON clause the parser makes of `JOIN … USING (a, b)`: `$USING(a, b)`.
    public static let using = "$USING"
    /// `NATURAL JOIN`'s condition: USING the columns both sides have, found by the planner.
    public static let natural = "$NATURAL"
    /// The separator of the LISTAGG a COLLECT is parsed into: its aggregate keeps a value's
    /// place while copies of it are left (`AggregateCall.multiset`).
    public static let collectSeparator = "\u{3}"
    /// `t.*` in a select list: the column name the parser gives it (qualifier `t`).
    public static let qualifiedStar = "*"

    /// `t` of a select list's `t.*`.
    public var qualifiedStarTable: Identifier? {
        guard case let .column(qualifier?, name) = kind, name.name == Expression.qualifiedStar, !name.quoted else { return nil }
        return qualifier
    }
}

extension Expression {
    /// The name under which the parser keeps the row of `(a, b) IN (SELECT …)`: a call no
    /// query can write (the name holds a `$`).
    public static let rowOperandName = "$ROW"
    /// `(s0, e0) OVERLAPS (s1, e1)`, kept as a call of its four ends (no query can write it).
    public static let overlapsName = "$OVERLAPS"

    /// The values of a row operand (`(a, b)` of `(a, b) IN (SELECT …)`), or nil.
    public var rowOperand: [Expression]? {
        if case let .function(name, arguments, false) = kind, name.name == Expression.rowOperandName { return arguments }
        return nil
    }
}
