import QueryPlanner
import SQLSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `weir flink` is told about the parts a query file leaves to the command line.
public struct FlinkOptions: Sendable {
    /// Where a stream weir reads from standard input comes from on Flink.
    public enum Source: Sendable {
        case none
        /// Files: one path for every such stream, or one a table (`table=path`).
        case filesystem(paths: [String: String], all: String?)
        case kafka(topic: String, bootstrapServers: String, startupMode: String)
    }
    /// Where the result goes when the file has no `INSERT INTO`.
    public enum Sink: Sendable {
        case none
        case print
        case filesystem(path: String, format: String)
        case kafka(topic: String, bootstrapServers: String)
    }
    public var source: Source = .none
    public var sink: Sink = .none
    /// NDJSON samples of the streams no `CREATE TABLE` declares, to type their columns: one for
    /// all, or one a table.
    public var samples: [String: [UInt8]] = [:]
    public var sampleForAll: [UInt8]?
    /// `--watermark-delay`, for streams declared without `WATERMARK`.
    public var watermarkDelay: Int64 = 0

    public init() {}
}

/// Why a query file cannot be run on Flink as it is.
public struct TranslationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Turns a weir query file into a Flink SQL script that Flink's `sql-client.sh -f` runs as it
/// is: every stream declared with types, a watermark and a connector; `SET`s that keep weir's
/// semantics where Flink's defaults differ; the file's own statements, printed with Flink's
/// quoting. What has no Flink form is refused with the reason, never dropped.
public enum FlinkTranslator {
    public static func translate(_ script: String, options: FlinkOptions) throws -> (script: String, warnings: [String]) {
        var sessionOptions = SessionOptions(defaultWatermarkDelay: options.watermarkDelay)
        sessionOptions.finalTables = false
        let session = Session(options: sessionOptions)
        // Planned by weir first: a file weir refuses is not translated.
        let outcomes = try session.prepare(script)
        let statements = try Parser.parse(script)
        var warnings: [String] = []

        // The leaves: which tables are read, the columns used, and whether by event time.
        var leaves: [QueryPlan] = []
        var resultColumns: [Column]?
        var updating = false
        for outcome in outcomes {
            switch outcome {
            case .query(let plan):
                leaves.append(plan)
                resultColumns = plan.outputColumns
            case .relational(let plan):
                leaves += plan.root.sources
                resultColumns = plan.outputColumns
                updating = plan.changelogMode == .updating
            case .insert(let plan):
                leaves += plan.targets.flatMap(\.plan.root.sources)
            default: break
            }
        }
        if case .query = outcomes.last(where: { if case .query = $0 { true } else if case .relational = $0 { true } else { false } }) {
            updating = false
        }

        var out = "-- Flink SQL translated by weir; run it with Flink's sql-client.sh -f.\n"
        out += "-- weir moves the watermark after every event; Flink's default (every 200 ms) makes other events late.\n"
        out += "SET 'pipeline.auto-watermark-interval' = '0 ms';\n"
        out += "-- weir's session time zone is UTC unless the script sets 'table.local-time-zone' (below).\n"
        out += "SET 'table.local-time-zone' = 'UTC';\n"

        // Streams no CREATE TABLE declares: typed from a sample, or from how the query uses them.
        var inferred: [String: (columns: [String], time: Set<String>)] = [:]
        var inferredOrder: [String] = []
        for leaf in leaves where leaf.table.isInferred {
            let key = leaf.table.name
            if inferred[key] == nil { inferredOrder.append(key); inferred[key] = ([], []) }
            if let nested = leaf.fields.first(where: { $0.name.contains(nestedPathSeparator) }) {
                let path = nested.name.split(separator: nestedPathSeparator).joined(separator: ".")
                throw TranslationError("\(key) is not declared, and its nested field \(path) needs a ROW type on Flink: declare it with CREATE TABLE \(key) (…, \(nested.name.split(separator: nestedPathSeparator)[0]) ROW<…>, …)")
            }
            for field in leaf.fields where !inferred[key]!.columns.contains(field.name) { inferred[key]!.columns.append(field.name) }
            if let slot = leaf.timeSlot { inferred[key]!.time.insert(leaf.fields[slot].name) }
        }
        var typedScript = ""  // the same tables for weir, typed, to type the result
        for name in inferredOrder {
            let (columns, time) = inferred[name]!
            let sample = options.samples[name] ?? options.sampleForAll
            let kinds = sample.map { SampleTypes.scan($0, columns: columns) } ?? [:]
            var defs: [String] = []
            var iso = false
            var untyped: [String] = []
            for column in columns {
                let type: String
                if time.contains(column) {
                    type = "TIMESTAMP(3)"
                    if kinds[column]?.iso == true { iso = true }
                } else if let kind = kinds[column] {
                    type = kind.flinkType
                } else {
                    type = "STRING"
                    untyped.append(column)
                }
                defs.append("  \(Identifier(column)) \(type)")
            }
            if !untyped.isEmpty {
                warnings.append("weir: \(name).\(untyped.joined(separator: ", ")) typed STRING: give --sample FILE to type \(untyped.count == 1 ? "it" : "them") from the input")
            }
            if let rowtime = time.first {
                defs.append("  WATERMARK FOR \(Identifier(rowtime)) AS \(watermark(Identifier(rowtime).description, options.watermarkDelay))")
            }
            typedScript += "CREATE TABLE \(Identifier(name)) (\(defs.joined(separator: ", ")));\n"
            out += "\nCREATE TABLE \(Identifier(name)) (\n\(defs.joined(separator: ",\n"))\n) WITH (\n"
            out += try sourceOptions(for: name, format: "json", iso: iso, options: options).map { "  \($0)" }.joined(separator: ",\n") + "\n);\n"
        }

        var lastQuery: Query?
        for statement in statements {
            switch statement {
            case .createTable(let create):
                guard let table = session.catalog.table(named: create.name.name) else { continue }
                let ddl = try tableDDL(table, options: options)
                out += "\n" + ddl + ";\n"
                typedScript += tableDDL(forWeir: table) + ";\n"
            case let .createView(name, query):
                // A view's column list (`CREATE VIEW v (a, b) AS …`) renames its query's columns.
                var unnamed = query
                unnamed.columnAliases = []
                let columns = query.columnAliases.isEmpty ? "" : " (\(query.columnAliases.map(\.description).joined(separator: ", ")))"
                out += "\nCREATE TEMPORARY VIEW \(name)\(columns) AS\n\(unnamed);\n"
                typedScript += "CREATE VIEW \(name)\(columns) AS \(unnamed);\n"
            case let .set(key, value, _):
                out += "\nSET '\(key)' = '\(value)';\n"
            case .query(let query):
                lastQuery = query
            case .insert(let insert):
                out += "\n\(insert);\n"
            case .statementSet(let inserts, _):
                out += "\nEXECUTE STATEMENT SET BEGIN\n" + inserts.map { "\($0);\n" }.joined() + "END;\n"
            case .explain, .explainInserts:
                throw TranslationError("EXPLAIN prints weir's plan; Flink's EXPLAIN prints its own: translate the statement without it")
            }
        }
        guard let query = lastQuery else {
            if case .none = options.sink {} else { warnings.append("weir: --sink is ignored: the file writes with its own INSERT INTO") }
            return (out, warnings)
        }
        switch options.sink {
        case .none:
            out += "\n\(query);\n"
        case .print, .filesystem, .kafka:
            // The result's columns as weir types them once the streams are typed.
            let typed = Session(options: sessionOptions)
            let columns: [Column]
            switch try typed.prepare(typedScript + "\(query);").last {
            case .query(let plan)?: columns = plan.outputColumns
            case .relational(let plan)?: columns = plan.outputColumns
            default: columns = resultColumns ?? []
            }
            // COLLECT's result is a MAP to weir and a MULTISET to Flink, whose sink would
            // refuse a MAP column for it.
            for case let .expression(e, _) in query.items {
                if case let .function(name, arguments, _) = e.kind, name.name == "$JSON_AGG",
                   case .literal(.string("C"))? = arguments.first?.kind {
                    throw TranslationError("\(e) is a MULTISET in Flink, which weir does not declare for a sink yet: select CAST(\(e) AS STRING)")
                }
            }
            let defs = columns.map { "  \(Identifier($0.name)) \(flinkType($0.type))" }
            let sinkOptions: [String]
            switch options.sink {
            case .print: sinkOptions = ["'connector' = 'print'"]
            case let .filesystem(path, format):
                guard !updating else {
                    throw TranslationError("the query's result updates, and Flink's filesystem sink takes only appended rows: use --sink print, or a 'jdbc' table with a PRIMARY KEY")
                }
                sinkOptions = ["'connector' = 'filesystem'", "'path' = '\(path)'", "'format' = '\(format)'"]
            case let .kafka(topic, servers):
                guard !updating else {
                    throw TranslationError("the query's result updates, and Flink's kafka sink takes only appended rows (upsert-kafka needs a key): use --sink print")
                }
                sinkOptions = ["'connector' = 'kafka'", "'topic' = '\(topic)'", "'properties.bootstrap.servers' = '\(servers)'", "'format' = 'json'"]
            case .none: sinkOptions = []
            }
            out += "\nCREATE TABLE weir_result (\n\(defs.joined(separator: ",\n"))\n) WITH (\n\(sinkOptions.map { "  \($0)" }.joined(separator: ",\n"))\n);\n"
            out += "\nINSERT INTO weir_result\n\(query);\n"
        }
        return (out, warnings)
    }

    /// Whether the file's last query gives an updating result (its rows then carry `op`).
    public static func isUpdating(_ script: String, options: FlinkOptions) -> Bool {
        let session = Session(options: SessionOptions(defaultWatermarkDelay: options.watermarkDelay))
        guard let outcomes = try? session.prepare(script) else { return false }
        for outcome in outcomes.reversed() {
            if case .relational(let plan) = outcome { return plan.changelogMode == .updating }
            if case .query = outcome { return false }
        }
        return false
    }

    static func watermark(_ column: String, _ delay: Int64) -> String {
        if delay == 0 { return column }
        if delay % 1000 == 0 { return "\(column) - INTERVAL '\(delay / 1000)' SECOND" }
        return "\(column) - INTERVAL '\(Double(delay) / 1000)' SECOND"
    }

    static func flinkType(_ type: DataType) -> String {
        switch type {
        case .dynamic, .null, .interval: "STRING"
        default: type.description
        }
    }

    /// A declared table for Flink: its columns and keys, and its connector (standard input's
    /// from `--source`).
    static func tableDDL(_ table: TableSchema, options: FlinkOptions) throws -> String {
        var defs = columnDefinitions(table).map { "  " + $0 }
        if let proctime = table.proctime { defs.append("  \(Identifier(proctime)) AS PROCTIME()") }
        if !table.primaryKey.isEmpty { defs.append("  PRIMARY KEY (\(table.primaryKey.map { Identifier($0).description }.joined(separator: ", "))) NOT ENFORCED") }
        if let rowtime = table.rowtime {
            defs.append("  WATERMARK FOR \(Identifier(rowtime)) AS \(watermark(Identifier(rowtime).description, table.watermarkDelay ?? options.watermarkDelay))")
        }
        var with: [String]
        switch table.source {
        case .standardInput, .derived:
            let format: String
            switch table.format {
            case .json: format = "json"
            case .debezium: format = "debezium-json"
            }
            with = try sourceOptions(for: table.name, format: format, iso: false, options: options)
            if case .debezium(true) = table.format { with.append("'debezium-json.schema-include' = 'true'") }
        case .jdbc(let url, _):
            if url.hasPrefix("jdbc:sqlite:") {
                throw TranslationError("\(table.name) is a SQLite table, and Flink's JDBC connector has no SQLite dialect: point its 'url' at PostgreSQL or MySQL to run the file on Flink")
            }
            with = table.options.sorted { $0.key < $1.key }.map { "'\($0.key)' = '\($0.value)'" }
        default:
            with = table.options.sorted { $0.key == "connector" ? true : $1.key == "connector" ? false : $0.key < $1.key }.map { "'\($0.key)' = '\($0.value)'" }
        }
        return "CREATE TABLE \(Identifier(table.name)) (\n\(defs.joined(separator: ",\n"))\n) WITH (\n\(with.map { "  \($0)" }.joined(separator: ",\n"))\n)"
    }

    /// The columns as declared: computed ones with their expression, ROW columns (whose leaves
    /// `columns` holds) once, with their type, where their first leaf is.
    static func columnDefinitions(_ table: TableSchema) -> [String] {
        var defs: [String] = []
        var rowsWritten: Set<String> = []
        for column in table.columns {
            if let expression = table.computed[column.name.lowercased()] {
                defs.append("\(Identifier(column.name)) AS \(expression)")
            } else if let root = column.name.split(separator: nestedPathSeparator).first.map(String.init), root != column.name {
                if rowsWritten.insert(root).inserted, let type = table.rowTypes[root] { defs.append("\(Identifier(root)) \(type)") }
            } else if column.type.isTimestamp {
                // As declared: the precision decides how CAST to STRING writes the value. A
                // TIMESTAMP_LTZ is held as a TIMESTAMP by weir; declared, and read from JSON, as an instant.
                let precision = table.timestampPrecisions[column.name.lowercased()] ?? 3
                let local = table.localTimeColumns.contains(column.name.lowercased())
                defs.append("\(Identifier(column.name)) \(local ? "TIMESTAMP_LTZ" : "TIMESTAMP")(\(precision))")
            } else if column.type == .time, let precision = table.timestampPrecisions[column.name.lowercased()] {
                defs.append("\(Identifier(column.name)) TIME(\(precision))")
            } else {
                defs.append("\(Identifier(column.name)) \(flinkType(column.type))")
            }
        }
        return defs
    }

    /// The same table for weir, read from standard input (to plan the typed result).
    static func tableDDL(forWeir table: TableSchema) -> String {
        var defs = columnDefinitions(table)
        if let proctime = table.proctime { defs.append("\(Identifier(proctime)) AS PROCTIME()") }
        if !table.primaryKey.isEmpty { defs.append("PRIMARY KEY (\(table.primaryKey.map { Identifier($0).description }.joined(separator: ", "))) NOT ENFORCED") }
        if let rowtime = table.rowtime { defs.append("WATERMARK FOR \(Identifier(rowtime)) AS \(watermark(Identifier(rowtime).description, table.watermarkDelay ?? 0))") }
        var ddl = "CREATE TABLE \(Identifier(table.name)) (\(defs.joined(separator: ", ")))"
        if case .debezium = table.format { ddl += " WITH ('format' = 'debezium-json')" }
        return ddl
    }

    /// The `WITH` options of a stream weir reads from standard input.
    static func sourceOptions(for table: String, format: String, iso: Bool, options: FlinkOptions) throws -> [String] {
        var with: [String]
        switch options.source {
        case .none:
            throw TranslationError("\(table) reads standard input, which a Flink job cannot: choose its source with --source filesystem --path FILE or --source kafka --topic T --bootstrap-servers HOST:PORT")
        case let .filesystem(paths, all):
            guard let path = paths[table] ?? all else {
                throw TranslationError("no --path for \(table): give --path FILE for every stream or --path \(table)=FILE")
            }
            with = ["'connector' = 'filesystem'", "'path' = '\(path)'", "'format' = '\(format)'"]
        case let .kafka(topic, servers, startup):
            with = ["'connector' = 'kafka'", "'topic' = '\(topic)'", "'properties.bootstrap.servers' = '\(servers)'",
                    "'scan.startup.mode' = '\(startup)'", "'format' = '\(format)'"]
        }
        // weir reads both forms of times; Flink's JSON format reads one, the SQL form by default.
        if iso, format == "json" { with.append("'json.timestamp-format.standard' = 'ISO-8601'") }
        return with
    }
}

/// The JSON types of a sample's top-level fields.
enum SampleTypes {
    struct Kind: Equatable {
        var integer = false, number = false, string = false, boolean = false, nested = false
        var iso = false
        /// Only nulls were seen (still a column of the sample).
        var seen = false

        mutating func merge(_ other: Kind) {
            integer = integer || other.integer
            number = number || other.number
            string = string || other.string
            boolean = boolean || other.boolean
            nested = nested || other.nested
            iso = iso || other.iso
            seen = true
        }

        var flinkType: String {
            if nested { return "STRING" }
            if string { return "STRING" }
            if number { return "DOUBLE" }
            if integer { return "BIGINT" }
            if boolean { return "BOOLEAN" }
            return "STRING"
        }
    }

    /// Reads up to 10,000 lines. `seen` is told each top-level key once, as first written.
    static func scan(_ bytes: [UInt8], columns: [String], seen: ((String) -> Void)? = nil) -> [String: Kind] {
        var wanted: [String: String] = [:]
        for column in columns where wanted[column.lowercased()] == nil { wanted[column.lowercased()] = column }
        // Keys met so far (unescaped bytes), the column each one is, if any, and what its
        // values were. Lines repeat their keys in one order, so the next key is looked for
        // after the last one first.
        var known: [(key: [UInt8], column: String?, kind: Kind)] = []
        var index: [[UInt8]: Int] = [:]
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = SampleScanner(buffer)
            var lines = 0
            var scratch: [UInt8] = []
            while lines < 10_000, scanner.startLine() {
                lines += 1
                var guess = 0
                while let place = scanner.key(scratch: &scratch) {
                    /// The slot of a key, added when new.
                    func slot(of key: UnsafeBufferPointer<UInt8>) -> Int {
                        if guess < known.count, same(known[guess].key, key) { return guess }
                        if known.count <= 16, let found = known.firstIndex(where: { same($0.key, key) }) { return found }
                        if known.count > 16, let found = index[Array(key)] { return found }
                        let name = String(decoding: key, as: UTF8.self)
                        seen?(name)
                        known.append((Array(key), wanted[name.lowercased()], Kind()))
                        index[Array(key)] = known.count - 1
                        return known.count - 1
                    }
                    let slot = place.map { slot(of: UnsafeBufferPointer(rebasing: buffer[$0])) }
                        ?? scratch.withUnsafeBufferPointer { slot(of: $0) }
                    guess = slot + 1
                    let (first, value) = scanner.value()
                    guard known[slot].column != nil else { continue }
                    switch first {
                    case 0x22:
                        known[slot].kind.string = true
                        if value.count > 11, value[11] == UInt8(ascii: "T") { known[slot].kind.iso = true }
                    case 0x7B, 0x5B: known[slot].kind.nested = true
                    case UInt8(ascii: "t"), UInt8(ascii: "f"): known[slot].kind.boolean = true
                    case UInt8(ascii: "n"): known[slot].kind.seen = true
                    default:
                        if value.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) { known[slot].kind.number = true } else { known[slot].kind.integer = true }
                    }
                }
                scanner.skipLine()
            }
        }
        var kinds: [String: Kind] = [:]
        for (_, column, kind) in known where kind.seen || kind != Kind() {
            guard let column else { continue }
            kinds[column, default: Kind()].merge(kind)
        }
        return kinds
    }
}

private func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (b.isEmpty || a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 })
}

/// Walks the top-level keys of NDJSON objects, a line at a time, forgiving what it cannot read
/// (the decoder names bad lines; a sample only types columns).
private struct SampleScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var lineEnd = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Moves to the next non-empty line's first key; false at the end of the bytes.
    mutating func startLine() -> Bool {
        while i < bytes.count {
            let base = bytes.baseAddress!
            lineEnd = memchr(base + i, 0x0A, bytes.count - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            skipSpace()
            if i < lineEnd, bytes[i] == 0x7B {
                i += 1
                return true
            }
            i = lineEnd + 1
        }
        return false
    }

    mutating func skipLine() { i = lineEnd + 1 }

    private mutating func skipSpace() {
        while i < lineEnd, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
    }

    /// Past a string starting at `i` (a quote); with `keep`, its bytes without escapes go to `out`.
    private mutating func string(into out: inout [UInt8], keep: Bool) {
        i += 1
        if !keep {
            // The closing quote is the first one not escaped (after an even run of backslashes).
            let base = bytes.baseAddress!
            while i < lineEnd, let quote = memchr(base + i, 0x22, lineEnd - i) {
                let at = UnsafeRawPointer(quote) - UnsafeRawPointer(base)
                var slashes = 0
                while at - slashes - 1 >= i, bytes[at - slashes - 1] == 0x5C { slashes += 1 }
                i = at + 1
                if slashes % 2 == 0 { return }
            }
            i = lineEnd + 1
            return
        }
        while i < lineEnd, bytes[i] != 0x22 {
            if bytes[i] == 0x5C { i += 1 }
            if i < lineEnd {
                if keep { out.append(bytes[i]) }
                i += 1
            }
        }
        i += 1
    }

    /// The next key of the object (after a comma, or the first), past its colon: where its
    /// bytes are in the line, or nil in the range when it had escapes (then `scratch` holds it
    /// without them); nil when the object has no more keys.
    mutating func key(scratch: inout [UInt8]) -> Range<Int>?? {
        skipSpace()
        if i < lineEnd, bytes[i] == 0x2C {
            i += 1
            skipSpace()
        }
        guard i < lineEnd, bytes[i] == 0x22 else { return nil }
        let start = i + 1
        var end = start
        while end < lineEnd, bytes[end] != 0x22, bytes[end] != 0x5C { end += 1 }
        var place: Range<Int>? = nil
        if end < lineEnd, bytes[end] == 0x22 {
            place = start..<end
            i = end + 1
        } else {
            scratch.removeAll(keepingCapacity: true)
            string(into: &scratch, keep: true)
        }
        skipSpace()
        guard i < lineEnd, bytes[i] == 0x3A else { return nil }
        i += 1
        skipSpace()
        return i < lineEnd ? .some(place) : nil
    }

    /// Past the value at `i`: its first byte and its text.
    mutating func value() -> (UInt8, UnsafeBufferPointer<UInt8>) {
        let start = i
        let first = bytes[i]
        var depth = 0
        var scratch: [UInt8] = []
        scan: while i < lineEnd {
            switch bytes[i] {
            case 0x22:
                string(into: &scratch, keep: false)
                if depth == 0 { break scan }
                continue
            case 0x7B, 0x5B:
                depth += 1
            case 0x7D, 0x5D:
                if depth == 0 { break scan }
                depth -= 1
                if depth == 0 {
                    i += 1
                    break scan
                }
            case 0x2C where depth == 0:
                break scan
            default:
                break
            }
            i += 1
        }
        return (first, UnsafeBufferPointer(rebasing: bytes[start..<min(i, lineEnd)]))
    }
}
