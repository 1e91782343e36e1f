import QueryPlanner

/// How Flink's functions read text as a time, each through the Java class Flink 2.3 calls, so
/// that odd text gives what Flink gives (all checked with Flink on the same strings):
///
/// - `TO_TIMESTAMP(text)`: Flink's default formatter, `yyyy-M-d[ HH:mm:ss[.fraction]]`, resolved
///   SMART (a day past the month's end is its last day; 24:00:00 is the next midnight).
/// - `TO_TIMESTAMP(text, format)`: a `DateTimeFormatter` of the format, SMART, and when that
///   fails `java.sql.Timestamp.valueOf` (text with a space) or `java.sql.Date.valueOf`, both
///   lenient (2023-02-29 is March 1st, 25:00 the next day's 01:00).
/// - `UNIX_TIMESTAMP(text [, format])`, `DATE_FORMAT(text, …)`, `TO_DATE(text, format)`: a
///   lenient `SimpleDateFormat`: fields roll over, a field not followed by another takes every
///   digit there, spaces before a number are skipped, text after the pattern is ignored.
/// - `TO_DATE(text)`: Flink's `parseDate`: text after a space ignored, each part an integer,
///   an impossible date NULL.
///
/// Every function answers milliseconds since the epoch (UTC), or nil where Flink has no time.
enum JavaTimeParsing {
    private static let day: Int64 = 86_400_000

    /// Fields carried over as `java.util.Calendar` does when lenient.
    static func lenient(year: Int, month: Int, day dayOfMonth: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) -> Int64 {
        let months = year * 12 + (month - 1)
        let (y, m) = (months >= 0 ? months / 12 : (months - 11) / 12, (months % 12 + 12) % 12 + 1)
        let days = Int64(Timestamp.days(year: y, month: m, day: 1)) + Int64(dayOfMonth - 1)
        return days * day + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }

    /// SMART resolution: month and day in range (a day up to 31 clamped to the month's last),
    /// hours 0–23 or exactly 24:00:00.
    static func smart(year: Int, month: Int, day dayOfMonth: Int, hour: Int, minute: Int, second: Int, millisecond: Int) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(dayOfMonth), minute < 60, second < 60 else { return nil }
        let clamped = min(dayOfMonth, Timestamp.daysIn(month: month, year: year))
        let midnight = Int64(Timestamp.days(year: year, month: month, day: clamped)) * day
        if hour == 24, minute == 0, second == 0, millisecond == 0 { return midnight + day }
        guard hour < 24 else { return nil }
        return midnight + Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }

    /// The milliseconds of a fraction's digits (nanoseconds beyond are dropped).
    private static func millis(_ fraction: Substring) -> Int {
        let digits = fraction.prefix(3)
        return (Int(digits) ?? 0) * [100, 10, 1][max(0, digits.count - 1)]
    }

    /// Flink's `TO_TIMESTAMP(text)`.
    static func defaultTimestamp(_ text: String) -> Int64? {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count >= 4, (1...2).contains(date[1].count), (1...2).contains(date[2].count),
              date.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let year = Int(date[0]), let month = Int(date[1]), let dayOfMonth = Int(date[2])
        else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0
        if parts.count == 2 {
            let time = parts[1]
            let (clock, fraction) = time.firstIndex(of: ".").map { (time[..<$0], time[time.index(after: $0)...]) } ?? (time, nil)
            let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, fields.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
                  (fraction ?? "").count <= 9, (fraction ?? "").allSatisfy(\.isASCIIDigit) else { return nil }
            hour = Int(fields[0])!
            minute = Int(fields[1])!
            second = Int(fields[2])!
            millisecond = fraction.map(millis) ?? 0
        }
        return smart(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second, millisecond: millisecond)
    }

    /// `java.sql.Timestamp.valueOf` for text with a space, `java.sql.Date.valueOf` without.
    static func sqlValueOf(_ raw: String) -> Int64? {
        let text = raw.trimmingSpaces()
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, (1...2).contains(date[1].count), (1...2).contains(date[2].count),
              let year = Int(date[0]), let month = Int(date[1]), let dayOfMonth = Int(date[2]),
              (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        guard parts.count == 2 else { return lenient(year: year, month: month, day: dayOfMonth) }
        let time = parts[1]
        let (clock, fraction) = time.firstIndex(of: ".").map { (time[..<$0], time[time.index(after: $0)...]) } ?? (time, nil)
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[2].isEmpty, let hour = Int(fields[0]), let minute = Int(fields[1]), let second = Int(fields[2]) else { return nil }
        if let fraction { guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit) else { return nil } }
        return lenient(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second, millisecond: fraction.map(millis) ?? 0)
    }

    /// `TO_TIMESTAMP(text, format)`.
    static func withFormat(_ text: String, _ pattern: String) -> Int64? {
        if let fields = read(text, pattern, lenient: false),
           let t = smart(year: fields["y"] ?? 1970, month: fields["M"] ?? 1, day: fields["d"] ?? 1, hour: fields["H"] ?? 0,
                         minute: fields["m"] ?? 0, second: fields["s"] ?? 0, millisecond: fields["S"] ?? 0) {
            return t
        }
        return sqlValueOf(text)
    }

    /// A lenient `SimpleDateFormat.parse`.
    static func simpleDateFormat(_ text: String, _ pattern: String) -> Int64? {
        simpleDateFormatZoned(text, pattern)?.millis
    }

    /// `simpleDateFormat`, and whether the text gave its own offset from UTC (`X`, `Z`): then
    /// the result is the instant, which no session time zone moves.
    static func simpleDateFormatZoned(_ text: String, _ pattern: String) -> (millis: Int64, zoned: Bool)? {
        guard let fields = read(text, pattern, lenient: true) else { return nil }
        let local = lenient(year: fields["y"] ?? 1970, month: fields["M"] ?? 1, day: fields["d"] ?? 1, hour: fields["H"] ?? 0,
                            minute: fields["m"] ?? 0, second: fields["s"] ?? 0, millisecond: fields["S"] ?? 0)
        guard let offset = fields["X"] else { return (local, false) }
        return (local - Int64(offset) * 60_000, true)
    }

    /// Flink's `parseDate`, for `TO_DATE(text)`: midnight of the date.
    static func parseDate(_ raw: String) -> Int64? {
        var text = Substring(raw)
        if let space = text.firstIndex(of: " "), space > text.startIndex { text = text[..<space] }
        func integer(_ part: Substring) -> Int? { Int32(part.trimmingSpaces()).map(Int.init) }
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        // A signed year is not a date (checked on Flink: '+2024-01-01' is NULL).
        guard parts[0].trimmingSpaces().first != "+", let year = integer(parts[0]) else { return nil }
        let month = parts.count > 1 ? integer(parts[1]) : 1
        let dayOfMonth = parts.count > 2 ? integer(parts[2]) : 1
        guard let month, let dayOfMonth, (0...9999).contains(year), (1...12).contains(month),
              dayOfMonth >= 1, dayOfMonth <= Timestamp.daysIn(month: month, year: year) else { return nil }
        return Int64(Timestamp.days(year: year, month: month, day: dayOfMonth)) * day
    }

    /// The numeric fields of `text` read by `pattern` (y M d H m s S and quoted literals).
    /// Strict: each field exactly as wide as its letters (the last takes what is left) and
    /// nothing after. Lenient (SimpleDateFormat): spaces before a number skipped, a field not
    /// followed by another takes every digit, text after the pattern ignored.
    private static func read(_ text: String, _ pattern: String, lenient: Bool) -> [Character: Int]? {
        var fields: [Character: Int] = [:]
        let input = Array(text), format = Array(pattern)
        var i = 0, p = 0
        while p < format.count {
            let c = format[p]
            if c == "'" {
                p += 1
                if p < format.count, format[p] == "'" {
                    guard i < input.count, input[i] == "'" else { return nil }
                    i += 1; p += 1
                    continue
                }
                while p < format.count, format[p] != "'" {
                    guard i < input.count, input[i] == format[p] else { return nil }
                    i += 1; p += 1
                }
                p += 1
                continue
            }
            guard c.isLetter else {
                guard i < input.count, input[i] == c else { return nil }
                i += 1; p += 1
                continue
            }
            if lenient, c == "X" || c == "Z" {
                // A zone offset, as SimpleDateFormat reads it: X (ISO 8601) `Z`, `+08`, `+0800`
                // or `+08:00`; Z (RFC 822) `+0800`. Kept in minutes under "X".
                while p < format.count, format[p] == c { p += 1 }
                guard i < input.count else { return nil }
                if c == "X", input[i] == "Z" {
                    fields["X"] = 0
                    i += 1
                    continue
                }
                guard input[i] == "+" || input[i] == "-" else { return nil }
                let sign = input[i] == "-" ? -1 : 1
                i += 1
                func twoDigits() -> Int? {
                    guard i + 2 <= input.count, input[i].isASCIIDigit, input[i + 1].isASCIIDigit else { return nil }
                    defer { i += 2 }
                    return Int(String(input[i..<(i + 2)]))
                }
                guard let hours = twoDigits() else { return nil }
                if i < input.count, input[i] == ":" { i += 1 }
                let minutes = twoDigits() ?? 0
                fields["X"] = sign * (hours * 60 + minutes)
                continue
            }
            guard "yMdHmsS".contains(c) else { return nil }
            var width = 0
            while p < format.count, format[p] == c { width += 1; p += 1 }
            if lenient { while i < input.count, input[i] == " " || input[i] == "\t" { i += 1 } }
            let abutting = p < format.count && format[p].isLetter
            if lenient {
                // As SimpleDateFormat's DecimalFormat reads a number: a sign, then digits up to the
                // first other character; a field followed by another reads at most its width of
                // characters (`yyyyMMdd` reads '2024-3-5' as 2024, -3, -5, counted from January).
                let limit = abutting ? min(input.count, i + width) : input.count
                var end = i
                let negative = end < limit && input[end] == "-"
                if negative { end += 1 }
                let first = end
                while end < limit, input[end].isASCIIDigit { end += 1 }
                guard end > first, let magnitude = Int(String(input[first..<end])) else { return nil }
                fields[c] = negative ? -magnitude : magnitude
                i = end
                continue
            }
            let take = p >= format.count ? max(width, input.count - i) : width
            guard take > 0, i + take <= input.count else { return nil }
            let digits = input[i..<(i + take)]
            guard digits.allSatisfy(\.isASCIIDigit), let value = Int(String(digits)) else { return nil }
            // SimpleDateFormat reads S as a count of milliseconds; a DateTimeFormatter as a fraction.
            fields[c] = c == "S" && !lenient ? millis(Substring(String(digits))) : value
            i += take
        }
        guard lenient || i == input.count else { return nil }
        return fields
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return s
    }
}
