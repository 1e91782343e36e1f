import SQLSyntax

/// The queries that read a database table (`'connector' = 'jdbc'`): the columns the plan uses,
/// the filters the database can apply, and one query per partition of the key range.
///
/// Pushed filters only ever narrow what weir would read anyway: weir applies the query's own
/// filter to every row again, so a filter the database reads differently (SQLite's text
/// times) is pushed as a wider one, and one it cannot express is not pushed at all.
public struct JDBCScan: Sendable, Hashable {
    public enum Dialect: Sendable, Hashable { case sqlite, postgres, mysql }

    public var dialect: Dialect
    public var table: String
    public var columns: [Column]
    /// Conditions sent to the database, ANDed.
    public var pushed: [String]
    /// One condition per partition; a single empty one when the table is read whole.
    public var partitions: [String]

    /// - Parameter plans: the leaves reading the table. Filters are pushed when one leaf reads it.
    public init(table: TableSchema, url: String, tableName: String, plans: [QueryPlan]) {
        dialect = switch JDBCURL(url) {
        case .sqlite?: .sqlite
        case .mysql?: .mysql
        default: .postgres
        }
        self.table = tableName
        let used = Set(plans.flatMap { $0.fields.map { $0.name.lowercased() } })
        columns = table.columns.filter { used.contains($0.name.lowercased()) }
        if columns.isEmpty, let first = table.columns.first { columns = [first] }
        pushed = []
        partitions = [""]
        if plans.count == 1, let filter = plans[0].filter {
            let fields = plans[0].fields
            for conjunct in Self.conjuncts(filter) {
                if let sql = condition(conjunct, fields: fields) { pushed.append(sql) }
            }
        }
        let options = table.options
        if let column = options["scan.partition.column"], let count = options["scan.partition.num"].flatMap({ Int($0) }),
           let lower = options["scan.partition.lower-bound"].flatMap({ Int64($0) }),
           let upper = options["scan.partition.upper-bound"].flatMap({ Int64($0) }) {
            let ranges = Self.ranges(lower: lower, upper: upper, count: count)
            partitions = ranges.enumerated().map { i, range in
                let name = identifier(column)
                var parts = ["\(name) BETWEEN \(range.lowerBound) AND \(range.upperBound)"]
                // Rows outside the bounds and without a key are read too, by the first and last
                // partitions (Flink's JDBC source would skip them).
                if i == 0 { parts += ["\(name) < \(lower)", "\(name) IS NULL"] }
                if i == ranges.count - 1 { parts.append("\(name) > \(range.upperBound)") }
                return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
            }
        }
    }

    /// Flink's `JdbcNumericBetweenParametersProvider`: `count` ranges of equal size (the first
    /// ones one larger) covering `lower...upper`; fewer when the range has fewer values.
    public static func ranges(lower: Int64, upper: Int64, count: Int) -> [ClosedRange<Int64>] {
        guard upper >= lower, count >= 1 else { return [lower...max(lower, upper)] }
        let elements = (upper - lower).addingReportingOverflow(1)
        guard !elements.overflow else { return [lower...upper] }
        let batches = Int64(min(Int64(count), elements.partialValue))
        let size = (elements.partialValue + batches - 1) / batches
        let big = elements.partialValue - (size - 1) * batches
        var out: [ClosedRange<Int64>] = []
        var start = lower
        for i in 0..<batches {
            let end = start + size - 1 - (i >= big ? 1 : 0)
            out.append(start...end)
            start = end + 1
        }
        return out
    }

    /// The query of partition `index`.
    public func sql(partition index: Int) -> String {
        let list = columns.map { select($0) }.joined(separator: ", ")
        var conditions = pushed
        if !partitions[index].isEmpty { conditions.append(partitions[index]) }
        // The table name as written (it may name a schema); SQLite's quoted, as Flink does not
        // know SQLite.
        let name = dialect == .sqlite ? identifier(table) : table
        return "SELECT \(list) FROM \(name)" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
    }

    private func select(_ column: Column) -> String {
        let name = identifier(column.name)
        // Times in the form weir reads; PostgreSQL's own text form has microseconds.
        if dialect == .postgres, column.type.isTimestamp { return "\(name)::timestamp(3)" }
        return name
    }

    func identifier(_ name: String) -> String {
        switch dialect {
        case .postgres: postgresIdentifierText(name)
        case .mysql: "`" + name.replacing("`", with: "``") + "`"
        case .sqlite: "\"" + name.replacing("\"", with: "\"\"") + "\""
        }
    }

    static func conjuncts(_ e: BoundExpression) -> [BoundExpression] {
        if case let .and(a, b) = e { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// The SQL of a condition over one column and constants, or nil when it is not pushed.
    private func condition(_ e: BoundExpression, fields: [Column]) -> String? {
        func column(_ e: BoundExpression) -> Column? {
            if case .slot(let s) = e, s < fields.count { return fields[s] }
            return nil
        }
        switch e {
        case let .comparison(op, a, b):
            if let c = column(a), case .constant(let v) = b { return compare(c, op, v) }
            if let c = column(b), case .constant(let v) = a { return compare(c, op.flipped, v) }
            return nil
        case let .between(x, .constant(low), .constant(high), negated: false):
            guard let c = column(x), let l = compare(c, .greaterOrEqual, low), let h = compare(c, .lessOrEqual, high) else { return nil }
            return "\(l) AND \(h)"
        case let .isNull(x, negated):
            guard let c = column(x) else { return nil }
            return "\(identifier(c.name)) IS \(negated ? "NOT " : "")NULL"
        case let .inList(x, items, negated: false):
            guard let c = column(x) else { return nil }
            var parts: [String] = []
            for item in items {
                guard case .constant(let v) = item, let p = compare(c, .equal, v) else { return nil }
                parts.append(p)
            }
            return parts.isEmpty ? nil : "(" + parts.joined(separator: " OR ") + ")"
        case let .or(a, b):
            guard let l = condition(a, fields: fields), let r = condition(b, fields: fields) else { return nil }
            return "(\(l) OR \(r))"
        default:
            return nil
        }
    }

    private func compare(_ column: Column, _ op: BinaryOperator, _ value: Value) -> String? {
        let name = identifier(column.name)
        switch (column.type, value) {
        case (.timestamp, .timestamp(let millis)):
            let text = Timestamp.format(millis)
            if dialect != .sqlite { return "\(name) \(op.rawValue) TIMESTAMP '\(text)'" }
            // SQLite keeps times as text in either form, or as numbers: compare the date of
            // text that starts with one (a wider condition), and let anything else through for
            // weir to read or to name as a bad line.
            let day = String(text.prefix(10))
            let dayOp: String
            switch op {
            case .greater, .greaterOrEqual: dayOp = ">="
            case .less, .lessOrEqual: dayOp = "<="
            case .equal: dayOp = "="
            default: return nil
            }
            return "(typeof(\(name)) <> 'text' OR \(name) NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' OR substr(\(name), 1, 10) \(dayOp) '\(day)')"
        case (.string, .string(let s)):
            // MySQL reads a backslash in a string as an escape; the others do not.
            let escaped = dialect == .mysql ? s.replacing("\\", with: "\\\\") : s
            return "\(name) \(op.rawValue) '\(escaped.replacing("'", with: "''"))'"
        case (let type, .int(let v)) where type.isNumeric && type != .dynamic:
            return "\(name) \(op.rawValue) \(v)"
        case (let type, .decimal) where type.isNumeric && type != .dynamic, (let type, .wideDecimal) where type.isNumeric && type != .dynamic:
            return "\(name) \(op.rawValue) \(value.sqlLiteral)"
        case (let type, .double(let d)) where type.isNumeric && type != .dynamic && d.isFinite:
            return "\(name) \(op.rawValue) \(d)"
        default:
            return nil
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var flipped: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

/// A name as Flink's PostgreSQL dialect writes it: as it is (PostgreSQL folds it to lower
/// case), quoted only when it could not be read unquoted.
public func postgresIdentifierText(_ name: String) -> String {
    let simple = name.first.map { $0 == "_" || $0.isLetter } == true && name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber } && name.allSatisfy(\.isASCII)
    if simple, !postgresReservedWords.contains(name.lowercased()) { return name }
    return "\"" + name.replacing("\"", with: "\"\"") + "\""
}

let postgresReservedWords: Set<String> = [
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
    "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
    "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
    "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
    "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
    "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table", "then",
    "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
]
