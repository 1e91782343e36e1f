import QueryPlanner

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
        case .jdbc, .sinkOnly: throw InputError(description: "this table is not read from a file")
        }
        file.idleTimeout = idleTimeout
        return file
    }

    /// The bytes of a table of an operator graph: its file, its database table (as NDJSON),
    /// or `input` for standard input.
    public static func open(table source: TableSource, plans: [QueryPlan], input: ByteSource) throws -> ByteSource {
        switch source {
        case .standardInput, .derived: return input
        case .file: return try open(source, input: nil)
        case let .jdbc(url, name):
            guard let table = plans.first?.table, let parsed = JDBCURL(url) else {
                throw InputError(description: "unsupported JDBC URL \(JDBCURL.redacted(url))")
            }
            return JDBCSource(scan: JDBCScan(table: table, url: url, tableName: name, plans: plans), url: parsed,
                              user: table.options["username"], password: table.options["password"])
        case .sinkOnly(let connector): throw InputError(description: "a '\(connector)' table can only be written to")
        }
    }
}
