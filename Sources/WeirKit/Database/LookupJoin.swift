import CSQLite
import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Rows of a database table by key, for a lookup join.
protocol TableLookup: AnyObject {
    func rows(for key: [Value]) throws(DatabaseError) -> [[Value]]
    func reconnect() throws(DatabaseError)
}

/// A lookup join (Flink's `LookupJoinRunner`): each row is joined, when it arrives, with the
/// table's rows of its key as the database holds them then; a LEFT join pads a row without a
/// match with NULLs. With `'lookup.cache.max-rows'` (or Flink's newer
/// `'lookup.partial-cache.max-rows'`) keys are kept, missing ones too, for
/// `'lookup.cache.ttl'` (`'lookup.partial-cache.expire-after-write'`) after they were read.
final class LookupJoinOperator: RowReceiver {
    private let spec: LookupJoinSpec
    private let output: RowReceiver
    private let lookup: TableLookup
    private let cacheRows: Int
    private let cacheTTL: Duration?
    private let maxRetries: Int
    private var cache: [[Value]: (rows: [[Value]], read: ContinuousClock.Instant)] = [:]
    private let padding: [Value]
    /// The database's refusal, when a lookup failed after its retries: the run stops.
    private(set) var failure: String?
    private(set) var lookups = 0

    init(spec: LookupJoinSpec, output: RowReceiver) throws(DatabaseError) {
        self.spec = spec
        self.output = output
        lookup = try openLookup(spec)
        let options = spec.table.options
        cacheRows = options["lookup.cache"]?.uppercased() == "NONE" ? 0
            : Int(options["lookup.partial-cache.max-rows"] ?? options["lookup.cache.max-rows"] ?? "") ?? 0
        cacheTTL = (options["lookup.partial-cache.expire-after-write"] ?? options["lookup.cache.ttl"])
            .flatMap(GraphRunner.milliseconds).map { .milliseconds($0) }
        maxRetries = max(0, Int(options["lookup.max-retries"] ?? "") ?? 3)
        padding = Array(repeating: .null, count: spec.table.columns.count)
    }

    func receive(_ row: [Value], _ kind: RowKind) {
        guard failure == nil else { return }
        let key = spec.leftKeys.enumerated().map { i, slot in
            Evaluator.cast(row[slot], to: spec.table.columns[spec.rightKeys[i]].type)
        }
        var matches: [[Value]] = []
        // NULL equals nothing: no lookup.
        if !key.contains(where: \.isNull) {
            guard let found = rows(for: key) else { return }
            matches = found
        }
        for match in matches { output.receive(row + match, kind) }
        if matches.isEmpty, spec.kind == .left { output.receive(row + padding, kind) }
    }

    private func rows(for key: [Value]) -> [[Value]]? {
        if cacheRows > 0, let hit = cache[key] {
            if let cacheTTL, ContinuousClock.now - hit.read > cacheTTL {
                cache[key] = nil
            } else {
                return hit.rows
            }
        }
        var attempt = 0
        while true {
            do {
                lookups += 1
                let found = try lookup.rows(for: key)
                if cacheRows > 0 {
                    // Whole-cache eviction keeps it simple and bounded; a key read again is one query.
                    if cache.count >= cacheRows { cache.removeAll(keepingCapacity: true) }
                    cache[key] = (found, .now)
                }
                return found
            } catch {
                guard error.transient, attempt < maxRetries else {
                    failure = "lookup in \(spec.table.name) failed: \(error.message)"
                    return nil
                }
                attempt += 1
                usleep(UInt32(min(1000 * attempt, 10_000)) * 1000)
                try? lookup.reconnect()
            }
        }
    }

    func watermark(_ watermark: Int64) { output.watermark(watermark) }
    func finish() { output.finish() }
}

private func openLookup(_ spec: LookupJoinSpec) throws(DatabaseError) -> TableLookup {
    guard case let .jdbc(url, name) = spec.table.source, let parsed = JDBCURL(url) else {
        throw DatabaseError("\(spec.table.name) is not a database table")
    }
    let options = spec.table.options
    switch parsed {
    case .sqlite(let path): return try SQLiteLookup(path: path, table: spec.table, tableName: name, keys: spec.rightKeys)
    case .postgres, .mysql:
        return try ServerLookup(url: parsed, user: options["username"], password: options["password"], table: spec.table, tableName: name, keys: spec.rightKeys)
    }
}

/// A database's text for a value of a declared column, as a value of its type.
func value(fromDatabaseText text: String?, _ type: DataType) -> Value {
    guard let text else { return .null }
    switch type {
    case .timestamp, .timestampLtz:
        if let millis = Timestamp.parse(text) { return .timestamp(millis) }
        if let seconds = Double(text) { return .timestamp(abs(seconds) >= 1e11 ? Int64(seconds) : Int64((seconds * 1000).rounded())) }
        return .null
    case .boolean:
        return .bool(text == "t" || text == "1" || text.lowercased() == "true")
    case .string, .dynamic:
        return .string(text)
    default:
        return Evaluator.cast(.string(text), to: type)
    }
}

private final class SQLiteLookup: TableLookup {
    private let connection: SQLiteConnection
    private let statement: SQLiteStatement
    private let types: [DataType]
    private let keyTypes: [DataType]

    init(path: String, table: TableSchema, tableName: String, keys: [Int]) throws(DatabaseError) {
        connection = try SQLiteConnection(path: path, readOnly: true)
        func q(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }
        let condition = keys.enumerated().map { "\(q(table.columns[$1].name)) = ?\($0 + 1)" }.joined(separator: " AND ")
        statement = try connection.prepare("SELECT \(table.columns.map { q($0.name) }.joined(separator: ", ")) FROM \(q(tableName)) WHERE \(condition)")
        types = table.columns.map(\.type)
        keyTypes = keys.map { table.columns[$0].type }
    }

    func rows(for key: [Value]) throws(DatabaseError) -> [[Value]] {
        try statement.bind(zip(key, keyTypes).map { DatabaseValue($0, $1) })
        var rows: [[Value]] = []
        while try statement.step() {
            rows.append(types.enumerated().map { value(fromDatabaseText: statement.text($0), $1) })
        }
        return rows
    }

    func reconnect() throws(DatabaseError) {}
}

/// PostgreSQL and MySQL lookups: one query a key, over one connection.
private final class ServerLookup: TableLookup {
    private enum Connection {
        case postgres(PostgresConnection)
        case mysql(MySQLConnection)
    }
    private let connection: Connection
    private let select: String
    private let keyNames: [String]
    private let types: [DataType]
    private let keyTypes: [DataType]

    init(url: JDBCURL, user: String?, password: String?, table: TableSchema, tableName: String, keys: [Int]) throws(DatabaseError) {
        let identifier: (String) -> String
        switch url {
        case let .postgres(host, port, database, parameters):
            connection = .postgres(try PostgresConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters))
            identifier = postgresIdentifierText
        case let .mysql(host, port, database, parameters):
            connection = .mysql(try MySQLConnection(host: host, port: port, database: database, user: user, password: password, parameters: parameters))
            identifier = { "`" + $0.replacing("`", with: "``") + "`" }
        case .sqlite:
            throw DatabaseError("not a server URL")
        }
        let columns = table.columns.map { column in
            if case .postgres = url, column.type.isTimestamp { return identifier(column.name) + "::timestamp(3)" }
            return identifier(column.name)
        }
        select = "SELECT \(columns.joined(separator: ", ")) FROM \(tableName) WHERE "
        keyNames = keys.map { identifier(table.columns[$0].name) }
        types = table.columns.map(\.type)
        keyTypes = keys.map { table.columns[$0].type }
    }

    func rows(for key: [Value]) throws(DatabaseError) -> [[Value]] {
        let texts = zip(key, keyTypes).map { DatabaseValue($0, $1).text }
        let raw: [[String?]]
        switch connection {
        case .postgres(let connection):
            raw = try connection.execute(select + keyNames.enumerated().map { "\($1) = $\($0 + 1)" }.joined(separator: " AND "), texts)
        case .mysql(let connection):
            let condition = zip(keyNames, texts).map { name, text in "\(name) = \(text.map { connection.literal($0) } ?? "NULL")" }
            raw = try connection.execute(select + condition.joined(separator: " AND "))
        }
        return raw.map { row in zip(row, types).map { value(fromDatabaseText: $0, $1) } }
    }

    func reconnect() throws(DatabaseError) {
        switch connection {
        case .postgres(let connection): if connection.isBroken { try connection.reconnect() }
        case .mysql(let connection): try connection.reconnect()
        }
    }
}
