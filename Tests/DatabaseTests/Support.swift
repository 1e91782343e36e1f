import Foundation
import QueryPlanner
import StreamRuntime
import Testing
@testable import WeirKit

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/weir-db-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// What an insert run did.
struct InsertRun {
    var reports: [SinkReport] = []
    var stdout = ""
    var diagnostics: [String] = []
    var failure: String? { reports.compactMap(\.failure).first }
}

/// Runs a script whose last statement is an INSERT (or a statement set) over `input`.
func runInsert(_ script: String, input: String = "", chunk: Int = 1 << 16, source: ByteSource? = nil) throws -> InsertRun {
    let session = Session()
    guard case .insert(let plan)? = try session.prepare(script).last else { fatalError("no INSERT") }
    var run = InsertRun()
    var out: [UInt8] = []
    var diagnostics: [String] = []
    let output = OutputSink(columns: [], format: .ndjson, write: { out += $0 }, diagnostics: { diagnostics.append($0) })
    let (_, dropped, reports) = try session.run(plan, input: source ?? MemorySource(Array(input.utf8), chunkSize: chunk), output: output)
    run.reports = reports
    run.stdout = String(decoding: out, as: UTF8.self)
    run.diagnostics = diagnostics + dropped
    return run
}

/// The rows of a SQLite query, each as its columns' text joined by `|` (NULL as `NULL`).
func sqliteRows(_ path: String, _ sql: String) throws -> [String] {
    let connection = try SQLiteConnection(path: path)
    let statement = try connection.prepare(sql)
    var rows: [String] = []
    while try statement.step() {
        rows.append((0..<statement.columnCount).map { statement.text($0) ?? "NULL" }.joined(separator: "|"))
    }
    return rows
}

func sqlite(_ path: String, _ sql: String) throws {
    let connection = try SQLiteConnection(path: path, create: true)
    try connection.execute(sql)
}

/// A private PostgreSQL server in a temporary directory, on a free loopback port; run as the
/// `postgres` user when the tests run as root (initdb refuses root). Stopped by `stop()`.
final class PostgresServer {
    let directory: TemporaryDirectory
    let port: Int
    static let binaries = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]
        .first { FileManager.default.fileExists(atPath: $0 + "/initdb") }

    init() throws {
        guard let bin = Self.binaries else { throw DatabaseError("PostgreSQL's server is not installed (apt-get install postgresql)") }
        directory = TemporaryDirectory()
        port = Self.freePort()
        if getuid() == 0 { try Self.command(["/bin/chown", "postgres", directory.path], asPostgres: false) }
        try Self.command([bin + "/initdb", "-D", directory.path + "/data", "-U", "weir", "--auth=trust", "-E", "UTF8", "--no-sync"])
        try start()
        let connection = try connect(database: "postgres")
        try connection.execute("CREATE DATABASE shop")
    }

    func start() throws {
        try Self.command([Self.binaries! + "/pg_ctl", "-D", directory.path + "/data", "-l", directory.path + "/log", "-w", "-o",
                          "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    /// Stops the server at once (open connections are dropped) and starts it again.
    func restart() throws {
        try Self.command([Self.binaries! + "/pg_ctl", "-D", directory.path + "/data", "-m", "immediate", "-w", "stop"])
        try start()
    }

    func stop() {
        try? Self.command([Self.binaries! + "/pg_ctl", "-D", directory.path + "/data", "-m", "immediate", "-w", "stop"])
        directory.remove()
    }

    var url: String { "jdbc:postgresql://127.0.0.1:\(port)/shop" }

    func connect(database: String = "shop") throws -> PostgresConnection {
        try PostgresConnection(host: "127.0.0.1", port: port, database: database, user: "weir", password: nil)
    }

    /// Rows of a query as `|`-joined text.
    func rows(_ sql: String) throws -> [String] {
        try connect().execute(sql).map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }
    }

    func execute(_ sql: String) throws { try connect().execute(sql) }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a program to its end (posix_spawn and waitpid: the servers it starts keep running),
    /// its output into a file; throws with that output when it fails.
    @discardableResult
    static func command(_ arguments: [String], asPostgres: Bool = true) throws -> String {
        let argv = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
        let outputPath = "/tmp/weir-db-command-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard status == 0 else { throw DatabaseError("cannot run \(argv[0]): \(String(cString: strerror(status)))") }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0, errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard exitStatus == 0 else {
            throw DatabaseError("\(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }
}

/// A private MariaDB server (it speaks MySQL's protocol) in a temporary directory, on a free
/// loopback port, without grant tables (any user connects); run as the `mysql` user when the
/// tests run as root. Stopped by `stop()`.
final class MariaDBServer {
    let directory: TemporaryDirectory
    let port: Int
    private var pid: pid_t = 0
    static let server = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"].first { FileManager.default.fileExists(atPath: $0) }

    init() throws {
        guard let server = Self.server, FileManager.default.fileExists(atPath: "/usr/bin/mariadb-install-db") else {
            throw DatabaseError("MariaDB's server is not installed (apt-get install mariadb-server)")
        }
        directory = TemporaryDirectory()
        port = PostgresServer.freePort()
        // A temporary directory of its own: servers bootstrapping at once in /tmp collide on
        // their temporary tables' names.
        mkdir(directory.path + "/tmp", 0o755)
        if getuid() == 0 { try PostgresServer.command(["/bin/chown", "-R", "mysql", directory.path], asPostgres: false) }
        try PostgresServer.command(["/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=\(directory.path)/data", "--tmpdir=\(directory.path)/tmp",
                                    "--auth-root-authentication-method=normal",
                                    "--skip-test-db"] + (getuid() == 0 ? ["--user=mysql"] : []), asPostgres: false)
        _ = server
        try start()
        try connect(database: "").execute("CREATE DATABASE shop")
    }

    func start() throws {
        let arguments = [Self.server!, "--no-defaults", "--datadir=\(directory.path)/data", "--tmpdir=\(directory.path)/tmp",
                         "--socket=\(directory.path)/sock", "--port=\(port)",
                         "--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-log-bin", "--innodb-buffer-pool-size=32M",
                         "--log-error=\(directory.path)/err", "--pid-file=\(directory.path)/pid"] + (getuid() == 0 ? ["--user=mysql"] : [])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        guard posix_spawn(&pid, arguments[0], &actions, nil, &cArguments, environ) == 0 else { throw DatabaseError("cannot start mariadbd") }
        for _ in 0..<200 {
            if (try? connect(database: "")) != nil { return }
            usleep(50_000)
        }
        throw DatabaseError("mariadbd did not start: \((try? String(contentsOfFile: directory.path + "/err", encoding: .utf8)) ?? "")")
    }

    /// Kills the server at once (open connections are dropped) and starts it again.
    func restart() throws {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try start()
    }

    func stop() {
        if pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            pid = 0
        }
        directory.remove()
    }

    var url: String { "jdbc:mysql://127.0.0.1:\(port)/shop" }

    func connect(database: String = "shop") throws -> MySQLConnection {
        try MySQLConnection(host: "127.0.0.1", port: port, database: database, user: "root", password: nil)
    }

    func rows(_ sql: String) throws -> [String] {
        try connect().execute(sql).map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }
    }

    /// Runs statements separated by `;` (the text protocol takes one at a time).
    func execute(_ sql: String) throws {
        let connection = try connect()
        for statement in sql.split(separator: ";") where !statement.allSatisfy({ $0 == " " || $0 == "\n" }) {
            try connection.execute(String(statement))
        }
    }
}
