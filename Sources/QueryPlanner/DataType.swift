import SQLSyntax

/// A SQL type as the binder infers it, following Flink's type rules.
public enum DataType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    case tinyint, smallint, int, bigint
    case float, double
    /// `DECIMAL(precision, scale)`; values are held as scaled integers (`Value.decimal`, past
    /// 64 bits `Value.wideDecimal`), exact to 38 digits.
    case decimal(precision: Int, scale: Int)
    /// `STRING`, `VARCHAR(n)`, `CHAR(n)`: weir does not truncate.
    case string
    /// `TIMESTAMP(3)`: milliseconds since the epoch, without a time zone.
    case timestamp
    /// `TIMESTAMP_LTZ(3)`: an instant, held (as a `.timestamp` value) as the session time zone's
    /// wall clock, so it computes, compares and prints as a `TIMESTAMP` does; only its name
    /// (`TYPEOF`, `DESCRIBE`, `weir flink`) differs.
    case timestampLtz
    /// `DATE`: held as the timestamp of its midnight (so it compares and extracts as one),
    /// written `YYYY-MM-DD`.
    case date
    /// A time of day, held as milliseconds since midnight in a `.timestamp` value.
    case time
    /// `INTERVAL`: milliseconds.
    case interval
    /// The type of `NULL` before it meets another type.
    case null
    /// A column of a stream declared by no `CREATE TABLE`: its type is the JSON value's own.
    case dynamic
    /// `ARRAY<element>`: held as the array's JSON text, written out as JSON.
    indirect case array(DataType)
    /// `MAP<STRING, value>`: held as the object's JSON text, written out as JSON.
    indirect case map(DataType)
    /// `ROW<name type, …>` inside an ARRAY or a MAP (a ROW column of a table is read as its
    /// fields): held as the object's JSON text; `.name` reads a field, UNNEST makes columns.
    indirect case row([Column])

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .tinyint: "TINYINT"
        case .smallint: "SMALLINT"
        case .int: "INT"
        case .bigint: "BIGINT"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case let .decimal(p, s): "DECIMAL(\(p), \(s))"
        case .string: "STRING"
        case .timestamp: "TIMESTAMP(3)"
        case .timestampLtz: "TIMESTAMP_LTZ(3)"
        case .date: "DATE"
        case .time: "TIME"
        case .interval: "INTERVAL"
        case .null: "NULL"
        case .dynamic: "JSON"
        case .array(let element): "ARRAY<\(element)>"
        case .map(let value): "MAP<STRING, \(value)>"
        case .row(let fields): "ROW<\(fields.map { "\($0.name) \($0.type)" }.joined(separator: ", "))>"
        }
    }

    /// Whether this is a `TIMESTAMP` or a `TIMESTAMP_LTZ` (both held as `.timestamp` values).
    public var isTimestamp: Bool { self == .timestamp || self == .timestampLtz }

    /// The type of a time derived from a value of `type` (moved, rounded, a window's time):
    /// a TIMESTAMP_LTZ stays one, anything else gives a TIMESTAMP.
    public static func timestamp(like type: DataType?) -> DataType {
        type == .timestampLtz ? .timestampLtz : .timestamp
    }

    /// Whether this is an `ARRAY<…>`.
    public var isArray: Bool { if case .array = self { true } else { false } }
    /// Whether values are JSON text written as JSON: an `ARRAY<…>` or a `MAP<…>`.
    public var isJSONText: Bool {
        switch self {
        case .array, .map, .row: true
        default: false
        }
    }

    /// Whether this is a MAP or holds one (in an ARRAY's elements or a ROW's fields).
    public var containsMap: Bool {
        switch self {
        case .map: true
        case .array(let element): element.containsMap
        case .row(let fields): fields.contains { $0.type.containsMap }
        default: false
        }
    }

    /// Whether values of this type are integers.
    public var isInteger: Bool {
        switch self {
        case .tinyint, .smallint, .int, .bigint: true
        default: false
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .tinyint, .smallint, .int, .bigint, .float, .double, .decimal, .dynamic, .null: true
        default: false
        }
    }

    public var isApproximate: Bool { self == .float || self == .double }

    /// Bits of an integer type, for Java-style wrapping on overflow.
    var integerBits: Int {
        switch self {
        case .tinyint: 8
        case .smallint: 16
        case .int: 32
        default: 64
        }
    }

    private var integerRank: Int {
        switch self {
        case .tinyint: 1
        case .smallint: 2
        case .int: 3
        case .bigint: 4
        default: 0
        }
    }

    /// The type of an arithmetic result over two numeric types (Flink's rules, simplified
    /// for decimals to the larger scale and precision 38 at most).
    public static func arithmetic(_ a: DataType, _ b: DataType, _ op: BinaryOperator) -> DataType {
        if a == .dynamic || b == .dynamic { return .dynamic }
        if a == .null { return b == .null ? .int : b }
        if b == .null { return a }
        // FLOAT with FLOAT or an integer stays FLOAT, as Flink computes it (0.3 * 2 is 0.6);
        // FLOAT then DOUBLE is FLOAT too, DOUBLE then FLOAT DOUBLE (Calcite's leastRestrictive
        // keeps the first of two approximate types, which Flink gives the same precision; checked:
        // f + d is FLOAT, d + f DOUBLE).
        if a == .float, b == .double, op != .modulo { return .float }
        if a == .double || b == .double { return .double }
        if a == .float || b == .float { if case .decimal = a { return .double }; if case .decimal = b { return .double }; return .float }
        if case let .decimal(p1, s1) = a.asDecimal, case let .decimal(p2, s2) = b.asDecimal, !(a.isInteger && b.isInteger) {
            // Flink's LogicalTypeMerging: each operation's precision and scale, then adjusted to
            // at most 38 digits keeping at least 6 fraction digits (SUM(price) / COUNT(*) is
            // DECIMAL(38, 6)).
            func adjusted(_ precision: Int, _ scale: Int) -> DataType {
                guard precision > 38 else { return .decimal(precision: precision, scale: scale) }
                return .decimal(precision: 38, scale: max(38 - (precision - scale), min(scale, 6)))
            }
            switch op {
            case .multiply:
                return adjusted(p1 + p2 + 1, s1 + s2)
            case .divide:
                let scale = max(6, s1 + p2 + 1)
                return adjusted(p1 - s1 + s2 + scale, scale)
            case .modulo:
                let scale = max(s1, s2)
                return adjusted(min(p1 - s1, p2 - s2) + scale, scale)
            default:
                let scale = max(s1, s2)
                return adjusted(max(p1 - s1, p2 - s2) + scale + 1, scale)
            }
        }
        return a.integerRank >= b.integerRank ? a : b
    }

    /// An integer type seen as a decimal of the same range.
    var asDecimal: DataType {
        switch self {
        case .tinyint: .decimal(precision: 3, scale: 0)
        case .smallint: .decimal(precision: 5, scale: 0)
        case .int: .decimal(precision: 10, scale: 0)
        case .bigint: .decimal(precision: 19, scale: 0)
        default: self
        }
    }

    /// The common type of two branches of a `CASE` or two sides of a comparison.
    public static func common(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if a == .dynamic || b == .dynamic { return .dynamic }
        // Flink casts a TIMESTAMP to a TIMESTAMP_LTZ implicitly; the values are alike here.
        if a.isTimestamp && b.isTimestamp { return .timestampLtz }
        if a.isNumeric && b.isNumeric {
            // Flink's LogicalTypeMerging.findCommonType: decimals keep the most integer digits
            // and the most fraction digits of the two (INT and DECIMAL(10, 2): DECIMAL(12, 2)),
            // fraction digits giving way past 38 (createCommonExactNumericType).
            if case let .decimal(p1, s1) = a.asDecimal, case let .decimal(p2, s2) = b.asDecimal, !(a.isInteger && b.isInteger),
               a != .double, b != .double, a != .float, b != .float {
                let whole = min(38, max(p1 - s1, p2 - s2))
                let scale = min(max(s1, s2), 38 - whole)
                return .decimal(precision: whole + scale, scale: scale)
            }
            return arithmetic(a, b, .add)
        }
        return nil
    }

    /// The type's name in SQL, for a CAST to it (numbers only; nil for the others).
    public var castName: TypeName? {
        switch self {
        case .tinyint: TypeName("TINYINT")
        case .smallint: TypeName("SMALLINT")
        case .int: TypeName("INT")
        case .bigint: TypeName("BIGINT")
        case .float: TypeName("FLOAT")
        case .double: TypeName("DOUBLE")
        case let .decimal(p, s): TypeName("DECIMAL", [p, s])
        default: nil
        }
    }

    /// Resolves a type name of `CREATE TABLE` or `CAST`.
    public init?(_ name: TypeName) {
        if name.name == "MAP" {
            // MAP<STRING, value> of a scalar value type: JSON objects' keys are text.
            guard name.fields.count == 2, let key = DataType(name.fields[0].type), key == .string || key == .dynamic,
                  let value = DataType(name.fields[1].type) else { return nil }
            self = .map(value)
            return
        }
        if name.name == "ARRAY" {
            // ARRAY<element>: an element of a scalar type, or an ARRAY, MAP or ROW held as JSON.
            guard let element = name.fields.first.flatMap({ DataType($0.type) }) else { return nil }
            self = .array(element)
            return
        }
        if name.name == "ROW" {
            var fields: [Column] = []
            for field in name.fields {
                guard let type = DataType(field.type) else { return nil }
                fields.append(Column(name: field.name, type: type))
            }
            guard !fields.isEmpty else { return nil }
            self = .row(fields)
            return
        }
        switch name.name {
        case "BOOLEAN", "BOOL": self = .boolean
        case "TINYINT": self = .tinyint
        case "SMALLINT": self = .smallint
        case "INT", "INTEGER": self = .int
        case "BIGINT": self = .bigint
        case "FLOAT", "REAL": self = .float
        case "DOUBLE": self = .double
        case "DECIMAL", "DEC", "NUMERIC":
            let precision = name.parameters.first ?? 10
            let scale = name.parameters.count > 1 ? name.parameters[1] : 0
            guard precision >= 1, precision <= 38, scale >= 0, scale <= precision, scale <= 18 else { return nil }
            self = .decimal(precision: precision, scale: scale)
        case "STRING", "VARCHAR", "CHAR", "TEXT": self = .string
        case "TIMESTAMP": self = .timestamp
        case "TIMESTAMP_LTZ": self = .timestampLtz
        case "DATE": self = .date
        case "TIME": self = .time
        default: return nil
        }
    }

    /// The type names `CREATE TABLE` accepts, for suggestions.
    public static let typeNames = ["BOOLEAN", "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "FLOAT",
                                   "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "CHAR", "TIMESTAMP", "TIMESTAMP_LTZ", "DATE", "TIME"]
}
