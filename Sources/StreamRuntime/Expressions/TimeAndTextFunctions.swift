import QueryPlanner
import Synchronization

/// Flink's temporal functions on `TIMESTAMP(3)` (UTC, no zone: epoch milliseconds) and a few
/// string functions, with Flink's results: NULL in, NULL out; NULL for what Flink returns
/// NULL for (no regular-expression match, an index past the end).
enum TimeAndTextFunctions {
    static let day: Int64 = 86_400_000

    /// The calendar fields of a timestamp.
    struct Fields {
        var year: Int, month: Int, day: Int
        var hour: Int, minute: Int, second: Int, millisecond: Int
        var days: Int64
    }

    /// The calendar fields of `t`; `truncating`, split into days and time of day by Java's
    /// truncating division, as Flink 2.3's EXTRACT splits it (before 1970 that reads the day
    /// after and a negative time of day: `TIMESTAMP '1969-12-31 23:59:59'` is hour 0 of
    /// 1970-01-01, `TO_TIMESTAMP_LTZ(-1, 0)` second -1; case `w_extract_before_1970`).
    static func fields(_ t: Int64, truncating: Bool = false) -> Fields {
        let days = t >= 0 || truncating ? t / day : (t - day + 1) / day
        let ms = t - days * day
        let (y, m, d) = Timestamp.civil(days: Int(days))
        return Fields(year: y, month: m, day: d, hour: Int(ms / 3_600_000), minute: Int(ms / 60_000 % 60),
                      second: Int(ms / 1000 % 60), millisecond: Int(ms % 1000), days: days)
    }

    /// A field of an undeclared stream is typed by its JSON value: a time there is a string,
    /// read as a timestamp where one is expected.
    static func time(_ value: Value) -> Value {
        if case .string(let s) = value, let t = Timestamp.parse(s) { return .timestamp(t) }
        if case .int(let ms) = value { return .timestamp(ms) }
        return value
    }

    static func call(_ function: ScalarFunction, _ rawArguments: [Value]) -> Value {
        var args = rawArguments
        switch function {
        case .extract, .timestampAdd: args[args.count - 1] = time(args[args.count - 1])
        case .floorTime, .ceilTime, .dateFormat: args[0] = time(args[0])
        case .timestampDiff: args[1] = time(args[1]); args[2] = time(args[2])
        default: break
        }
        switch function {
        case .extract:
            guard case .string(let unit) = args[0], case .timestamp(let t) = args[1] else { return .null }
            return extract(unit, t).map { .int($0) } ?? .null
        case .floorTime, .ceilTime:
            guard case .timestamp(let t) = args[0], case .string(let unit) = args[1] else { return .null }
            func rounded(_ t: Int64) -> Int64 {
                if ["WEEK", "MONTH", "QUARTER", "YEAR", "DECADE", "CENTURY", "MILLENNIUM"].contains(unit) {
                    return calendarRound(unit, t, floor: function == .floorTime)
                }
                let floor = floorTo(unit, t)
                return function == .floorTime || floor == t ? floor : add(unit, 1, to: floor)
            }
            if args.count == 3, case .string("TOWARD_ZERO") = args[2] {
                // A CAST to fewer fractional digits: Flink divides the milliseconds, toward 1970.
                let size: Int64 = unit == "SECOND" ? 1000 : unit == "DECISECOND" ? 100 : 10
                return .timestamp(t / size * size)
            }
            if args.count == 3, case .string("DATE") = args[2] {
                // A DATE's CEIL to DAY is the next day, even from its own midnight (Flink's).
                return .timestamp(function == .ceilTime && unit == "DAY" ? floorTo("DAY", t) + day : rounded(t))
            }
            if args.count == 3, case .string(let zone) = args[2] {
                // A TIMESTAMP_LTZ (held as the zone's wall clock): Flink rounds the wall clock and
                // takes off the offset of the instant it rounded, so across a daylight-saving
                // change the result is an hour from the rounded wall clock (the day of
                // 2024-03-10 10:00 in Los Angeles is 2024-03-09 23:00).
                let offset = t &- SessionTimeZone.utc(t, in: zone)
                return .timestamp(SessionTimeZone.local(rounded(t) &- offset, in: zone))
            }
            return .timestamp(rounded(t))
        case .timestampDiff:
            guard case .string(let unit) = args[0], case .timestamp(let a) = args[1], case .timestamp(let b) = args[2] else { return .null }
            return .int(Int64(Int32(truncatingIfNeeded: difference(unit, a, b))))
        case .timestampAdd:
            guard case .string(let unit) = args[0], case .int(let n) = args[1], case .timestamp(let t) = args[2] else { return .null }
            return .timestamp(add(unit, Int(n), to: t))
        case .dateFormat:
            if args.count == 3, case .string(let text) = rawArguments[0], case .string(let pattern) = args[1] {
                // DATE_FORMAT of text reads it as 'yyyy-MM-dd HH:mm:ss', leniently, as Flink.
                return JavaTimeParsing.simpleDateFormat(text, "yyyy-MM-dd HH:mm:ss").map { .string(format($0, pattern)) } ?? .null
            }
            guard case .timestamp(let t) = args[0], case .string(let pattern) = args[1] else { return .null }
            return .string(format(t, pattern))
        case .regexpExtract:
            guard case .string(let s) = args[0], case .string(let pattern) = args[1], case .int(let index) = args[2] else { return .null }
            return regexpExtract(s, pattern, Int(index))
        case .regexpExtractAll:
            // Every match's group, in order (a group that took no part is a NULL element).
            guard case .string(let s) = args[0], case .string(let pattern) = args[1], case .int(let index) = args[2],
                  let regex = compiled(pattern), index >= 0, index <= groupCount(pattern) else { return .null }
            var items: [Value] = []
            for match in s.matches(of: regex) {
                guard index < match.output.count else { return .null }
                items.append(match.output[Int(index)].substring.map { .string(String($0)) } ?? .null)
            }
            return CollectionFunctions.text(of: items, .string)
        case .jsonValue:
            guard case .string(let text) = args[0], case .string(let path) = args[1], let steps = JsonValue.steps(path) else { return .null }
            return JsonValue.evaluate(text, steps)
        case .jsonValueAs:
            guard case .string(let text) = args[0], case .string(let path) = args[1], case .int(let tag) = args[2] else { return .null }
            guard let steps = JsonValue.steps(path), let value = JsonValue.evaluate(text, steps, as: tag) else { return args[3] }
            return value
        case .parseUrl:
            guard case .string(let url) = args[0], case .string(let part) = args[1] else { return .null }
            var key: String?
            if args.count > 2 {
                guard case .string(let k) = args[2] else { return .null }
                key = k
            }
            return parseURL(url, part, key: key).map { .string($0) } ?? .null
        case .jsonQuery where args.count == 6:
            // RETURNING ARRAY<STRING>: the array found, each element as text (a string as
            // itself, a number or boolean as written, an object or array as its JSON, null as
            // NULL); anything else takes the ON ERROR behaviour (checked on Flink).
            let found = call(function, Array(args.prefix(5)))
            guard case .string(let json) = found, case .array(let items)? = CollectionFunctions.node(json) else {
                if case .string("EMPTY ARRAY") = args[4] { return .string("[]") }
                return .null
            }
            let texts: [Value] = items.map { item in
                switch item {
                case .null: return .null
                case .scalar(let s), .text(let s): return .string(s)
                case .array, .object:
                    var out: [UInt8] = []
                    NestedText.json(item, to: &out)
                    return .string(String(decoding: out, as: UTF8.self))
                }
            }
            return CollectionFunctions.text(of: texts, .string)
        case .jsonQuery:
            guard case .string(let text) = args[0], case .string(let path) = args[1] else { return .null }
            if path.contains("*"), let steps = JsonValue.indefiniteSteps(path) {
                var wrapper = "WITHOUT", onError = "NULL"
                if args.count == 5, case .string(let w) = args[2], case .string(let e) = args[4] { (wrapper, onError) = (w, e) }
                let lax = path.drop(while: { $0 == " " }).hasPrefix("lax")
                return JsonValue.queryIndefinite(text, steps, lax: lax, wrapper: wrapper, onError: onError)
            }
            if args.count == 5, case .string(let wrapper) = args[2], case .string(let onError) = args[4] {
                return JsonValue.query(text, path, wrapper: wrapper, onError: onError)
            }
            guard let steps = JsonValue.steps(path) else { return .null }
            return JsonValue.query(text, steps)
        case .jsonExists:
            guard case .string(let text) = args[0], case .string(let path) = args[1] else { return .null }
            if path.contains("*"), let steps = JsonValue.indefiniteSteps(path) {
                guard let found = JsonValue.existsIndefinite(text, steps) else {
                    guard args.count == 3, case .string(let onError) = args[2] else { return .bool(false) }
                    return onError == "TRUE" ? .bool(true) : onError == "FALSE" || onError == "ERROR" ? .bool(false) : .null
                }
                return .bool(found)
            }
            if args.count == 3, case .string(let onError) = args[2] {
                // Text that is not JSON, or a strict path that finds nothing, is an error.
                let error: Value = onError == "TRUE" ? .bool(true) : onError == "FALSE" || onError == "ERROR" ? .bool(false) : .null
                guard let steps = JsonValue.steps(path), CollectionFunctions.node(text) != nil else { return error }
                let found = JsonValue.exists(text, steps)
                if !found, path.drop(while: { $0 == " " }).hasPrefix("strict"), JsonValue.node(text, steps) == nil { return error }
                return .bool(found)
            }
            guard let steps = JsonValue.steps(path) else { return .bool(false) }
            return .bool(JsonValue.exists(text, steps))
        case .splitIndex:
            guard case .string(let s) = args[0], case .string(let separator) = args[1], case .int(let index) = args[2],
                  index >= 0, !s.isEmpty else { return .null }  // '' has no parts in Flink
            // Code points, not Swift's characters (a combining accent is a separator of its
            // own); an empty separator splits at whitespace, as commons-lang's
            // splitByWholeSeparatorPreserveAllTokens that Flink calls.
            let text = Array(s.unicodeScalars)
            var parts: [ArraySlice<Unicode.Scalar>] = []
            if separator.isEmpty {
                parts = text.split(omittingEmptySubsequences: false) { $0.properties.isWhitespace }
            } else {
                let sep = Array(separator.unicodeScalars)
                var start = 0, i = 0
                while i + sep.count <= text.count {
                    if text[i..<(i + sep.count)].elementsEqual(sep) {
                        parts.append(text[start..<i])
                        i += sep.count
                        start = i
                    } else {
                        i += 1
                    }
                }
                parts.append(text[start...])
            }
            return index < parts.count ? .string(String(String.UnicodeScalarView(parts[Int(index)]))) : .null
        case .initcap:
            guard case .string(let s) = args[0] else { return .null }
            // Calcite's INITCAP, which Flink runs: words are runs of ASCII letters and digits,
            // each starting upper case, the rest lower; any other character, é included, ends
            // a word (checked: 'héllo wörld' is 'HéLlo WöRld').
            var out = String.UnicodeScalarView()
            var start = true
            for c in s.unicodeScalars {
                let v = c.value
                let digit = v >= 48 && v <= 57, upper = v >= 65 && v <= 90, lower = v >= 97 && v <= 122
                if digit || upper || lower {
                    let flipped = Unicode.Scalar(start ? (lower ? v - 32 : v) : (upper ? v + 32 : v))!
                    out.append(flipped)
                    start = false
                } else {
                    out.append(c)
                    start = true
                }
            }
            return .string(String(out))
        case .reverse:
            guard case .string(let s) = args[0] else { return .null }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))  // code points, as Flink
        case .md5, .sha1, .sha224, .sha256, .sha384, .sha512, .sha2:
            guard case .string(let s) = args[0] else { return .null }
            let bytes = Array(s.utf8)
            var kind = function
            if function == .sha2 {
                guard case .int(let bits) = args[1] else { return .null }
                switch bits {
                case 224: kind = .sha224
                case 256: kind = .sha256
                case 384: kind = .sha384
                case 512: kind = .sha512
                default: return .null  // Flink fails the job (no MessageDigest "SHA-7")
                }
            }
            let digest: [UInt8] = switch kind {
            case .md5: Digests.md5(bytes)
            case .sha1: Digests.sha1(bytes)
            case .sha224: Digests.sha224(bytes)
            case .sha384: Digests.sha384(bytes)
            case .sha512: Digests.sha512(bytes)
            default: Digests.sha256(bytes)
            }
            return .string(Digests.hex(digest))
        case .left, .right, .repeatText:
            guard case .string(let s) = args[0], case .int(let n) = args[1] else { return .null }
            guard n > 0 else { return .string("") }
            switch function {
            case .left: return .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(Int(n)))))
            case .right: return .string(String(String.UnicodeScalarView(s.unicodeScalars.suffix(Int(n)))))
            default: return .string(String(repeating: s, count: Int(min(n, 1 << 20))))
            }
        case .locate:
            guard case .string(let needle) = args[0], case .string(let haystack) = args[1], case .int(let from) = args[2] else { return .null }
            // Code points; a start below 1 searches from the first (checked on Flink: LOCATE('l', 'hello', 0) is 3).
            let characters = Array(haystack.unicodeScalars), target = Array(needle.unicodeScalars)
            if target.isEmpty { return .int(1) }  // wherever it starts (case e_locate_far)
            guard Int(max(1, from)) <= characters.count + 1 else { return .int(0) }
            var i = Int(max(1, from)) - 1
            while i + target.count <= characters.count {
                if Array(characters[i..<(i + target.count)]) == target { return .int(Int64(i + 1)) }
                i += 1
            }
            return .int(0)
        case .similarTo:
            // SQL's regular expressions: % any run, _ any one character, the rest of the
            // regex syntax as in Java; the whole text must match (Calcite's sqlToRegexSimilar).
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else { return .null }
            var escape: Character?
            if args.count > 2 {
                guard case .string(let e) = args[2], e.count == 1 else { return .null }
                escape = e.first
            }
            // `%` takes line breaks too, `_` and a pattern's own `.` do not (checked on Flink:
            // 'line1\nline2' SIMILAR TO '%[0-9]+%' is true, 'a\nb' SIMILAR TO 'a_b' false).
            var regex = "^(?:"
            var escaped = false
            for c in pattern {
                if escaped {
                    regex += "\\" + String(c)
                    escaped = false
                } else if let escape, c == escape {
                    escaped = true
                } else if c == "%" {
                    regex += "(?s:.*)"
                } else if c == "_" {
                    regex += "."
                } else if "^$\\".contains(c) {
                    regex += "\\" + String(c)
                } else {
                    regex.append(c)
                }
            }
            guard !escaped, let compiledRegex = compiled(regex + ")$") else { return .null }
            return .bool((try? compiledRegex.wholeMatch(in: s)) != nil)
        case .regexp:
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else { return .null }
            // An empty pattern, or one that does not compile, matches nothing (Flink's regExp).
            if pattern.isEmpty { return .bool(false) }
            guard let regex = compiled(pattern) else { return .bool(false) }
            return .bool((try? regex.firstMatch(in: s)) != nil)
        case .regexpReplace:
            guard case .string(let s) = args[0], case .string(let pattern) = args[1], case .string(let replacement) = args[2],
                  let regex = compiled(pattern) else { return .null }
            // Flink quotes the replacement (Matcher.quoteReplacement): `$1` is text, not a group.
            // An empty pattern matches between Java's UTF-16 units, as REPLACE's empty target.
            if pattern.isEmpty { return .string(replacement + JavaText.units(s).map { $0 + replacement }.joined()) }
            return .string(s.replacing(regex) { _ in replacement })
        case .fromUnixtime:
            guard case .int(let seconds) = args[0], case .string(let pattern) = args[1] else { return .null }
            if args.count > 2, case .string(let zone) = args[2] { return .string(format(SessionTimeZone.local(seconds &* 1000, in: zone), pattern)) }
            return .string(format(seconds &* 1000, pattern))
        case .toTimestamp:
            guard case .string(let s) = args[0] else { return .null }
            if args.count == 1 { return JavaTimeParsing.defaultTimestamp(s).map { .timestamp($0) } ?? .null }
            guard case .string(let pattern) = args[1], let t = JavaTimeParsing.withFormat(s, pattern) else { return .null }
            return .timestamp(t)
        case .unixTimestamp:
            // Text that does not parse gives Long.MIN_VALUE, not NULL, as in Flink.
            guard case .string(let s) = args[0], case .string(let pattern) = args[1] else { return .null }
            guard let (parsed, zoned) = JavaTimeParsing.simpleDateFormatZoned(s, pattern) else { return .int(.min) }
            var t = parsed
            if !zoned, args.count > 2, case .string(let zone) = args[2] { t = SessionTimeZone.utc(t, in: zone) }
            return .int(t >= 0 ? t / 1000 : (t - 999) / 1000)
        case .lpad, .rpad:
            // An empty pad is NULL whatever the length, as in Flink (checked: LPAD('abc', 2, '')).
            guard case .string(let s) = args[0], case .int(let length) = args[1], case .string(let pad) = args[2], length >= 0, !pad.isEmpty else { return .null }
            if args.count > 3 {
                // CAST to CHAR(n): cut or padded to n code points (checked: '😀x' as CHAR(3) is '😀x ').
                let count = s.unicodeScalars.count
                if count >= length { return .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(Int(length))))) }
                return .string(s + String(repeating: pad, count: Int(length) - count))
            }
            // UTF-16 units, as Flink's lpad and rpad count Java's chars (checked: a pair split
            // by the length is written with '?' for its half).
            let characters = Array(s.utf16)
            if characters.count >= length { return .string(javaString(Array(characters.prefix(Int(length))))) }
            let padding = Array(pad.utf16)
            let filler = (0..<(Int(length) - characters.count)).map { padding[$0 % padding.count] }
            return .string(javaString(function == .lpad ? filler + characters : characters + filler))
        default:
            return .null
        }
    }

    static func extract(_ unit: String, _ t: Int64) -> Int64? {
        let f = fields(t, truncating: true)
        switch unit {
        case "YEAR": return Int64(f.year)
        case "QUARTER": return Int64((f.month - 1) / 3 + 1)
        case "MONTH": return Int64(f.month)
        case "DAY", "DAYOFMONTH": return Int64(f.day)
        case "HOUR": return Int64(f.hour)
        case "MINUTE": return Int64(f.minute)
        case "SECOND": return Int64(f.second)
        case "MILLISECOND": return Int64(f.millisecond)
        // The fraction of the second only, as MILLISECOND (checked with Flink: 59.999 s is 999000).
        case "MICROSECOND": return Int64(f.millisecond) * 1000
        case "NANOSECOND": return Int64(f.millisecond) * 1_000_000
        case "EPOCH": return t / 1000  // toward zero, as Flink's division of the milliseconds
        case "DECADE": return Int64(f.year >= 0 ? f.year / 10 : (f.year - 9) / 10)
        case "CENTURY": return Int64(f.year > 0 ? (f.year + 99) / 100 : -((99 - f.year) / 100))
        case "MILLENNIUM": return Int64(f.year > 0 ? (f.year + 999) / 1000 : -((999 - f.year) / 1000))
        case "ISODOW": return ((f.days + 3) % 7 + 7) % 7 + 1  // Monday 1 … Sunday 7
        case "ISOYEAR":
            // The year of the week's Thursday (ISO 8601 weeks start on Monday).
            let weekday = ((f.days + 3) % 7 + 7) % 7
            return Int64(Timestamp.civil(days: Int(f.days - weekday + 3)).year)
        case "DOY", "DAYOFYEAR": return f.days - Int64(Timestamp.days(year: f.year, month: 1, day: 1)) + 1
        case "DOW", "DAYOFWEEK":
            // 1 for Sunday … 7 for Saturday; 1970-01-01 was a Thursday.
            return ((f.days + 4) % 7 + 7) % 7 + 1
        case "WEEK":
            // ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday.
            let weekday = ((f.days + 3) % 7 + 7) % 7  // Monday 0
            let thursday = f.days - weekday + 3
            let year = Timestamp.civil(days: Int(thursday)).year
            return (thursday - Int64(Timestamp.days(year: year, month: 1, day: 1))) / 7 + 1
        default: return nil
        }
    }

    static func floorTo(_ unit: String, _ t: Int64) -> Int64 {
        func truncate(_ size: Int64) -> Int64 { t >= 0 ? t / size * size : (t - size + 1) / size * size }
        let f = fields(t)
        switch unit {
        case "MILLISECOND": return t
        case "CENTISECOND": return truncate(10)
        case "DECISECOND": return truncate(100)
        case "SECOND": return truncate(1000)
        case "MINUTE": return truncate(60_000)
        case "HOUR": return truncate(3_600_000)
        case "DAY": return truncate(day)
        case "WEEK":
            // Calcite's weeks start on Sunday.
            let weekday = ((f.days + 4) % 7 + 7) % 7
            return (f.days - weekday) * day
        case "MONTH": return Int64(Timestamp.days(year: f.year, month: f.month, day: 1)) * day
        case "QUARTER": return Int64(Timestamp.days(year: f.year, month: (f.month - 1) / 3 * 3 + 1, day: 1)) * day
        case "YEAR": return Int64(Timestamp.days(year: f.year, month: 1, day: 1)) * day
        default: return t
        }
    }

    /// FLOOR and CEIL to WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY or MILLENNIUM as Flink
    /// computes them (Calcite's `julianDateFloor`): on the date alone, the day counted toward
    /// zero from the epoch, so a CEIL ignores the time of day (checked: CEIL('2024-03-01 10:00'
    /// TO MONTH) is 2024-03-01), and a CEIL to QUARTER of any day but January 1st moves a
    /// quarter past the date's own (2024-04-01 00:00 gives 2024-07-01, as in Flink).
    static func calendarRound(_ unit: String, _ t: Int64, floor: Bool) -> Int64 {
        let days = t / day  // toward zero, as Java's division
        let (year, month, dayOfMonth) = Timestamp.civil(days: Int(days))
        func date(_ y: Int, _ m: Int) -> Int64 {
            let (carry, month) = (m - 1).quotientAndRemainder(dividingBy: 12)
            return Int64(Timestamp.days(year: y + carry, month: month + 1, day: 1)) * day
        }
        switch unit {
        case "MILLENNIUM":
            return date(1000 * ((year + 999) / 1000) + (floor ? -999 : 1), 1)
        case "CENTURY":
            return date(100 * ((year + 99) / 100) + (floor ? -99 : 1), 1)
        case "DECADE":
            // The decade's first year, or the next decade's even from that year's first instant.
            return date(10 * (year / 10 + (floor ? 0 : 1)), 1)
        case "YEAR":
            return date(!floor && (month > 1 || dayOfMonth > 1) ? year + 1 : year, 1)
        case "QUARTER":
            let quarter = (month + 2) / 3 + (!floor && (month > 1 || dayOfMonth > 1) ? 1 : 0)
            return date(year, quarter * 3 - 2)
        case "MONTH":
            return date(year, !floor && dayOfMonth > 1 ? month + 1 : month)
        default:  // WEEK, from Sunday
            let dayOfWeek = ((days + 4) % 7 + 7) % 7  // Sunday 0: 1970-01-01 was a Thursday
            return (days - dayOfWeek + (!floor && dayOfWeek > 0 ? 7 : 0)) * day
        }
    }

    static func add(_ unit: String, _ n: Int, to t: Int64) -> Int64 {
        switch unit {
        case "MILLISECOND": return t + Int64(n)
        case "SECOND": return t + Int64(n) * 1000
        case "MINUTE": return t + Int64(n) * 60_000
        case "HOUR": return t + Int64(n) * 3_600_000
        case "DAY": return t + Int64(n) * day
        case "WEEK": return t + Int64(n) * 7 * day
        case "MONTH", "QUARTER", "YEAR":
            let months = n * (unit == "MONTH" ? 1 : unit == "QUARTER" ? 3 : 12)
            let f = fields(t)
            let total = f.year * 12 + (f.month - 1) + months
            let year = total >= 0 ? total / 12 : (total - 11) / 12
            let month = total - year * 12 + 1
            let dayOfMonth = min(f.day, Timestamp.daysIn(month: month, year: year))
            return Int64(Timestamp.days(year: year, month: month, day: dayOfMonth)) * day + (t - f.days * day)
        default: return t
        }
    }

    /// Whole units from `a` to `b`, truncated toward zero.
    static func difference(_ unit: String, _ a: Int64, _ b: Int64) -> Int64 {
        switch unit {
        case "MILLISECOND": return (b - a) / 1000 * 1000  // whole seconds, as Flink (checked: 1.5 s is 1000)
        case "SECOND": return (b - a) / 1000
        case "MINUTE": return (b - a) / 60_000
        case "HOUR": return (b - a) / 3_600_000
        case "DAY": return (b - a) / day
        // Flink (Calcite) counts weeks as an INT of seconds divided by a week's: past 68 years
        // the seconds wrap around (checked: 1900-01-01 to 2024-02-29 is -623 weeks).
        case "WEEK": return Int64(Int32(truncatingIfNeeded: (b - a) / 1000)) / (7 * 86_400)
        default:
            let months = Int64(subtractMonths(b, a))
            return unit == "MONTH" ? months : unit == "QUARTER" ? months / 3 : months / 12
        }
    }

    /// Whole months from `t1` to `t0`, as Calcite's `DateTimeUtils.subtractMonths`, which Flink
    /// calls: by days, the most months that can be added to `t1`'s day (the day clamped to the
    /// month's last) without passing `t0`'s, negated when `t0` is the earlier day; then one
    /// less when that lands on `t0`'s day but `t0`'s time of day is earlier. (Checked: 01-31 to
    /// 02-29 is 1 month; 02-29 23:59:59 to 02-29 00:00 is -1.)
    static func subtractMonths(_ t0: Int64, _ t1: Int64) -> Int {
        let millis0 = ((t0 % day) + day) % day, millis1 = ((t1 % day) + day) % day
        let d0 = Int((t0 - millis0) / day), d1 = Int((t1 - millis1) / day)
        var x = subtractMonths(days: d0, d1)
        if addMonths(days: d1, x) == d0, millis0 < millis1 { x -= 1 }
        return x
    }

    private static func subtractMonths(days d0: Int, _ d1: Int) -> Int {
        if d0 < d1 { return -subtractMonths(days: d1, d0) }
        var m = (d0 - d1) / 31  // no month is longer: at most the answer
        while true {
            if addMonths(days: d1, m) >= d0 { return m }
            if addMonths(days: d1, m + 1) > d0 { return m }
            m += 1
        }
    }

    /// A day `m` months on, its day of month clamped to the month's last.
    private static func addMonths(days: Int, _ m: Int) -> Int {
        let c = Timestamp.civil(days: days)
        let total = c.year * 12 + (c.month - 1) + m
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let last = Timestamp.days(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
            - Timestamp.days(year: year, month: month, day: 1)
        return Timestamp.days(year: year, month: month, day: min(c.day, last))
    }

    /// Java's SimpleDateFormat letters Flink uses: `yyyy MM dd HH mm ss SSS` and their shorter
    /// forms; text in single quotes as written.
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The US week-based year and week of a day (weeks from Sunday; week 1 holds January 1st).
    static func usWeek(_ days: Int64) -> (year: Int, week: Int) {
        func firstWeekStart(_ year: Int) -> Int64 {
            let january1 = Int64(Timestamp.days(year: year, month: 1, day: 1))
            return january1 - ((january1 + 4) % 7 + 7) % 7  // back to Sunday
        }
        var year = Timestamp.civil(days: Int(days)).year
        if days >= firstWeekStart(year + 1) { year += 1 } else if days < firstWeekStart(year) { year -= 1 }
        return (year, Int((days - firstWeekStart(year)) / 7) + 1)
    }

    /// `DATE_FORMAT`: Java's `DateTimeFormatter` pattern letters in the English locale, as
    /// Flink formats (checked with Flink: `EEE` Thu, `MMMM` February, `QQQQ` 1st quarter, `k`
    /// 24 at midnight, `S` a fraction of the second, `''` a quote).
    static func format(_ t: Int64, _ pattern: String) -> String {
        let f = fields(t)
        let characters = Array(pattern)
        var out = ""
        var i = 0
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        func text(_ full: String, _ run: Int) -> String {
            run == 4 ? full : run == 5 ? String(full.prefix(1)) : String(full.prefix(3))
        }
        let millisOfDay = Int(t - f.days * day)
        let dayOfWeek = Int(((f.days + 3) % 7 + 7) % 7)  // 0 is Monday: 1970-01-01 was a Thursday
        let dayOfYear = Int(f.days) - Int(Timestamp.days(year: f.year, month: 1, day: 1)) + 1
        let quarter = (f.month - 1) / 3 + 1
        while i < characters.count {
            let c = characters[i]
            if c == "'" {
                if i + 1 < characters.count, characters[i + 1] == "'" {
                    out.append("'")
                    i += 2
                    continue
                }
                i += 1
                while i < characters.count {
                    if characters[i] == "'" {
                        guard i + 1 < characters.count, characters[i + 1] == "'" else { break }
                        i += 1
                    }
                    out.append(characters[i])
                    i += 1
                }
                i += 1
                continue
            }
            var run = 1
            while i + run < characters.count, characters[i + run] == c { run += 1 }
            switch c {
            case "y", "u": out += run == 2 ? padded(f.year % 100, 2) : padded(f.year, run)
            case "M", "L": out += run >= 3 ? text(monthNames[f.month - 1], run) : padded(f.month, run)
            case "Q", "q":
                out += run == 3 ? "Q\(quarter)" : run == 4 ? ["1st", "2nd", "3rd", "4th"][quarter - 1] + " quarter" : padded(quarter, run)
            case "d": out += padded(f.day, run)
            case "D": out += padded(dayOfYear, run)
            case "E": out += text(dayNames[dayOfWeek], run)
            case "e", "c":
                // The day of the week as the JVM's default locale (en_US) numbers it: Sunday 1.
                out += run >= 3 ? text(dayNames[dayOfWeek], run) : padded((dayOfWeek + 1) % 7 + 1, run)
            case "W":
                // The week of the month, en_US: weeks from Sunday, week 1 the one holding the 1st.
                let firstSunday0 = ((f.days - Int64(f.day - 1) + 4) % 7 + 7) % 7  // the 1st's day, Sunday 0
                out += padded(Int((Int64(f.day - 1) + firstSunday0) / 7) + 1, run)
            case "F":
                // java.time's ALIGNED_DAY_OF_WEEK_IN_MONTH, which Java 17 gives for F.
                out += padded((f.day - 1) % 7 + 1, run)
            case "H": out += padded(f.hour, run)
            case "k": out += padded(f.hour == 0 ? 24 : f.hour, run)
            case "K": out += padded(f.hour % 12, run)
            case "h": out += padded(f.hour % 12 == 0 ? 12 : f.hour % 12, run)
            case "m": out += padded(f.minute, run)
            case "s": out += padded(f.second, run)
            case "S": out += padded(f.millisecond, 3).prefix(run) + String(repeating: "0", count: max(0, run - 3))
            case "n": out += padded(f.millisecond * 1_000_000, run)
            case "A": out += padded(millisOfDay, run)
            case "N": out += padded(millisOfDay * 1_000_000, run)
            case "a": out += f.hour < 12 ? "AM" : "PM"
            case "G": out += run == 4 ? "Anno Domini" : run == 5 ? "A" : "AD"
            case "w", "Y":
                // Weeks as the JVM's default locale (en_US) counts them: from Sunday, week 1 the
                // one holding January 1st (checked: 2023-12-31 is week 1 of 2024).
                let (weekYear, week) = usWeek(f.days)
                out += c == "w" ? padded(week, run) : (run == 2 ? padded(weekYear % 100, 2) : padded(weekYear, run))
            default: out += String(repeating: c, count: run)
            }
            i += run
        }
        return out
    }

    /// Compiled patterns, shared by the threads that evaluate filters.
    private static let patterns = Mutex<[String: Regex<AnyRegexOutput>?]>([:])

    /// A part of a URL as Java's `java.net.URL` splits it (Flink's PARSE_URL): `HOST`, `PATH`,
    /// `QUERY` (or one key's value), `REF`, `PROTOCOL`, `FILE`, `AUTHORITY`, `USERINFO`; nil for
    /// a part the URL lacks or a URL Java refuses (no scheme, one it does not know).
    static func parseURL(_ url: String, _ part: String, key: String?) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard ["http", "https", "ftp", "file", "jar", "mailto"].contains(scheme) else { return nil }
        var rest = Substring(url[url.index(after: colon)...])
        var ref: Substring?
        if let hash = rest.firstIndex(of: "#") {
            ref = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var authority: Substring?
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" } ?? afterSlashes.endIndex
            authority = afterSlashes[..<end]
            rest = afterSlashes[end...]
        }
        var query: Substring?
        var path = rest
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            path = rest[..<question]
        }
        var userInfo: Substring?
        var host = authority ?? ""
        if let authority, let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            host = authority[authority.index(after: at)...]
        }
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let portColon = host.lastIndex(of: ":") {
            host = host[..<portColon]
        }
        switch part {
        case "HOST": return String(host)
        case "PATH": return String(path)
        case "QUERY":
            guard let query else { return nil }
            guard let key else { return String(query) }
            // Flink: the first `key=value` of the query, by `(&|^)key=([^&]*)`.
            for pair in query.split(separator: "&", omittingEmptySubsequences: false) where pair.hasPrefix(key + "=") {
                return String(pair.dropFirst(key.count + 1))
            }
            return nil
        case "REF": return ref.map(String.init)
        case "PROTOCOL": return String(url[..<colon]).lowercased()  // as java.net.URL keeps it
        case "FILE": return String(path) + (query.map { "?" + $0 } ?? "")
        case "AUTHORITY": return authority.map(String.init)
        case "USERINFO": return userInfo.map(String.init)
        default: return nil
        }
    }

    /// A pattern compiled once a run; nil when it is not a valid expression (the call is NULL).
    /// Java's named classes that Swift's regular expressions spell otherwise (or read as
    /// Unicode where Java's are ASCII).
    private static let javaClasses: [(String, (positive: String, negative: String))] = [
        ("\\p{Lower}", ("[a-z]", "[^a-z]")), ("\\p{Upper}", ("[A-Z]", "[^A-Z]")),
        ("\\p{Alpha}", ("[a-zA-Z]", "[^a-zA-Z]")), ("\\p{Digit}", ("[0-9]", "[^0-9]")),
        ("\\p{Alnum}", ("[a-zA-Z0-9]", "[^a-zA-Z0-9]")), ("\\p{XDigit}", ("[0-9a-fA-F]", "[^0-9a-fA-F]")),
        ("\\p{Punct}", ("[!-/:-@\\[-`{-~]", "[^!-/:-@\\[-`{-~]")), ("\\p{Space}", ("[ \\t\\n\\x0B\\f\\r]", "[^ \\t\\n\\x0B\\f\\r]")),
        ("\\p{ASCII}", ("[\\x00-\\x7F]", "[^\\x00-\\x7F]")), ("\\p{javaLowerCase}", ("\\p{Ll}", "\\P{Ll}")),
        ("\\p{javaUpperCase}", ("\\p{Lu}", "\\P{Lu}")), ("\\p{IsAlphabetic}", ("\\p{Alphabetic}", "\\P{Alphabetic}")),
        ("\\p{IsLetter}", ("\\p{L}", "\\P{L}")), ("\\p{IsDigit}", ("\\p{Nd}", "\\P{Nd}")),
    ]

    static func compiled(_ pattern: String) -> Regex<AnyRegexOutput>? {
        patterns.withLock { cache -> Regex<AnyRegexOutput>? in
            if let found = cache[pattern] { return found }
            // Java's classes: \d and \w ASCII, \b between \w and \W, `.` one code point;
            // its POSIX classes (`\p{Alpha}`) ASCII, its `\p{javaLowerCase}` … by their names here.
            var translated = pattern
            for (java, swift) in javaClasses where translated.contains(java.dropFirst(2).dropLast()) {
                translated = translated.replacing("\\p" + java.dropFirst(2), with: swift.positive)
                translated = translated.replacing("\\P" + java.dropFirst(2), with: swift.negative)
            }
            let compiled = (try? Regex(translated))?.asciiOnlyDigits().asciiOnlyWordCharacters().wordBoundaryKind(.simple)
                .matchingSemantics(.unicodeScalar)
            cache[pattern] = compiled
            return compiled
        }
    }

    /// The capturing groups of a Java regular expression: `(` not escaped, outside a character
    /// class, and not `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?>` or a flag group (`(?<name>` counts).
    static func groupCount(_ pattern: String) -> Int {
        let c = Array(pattern.unicodeScalars)
        var count = 0, i = 0, inClass = false
        while i < c.count {
            switch c[i] {
            case "\\": i += 1
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass:
                if i + 1 < c.count, c[i + 1] == "?" {
                    if i + 3 < c.count, c[i + 2] == "<", c[i + 3] != "=", c[i + 3] != "!" { count += 1 }
                } else {
                    count += 1
                }
            default: break
            }
            i += 1
        }
        return count
    }

    static func regexpExtract(_ s: String, _ pattern: String, _ index: Int) -> Value {
        let regex = compiled(pattern)
        guard let regex, index >= 0, let match = try? regex.firstMatch(in: s), index < match.output.count else { return .null }
        guard let group = match.output[index].substring else { return .null }
        return .string(String(group))
    }
}
