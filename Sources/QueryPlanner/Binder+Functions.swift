import SQLSyntax

extension Binder {
    /// The window property a function name reads, if it is one: `TUMBLE_START` → 0.
    static func windowProperty(_ upper: String) -> (kind: String, slot: Int)? {
        for kind in ["TUMBLE", "HOP", "SESSION"] {
            for (suffix, slot) in [("_START", 0), ("_END", 1), ("_ROWTIME", 2)] where upper == kind + suffix {
                return (kind, slot)
            }
        }
        return nil
    }

    /// Flink's built-in functions weir does not have yet: named as such, not as a typo.
    static let flinkFunctionsNotYet: Set<String> = [
        "DECODE", "ENCODE", "RAND_INTEGER", "UNHEX",
    ]

    /// Names other engines have and Flink 2.3 does not (checked against Flink itself): what
    /// to write instead.
    static let notInFlink: [String: String] = [
        "BOOL_AND": "Flink has no BOOL_AND: MIN of a BOOLEAN is TRUE only when every value is",
        "BOOL_OR": "Flink has no BOOL_OR: MAX of a BOOLEAN is TRUE when any value is",
        "DATEDIFF": "Flink has no DATEDIFF: TIMESTAMPDIFF(DAY, a, b)",
        "DATE_ADD": "Flink has no DATE_ADD: TIMESTAMPADD(DAY, n, ts)",
        "DATE_SUB": "Flink has no DATE_SUB: TIMESTAMPADD(DAY, -n, ts)",
    ]

    /// A function's arguments with the session's time zone appended when it is not UTC.
    func zoned(_ values: [BoundExpression]) -> [BoundExpression] {
        timeZone == "UTC" ? values : values + [.constant(.string(timeZone))]
    }

    /// A value of type `type` as Flink's arithmetic sees it: a TIMESTAMP_LTZ (held as the
    /// session zone's wall clock) as its instant; `wall` takes a result back.
    func instant(_ e: BoundExpression, _ type: DataType) -> BoundExpression {
        type == .timestampLtz && timeZone != "UTC" ? .call(.ltzInstant, [e, .constant(.string(timeZone))], .timestamp) : e
    }
    /// A TIMESTAMP_LTZ as JSON_OBJECT, JSON_ARRAY and JSON_STRING write it: its instant in
    /// UTC with a Z (checked: "2024-02-29T12:34:56.789Z" in Los Angeles too).
    func ltzJSON(_ e: BoundExpression) -> BoundExpression {
        .call(.jsonString, [instant(e, .timestampLtz), .constant(.string("Z"))], .string)
    }
    func wall(_ e: BoundExpression, _ type: DataType) -> BoundExpression {
        type == .timestampLtz && timeZone != "UTC" ? .call(.ltzWall, [e, .constant(.string(timeZone))], .timestamp) : e
    }

    /// The hint of an unknown function: Flink's way to say it, or the closest name.
    static func unknownFunctionHint(_ upper: String) -> String? {
        if let instead = notInFlink[upper] { return instead }
        let known = scalarFunctionNames + ["COUNT", "SUM", "MIN", "MAX", "AVG"]
        return closestName(to: upper, among: known).map { "did you mean \($0)?" }
    }

    static let scalarFunctionNames: [String] = ScalarFunction.allCases.map(\.rawValue).filter { !["FLOOR_TO", "CEIL_TO"].contains($0) && !$0.contains(" ") && !$0.hasPrefix("$") }
        + ["CHARACTER_LENGTH", "CEILING", "POW", "IFNULL", "IF", "POSITION", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "BTRIM", "TYPEOF", "CURRENT_TIME", "LOCALTIME", "TRY_CAST", "GROUPING", "GROUPING_ID", "GROUP_ID", "PROCTIME"] + timeParts

    /// `YEAR(ts)` … `SECOND(ts)`: `EXTRACT` of that unit.
    static let timeParts = ["YEAR", "QUARTER", "MONTH", "WEEK", "DAYOFYEAR", "DAYOFMONTH", "DAYOFWEEK", "HOUR", "MINUTE", "SECOND"]
    /// The units `EXTRACT`, `FLOOR … TO` and `TIMESTAMPDIFF` take.
    static let timeUnits = ["MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "DOY", "DOW", "DAYOFYEAR", "DAYOFMONTH", "DAYOFWEEK"]

    mutating func bindFunction(_ name: Identifier, _ arguments: [Expression], _ distinct: Bool,
                               _ expression: Expression, _ scope: Scope) throws(PlanningError) -> (BoundExpression, DataType) {
        // `row.field` (the parser's $FIELD) is an ITEM with the field's name.
        let upper = name.name == "$FIELD" ? "ITEM" : name.name.uppercased()
        if let aggregate = AggregateFunction(rawValue: upper) {
            guard scope == .aggregate else {
                throw PlanningError("\(upper) is an aggregate and cannot be used here", at: name.location,
                                    hint: windowOrGroupHint())
            }
            return try bindAggregate(aggregate, arguments, distinct, expression)
        }
        if let property = Self.windowProperty(upper) {
            return try bindWindowProperty(upper, property, arguments, expression, scope)
        }
        if ["TUMBLE", "HOP", "SESSION", "CUMULATE"].contains(upper) {
            throw PlanningError("\(upper)(…) belongs in GROUP BY", at: name.location,
                                hint: "group by it and select \(upper == "CUMULATE" ? "window_start" : "\(upper)_START(…)") to see the window")
        }
        if distinct {
            throw PlanningError("DISTINCT is only allowed in an aggregate", at: name.location)
        }
        if name.name == Expression.overlapsName, arguments.count == 4 {
            // As Calcite: an INTERVAL end is start + interval; each period's ends put in order;
            // then e0 >= s1 AND e1 >= s0.
            var ends: [Expression] = []
            for pair in [(arguments[0], arguments[1]), (arguments[2], arguments[3])] {
                let (start, end) = pair
                let isInterval = try bind(end, scope).1 == .interval
                let last = isInterval ? Expression(.binary(.add, start, end), at: end.location) : end
                let ordered = Expression(.binary(.lessOrEqual, start, last), at: start.location)
                func pick(_ whenOrdered: Expression, _ otherwise: Expression) -> Expression {
                    Expression(.caseWhen(operand: nil, branches: [.init(condition: ordered, result: whenOrdered)], otherwise: otherwise), at: start.location)
                }
                ends += [pick(start, last), pick(last, start)]
            }
            let overlaps = Expression(.binary(.and, Expression(.binary(.greaterOrEqual, ends[1], ends[2]), at: expression.location),
                                              Expression(.binary(.greaterOrEqual, ends[3], ends[0]), at: expression.location)), at: expression.location)
            return try bind(overlaps, scope)
        }
        guard Self.scalarFunctionNames.contains(upper) || upper == "$ELEMENT_JSON"
                || [ScalarFunction.jsonAggregate, .percentileEntry, .percentile, .avgMerge].map(\.rawValue).contains(upper) else {
            if upper == "APPROX_COUNT_DISTINCT" {
                // Checked on Flink 2.3: "APPROX_COUNT_DISTINCT aggregate function does not support yet for streaming".
                throw PlanningError("APPROX_COUNT_DISTINCT runs only in batch mode, in Flink 2.3 too: not on a stream", at: name.location,
                                    hint: "COUNT(DISTINCT \(arguments.first.map(\.description) ?? "x")) gives the exact count")
            }
            if Self.flinkFunctionsNotYet.contains(upper) {
                throw PlanningError("\(upper) is a Flink function weir does not support yet", at: name.location,
                                    hint: "the README lists the functions weir has; \\help in the shell completes them")
            }
            throw PlanningError("unknown function \(name.name)", at: name.location, hint: Self.unknownFunctionHint(upper))
        }
        var bound: [(BoundExpression, DataType)] = []
        for argument in arguments { bound.append(try bind(argument, scope)) }
        func arity(_ range: ClosedRange<Int>) throws(PlanningError) {
            guard range.contains(arguments.count) else {
                let count = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                throw PlanningError("\(upper) takes \(count) argument\(range.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: name.location)
            }
        }
        func strings() throws(PlanningError) {
            for (i, (_, t)) in bound.enumerated() { try requireString(t, arguments[i], upper) }
        }
        func numbers() throws(PlanningError) {
            for (i, (_, t)) in bound.enumerated() { try requireNumeric(t, arguments[i], upper) }
        }
        let values = bound.map(\.0)
        switch upper {
        case "UPPER", "LOWER":
            try arity(1...1); try strings()
            return (.call(upper == "UPPER" ? .upper : .lower, values, .string), .string)
        case "CHAR_LENGTH", "CHARACTER_LENGTH":
            try arity(1...1); try strings()
            return (.call(.charLength, values, .int), .int)
        case "CONCAT":
            try arity(1...64); try strings()
            return (.call(.concat, values, .string), .string)
        case "CONCAT_WS":
            try arity(2...64); try strings()
            return (.call(.concatWs, values, .string), .string)
        case "REPLACE":
            try arity(3...3); try strings()
            return (.call(.replace, values, .string), .string)
        case "LTRIM", "RTRIM":
            // LTRIM(text [, characters]), spaces by default.
            try arity(1...2); try strings()
            return (.call(upper == "LTRIM" ? .trimLeading : .trimTrailing, values.count == 1 ? values + [.constant(.string(" "))] : values, .string), .string)
        case "STARTSWITH", "ENDSWITH":
            try arity(2...2); try strings()
            return (.call(upper == "STARTSWITH" ? .startsWith : .endsWith, values, .boolean), .boolean)
        case "FLOOR" where arguments.count == 2, "CEIL" where arguments.count == 2:
            // FLOOR(ts TO unit); a DATE (its midnight) stays a DATE, a TIME (its milliseconds
            // of 1970-01-01) a TIME.
            let function: ScalarFunction = upper == "FLOOR" ? .floorTime : .ceilTime
            if bound[0].1 == .date {
                try requireUnit(arguments[1], ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "DECADE", "CENTURY", "MILLENNIUM"])
                return (.cast(.call(function, values + [.constant(.string("DATE"))], .timestamp), from: .timestamp, to: .date), .date)
            }
            if bound[0].1 == .time {
                // Not wrapped at midnight: CEIL(TIME '23:30:00' TO HOUR) is 24:00:00, as in Flink.
                try requireUnit(arguments[1], ["SECOND", "MINUTE", "HOUR"])
                return (.call(function, values, .time), .time)
            }
            try requireTimestamp(bound[0].1, arguments[0], upper)
            try requireUnit(arguments[1], ["MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
                                           "DECADE", "CENTURY", "MILLENNIUM"])
            if bound[0].1 == .timestampLtz {
                // Rounded as Flink's DateTimeUtils.timestampFloor/Ceil: on the wall clock, then
                // back by the offset of the instant it rounded (not of the result).
                return (.call(function, zoned(values), .timestamp), .timestampLtz)
            }
            return (.call(function, values, .timestamp), .timestamp)
        case "EXTRACT":
            try arity(2...2)
            try requireUnit(arguments[0], Self.timeUnits + ["MICROSECOND", "NANOSECOND", "EPOCH", "ISODOW", "ISOYEAR", "DECADE", "CENTURY", "MILLENNIUM"])
            try requireTimestamp(bound[1].1, arguments[1], upper, orDate: true)
            return (.call(.extract, values, .bigint), .bigint)
        case _ where Self.timeParts.contains(upper):
            try arity(1...1)
            try requireTimestamp(bound[0].1, arguments[0], upper, orDate: true)
            return (.call(.extract, [.constant(.string(upper))] + values, .bigint), .bigint)
        case "TIMESTAMPDIFF":
            try arity(3...3)
            try requireUnit(arguments[0], ["MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"])
            // A DATE is its midnight, a TIME its time of 1970-01-01.
            if bound[1].1 != .date, bound[1].1 != .time { try requireTimestamp(bound[1].1, arguments[1], upper) }
            if bound[2].1 != .date, bound[2].1 != .time { try requireTimestamp(bound[2].1, arguments[2], upper) }
            // Between the instants of TIMESTAMP_LTZs (checked: 01:30 to 03:30 the night clocks go forward is one hour).
            return (.call(.timestampDiff, [values[0], instant(values[1], bound[1].1), instant(values[2], bound[2].1)], .int), .int)
        case "TIMESTAMPADD":
            try arity(3...3)
            try requireUnit(arguments[0], ["MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"])
            guard bound[1].1.isInteger || bound[1].1 == .dynamic else {
                throw PlanningError("TIMESTAMPADD adds a whole number of units, not \(bound[1].1)", at: arguments[1].location)
            }
            if bound[2].1 == .date {
                // A DATE moved by days or more stays a DATE; by hours or less it is a TIMESTAMP.
                guard case .literal(.string(let unit)) = arguments[0].kind, ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"].contains(unit) else {
                    return (.call(.timestampAdd, values, .timestamp), .timestamp)
                }
                return (.cast(.call(.timestampAdd, values, .timestamp), from: .timestamp, to: .date), .date)
            }
            if bound[2].1 == .time {
                // A TIME moves around the clock (checked: 00:00 plus 5000 hours is 08:00).
                try requireUnit(arguments[0], ["MILLISECOND", "SECOND", "MINUTE", "HOUR"])
                return (.cast(.call(.timestampAdd, values, .timestamp), from: .timestamp, to: .time), .time)
            }
            try requireTimestamp(bound[2].1, arguments[2], upper)
            // A TIMESTAMP_LTZ's instant moves (a day is 24 hours, a month the UTC calendar's).
            let moved = BoundExpression.call(.timestampAdd, [values[0], values[1], instant(values[2], bound[2].1)], .timestamp)
            return (wall(moved, bound[2].1), .timestamp(like: bound[2].1))
        case "DATE_FORMAT":
            try arity(2...2)
            try requireString(bound[1].1, arguments[1], upper)
            // Text is read as 'yyyy-MM-dd HH:mm:ss' first (the third argument says so).
            if bound[0].1 == .string { return (.call(.dateFormat, values + [.constant(.bool(true))], .string), .string) }
            try requireTimestamp(bound[0].1, arguments[0], upper)
            return (.call(.dateFormat, values, .string), .string)
        case "REGEXP_EXTRACT":
            try arity(2...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.regexpExtract, values.count == 2 ? values + [.constant(.int(0))] : values, .string), .string)
        case "PRINTF":
            // The argument types ride along, one letter each (JavaFormat.layout's), for `%x`'s
            // width and `%s` of a FLOAT, DATE or TIMESTAMP.
            try arity(1...64)
            try requireString(bound[0].1, arguments[0], upper)
            let codes = String(bound.dropFirst().map(\.1).map { t -> Character in
                switch t {
                case .tinyint: "t"
                case .smallint: "s"
                case .int: "i"
                case .bigint: "l"
                case .float: "f"
                case .double: "d"
                case .date: "D"
                case .timestamp, .timestampLtz: "T"
                default: "x"
                }
            })
            return (.call(.printf, [.constant(.string(codes))] + values, .string), .string)
        case "REGEXP_EXTRACT_ALL":
            try arity(2...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.regexpExtractAll, values.count == 2 ? values + [.constant(.int(1))] : values, .array(.string)), .array(.string))
        case "OVERLAY":
            try arity(3...4)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.overlay, values, .string), .string)
        case "JSON_VALUE":
            try arity(2...7)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            var values = values, bound = bound
            if case .literal(.string(let text)) = arguments[1].kind, !text.contains("()"),
               text.contains("*") || text.contains("..") || text.contains("?(") {
                // A wildcard, deep scan or filter always finds a list (Jayway's indefinite
                // path), never the scalar JSON_VALUE returns: Flink answers the ON ERROR
                // behaviour, as for a member that is missing, which this path is.
                let missing = BoundExpression.constant(.string("$.\u{0}weir: an indefinite path finds no scalar"))
                values[1] = missing
                bound[1].0 = missing
            } else {
                try requireSimplePath(arguments[1], upper)
            }
            guard arguments.count == 7 else { return (.call(.jsonValue, values, .string), .string) }
            return try bindJSONValueReturning(arguments, bound)
        case "PARSE_URL":
            try arity(2...3)
            for i in bound.indices { try requireString(bound[i].1, arguments[i], upper) }
            return (.call(.parseUrl, values, .string), .string)
        case "JSON_QUERY":
            try arity(2...6)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            try requireSimplePath(arguments[1], upper, wildcards: true)
            // RETURNING ARRAY<STRING> (a sixth argument): the array's elements as text.
            let type: DataType = values.count == 6 ? .array(.string) : .string
            if values.count >= 5, Self.isLaxPath(arguments[1]) {
                // An explicit `lax` path takes the ON EMPTY behaviour for every miss (checked).
                return (.call(.jsonQuery, [values[0], values[1], values[2], values[3], values[3]] + values.dropFirst(5), type), type)
            }
            return (.call(.jsonQuery, values, type), type)
        case "ROW":
            // ROW(a, b): a ROW of fields EXPR$0, EXPR$1, … (never NULL), held as its JSON.
            guard !arguments.isEmpty else { throw PlanningError("ROW(…) needs at least one field", at: name.location) }
            var layout = "!"
            var fields: [Column] = []
            var args: [BoundExpression] = []
            for (i, (value, type)) in bound.enumerated() {
                let fieldType = type == .null ? DataType.string : type
                layout += fieldType.isJSONText ? "r" : "v"
                fields.append(Column(name: "EXPR$\(i)", type: fieldType))
                args += [.constant(.string("EXPR$\(i)")), value]
            }
            return (.call(.rowValue, [.constant(.string(layout))] + args, .row(fields)), .row(fields))
        case "SIMILAR_TO":
            try arity(2...3); try strings()
            return (.call(.similarTo, values, .boolean), .boolean)
        case "IS_JSON":
            try arity(2...2)
            try requireString(bound[0].1, arguments[0], "IS JSON")
            return (.call(.isJson, values, .boolean), .boolean)
        case "JSON_EXISTS":
            try arity(2...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            try requireSimplePath(arguments[1], upper, wildcards: true)
            return (.call(.jsonExists, values, .boolean), .boolean)
        case "SPLIT_INDEX":
            try arity(3...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.splitIndex, values, .string), .string)
        case "SHA2":
            try arity(2...2)
            try requireString(bound[0].1, arguments[0], upper)
            guard bound[1].1.isInteger || bound[1].1 == .null else {
                throw PlanningError("SHA2's second argument is the digest's length in bits: 224, 256, 384 or 512", at: arguments[1].location)
            }
            return (.call(.sha2, values, .string), .string)
        case "INITCAP", "REVERSE", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512":
            try arity(1...1)
            try requireString(bound[0].1, arguments[0], upper)
            let function: ScalarFunction = switch upper {
            case "INITCAP": .initcap
            case "REVERSE": .reverse
            case "MD5": .md5
            case "SHA1": .sha1
            case "SHA224": .sha224
            case "SHA384": .sha384
            case "SHA512": .sha512
            default: .sha256
            }
            return (.call(function, values, .string), .string)
        case "LEFT", "RIGHT", "REPEAT":
            try arity(2...2)
            try requireString(bound[0].1, arguments[0], upper)
            guard bound[1].1.isInteger || bound[1].1 == .dynamic || bound[1].1 == .null else {
                throw PlanningError("\(upper) takes a whole number of characters, not \(bound[1].1)", at: arguments[1].location)
            }
            let function: ScalarFunction = upper == "LEFT" ? .left : upper == "RIGHT" ? .right : .repeatText
            return (.call(function, values, .string), .string)
        case "LOCATE", "POSITION":
            try arity(upper == "POSITION" ? 2...2 : 2...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.locate, values.count == 2 ? values + [.constant(.int(1))] : values, .int), .int)
        case "REGEXP":
            try arity(2...2)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[1].1, arguments[1], upper)
            return (.call(.regexp, values, .boolean), .boolean)
        case "TRY_CAST":
            // A cast that fails is NULL in weir either way (Flink's CAST would stop the job).
            try arity(1...1)
            return bound[0]
        case "REGEXP_COUNT", "REGEXP_INSTR", "REGEXP_SUBSTR":
            try arity(2...2); try strings()
            let function: ScalarFunction = upper == "REGEXP_COUNT" ? .regexpCount : upper == "REGEXP_INSTR" ? .regexpInstr : .regexpSubstr
            let type: DataType = upper == "REGEXP_SUBSTR" ? .string : .int
            return (.call(function, values, type), type)
        case "BTRIM":
            // BTRIM(text [, characters]): both ends, spaces by default.
            try arity(1...2); try strings()
            return (.call(.trimBoth, values.count == 1 ? values + [.constant(.string(" "))] : values, .string), .string)
        case "TRANSLATE":
            try arity(3...3); try strings()
            return (.call(.translate, values, .string), .string)
        case "ELT":
            guard arguments.count >= 2 else { throw PlanningError("ELT takes an index and one or more values", at: name.location) }
            try requireNumeric(bound[0].1, arguments[0], upper)
            var type = DataType.null
            for (t, e) in zip(bound.dropFirst().map(\.1), arguments.dropFirst()) {
                guard let common = DataType.common(type, t) else { throw PlanningError("ELT's values have types \(type) and \(t)", at: e.location) }
                type = common
            }
            return (.call(.elt, [values[0]] + zip(bound.dropFirst(), values.dropFirst()).map { coerce($1, from: $0.1, to: type) }, type), type)
        case "TYPEOF":
            // The argument's type as Flink names it (weir does not track NOT NULL); the second
            // argument, forceSerializable, changes nothing for the types weir has.
            try arity(1...2)
            return (.constant(.string(bound[0].1 == .dynamic ? "STRING" : "\(bound[0].1)")), .string)
        case "UUID":
            try arity(0...0)
            return (.call(.uuid, [], .string), .string)
        case "RAND":
            try arity(0...1)
            return (.call(.rand, values, .double), .double)
        case "REGEXP_REPLACE":
            try arity(3...3)
            for i in 0..<3 { try requireString(bound[i].1, arguments[i], upper) }
            return (.call(.regexpReplace, values, .string), .string)
        case "FROM_UNIXTIME":
            try arity(1...2)
            guard bound[0].1.isInteger || bound[0].1 == .dynamic || bound[0].1 == .null else {
                throw PlanningError("FROM_UNIXTIME takes seconds since the epoch, a whole number, not \(bound[0].1)", at: arguments[0].location)
            }
            if bound.count == 2 { try requireString(bound[1].1, arguments[1], upper) }
            return (.call(.fromUnixtime, zoned(values.count == 1 ? values + [.constant(.string("yyyy-MM-dd HH:mm:ss"))] : values), .string), .string)
        case "UNIX_TIMESTAMP", "TO_TIMESTAMP":
            try arity(upper == "UNIX_TIMESTAMP" ? 0...2 : 1...2)
            if arguments.isEmpty { return (.call(.unixTimestamp, [], .bigint), .bigint) }  // the wall clock
            try requireString(bound[0].1, arguments[0], upper)
            if bound.count == 2 { try requireString(bound[1].1, arguments[1], upper) }
            // TO_TIMESTAMP(text) has a formatter of its own (JavaTimeParsing.defaultTimestamp).
            let withFormat = values.count == 1 ? values + [.constant(.string("yyyy-MM-dd HH:mm:ss"))] : values
            return upper == "TO_TIMESTAMP" ? (.call(.toTimestamp, values, .timestamp), .timestamp) : (.call(.unixTimestamp, zoned(withFormat), .bigint), .bigint)
        case "LPAD", "RPAD":
            try arity(3...3)
            try requireString(bound[0].1, arguments[0], upper)
            try requireString(bound[2].1, arguments[2], upper)
            return (.call(upper == "LPAD" ? .lpad : .rpad, values, .string), .string)
        case "ABS", "FLOOR", "CEIL", "CEILING":
            try arity(1...1); try numbers()
            let function: ScalarFunction = upper == "ABS" ? .abs : upper == "FLOOR" ? .floor : .ceil
            var type = bound[0].1 == .null ? DataType.int : bound[0].1
            // FLOOR and CEIL of DECIMAL(p, s) are DECIMAL(p, 0), as Calcite's ARG0_OR_EXACT_NO_SCALE.
            if function != .abs, case let .decimal(precision, _) = type { type = .decimal(precision: precision, scale: 0) }
            return (.call(function, values, type), type)
        case "GREATEST", "LEAST":
            try arity(1...64)
            var type = DataType.null
            for (i, (_, t)) in bound.enumerated() {
                guard let common = DataType.common(type, t) ?? (type == t ? t : nil) else {
                    throw PlanningError("\(upper) arguments have types \(type) and \(t)", at: arguments[i].location)
                }
                // Calcite's leastRestrictive depends on the order here: a DECIMAL then a FLOAT
                // is a FLOAT, a FLOAT then a DECIMAL a DOUBLE (checked on Flink 2.3).
                if case .decimal = type, t == .float { type = .float } else { type = common }
            }
            // Calcite's leastRestrictive: a FLOAT beside a DOUBLE is a DOUBLE in either order
            // (unlike `f + d`, whose first approximate type wins).
            if type == .float, bound.contains(where: { $0.1 == .double }) { type = .double }
            let coerced = bound.map { coerce($0.0, from: $0.1, to: type) }
            return (.call(upper == "GREATEST" ? .greatest : .least, coerced, type), type)
        case "TO_TIMESTAMP_LTZ":
            // Epoch seconds (precision 0) or milliseconds (3, the default): the instant's wall
            // clock in the session's time zone (SessionTimeZone).
            if bound[0].1 == .string {
                // TO_TIMESTAMP_LTZ(text [, format [, zone]]): the text a wall clock of `zone`
                // (UTC by default, as Flink), shown in the session's.
                try arity(1...3); try strings()
                let format = values.count > 1 ? values[1] : .constant(.string(""))  // "": Flink's default reading
                let zone = values.count > 2 ? values[2] : .constant(.string("UTC"))
                return (.call(.toTimestampLtz, zoned([values[0], format, zone]), .timestamp), .timestampLtz)
            }
            try arity(1...2)
            guard bound[0].1.isNumeric || bound[0].1 == .dynamic || bound[0].1 == .null else {
                throw PlanningError("TO_TIMESTAMP_LTZ takes seconds or milliseconds since the epoch, or text, not \(bound[0].1)", at: arguments[0].location,
                                    hint: "TO_TIMESTAMP_LTZ(epoch_ms, 3), TO_TIMESTAMP_LTZ(epoch_s, 0) or TO_TIMESTAMP_LTZ(text [, format [, zone]])")
            }
            var precision: Int64 = 3
            if arguments.count == 2 {
                guard case .constant(.int(let p)) = values[1], p == 0 || p == 3 else {
                    throw PlanningError("TO_TIMESTAMP_LTZ's precision is 0 (seconds) or 3 (milliseconds)", at: arguments[1].location)
                }
                precision = p
            }
            return (.call(.toTimestampLtz, zoned([values[0], .constant(.int(precision))]), .timestamp), .timestampLtz)
        case "SUBSTR":
            try arity(2...3)
            try requireString(bound[0].1, arguments[0], upper)
            for i in 1..<bound.count { try requireNumeric(bound[i].1, arguments[i], upper) }
            return (.call(.substr, values, .string), .string)
        case "INSTR":
            try arity(2...4)
            for i in 0..<2 { try requireString(bound[i].1, arguments[i], upper) }
            for i in 2..<bound.count { try requireNumeric(bound[i].1, arguments[i], upper) }
            if values.count == 2 { return (.call(.locate, [values[1], values[0], .constant(.int(1))], .int), .int) }
            return (.call(.instr, values + (values.count == 3 ? [.constant(.int(1))] : []), .int), .int)
        case "ASCII":
            try arity(1...1); try strings()
            return (.call(.ascii, values, .int), .int)
        case "CHR":
            try arity(1...1); try numbers()
            return (.call(.chr, values, .string), .string)
        case "JSON_QUOTE", "JSON_UNQUOTE":
            try arity(1...1); try strings()
            return (.call(upper == "JSON_QUOTE" ? .jsonQuote : .jsonUnquote, values, .string), .string)
        case "TO_BASE64", "FROM_BASE64", "URL_ENCODE", "URL_DECODE":
            try arity(1...1); try strings()
            let function: ScalarFunction = switch upper {
            case "TO_BASE64": .toBase64
            case "FROM_BASE64": .fromBase64
            case "URL_ENCODE": .urlEncode
            default: .urlDecode
            }
            return (.call(function, values, .string), .string)
        case "IS_DIGIT", "IS_ALPHA", "IS_DECIMAL":
            try arity(1...1); try strings()
            let function: ScalarFunction = upper == "IS_DIGIT" ? .isDigit : upper == "IS_ALPHA" ? .isAlpha : .isDecimal
            return (.call(function, values, .boolean), .boolean)
        case "HEX", "BIN":
            try arity(1...1)
            if upper == "BIN" || !(bound[0].1 == .string || bound[0].1 == .dynamic) {
                guard bound[0].1.isInteger || bound[0].1 == .dynamic || bound[0].1 == .null else {
                    throw PlanningError("\(upper) takes a whole number\(upper == "HEX" ? " or text" : ""), not \(bound[0].1)", at: arguments[0].location)
                }
            }
            return (.call(upper == "HEX" ? .hex : .bin, values, .string), .string)
        case "HASH_CODE":
            // Java's hashCode of the value as Flink holds it; the width of a whole number or
            // of a float decides it (Integer.hashCode is the value, Long.hashCode folds halves).
            try arity(1...1)
            let type = bound[0].1
            switch type {
            case .array, .map, .row: throw PlanningError("HASH_CODE takes a value of a scalar type, not \(type)", at: arguments[0].location)
            default: break
            }
            let width: Int64 = switch type {
            case .bigint: 64
            case .float: 32
            case .double, .dynamic: 65
            case .date: 31
            default: type.isInteger || type == .time ? 32 : 0
            }
            return (.call(.hashCode, values + [.constant(.int(width))], .int), .int)
        case "SIGN":
            try arity(1...1); try numbers()
            let type = bound[0].1 == .null ? DataType.int : bound[0].1
            return (.call(.sign, values, type), type)
        case "DEGREES", "RADIANS", "SIN", "COS", "TAN", "COT", "ASIN", "ACOS", "ATAN", "SINH", "COSH", "TANH":
            try arity(1...1); try numbers()
            return (.call(ScalarFunction(rawValue: upper)!, values, .double), .double)
        case "ATAN2":
            try arity(2...2); try numbers()
            return (.call(.atan2, values, .double), .double)
        case "ITEM":
            // arr[i]: the element's type; NULL past the end (as Flink).
            if case .map(let value) = bound[0].1 {
                try requireString(bound[1].1, arguments[1], "[…] of a MAP")
                return (.call(.item, values, value), value)
            }
            if bound[0].1 == .dynamic {
                // A field of an undeclared stream: its JSON array or object, the element typed
                // by its JSON value as every field of such a stream is.
                return (.call(.item, values, .dynamic), .dynamic)
            }
            if case .row(let fields) = bound[0].1 {
                // row.field (the parser's ITEM with the field's name).
                guard case .constant(.string(let key)) = values[1] else {
                    throw PlanningError("a ROW's field is read by name: row.field", at: arguments[1].location)
                }
                guard let field = fields.first(where: { $0.name == key }) ?? fields.first(where: { $0.name.lowercased() == key.lowercased() }) else {
                    throw PlanningError("\(bound[0].1) has no field \(key)", at: arguments[1].location,
                                        hint: closestName(to: key, among: fields.map(\.name)).map { "did you mean \($0)?" })
                }
                return (.call(.item, [values[0], .constant(.string(field.name))], field.type), field.type)
            }
            guard case .array(let element) = bound[0].1 else {
                throw PlanningError("[…] takes an element of an ARRAY or a MAP, not of \(bound[0].1)", at: arguments[0].location)
            }
            try requireNumeric(bound[1].1, arguments[1], "[…]")
            return (.call(.item, values, element), element)
        case "CARDINALITY":
            try arity(1...1)
            guard bound[0].1.isJSONText || bound[0].1 == .null || bound[0].1 == .dynamic else {
                throw PlanningError("CARDINALITY takes an ARRAY or a MAP, not \(bound[0].1)", at: arguments[0].location)
            }
            return (.call(.cardinality, values, .int), .int)
        case "NOW", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "PROCTIME":
            // The wall clock at each row, in the session's time zone: a TIMESTAMP_LTZ but for
            // LOCALTIMESTAMP, as Flink types them.
            try arity(0...0)
            return (.call(.now, zoned([]), .timestamp), upper == "LOCALTIMESTAMP" ? .timestamp : .timestampLtz)
        case "GROUPING", "GROUPING_ID", "GROUP_ID":
            // Grouping sets have been expanded before binding (each set's values put in): what
            // is left is a plain GROUP BY, where every key is grouped, in the one set there is.
            if upper == "GROUP_ID" { try arity(0...0) } else { try arity(1...64) }
            guard aggregating else {
                throw PlanningError("\(upper) may only occur in an aggregate query", at: name.location,
                                    hint: "GROUP BY the keys it names, or group with GROUPING SETS, ROLLUP or CUBE")
            }
            return (.constant(.int(0)), .int)
        case "CURRENT_WATERMARK":
            // The watermark of the operator evaluating it when the row arrives, NULL before the
            // first: only the graph's Calc substitutes it (the relational planner puts one there).
            try arity(1...1)
            try requireTimestamp(bound[0].1, arguments[0], upper)
            // As Flink: the argument is the rowtime attribute, whose watermark it reads.
            guard case let .column(_, column) = arguments[0].kind, let rowtime = table.rowtime,
                  column.name.lowercased() == rowtime.lowercased() else {
                throw PlanningError("CURRENT_WATERMARK takes the rowtime attribute (the column of a WATERMARK), not \(arguments[0])",
                                    at: arguments[0].location,
                                    hint: table.rowtime.map { "CURRENT_WATERMARK(\($0))" } ?? "declare the table with WATERMARK FOR ts AS …")
            }
            return (.call(.currentWatermark, values, .timestamp), .timestamp(like: bound[0].1))
        case "CURRENT_TIME", "LOCALTIME":
            // The wall clock's time of day, in the session's time zone.
            try arity(0...0)
            return (.call(.floorTime, [.cast(.call(.now, zoned([]), .timestamp), from: .timestamp, to: .time), .constant(.string("SECOND"))], .time), .time)
        case "CURRENT_DATE":
            try arity(0...0)
            return (.call(.currentDate, zoned([]), .date), .date)
        case "ARRAY_VALUE", "MAP_VALUE", "ARRAY_CONTAINS", "ARRAY_DISTINCT", "ARRAY_POSITION", "ARRAY_REMOVE", "ARRAY_REVERSE",
             "ARRAY_EXCEPT", "ARRAY_INTERSECT", "ARRAY_APPEND", "ARRAY_PREPEND",
             "ARRAY_SLICE", "ARRAY_SORT", "ARRAY_UNION", "ARRAY_CONCAT", "ARRAY_MAX", "ARRAY_MIN", "ARRAY_JOIN", "ELEMENT", "SPLIT",
             "STR_TO_MAP", "MAP_KEYS", "MAP_VALUES", "MAP_ENTRIES", "MAP_FROM_ARRAYS", "MAP_UNION":
            return try bindCollection(upper, name, arguments, bound)
        case "CONVERT_TZ":
            // Text 'yyyy-MM-dd HH:mm:ss' read as a wall clock of one zone, written as the same
            // instant's wall clock in another (Flink's DateTimeUtils.convertTz).
            try arity(3...3); try strings()
            return (.call(.convertTz, values, .string), .string)
        case "TO_DATE":
            // Text as a DATE: 'yyyy-MM-dd' strictly, or by a format, leniently (as Flink's
            // SimpleDateFormat: TO_DATE('2024-04-25', 'yyyyMMdd') is 2023-12-04).
            try arity(1...2); try strings()
            return (.call(.toDate, values, .date), .date)
        case "$ELEMENT_JSON":
            // An ARRAY_AGG element's JSON: a MAP inside keeps its order (the order Flink iterates it).
            if bound[0].1.isJSONText { return (.call(.jsonString, values + [.constant(.bool(false))], .string), .string) }
            return (.call(.jsonString, values, .string), .string)
        case "JSON_STRING":
            try arity(1...1)
            // A JSON_OBJECT or JSON_ARRAY is JSON already: Flink writes it as it is.
            if case let .function(inner, _, _) = arguments[0].kind, ["JSON_OBJECT", "JSON_ARRAY"].contains(inner.name.uppercased()) {
                return (values[0], .string)
            }
            if bound[0].1.isJSONText { return (.call(.jsonString, values + [.constant(.bool(true))], .string), .string) }
            if bound[0].1 == .timestampLtz { return (ltzJSON(values[0]), .string) }
            return (.call(.jsonString, values, .string), .string)
        case "$AVG_MERGE":
            // A split AVG's final value: the sum of its partial sums over the sum of its partial
            // counts, NULL for no rows, in AVG's type (a DECIMAL(38, s) sum's is DECIMAL(38, max(6, s))).
            try arity(2...2)
            var type = bound[0].1 == .null ? DataType.int : bound[0].1
            if case let .decimal(_, s) = type { type = .decimal(precision: 38, scale: max(6, s)) }
            return (.call(.avgMerge, values, type), type)
        case "$PCT_ENTRY":
            // PERCENTILE's value (any number) and frequency (an integer), per row.
            try requireNumeric(bound[0].1, arguments[0], "PERCENTILE's value")
            if bound.count > 1, !(bound[1].1.isInteger || bound[1].1 == .null) {
                throw PlanningError("PERCENTILE's frequency must be an integer, not \(bound[1].1)", at: arguments[1].location)
            }
            return (.call(.percentileEntry, values, .string), .string)
        case "$PERCENTILE":
            // The percentage, then the LISTAGG of the rows' entries.
            guard case .constant(let p) = values[0], let percentage = p.doubleValue else {
                if case .array = bound[0].1 {
                    throw PlanningError("PERCENTILE with an ARRAY of percentages is not supported yet", at: arguments[0].location,
                                        hint: "one PERCENTILE(v, p) for each percentage")
                }
                throw PlanningError("PERCENTILE's percentage must be a number literal between 0.0 and 1.0", at: arguments[0].location)
            }
            guard (0.0...1.0).contains(percentage) else {
                throw PlanningError("PERCENTILE's percentage must be between 0.0 and 1.0, not \(arguments[0])", at: arguments[0].location)
            }
            return (.call(.percentile, [.constant(.double(percentage)), values[1]], .double), .double)
        case "$JSON_AGG":
            // JSON_ARRAYAGG / JSON_OBJECTAGG / ARRAY_AGG, as the parser wrote them: a mode and
            // the LISTAGG (ARRAY_AGG's typed as its array).
            if case .constant(.string("C")) = values[0] {
                // COLLECT: a MULTISET, held as a map from each value's text to its count. The
                // mode names how Flink's HashMap hashes the values, for their order.
                guard case .array(let element) = bound[1].1 else { throw PlanningError("COLLECT takes one value", at: name.location) }
                let hashing = switch element {
                case .string: "s"
                case .tinyint, .smallint, .int: "i"
                case .bigint: "l"
                case .double: "d"
                case .boolean: "b"
                default: "x"
                }
                return (.call(.jsonAggregate, [.constant(.string("C" + hashing)), values[1]], .map(.int)), .map(.int))
            }
            let type: DataType = if case .array = bound[1].1 { bound[1].1 } else { .string }
            return (.call(.jsonAggregate, values, type), type)
        case "JSON_OBJECT", "JSON_ARRAY":
            // The first argument is the ON NULL mode (from the parser); then a layout string
            // tells the runtime which values are JSON already (a nested JSON_OBJECT or
            // JSON_ARRAY, inserted as it is) and which are values to write as JSON.
            guard case .constant(.string(let onNull)) = values.first else {
                throw PlanningError("\(upper) needs its KEY … VALUE … form", at: name.location)
            }
            let items = Array(arguments.dropFirst())
            var layout = onNull == "ABSENT" ? "A" : "N"
            var values = values
            for (i, item) in items.enumerated() {
                let isKey = upper == "JSON_OBJECT" && i % 2 == 0
                if isKey {
                    try requireString(bound[i + 1].1, item, upper)
                    layout += "k"
                } else if case let .function(inner, _, _) = item.kind, ["JSON_OBJECT", "JSON_ARRAY"].contains(inner.name.uppercased()) {
                    layout += "r"
                } else if bound[i + 1].1.isJSONText {
                    layout += "j"
                } else if bound[i + 1].1 == .timestampLtz {
                    values[i + 1] = ltzJSON(values[i + 1])
                    layout += "r"
                } else {
                    layout += "v"
                }
            }
            return (.call(upper == "JSON_OBJECT" ? .jsonObject : .jsonArray, [.constant(.string(layout))] + values.dropFirst(), .string), .string)
        case "PI", "E":
            try arity(0...0)
            return (.call(upper == "PI" ? .pi : .e, [], .double), .double)
        case "LN", "LOG10", "LOG2", "EXP":
            try arity(1...1); try numbers()
            let function: ScalarFunction = upper == "LN" ? .ln : upper == "LOG10" ? .log10 : upper == "LOG2" ? .log2 : .exp
            return (.call(function, values, .double), .double)
        case "LOG":
            try arity(1...2); try numbers()
            return (.call(.log, values, .double), .double)
        case "TRUNCATE", "ROUND":
            try arity(1...2); try numbers()
            var type = bound[0].1 == .null ? DataType.int : bound[0].1
            if case let .decimal(p, s) = type {
                // Flink's findRoundDecimalType: fewer fraction digits, one more integer digit.
                var digits: Int? = 0
                if arguments.count > 1 {
                    // A constant, negative ones (ROUND(x, -2): a negation of 2) too.
                    switch values[1] {
                    case .constant(.int(let d)): digits = Int(clamping: d)
                    case .negate(.constant(.int(let d)), _): digits = Int(clamping: 0 &- d)
                    default: digits = nil
                    }
                }
                if let digits, digits < s { type = .decimal(precision: min(38, 1 + p - s + max(0, digits)), scale: max(0, digits)) }
            }
            return (.call(upper == "ROUND" ? .round : .truncate, values, type), type)
        case "MOD":
            try arity(2...2); try numbers()
            // Calcite's MOD is typed as its second argument when both are whole numbers (a
            // DECIMAL(p, 0) first one too: MOD(DECIMAL(20, 0), INT) is an INT, checked).
            let wholeFirst = if case .decimal(_, 0) = bound[0].1 { true } else { bound[0].1.isInteger }
            let type = wholeFirst && bound[1].1.isInteger ? bound[1].1 : DataType.arithmetic(bound[0].1, bound[1].1, .modulo)
            return (.call(.mod, values, type), type)
        case "POWER", "POW", "SQRT":
            try arity(upper == "SQRT" ? 1...1 : 2...2); try numbers()
            return (.call(upper == "SQRT" ? .sqrt : .power, values, .double), .double)
        case "COALESCE", "IFNULL":
            try arity(upper == "IFNULL" ? 2...2 : 1...64)
            var type = DataType.null
            for (i, (_, t)) in bound.enumerated() {
                // A TIMESTAMP and a DATE meet as a DATE in Flink's COALESCE, in either order
                // (case w_coalesce_timestamp_date; CASE and IF refuse them, as Flink's do).
                if upper == "COALESCE", (type == .timestamp && t == .date) || (type == .date && t == .timestamp) {
                    type = .date
                    continue
                }
                guard let common = DataType.common(type, t) else {
                    throw PlanningError("\(upper) arguments have types \(type) and \(t)", at: arguments[i].location)
                }
                // FLOAT and DOUBLE meet as DOUBLE here, whichever comes first (checked:
                // COALESCE(f, d) is DOUBLE where CASE … THEN f ELSE d is FLOAT).
                type = type == .float && t == .double ? .double : common
            }
            let coerced = bound.map { coerce($0.0, from: $0.1, to: type) }
            return (.call(.coalesce, coerced, type), type)
        case "NULLIF":
            try arity(2...2)
            try requireComparable(bound[0].1, bound[1].1, arguments[1])
            return (.call(.nullif, values, bound[0].1), bound[0].1)
        case "IF":
            try arity(3...3)
            try requireBoolean(bound[0].1, arguments[0], "IF")
            guard let type = DataType.common(bound[1].1, bound[2].1) else {
                throw PlanningError("IF branches have types \(bound[1].1) and \(bound[2].1)", at: arguments[2].location)
            }
            let branches = [BoundExpression.CaseBranch(condition: values[0], result: coerce(values[1], from: bound[1].1, to: type))]
            return (.caseWhen(branches, otherwise: coerce(values[2], from: bound[2].1, to: type)), type)
        default:
            throw PlanningError("unknown function \(name.name)", at: name.location, hint: Self.unknownFunctionHint(upper))
        }
    }

    func requireTimestamp(_ type: DataType, _ e: Expression, _ function: String, orDate: Bool = false) throws(PlanningError) {
        guard type.isTimestamp || type == .dynamic || type == .null || (orDate && (type == .date || type == .time)) else {
            throw PlanningError("\(function) takes a TIMESTAMP, not \(type)", at: e.location)
        }
    }

    func requireUnit(_ e: Expression, _ units: [String]) throws(PlanningError) {
        guard case .literal(.string(let unit)) = e.kind, units.contains(unit) else {
            throw PlanningError("expected one of \(units.joined(separator: ", "))", at: e.location)
        }
    }

    func windowOrGroupHint() -> String {
        "aggregates go in the SELECT list or HAVING of a query with GROUP BY TUMBLE(…) or a window TVF"
    }

    mutating func bindAggregate(_ function: AggregateFunction, _ arguments: [Expression], _ distinct: Bool,
                                _ expression: Expression) throws(PlanningError) -> (BoundExpression, DataType) {
        var argument: BoundExpression?
        var argumentType = DataType.bigint
        var text = "\(function.rawValue)(\(distinct ? "DISTINCT " : "")"
        if arguments.count == 1, case .star = arguments[0].kind {
            guard function == .count, !distinct else {
                throw PlanningError("only COUNT takes *", at: arguments[0].location)
            }
            text += "*)"
        } else {
            // LISTAGG's third argument is ARRAY_AGG's value (the parser's), for its type.
            let most = function == .listagg ? (arguments.count == 3 ? 3 : 2) : 1
            guard (1...most).contains(arguments.count) else {
                throw PlanningError("\(function.rawValue) takes \(most == 1 ? "1 argument" : "1 or 2 arguments"), not \(arguments.count)", at: expression.location)
            }
            if containsAggregateOrWindowProperty(arguments[0]) {
                var nested = false
                var pending = [arguments[0]]
                while let e = pending.popLast() {
                    if case let .function(name, _, _) = e.kind, AggregateFunction(rawValue: name.name.uppercased()) != nil { nested = true }
                    pending.append(contentsOf: e.kind.children)
                }
                if nested { throw PlanningError("aggregates cannot be nested", at: arguments[0].location) }
                // Flink evaluates it per window; weir aggregates each event once for all its windows.
                throw PlanningError("an aggregate whose argument or FILTER reads the window (window_start, window_end, window_time) is not supported yet",
                                    at: arguments[0].location,
                                    hint: "compute the condition in a subquery over the window TVF (SELECT *, ts >= window_start + INTERVAL '5' SECOND AS late FROM TABLE(TUMBLE(…))) and aggregate it there (COUNT(*) FILTER (WHERE late))")
            }
            let (e, t) = try bind(arguments[0], .input)
            argument = e
            argumentType = t
            text += "\(arguments[0]))"
        }
        let resultType: DataType
        switch function {
        case .count:
            resultType = .bigint
        case .sum, .avg:
            try requireNumeric(argumentType, arguments[0], function.rawValue)
            switch argumentType {
            case .null: resultType = .int
            case let .decimal(_, s): resultType = .decimal(precision: 38, scale: function == .avg ? max(6, s) : s)
            case .float: resultType = .float  // checked: AVG of FLOAT 0.1 and 0.2 is 0.15 in Flink
            default: resultType = argumentType
            }
        case .min, .max, .firstValue, .lastValue:
            resultType = argumentType
        case .listagg where arguments.count == 3:
            // Only the parser writes a third argument (ARRAY_AGG's and COLLECT's value).
            guard case .literal(.string(let separator)) = arguments[1].kind, separator == "\u{1}" || separator == Expression.collectSeparator else {
                throw PlanningError("LISTAGG takes 1 or 2 arguments, not 3", at: expression.location)
            }
            resultType = .array(try bind(arguments[2], .input).1)
        case .listagg:
            try requireString(argumentType, arguments[0], function.rawValue)
            resultType = .string
        case .stddevPop, .stddevSamp, .varPop, .varSamp:
            // As Flink: the result keeps the argument's type (a BIGINT's deviation is a BIGINT);
            // a DECIMAL's is AVG's DECIMAL(38, max(6, scale)) (checked: 3.625000, not 3.63).
            try requireNumeric(argumentType, arguments[0], function.rawValue)
            if case let .decimal(_, s) = argumentType {
                resultType = .decimal(precision: 38, scale: max(6, s))
            } else {
                resultType = argumentType == .null ? .int : argumentType
            }
        }
        var call = AggregateCall(function: function, argument: argument, distinct: distinct,
                                 argumentType: argumentType, resultType: resultType, text: text)
        if function == .listagg, arguments.count == 2 {
            guard case .literal(.string(let separator)) = arguments[1].kind else {
                throw PlanningError("LISTAGG's separator is a string literal", at: arguments[1].location)
            }
            call.separator = separator
            call.separatorGiven = true
            call.text = "LISTAGG(\(arguments[0]), \(arguments[1]))"
        }
        if function == .listagg, arguments.count == 3, case .literal(.string(Expression.collectSeparator)) = arguments[1].kind {
            call.multiset = true
        }
        if let index = aggregates.firstIndex(of: call) {
            return (.slot(resultAggregateBase + index), resultType)
        }
        aggregates.append(call)
        return (.slot(resultAggregateBase + aggregates.count - 1), resultType)
    }

    mutating func bindWindowProperty(_ upper: String, _ property: (kind: String, slot: Int), _ arguments: [Expression],
                                     _ expression: Expression, _ scope: Scope) throws(PlanningError) -> (BoundExpression, DataType) {
        guard scope == .aggregate, let window, window.syntax == .groupWindow, let call = groupWindowCall,
              case let .function(windowName, windowArguments, _) = call.kind else {
            throw PlanningError("\(upper) needs GROUP BY \(property.kind)(…)", at: expression.location,
                                hint: windowFunction != nil ? "over a window TVF, select window_start, window_end or window_time" : nil)
        }
        guard windowName.name.uppercased() == property.kind, arguments == windowArguments else {
            throw PlanningError("\(upper)(\(arguments.map(\.description).joined(separator: ", "))) does not match the GROUP BY window \(call)",
                                at: expression.location, hint: "use the same arguments as in GROUP BY")
        }
        // *_ROWTIME has the time column's type (a TIMESTAMP_LTZ's is one), *_START and *_END are TIMESTAMPs.
        guard property.slot == 2, case let .column(_, column)? = windowArguments.first?.kind else { return (.slot(property.slot), .timestamp) }
        return (.slot(property.slot), .timestamp(like: table.column(named: column.name)?.type))
    }
}

/// Every function name weir knows, for completion in the shell.
public enum FunctionNames {
    public static let all: [String] = Binder.scalarFunctionNames
        + ["COUNT", "SUM", "MIN", "MAX", "AVG", "LISTAGG", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "ARRAY_AGG", "COLLECT", "PERCENTILE", "FIRST_VALUE", "LAST_VALUE", "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP",
           "ROW_NUMBER", "RANK", "DENSE_RANK", "TUMBLE", "HOP", "SESSION", "CUMULATE"]
        + ["TUMBLE", "HOP", "SESSION"].flatMap { kind in ["_START", "_END", "_ROWTIME"].map { kind + $0 } }
}

/// Each function's signature as `\\functions` shows it.
public enum FunctionSignatures {
    public static let all: [(name: String, signature: String)] = [
        ("ABS", "ABS(number)"), ("CEIL", "CEIL(number) | CEIL(ts TO unit)"), ("FLOOR", "FLOOR(number) | FLOOR(ts TO unit)"),
        ("ROUND", "ROUND(number [, digits])"), ("TRUNCATE", "TRUNCATE(number [, digits])"), ("MOD", "MOD(a, b)"),
        ("POWER", "POWER(x, y)"), ("SQRT", "SQRT(x)"), ("LN", "LN(x)"), ("LOG", "LOG(x) | LOG(base, x)"), ("LOG10", "LOG10(x)"),
        ("LOG2", "LOG2(x)"), ("EXP", "EXP(x)"), ("GREATEST", "GREATEST(v, …)"), ("LEAST", "LEAST(v, …)"),
        ("COALESCE", "COALESCE(v, …)"), ("NULLIF", "NULLIF(a, b)"), ("IFNULL", "IFNULL(v, default)"), ("IF", "IF(condition, then, else)"),
        ("CAST", "CAST(v AS type)"), ("TRY_CAST", "TRY_CAST(v AS type)"),
        ("UPPER", "UPPER(text)"), ("LOWER", "LOWER(text)"), ("INITCAP", "INITCAP(text)"), ("CHAR_LENGTH", "CHAR_LENGTH(text)"),
        ("SUBSTRING", "SUBSTRING(text FROM start [FOR length])"), ("CONCAT", "CONCAT(text, …)"), ("CONCAT_WS", "CONCAT_WS(separator, text, …)"),
        ("TRIM", "TRIM([BOTH|LEADING|TRAILING] [chars FROM] text)"), ("LTRIM", "LTRIM(text [, characters])"), ("RTRIM", "RTRIM(text [, characters])"),
        ("STARTSWITH", "STARTSWITH(text, prefix)"), ("ENDSWITH", "ENDSWITH(text, suffix)"),
        ("REPLACE", "REPLACE(text, from, to)"), ("LPAD", "LPAD(text, length, pad)"), ("RPAD", "RPAD(text, length, pad)"),
        ("LEFT", "LEFT(text, n)"), ("RIGHT", "RIGHT(text, n)"), ("REPEAT", "REPEAT(text, n)"), ("REVERSE", "REVERSE(text)"),
        ("LOCATE", "LOCATE(needle, text [, from])"), ("POSITION", "POSITION(needle IN text)"), ("SPLIT_INDEX", "SPLIT_INDEX(text, separator, index)"),
        ("REGEXP", "REGEXP(text, pattern)"), ("REGEXP_EXTRACT", "REGEXP_EXTRACT(text, pattern [, group])"),
        ("REGEXP_EXTRACT_ALL", "REGEXP_EXTRACT_ALL(text, pattern [, group])"), ("PRINTF", "PRINTF(format, value, …)"),
        ("REGEXP_REPLACE", "REGEXP_REPLACE(text, pattern, replacement)"), ("MD5", "MD5(text)"), ("SHA1", "SHA1(text)"), ("SHA256", "SHA256(text)"), ("SHA224", "SHA224(text)"),
        ("SHA384", "SHA384(text)"), ("SHA512", "SHA512(text)"), ("SHA2", "SHA2(text, 224 | 256 | 384 | 512)"),
        ("PARSE_URL", "PARSE_URL(url, 'HOST'|'PATH'|'QUERY'|'REF'|'PROTOCOL'|'FILE'|'AUTHORITY'|'USERINFO' [, key])"),
        ("OVERLAY", "OVERLAY(text PLACING replacement FROM start [FOR length])"),
        ("REGEXP_COUNT", "REGEXP_COUNT(text, regex)"), ("REGEXP_INSTR", "REGEXP_INSTR(text, regex)"), ("REGEXP_SUBSTR", "REGEXP_SUBSTR(text, regex)"),
        ("BTRIM", "BTRIM(text [, characters])"), ("TRANSLATE", "TRANSLATE(text, from, to)"), ("ELT", "ELT(index, value1, value2, …)"),
        ("TYPEOF", "TYPEOF(value)"), ("UUID", "UUID() (random)"), ("RAND", "RAND([seed]) (random)"), ("JSON_VALUE", "JSON_VALUE(json, path [RETURNING STRING|INT|DOUBLE|BOOLEAN] [NULL|DEFAULT value ON ERROR])"), ("JSON_QUERY", "JSON_QUERY(json, path [WITH [CONDITIONAL] WRAPPER] [NULL | EMPTY ARRAY | EMPTY OBJECT ON ERROR])"),
        ("JSON_EXISTS", "JSON_EXISTS(json, path [TRUE | FALSE | UNKNOWN ON ERROR])"), ("IS_JSON", "text IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT]"),
        ("SIMILAR_TO", "text [NOT] SIMILAR TO pattern [ESCAPE c]"), ("ROW", "ROW(value, …) (fields EXPR$0, EXPR$1, …)"),
        ("DATE_FORMAT", "DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss')"), ("EXTRACT", "EXTRACT(unit FROM ts)"),
        ("YEAR", "YEAR(ts), also QUARTER MONTH WEEK DAYOFYEAR DAYOFMONTH DAYOFWEEK HOUR MINUTE SECOND"),
        ("TIMESTAMPADD", "TIMESTAMPADD(unit, n, ts)"), ("TIMESTAMPDIFF", "TIMESTAMPDIFF(unit, ts1, ts2)"),
        ("TO_TIMESTAMP", "TO_TIMESTAMP(text [, format])"), ("UNIX_TIMESTAMP", "UNIX_TIMESTAMP([text [, format]]) (no text: the wall clock)"),
        ("FROM_UNIXTIME", "FROM_UNIXTIME(seconds [, format])"), ("PROCTIME", "PROCTIME() (the wall clock; ts AS PROCTIME() in CREATE TABLE declares the processing-time attribute)"),
        ("TO_TIMESTAMP_LTZ", "TO_TIMESTAMP_LTZ(epoch [, 0 (seconds) | 3 (milliseconds)]) | TO_TIMESTAMP_LTZ(text [, format [, zone]])"),
        ("SUBSTR", "SUBSTR(text, start [, length])"), ("INSTR", "INSTR(text, needle [, start [, nth]])"), ("ASCII", "ASCII(text)"), ("CHR", "CHR(code)"),
        ("JSON_QUOTE", "JSON_QUOTE(text)"), ("JSON_UNQUOTE", "JSON_UNQUOTE(json)"), ("TO_BASE64", "TO_BASE64(text)"), ("FROM_BASE64", "FROM_BASE64(text)"), ("HEX", "HEX(number | text)"), ("BIN", "BIN(number)"),
        ("URL_ENCODE", "URL_ENCODE(text)"), ("URL_DECODE", "URL_DECODE(text)"), ("IS_DIGIT", "IS_DIGIT(text)"),
        ("IS_ALPHA", "IS_ALPHA(text)"), ("IS_DECIMAL", "IS_DECIMAL(text)"), ("SIGN", "SIGN(x)"), ("HASH_CODE", "HASH_CODE(v)"), ("DEGREES", "DEGREES(x)"),
        ("RADIANS", "RADIANS(x)"), ("SIN", "SIN(x)"), ("COS", "COS(x)"), ("TAN", "TAN(x)"), ("COT", "COT(x)"), ("ASIN", "ASIN(x)"),
        ("ACOS", "ACOS(x)"), ("ATAN", "ATAN(x)"), ("ATAN2", "ATAN2(y, x)"), ("SINH", "SINH(x)"), ("COSH", "COSH(x)"),
        ("TANH", "TANH(x)"), ("PI", "PI()"), ("E", "E()"), ("JSON_STRING", "JSON_STRING(value)"),
        ("JSON_OBJECT", "JSON_OBJECT(KEY name VALUE value, … [NULL | ABSENT ON NULL])"),
        ("JSON_ARRAY", "JSON_ARRAY(value, … [NULL | ABSENT ON NULL])"), ("TO_DATE", "TO_DATE(text [, format])"), ("CONVERT_TZ", "CONVERT_TZ(text, from_zone, to_zone)"),
        ("NOW", "NOW() (the wall clock, in the session's time zone)"), ("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP (the wall clock, in the session's time zone)"),
        ("LOCALTIMESTAMP", "LOCALTIMESTAMP (the wall clock, in the session's time zone)"), ("CURRENT_DATE", "CURRENT_DATE (today, in the session's time zone)"), ("CURRENT_WATERMARK", "CURRENT_WATERMARK(rowtime) (NULL before the first watermark)"),
        ("GROUPING", "GROUPING(key, …) (1 for each key a grouping set leaves out, as bits)"), ("GROUPING_ID", "GROUPING_ID(key, …) (as GROUPING)"),
        ("GROUP_ID", "GROUP_ID() (which repetition of a grouping set a row's set is)"),
        ("CURRENT_TIME", "CURRENT_TIME (the wall clock's time of day)"), ("LOCALTIME", "LOCALTIME (the wall clock's time of day)"), ("CARDINALITY", "CARDINALITY(array | map)"), ("ITEM", "array[index] | map[key]"),
        ("ARRAY_VALUE", "ARRAY[value, …]"), ("MAP_VALUE", "MAP[key, value, …]"), ("ARRAY_CONTAINS", "ARRAY_CONTAINS(array, value)"),
        ("ARRAY_POSITION", "ARRAY_POSITION(array, value) (1 the first, 0 none)"), ("ARRAY_REMOVE", "ARRAY_REMOVE(array, value)"),
        ("ARRAY_DISTINCT", "ARRAY_DISTINCT(array)"), ("ARRAY_REVERSE", "ARRAY_REVERSE(array)"),
        ("ARRAY_SORT", "ARRAY_SORT(array [, ascending [, nulls_first]])"), ("ARRAY_SLICE", "ARRAY_SLICE(array, start [, end])"),
        ("ARRAY_UNION", "ARRAY_UNION(array1, array2)"),
        ("ARRAY_EXCEPT", "ARRAY_EXCEPT(array1, array2)"), ("ARRAY_INTERSECT", "ARRAY_INTERSECT(array1, array2)"),
        ("ARRAY_APPEND", "ARRAY_APPEND(array, value)"), ("ARRAY_PREPEND", "ARRAY_PREPEND(array, value)"), ("ARRAY_CONCAT", "ARRAY_CONCAT(array, …)"), ("ARRAY_MAX", "ARRAY_MAX(array)"),
        ("ARRAY_MIN", "ARRAY_MIN(array)"), ("ARRAY_JOIN", "ARRAY_JOIN(array, separator [, null_replacement])"),
        ("ELEMENT", "ELEMENT(array) (its only element)"), ("SPLIT", "SPLIT(text, delimiter)"),
        ("STR_TO_MAP", "STR_TO_MAP(text [, entry_delimiter [, key_delimiter]])"), ("MAP_KEYS", "MAP_KEYS(map)"),
        ("MAP_VALUES", "MAP_VALUES(map)"), ("MAP_ENTRIES", "MAP_ENTRIES(map)"), ("MAP_FROM_ARRAYS", "MAP_FROM_ARRAYS(keys, values)"), ("MAP_UNION", "MAP_UNION(map, …)"),
        ("COUNT", "COUNT(*) | COUNT([DISTINCT] v)"), ("SUM", "SUM(number)"), ("AVG", "AVG(number)"), ("MIN", "MIN(v)"), ("MAX", "MAX(v)"),
        ("LISTAGG", "LISTAGG(text [, separator])"), ("JSON_ARRAYAGG", "JSON_ARRAYAGG(v [NULL | ABSENT ON NULL])"),
        ("JSON_OBJECTAGG", "JSON_OBJECTAGG([KEY] name VALUE v [NULL | ABSENT ON NULL])"),
        ("ARRAY_AGG", "ARRAY_AGG([DISTINCT] v [RESPECT NULLS | IGNORE NULLS])"), ("COLLECT", "COLLECT([DISTINCT] v) (a multiset: each value's count)"), ("PERCENTILE", "PERCENTILE(number, percentage [, frequency])"), ("FIRST_VALUE", "FIRST_VALUE(v)"), ("LAST_VALUE", "LAST_VALUE(v)"),
        ("STDDEV_POP", "STDDEV_POP(number)"), ("STDDEV_SAMP", "STDDEV_SAMP(number)"), ("VAR_POP", "VAR_POP(number)"), ("VAR_SAMP", "VAR_SAMP(number)"),
        ("ROW_NUMBER", "ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)"), ("RANK", "RANK() OVER (…)"), ("DENSE_RANK", "DENSE_RANK() OVER (…)"),
        ("TUMBLE", "TUMBLE(ts, size) | TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]))"),
        ("HOP", "HOP(ts, slide, size) | TABLE(HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]))"),
        ("SESSION", "SESSION(ts, gap) | TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), gap))"),
        ("CUMULATE", "TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), step, max_size [, offset]))"),
    ]
}

extension Binder {
    /// `JSON_VALUE(json, path RETURNING type … ON EMPTY … ON ERROR)` as the parser writes it:
    /// json, path, `CAST(NULL AS type)`, the empty behaviour and its default, the error
    /// behaviour and its default.
    ///
    /// Flink 2.3 answers every case that finds no scalar with the ON ERROR behaviour, a missing
    /// member and a JSON null included, and never the ON EMPTY one (checked with Flink:
    /// `JSON_VALUE(p, '$.missing' DEFAULT 'none' ON EMPTY DEFAULT 'bad' ON ERROR)` is 'bad');
    /// weir does the same. A NULL json is NULL whatever the behaviours.
    /// A path written `lax $…`.
    static func isLaxPath(_ path: Expression) -> Bool {
        guard case .literal(.string(let text)) = path.kind else { return false }
        return text.drop(while: { $0 == " " }).hasPrefix("lax")
    }

    /// JSON paths weir reads: members and indexes; wildcards, deep scans and functions are
    /// refused by name rather than answered NULL.
    func requireSimplePath(_ path: Expression, _ function: String, wildcards: Bool = false) throws(PlanningError) {
        guard case .literal(.string(let text)) = path.kind else { return }
        if (text.contains("*") && !wildcards) || text.contains("..") || text.contains("()") || text.contains("?(") {
            throw PlanningError("\(function) with a JSON path wildcard, deep scan, filter or function (\(text)) is not supported yet", at: path.location,
                                hint: "name the members and indexes: '$.a.b[0]'")
        }
    }

    func bindJSONValueReturning(_ arguments: [Expression], _ bound: [(BoundExpression, DataType)]) throws(PlanningError) -> (BoundExpression, DataType) {
        let type = bound[2].1
        guard [.string, .int, .double, .boolean].contains(type) else {
            throw PlanningError("JSON_VALUE cannot return \(type)", at: arguments[2].location,
                                hint: "Flink's JSON_VALUE returns STRING, INT, DOUBLE or BOOLEAN: RETURNING STRING and CAST the result")
        }
        func word(_ i: Int) -> String { if case .literal(.string(let w)) = arguments[i].kind { w } else { "NULL" } }
        if word(5) == "ERROR" || word(3) == "ERROR" {
            throw PlanningError("JSON_VALUE's ERROR ON \(word(5) == "ERROR" ? "ERROR" : "EMPTY") is not supported yet: weir does not stop a stream for one value", at: arguments[5].location,
                                hint: "DEFAULT value ON ERROR, or keep the rows where JSON_EXISTS(json, path)")
        }
        var fallback = BoundExpression.constant(.null)
        // An explicit `lax` path takes the ON EMPTY behaviour for every miss, bad text included
        // (checked on Flink 2.3); otherwise the ON ERROR one does.
        let clause = Self.isLaxPath(arguments[1]) ? 3 : 5
        if word(clause) == "DEFAULT" {
            var (e, t) = bound[clause + 1]
            if type == .string, t == .boolean, case .constant(.bool(let b)) = e {
                // A BOOLEAN default of a STRING result is its JSON text (checked: DEFAULT FALSE is 'false').
                (e, t) = (.constant(.string(b ? "true" : "false")), .string)
            }
            guard t == type || t == .null || (t.isNumeric && type.isNumeric) || (type == .string && t == .dynamic) else {
                throw PlanningError("JSON_VALUE's DEFAULT is \(t), not the \(type) it returns", at: arguments[6].location)
            }
            fallback = coerce(e, from: t, to: type)
        }
        let tag: Int64 = switch type { case .int: 1; case .double: 2; case .boolean: 3; default: 0 }
        return (.call(.jsonValueAs, [bound[0].0, bound[1].0, .constant(.int(tag)), fallback], type), type)
    }
}

extension Binder {
    /// The constructors and functions of arrays and maps (held as JSON text): their types.
    func bindCollection(_ upper: String, _ name: Identifier, _ arguments: [Expression],
                        _ bound: [(BoundExpression, DataType)]) throws(PlanningError) -> (BoundExpression, DataType) {
        let function = ScalarFunction(rawValue: upper)!
        let display = upper == "ARRAY_VALUE" ? "ARRAY[…]" : upper == "MAP_VALUE" ? "MAP[…]" : upper
        func arity(_ range: ClosedRange<Int>) throws(PlanningError) {
            guard range.contains(arguments.count) else {
                throw PlanningError("\(display) takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") arguments, not \(arguments.count)", at: name.location)
            }
        }
        func common(_ indices: [Int]) throws(PlanningError) -> DataType {
            var type = DataType.null
            for i in indices {
                guard let c = DataType.common(type, bound[i].1) ?? (type == bound[i].1 ? type : nil) else {
                    throw PlanningError("\(display) mixes \(type) and \(bound[i].1)", at: arguments[i].location)
                }
                type = c
            }
            return type == .null ? .string : type
        }
        func array(_ i: Int) throws(PlanningError) -> DataType {
            guard case .array(let element) = bound[i].1 else {
                if bound[i].1 == .null { return .string }
                throw PlanningError("\(display) takes an ARRAY, not \(bound[i].1)", at: arguments[i].location)
            }
            return element
        }
        func map(_ i: Int) throws(PlanningError) -> DataType {
            guard case .map(let value) = bound[i].1 else {
                throw PlanningError("\(display) takes a MAP, not \(bound[i].1)", at: arguments[i].location)
            }
            return value
        }
        func coerced(_ i: Int, _ type: DataType) -> BoundExpression { type.isJSONText ? bound[i].0 : coerce(bound[i].0, from: bound[i].1, to: type) }
        let values = bound.map(\.0)
        switch upper {
        case "ARRAY_VALUE":
            guard !arguments.isEmpty else { throw PlanningError("ARRAY[…] needs at least one element", at: name.location) }
            let element = try common(Array(arguments.indices))
            return (.call(function, arguments.indices.map { coerced($0, element) }, .array(element)), .array(element))
        case "MAP_VALUE":
            guard !arguments.isEmpty, arguments.count % 2 == 0 else { throw PlanningError("MAP[…] takes keys and values in pairs", at: name.location) }
            for i in stride(from: 0, to: arguments.count, by: 2) { try requireString(bound[i].1, arguments[i], "a MAP key") }
            let value = try common(Array(stride(from: 1, to: arguments.count, by: 2)))
            let args = arguments.indices.map { $0 % 2 == 0 ? values[$0] : coerced($0, value) }
            return (.call(function, args, .map(value)), .map(value))
        case "ARRAY_CONTAINS", "ARRAY_POSITION", "ARRAY_REMOVE":
            try arity(2...2)
            let element = try array(0)
            let result: DataType = upper == "ARRAY_CONTAINS" ? .boolean : upper == "ARRAY_POSITION" ? .int : .array(element)
            var needle = coerced(1, element)
            if case let .row(fields) = element, case let .call(.rowValue, arguments, .row(needleFields)) = needle,
               needleFields.count == fields.count, arguments.count == 1 + 2 * fields.count {
                // A ROW(…) needle matches by position: it takes the elements' field names.
                var renamed = arguments
                for (i, field) in fields.enumerated() { renamed[1 + 2 * i] = .constant(.string(field.name)) }
                needle = .call(.rowValue, renamed, element)
            }
            // Nested elements compare as JSON: a third argument says so.
            return (.call(function, [values[0], needle] + (element.isJSONText ? [.constant(.bool(true))] : []), result), result)
        case "ARRAY_DISTINCT", "ARRAY_REVERSE":
            try arity(1...1)
            return (.call(function, values, .array(try array(0))), .array(try array(0)))
        case "ARRAY_SORT":
            try arity(1...3)
            for i in 1..<arguments.count where bound[i].1 != .boolean {
                throw PlanningError("ARRAY_SORT's order arguments are BOOLEAN, not \(bound[i].1)", at: arguments[i].location)
            }
            return (.call(function, values, .array(try array(0))), .array(try array(0)))
        case "ARRAY_SLICE":
            try arity(2...3)
            for i in 1..<arguments.count { try requireNumeric(bound[i].1, arguments[i], upper) }
            return (.call(function, values, .array(try array(0))), .array(try array(0)))
        case "ARRAY_APPEND", "ARRAY_PREPEND":
            try arity(2...2)
            let element = try array(0)
            guard element.isJSONText || DataType.common(element, bound[1].1) != nil || bound[1].1 == .null else {
                throw PlanningError("\(upper) adds a \(bound[1].1) to an ARRAY<\(element)>", at: arguments[1].location)
            }
            return (.call(function, [values[0], coerced(1, element)], .array(element)), .array(element))
        case "ARRAY_UNION", "ARRAY_CONCAT", "ARRAY_EXCEPT", "ARRAY_INTERSECT":
            try arity(upper == "ARRAY_CONCAT" ? 1...64 : 2...2)
            var element = DataType.null
            for i in arguments.indices {
                let e = try array(i)
                guard let c = DataType.common(element, e) ?? (element == e || element == .null ? e : nil) else {
                    throw PlanningError("\(upper) joins arrays of \(element) and \(e)", at: arguments[i].location)
                }
                element = c
            }
            return (.call(function, values, .array(element)), .array(element))
        case "ARRAY_MAX", "ARRAY_MIN", "ELEMENT":
            try arity(1...1)
            let element = try array(0)
            return (.call(function, values, element), element)
        case "ARRAY_JOIN":
            try arity(2...3)
            guard try array(0) == .string else { throw PlanningError("ARRAY_JOIN joins an ARRAY<STRING>, not \(bound[0].1)", at: arguments[0].location) }
            for i in 1..<arguments.count { try requireString(bound[i].1, arguments[i], upper) }
            return (.call(function, values, .string), .string)
        case "SPLIT":
            try arity(2...2)
            for i in 0..<2 { try requireString(bound[i].1, arguments[i], upper) }
            return (.call(function, values, .array(.string)), .array(.string))
        case "STR_TO_MAP":
            try arity(1...3)
            for i in arguments.indices { try requireString(bound[i].1, arguments[i], upper) }
            return (.call(function, values, .map(.string)), .map(.string))
        case "MAP_UNION":
            // MAP_UNION(map, …): the maps' entries, a later map's value for a key winning
            // (Flink's); NULL when any map is.
            try arity(1...Int.max)
            var value = DataType.null
            for i in arguments.indices {
                let v = try map(i)
                guard let c = DataType.common(value, v) ?? (value == v ? v : nil) else {
                    throw PlanningError("MAP_UNION mixes MAP<STRING, \(value)> and MAP<STRING, \(v)>", at: arguments[i].location)
                }
                value = c
            }
            return (.call(function, values, .map(value)), .map(value))
        case "MAP_KEYS":
            try arity(1...1)
            _ = try map(0)
            return (.call(function, values, .array(.string)), .array(.string))
        case "MAP_VALUES":
            try arity(1...1)
            let value = try map(0)
            return (.call(function, values, .array(value)), .array(value))
        case "MAP_ENTRIES":
            try arity(1...1)
            let entry = DataType.row([Column(name: "key", type: .string), Column(name: "value", type: try map(0))])
            return (.call(function, values, .array(entry)), .array(entry))
        default:  // MAP_FROM_ARRAYS
            try arity(2...2)
            guard try array(0) == .string else { throw PlanningError("MAP_FROM_ARRAYS takes its keys as an ARRAY<STRING>, not \(bound[0].1)", at: arguments[0].location) }
            let value = try array(1)
            return (.call(function, values, .map(value)), .map(value))
        }
    }
}
