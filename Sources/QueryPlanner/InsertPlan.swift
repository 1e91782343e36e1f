import SQLSyntax

/// One `INSERT INTO`: a query's rows into a table that is a sink.
public struct InsertTarget: Sendable {
    public var table: TableSchema
    public var plan: RelationalPlan
    /// For each column of the sink, the query column written to it, or nil (it gets NULL).
    public var columnSources: [Int?]

    /// Whether the sink is written by its primary key: its rows are upserted and deleted.
    public var upserts: Bool { !table.primaryKey.isEmpty }
}

/// The inserts of one statement (or statement set), planned; they run together over one read
/// of their inputs.
public struct InsertPlan: Sendable {
    public var targets: [InsertTarget]

    public init(targets: [InsertTarget]) { self.targets = targets }

    public var explanation: String {
        targets.map { target in
            let table = target.table
            let mode = target.upserts ? "upsert by (\(table.primaryKey.joined(separator: ", ")))" : "append"
            return "Sink: \(table.name) into \(SinkKind(table)?.description ?? "?"), \(mode)\n" + target.plan.explanation
        }.joined(separator: "\n")
    }
}

/// Where a sink table's rows go.
public enum SinkKind: Sendable, CustomStringConvertible {
    case jdbc(url: String, table: String)
    case file(path: String, csv: Bool)
    case print
    case blackhole

    public init?(_ table: TableSchema) {
        switch table.source {
        case let .jdbc(url, name): self = .jdbc(url: url, table: name)
        case .file(let path): self = .file(path: path, csv: table.options["format"] == "csv")
        case .sinkOnly("print"): self = .print
        case .sinkOnly: self = .blackhole
        case .standardInput, .derived, .inline, .generated: return nil
        }
    }

    public var description: String {
        switch self {
        case let .jdbc(url, table): "database table \(table) at \(JDBCURL.redacted(url))"
        case let .file(path, csv): "\(csv ? "CSV" : "JSON") files in \(path)/"
        case .print: "standard output ('print')"
        case .blackhole: "nowhere ('blackhole')"
        }
    }
}

extension RelationalPlanner {
    /// Plans `INSERT INTO`: the query, the sink's columns it fills, and whether the sink can
    /// take the changes the query makes; refused here, before any row is read, as Flink does.
    public func plan(_ insert: Insert, sql: String) throws(PlanningError) -> InsertTarget {
        guard let table = catalog.table(named: insert.table.name) else {
            let names = catalog.allTables.map(\.name)
            throw PlanningError("unknown table \(insert.table.name)", at: insert.table.location,
                                hint: closestName(to: insert.table.name, among: names).map { "did you mean \($0)?" }
                                    ?? "declare it with CREATE TABLE … WITH ('connector' = 'jdbc' | 'filesystem' | 'print' | 'blackhole', …)")
        }
        guard let kind = SinkKind(table) else {
            throw PlanningError("table \(table.name) reads standard input and cannot be written to", at: insert.table.location,
                                hint: "a sink table names a 'connector': 'jdbc', 'filesystem', 'print' or 'blackhole'")
        }
        if case .file = kind, case .debezium = table.format {
            throw PlanningError("weir does not write 'debezium-json' files yet", at: table.optionLocations["format"] ?? insert.table.location,
                                hint: "write 'json' or 'csv'")
        }
        let plan = try self.plan(insert.query, sql: sql)
        let query = plan.outputColumns
        // The sink columns the query's columns go to, in order.
        var targets: [Int] = []
        if insert.columns.isEmpty {
            targets = Array(table.columns.indices)
        } else {
            for name in insert.columns {
                guard let index = table.columns.firstIndex(where: { $0.name.lowercased() == name.name.lowercased() }) else {
                    throw PlanningError("unknown column \(name.name) of \(table.name)", at: name.location,
                                        hint: closestName(to: name.name, among: table.columns.map(\.name)).map { "did you mean \($0)?" })
                }
                if targets.contains(index) { throw PlanningError("column \(name.name) is named twice", at: name.location) }
                targets.append(index)
            }
            for key in table.primaryKey where !targets.contains(where: { table.columns[$0].name == key }) {
                throw PlanningError("the INSERT gives no value for \(key), a column of \(table.name)'s primary key", at: insert.table.location)
            }
        }
        func schema(_ columns: [Column]) -> String { "[" + columns.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + "]" }
        let sinkColumns = targets.map { table.columns[$0] }
        guard query.count == sinkColumns.count else {
            throw PlanningError("the query has \(query.count) column\(query.count == 1 ? "" : "s") and the sink \(table.name) takes \(sinkColumns.count)",
                                at: insert.query.location,
                                hint: "query schema \(schema(query)), sink schema \(schema(sinkColumns))")
        }
        for (i, (column, sink)) in zip(query, sinkColumns).enumerated() where !Self.insertable(column.type, into: sink.type) {
            throw PlanningError("the query's column \(i + 1) (\(column.name) \(column.type)) cannot be written to \(table.name).\(sink.name) \(sink.type)",
                                at: insert.query.location, hint: "CAST it to \(sink.type)")
        }
        if plan.changelogMode == .updating, table.primaryKey.isEmpty {
            switch kind {
            case .jdbc:
                throw PlanningError("the query's result updates (its rows change as input arrives), and \(table.name) has no primary key to update them by",
                                    at: insert.table.location,
                                    hint: "as Flink: please declare primary key for sink table when query contains update/delete record (PRIMARY KEY (…) NOT ENFORCED)")
            case .file:
                throw PlanningError("table sink \(table.name) doesn't support consuming update changes, which the query produces",
                                    at: insert.table.location, hint: "a file is append-only: write a windowed result, or to a 'jdbc' table with a primary key")
            case .print, .blackhole: break
            }
        }
        var sources = [Int?](repeating: nil, count: table.columns.count)
        for (queryIndex, sinkIndex) in targets.enumerated() { sources[sinkIndex] = queryIndex }
        return InsertTarget(table: table, plan: plan, columnSources: sources)
    }

    /// Flink's implicit casts into a sink column: the same type, a wider number, any number
    /// into a decimal or a floating point column; values of inferred columns as they are.
    static func insertable(_ type: DataType, into sink: DataType) -> Bool {
        if type == sink || type == .null || type == .dynamic { return true }
        // Flink casts between TIMESTAMP and TIMESTAMP_LTZ implicitly; the values are alike here.
        if type.isTimestamp && sink.isTimestamp { return true }
        func rank(_ t: DataType) -> Int? {
            switch t {
            case .tinyint: 1
            case .smallint: 2
            case .int: 3
            case .bigint: 4
            case .decimal: 5
            case .float: 6
            case .double: 7
            default: nil
            }
        }
        guard let from = rank(type), let to = rank(sink) else { return false }
        return from <= to || (from == 5 && to == 5)
    }
}
