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
        }
        file.idleTimeout = idleTimeout
        return file
    }
}
