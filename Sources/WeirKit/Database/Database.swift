import CLibPQ
import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QueryPlanner

/// A database's refusal, in its own words.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// Whether trying again may succeed: a lost connection, a deadlock, a server restarting,
    /// a locked SQLite file. Anything else (a missing table, a constraint) fails the same way again.
    public var transient: Bool

    public init(_ message: String, transient: Bool = false) {
        self.message = message
        self.transient = transient
    }

    public var description: String { message }
}

/// A value as a database parameter: text (or NULL) in the form both SQLite and PostgreSQL
/// read for the column's type; integers and doubles kept as numbers for SQLite.
enum DatabaseValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: Value, _ type: DataType) {
        switch value {
        case .null: self = .null
        // 1 and 0: what SQLite and MySQL keep for booleans, and PostgreSQL reads as one.
        case .bool(let b): self = .integer(b ? 1 : 0)
        case .int(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .timestamp(let t): self = .text(Timestamp.format(t))
        case .interval(let i): self = .integer(i)
        case .decimal, .wideDecimal, .string: self = .text(RowFormatter.text(value, type))
        }
    }

    var text: String? {
        switch self {
        case .null: nil
        case .integer(let i): String(i)
        case .real(let d): d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : "\(d)"
        case .text(let s): s
        }
    }
}

/// One SQLite database file, opened as the connection of one thread.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String

    /// `create`: make the file when it does not exist (tests and scripts; a sink never does).
    init(path: String, readOnly: Bool = false, create: Bool = false) throws(DatabaseError) {
        if let missing = weir_sqlite_open() { throw DatabaseError("cannot open SQLite database \(path): \(String(cString: missing))") }
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0)
        let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw DatabaseError("cannot open SQLite database \(path): \(message)")
        }
        handle = db
        self.path = path
        // Another writer (or reader) holding the file: wait for it rather than fail at once.
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    var lastError: DatabaseError {
        let code = sqlite3_errcode(handle)
        return DatabaseError(String(cString: sqlite3_errmsg(handle)), transient: code == SQLITE_BUSY || code == SQLITE_LOCKED)
    }

    func execute(_ sql: String) throws(DatabaseError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            let code = sqlite3_errcode(handle)
            throw DatabaseError(text, transient: code == SQLITE_BUSY || code == SQLITE_LOCKED)
        }
    }

    func prepare(_ sql: String) throws(DatabaseError) -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw lastError }
        return SQLiteStatement(handle: statement, connection: self)
    }

    /// Whether the database has a table (or view) of this name.
    func hasTable(_ name: String) throws(DatabaseError) -> Bool {
        let statement = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE")
        try statement.bind([.text(name)])
        return try statement.step()
    }
}

final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ values: [DatabaseValue]) throws(DatabaseError) {
        sqlite3_reset(handle)
        // A statement may use only the first parameters (a DELETE by key binds the key's).
        let used = Int(sqlite3_bind_parameter_count(handle))
        for (i, value) in values.prefix(used).enumerated() {
            let index = Int32(i + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let v): status = sqlite3_bind_int64(handle, index, v)
            case .real(let v): status = sqlite3_bind_double(handle, index, v)
            case .text(let s):
                var s = s
                status = s.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { weir_sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count)) ; return SQLITE_OK }
                }
            }
            guard status == SQLITE_OK else { throw connection.lastError }
        }
    }

    /// Runs the statement a step: true when a row is ready, false when it is done.
    @discardableResult
    func step() throws(DatabaseError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.lastError
            sqlite3_reset(handle)
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(connection.handle)) }

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Column `index` of the current row as text, nil for NULL.
    func text(_ index: Int) -> String? {
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL, let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return String(cString: text)
    }
}

/// One PostgreSQL connection through libpq.
final class PostgresConnection {
    private(set) var handle: OpaquePointer
    let conninfo: String
    /// Where, for messages (no password).
    let label: String

    init(host: String, port: Int, database: String, user: String?, password: String?, parameters: [String: String] = [:]) throws(DatabaseError) {
        func quoted(_ s: String) -> String { "'" + s.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'" }
        var parts = ["host=\(quoted(host))", "port=\(port)", "connect_timeout=10"]
        if !database.isEmpty { parts.append("dbname=\(quoted(database))") }
        if let user = user ?? parameters["user"] { parts.append("user=\(quoted(user))") }
        if let password = password ?? parameters["password"] { parts.append("password=\(quoted(password))") }
        if let mode = parameters["sslmode"] { parts.append("sslmode=\(quoted(mode))") }
        conninfo = parts.joined(separator: " ")
        label = "postgresql://\(host):\(port)/\(database)"
        if let missing = weir_libpq_open() { throw DatabaseError("cannot connect to \(label): \(String(cString: missing))") }
        guard let connection = PQconnectdb(conninfo) else { throw DatabaseError("out of memory") }
        handle = connection
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            // deinit finishes the connection.
            throw DatabaseError("cannot connect to \(label): \(message)", transient: true)
        }
        _ = try? execute("SET client_encoding = 'UTF8'")
    }

    deinit { PQfinish(handle) }

    static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        var s = String(cString: text)
        while s.last == "\n" || s.last == " " { s.removeLast() }
        return s
    }

    /// Connects again after the server went away.
    func reconnect() throws(DatabaseError) {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError("cannot connect to \(label): \(Self.trimmed(PQerrorMessage(handle)))", transient: true)
        }
        _ = try? execute("SET client_encoding = 'UTF8'")
    }

    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    private func error(of result: OpaquePointer?) -> DatabaseError {
        let message = Self.trimmed(result.map { PQresultErrorMessage($0) } ?? PQerrorMessage(handle))
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        // Connection exceptions (08), serialization failures and deadlocks (40001, 40P01), and a
        // server shutting down or starting (57P01–57P03) are worth another try.
        let transient = isBroken || state.hasPrefix("08") || state == "40001" || state == "40P01" || state.hasPrefix("57P")
        return DatabaseError(message.isEmpty ? "the connection to \(label) was lost" : message, transient: transient)
    }

    /// Runs a statement without parameters; returns its result's rows as text.
    @discardableResult
    func execute(_ sql: String) throws(DatabaseError) -> [[String?]] {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        return try rows(of: result)
    }

    /// Runs a statement with text parameters (nil is NULL).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?]) throws(DatabaseError) -> [[String?]] {
        var pointers: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for p in pointers { free(p) } }
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { params in
                PQexecParams(handle, sql, Int32(parameters.count), nil, params.baseAddress, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        return try rows(of: result)
    }

    private func rows(of result: OpaquePointer?) throws(DatabaseError) -> [[String?]] {
        let status = result.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else { throw error(of: result) }
        guard status == PGRES_TUPLES_OK, let result else { return [] }
        var rows: [[String?]] = []
        for r in 0..<PQntuples(result) {
            rows.append((0..<PQnfields(result)).map { c in PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c)) })
        }
        return rows
    }

    /// Runs `COPY (…) TO STDOUT` and hands each row's bytes (text format, without its newline) to `row`.
    func copyOut(_ sql: String, row: (UnsafeBufferPointer<UInt8>) -> Void) throws(DatabaseError) {
        let start = PQexec(handle, sql)
        let status = start.map { PQresultStatus($0) } ?? PGRES_FATAL_ERROR
        guard status == PGRES_COPY_OUT else {
            let failure = error(of: start)
            PQclear(start)
            throw failure
        }
        PQclear(start)
        var buffer: UnsafeMutablePointer<CChar>?
        while true {
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                var count = Int(length)
                buffer.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
                    if count > 0, bytes[count - 1] == 0x0A { count -= 1 }
                    row(UnsafeBufferPointer(start: bytes, count: count))
                }
                PQfreemem(buffer)
                continue
            }
            if length == -2 { throw DatabaseError(Self.trimmed(PQerrorMessage(handle)), transient: isBroken) }
            break
        }
        // The COPY's own result: an error here (the server went away) means rows are missing.
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK { throw error(of: result) }
        }
    }
}
