import CMariaDB
import QueryPlanner

/// One MySQL or MariaDB connection through MariaDB Connector/C.
final class MySQLConnection {
    private var handle: UnsafeMutablePointer<MYSQL>
    private let host: String, port: Int, database: String, user: String?, password: String?
    /// Where, for messages (no password).
    let label: String

    init(host: String, port: Int, database: String, user: String?, password: String?, parameters: [String: String] = [:]) throws(DatabaseError) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user ?? parameters["user"]
        self.password = password ?? parameters["password"]
        label = "mysql://\(host):\(port)/\(database)"
        handle = try Self.connect(host: host, port: port, database: database, user: self.user, password: self.password, label: label)
    }

    deinit { mysql_close(handle) }

    private static func connect(host: String, port: Int, database: String, user: String?, password: String?, label: String) throws(DatabaseError) -> UnsafeMutablePointer<MYSQL> {
        if let missing = weir_mariadb_open() { throw DatabaseError("cannot connect to \(label): \(String(cString: missing))") }
        guard let mysql = mysql_init(nil) else { throw DatabaseError("out of memory") }
        _ = mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        var timeout: UInt32 = 10
        _ = mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        guard mysql_real_connect(mysql, host, user, password, database.isEmpty ? nil : database, UInt32(port), nil, 0) != nil else {
            let message = String(cString: mysql_error(mysql))
            mysql_close(mysql)
            throw DatabaseError("cannot connect to \(label): \(message)", transient: true)
        }
        return mysql
    }

    /// Connects again after the server went away.
    func reconnect() throws(DatabaseError) {
        let fresh = try Self.connect(host: host, port: port, database: database, user: user, password: password, label: label)
        mysql_close(handle)
        handle = fresh
    }

    private var lastError: DatabaseError {
        let code = mysql_errno(handle)
        // Lost or refused connections (2002, 2003, 2006, 2013), a server shutting down (1053),
        // too many connections (1040), a deadlock (1213) or a lock wait timeout (1205).
        let transient = [2002, 2003, 2006, 2013, 1053, 1040, 1213, 1205].contains(Int(code))
        return DatabaseError(String(cString: mysql_error(handle)), transient: transient)
    }

    /// Runs a statement; returns its rows as text (nil for NULL).
    @discardableResult
    func execute(_ sql: String) throws(DatabaseError) -> [[String?]] {
        var rows: [[String?]] = []
        try query(sql, stream: false) { fields in
            rows.append(fields.map { $0.map { String(decoding: $0, as: UTF8.self) } })
        }
        return rows
    }

    /// Runs a query, handing each row's fields to `row` as they arrive (`stream`: one row at a
    /// time from the server, none held whole).
    func query(_ sql: String, stream: Bool = true, row: ([UnsafeBufferPointer<UInt8>?]) -> Void) throws(DatabaseError) {
        var text = sql
        let status = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt($0.count)) }
        }
        guard status == 0 else { throw lastError }
        guard let result = stream ? mysql_use_result(handle) : mysql_store_result(handle) else {
            if mysql_field_count(handle) == 0 { return }  // a statement without rows
            throw lastError
        }
        defer { mysql_free_result(result) }
        let count = Int(mysql_num_fields(result))
        var fields = [UnsafeBufferPointer<UInt8>?](repeating: nil, count: count)
        while let values = mysql_fetch_row(result) {
            guard let lengths = mysql_fetch_lengths(result) else { break }
            for i in 0..<count {
                fields[i] = values[i].map { UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: Int(lengths[i])) }
            }
            row(fields)
        }
        // The end of the rows, or an error that cut them short (a lost connection).
        if mysql_errno(handle) != 0 { throw lastError }
    }

    /// A string as a quoted SQL literal, escaped for this connection's character set.
    func literal(_ text: String) -> String {
        var source = Array(text.utf8CString)
        var target = [CChar](repeating: 0, count: source.count * 2 + 1)
        let length = mysql_real_escape_string(handle, &target, &source, UInt(source.count - 1))
        return "'" + String(decoding: target.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self) + "'"
    }
}

/// Writes a sink table's batches into a MySQL or MariaDB table: one transaction a batch; rows
/// with multi-row `INSERT … ON DUPLICATE KEY UPDATE` (Flink's MySQL upsert statement), deletes
/// with `DELETE … WHERE (key) IN (…)`.
final class MySQLTableWriter: TableWriter {
    private let connection: MySQLConnection
    private let tableName: String
    private let names: [String]
    private let keySlots: [Int]
    private let types: [DataType]
    private let duplicateClause: String
    /// Rows a statement carries, well under the server's default 16 MB packet.
    static let rowsPerStatement = 500

    init(url: JDBCURL, user: String?, password: String?, table: TableSchema, tableName: String) throws(DatabaseError) {
        guard case let .mysql(host, port, database, parameters) = url else { throw DatabaseError("not a MySQL URL") }
        let connection = try MySQLConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters)
        self.connection = connection
        self.tableName = tableName
        let exists = try connection.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = \(connection.literal(tableName))")
        guard exists.first?.first == "1" else {
            var columns = table.columns.map { "`\($0.name)` \(sqlType($0.type, sqlite: false).replacing("DOUBLE PRECISION", with: "DOUBLE").replacing("TIMESTAMP(3)", with: "DATETIME(3)"))" }
            if !table.primaryKey.isEmpty { columns.append("PRIMARY KEY (\(table.primaryKey.map { "`\($0)`" }.joined(separator: ", ")))") }
            throw DatabaseError("no table \(tableName) in \(connection.label)")
                .withHint("create it first: CREATE TABLE \(tableName) (\(columns.joined(separator: ", ")))")
        }
        let names = table.columns.map { "`" + $0.name.replacing("`", with: "``") + "`" }
        self.names = names
        types = table.columns.map(\.type)
        let keySlots = table.primaryKey.compactMap { key in table.columns.firstIndex { $0.name == key } }
        self.keySlots = keySlots
        let others = table.columns.indices.filter { !keySlots.contains($0) }
        if keySlots.isEmpty {
            duplicateClause = ""
        } else {
            let updated = others.isEmpty ? [keySlots[0]] : others
            duplicateClause = " ON DUPLICATE KEY UPDATE " + updated.map { "\(names[$0]) = VALUES(\(names[$0]))" }.joined(separator: ", ")
        }
    }

    private func literal(_ value: Value, _ type: DataType) -> String {
        switch DatabaseValue(value, type) {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let d): d.isFinite ? "\(d)" : "NULL"
        case .text(let s): connection.literal(s)
        }
    }

    var progress: Int64 = 0
    private var job: String?

    func trackProgress(job: String) throws(DatabaseError) -> Int64 {
        _ = try connection.execute("CREATE TABLE IF NOT EXISTS \(progressTable) (job VARCHAR(700) PRIMARY KEY, changes BIGINT NOT NULL)")
        self.job = job
        let rows = try connection.execute("SELECT changes FROM \(progressTable) WHERE job = \(connection.literal(job))")
        progress = rows.first?.first.flatMap { $0.flatMap { Int64($0) } } ?? 0
        return progress
    }

    func write(_ batch: SinkBatch) throws(DatabaseError) {
        try connection.execute("START TRANSACTION")
        do throws(DatabaseError) {
            var start = 0
            while start < batch.deletes.count {
                let rows = batch.deletes[start..<min(batch.deletes.count, start + Self.rowsPerStatement)]
                let tuples = rows.map { row in "(" + keySlots.map { literal(row[$0], types[$0]) }.joined(separator: ", ") + ")" }
                let keys = "(" + keySlots.map { names[$0] }.joined(separator: ", ") + ")"
                try connection.execute("DELETE FROM \(tableName) WHERE \(keys) IN (\(tuples.joined(separator: ", ")))")
                start += Self.rowsPerStatement
            }
            start = 0
            while start < batch.rows.count {
                let rows = batch.rows[start..<min(batch.rows.count, start + Self.rowsPerStatement)]
                let tuples = rows.map { row in "(" + zip(row, types).map { literal($0, $1) }.joined(separator: ", ") + ")" }
                try connection.execute("INSERT INTO \(tableName) (\(names.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))\(duplicateClause)")
                start += Self.rowsPerStatement
            }
            if let job {
                _ = try connection.execute("INSERT INTO \(progressTable) (job, changes) VALUES (\(connection.literal(job)), \(progress)) ON DUPLICATE KEY UPDATE changes = VALUES(changes)")
            }
            FaultInjection.point("sink-commit")
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func reconnect() throws(DatabaseError) { try connection.reconnect() }
    func close() throws(DatabaseError) {}
}
