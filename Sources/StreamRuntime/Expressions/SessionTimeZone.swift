import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `table.local-time-zone`: the zone in which a `TIMESTAMP_LTZ` is read and written.
///
/// weir holds a `TIMESTAMP_LTZ` as its wall-clock time in the session's zone, as Flink shows
/// it: a window over it is aligned to local midnights, `CAST(ltz AS STRING)`, `HOUR(ltz)` and
/// `CAST(ltz AS TIMESTAMP)` read that wall clock. Only the functions that cross between
/// instants and wall clocks (`TO_TIMESTAMP_LTZ`, `FROM_UNIXTIME`, `UNIX_TIMESTAMP`,
/// `CONVERT_TZ`, the clock functions) take the zone; the binder passes its id as a last
/// constant argument. Invariant: two instants an hour apart in a daylight-saving overlap share
/// a wall clock, so around such a change their order is the wall clock's, not the instants'
/// (except the watermark's, which `LocalWatermark` keeps in instants as Flink does).
///
/// Zones are read from the system's tz database (`/usr/share/zoneinfo`, Debian's `tzdata`),
/// whose files list every change of offset up to 2037; later instants keep the last offset.
public enum SessionTimeZone {
    /// A zone's changes of offset: from `transitions[i]` (seconds since the epoch) on, the
    /// offset is `offsets[i]` (seconds); before the first, `initial`.
    struct Rules: Sendable {
        var transitions: [Int64] = []
        var offsets: [Int64] = []
        var initial: Int64 = 0

        func offset(atSecond t: Int64) -> Int64 {
            var low = 0, high = transitions.count  // the first transition after t
            while low < high {
                let mid = (low + high) / 2
                if transitions[mid] <= t { low = mid + 1 } else { high = mid }
            }
            return low == 0 ? initial : offsets[low - 1]
        }
    }

    private static let zones = Mutex<[String: Rules]>([:])

    /// Whether weir knows the zone id (`Asia/Shanghai`, `UTC`, `GMT+08:00`, `+08:00`).
    public static func isKnown(_ id: String) -> Bool { rules(id) != nil }

    static func rules(_ id: String) -> Rules? {
        if let known = zones.withLock({ $0[id] }) { return known }
        guard let rules = fixedOffset(id) ?? database(id) else { return nil }
        zones.withLock { $0[id] = rules }
        return rules
    }

    /// Milliseconds to add to an instant to get its wall clock in the zone.
    static func offset(_ id: String, atInstant utc: Int64) -> Int64 {
        guard let rules = rules(id) else { return 0 }
        let second = utc >= 0 ? utc / 1000 : (utc - 999) / 1000
        return rules.offset(atSecond: second) * 1000
    }

    /// The wall-clock time in the zone of the instant `utc` (milliseconds since the epoch).
    public static func local(_ utc: Int64, in id: String) -> Int64 { utc &+ offset(id, atInstant: utc) }

    /// The instant of wall-clock time `local` in the zone, as java.util's lenient calendar
    /// (behind Flink's UNIX_TIMESTAMP and CONVERT_TZ) resolves it: in an overlap the offset
    /// after the change (01:30 on the night clocks go back is the second 01:30), in a gap the
    /// offset before it (02:30 on the night clocks go forward is 03:30). Checked on Flink.
    public static func utc(_ local: Int64, in id: String) -> Int64 {
        let day: Int64 = 86_400_000
        let before = offset(id, atInstant: local &- day)
        let after = offset(id, atInstant: local &+ day)
        if offset(id, atInstant: local &- after) == after { return local &- after }
        if offset(id, atInstant: local &- before) == before { return local &- before }
        return local &- before
    }

    /// `UTC`, `GMT`, `Z`, and offsets as java.time's ZoneId reads them: `+08:00`, `-5`,
    /// `GMT+08:00`, `UTC+8`, `UT-03:30`.
    static func fixedOffset(_ id: String) -> Rules? {
        var rest = Substring(id)
        for prefix in ["UTC", "GMT", "UT"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        if rest.isEmpty { return id == "Z" || id.count >= 2 ? Rules() : nil }
        if id == "Z" { return Rules() }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), let hours = Int64(parts[0]), parts[0].count <= 2, hours <= 18 else { return nil }
        var seconds = hours * 3600
        if parts.count > 1 {
            guard parts[1].count == 2, let minutes = Int64(parts[1]), minutes < 60 else { return nil }
            seconds += minutes * 60
        }
        if parts.count > 2 {
            guard parts[2].count == 2, let s = Int64(parts[2]), s < 60 else { return nil }
            seconds += s
        }
        return Rules(initial: sign == "-" ? -seconds : seconds)
    }

    /// A zone of the tz database: its TZif file's version-2 (64-bit) section.
    static func database(_ id: String) -> Rules? {
        guard !id.isEmpty, !id.hasPrefix("/"), !id.contains(".."), id.allSatisfy({ $0.isLetter || $0.isNumber || "/_-+".contains($0) }),
              let file = fopen("/usr/share/zoneinfo/" + id, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        func count(_ at: Int, _ i: Int) -> Int {
            Int(bytes[at + 20 + 4 * i]) << 24 | Int(bytes[at + 21 + 4 * i]) << 16 | Int(bytes[at + 22 + 4 * i]) << 8 | Int(bytes[at + 23 + 4 * i])
        }
        func signed(_ at: Int, _ width: Int) -> Int64 {
            var v: UInt64 = 0
            for k in 0..<width { v = v << 8 | UInt64(bytes[at + k]) }
            return width == 8 ? Int64(bitPattern: v) : Int64(Int32(bitPattern: UInt32(v)))
        }
        guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else { return nil }
        var header = 0
        var width = 4
        if bytes[4] >= 0x32 {
            // Skip the 32-bit section to the 64-bit one.
            let size = count(0, 3) * 5 + count(0, 4) * 6 + count(0, 5) + count(0, 2) * 8 + count(0, 1) + count(0, 0)
            header = 44 + size
            width = 8
            guard bytes.count >= header + 44 else { return nil }
        }
        let timeCount = count(header, 3), typeCount = count(header, 4)
        let times = header + 44
        let indices = times + timeCount * width
        let types = indices + timeCount
        guard typeCount > 0, bytes.count >= types + typeCount * 6 else { return nil }
        let offsets = (0..<typeCount).map { signed(types + 6 * $0, 4) }
        var rules = Rules()
        // Before the first change: the first standard-time type (as zic and java.time read it).
        rules.initial = (0..<typeCount).first(where: { bytes[types + 6 * $0 + 4] == 0 }).map { offsets[$0] } ?? offsets[0]
        for i in 0..<timeCount {
            let type = Int(bytes[indices + i])
            guard type < typeCount else { return nil }
            rules.transitions.append(signed(times + width * i, width))
            rules.offsets.append(offsets[type])
        }
        return rules
    }
}
