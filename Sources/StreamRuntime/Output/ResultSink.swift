import QueryPlanner

/// Where a running query's results and rejects go. The runtime does no I/O itself.
public protocol ResultSink: AnyObject {
    /// One result row, in the plan's output columns.
    func emit(_ row: [Value])
    /// One change of a changelog source (a change-data-capture table).
    func emit(_ row: [Value], kind: RowKind)
    /// The rows emitted since the last call form one firing (one window's rows).
    func firingEnded()
    /// The rows emitted so far form complete firings: write them out now.
    func flush()
    /// An event that counted in no window because every window it belongs to had fired.
    func late(line: UnsafeBufferPointer<UInt8>, lineNumber: Int)
    /// A line that could not be read. Return false to stop the query (`--strict`).
    func badLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool
    /// Whether `badLine` may return false. When it never does, events after a bad line are
    /// aggregated ahead like any others.
    var mayStopOnBadLine: Bool { get }
    /// The first bytes of a bad line too long to hold (`DecodeError.lineTooLong`); the rest
    /// follows in `badLineContinues` parts, the last one with `end`. Return false to stop.
    func longBadLine(head: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool
    func badLineContinues(_ part: UnsafeBufferPointer<UInt8>, end: Bool)
    /// Something a person should know at once, such as why events are becoming late.
    func warning(_ message: String)
    /// The watermark moved: every event at or before it has been read (late ones aside).
    /// Called after the rows it follows; operators after this query need it.
    func watermarkAdvanced(to watermark: Int64)
}

/// A sink that writes NDJSON and takes a row's text as its encoder writes it, so that a firing's
/// rows can be written from where their values are (`NDJSONEncoder.appendFired`) instead of
/// made into `Value`s first (half a firing's instructions per row).
public protocol EncodedRowSink: ResultSink {
    /// The encoder of the sink's rows; nil when they are not NDJSON.
    var rowEncoder: NDJSONEncoder? { get }
    /// `rows` result rows, written by `encode` (`rowEncoder`'s text) into the sink's buffer.
    func emitEncoded(rows: Int, _ encode: (inout [UInt8]) -> Void)
}

extension ResultSink {
    public func firingEnded() {}
    public func emit(_ row: [Value], kind: RowKind) { emit(row) }
    public var mayStopOnBadLine: Bool { true }
    public func longBadLine(head: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        badLine(head, lineNumber: lineNumber, error: error)
    }
    public func badLineContinues(_ part: UnsafeBufferPointer<UInt8>, end: Bool) {}
    public func warning(_ message: String) {}
    public func watermarkAdvanced(to watermark: Int64) {}
}

/// Counts of what a query has read and done.
public struct QueryStatistics: Sendable, Equatable, Codable {
    /// Lines that held an event (blank lines excluded), bad ones included.
    public var lines = 0
    /// Events decoded successfully.
    public var events = 0
    public var lateEvents = 0
    /// Late events at most 1 ms behind the watermark: another event at (about) the same time
    /// had just closed their window. A WATERMARK delay of a few milliseconds keeps them.
    public var lateAtWatermark = 0
    public var badLines = 0
    public var rows = 0
    /// Windows (or sessions) that fired with at least one row.
    public var firings = 0
    /// The most window state held at once: slices, windows or sessions.
    public var peakOpenState = 0
    /// When the run was stopped before its input ended: the windows (or sessions) that held
    /// events and had not fired, and how many events they held. Their rows were not written.
    public var unfiredWindows = 0
    public var unfiredEvents = 0

    public init() {}
}
