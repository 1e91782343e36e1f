import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that decides where a table's events come from, for the file mode, `-e`,
/// the shell and operator graphs alike.
public enum InputChoice {
    /// The file a table's `WITH` clause names; otherwise `--input` if given; otherwise
    /// standard input. `idleTimeout` applies to whichever is read.
    public static func open(_ source: TableSource, input: String?, idleTimeout: Int64? = nil) throws -> FileSource {
        let file: FileSource
        switch source {
        case .file(let path): file = try FileSource(path: path)
        case .standardInput, .derived: file = try input.map { try FileSource(path: $0) } ?? FileSource.standardInput
        case .jdbc, .sinkOnly, .inline, .generated: throw InputError(description: "this table is not read from a file")
        }
        file.idleTimeout = idleTimeout
        return file
    }

    /// The bytes of a table of an operator graph: its file, its database table (as NDJSON),
    /// or `input` for standard input.
    public static func open(table source: TableSource, plans: [QueryPlan], input: ByteSource) throws -> ByteSource {
        switch source {
        case .standardInput, .derived: return input
        case .file(let path) where DirectorySource.isDirectory(path): return try DirectorySource(path: path)
        case .file: return try open(source, input: nil)
        case let .jdbc(url, name):
            guard let table = plans.first?.table, let parsed = JDBCURL(url) else {
                throw InputError(description: "unsupported JDBC URL \(JDBCURL.redacted(url))")
            }
            return JDBCSource(scan: JDBCScan(table: table, url: url, tableName: name, plans: plans), url: parsed,
                              user: table.options["username"], password: table.options["password"])
        case .sinkOnly(let connector): throw InputError(description: "a '\(connector)' table can only be written to")
        case .inline(let lines): return MemorySource(lines)
        case .generated(let spec): return DatagenSource(spec: spec)
        }
    }
}

/// A directory read as one input, as Flink's filesystem source reads one: its files in name
/// order, skipping hidden ones and in-progress parts (names starting with `.` or `_`), each
/// ending a line.
final class DirectorySource: ByteSource {
    let path: String
    let files: [String]

    init(path: String) throws {
        guard let directory = opendir(path) else {
            throw InputError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(cString: raw.bindMemory(to: CChar.self).baseAddress!) }
            guard !name.hasPrefix("."), !name.hasPrefix("_") else { continue }
            var info = stat()
            guard stat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(name)
        }
        self.path = path
        files = names.sorted().map { path + "/" + $0 }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        var stopped = false
        for file in files where !stopped {
            var last: UInt8 = 0x0A
            try FileSource(path: file).forEachChunk({ chunk in
                if let byte = chunk.last { last = byte }
                stopped = !body(chunk)
                return !stopped
            }, idle: idle)
            if !stopped, last != 0x0A {
                let newline: [UInt8] = [0x0A]
                stopped = !newline.withUnsafeBytes { body($0) }
            }
        }
    }

    func pullReader() -> PullReader { Reader(files: files) }

    private final class Reader: PullReader {
        var files: [String]
        var current: PullReader?
        var endsLine = true
        init(files: [String]) { self.files = files }

        func next(upTo limit: Int) throws -> [UInt8]? {
            while true {
                if current == nil {
                    guard !files.isEmpty else { return nil }
                    current = try FileSource(path: files.removeFirst()).pullReader()
                    endsLine = true
                }
                if let bytes = try current!.next(upTo: limit) {
                    if let byte = bytes.last { endsLine = byte == 0x0A }
                    return bytes
                }
                current = nil
                if !endsLine {
                    endsLine = true
                    return [0x0A]
                }
            }
        }
    }
}
