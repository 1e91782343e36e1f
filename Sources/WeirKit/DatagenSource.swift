import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flink's `datagen` connector: made-up rows, as NDJSON lines the table's decoder reads like
/// any other input. A sequence field counts from its start to its end (the source ends after
/// the shortest); a random one is uniform in its range, hex text of its length, or a time up to
/// `max-past` before now, NULL at its null rate (random values are not Flink's: Flink's are
/// random too). At most `rows-per-second` rows leave each second, as Flink paces them.
final class DatagenSource: ByteSource {
    let spec: DatagenSpec

    init(spec: DatagenSpec) {
        self.spec = spec
    }

    func forEachChunk(_ body: (UnsafeRawBufferPointer) -> Bool, idle: (Int64) -> Bool) throws {
        let reader = Generator(spec)
        while let bytes = reader.next(upTo: 1 << 16) {
            guard bytes.withUnsafeBytes({ body($0) }) else { return }
        }
    }

    func pullReader() -> PullReader { Generator(spec) }

    private final class Generator: PullReader {
        let spec: DatagenSpec
        let total: Int64?
        var made: Int64 = 0
        var random: SystemRandomNumberGenerator
        let started: Int64
        /// The field names, JSON-quoted with their colon, written once.
        let keys: [[UInt8]]

        init(_ spec: DatagenSpec) {
            self.spec = spec
            total = spec.count
            random = SystemRandomNumberGenerator()
            started = Self.clock(CLOCK_MONOTONIC)
            keys = spec.fields.enumerated().map { index, field in
                var key: [UInt8] = [UInt8(ascii: index == 0 ? "{" : ",")]
                JSONText.appendString(field.name, to: &key)
                return key + [UInt8(ascii: ":")]
            }
        }

        /// The wall clock (the values of times), in milliseconds.
        static func milliseconds() -> Int64 { clock(CLOCK_REALTIME) }

        static func clock(_ id: clockid_t) -> Int64 {
            var now = timespec()
            clock_gettime(id, &now)
            return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
        }

        func next(upTo limit: Int) -> [UInt8]? {
            var out: [UInt8] = []
            while out.count < limit / 2 {
                if let total, made >= total { break }
                // Paced on the monotonic clock: the rows allowed so far, one more each 1/rate
                // of a second (a wait is at most a tenth of a second, so a stop is seen soon).
                let elapsed = Self.clock(CLOCK_MONOTONIC) - started
                let allowed = elapsed.multipliedReportingOverflow(by: spec.rowsPerSecond).overflow ? Int64.max : elapsed * spec.rowsPerSecond / 1000 + 1
                if made >= allowed {
                    guard out.isEmpty else { break }
                    usleep(UInt32(max(1, min(100_000, 1_000_000 / spec.rowsPerSecond))))
                    continue
                }
                appendRow(to: &out)
                made += 1
            }
            return out.isEmpty ? nil : out
        }

        private func appendRow(to out: inout [UInt8]) {
            for (index, field) in spec.fields.enumerated() {
                out += keys[index]
                out += Array(value(field).utf8)
            }
            out += spec.fields.isEmpty ? Array("{}\n".utf8) : Array("}\n".utf8)
        }

        private func value(_ field: DatagenSpec.Field) -> String {
            switch field.kind {
            case let .sequence(start, _):
                let n = start + made
                return field.type == .string ? "\"\(n)\"" : "\(n)"
            case let .random(min, max, length, maxPast, nullRate):
                if nullRate > 0, Double.random(in: 0..<1, using: &random) < nullRate { return "null" }
                switch field.type {
                case .boolean:
                    return Bool.random(using: &random) ? "true" : "false"
                case .tinyint, .smallint, .int, .bigint:
                    let (low, high): (Int64, Int64) = switch field.type {
                    case .tinyint: (Int64(Int8.min), Int64(Int8.max))
                    case .smallint: (Int64(Int16.min), Int64(Int16.max))
                    case .int: (Int64(Int32.min), Int64(Int32.max))
                    default: (Int64.min, Int64.max)
                    }
                    // (Catalog checked the bounds fit the type, min <= max.)
                    let from = min.map { Int64($0.rounded(.up)) } ?? low, to = max.map { Int64($0.rounded(.down)) } ?? high
                    return from <= to ? "\(Int64.random(in: from...to, using: &random))" : "\(from)"
                case .float, .double:
                    // Flink's defaults: from the smallest positive value to the largest.
                    let limit = field.type == .float ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
                    let from = min ?? Double.leastNonzeroMagnitude, to = max ?? limit
                    // Between the two without computing their (maybe infinite) difference.
                    let t = Double.random(in: 0...1, using: &random)
                    return "\(Swift.min(to, from - t * from + t * to))"
                case let .decimal(precision, scale):
                    // Within the type (and 18 digits), at its scale.
                    let digits = Swift.min(precision, 18), places = Swift.min(scale, digits)
                    var top = 1.0, factor: Int64 = 1
                    for _ in 0..<(digits - places) { top *= 10 }
                    for _ in 0..<places { factor *= 10 }
                    let from = min ?? 0, to = max ?? (top - 1)
                    let t = Double.random(in: 0...1, using: &random)
                    let x = Swift.min(to, from - t * from + t * to)
                    let units = Int64((x * Double(factor)).rounded())
                    guard places > 0 else { return "\(units)" }
                    let fraction = String(units.magnitude % UInt64(factor))
                    return (units < 0 ? "-" : "") + "\(units.magnitude / UInt64(factor))." + String(repeating: "0", count: places - fraction.count) + fraction
                case .string:
                    let digits = Array("0123456789abcdef".utf8)
                    return "\"" + String(decoding: (0..<length).map { _ in digits[Int.random(in: 0..<16, using: &random)] }, as: UTF8.self) + "\""
                case .timestamp, .timestampLtz:
                    let past = maxPast > 0 ? Int64.random(in: 0...maxPast, using: &random) : 0
                    return "\"" + Timestamp.format(Self.milliseconds() - past) + "\""
                case .date:
                    return "\"" + String(Timestamp.format(Self.milliseconds()).prefix(10)) + "\""
                case .time:
                    let now = Self.milliseconds()
                    return "\"" + Timestamp.formatTime(now - ((now % 1000) + 1000) % 1000) + "\""
                default:
                    return "null"
                }
            }
        }
    }
}
