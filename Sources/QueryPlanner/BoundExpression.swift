import SQLSyntax

/// An expression after binding: names resolved to slots of the row it is evaluated on,
/// types inferred, functions resolved. The runtime evaluates these.
public indirect enum BoundExpression: Sendable, Hashable {
    /// The value in a slot of the row.
    case slot(Int)
    case constant(Value)
    /// `-x` of the given result type.
    case negate(BoundExpression, DataType)
    case not(BoundExpression)
    /// `a + b` and the like, computed in `type` (integers wrap as Java's do).
    case arithmetic(BinaryOperator, BoundExpression, BoundExpression, DataType)
    /// `a = b` and the like; NULL when either side is NULL.
    case comparison(BinaryOperator, BoundExpression, BoundExpression)
    /// Three-valued `AND`.
    case and(BoundExpression, BoundExpression)
    /// Three-valued `OR`.
    case or(BoundExpression, BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    case isBoolean(BoundExpression, value: Bool, negated: Bool)
    case like(BoundExpression, LikePattern, negated: Bool)
    /// `LIKE` with a pattern computed per row.
    case likeDynamic(BoundExpression, pattern: BoundExpression, escape: Character?, negated: Bool)
    case inList(BoundExpression, [BoundExpression], negated: Bool)
    case between(BoundExpression, low: BoundExpression, high: BoundExpression, negated: Bool)
    /// `CASE WHEN c THEN r … ELSE e END`, the searched form (the simple form is rewritten).
    case caseWhen([CaseBranch], otherwise: BoundExpression)
    case cast(BoundExpression, from: DataType, to: DataType)
    case call(ScalarFunction, [BoundExpression], DataType)

    /// One `WHEN condition THEN result` of a bound `CASE`.
    public struct CaseBranch: Sendable, Hashable {
        public var condition: BoundExpression
        public var result: BoundExpression
    }

    /// The slots this expression reads.
    public var slots: Set<Int> {
        var out = Set<Int>()
        visit { if case .slot(let s) = $0 { out.insert(s) } }
        return out
    }

    /// The terms of an AND chain (itself when it is not one).
    public var conjuncts: [BoundExpression] {
        if case let .and(a, b) = self { return a.conjuncts + b.conjuncts }
        return [self]
    }

    func visit(_ body: (BoundExpression) -> Void) {
        body(self)
        switch self {
        case .slot, .constant: break
        case let .negate(e, _), let .not(e), let .isNull(e, _), let .isBoolean(e, _, _), let .like(e, _, _), let .cast(e, _, _):
            e.visit(body)
        case let .arithmetic(_, a, b, _), let .comparison(_, a, b), let .and(a, b), let .or(a, b):
            a.visit(body); b.visit(body)
        case let .likeDynamic(e, p, _, _):
            e.visit(body); p.visit(body)
        case let .inList(e, list, _):
            e.visit(body); list.forEach { $0.visit(body) }
        case let .between(e, l, h, _):
            e.visit(body); l.visit(body); h.visit(body)
        case let .caseWhen(branches, otherwise):
            for b in branches { b.condition.visit(body); b.result.visit(body) }
            otherwise.visit(body)
        case let .call(_, args, _):
            args.forEach { $0.visit(body) }
        }
    }
}

/// The scalar functions weir evaluates.
public enum ScalarFunction: String, Sendable, Hashable, CaseIterable {
    case upper = "UPPER", lower = "LOWER", charLength = "CHAR_LENGTH", concat = "CONCAT"
    case substring = "SUBSTRING", trimBoth = "TRIM", trimLeading = "LTRIM", trimTrailing = "RTRIM"
    case abs = "ABS", mod = "MOD", coalesce = "COALESCE", nullif = "NULLIF"
    case floor = "FLOOR", ceil = "CEIL", round = "ROUND", power = "POWER", sqrt = "SQRT"
    case concatWs = "CONCAT_WS", replace = "REPLACE"
    case dateFormat = "DATE_FORMAT", extract = "EXTRACT", floorTime = "FLOOR_TO", ceilTime = "CEIL_TO"
    case timestampDiff = "TIMESTAMPDIFF", timestampAdd = "TIMESTAMPADD", regexpExtract = "REGEXP_EXTRACT", splitIndex = "SPLIT_INDEX"
    case lpad = "LPAD", rpad = "RPAD", jsonValue = "JSON_VALUE", jsonValueAs = "JSON_VALUE RETURNING", currentWatermark = "CURRENT_WATERMARK", overlay = "OVERLAY", regexpCount = "REGEXP_COUNT", regexpInstr = "REGEXP_INSTR",
         regexpSubstr = "REGEXP_SUBSTR", translate = "TRANSLATE", elt = "ELT", uuid = "UUID", rand = "RAND", startsWith = "STARTSWITH", endsWith = "ENDSWITH", jsonExists = "JSON_EXISTS"
    case initcap = "INITCAP", left = "LEFT", right = "RIGHT", repeatText = "REPEAT", reverse = "REVERSE", locate = "LOCATE"
    case regexp = "REGEXP", regexpReplace = "REGEXP_REPLACE", fromUnixtime = "FROM_UNIXTIME", unixTimestamp = "UNIX_TIMESTAMP"
    case toTimestamp = "TO_TIMESTAMP", md5 = "MD5", sha1 = "SHA1", sha256 = "SHA256", sha224 = "SHA224", sha384 = "SHA384", sha512 = "SHA512", sha2 = "SHA2", jsonQuery = "JSON_QUERY", parseUrl = "PARSE_URL"
    case greatest = "GREATEST", least = "LEAST", ln = "LN", log = "LOG", log10 = "LOG10", log2 = "LOG2", exp = "EXP", truncate = "TRUNCATE"
    /// A TIMESTAMP_LTZ (held as the zone's wall clock, the second argument) as its instant, and
    /// back: Flink's arithmetic on one moves the instant.
    case ltzInstant = "$LTZ_INSTANT", ltzWall = "$LTZ_WALL"
    case toTimestampLtz = "TO_TIMESTAMP_LTZ", substr = "SUBSTR", instr = "INSTR", ascii = "ASCII", chr = "CHR"
    case jsonQuote = "JSON_QUOTE", jsonUnquote = "JSON_UNQUOTE"
    case toBase64 = "TO_BASE64", fromBase64 = "FROM_BASE64", hex = "HEX", bin = "BIN", urlEncode = "URL_ENCODE", urlDecode = "URL_DECODE"
    case isDigit = "IS_DIGIT", isAlpha = "IS_ALPHA", isDecimal = "IS_DECIMAL"
    case sign = "SIGN", degrees = "DEGREES", radians = "RADIANS", sin = "SIN", cos = "COS", tan = "TAN", cot = "COT"
    case asin = "ASIN", acos = "ACOS", atan = "ATAN", atan2 = "ATAN2", sinh = "SINH", cosh = "COSH", tanh = "TANH", pi = "PI", e = "E"
    case jsonString = "JSON_STRING", jsonObject = "JSON_OBJECT", jsonArray = "JSON_ARRAY", jsonAggregate = "$JSON_AGG"
    case percentileEntry = "$PCT_ENTRY", percentile = "$PERCENTILE", hashCode = "HASH_CODE", avgMerge = "$AVG_MERGE", timestampText = "$TIMESTAMP_TEXT", timeText = "$TIME_TEXT"
    /// An ARRAY, MAP or ROW's JSON text (of the call's type) as a text equal for equal values:
    /// what `=` compares them by.
    case nestedKey = "$NESTED_KEY"
    case item = "ITEM", cardinality = "CARDINALITY", toDate = "TO_DATE", convertTz = "CONVERT_TZ", rowValue = "ROW"
    case arrayValue = "ARRAY_VALUE", mapValue = "MAP_VALUE", arrayContains = "ARRAY_CONTAINS", arrayDistinct = "ARRAY_DISTINCT"
    case arrayPosition = "ARRAY_POSITION", arrayRemove = "ARRAY_REMOVE", arrayReverse = "ARRAY_REVERSE", arraySlice = "ARRAY_SLICE"
    case arraySort = "ARRAY_SORT", arrayUnion = "ARRAY_UNION", arrayExcept = "ARRAY_EXCEPT", arrayIntersect = "ARRAY_INTERSECT",
         arrayAppend = "ARRAY_APPEND", arrayPrepend = "ARRAY_PREPEND", regexpExtractAll = "REGEXP_EXTRACT_ALL", printf = "PRINTF", arrayConcat = "ARRAY_CONCAT", arrayMax = "ARRAY_MAX", arrayMin = "ARRAY_MIN"
    case arrayJoin = "ARRAY_JOIN", element = "ELEMENT", split = "SPLIT", strToMap = "STR_TO_MAP", mapKeys = "MAP_KEYS"
    case mapValues = "MAP_VALUES", mapEntries = "MAP_ENTRIES", mapFromArrays = "MAP_FROM_ARRAYS", mapUnion = "MAP_UNION", isJson = "IS_JSON", similarTo = "SIMILAR_TO"
    /// The wall clock: the only functions whose results differ from run to run, as in Flink.
    case now = "NOW", currentDate = "CURRENT_DATE"
}

/// A compiled `LIKE` pattern: `%` any run, `_` any one character.
public struct LikePattern: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal([UInt8])
        case anyOne
        case anyRun
    }

    public var parts: [Part]
    public var text: String

    public init(_ pattern: String, escape: Character? = nil) {
        text = pattern
        var parts: [Part] = []
        var literal: [UInt8] = []
        var escaped = false
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = [] }
        }
        for c in pattern {
            if escaped {
                literal.append(contentsOf: Array(String(c).utf8))
                escaped = false
            } else if let escape, c == escape {
                escaped = true
            } else if c == "%" {
                flush()
                if parts.last != .anyRun { parts.append(.anyRun) }
            } else if c == "_" {
                flush()
                parts.append(.anyOne)
            } else {
                literal.append(contentsOf: Array(String(c).utf8))
            }
        }
        flush()
        self.parts = parts
    }

    /// Whether the UTF-8 text matches the whole pattern.
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            parts.withUnsafeBufferPointer { matches(bytes, 0, $0, 0) }
        }
    }

    /// Whether `s[i...]` matches `p[k...]`; a literal or `_` is matched in place, and `%` tries
    /// each place the rest could start.
    private func matches(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ p: UnsafeBufferPointer<Part>, _ k: Int) -> Bool {
        var i = i
        var k = k
        while k < p.count {
            switch p[k] {
            case .literal(let bytes):
                guard s.count - i >= bytes.count else { return false }
                for j in bytes.indices where s[i + j] != bytes[j] { return false }
                i += bytes.count
            case .anyOne:
                // Java's `.`, as Flink's LIKE is a regular expression: no line terminator
                // (\n, \r, U+0085, U+2028, U+2029), where `%` takes them too.
                guard i < s.count, s[i] != 0x0A, s[i] != 0x0D else { return false }
                if s[i] == 0xC2, i + 1 < s.count, s[i + 1] == 0x85 { return false }
                if s[i] == 0xE2, i + 2 < s.count, s[i + 1] == 0x80, s[i + 2] == 0xA8 || s[i + 2] == 0xA9 { return false }
                i = min(s.count, i + utf8Length(s[i]))
            case .anyRun:
                if k + 1 == p.count { return true }
                while true {
                    if matches(s, i, p, k + 1) { return true }
                    if i == s.count { return false }
                    i = min(s.count, i + utf8Length(s[i]))
                }
            }
            k += 1
        }
        return i == s.count
    }

    private func utf8Length(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

extension BoundExpression {
    /// This expression with every sub-expression `replace` answers for replaced (the first
    /// answer wins; its own sub-expressions are not visited).
    public func replacing(_ replace: (BoundExpression) -> BoundExpression?) -> BoundExpression {
        if let replaced = replace(self) { return replaced }
        func r(_ e: BoundExpression) -> BoundExpression { e.replacing(replace) }
        switch self {
        case .slot, .constant: return self
        case let .negate(e, t): return .negate(r(e), t)
        case let .not(e): return .not(r(e))
        case let .arithmetic(op, a, b, t): return .arithmetic(op, r(a), r(b), t)
        case let .comparison(op, a, b): return .comparison(op, r(a), r(b))
        case let .and(a, b): return .and(r(a), r(b))
        case let .or(a, b): return .or(r(a), r(b))
        case let .isNull(e, n): return .isNull(r(e), negated: n)
        case let .isBoolean(e, v, n): return .isBoolean(r(e), value: v, negated: n)
        case let .like(e, p, n): return .like(r(e), p, negated: n)
        case let .likeDynamic(e, p, esc, n): return .likeDynamic(r(e), pattern: r(p), escape: esc, negated: n)
        case let .inList(e, list, n): return .inList(r(e), list.map(r), negated: n)
        case let .between(e, l, h, n): return .between(r(e), low: r(l), high: r(h), negated: n)
        case let .caseWhen(branches, otherwise):
            return .caseWhen(branches.map { CaseBranch(condition: r($0.condition), result: r($0.result)) }, otherwise: r(otherwise))
        case let .cast(e, from, to): return .cast(r(e), from: from, to: to)
        case let .call(f, args, t): return .call(f, args.map(r), t)
        }
    }

    /// Whether `CURRENT_WATERMARK` appears inside.
    public var readsWatermark: Bool {
        var found = false
        visit { if case .call(.currentWatermark, _, _) = $0 { found = true } }
        return found
    }
}
