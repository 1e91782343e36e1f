import QueryPlanner

/// Writes a sink table's batches into a SQLite table: one transaction a batch, rows upserted
/// by the primary key (`ON CONFLICT … DO UPDATE`, or an UPDATE then an INSERT when the table
/// has no unique index on the key) and deleted by it.
final class SQLiteTableWriter: TableWriter {
    private let connection: SQLiteConnection
    private let insert: SQLiteStatement
    private let delete: SQLiteStatement?
    /// Without a unique index on the key: UPDATE, and INSERT when it changed nothing.
    private let update: SQLiteStatement?
    private let keySlots: [Int]
    private let types: [DataType]

    init(path: String, table: TableSchema, tableName: String) throws(DatabaseError) {
        connection = try SQLiteConnection(path: path)
        guard try connection.hasTable(tableName) else {
            throw DatabaseError("no table \(tableName) in \(path)", transient: false)
                .withHint("create it first: " + Self.createStatement(table, tableName))
        }
        types = table.columns.map(\.type)
        func q(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }
        let names = table.columns.map { q($0.name) }
        let placeholders = table.columns.indices.map { "?\($0 + 1)" }
        let insertSQL = "INSERT INTO \(q(tableName)) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))"
        let keySlots = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        self.keySlots = keySlots
        let connection = self.connection
        if keySlots.isEmpty {
            insert = try connection.prepare(insertSQL)
            delete = nil
            update = nil
            return
        }
        // IS, not =: SQLite lets a key column hold NULL, and a NULL key must match itself.
        let keyMatch = keySlots.map { "\(names[$0]) IS ?\($0 + 1)" }.joined(separator: " AND ")
        delete = try connection.prepare("DELETE FROM \(q(tableName)) WHERE \(keyMatch)")
        let others = table.columns.indices.filter { !keySlots.contains($0) }
        let set = others.map { "\(names[$0]) = excluded.\(names[$0])" }.joined(separator: ", ")
        let conflict = "\(insertSQL) ON CONFLICT (\(keySlots.map { names[$0] }.joined(separator: ", "))) DO " + (others.isEmpty ? "NOTHING" : "UPDATE SET \(set)")
        if let upsert = try? connection.prepare(conflict) {
            insert = upsert
            update = nil
        } else {
            // No unique index on the key: as Flink's dialects without an upsert statement.
            insert = try connection.prepare(others.isEmpty
                ? "INSERT INTO \(q(tableName)) (\(names.joined(separator: ", "))) SELECT \(placeholders.joined(separator: ", ")) WHERE NOT EXISTS (SELECT 1 FROM \(q(tableName)) WHERE \(keyMatch))"
                : insertSQL)
            let assign = others.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: ", ")
            update = others.isEmpty ? nil : try connection.prepare("UPDATE \(q(tableName)) SET \(assign) WHERE \(keyMatch)")
        }
    }

    var progress: Int64 = 0
    private var progressStatement: SQLiteStatement?
    private var job = ""

    func trackProgress(job: String) throws(DatabaseError) -> Int64 {
        try connection.execute("CREATE TABLE IF NOT EXISTS \(progressTable) (job TEXT PRIMARY KEY, changes INTEGER NOT NULL)")
        self.job = job
        progressStatement = try connection.prepare("INSERT INTO \(progressTable) (job, changes) VALUES (?1, ?2) ON CONFLICT (job) DO UPDATE SET changes = excluded.changes")
        let read = try connection.prepare("SELECT changes FROM \(progressTable) WHERE job = ?1")
        try read.bind([.text(job)])
        progress = try read.step() ? Int64(read.text(0) ?? "") ?? 0 : 0
        return progress
    }

    func write(_ batch: SinkBatch) throws(DatabaseError) {
        try connection.execute("BEGIN IMMEDIATE")
        do throws(DatabaseError) {
            if let delete {
                for row in batch.deletes {
                    try delete.bind(zip(row, types).map { DatabaseValue($0, $1) })
                    try delete.step()
                }
            }
            for row in batch.rows {
                let values = zip(row, types).map { DatabaseValue($0, $1) }
                if let delete, keySlots.contains(where: { row[$0].isNull }) {
                    // ON CONFLICT never fires on a NULL key: replace the row by hand.
                    try delete.bind(values)
                    try delete.step()
                } else if let update {
                    try update.bind(values)
                    try update.step()
                    if update.changes > 0 { continue }
                }
                try insert.bind(values)
                try insert.step()
            }
            if let progressStatement {
                try progressStatement.bind([.text(job), .integer(progress)])
                try progressStatement.step()
            }
            FaultInjection.point("sink-commit")
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func reconnect() throws(DatabaseError) {}
    func close() throws(DatabaseError) {}

    static func createStatement(_ table: TableSchema, _ name: String) -> String {
        var columns = table.columns.map { "\($0.name) \(sqlType($0.type, sqlite: true))" }
        if !table.primaryKey.isEmpty { columns.append("PRIMARY KEY (\(table.primaryKey.joined(separator: ", ")))") }
        return "CREATE TABLE \(name) (\(columns.joined(separator: ", ")))"
    }
}

/// The table a checkpointed job's sinks record their progress in, in the sink's database.
let progressTable = "weir_sink_progress"

/// The database type a column of a weir type is created as, for the hint when a table is missing.
func sqlType(_ type: DataType, sqlite: Bool) -> String {
    switch type {
    case .boolean: "BOOLEAN"
    case .tinyint, .smallint: "SMALLINT"
    case .int: "INTEGER"
    case .bigint: "BIGINT"
    case .float: "REAL"
    case .double: sqlite ? "REAL" : "DOUBLE PRECISION"
    case let .decimal(p, s): "NUMERIC(\(p), \(s))"
    case .timestamp, .timestampLtz: sqlite ? "TEXT" : "TIMESTAMP(3)"
    default: "TEXT"
    }
}

extension DatabaseError {
    func withHint(_ hint: String) -> DatabaseError {
        DatabaseError(message + "; " + hint, transient: transient)
    }
}

/// Writes a sink table's batches into a PostgreSQL table over one connection: one transaction a
/// batch; rows inserted with multi-row `INSERT … ON CONFLICT (key) DO UPDATE` (Flink's
/// PostgreSQL upsert statement), deleted with `DELETE … WHERE (key) IN (…)`.
final class PostgresTableWriter: TableWriter {
    private let connection: PostgresConnection
    private let tableName: String
    private let names: [String]
    private let keySlots: [Int]
    private let types: [DataType]
    private let conflictClause: String
    /// Rows a statement carries: PostgreSQL takes at most 65,535 parameters.
    private let rowsPerStatement: Int

    init(url: JDBCURL, user: String?, password: String?, table: TableSchema, tableName: String) throws(DatabaseError) {
        guard case let .postgres(host, port, database, parameters) = url else { throw DatabaseError("not a PostgreSQL URL") }
        connection = try PostgresConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters)
        self.tableName = tableName
        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [tableName])
        guard exists.first?.first == "t" else {
            throw DatabaseError("no table \(tableName) in \(connection.label)")
                .withHint("create it first: " + PostgresTableWriter.createStatement(table, tableName))
        }
        let names = table.columns.map { postgresIdentifier($0.name) }
        self.names = names
        types = table.columns.map(\.type)
        let keySlots = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        self.keySlots = keySlots
        let others = table.columns.indices.filter { !keySlots.contains($0) }
        if keySlots.isEmpty {
            conflictClause = ""
        } else {
            let keys = keySlots.map { names[$0] }.joined(separator: ", ")
            conflictClause = " ON CONFLICT (\(keys)) DO " + (others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\(names[$0]) = EXCLUDED.\(names[$0])" }.joined(separator: ", "))
        }
        rowsPerStatement = max(1, min(1000, 65_535 / max(1, table.columns.count)))
    }

    var progress: Int64 = 0
    private var job: String?

    func trackProgress(job: String) throws(DatabaseError) -> Int64 {
        _ = try connection.execute("CREATE TABLE IF NOT EXISTS \(progressTable) (job TEXT PRIMARY KEY, changes BIGINT NOT NULL)")
        self.job = job
        let rows = try connection.execute("SELECT changes FROM \(progressTable) WHERE job = $1", [job])
        progress = rows.first?.first.flatMap { $0.flatMap { Int64($0) } } ?? 0
        return progress
    }

    func write(_ batch: SinkBatch) throws(DatabaseError) {
        try connection.execute("BEGIN")
        do throws(DatabaseError) {
            var start = 0
            while start < batch.deletes.count {
                let rows = batch.deletes[start..<min(batch.deletes.count, start + rowsPerStatement)]
                var parameters: [String?] = []
                var tuples: [String] = []
                for row in rows {
                    tuples.append("(" + keySlots.map { slot in
                        parameters.append(DatabaseValue(row[slot], types[slot]).text)
                        return "$\(parameters.count)"
                    }.joined(separator: ", ") + ")")
                }
                let keys = "(" + keySlots.map { names[$0] }.joined(separator: ", ") + ")"
                try connection.execute("DELETE FROM \(tableName) WHERE \(keys) IN (\(tuples.joined(separator: ", ")))", parameters)
                start += rowsPerStatement
            }
            start = 0
            while start < batch.rows.count {
                let rows = batch.rows[start..<min(batch.rows.count, start + rowsPerStatement)]
                var parameters: [String?] = []
                parameters.reserveCapacity(rows.count * types.count)
                var tuples: [String] = []
                for row in rows {
                    var placeholders: [String] = []
                    for (value, type) in zip(row, types) {
                        parameters.append(DatabaseValue(value, type).text)
                        placeholders.append("$\(parameters.count)")
                    }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                try connection.execute("INSERT INTO \(tableName) (\(names.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))\(conflictClause)", parameters)
                start += rowsPerStatement
            }
            if let job {
                _ = try connection.execute("INSERT INTO \(progressTable) (job, changes) VALUES ($1, $2) ON CONFLICT (job) DO UPDATE SET changes = excluded.changes",
                                           [job, String(progress)])
            }
            FaultInjection.point("sink-commit")
            try connection.execute("COMMIT")
        } catch {
            if !connection.isBroken { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    func reconnect() throws(DatabaseError) {
        if connection.isBroken { try connection.reconnect() }
    }

    func close() throws(DatabaseError) {}

    static func createStatement(_ table: TableSchema, _ name: String) -> String {
        var columns = table.columns.map { "\(postgresIdentifier($0.name)) \(sqlType($0.type, sqlite: false))" }
        if !table.primaryKey.isEmpty { columns.append("PRIMARY KEY (\(table.primaryKey.map(postgresIdentifier).joined(separator: ", "))))") }
        return "CREATE TABLE \(name) (\(columns.joined(separator: ", ")))"
    }
}

func postgresIdentifier(_ name: String) -> String { postgresIdentifierText(name) }
