import WeirKit

/// The interactive shell (written in its own issue).
struct Shell {
    let session: Session
    var format: OutputFormat

    mutating func run() -> Int32 {
        Terminal.printError("weir: the interactive shell is not built yet; run weir QUERY.sql < events.ndjson")
        return 2
    }
}
