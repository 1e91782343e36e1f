import SQLSyntax

/// Resolves a query's names against one table and infers types (Flink's rules).
///
/// Two scopes: the input scope sees the table's columns (and, over a window TVF, the window
/// columns); the aggregate scope sees group keys, aggregate calls and window properties.
struct Binder {
    /// Where a name is looked up.
    enum Scope {
        case input
        case aggregate
    }

    let table: TableSchema
    let qualifiers: Set<String>
    let windowFunction: WindowTableFunction?
    /// The session's `table.local-time-zone`, passed to the functions that read or write an
    /// instant's wall clock.
    var timeZone = "UTC"
    /// `Catalog.onePhaseAggregation`.
    var onePhaseAggregation = false
    var fields: [Column] = []
    var fieldSlots: [String: Int] = [:]
    /// Fields computed from other fields (`ts AS TO_TIMESTAMP(s)`), in the order to compute them.
    var computed: [ComputedField] = []

    // The aggregate scope's state.
    var window: WindowSpec?
    var windowArguments: [Int64] = []
    var windowTimeColumn: String?
    var groupWindowCall: Expression?
    var keys: [BoundExpression] = []
    var keyTypes: [DataType] = []
    var groupedWindowColumns: Set<String> = []
    var aggregates: [AggregateCall] = []
    /// Whether the query binding here aggregates (GROUPING and GROUP_ID exist only there).
    var aggregating = false

    /// The type of a window TVF's `window_time`: its time column's (a TIMESTAMP_LTZ's is one).
    var windowTimeType: DataType {
        .timestamp(like: windowFunction.flatMap { table.column(named: $0.timeColumn.name)?.type })
    }

    /// Window columns of a TVF are placeholders until the input row's width is known.
    static let windowColumnPlaceholders: [String: Int] = Dictionary(uniqueKeysWithValues: WindowColumn.allCases.map { ($0.rawValue, $0.placeholder) })

    init(table: TableSchema, qualifiers: Set<String>, windowFunction: WindowTableFunction?) {
        self.table = table
        self.qualifiers = qualifiers
        self.windowFunction = windowFunction
    }

    var resultKeyBase: Int { QueryPlan.windowPropertyCount }
    var resultAggregateBase: Int { QueryPlan.windowPropertyCount + keys.count }

    // MARK: - Columns

    mutating func field(named name: String, type: DataType) -> Int {
        let key = name.lowercased()
        if let slot = fieldSlots[key] { return slot }
        fields.append(Column(name: name, type: type))
        fieldSlots[key] = fields.count - 1
        return fields.count - 1
    }

    /// The input slot of a declared column: a computed column's expression is bound (its
    /// columns become fields first) and computed into its own slot.
    mutating func declaredField(_ column: Column) throws(PlanningError) -> Int {
        let key = column.name.lowercased()
        guard let expression = table.computed[key] else { return field(named: column.name, type: column.type) }
        if let slot = fieldSlots[key] { return slot }
        let (bound, _) = try bind(expression, .input)
        let slot = field(named: column.name, type: column.type)
        computed.append(ComputedField(slot: slot, expression: bound, type: column.type))
        return slot
    }

    /// Declares the event-time column; it is decoded as a timestamp even in an inferred table.
    mutating func timeField(_ name: Identifier) throws(PlanningError) -> Int {
        if table.isInferred {
            if let slot = fieldSlots[name.name.lowercased()] {
                fields[slot].type = .timestamp
                return slot
            }
            return field(named: name.name, type: .timestamp)
        }
        guard let column = table.column(named: name.name) else {
            throw unknownColumn(name)
        }
        if let rowtime = table.rowtime, rowtime.lowercased() != column.name.lowercased() {
            throw PlanningError("\(column.name) is not the event-time column of \(table.name)", at: name.location,
                                hint: "windows run on the WATERMARK column: \(rowtime)")
        }
        guard column.type.isTimestamp else {
            throw PlanningError("the window's time column \(column.name) is \(column.type), not TIMESTAMP(3)", at: name.location)
        }
        return try declaredField(column)
    }

    func unknownColumn(_ name: Identifier) -> PlanningError {
        if let row = table.rowTypes.first(where: { $0.key.lowercased() == name.name.lowercased() }) {
            let example = row.value.fields.first.map { "\(Identifier(row.key)).\(Identifier($0.name))" } ?? ""
            return PlanningError("selecting the whole ROW column \(row.key) is not supported yet", at: name.location,
                                 hint: "select its fields, such as \(example)")
        }
        func dotted(_ s: String) -> String { String(s.map { $0 == nestedPathSeparator ? "." : $0 }) }
        var candidates = table.columns.map { dotted($0.name) }
        if windowFunction != nil { candidates += WindowColumn.names }
        let hint = closestName(to: dotted(name.name), among: candidates).map { "did you mean \($0)?" }
            ?? (candidates.isEmpty ? nil : "\(table.name) has columns \(candidates.joined(separator: ", "))")
        return PlanningError("unknown column \(dotted(name.name))", at: name.location, hint: hint)
    }

    mutating func resolveColumn(qualifier: Identifier?, name: Identifier) throws(PlanningError) -> (BoundExpression, DataType) {
        if table.source == .derived, let field = try rowField(qualifier: qualifier, name: name) { return field }
        if let qualifier, !qualifiers.contains(qualifier.name.lowercased()), table.source != .derived,
           table.isInferred || table.rowTypes.keys.contains(where: { $0.lowercased() == qualifier.name.lowercased() }) {
            // Not a table: a field of a nested object, `user.id`.
            let path = qualifier.name + String(nestedPathSeparator) + name.name
            return try resolveColumn(qualifier: nil, name: Identifier(path, location: qualifier.location))
        }
        if let qualifier, !qualifiers.contains(qualifier.name.lowercased()) {
            let hint = closestName(to: qualifier.name, among: Array(qualifiers)).map { "did you mean \($0)?" }
            throw PlanningError("unknown table \(qualifier.name)", at: qualifier.location, hint: hint)
        }
        let lower = name.name.lowercased()
        if windowFunction != nil, let placeholder = Self.windowColumnPlaceholders[lower] {
            return (.slot(placeholder), placeholder == WindowColumn.time.placeholder ? windowTimeType : .timestamp)
        }
        if table.isInferred {
            let slot = field(named: name.name, type: .dynamic)
            return (.slot(slot), fields[slot].type)
        }
        if let column = Self.joinedColumn(table, qualifier: qualifier, name: name.name) {
            return (.slot(field(named: column.name, type: column.type)), column.type)
        }
        if table.column(named: name.name) == nil, let (path, type) = rowType(at: name.name) {
            return try wholeRow(path, type, at: name.location)
        }
        if let proctime = table.proctime, proctime.lowercased() == lower, table.column(named: name.name) == nil {
            // The processing-time attribute read as a value: the wall clock, as Flink's PROCTIME().
            return (.call(.now, zoned([]), .timestamp), .timestampLtz)
        }
        guard let column = table.column(named: name.name) else {
            let candidates = table.columns.filter { $0.name.lowercased().hasSuffix("." + name.name.lowercased()) }
            if candidates.count > 1 {
                throw PlanningError("column \(name.name) is ambiguous", at: name.location,
                                    hint: "name it with its table: \(candidates.map(\.name).joined(separator: " or "))")
            }
            // PI is a function without parentheses in Flink's SQL, when no column has the name.
            if qualifier == nil, name.name.uppercased() == "PI", candidates.isEmpty { return (.call(.pi, [], .double), .double) }
            throw unknownColumn(name)
        }
        return (.slot(try declaredField(column)), column.type)
    }

    /// A ROW column of the table named whole (`SELECT user`, `SELECT *`): its fields, read as
    /// columns of their own, composed into the object's JSON text; NULL when every field is.
    mutating func wholeRow(_ path: String, _ type: TypeName, at location: SourceLocation) throws(PlanningError) -> (BoundExpression, DataType) {
        guard let rowType = DataType(type) else { throw PlanningError("unknown type \(type)", at: location) }
        var layout = ""
        var arguments: [BoundExpression] = []
        for field in type.fields {
            let leaf = path + String(nestedPathSeparator) + field.name
            let (value, fieldType) = field.type.name == "ROW" ? try wholeRow(leaf, field.type, at: location)
                : try resolveColumn(qualifier: nil, name: Identifier(leaf, location: location))
            layout += fieldType.isJSONText ? "r" : "v"
            arguments += [.constant(.string(field.name)), value]
        }
        return (.call(.rowValue, [.constant(.string(layout))] + arguments, rowType), rowType)
    }

    /// The ROW type at a path of the table's ROW columns (`user`, `user<sep>geo`), with the
    /// path as declared.
    func rowType(at path: String) -> (String, TypeName)? {
        let parts = path.split(separator: nestedPathSeparator).map { $0.lowercased() }
        guard let key = table.rowTypes.keys.first(where: { $0.lowercased() == parts.first }), var type = table.rowTypes[key] else { return nil }
        var declared = key
        for part in parts.dropFirst() {
            guard let field = type.fields.first(where: { $0.name.lowercased() == part }), field.type.name == "ROW" else { return nil }
            declared += String(nestedPathSeparator) + field.name
            type = field.type
        }
        return (declared, type)
    }

    /// `user.id` over rows that hold a ROW column whole (a subquery's, a view's or a join's
    /// `user`, composed by `wholeRow`): its field, read from the object; nil when `user` is
    /// no such column.
    mutating func rowField(qualifier: Identifier?, name: Identifier) throws(PlanningError) -> (BoundExpression, DataType)? {
        var parts = name.name.split(separator: nestedPathSeparator).map(String.init)
        var tableQualifier = qualifier
        if let q = qualifier, !qualifiers.contains(q.name.lowercased()) {
            parts.insert(q.name, at: 0)
            tableQualifier = nil
        }
        guard parts.count >= 2 else { return nil }
        let head = Self.joinedColumn(table, qualifier: tableQualifier, name: parts[0]) ?? table.column(named: parts[0])
        guard let head else { return nil }
        var value = BoundExpression.slot(try declaredField(head))
        if head.type == .dynamic {
            // An undeclared stream's object carried as its JSON: the field typed by its value.
            for part in parts.dropFirst() { value = .call(.item, [value, .constant(.string(part))], .dynamic) }
            return (value, .dynamic)
        }
        guard case .row = head.type else { return nil }
        var type = head.type
        for part in parts.dropFirst() {
            guard case .row(let fields) = type, let field = fields.first(where: { $0.name.lowercased() == part.lowercased() }) else {
                throw PlanningError("\(type) has no field \(part)", at: name.location)
            }
            value = .call(.item, [value, .constant(.string(field.name))], field.type)
            type = field.type
        }
        return (value, type)
    }

    /// Over a join's rows (columns named `alias.column`): `alias.column`, or a bare name that
    /// only one side has.
    static func joinedColumn(_ table: TableSchema, qualifier: Identifier?, name: String) -> Column? {
        guard table.source == .derived else { return nil }
        if let qualifier { return table.column(named: "\(qualifier.name).\(name)") }
        let matches = table.columns.filter { $0.name.lowercased().hasSuffix("." + name.lowercased()) }
        return matches.count == 1 ? matches[0] : nil
    }

    // MARK: - Expressions

    /// Binds an expression in a scope, returning it with its type.
    mutating func bind(_ expression: Expression, _ scope: Scope) throws(PlanningError) -> (BoundExpression, DataType) {
        if scope == .aggregate, let grouped = try groupedReference(expression) {
            return grouped
        }
        switch expression.kind {
        case let .column(qualifier, name):
            if scope == .aggregate {
                if windowFunction != nil, Self.windowColumnPlaceholders[name.name.lowercased()] != nil {
                    throw PlanningError("\(name.name) is not in GROUP BY", at: name.location,
                                        hint: "add \(name.name) to GROUP BY to select it")
                }
                _ = try resolveColumn(qualifier: qualifier, name: name)
                throw PlanningError("column \(name.name) is neither grouped nor aggregated", at: name.location,
                                    hint: "add \(name.name) to GROUP BY, or aggregate it, e.g. MAX(\(name.name))")
            }
            return try resolveColumn(qualifier: qualifier, name: name)
        case .literal(let literal):
            return try bindLiteral(literal, at: expression.location)
        case .star:
            throw PlanningError("* is only allowed in COUNT(*) and SELECT *", at: expression.location)
        case let .unary(op, operand):
            let (e, t) = try bind(operand, scope)
            switch op {
            case .plus:
                try requireNumeric(t, operand, "+")
                return (e, t)
            case .minus:
                // `-2147483648` is one INT literal in Calcite's parser, not the negation of a
                // BIGINT one (so ABS of it overflows, as Flink's does).
                if case .literal(.integer(2_147_483_648)) = operand.kind { return (.constant(.int(-2_147_483_648)), .int) }
                if case .literal(.decimal("9223372036854775808")) = operand.kind { return (.constant(.int(.min)), .bigint) }
                try requireNumeric(t, operand, "-")
                return (.negate(e, t == .null ? .int : t), t == .null ? .int : t)
            case .not:
                try requireBoolean(t, operand, "NOT")
                return (.not(e), .boolean)
            }
        case let .binary(op, left, right):
            return try bindBinary(op, left, right, scope)
        case let .function(name, arguments, distinct):
            return try bindFunction(name, arguments, distinct, expression, scope)
        case let .cast(operand, typeName):
            let (e, from) = try bind(operand, scope)
            guard let to = DataType(typeName) else {
                let hint = closestName(to: typeName.name, among: DataType.typeNames).map { "did you mean \($0)?" }
                throw PlanningError("unknown type \(typeName)", at: typeName.location, hint: hint)
            }
            guard Self.canCast(from, to) else {
                throw PlanningError("cannot cast \(from) to \(to)", at: expression.location)
            }
            if case .array = from, typeName.name == "ARRAY", let element = typeName.fields.first?.type,
               ["VARCHAR", "CHAR"].contains(element.name) && !element.parameters.isEmpty
                || ["TIMESTAMP", "TIMESTAMP_LTZ", "TIME"].contains(element.name) && (element.parameters.first ?? 3) < 3 {
                // The elements would need the cut, padding or rounding a scalar CAST makes.
                throw PlanningError("CAST to \(typeName) is not supported yet", at: typeName.location,
                                    hint: "cast to ARRAY<\(element.name == "VARCHAR" || element.name == "CHAR" ? "STRING" : "TIMESTAMP(3)")>")
            }
            var cast = BoundExpression.cast(e, from: from, to: to)
            if to == .timestampLtz, from != .timestampLtz, from != .null {
                // A wall clock the zone skips (02:30 the night clocks go forward) is the instant
                // after the gap, as Flink reads it: 03:30.
                cast = wall(instant(cast, to), to)
            }
            if from == .timestampLtz, to == .date {
                // An instant's local day, floored before 1970 too (Flink's; not toward zero as a
                // TIMESTAMP's).
                cast = .cast(.call(.floorTime, [e, .constant(.string("DAY"))], from), from: from, to: to)
            }
            if to == .string, from.isTimestamp, case let digits = timestampPrecision(operand), digits != 3 {
                // A TIMESTAMP(p) is written with p fraction digits (checked: TIMESTAMP(0) none, a
                // CAST to TIMESTAMP six, the literal TIMESTAMP '… 10:00:00.5' one).
                cast = .call(.timestampText, [cast, .constant(.int(Int64(digits)))], .string)
            }
            if to == .string, from == .time, case let digits = timePrecision(operand), digits > 0 {
                // A TIME(p) with p > 0 always has a fraction, of at most p digits without trailing
                // zeros (Flink's unixTimeToString, checked: TIME(3) 23:59:59 is 23:59:59.0).
                cast = .call(.timeText, [e, .constant(.int(Int64(digits)))], .string)
            }
            if to == .string, let length = typeName.parameters.first, ["VARCHAR", "CHAR"].contains(typeName.name) {
                // VARCHAR(n) keeps the first n characters, CHAR(n) is padded with spaces to n (as Flink).
                if typeName.name == "CHAR" {
                    // A fourth argument: counted in code points, not RPAD's UTF-16 units.
                    return (.call(.rpad, [cast, .constant(.int(Int64(length))), .constant(.string(" ")), .constant(.bool(true))], .string), to)
                }
                return (.call(.left, [cast, .constant(.int(Int64(length)))], .string), to)
            }
            if to == .time, (typeName.parameters.first ?? 0) < 3 {
                // TIME is TIME(0): whole seconds (checked: CAST('… 23:59:59.999' AS TIME) is 23:59:59).
                let unit = ["SECOND", "DECISECOND", "CENTISECOND"][max(0, typeName.parameters.first ?? 0)]
                if from == .timestamp {
                    // The fraction goes first, toward 1970 as Flink's (1960-06-15 06:07:08.09 is
                    // 06:07:09); a TIMESTAMP_LTZ's local time is floored.
                    return (.cast(.call(.floorTime, [e, .constant(.string(unit)), .constant(.string("TOWARD_ZERO"))], from), from: from, to: to), to)
                }
                return (.call(.floorTime, [.cast(e, from: from, to: to), .constant(.string(unit))], .time), to)
            }
            if to.isTimestamp, ["TIMESTAMP", "TIMESTAMP_LTZ"].contains(typeName.name), let precision = typeName.parameters.first, precision < 3 {
                // Fewer fractional digits drop the rest toward 1970, as Flink: CAST(… AS TIMESTAMP(0))
                // has whole seconds, and 1969-12-31 23:59:59.999 becomes 1970-01-01 00:00:00 (a
                // TIMESTAMP_LTZ's local time is floored).
                let unit = ["SECOND", "DECISECOND", "CENTISECOND"][max(0, precision)]
                let towardZero: [BoundExpression] = from == .timestampLtz ? [] : [.constant(.string("TOWARD_ZERO"))]
                return (.call(.floorTime, [cast, .constant(.string(unit))] + towardZero, to), to)
            }
            return (cast, to)
        case let .caseWhen(operand, branches, otherwise):
            var bound: [(BoundExpression, BoundExpression, DataType)] = []
            var resultType = DataType.null
            var boundOperand: (BoundExpression, DataType)?
            if let operand { boundOperand = try bind(operand, scope) }
            for branch in branches {
                var (condition, conditionType) = try bind(branch.condition, scope)
                if let (o, ot) = boundOperand {
                    try requireComparable(ot, conditionType, branch.condition)
                    condition = .comparison(.equal, o, condition)
                    conditionType = .boolean
                }
                try requireBoolean(conditionType, branch.condition, "WHEN")
                let (result, type) = try bind(branch.result, scope)
                guard let common = DataType.common(resultType, type) else {
                    throw PlanningError("CASE branches have types \(resultType) and \(type)", at: branch.result.location)
                }
                resultType = common
                bound.append((condition, result, type))
            }
            var elseExpression = BoundExpression.constant(.null)
            var elseType = DataType.null
            if let otherwise {
                let (e, type) = try bind(otherwise, scope)
                guard let common = DataType.common(resultType, type) else {
                    throw PlanningError("CASE branches have types \(resultType) and \(type)", at: otherwise.location)
                }
                resultType = common
                elseExpression = e
                elseType = type
            }
            let branchesCast = bound.map { BoundExpression.CaseBranch(condition: $0.0, result: coerce($0.1, from: $0.2, to: resultType)) }
            return (.caseWhen(branchesCast, otherwise: coerce(elseExpression, from: elseType, to: resultType)), resultType)
        case let .between(operand, low, high, negated):
            let (e, t) = try bind(operand, scope)
            var (l, lt) = try bind(low, scope)
            var (h, ht) = try bind(high, scope)
            (l, lt) = try timestampOperand(l, lt, against: t, low)
            (h, ht) = try timestampOperand(h, ht, against: t, high)
            (l, lt) = numericOperand(l, lt, against: t)
            (h, ht) = numericOperand(h, ht, against: t)
            try requireComparable(t, lt, low)
            try requireComparable(t, ht, high)
            return (.between(e, low: l, high: h, negated: negated), .boolean)
        case let .inList(operand, list, negated):
            let (e, t) = try bind(operand, scope)
            var items: [BoundExpression] = []
            for item in list {
                var (i, it) = try bind(item, scope)
                (i, it) = try timestampOperand(i, it, against: t, item)
                (i, it) = numericOperand(i, it, against: t)
                try requireComparable(t, it, item)
                // A literal of the list is cast to the operand's integer type, as Calcite makes
                // IN's literals (checked: 2 IN (1, 2.5) is TRUE on an INT column).
                if t.isInteger, !it.isInteger, it.isNumeric, case .constant = i { i = .cast(i, from: it, to: t) }
                items.append(i)
            }
            return (.inList(e, items, negated: negated), .boolean)
        case let .like(operand, pattern, escape, negated):
            let (e, t) = try bind(operand, scope)
            try requireString(t, operand, "LIKE")
            var escapeCharacter: Character?
            if let escape {
                guard case .literal(.string(let s)) = escape.kind, s.count == 1 else {
                    throw PlanningError("ESCAPE takes a one-character string", at: escape.location)
                }
                escapeCharacter = s.first
            }
            if case .literal(.string(let text)) = pattern.kind {
                return (.like(e, LikePattern(text, escape: escapeCharacter), negated: negated), .boolean)
            }
            let (p, pt) = try bind(pattern, scope)
            try requireString(pt, pattern, "LIKE")
            return (.likeDynamic(e, pattern: p, escape: escapeCharacter, negated: negated), .boolean)
        case let .isNull(operand, negated):
            let (e, _) = try bind(operand, scope)
            return (.isNull(e, negated: negated), .boolean)
        case let .isBoolean(operand, value, negated):
            let (e, t) = try bind(operand, scope)
            try requireBoolean(t, operand, "IS \(value ? "TRUE" : "FALSE")")
            return (.isBoolean(e, value: value, negated: negated), .boolean)
        case let .substring(operand, from, length):
            var arguments = [try bind(operand, scope), try bind(from, scope)]
            if let length { arguments.append(try bind(length, scope)) }
            try requireString(arguments[0].1, operand, "SUBSTRING")
            for (index, argument) in arguments.dropFirst().enumerated() where !argument.1.isInteger && argument.1 != .dynamic {
                throw PlanningError("SUBSTRING positions must be integers, not \(argument.1)", at: index == 0 ? from.location : length!.location)
            }
            return (.call(.substring, arguments.map(\.0), .string), .string)
        case let .trim(operand, characters, side):
            let (e, t) = try bind(operand, scope)
            try requireString(t, operand, "TRIM")
            var chars = BoundExpression.constant(.string(" "))
            if let characters {
                let (c, ct) = try bind(characters, scope)
                try requireString(ct, characters, "TRIM")
                chars = c
            }
            let function: ScalarFunction = side == .both ? .trimBoth : side == .leading ? .trimLeading : .trimTrailing
            return (.call(function, [e, chars], .string), .string)
        case let .over(call, _):
            throw PlanningError("OVER is allowed in the SELECT list of a query over a table or a subquery, not here", at: call.location,
                                hint: "compute the OVER aggregate or ROW_NUMBER() in a subquery and use its column")
        case .groupingSets:
            throw PlanningError("GROUPING SETS, ROLLUP and CUBE belong in GROUP BY", at: expression.location)
        case .scalarSubquery:
            throw PlanningError("a scalar subquery (a SELECT used as a value) is not supported yet", at: expression.location,
                                hint: "join the subquery's table, or aggregate it in a subquery in FROM and join that")
        case .inSubquery, .exists:
            throw PlanningError("IN and EXISTS with a subquery are supported in WHERE and in the select list of a query without aggregation, not here",
                                at: expression.location, hint: "compute the condition in a subquery in FROM and use its column here")
        }
    }

    /// In the aggregate scope, an expression equal to a group key (or a window property) is
    /// read from the result row instead of being computed.
    mutating func groupedReference(_ expression: Expression) throws(PlanningError) -> (BoundExpression, DataType)? {
        if case let .column(_, name) = expression.kind, windowFunction != nil,
           let index = WindowColumn.names.firstIndex(of: name.name.lowercased()),
           groupedWindowColumns.contains(name.name.lowercased()) {
            return (.slot(index), index == 2 ? windowTimeType : .timestamp)
        }
        guard !keys.isEmpty, !containsAggregateOrWindowProperty(expression) else { return nil }
        var probe = self
        guard let (bound, _) = try? probe.bind(expression, .input) else { return nil }
        guard let index = keys.firstIndex(of: bound) else { return nil }
        self = probe
        return (.slot(resultKeyBase + index), keyTypes[index])
    }

    func containsAggregateOrWindowProperty(_ expression: Expression) -> Bool {
        // An explicit stack: no recursion however deep the expression.
        var pending = [expression]
        while let e = pending.popLast() {
            switch e.kind {
            case let .function(name, _, _):
                let upper = name.name.uppercased()
                if AggregateFunction(rawValue: upper) != nil || Self.windowProperty(upper) != nil { return true }
            case let .column(_, name):
                if windowFunction != nil, Self.windowColumnPlaceholders[name.name.lowercased()] != nil { return true }
            default:
                break
            }
            pending.append(contentsOf: e.kind.children)
        }
        return false
    }

    /// The fraction digits of Flink's type for a TIMESTAMP expression: the declared precision
    /// of a column, a CAST's (`TIMESTAMP` alone is six), the digits a literal writes; time
    /// arithmetic keeps its timestamp's, COALESCE and CASE take the largest; the rest (window
    /// bounds, TO_TIMESTAMP, columns of a subquery) three.
    func timestampPrecision(_ expression: Expression) -> Int { fractionDigits(expression, time: false) }

    /// The fraction digits of a TIME expression's type (TIME alone is TIME(0)).
    func timePrecision(_ expression: Expression) -> Int { fractionDigits(expression, time: true) }

    /// The fraction digits of an output column of `type` computed by `expression`, when they
    /// are not the type's usual (`Column.fractionDigits`).
    func fractionDigits(of expression: Expression, _ type: DataType) -> Int? {
        if type.isTimestamp, case let digits = timestampPrecision(expression), digits != 3 { return digits }
        if type == .time, case let digits = timePrecision(expression), digits != 0 { return digits }
        return nil
    }

    private func fractionDigits(_ expression: Expression, time: Bool) -> Int {
        let unknown = time ? 0 : 3
        func largest(_ values: [Expression]) -> Int {
            values.filter { if case .literal(.null) = $0.kind { false } else { true } }.map { fractionDigits($0, time: time) }.max() ?? unknown
        }
        switch expression.kind {
        case let .column(qualifier, name):
            if let qualifier, let digits = table.timestampPrecisions["\(qualifier.name).\(name.name)".lowercased()] { return digits }
            return table.timestampPrecisions[name.name.lowercased()] ?? unknown
        case .literal(.timestamp(let text)) where !time, .literal(.time(let text)) where time:
            guard let point = text.firstIndex(of: ".") else { return 0 }
            return text[text.index(after: point)...].prefix(while: \.isNumber).count
        case let .cast(_, type) where !time && (type.name == "TIMESTAMP" || type.name == "TIMESTAMP_LTZ"):
            return type.parameters.first ?? 6
        case let .cast(_, type) where time && type.name == "TIME":
            return type.parameters.first ?? 0
        case let .binary(op, left, right) where op == .add || op == .subtract:
            func isInterval(_ e: Expression) -> Bool {
                switch e.kind {
                case .literal(.interval), .literal(.compoundInterval), .literal(.monthInterval): true
                default: false
                }
            }
            if isInterval(right) { return fractionDigits(left, time: time) }
            if isInterval(left) { return fractionDigits(right, time: time) }
            return unknown
        case let .function(name, arguments, _)
            where ["COALESCE", "IFNULL", "NULLIF", "GREATEST", "LEAST", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "LAG"].contains(name.name.uppercased()):
            return largest(arguments)
        case let .caseWhen(_, branches, otherwise):
            let results = branches.map(\.result) + (otherwise.map { [$0] } ?? [])
            return largest(results)
        default:
            return unknown
        }
    }

    func bindLiteral(_ literal: Literal, at location: SourceLocation) throws(PlanningError) -> (BoundExpression, DataType) {
        switch literal {
        case .integer(let v):
            return (.constant(.int(v)), v >= Int64(Int32.min) && v <= Int64(Int32.max) ? .int : .bigint)
        case .decimal(let text):
            if text.contains("e") || text.contains("E") {
                guard let d = Double(text) else { throw PlanningError("invalid number \(text)", at: location) }
                return (.constant(.double(d)), .double)
            }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let integerDigits = parts[0].count
            let scale = parts.count > 1 ? parts[1].count : 0
            guard integerDigits + scale <= 38, let unscaled = Int128(parts.joined()) else {
                guard let d = Double(text) else { throw PlanningError("invalid number \(text)", at: location) }
                return (.constant(.double(d)), .double)
            }
            return (.constant(Value.decimal(unscaled, scale: scale)), .decimal(precision: max(1, integerDigits + scale), scale: scale))
        case .string(let s):
            return (.constant(.string(s)), .string)
        case .boolean(let b):
            return (.constant(.bool(b)), .boolean)
        case .null:
            return (.constant(.null), .null)
        case .timestamp(let text):
            guard let millis = Timestamp.parse(text) else {
                throw PlanningError("invalid TIMESTAMP literal '\(text)'", at: location, hint: "write TIMESTAMP 'YYYY-MM-DD HH:MM:SS[.fff]'")
            }
            return (.constant(.timestamp(millis)), .timestamp)
        case .time(let text):
            guard let millis = Timestamp.parseTime(text) else {
                throw PlanningError("invalid TIME literal '\(text)'", at: location, hint: "write TIME 'HH:MM:SS'")
            }
            return (.constant(.timestamp(millis)), .time)
        case .date(let text):
            guard text.count == 10, let millis = Timestamp.parse(text) else {
                throw PlanningError("invalid DATE literal '\(text)'", at: location, hint: "write DATE 'YYYY-MM-DD'")
            }
            return (.constant(.timestamp(millis)), .date)
        case let .interval(text, unit):
            return (.constant(.interval(try intervalMilliseconds(text, unit, at: location))), .interval)
        case let .compoundInterval(_, _, milliseconds):
            return (.constant(.interval(milliseconds)), .interval)
        case let .monthInterval(text, qualifier, _):
            throw PlanningError("INTERVAL '\(text)' \(qualifier) can only be added to or subtracted from a time", at: location,
                                hint: "ts + INTERVAL '\(text)' \(qualifier), or TIMESTAMPADD(MONTH, n, ts)")
        }
    }

    mutating func bindBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ scope: Scope) throws(PlanningError) -> (BoundExpression, DataType) {
        // A year-month interval moves a time by whole months, the day kept where the month
        // has it, else its last (2024-03-31 + 1 month is 2024-04-30), as TIMESTAMPADD.
        if op == .add || op == .subtract {
            // `ts + n * INTERVAL '1' MONTH`: n times the months, n an expression.
            func scaledMonths(_ e: Expression) -> (Expression, Int64)? {
                guard case let .binary(.multiply, x, y) = e.kind else { return nil }
                if case .literal(.monthInterval(_, _, let m)) = y.kind { return (x, m) }
                if case .literal(.monthInterval(_, _, let m)) = x.kind { return (y, m) }
                return nil
            }
            var scaled: (time: Expression, count: Expression, months: Int64)?
            if let (count, m) = scaledMonths(right) { scaled = (left, count, op == .add ? m : -m) }
            if op == .add, let (count, m) = scaledMonths(left) { scaled = (right, count, m) }
            if let scaled {
                var (t, tt) = try bind(scaled.time, scope)
                if tt == .dynamic || tt == .string { (t, tt) = (.cast(t, from: tt, to: .timestamp), .timestamp) }
                guard tt.isTimestamp || tt == .date else {
                    throw PlanningError("cannot add months to \(tt)", at: scaled.time.location, hint: "a year-month interval moves a TIMESTAMP or a DATE")
                }
                let (n, nt) = try bind(scaled.count, scope)
                guard nt.isInteger || nt == .null else {
                    throw PlanningError("a year-month interval is multiplied by a whole number, not \(nt)", at: scaled.count.location)
                }
                let count = BoundExpression.arithmetic(.multiply, coerce(n, from: nt, to: .bigint), .constant(.int(scaled.months)), .bigint)
                return (wall(.call(.timestampAdd, [.constant(.string("MONTH")), count, instant(t, tt)], .timestamp), tt), tt)
            }
            var time = left, months: Int64?
            if case .literal(.monthInterval(_, _, let m)) = right.kind { months = op == .add ? m : -m }
            if op == .add, case .literal(.monthInterval(_, _, let m)) = left.kind { time = right; months = m }
            if let months {
                var (t, tt) = try bind(time, scope)
                if tt == .dynamic || tt == .string { (t, tt) = (.cast(t, from: tt, to: .timestamp), .timestamp) }
                guard tt.isTimestamp || tt == .date else {
                    throw PlanningError("cannot add months to \(tt)", at: time.location, hint: "a year-month interval moves a TIMESTAMP or a DATE")
                }
                return (wall(.call(.timestampAdd, [.constant(.string("MONTH")), .constant(.int(months)), instant(t, tt)], .timestamp), tt), tt)
            }
        }
        var (l, lt) = try bind(left, scope)
        var (r, rt) = try bind(right, scope)
        if [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(op) {
            (l, lt) = try timestampOperand(l, lt, against: rt, left)
            (r, rt) = try timestampOperand(r, rt, against: lt, right)
            if op != .equal, op != .notEqual {
                (l, lt) = numericOperand(l, lt, against: rt)
                (r, rt) = numericOperand(r, rt, against: lt)
            }
            // FLOAT = DOUBLE compares as FLOAT, DOUBLE = FLOAT as DOUBLE (the first operand's
            // type, as in arithmetic; checked: with both 0.1, f = d holds and d = f does not).
            if lt == .float, rt == .double { (r, rt) = (.cast(r, from: .double, to: .float), .float) }
        }
        switch op {
        case .and, .or:
            try requireBoolean(lt, left, op.rawValue)
            try requireBoolean(rt, right, op.rawValue)
            return (op == .and ? .and(l, r) : .or(l, r), .boolean)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            // ARRAYs, MAPs and ROWs are equal by their values, as Flink's: rows by position
            // whatever their fields' names, maps in any order, NULLs equal (case w_nested_equality).
            if op == .equal || op == .notEqual, lt.isJSONText || rt.isJSONText, Self.nestedComparable(lt, rt) {
                return (.comparison(op, .call(.nestedKey, [l], lt), .call(.nestedKey, [r], rt)), .boolean)
            }
            try requireComparable(lt, rt, right)
            return (.comparison(op, l, r), .boolean)
        case .concat:
            try requireString(lt, left, "||")
            try requireString(rt, right, "||")
            return (.call(.concat, [l, r], .string), .string)
        case .add, .subtract, .multiply, .divide, .modulo:
            if lt == .dynamic, rt == .interval { (l, lt) = (.cast(l, from: .dynamic, to: .timestamp), .timestamp) }
            if rt == .dynamic, lt == .interval { (r, rt) = (.cast(r, from: .dynamic, to: .timestamp), .timestamp) }
            // A TIMESTAMP_LTZ's instant moves (checked: 01:30 plus an hour the night clocks go forward is 03:30).
            if lt.isTimestamp, rt == .interval, op == .add || op == .subtract {
                return (wall(.arithmetic(op, instant(l, lt), r, .timestamp), lt), lt)
            }
            if lt == .interval, rt.isTimestamp, op == .add {
                return (wall(.arithmetic(op, instant(r, rt), l, .timestamp), rt), rt)
            }
            // n * INTERVAL '1' DAY: an interval n times as long.
            if op == .multiply, (lt.isInteger && rt == .interval) || (lt == .interval && rt.isInteger) {
                return (.arithmetic(.multiply, lt == .interval ? l : coerce(l, from: lt, to: .bigint), rt == .interval ? r : coerce(r, from: rt, to: .bigint), .interval), .interval)
            }
            // A DATE or TIME moved by a day-time interval stays one: a DATE drops the time of
            // day (DATE + 12 hours is the same date), a TIME wraps around midnight.
            // A DATE moves by the interval's whole days, truncated toward zero (Flink: DATE -
            // INTERVAL '1' HOUR is the same date).
            func days(_ e: BoundExpression) -> BoundExpression {
                if case .constant(.interval(let ms)) = e { return .constant(.interval(ms / 86_400_000 * 86_400_000)) }
                let day = BoundExpression.constant(.int(86_400_000))
                return .arithmetic(.multiply, .arithmetic(.divide, e, day, .interval), day, .interval)
            }
            if lt == .date || lt == .time, rt == .interval, op == .add || op == .subtract {
                return (.cast(.arithmetic(op, l, lt == .date ? days(r) : r, .timestamp), from: .timestamp, to: lt), lt)
            }
            if lt == .interval, rt == .date || rt == .time, op == .add {
                return (.cast(.arithmetic(op, r, rt == .date ? days(l) : l, .timestamp), from: .timestamp, to: rt), rt)
            }
            guard lt.isNumeric, rt.isNumeric else {
                throw PlanningError("cannot apply \(op.rawValue) to \(lt) and \(rt)", at: left.location)
            }
            let type = op == .modulo && lt.isInteger && rt.isInteger ? rt : DataType.arithmetic(lt, rt, op)
            // FLOAT then DOUBLE computes in FLOAT: the DOUBLE is made a FLOAT first (0.1f * 0.1 is 0.010000001).
            if lt == .float, rt == .double, type == .float { r = .cast(r, from: .double, to: .float) }
            // x + 0 is x to Flink's planner (Calcite's simplification): a DOUBLE -0.0 plus 0.0
            // stays -0.0, where IEEE addition gives 0.0 (checked on Flink 2.3; case w_negzero_plus_zero).
            if op == .add, type == .double || type == .float, lt.isNumeric, rt.isNumeric {
                if Self.isZeroLiteral(r) { return (coerce(l, from: lt, to: type), type) }
                if Self.isZeroLiteral(l) { return (coerce(r, from: rt, to: type), type) }
            }
            return (.arithmetic(op, l, r, type), type)
        }
    }

    static func isZeroLiteral(_ e: BoundExpression) -> Bool {
        switch e {
        case .constant(.int(0)), .constant(.decimal(0, _)): true
        case .constant(.double(let d)): d == 0
        case .cast(let inner, _, _): isZeroLiteral(inner)
        default: false
        }
    }

    /// Converts a branch of a wider result to the result's type, so every row has one type.
    func coerce(_ e: BoundExpression, from: DataType, to: DataType) -> BoundExpression {
        if from == to || from == .null || to == .dynamic || to == .null { return e }
        return .cast(e, from: from, to: to)
    }

    // MARK: - Type checks

    func requireNumeric(_ t: DataType, _ e: Expression, _ what: String) throws(PlanningError) {
        guard t.isNumeric else { throw PlanningError("\(what) needs a number, not \(t)", at: e.location) }
    }

    func requireBoolean(_ t: DataType, _ e: Expression, _ what: String) throws(PlanningError) {
        guard t == .boolean || t == .null || t == .dynamic else {
            throw PlanningError("\(what) needs a BOOLEAN, not \(t)", at: e.location)
        }
    }

    func requireString(_ t: DataType, _ e: Expression, _ what: String) throws(PlanningError) {
        guard t == .string || t == .null || t == .dynamic else {
            throw PlanningError("\(what) needs a STRING, not \(t)", at: e.location, hint: "convert it with CAST(… AS STRING)")
        }
    }

    /// A STRING compared with a TIMESTAMP, DATE, TIME or BOOLEAN is read as one, as Flink's
    /// implicit cast (`created_at >= '2024-05-20 00:00:00'`, `dt BETWEEN '2024-01-01' AND
    /// '2024-02-29'`, `flag = 'true'`, checked); a timestamp literal is read now, so a wrong one
    /// is an error here. (A number against a string: `numericOperand`.)
    func timestampOperand(_ e: BoundExpression, _ t: DataType, against other: DataType, _ at: Expression) throws(PlanningError) -> (BoundExpression, DataType) {
        guard t == .string, [.timestamp, .timestampLtz, .date, .time, .boolean].contains(other) else { return (e, t) }
        guard other.isTimestamp else { return (.cast(e, from: .string, to: other), other) }
        if case .constant(.string(let text)) = e {
            guard let millis = Timestamp.parse(text) else {
                throw PlanningError("'\(text)' is not a timestamp", at: at.location, hint: "write it as 'YYYY-MM-DD HH:MM:SS[.fff]'")
            }
            return (.constant(.timestamp(millis)), .timestamp)
        }
        return (.cast(e, from: .string, to: .timestamp), .timestamp)
    }

    /// A string ordered against a number (`qty > '20'`, `qty BETWEEN '3' AND '50'`, `qty IN
    /// ('5', '100')`) is cast to the number's type, as Flink's implicit cast (checked: fuzz
    /// round 23); Flink refuses `=` and `<>` between them, and so does weir.
    func numericOperand(_ e: BoundExpression, _ t: DataType, against other: DataType) -> (BoundExpression, DataType) {
        guard t == .string, other.isNumeric else { return (e, t) }
        return (.cast(e, from: .string, to: other), other)
    }

    func requireComparable(_ a: DataType, _ b: DataType, _ e: Expression) throws(PlanningError) {
        if a == b || a == .null || b == .null || a == .dynamic || b == .dynamic { return }
        if a.isNumeric && b.isNumeric { return }
        if a.isTimestamp && b.isTimestamp { return }
        throw PlanningError("cannot compare \(a) with \(b)", at: e.location, hint: "convert one side with CAST")
    }

    /// Whether two ARRAY, MAP or ROW types hold values `=` can compare: the same shape, with
    /// scalars that compare at each place (a ROW's field names do not matter).
    static func nestedComparable(_ a: DataType, _ b: DataType) -> Bool {
        switch (a, b) {
        case let (.array(x), .array(y)), let (.map(x), .map(y)): return nestedComparable(x, y)
        case let (.row(x), .row(y)): return x.count == y.count && zip(x, y).allSatisfy { nestedComparable($0.type, $1.type) }
        case (.array, _), (.map, _), (.row, _), (_, .array), (_, .map), (_, .row): return false
        default: return a == b || a == .null || b == .null || (a.isNumeric && b.isNumeric) || (a.isTimestamp && b.isTimestamp)
        }
    }

    static func canCast(_ from: DataType, _ to: DataType) -> Bool {
        if from == to || from == .null || from == .dynamic || to == .string { return true }
        switch (from, to) {
        case (_, _) where from.isNumeric && to.isNumeric: return true
        case (.string, _): return to != .interval
        case (.boolean, _) where to.isNumeric: return true
        case (_, .boolean) where from.isNumeric: return true
        case (_, _) where from.isTimestamp && to.isTimestamp: return true
        case (.timestamp, .bigint), (.timestampLtz, .bigint): return true
        case (.timestamp, .date), (.date, .timestamp), (.timestamp, .time): return true
        case (.timestampLtz, .date), (.date, .timestampLtz), (.timestampLtz, .time): return true
        case let (.array(a), .array(b)): return canCast(a, b)
        default: return false
        }
    }
}
