import WeirKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress report on standard error while a file is read: bytes, rate, time left,
/// bad lines and late events; drawn from half a second on, at most five times a second, and
/// cleared at the end. Only when standard error is a terminal and the input a regular file.
final class Progress {
    private let source: FileSource
    private let total: Int
    private let output: OutputSink
    private let started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    /// When the first line is drawn (`WEIR_PROGRESS_AFTER_MS`, for tests; 500 ms).
    private let after: Duration

    init?(source: FileSource, output: OutputSink) {
        guard let total = source.totalBytes, total > 0 else { return nil }
        self.source = source
        self.total = total
        self.output = output
        source.countsLines = true
        let millis = getenv("WEIR_PROGRESS_AFTER_MS").flatMap { Int(String(cString: $0)) } ?? 500
        after = .milliseconds(millis)
    }

    func tick() {
        let now = ContinuousClock.now
        guard now - started >= after else { return }
        if let lastDraw, now - lastDraw < .milliseconds(200) { return }
        lastDraw = now
        let elapsed = Double((now - started).components.seconds) + Double((now - started).components.attoseconds) / 1e18
        let done = min(source.bytesRead, total)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let lines = source.linesRead
        var text = "weir: \(Self.bytes(done)) of \(Self.bytes(total)) (\(done * 100 / total)%), \(lines.formatted) events, "
            + "\((elapsed > 0 ? Int(Double(lines) / elapsed) : 0).formatted) events/s, \(Self.bytes(Int(rate)))/s"
        if rate > 0, done < total { text += ", \(Int((Double(total - done) / rate).rounded(.up))) s left" }
        if output.badLines > 0 { text += ", \(output.badLines.formatted) bad" }
        if output.lateEvents > 0 { text += ", \(output.lateEvents.formatted) late" }
        Terminal.write(2, "\r" + text + "\u{1B}[K")
        Terminal.progressShown = true
    }

    func clear() {
        if Terminal.progressShown {
            Terminal.write(2, "\r\u{1B}[K")
            Terminal.progressShown = false
        }
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(n)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(n) B" : (value < 10 ? "\((value * 10).rounded() / 10)" : "\(Int(value.rounded()))") + " " + units[unit]
    }
}
