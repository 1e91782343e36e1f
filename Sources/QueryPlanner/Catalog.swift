import SQLSyntax

/// A column of a stream.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: DataType
    /// A TIMESTAMP's or TIME's fraction digits when they are not its type's usual (3, and 0
    /// for a TIME): what CAST to STRING writes. Not part of the column's identity.
    public var fractionDigits: Int?

    public init(name: String, type: DataType, fractionDigits: Int? = nil) {
        self.name = name
        self.type = type
        self.fractionDigits = fractionDigits
    }

    public static func == (a: Column, b: Column) -> Bool { a.name == b.name && a.type == b.type }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
    }

    /// The same column under another name.
    public func renamed(_ name: String) -> Column {
        var column = self
        column.name = name
        return column
    }
}

/// Where a table's events come from.
public enum TableSource: Sendable, Hashable {
    /// Standard input, or the file given with `--input`.
    case standardInput
    /// `WITH ('connector' = 'filesystem', 'path' = '…', 'format' = 'json')`
    case file(path: String)
    /// The rows of another operator (a subquery, a view, a join), read as a table.
    case derived
    /// A database table (`'connector' = 'jdbc'`), read once: a bounded input. The table's
    /// `options` hold the URL, credentials and partitioning.
    case jdbc(url: String, table: String)
    /// A connector rows can only be written to (`'print'`, `'blackhole'`).
    case sinkOnly(connector: String)
    /// Lines given in the query (a `VALUES` list reads one empty line a row).
    case inline(String)
    /// Rows made up by weir (`'connector' = 'datagen'`), as its `DatagenSpec` says.
    case generated(DatagenSpec)
}

/// Flink's `datagen` connector: rows of random or sequential values, at most
/// `rowsPerSecond` a second, `rows` of them (unbounded when nil and no field is a sequence).
public struct DatagenSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Uniform in `min...max` (numbers), `length` hex digits (text), up to `maxPast`
        /// milliseconds before now (times); NULL at `nullRate`.
        case random(min: Double?, max: Double?, length: Int, maxPast: Int64, nullRate: Double)
        /// `start`, `start + 1`, … `end`: the source ends after the last.
        case sequence(start: Int64, end: Int64)
    }

    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: DataType
        public var kind: Kind
    }

    public var fields: [Field]
    public var rows: Int64?
    public var rowsPerSecond: Int64

    /// The rows the source makes: `rows`, cut to the shortest sequence; nil for no end.
    public var count: Int64? {
        var count = rows
        for field in fields {
            // (`Catalog` checked that end - start fits.)
            if case let .sequence(start, end) = field.kind {
                let span = end - start
                count = min(count ?? .max, span == .max ? .max : span + 1)
            }
        }
        return count
    }
}

/// What each input line of a table is.
public enum TableFormat: Sendable, Hashable {
    /// One row, a JSON object (`'format' = 'json'`).
    case json
    /// A Debezium change event (`'format' = 'debezium-json'`): `before`, `after`, `op`; with
    /// `schemaInclude` wrapped as `{"schema": …, "payload": …}`.
    case debezium(schemaInclude: Bool)
}

/// A declared or inferred stream of JSON events.
public struct TableSchema: Sendable, Hashable {
    public var name: String
    public var columns: [Column]
    /// The event-time column named by `WATERMARK FOR`, if any.
    public var rowtime: String?
    /// How far the watermark trails the largest event time seen, in milliseconds.
    /// `nil` when the table has no `WATERMARK` clause: the session's default applies.
    public var watermarkDelay: Int64?
    public var source: TableSource
    /// A table no `CREATE TABLE` declared: any name is a column whose type is the JSON value's.
    public var isInferred: Bool
    /// How each line reads: a row, or a change event.
    public var format: TableFormat = .json
    /// `PRIMARY KEY (…) NOT ENFORCED`: the columns, as declared.
    public var primaryKey: [String] = []
    /// `name AS PROCTIME()`: the processing-time attribute lookup joins name.
    public var proctime: String?
    /// Computed columns (`ts AS TO_TIMESTAMP(s)`), by lowercased name: each is also in
    /// `columns`, with its expression's type, and is computed from the row instead of read.
    public var computed: [String: Expression] = [:]
    /// `ROW<…>` columns as declared, by name: `columns` holds their leaf fields instead, named
    /// by their paths (`user␟id`, see `nestedPathSeparator`), read from the nested objects.
    public var rowTypes: [String: TypeName] = [:]
    /// A column is declared TIMESTAMP_LTZ: read from JSON as an instant in UTC.
    public var hasLocalTimeColumns = false
    /// The TIMESTAMP_LTZ columns, lowercased: their instants are read as wall clocks of
    /// `sessionTimeZone`, which is how weir holds a TIMESTAMP_LTZ.
    public var localTimeColumns: Set<String> = []
    /// The declared fraction digits of the TIMESTAMP and TIMESTAMP_LTZ columns that do not
    /// have 3 (`TIMESTAMP` alone is `TIMESTAMP(6)`, as in Flink), and of the TIME columns that
    /// have some (`TIME` alone is `TIME(0)`), lowercased. Values are kept to the millisecond
    /// whatever the precision; it decides how many digits CAST to STRING writes.
    public var timestampPrecisions: [String: Int] = [:]
    /// `table.local-time-zone` when the query reading the table was planned.
    public var sessionTimeZone = "UTC"
    /// The `WITH` clause, by key: what a sink or a database source needs besides its source.
    public var options: [String: String] = [:]
    /// Where each `WITH` option was written, for errors about its value.
    public var optionLocations: [String: SourceLocation] = [:]

    public init(name: String, columns: [Column], rowtime: String? = nil, watermarkDelay: Int64? = nil,
                source: TableSource = .standardInput, isInferred: Bool = false) {
        self.name = name
        self.columns = columns
        self.rowtime = rowtime
        self.watermarkDelay = watermarkDelay
        self.source = source
        self.isInferred = isInferred
        for column in columns { if let digits = column.fractionDigits { timestampPrecisions[column.name.lowercased()] = digits } }
    }

    public func column(named name: String) -> Column? {
        columns.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The stream a query reads when no `CREATE TABLE` declared it.
    public static func inferred(name: String) -> TableSchema {
        TableSchema(name: name, columns: [], isInferred: true)
    }
}

/// The tables a session knows, by name (case-insensitive, as Flink's default catalog).
public struct Catalog: Sendable {
    private var tables: [String: TableSchema] = [:]
    private var order: [String] = []
    /// `table.local-time-zone`, a zone id `SessionTimeZone` knows: where a `TIMESTAMP_LTZ` meets
    /// an instant, its wall clock is this zone's.
    public var timeZone = "UTC"
    /// `table.optimizer.agg-phase-strategy` is `ONE_PHASE`: a window's DISTINCT values reach
    /// their aggregate in arrival order, with no local aggregation's map before it.
    public var onePhaseAggregation = false

    public init() {}

    public func table(named name: String) -> TableSchema? { tables[name.lowercased()] }

    /// The tables in the order they were created.
    public var allTables: [TableSchema] { order.compactMap { tables[$0] } }

    public mutating func register(_ table: TableSchema) {
        let key = table.name.lowercased()
        if tables[key] == nil { order.append(key) }
        tables[key] = table
    }

    /// Turns `CREATE TABLE` into a schema, checking types, the watermark and the `WITH` options.
    public static func schema(for statement: CreateTable) throws(PlanningError) -> TableSchema {
        var columns: [Column] = []
        var rowTypes: [String: TypeName] = [:]
        var precisions: [String: Int] = [:]
        /// The leaves of a ROW column, named by their paths.
        func leaves(_ path: String, _ type: TypeName) throws(PlanningError) -> [Column] {
            guard type.name == "ROW" else {
                guard let leaf = DataType(type) else {
                    throw PlanningError("unknown type \(type)", at: type.location,
                                        hint: closestName(to: type.name, among: DataType.typeNames).map { "did you mean \($0)?" })
                }
                return [Column(name: path, type: leaf)]
            }
            var result: [Column] = []
            for field in type.fields { result += try leaves(path + String(nestedPathSeparator) + field.name, field.type) }
            return result
        }
        for definition in statement.columns where definition.type.name == "ROW" {
            guard !definition.type.fields.isEmpty else {
                throw PlanningError("a ROW type needs its fields: ROW<name type, …>", at: definition.type.location)
            }
            rowTypes[definition.name.name] = definition.type
        }
        for definition in statement.columns {
            if definition.type.name == "ROW" {
                for leaf in try leaves(definition.name.name, definition.type) {
                    if columns.contains(where: { $0.name.lowercased() == leaf.name.lowercased() }) {
                        throw PlanningError("column \(definition.name.name) is declared twice", at: definition.name.location)
                    }
                    columns.append(leaf)
                }
                continue
            }
            guard let type = DataType(definition.type) else {
                let hint = closestName(to: definition.type.name, among: DataType.typeNames).map { "did you mean \($0)?" }
                    ?? "weir knows \(DataType.typeNames.joined(separator: ", "))"
                throw PlanningError("unknown type \(definition.type)", at: definition.type.location, hint: hint)
            }
            if columns.contains(where: { $0.name.lowercased() == definition.name.name.lowercased() }) {
                throw PlanningError("column \(definition.name.name) is declared twice", at: definition.name.location)
            }
            columns.append(Column(name: definition.name.name, type: type))
            if ["TIMESTAMP", "TIMESTAMP_LTZ"].contains(definition.type.name), definition.type.parameters.first != 3 {
                precisions[definition.name.name.lowercased()] = definition.type.parameters.first ?? 6
            } else if definition.type.name == "TIME", let digits = definition.type.parameters.first, digits > 0 {
                precisions[definition.name.name.lowercased()] = digits
            }
        }
        // Computed columns are typed over the physical columns (one may not name another).
        if !statement.computedColumns.isEmpty {
            var physical = TableSchema(name: statement.name.name, columns: columns)
            physical.rowTypes = rowTypes
            physical.timestampPrecisions = precisions
            var inserted = 0
            for definition in statement.computedColumns {
                let name = definition.name.name
                if columns.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                    throw PlanningError("column \(name) is declared twice", at: definition.name.location)
                }
                var binder = Binder(table: physical, qualifiers: [], windowFunction: nil)
                let (_, type) = try binder.bind(definition.expression, .input)
                if !binder.aggregates.isEmpty {
                    throw PlanningError("a computed column cannot aggregate", at: definition.expression.location)
                }
                columns.insert(Column(name: name, type: type == .null ? .string : type), at: definition.position + inserted)
                if type.isTimestamp, case let digits = binder.timestampPrecision(definition.expression), digits != 3 {
                    precisions[name.lowercased()] = digits
                } else if type == .time, case let digits = binder.timePrecision(definition.expression), digits > 0 {
                    precisions[name.lowercased()] = digits
                }
                inserted += 1
            }
        }
        var rowtime: String?
        var delay: Int64?
        if let watermark = statement.watermark {
            guard let column = columns.first(where: { $0.name.lowercased() == watermark.column.name.lowercased() }) else {
                let hint = closestName(to: watermark.column.name, among: columns.map(\.name)).map { "did you mean \($0)?" }
                throw PlanningError("unknown column \(watermark.column.name) in WATERMARK", at: watermark.column.location, hint: hint)
            }
            guard column.type.isTimestamp else {
                throw PlanningError("the WATERMARK column \(column.name) is \(column.type), not TIMESTAMP(3)", at: watermark.column.location)
            }
            rowtime = column.name
            delay = try watermarkDelay(watermark)
        }
        var source = TableSource.standardInput
        var format = TableFormat.json
        if !statement.options.isEmpty {
            (source, format) = try fileSource(statement.options, at: statement.name.location)
        }
        var schema = TableSchema(name: statement.name.name, columns: columns, rowtime: rowtime, watermarkDelay: delay, source: source)
        schema.format = format
        schema.proctime = statement.proctime?.name
        schema.rowTypes = rowTypes
        schema.timestampPrecisions = precisions
        schema.hasLocalTimeColumns = statement.columns.contains { $0.type.name == "TIMESTAMP_LTZ" }
        schema.localTimeColumns = Set(statement.columns.filter { $0.type.name == "TIMESTAMP_LTZ" }.map { $0.name.name.lowercased() })
        if let first = rowTypes.keys.sorted().first, case .jdbc = source {
            throw PlanningError("ROW columns on a database table are not supported yet", at: statement.name.location,
                                hint: "\(first) would be read from a nested JSON object; a database column is flat")
        }
        for definition in statement.computedColumns {
            schema.computed[definition.name.name.lowercased()] = definition.expression
        }
        if let first = statement.computedColumns.first {
            if case .debezium = format {
                throw PlanningError("computed columns on a 'debezium-json' table are not supported yet", at: first.name.location,
                                    hint: "compute it in the query: SELECT …, expression AS \(first.name.name) FROM …")
            }
            if case .jdbc = source {
                throw PlanningError("computed columns on a database table are not supported yet", at: first.name.location,
                                    hint: "compute it in the query: SELECT …, expression AS \(first.name.name) FROM …")
            }
        }
        for option in statement.options {
            schema.options[option.key] = option.value
            schema.optionLocations[option.key] = option.location
        }
        if case .generated = source {
            schema.source = .generated(try datagen(statement, columns.filter { schema.computed[$0.name.lowercased()] == nil }, rowTypes: rowTypes))
        }
        for key in statement.primaryKey {
            guard let column = columns.first(where: { $0.name.lowercased() == key.name.lowercased() }) else {
                throw PlanningError("unknown column \(key.name) in PRIMARY KEY", at: key.location,
                                    hint: closestName(to: key.name, among: columns.map(\.name)).map { "did you mean \($0)?" })
            }
            schema.primaryKey.append(column.name)
        }
        return schema
    }

    /// The `WITH` options weir reads, by connector (nil: standard input).
    static let connectorOptions: [String?: Set<String>] = [
        nil: [],
        "filesystem": ["path"],
        "jdbc": ["url", "table-name", "username", "password", "scan.partition.column", "scan.partition.num", "scan.partition.lower-bound",
                 "scan.partition.upper-bound", "sink.buffer-flush.max-rows", "sink.buffer-flush.interval", "sink.max-retries",
                 "lookup.cache", "lookup.cache.max-rows", "lookup.cache.ttl", "lookup.partial-cache.max-rows",
                 "lookup.partial-cache.expire-after-write", "lookup.max-retries"],
        "print": ["print-identifier"],
        "blackhole": [],
    ]
    /// Flink's options that change nothing in weir, and why; accepted so the same file runs on both.
    public static let acceptedOptions: [String: String] = [
        "driver": "weir picks its client by the URL",
        "scan.fetch-size": "rows stream from the database as they are read (COPY, mysql_use_result, SQLite's steps)",
        "scan.auto-commit": "weir reads in one statement a partition",
        "sink.parallelism": "one writer a sink",
        "connection.max-retry-timeout": "connecting gives up after 10 s",
        "json.ignore-parse-errors": "a value that does not fit its column is NULL, the line kept, as in Flink; a line that is no JSON object is still skipped, named and kept with --errors",
        "json.timestamp-format.standard": "weir reads both the SQL form and ISO-8601",
        "json.encode.decimal-as-plain-number": "weir writes decimals as plain numbers",
        "debezium-json.ignore-parse-errors": "a value that does not fit its column is NULL, the change kept, as in Flink; an event that cannot be read is still skipped, named and kept",
        "debezium-json.timestamp-format.standard": "weir reads both the SQL form and ISO-8601",
        "lookup.cache.caching-missing-key": "missing keys are cached",
        "lookup.partial-cache.caching-missing-key": "missing keys are cached",
        "json.fail-on-missing-field": "a missing field is NULL, Flink's default",
    ]

    /// Refuses options weir would otherwise ignore silently, as Flink refuses unsupported options.
    private static func checkOptions(_ options: [TableOption], connector: String?, at location: SourceLocation) throws(PlanningError) {
        guard let known = connectorOptions[connector] else { return }  // the connector itself is refused later
        let common: Set<String> = ["connector", "format", "debezium-json.schema-include"]
        for option in options where !known.contains(option.key) && !common.contains(option.key) {
            if let reason = acceptedOptions[option.key] {
                if option.key.hasSuffix("caching-missing-key"), option.value != "true" {
                    throw PlanningError("weir does not support '\(option.key)' = '\(option.value)' yet", at: option.location, hint: "missing keys are always cached")
                }
                if option.key == "json.fail-on-missing-field", option.value != "false" {
                    throw PlanningError("weir does not support '\(option.key)' = '\(option.value)' yet", at: option.location,
                                        hint: "a missing field is NULL; --strict stops at the first bad line")
                }
                _ = reason
                continue
            }
            let name = connector.map { "the '\($0)' connector" } ?? "a table read from standard input"
            let candidates = Array(known.union(common).union(acceptedOptions.keys))
            let hint = closestName(to: option.key, among: candidates).map { "did you mean '\($0)'?" }
                ?? "\(name) takes \(known.union(common).sorted().map { "'\($0)'" }.joined(separator: ", "))"
            throw PlanningError("unsupported option '\(option.key)' for \(name)", at: option.location, hint: hint)
        }
    }

    /// The `datagen` options (`'fields.NAME.kind'`, `.min`, `.max`, `.length`, `.max-past`,
    /// `.null-rate`, `.start`, `.end`; `'number-of-rows'`, `'rows-per-second'`), checked as
    /// Flink's DataGenTableSourceFactory checks them. Invariant: every bound fits its column's
    /// type, `min <= max`, lengths and rates are positive, a sequence's length fits an Int64.
    private static func datagen(_ statement: CreateTable, _ columns: [Column], rowTypes: [String: TypeName]) throws(PlanningError) -> DatagenSpec {
        var values: [String: String] = [:]
        for option in statement.options { values[option.key] = option.value }
        func at(_ key: String) -> SourceLocation { statement.options.first { $0.key == key }?.location ?? statement.name.location }
        func number(_ key: String) throws(PlanningError) -> Double? {
            guard let text = values[key] else { return nil }
            guard let value = Double(text.trimmingSpaces()), value.isFinite else {
                throw PlanningError("'\(key)' must be a number, not '\(text)'", at: at(key))
            }
            return value
        }
        func whole(_ key: String) throws(PlanningError) -> Int64? {
            guard let text = values[key] else { return nil }
            guard let value = Int64(text.trimmingSpaces()) else {
                throw PlanningError("'\(key)' must be a whole number, not '\(text)'", at: at(key))
            }
            return value
        }
        if let root = rowTypes.keys.sorted().first {
            throw PlanningError("datagen of a ROW column (\(root)) is not supported yet", at: statement.name.location,
                                hint: "weir's datagen makes numbers, text, booleans and times")
        }
        var known: Set<String> = ["connector", "number-of-rows", "rows-per-second", "scan.parallelism"]
        var fields: [DatagenSpec.Field] = []
        for column in columns {
            let prefix = "fields.\(column.name)."
            let location = statement.columns.first { $0.name.name.lowercased() == column.name.lowercased() }?.name.location ?? statement.name.location
            for suffix in ["kind", "min", "max", "length", "max-past", "null-rate", "start", "end"] { known.insert(prefix + suffix) }
            // The type's own range, for integer bounds (and a sequence's values).
            let range: ClosedRange<Double>? = switch column.type {
            case .tinyint: -128...127
            case .smallint: -32_768...32_767
            case .int: -2_147_483_648...2_147_483_647
            case .bigint: -9_223_372_036_854_775_808.0...9_223_372_036_854_774_784.0  // the largest Double below 2^63
            case let .decimal(precision, scale):
                -(Self.power10(min(precision, 18) - min(scale, precision)) - 1)...(Self.power10(min(precision, 18) - min(scale, precision)) - 1)
            default: nil
            }
            switch column.type {
            case .boolean, .tinyint, .smallint, .int, .bigint, .float, .double, .decimal, .string, .timestamp, .timestampLtz, .date, .time: break
            default:
                throw PlanningError("datagen of a \(column.type) column is not supported yet", at: location,
                                    hint: "weir's datagen makes numbers, text, booleans and times")
            }
            let kind: DatagenSpec.Kind
            switch values[prefix + "kind"]?.lowercased() ?? "random" {
            case "sequence":
                guard let start = try whole(prefix + "start"), let end = try whole(prefix + "end") else {
                    throw PlanningError("a sequence field needs '\(prefix)start' and '\(prefix)end'", at: at(prefix + "kind"))
                }
                guard [.tinyint, .smallint, .int, .bigint, .float, .double, .string].contains(column.type) || { if case .decimal = column.type { true } else { false } }() else {
                    throw PlanningError("a \(column.type) field cannot be a sequence", at: at(prefix + "kind"), hint: "as in Flink: numbers and text only")
                }
                guard start <= end, !end.subtractingReportingOverflow(start).overflow else {
                    throw PlanningError("'\(prefix)start' must not be larger than '\(prefix)end'", at: at(prefix + "start"))
                }
                if let range, !range.contains(Double(start)) || !range.contains(Double(end)) {
                    throw PlanningError("the sequence \(start) to \(end) does not fit \(column.name) \(column.type)", at: at(prefix + "end"))
                }
                kind = .sequence(start: start, end: end)
            case "random":
                var maxPast: Int64 = 0
                if let text = values[prefix + "max-past"] {
                    guard let millis = durationMilliseconds(text), millis >= 0 else {
                        throw PlanningError("'\(text)' is not a duration", at: at(prefix + "max-past"), hint: "as '5 s', '10 min' or '100 ms'")
                    }
                    maxPast = millis
                }
                let nullRate = try number(prefix + "null-rate") ?? 0
                guard (0...1).contains(nullRate) else { throw PlanningError("'\(prefix)null-rate' must be between 0 and 1", at: at(prefix + "null-rate")) }
                let length = try whole(prefix + "length") ?? 100
                guard (0...(1 << 20)).contains(length) else {
                    throw PlanningError("'\(prefix)length' must be between 0 and 1048576", at: at(prefix + "length"))
                }
                var low = try number(prefix + "min"), high = try number(prefix + "max")
                if let range {
                    for (key, bound) in [("min", low), ("max", high)] {
                        if let bound, !range.contains(bound) {
                            throw PlanningError("'\(prefix)\(key)' = \(values[prefix + key]!) does not fit \(column.name) \(column.type)", at: at(prefix + key))
                        }
                    }
                    low = low ?? range.lowerBound
                    high = high ?? range.upperBound
                }
                if let low, let high, low > high {
                    throw PlanningError("'\(prefix)min' must not be larger than '\(prefix)max'", at: at(prefix + "min"))
                }
                kind = .random(min: low, max: high, length: Int(length), maxPast: maxPast, nullRate: nullRate)
            case let other:
                throw PlanningError("unknown datagen kind '\(other)' for \(column.name)", at: at(prefix + "kind"), hint: "'random' or 'sequence'")
            }
            fields.append(DatagenSpec.Field(name: column.name, type: column.type, kind: kind))
        }
        for option in statement.options where !known.contains(option.key) {
            let hint = closestName(to: option.key, among: Array(known)).map { "did you mean '\($0)'?" }
                ?? "the 'datagen' connector takes 'number-of-rows', 'rows-per-second' and 'fields.COLUMN.…' options"
            throw PlanningError("unsupported option '\(option.key)' for the 'datagen' connector", at: option.location, hint: hint)
        }
        let rows = try whole("number-of-rows")
        if let rows, rows < 0 { throw PlanningError("'number-of-rows' must not be negative", at: at("number-of-rows")) }
        // A whole number of rows a second, as Flink's option (a Long).
        let rate = try whole("rows-per-second") ?? 10_000
        guard rate > 0 else { throw PlanningError("'rows-per-second' must be positive", at: at("rows-per-second")) }
        return DatagenSpec(fields: fields, rows: rows, rowsPerSecond: rate)
    }

    private static func power10(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, n) { value *= 10 }
        return value
    }

    /// Milliseconds of a Flink duration (`10 s`, `1 min`, `500 ms`, `100` milliseconds); nil
    /// for anything else.
    public static func durationMilliseconds(_ text: String) -> Int64? {
        let trimmed = text.split(separator: " ").joined().lowercased()
        let units: [(String, Int64)] = [("ms", 1), ("milliseconds", 1), ("min", 60_000), ("minutes", 60_000), ("s", 1000), ("seconds", 1000),
                                        ("h", 3_600_000), ("hours", 3_600_000), ("d", 86_400_000), ("days", 86_400_000)]
        for (suffix, factor) in units.sorted(by: { $0.0.count > $1.0.count }) where trimmed.hasSuffix(suffix) {
            guard let value = Int64(trimmed.dropLast(suffix.count)) else { return nil }
            return value.multipliedReportingOverflow(by: factor).overflow ? nil : value * factor
        }
        return Int64(trimmed)
    }

    /// `ts` or `ts - INTERVAL 'n' UNIT`.
    private static func watermarkDelay(_ watermark: WatermarkDefinition) throws(PlanningError) -> Int64 {
        let expression = watermark.expression
        let usage = "weir supports WATERMARK FOR ts AS ts - INTERVAL 'n' SECOND"
        switch expression.kind {
        case let .column(_, name) where name.name.lowercased() == watermark.column.name.lowercased():
            return 0
        case let .binary(op, left, right) where op == .subtract || op == .add:
            // `ts + INTERVAL …` (a watermark ahead of the events) is a negative delay.
            guard case let .column(_, name) = left.kind, name.name.lowercased() == watermark.column.name.lowercased() else {
                throw PlanningError("the watermark must be computed from \(watermark.column.name)", at: left.location, hint: usage)
            }
            let sign: Int64 = op == .subtract ? 1 : -1
            if case let .literal(.compoundInterval(_, _, millis)) = right.kind { return sign * millis }
            guard case let .literal(.interval(text, unit)) = right.kind else {
                throw PlanningError("the watermark delay must be an interval literal", at: right.location, hint: usage)
            }
            return sign * (try intervalMilliseconds(text, unit, at: right.location))
        default:
            throw PlanningError("unsupported watermark expression", at: expression.location, hint: usage)
        }
    }

    /// The `WITH` clause: where the table's rows come from (or go to), and the format of its lines.
    private static func fileSource(_ options: [TableOption], at location: SourceLocation) throws(PlanningError) -> (TableSource, TableFormat) {
        var values: [String: String] = [:]
        for option in options { values[option.key] = option.value }
        func at(_ key: String) -> SourceLocation { options.first { $0.key == key }?.location ?? location }
        try checkOptions(options, connector: values["connector"], at: location)
        var format = TableFormat.json
        if let name = values["format"] {
            switch name {
            case "json", "csv": format = .json
            case "debezium-json": format = .debezium(schemaInclude: values["debezium-json.schema-include"] == "true")
            default:
                throw PlanningError("unsupported format '\(name)'", at: at("format"),
                                    hint: "weir reads 'json' (one row a line) and 'debezium-json' (change events), and writes 'json' and 'csv'")
            }
        }
        switch values["connector"] {
        case nil:
            return (.standardInput, format)
        case "filesystem":
            guard let path = values["path"] else {
                throw PlanningError("the filesystem connector needs a 'path'", at: location)
            }
            return (.file(path: path), format)
        case "jdbc":
            guard let url = values["url"] else {
                throw PlanningError("the jdbc connector needs a 'url'", at: at("connector"),
                                    hint: "'url' = 'jdbc:sqlite:shop.db' or 'jdbc:postgresql://localhost:5432/shop'")
            }
            guard let table = values["table-name"] else {
                throw PlanningError("the jdbc connector needs a 'table-name'", at: at("connector"))
            }
            guard JDBCURL(url) != nil else {
                throw PlanningError("unsupported JDBC URL '\(JDBCURL.redacted(url))'", at: at("url"),
                                    hint: "weir speaks to 'jdbc:sqlite:PATH', 'jdbc:postgresql://host:port/database' and 'jdbc:mysql://host:port/database' (MySQL, MariaDB)")
            }
            let partitioning = ["scan.partition.column", "scan.partition.num", "scan.partition.lower-bound", "scan.partition.upper-bound"]
            let given = partitioning.filter { values[$0] != nil }
            if !given.isEmpty {
                guard given.count == partitioning.count else {
                    throw PlanningError("either all or none of the options \(partitioning.joined(separator: ", ")) should be given (as Flink)",
                                        at: at(given[0]), hint: "missing: \(partitioning.filter { values[$0] == nil }.joined(separator: ", "))")
                }
                guard let count = Int(values["scan.partition.num"]!), count >= 1 else {
                    throw PlanningError("'scan.partition.num' must be a whole number of at least 1", at: at("scan.partition.num"))
                }
                _ = count
                guard let lower = Int64(values["scan.partition.lower-bound"]!), let upper = Int64(values["scan.partition.upper-bound"]!) else {
                    throw PlanningError("the partition bounds must be whole numbers", at: at("scan.partition.lower-bound"),
                                        hint: "weir partitions a scan over a numeric column")
                }
                guard lower <= upper else {
                    throw PlanningError("'scan.partition.lower-bound'='\(lower)' must not be larger than 'scan.partition.upper-bound'='\(upper)'",
                                        at: at("scan.partition.lower-bound"))
                }
            }
            return (.jdbc(url: url, table: table), format)
        case "print", "blackhole":
            return (.sinkOnly(connector: values["connector"]!), format)
        case "datagen":
            // The fields are known only with the columns (see `datagen`).
            guard values["format"] == nil else {
                throw PlanningError("the 'datagen' connector makes its rows: it takes no 'format'", at: at("format"))
            }
            return (.generated(DatagenSpec(fields: [], rows: nil, rowsPerSecond: 10_000)), format)
        case let other:
            throw PlanningError("unsupported connector '\(other!)'", at: at("connector"),
                                hint: "weir knows 'filesystem', 'jdbc', 'datagen', 'print' and 'blackhole', or stdin with no 'connector'")
        }
    }
}

/// The longest interval weir takes, either sign: 100 years. Window sizes, offsets and delays
/// beyond it mean nothing for a stream, and below it no arithmetic on event times overflows.
public let maxIntervalMilliseconds: Int64 = 100 * 366 * 86_400_000

/// Milliseconds of an interval literal such as `'10' SECOND` or `'1.5' SECOND`.
public func intervalMilliseconds(_ text: String, _ unit: TimeUnit, at location: SourceLocation) throws(PlanningError) -> Int64 {
    let outOfRange = PlanningError("interval out of range: INTERVAL '\(text)' \(unit.rawValue) is more than 100 years",
                                   at: location, hint: "weir takes intervals of up to 100 years, either sign")
    if let whole = Int64(text) {
        let (millis, overflow) = whole.multipliedReportingOverflow(by: unit.milliseconds)
        guard !overflow, millis.magnitude <= maxIntervalMilliseconds.magnitude else { throw outOfRange }
        return millis
    }
    guard let fractional = Double(text), fractional.isFinite else {
        throw PlanningError("invalid interval '\(text)'", at: location, hint: "write INTERVAL '10' \(unit.rawValue)")
    }
    let millis = (fractional * Double(unit.milliseconds)).rounded()
    guard millis.magnitude <= Double(maxIntervalMilliseconds) else { throw outOfRange }
    return Int64(millis)
}
