import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flink's smaller scalar functions: epoch times, codes and encodings of text, signs and
/// trigonometry. Each follows the Java method Flink calls (named beside it), checked on the
/// Flink-computed case `w_more_functions`.
enum MoreFunctions {
    static func call(_ function: ScalarFunction, _ args: [Value]) -> Value {
        switch function {
        case .ltzInstant, .ltzWall:
            guard case .timestamp(let t) = args[0], case .string(let zone) = args[1] else { return .null }
            // In the hour that repeats when clocks go back a wall clock is its second instant.
            return .timestamp(function == .ltzInstant ? SessionTimeZone.utc(t, in: zone) : SessionTimeZone.local(t, in: zone))
        case .toTimestampLtz:
            // Seconds (precision 0) or milliseconds (3) since the epoch: the wall clock in the
            // session's zone (the last argument, when it is not UTC).
            if case .string(let text) = args[0] {
                // Text: a wall clock of the zone given (UTC by default), as Flink 2's.
                guard case .string(let zone) = args[2], SessionTimeZone.isKnown(zone) else { return .null }
                let wall: Int64?
                if case .string(let format) = args[1], !format.isEmpty { wall = JavaTimeParsing.withFormat(text, format) } else { wall = Timestamp.parse(Array(text.utf8)) }
                guard let wall else { return .null }
                let instant = SessionTimeZone.utc(wall, in: zone)
                if args.count > 3, case .string(let session) = args[3] { return .timestamp(SessionTimeZone.local(instant, in: session)) }
                return .timestamp(instant)
            }
            guard case .int(let precision) = args[1] else { return .null }
            let instant: Int64
            switch args[0] {
            case .int(let n):
                let (product, overflow) = n.multipliedReportingOverflow(by: precision == 0 ? 1000 : 1)
                guard !overflow else { return .null }
                instant = product
            case .double(let d):
                // A DOUBLE keeps its fraction (1.5 seconds is 1,500 ms); a DECIMAL drops it first.
                // Flink goes through nanoseconds as Java's (long) of the double, saturated, so a
                // fraction just under its decimal digits is cut (1714039200.123 s is …200.122)
                // and one past 2262 stops at 2262-04-11 23:47:16.854 (checked on Flink).
                guard !d.isNaN else { return .null }
                let nanos = d * (precision == 0 ? 1e9 : 1e6)
                let saturated = nanos >= 9.223372036854775807e18 ? Int64.max : nanos <= -9.223372036854775808e18 ? Int64.min : Int64(nanos)
                instant = saturated >= 0 ? saturated / 1_000_000 : -((-(saturated + 1)) / 1_000_000) - 1
            case let .decimal(v, s):
                let whole = v / power10(Int(s))
                let (product, overflow) = whole.multipliedReportingOverflow(by: precision == 0 ? 1000 : 1)
                guard !overflow else { return .null }
                instant = product
            case .wideDecimal:
                return .null  // past 19 digits: beyond any instant
            default:
                return .null
            }
            // Years 0 to 9999, as Flink's TIMESTAMP_LTZ; beyond, NULL.
            guard instant.magnitude <= 253_402_300_799_999 else { return .null }
            if args.count > 2, case .string(let zone) = args[2] { return .timestamp(SessionTimeZone.local(instant, in: zone)) }
            return .timestamp(instant)
        case .convertTz:
            guard case .string(let text) = args[0], case .string(let from) = args[1], case .string(let to) = args[2],
                  SessionTimeZone.isKnown(from), SessionTimeZone.isKnown(to),
                  let local = JavaTimeParsing.simpleDateFormat(text, "yyyy-MM-dd HH:mm:ss") else { return .null }
            let moved = SessionTimeZone.local(SessionTimeZone.utc(local, in: from), in: to)
            return .string(TimeAndTextFunctions.format(moved, "yyyy-MM-dd HH:mm:ss"))
        case .substr:
            guard case .string(let s) = args[0], case .int(let position) = args[1] else { return .null }
            var length = Int64.max
            if args.count > 2 {
                guard case .int(let n) = args[2] else { return .null }
                length = n
            }
            return substringSQL(s, position, length)
        case .instr:
            // INSTR(text, needle, start, nth), Flink's SqlFunctionUtils.instr, in code points: a
            // negative start counts from the end and searches backwards.
            guard case .string(let text) = args[0], case .string(let needle) = args[1],
                  case .int(let start) = args[2], case .int(let nth) = args[3], nth > 0 else { return .null }
            let haystack = Array(text.unicodeScalars), target = Array(needle.unicodeScalars)
            func find(_ haystack: [Unicode.Scalar], _ target: [Unicode.Scalar], _ start: Int64) -> Int64 {
                var from = start, index: Int64 = 0
                for _ in 0..<nth {
                    // indexOf(target, from - 1) + 1
                    var i = Int(max(0, from - 1)), found = -1
                    while i + target.count <= haystack.count {
                        if haystack[i..<(i + target.count)].elementsEqual(target) { found = i; break }
                        i += 1
                    }
                    index = Int64(found + 1)
                    if index == 0 { return 0 }
                    from = index + 1
                }
                return index
            }
            if start == 0 { return .int(0) }
            if start > 0 { return .int(find(haystack, target, start)) }
            let position = find(haystack.reversed(), target.reversed(), -start)
            return .int(position == 0 ? 0 : Int64(haystack.count + 2) - position - Int64(target.count))
        case .ascii:
            // The first UTF-8 byte as Java's signed byte; 0 for empty text.
            guard case .string(let s) = args[0] else { return .null }
            return .int(Int64(Int8(bitPattern: s.utf8.first ?? 0)))
        case .chr:
            // The character of the code modulo 256 (a Latin-1 character); empty below 0.
            guard case .int(let n) = args[0] else { return .null }
            guard n >= 0 else { return .string("") }
            return .string(String(Character(Unicode.Scalar(UInt8(n % 256)))))
        case .jsonQuote:
            // Flink's JsonQuoteFunction: ASCII escapes (`/` too), anything else `\u` and its code
            // point in lower-case hex, taken at each UTF-16 unit (a pair's low half again).
            guard case .string(let s) = args[0] else { return .null }
            let units = Array(s.utf16)
            var out = "\""
            for (i, unit) in units.enumerated() {
                var point = UInt32(unit)
                if UTF16.isLeadSurrogate(unit), i + 1 < units.count, UTF16.isTrailSurrogate(units[i + 1]) {
                    point = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[i + 1]) - 0xDC00)
                }
                switch point {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x2F: out += "\\/"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case ..<128: out.unicodeScalars.append(Unicode.Scalar(point)!)
                default:
                    let hex = String(point, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
            return .string(out + "\"")
        case .jsonUnquote:
            // A JSON string literal's text, unescaped; anything else as it is (Flink's JsonUnquoteFunction).
            guard case .string(let s) = args[0] else { return .null }
            return .string(jsonUnquoted(s) ?? s)
        case .toBase64:
            guard case .string(let s) = args[0] else { return .null }
            return .string(base64(Array(s.utf8)))
        case .fromBase64:
            // Text that is not Base64 is NULL (Flink fails the job).
            guard case .string(let s) = args[0], let bytes = unbase64(Array(s.utf8)) else { return .null }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .hex:
            switch args[0] {
            case .int(let v): return .string(String(UInt64(bitPattern: v), radix: 16, uppercase: true))
            case .string(let s): return .string(s.utf8.map { hexDigits($0) }.joined())
            default: return .null
            }
        case .bin:
            guard case .int(let v) = args[0] else { return .null }
            return .string(String(UInt64(bitPattern: v), radix: 2))
        case .urlEncode:
            guard case .string(let s) = args[0] else { return .null }
            return .string(urlEncode(s))
        case .urlDecode:
            guard case .string(let s) = args[0] else { return .null }
            return urlDecode(s).map { .string($0) } ?? .null
        case .isDigit, .isAlpha, .isDecimal:
            // FALSE for NULL and empty text, as Flink.
            guard case .string(let s) = args[0], !s.isEmpty else { return .bool(false) }
            switch function {
            case .isDigit: return .bool(s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal })
            case .isAlpha: return .bool(s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic })
            default: return .bool(isBigDecimalText(s) || isJavaDoubleText(s))
            }
        case .hashCode:
            guard case .int(let width) = args[1], let hash = JavaHash.hashCode(args[0], width: Int(width)) else { return .null }
            return .int(Int64(hash))
        case .sign:
            switch args[0] {
            case .int(let v): return .int(v.signum())
            case .double(let d): return .double(d.isNaN || d == 0 ? d : d > 0 ? 1 : -1)
            case let .decimal(v, s): return .decimal(v.signum() * power10(Int(s)), scale: s)
            case let .wideDecimal(w): return Value.decimal(Int128(w.unscaled.signum()) * Int128(power10x128(Int(w.scale))), scale: Int(w.scale))
            default: return .null
            }
        case .jsonString:
            guard !args[0].isNull else { return .null }
            if args.count > 1, case .string("Z") = args[1], case .timestamp = args[0] {
                // A TIMESTAMP_LTZ's instant, in UTC with a Z (Flink's JsonGenerateUtils).
                var out: [UInt8] = []
                appendJSON(args[0], to: &out)
                out.insert(UInt8(ascii: "Z"), at: out.count - 1)
                return .string(String(decoding: out, as: UTF8.self))
            }
            if args.count > 1, case .string(let json) = args[0], let node = CollectionFunctions.node(json) {
                // An ARRAY, MAP or ROW: its JSON, not a string of it; members sorted, unless
                // it is an ARRAY_AGG element (`$ELEMENT_JSON`, false), whose maps keep their order.
                if case .bool(false) = args[1] {
                    var out: [UInt8] = []
                    NestedText.json(node, to: &out)
                    return .string(String(decoding: out, as: UTF8.self))
                }
                return .string(JsonValue.flinkText(node))
            }
            var out: [UInt8] = []
            appendJSON(args[0], to: &out)
            return .string(String(decoding: out, as: UTF8.self))
        case .rowValue:
            // A ROW held whole: its fields as a JSON object, in their declared order.
            // A layout starting with "!" is ROW(…), never NULL; a ROW column whose fields are
            // all NULL reads as NULL.
            guard case .string(var layout) = args[0] else { return .null }
            if layout.hasPrefix("!") {
                layout.removeFirst()
            } else if !args.dropFirst().enumerated().contains(where: { $0.offset % 2 == 1 && !$0.element.isNull }) {
                return .null
            }
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (i, kind) in layout.utf8.enumerated() {
                guard case .string(let name) = args[1 + 2 * i] else { return .null }
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(name, to: &out)
                out.append(UInt8(ascii: ":"))
                let value = args[2 + 2 * i]
                if kind == UInt8(ascii: "r"), case .string(let raw) = value { out += Array(raw.utf8) } else { appendJSON(value, to: &out) }
            }
            out.append(UInt8(ascii: "}"))
            return .string(String(decoding: out, as: UTF8.self))
        case .printf:
            // NULL only for a NULL format; a NULL argument prints as Java prints it.
            guard case .string(let layout) = args[0], case .string(let pattern) = args[1] else { return .null }
            return JavaFormat.format(pattern, Array(args.dropFirst(2)), JavaFormat.types(layout)).map { .string($0) } ?? .null
        case .percentileEntry:
            // A row of PERCENTILE: its value as a double (a decimal as BigDecimal.doubleValue
            // gives it), bit for bit, and its frequency; none for a frequency not positive.
            guard let value = args[0].doubleValue else { return .null }
            var entry = String(value.bitPattern, radix: 16)
            if args.count > 1 {
                guard case .int(let frequency) = args[1], frequency > 0 else { return .null }
                entry += ":\(frequency)"
            }
            return .string(entry)
        case .percentile:
            guard case .double(let percentage) = args[0], case .string(let list) = args[1] else { return .null }
            return Percentile.value(percentage, list)
        case .jsonAggregate:
            // JSON_ARRAYAGG / JSON_OBJECTAGG: the LISTAGG of the rows' JSON (see the parser's
            // parseJSONAggregate), never NULL: `[]` or `{}` for no rows.
            guard case .string(let mode) = args[0] else { return .null }
            let entries = if case .string(let list) = args[1] { list.split(separator: "\u{1}", omittingEmptySubsequences: false) } else { [Substring]() }
            if mode == "A" { return .string("[" + entries.joined(separator: ",") + "]") }
            if mode == "R" { return args[1].isNull ? .null : .string("[" + entries.joined(separator: ",") + "]") }
            if mode.hasPrefix("C") { return FlinkHashMapOrder.multiset(entries, hashing: mode.dropFirst()) }
            // Members sorted by name (as Flink's serializer writes them); of two with one name,
            // the later (Flink fails the job on it).
            var members: [String: (json: Substring, value: Substring)] = [:]
            for entry in entries {
                guard let split = entry.firstIndex(of: "\u{2}") else { continue }
                var parser = NestedText.Parser(bytes: Array(entry[..<split].utf8))
                guard case .text(let name) = parser.value() else { continue }
                members[name] = (entry[..<split], entry[entry.index(after: split)...])
            }
            let names = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            return .string("{" + names.map { members[$0]!.json + ":" + members[$0]!.value }.joined(separator: ",") + "}")
        case .jsonObject, .jsonArray:
            guard case .string(let layout) = args[0] else { return .null }
            let kinds = Array(layout.utf8)
            let absentOnNull = kinds[0] == UInt8(ascii: "A")
            var out: [UInt8] = []
            /// A value's JSON, or nil when it is left out.
            func json(_ index: Int) -> [UInt8]? {
                let value = args[index]
                if value.isNull { return absentOnNull ? nil : Array("null".utf8) }
                if kinds[index] == UInt8(ascii: "r"), case .string(let raw) = value { return Array(raw.utf8) }
                if kinds[index] == UInt8(ascii: "j"), case .string(let json) = value, let node = CollectionFunctions.node(json) {
                    return Array(JsonValue.flinkText(node).utf8)  // an ARRAY, MAP or ROW value, nested
                }
                var text: [UInt8] = []
                appendJSON(value, to: &text)
                return text
            }
            if function == .jsonArray {
                let items = (1..<args.count).compactMap(json)
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: item)
                }
                out.append(UInt8(ascii: "]"))
            } else {
                // Flink writes the members sorted by name; a later one replaces an earlier one.
                var members: [String: [UInt8]] = [:]
                for key in stride(from: 1, to: args.count - 1, by: 2) {
                    guard case .string(let name) = args[key] else { return .null }
                    members[name] = json(key + 1)
                }
                out.append(UInt8(ascii: "{"))
                for (i, name) in members.keys.sorted(by: { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }).enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    JSONText.appendString(name, to: &out)
                    out.append(UInt8(ascii: ":"))
                    out.append(contentsOf: members[name]!)
                }
                out.append(UInt8(ascii: "}"))
            }
            return .string(String(decoding: out, as: UTF8.self))
        case .item:
            // arr[i], 1 the first: NULL past either end, as Flink; map['key']: NULL when absent.
            guard case .string(let text) = args[0] else { return .null }
            if case .string(let key) = args[1] { return JsonValue.evaluate(text, [.member(key)]) }
            guard case .int(let index) = args[1], index >= 1 else { return .null }
            return JsonValue.evaluate(text, [.index(Int(clamping: index - 1))])
        case .cardinality:
            guard case .string(let text) = args[0], let count = JsonValue.count(text) else { return .null }
            return .int(Int64(count))
        case .pi:
            return .double(Double.pi)
        case .e:
            return .double(2.718281828459045)
        case .atan2:
            guard let y = args[0].doubleValue, let x = args[1].doubleValue else { return .null }
            return .double(FdLibm.atan2(y, x))
        default:
            guard let x = args[0].doubleValue else { return .null }
            switch function {
            // Java's Math.toDegrees and toRadians multiply by these constants.
            case .degrees: return .double(x * 57.29577951308232)
            case .radians: return .double(x * 0.017453292519943295)
            case .sin: return .double(Glibc.sin(x))
            case .cos: return .double(Glibc.cos(x))
            case .tan: return .double(Glibc.tan(x))
            case .cot: return .double(1 / Glibc.tan(x))
            case .asin: return .double(Glibc.asin(x))
            case .acos: return .double(Glibc.acos(x))
            case .atan: return .double(FdLibm.atan(x))
            case .sinh: return .double(Glibc.sinh(x))
            case .cosh: return .double(Glibc.cosh(x))
            case .tanh: return .double(Glibc.tanh(x))
            default: return .null
            }
        }
    }

    /// A value as Flink's JSON functions write it (Jackson): text quoted and escaped, numbers
    /// as Java's BigDecimal prints them (`1.0E+20`), times as ISO-8601 local date-times with
    /// the shortest fraction (`2024-04-25T10:00:01.5`).
    static func appendJSON(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int(let v), .interval(let v): out += Array(String(v).utf8)
        case .double(let d):
            guard d.isFinite else {
                JSONText.appendString(JavaNumber.format(d), to: &out)
                return
            }
            let java = JavaNumber.format(d)
            let parts = java.split(separator: "E")
            out += Array(JsonValue.bigDecimalText(mantissa: String(parts[0]), exponent: parts.count > 1 ? Int(parts[1]) ?? 0 : 0).utf8)
        case let .decimal(v, s):
            // Java's BigDecimal.toString, as Flink's JSON writes a DECIMAL: 1E-8 for 0.00000001.
            out += Array(JsonValue.bigDecimalText(mantissa: String(v), exponent: -Int(s)).utf8)
        case let .wideDecimal(w):
            out += Array(JsonValue.bigDecimalText(mantissa: String(w.unscaled), exponent: -Int(w.scale)).utf8)
        case .string(let s): JSONText.appendString(s, to: &out)
        case .timestamp(let t):
            var text = Timestamp.format(t)
            if text.hasSuffix(".000") { text.removeLast(4) }
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            JSONText.appendString(String(text.prefix(10)) + "T" + String(text.dropFirst(11)), to: &out)
        }
    }

    /// Flink's `substringSQL`, over code points: a negative start counts from the end, 0 is
    /// the first; a negative length is NULL.
    static func substringSQL(_ s: String, _ position: Int64, _ length: Int64) -> Value {
        guard length >= 0 else { return .null }
        let scalars = Array(s.unicodeScalars)
        let count = Int64(scalars.count)
        var start: Int64 = 0
        if position > 0 {
            start = position - 1
            if start >= count { return .string("") }
        } else if position < 0 {
            start = count + position
            if start < 0 { return .string("") }
        }
        let end = count - start < length ? count : start + length
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[Int(start)..<Int(end)])
        return .string(String(out))
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let a = UInt32(bytes[i]), b = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0, c = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = a << 16 | b << 8 | c
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Java's `Base64.getDecoder()`: padding optional at the end, nothing else outside the alphabet.
    static func unbase64(_ text: [UInt8]) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0, let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        guard padding <= 2, values.count % 4 != 1, padding == 0 || (values.count + padding) % 4 == 0 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            var bits: UInt32 = 0
            for (k, v) in chunk.enumerated() { bits |= UInt32(v) << (18 - 6 * k) }
            out.append(UInt8(bits >> 16 & 255))
            if chunk.count > 2 { out.append(UInt8(bits >> 8 & 255)) }
            if chunk.count > 3 { out.append(UInt8(bits & 255)) }
            i += 4
        }
        return out
    }

    /// Java's `URLEncoder.encode(s, UTF_8)`: letters, digits and `.-*_` stay, a space is `+`.
    static func urlEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%" + hexDigits(byte)
            }
        }
        return out
    }

    /// Java's `URLDecoder.decode(s, UTF_8)`; nil where it throws (a `%` without two hex digits).
    static func urlDecode(_ s: String) -> String? {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - 55
            default: nil
            }
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "+"):
                out.append(0x20)
                i += 1
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            default:
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Commons Lang's `NumberUtils.isCreatable`-like test Flink's IS_DECIMAL makes: an optional
    /// sign, digits with at most one point, and an optional exponent.
    /// Whether Java's `new BigDecimal(s)` reads `s`: a sign, digits (any script's decimal
    /// digits, as `Character.digit` takes them) with one optional point, an exponent; no spaces.
    /// IS_DECIMAL is this or `isJavaDoubleText` (checked on Flink: '١٢' and ' 7 ' are decimals).
    static func isBigDecimalText(_ s: String) -> Bool {
        var scalars = Array(s.unicodeScalars)[...]
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.properties.numericType == .decimal }
        if let c = scalars.first, c == "-" || c == "+" { scalars = scalars.dropFirst() }
        var digits = 0, points = 0
        while let c = scalars.first, c == "." || isDigit(c) {
            if c == "." { points += 1 } else { digits += 1 }
            scalars = scalars.dropFirst()
        }
        guard digits > 0, points <= 1 else { return false }
        guard let e = scalars.first else { return true }
        guard e == "e" || e == "E" else { return false }
        scalars = scalars.dropFirst()
        if let c = scalars.first, c == "-" || c == "+" { scalars = scalars.dropFirst() }
        return !scalars.isEmpty && scalars.allSatisfy(isDigit)
    }

    /// Whether Java's `Double.parseDouble(s)` reads `s`: around it any characters up to the
    /// space trimmed; a sign; `NaN`, `Infinity`, or ASCII digits with one optional point and an
    /// exponent, then an optional `f`/`d` type suffix; or a hexadecimal `0x1.8p3`.
    static func isJavaDoubleText(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        while let b = bytes.first, b <= 0x20 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b <= 0x20 { bytes = bytes.dropLast() }
        if let b = bytes.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "NaN" || text == "Infinity" { return true }
        if let b = bytes.last, [UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "d"), UInt8(ascii: "D")].contains(b) {
            bytes = bytes.dropLast()
        }
        func isHex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 102) }
        if bytes.count > 2, bytes.first == UInt8(ascii: "0"), bytes.dropFirst().first.map({ $0 | 0x20 == UInt8(ascii: "x") }) == true {
            // Hexadecimal: digits with one optional point, then a binary exponent, which is required.
            bytes = bytes.dropFirst(2)
            var digits = 0, points = 0
            while let b = bytes.first, b == UInt8(ascii: ".") || isHex(b) {
                if b == UInt8(ascii: ".") { points += 1 } else { digits += 1 }
                bytes = bytes.dropFirst()
            }
            guard digits > 0, points <= 1, let p = bytes.first, p | 0x20 == UInt8(ascii: "p") else { return false }
            bytes = bytes.dropFirst()
            if let b = bytes.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            return !bytes.isEmpty && bytes.allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard let b = bytes.first, b != UInt8(ascii: "-"), b != UInt8(ascii: "+") else { return false }
        return isJavaNumber(String(decoding: bytes, as: UTF8.self))
    }

    static func isJavaNumber(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0, points = 0
        while let b = bytes.first, b == UInt8(ascii: ".") || (b >= 48 && b <= 57) {
            if b == UInt8(ascii: ".") { points += 1 } else { digits += 1 }
            bytes = bytes.dropFirst()
        }
        guard digits > 0, points <= 1 else { return false }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            return true
        }
        return bytes.isEmpty
    }
}

/// fdlibm's `atan` and `atan2` (`s_atan.c`, `e_atan2.c`), which Java's `StrictMath` (and so
/// `Math.atan`, `Math.atan2`, Flink's ATAN and ATAN2) computes: glibc's differ from them in the
/// last bit for some arguments.
enum FdLibm {
    private static let atanHigh = [4.63647609000806093515e-01, 7.85398163397448278999e-01, 9.82793723247329054082e-01, 1.57079632679489655800e+00]
    private static let atanLow = [2.26987774529616870924e-17, 3.06161699786838301793e-17, 1.39033110312309984516e-17, 6.12323399573676603587e-17]
    private static let aT = [3.33333333333329318027e-01, -1.99999999998764832476e-01, 1.42857142725034663711e-01, -1.11111104054623557880e-01,
                             9.09088713343650656196e-02, -7.69187620504482999495e-02, 6.66107313738753120669e-02, -5.83357013379057348645e-02,
                             4.97687799461593236017e-02, -3.65315727442169155270e-02, 1.62858201153657823623e-02]

    private static func high(_ x: Double) -> Int32 { Int32(truncatingIfNeeded: Int64(bitPattern: x.bitPattern) >> 32) }
    private static func low(_ x: Double) -> UInt32 { UInt32(truncatingIfNeeded: x.bitPattern) }

    static func atan(_ value: Double) -> Double {
        var x = value
        let hx = high(x)
        let ix = hx & 0x7fff_ffff
        var id = -1
        if ix >= 0x4410_0000 {  // |x| >= 2^66
            if x.isNaN { return x + x }
            return hx > 0 ? atanHigh[3] + atanLow[3] : -atanHigh[3] - atanLow[3]
        }
        if ix < 0x3fdc_0000 {  // |x| < 0.4375
            if ix < 0x3e20_0000 { return x }  // |x| < 2^-29
        } else {
            x = Swift.abs(x)
            if ix < 0x3ff3_0000 {  // |x| < 1.1875
                if ix < 0x3fe6_0000 {  // 7/16 <= |x| < 11/16
                    id = 0
                    x = (2.0 * x - 1.0) / (2.0 + x)
                } else {
                    id = 1
                    x = (x - 1.0) / (x + 1.0)
                }
            } else if ix < 0x4003_8000 {  // |x| < 2.4375
                id = 2
                x = (x - 1.5) / (1.0 + 1.5 * x)
            } else {
                id = 3
                x = -1.0 / x
            }
        }
        let z = x * x
        let w = z * z
        let s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] + w * aT[10])))))
        let s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] + w * aT[9]))))
        if id < 0 { return x - x * (s1 + s2) }
        let result = atanHigh[id] - ((x * (s1 + s2) - atanLow[id]) - x)
        return hx < 0 ? -result : result
    }

    static func atan2(_ y: Double, _ x: Double) -> Double {
        let piOver4 = 7.8539816339744827900e-01, piOver2 = 1.5707963267948965580e+00
        let pi = 3.1415926535897931160e+00, piLow = 1.2246467991473531772e-16, tiny = 1.0e-300
        if x.isNaN || y.isNaN { return x + y }
        let hx = high(x), hy = high(y)
        let ix = hx & 0x7fff_ffff, iy = hy & 0x7fff_ffff
        if x == 1.0 { return atan(y) }
        let m = Int((hy >> 31) & 1) | Int((hx >> 30) & 2)  // 2 * sign(x) + sign(y)
        if y == 0 {
            switch m {
            case 0, 1: return y
            case 2: return pi + tiny
            default: return -pi - tiny
            }
        }
        if x == 0 { return hy < 0 ? -piOver2 - tiny : piOver2 + tiny }
        if x.isInfinite {
            if y.isInfinite {
                switch m {
                case 0: return piOver4 + tiny
                case 1: return -piOver4 - tiny
                case 2: return 3.0 * piOver4 + tiny
                default: return -3.0 * piOver4 - tiny
                }
            }
            switch m {
            case 0: return 0.0
            case 1: return -0.0
            case 2: return pi + tiny
            default: return -pi - tiny
            }
        }
        if y.isInfinite { return hy < 0 ? -piOver2 - tiny : piOver2 + tiny }
        let k = (iy - ix) >> 20
        let z: Double
        if k > 60 {
            z = piOver2 + 0.5 * piLow
        } else if hx < 0, k < -60 {
            z = 0.0
        } else {
            z = atan(Swift.abs(y / x))
        }
        switch m {
        case 0: return z
        case 1: return -z
        case 2: return pi - (z - piLow)
        default: return (z - piLow) - pi
        }
    }
}

/// PERCENTILE over the entries `$PCT_ENTRY` wrote, as Flink's PercentileAggFunction computes
/// it: the count of each distinct value (doubles equal as `Double.equals`: by their bits, NaNs
/// as one), sorted as `Double.compareTo`, the percentage's position `p * (n - 1) + 1` among
/// the n values, and linear interpolation between the two values around it.
enum Percentile {
    static func value(_ percentage: Double, _ list: String) -> Value {
        var counts: [UInt64: Int64] = [:]
        for entry in list.split(separator: "\u{1}") {
            let parts = entry.split(separator: ":")
            guard let bits = UInt64(parts[0], radix: 16) else { continue }
            let frequency = parts.count > 1 ? Int64(parts[1]) ?? 0 : 1
            let value = Double(bitPattern: bits)
            counts[value.isNaN ? Double.nan.bitPattern : bits, default: 0] += frequency
        }
        var sorted = counts.filter { $0.value != 0 }.map { (value: Double(bitPattern: $0.key), count: $0.value) }
        let total = sorted.reduce(Int64(0)) { $0 + $1.count }
        guard total > 0 else { return .null }
        sorted.sort { javaCompare($0.value, $1.value) < 0 }
        let position = percentage * Double(total - 1) + 1
        let lower = Int64(position.rounded(.down)), higher = Int64(position.rounded(.up))
        var j = 0
        var seen = sorted[0].count
        while seen < lower, j + 1 < sorted.count {
            j += 1
            seen += sorted[j].count
        }
        if seen >= higher || j + 1 >= sorted.count { return .double(sorted[j].value) }
        return .double((Double(higher) - position) * sorted[j].value + (position - Double(lower)) * sorted[j + 1].value)
    }

    /// `Double.compare`: -0.0 before 0.0, NaN after everything.
    static func javaCompare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        let x = Int64(bitPattern: (a.isNaN ? Double.nan : a).bitPattern), y = Int64(bitPattern: (b.isNaN ? Double.nan : b).bitPattern)
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}

/// Java's `hashCode` of a value as Flink holds it (its HASH_CODE function; checked against
/// Flink on every type here: case w_hash_code_types).
enum JavaHash {
    /// `width`: 32 for INT and narrower and TIME (milliseconds of the day, an int), 31 for
    /// DATE (days, an int), 64 for BIGINT, 32 for FLOAT, 65 for DOUBLE, 0 for the rest.
    static func hashCode(_ value: Value, width: Int) -> Int32? {
        switch value {
        case .null: return nil
        case .int(let v):
            return width == 64 ? fold(v) : Int32(truncatingIfNeeded: v)
        case .double(let d):
            if width == 32 { return Int32(bitPattern: Float(d).isNaN ? 0x7FC0_0000 : Float(d).bitPattern) }
            return fold(Int64(bitPattern: d.isNaN ? 0x7FF8_0000_0000_0000 : d.bitPattern))
        case .bool(let b): return b ? 1231 : 1237
        case .string(let s):
            // Math.abs of String.hashCode (over UTF-16 units), as Flink's string HASH_CODE
            // (checked: 'ZÜRICH' is 1512653922, its hashCode negative).
            var h: Int32 = 0
            for unit in s.utf16 { h = h &* 31 &+ Int32(unit) }
            return h == .min ? h : Swift.abs(h)
        case .decimal, .wideDecimal:
            // BigDecimal.hashCode: 31 × BigInteger.hashCode of the unscaled value + the scale;
            // BigInteger's hash runs over its magnitude's 32-bit words, most significant first.
            let (v, scale) = value.decimal128!
            var m = v.magnitude
            var words: [UInt32] = []
            while m > 0 {
                words.append(UInt32(truncatingIfNeeded: m))
                m >>= 32
            }
            var h: Int32 = 0
            for word in words.reversed() { h = h &* 31 &+ Int32(bitPattern: word) }
            if v < 0 { h = 0 &- h }
            return 31 &* h &+ Int32(scale)
        case .timestamp(let ms):
            // TimestampData.hashCode: 31 × the millisecond's folded halves + its nanoseconds (none here).
            if width == 31 { return Int32(truncatingIfNeeded: ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000) }
            return width == 32 ? Int32(truncatingIfNeeded: ms) : 31 &* fold(ms)
        case .interval(let ms):
            return fold(ms)
        }
    }

    /// Long.hashCode.
    static func fold(_ v: Int64) -> Int32 { Int32(truncatingIfNeeded: v ^ (v >> 32)) }
}

extension MoreFunctions {
    /// The text of a JSON string literal (`"a\\tb"` is `a<tab>b`), or nil when `s` is not one.
    static func jsonUnquoted(_ s: String) -> String? {
        let units = Array(s.utf16)
        guard units.count >= 2, units.first == 0x22, units.last == 0x22 else { return nil }
        var out: [UInt16] = []
        var i = 1
        while i < units.count - 1 {
            let unit = units[i]
            guard unit >= 0x20, unit != 0x22 else { return nil }
            guard unit == 0x5C else {
                out.append(unit)
                i += 1
                continue
            }
            guard i + 1 < units.count - 1 else { return nil }
            let escaped = units[i + 1]
            i += 2
            switch escaped {
            case 0x22, 0x5C, 0x2F: out.append(escaped)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard i + 4 <= units.count - 1,
                      let code = UInt16(String(decoding: units[i..<(i + 4)], as: UTF16.self), radix: 16) else { return nil }
                out.append(code)
                i += 4
            default: return nil
            }
        }
        return String(decoding: out, as: UTF16.self)
    }
}
