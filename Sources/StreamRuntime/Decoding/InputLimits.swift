/// Bounds on what one input line may hold, so that no line can take unbounded memory and
/// no single event can silently make the rest of a stream late.
public struct InputLimits: Sendable {
    public static let defaultMaxLineBytes = 64 << 20

    /// A line longer than this is a bad line, skipped without being held whole.
    public var maxLineBytes: Int
    /// An event whose time is further ahead of the watermark than this (milliseconds) is a
    /// bad line instead of moving the watermark (`--max-event-time-skew`); nil: no bound.
    public var maxEventTimeSkew: Int64?

    public init(maxLineBytes: Int = InputLimits.defaultMaxLineBytes, maxEventTimeSkew: Int64? = nil) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxEventTimeSkew = maxEventTimeSkew
    }
}

/// A byte count for people: `64 MiB`, `1,000 bytes`.
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: Int
    public init(_ bytes: Int) { self.bytes = bytes }

    public var description: String {
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes.formatted) byte\(bytes == 1 ? "" : "s")"
    }
}

/// Durations for people: `7,975 years`, `3 h 20 min`, `1.5 s`.
public enum HumanDuration {
    public static func describe(_ milliseconds: Int64) -> String {
        let ms = milliseconds.magnitude
        let year: UInt64 = 31_556_952_000
        if ms >= 2 * year { return "\(((ms + year / 2) / year).formatted) years" }
        if ms >= 2 * 86_400_000 { return "\(((ms + 43_200_000) / 86_400_000).formatted) days" }
        if ms >= 3_600_000 { return "\(ms / 3_600_000) h" + (ms % 3_600_000 >= 60_000 ? " \(ms % 3_600_000 / 60_000) min" : "") }
        if ms >= 60_000 { return "\(ms / 60_000) min" + (ms % 60_000 >= 1000 ? " \(ms % 60_000 / 1000) s" : "") }
        if ms >= 1000 { return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(Double(ms) / 1000) s" }
        return "\(ms) ms"
    }
}

extension BinaryInteger {
    /// The number with thousands separated by commas: `46,414`.
    public var formatted: String {
        let digits = String(self.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return self < 0 ? "-" + result : result
    }
}
