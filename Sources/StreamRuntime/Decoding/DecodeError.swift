import QueryPlanner

/// Why an input line was rejected; `description` is the message after `weir: line N: `.
public enum DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAnObject
    case invalidUTF8
    case malformed(String)
    case typeMismatch(field: String, type: DataType, found: String)
    case missingTime(field: String)
    case unreadableTime(field: String, found: String)
    /// A Debezium change event that cannot be applied: no op, an update without before, …
    case badChangeEvent(String)
    /// Longer than `--max-line-bytes`: skipped without being held whole.
    case lineTooLong(limit: Int)
    /// An event time further ahead of the watermark than `--max-event-time-skew` allows.
    case timeTooFarAhead(field: String, ahead: Int64, limit: Int64)

    public var description: String {
        switch self {
        case .notAnObject: "expected a JSON object"
        case .invalidUTF8: "invalid UTF-8"
        case .malformed(let what): "malformed JSON: \(what)"
        case let .typeMismatch(field, type, found): "field \(field): expected \(type), found \(found)"
        case .missingTime(let field): "missing event time \(field)"
        case let .unreadableTime(field, found): "unreadable event time \(field): \(found)"
        case .badChangeEvent(let why): "bad change event: \(why)"
        case .lineTooLong(let limit): "line longer than \(ByteCount(limit)) (--max-line-bytes)"
        case let .timeTooFarAhead(field, ahead, limit):
            "event time \(field) is \(HumanDuration.describe(ahead)) ahead of the watermark, more than --max-event-time-skew \(HumanDuration.describe(limit))"
        }
    }
}
