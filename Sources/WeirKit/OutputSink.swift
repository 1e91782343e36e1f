import QueryPlanner
import StreamRuntime

/// The sink of the command line and the REPL: formats rows, writes them at each flush, keeps
/// late events and bad lines, and reports bad lines on the diagnostics channel.
public final class OutputSink: EncodedRowSink {
    /// How many bad lines are named one by one before only the total is reported.
    public static let reportedBadLines = 10

    private var formatter: RowFormatter
    private var buffer: [UInt8] = []
    private let write: ([UInt8]) -> Void
    private let diagnostics: (String) -> Void
    private let lateWriter: (([UInt8]) -> Void)?
    private let errorWriter: (([UInt8]) -> Void)?
    private let strict: Bool
    public private(set) var badLines = 0
    public private(set) var lateEvents = 0
    public private(set) var rows = 0
    /// The first bad line's message, kept for `--strict`.
    public private(set) var firstBadLine: String?
    /// While a checkpoint's replay rebuilds state: everything it would write was written
    /// before the checkpoint, so it is dropped, and nothing is counted.
    public var muted = false {
        didSet { if muted { buffer.removeAll(keepingCapacity: true) } }
    }

    public var counters: OutputCounters { OutputCounters(rows: rows, badLines: badLines, lateEvents: lateEvents) }

    public func restore(_ counters: OutputCounters) {
        buffer.removeAll(keepingCapacity: true)
        rows = counters.rows
        badLines = counters.badLines
        lateEvents = counters.lateEvents
    }

    /// - Parameters:
    ///   - write: receives formatted output at each flush.
    ///   - diagnostics: receives messages for stderr, one line each, without a newline.
    ///   - late / errors: receive each late event or bad line, whole, with its newline.
    public init(columns: [Column], format: OutputFormat, strict: Bool = false,
                write: @escaping ([UInt8]) -> Void, diagnostics: @escaping (String) -> Void,
                late: (([UInt8]) -> Void)? = nil, errors: (([UInt8]) -> Void)? = nil) {
        formatter = RowFormatter(columns: columns, format: format)
        self.write = write
        self.diagnostics = diagnostics
        lateWriter = late
        errorWriter = errors
        self.strict = strict
    }

    public func emit(_ row: [Value]) {
        if muted { return }
        rows += 1
        formatter.append(row, to: &buffer)
    }

    public var rowEncoder: NDJSONEncoder? { formatter.ndjsonEncoder }

    public func emitEncoded(rows count: Int, _ encode: (inout [UInt8]) -> Void) {
        if muted { return }
        rows += count
        encode(&buffer)
    }

    /// One change of an updating result.
    public func emit(_ row: [Value], kind: RowKind) {
        if muted { return }
        rows += 1
        formatter.append(row, kind: kind, to: &buffer)
    }

    /// Output is written at least every this many bytes, at the end of a firing, so that
    /// a burst of firings (the end of input of a long sliding window) is never held whole.
    public static let writeThreshold = 1 << 18

    public func firingEnded() {
        if muted { return }
        formatter.endFiring(to: &buffer)
        if buffer.count >= Self.writeThreshold {
            write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes bytes as they are, after whatever is waiting (a table redrawn in place).
    public func writeRaw(_ bytes: [UInt8]) {
        if muted { return }
        flush()
        write(bytes)
    }

    /// Rows come one at a time: a table is streamed as lines under one header.
    public var streamingTable: Bool {
        get { formatter.streamingTable }
        set { formatter.streamingTable = newValue }
    }

    /// The end of the output: writes what waits, and a streamed table's bottom border.
    public func close() {
        formatter.finish(to: &buffer)
        flush()
    }

    public func flush() {
        if muted { return }
        formatter.endFiring(to: &buffer)
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func late(line: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
        if muted { return }
        lateEvents += 1
        if let lateWriter { lateWriter(Array(line) + [0x0A]) }
    }

    public var mayStopOnBadLine: Bool { strict }

    public func badLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        if muted { return true }
        badLines += 1
        let message = "line \(lineNumber): \(error)"
        if firstBadLine == nil { firstBadLine = message }
        if strict {
            diagnostics("weir: \(message) (stopping: --strict)")
            return false
        }
        if badLines <= Self.reportedBadLines { diagnostics("weir: \(message)") }
        if let errorWriter { errorWriter(Array(line) + [0x0A]) }
        return true
    }

    public func longBadLine(head: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        if muted { return true }
        badLines += 1
        let message = "line \(lineNumber): \(error)"
        if firstBadLine == nil { firstBadLine = message }
        if strict {
            diagnostics("weir: \(message) (stopping: --strict)")
            return false
        }
        if badLines <= Self.reportedBadLines { diagnostics("weir: \(message)") }
        if let errorWriter { errorWriter(Array(head)) }
        return true
    }

    public func badLineContinues(_ part: UnsafeBufferPointer<UInt8>, end: Bool) {
        guard let errorWriter, !strict, !muted else { return }
        errorWriter(Array(part) + (end ? [0x0A] : []))
    }

    public func warning(_ message: String) {
        if muted { return }
        diagnostics("weir: warning: " + message)
    }

    /// The closing lines for stderr: totals of bad lines and late events, none when all was well.
    /// `commandLine`: the hints name the options that keep the lines (the shell has none).
    public func summary(lateFileGiven: Bool, errorsFileGiven: Bool, statistics: QueryStatistics? = nil, commandLine: Bool = true) -> [String] {
        var lines: [String] = []
        let errorsHint = commandLine ? " (keep them with --errors FILE)" : " (weir --errors FILE keeps them; the shell does not)"
        let lateHint = commandLine ? " (keep them with --late FILE)" : " (weir --late FILE keeps them; the shell does not)"
        if badLines > 0, !strict {
            lines.append("weir: \(badLines.formatted) bad line\(badLines == 1 ? "" : "s") skipped\(errorsFileGiven ? "" : errorsHint)")
        }
        if lateEvents > 0 {
            lines.append("weir: \(lateEvents.formatted) late event\(lateEvents == 1 ? "" : "s") not counted\(lateFileGiven ? " (see --late)" : lateHint)")
        }
        if let near = statistics?.lateAtWatermark, near > 0 {
            let verb = near == 1 ? "was" : "were"
            lines.append("weir: \(near.formatted) of them \(verb) at most 1 ms behind the watermark, closed out by an event at about the same time: a WATERMARK delay (or --watermark-delay) of a few milliseconds would keep them")
        }
        return lines
    }
}
