/// `FROM t, LATERAL (SELECT … FROM u WHERE u.k = t.k …) AS s`: a subquery that reads the row
/// beside it, decorrelated as Flink 2.3 plans it (Calcite's decorrelator, checked with Flink).
/// The correlation's equalities become a join's keys: the subquery selects its side of each
/// as a hidden column (`$lateral_k0`, …, which `SELECT *` passes over) and, when it
/// aggregates, groups by them. So a row of `t` with no row in `u` finds no group and is
/// dropped by the inner join of `,`, `CROSS JOIN` and `JOIN … ON TRUE`; `LEFT JOIN LATERAL (…)
/// ON TRUE` keeps it with NULLs, and a COUNT of no rows reads 0 there, as in Flink.
struct LateralSubquery {
    /// The subquery with its hidden key columns (and GROUP BY them when it aggregates).
    var query: Query
    var alias: Identifier
    /// `outer = alias.$lateral_kN`, one per correlation equality.
    var keys: [Expression]
    /// Names of the subquery's COUNT columns: NULL after a LEFT join means no rows, so 0.
    var counts: [String]
    /// An item computed from a COUNT (`COUNT(*) + 1`), which a LEFT join would not read as
    /// Flink does.
    var countInside: Expression?

    static let keyPrefix = "$lateral_k"
    /// Aggregate functions: a subquery calling one outside OVER reads one row per key.
    static let aggregates: Set<String> = ["COUNT", "SUM", "SUM0", "AVG", "MIN", "MAX", "LISTAGG", "STDDEV_POP", "STDDEV_SAMP",
                                          "VAR_POP", "VAR_SAMP", "FIRST_VALUE", "LAST_VALUE", "COLLECT", "ARRAY_AGG",
                                          "BOOL_AND", "BOOL_OR", "JSON_ARRAYAGG", "JSON_OBJECTAGG"]

    /// Decorrelates `query` read beside the tables named `outer`.
    init(_ query: Query, alias: Identifier?, outer: Set<String>, at location: SourceLocation) throws(SyntaxError) {
        func refuse(_ what: String) -> SyntaxError {
            SyntaxError("a LATERAL subquery \(what) is not supported yet", at: location,
                        hint: "a LATERAL subquery correlated by equalities (WHERE u.k = t.k), aggregating or not, is")
        }
        guard query.groupBy.isEmpty, query.having == nil, query.unionAll.isEmpty, query.orderBy.isEmpty, query.limit == nil,
              !query.distinct, query.ctes.isEmpty else {
            throw refuse("with GROUP BY, HAVING, DISTINCT, ORDER BY, LIMIT, WITH or UNION")
        }
        let inner = query.from.alias?.name.lowercased()
        func isOuter(_ qualifier: Identifier?) -> Bool {
            guard let name = qualifier?.name.lowercased() else { return false }
            return outer.contains(name) && name != inner
        }
        func reads(_ e: Expression, outerSide: Bool) -> Bool {
            var found = false
            e.visitColumns { qualifier in if isOuter(qualifier) == outerSide { found = true } }
            return found
        }
        var local: [Expression] = [], pairs: [(outer: Expression, inner: Expression)] = []
        for conjunct in query.whereClause?.conjuncts ?? [] {
            guard reads(conjunct, outerSide: true) else {
                local.append(conjunct)
                continue
            }
            guard case let .binary(.equal, a, b) = conjunct.kind else { throw refuse("correlated other than by equalities (\(conjunct))") }
            if !reads(a, outerSide: false), !reads(b, outerSide: true) {
                pairs.append((a, b))
            } else if !reads(b, outerSide: false), !reads(a, outerSide: true) {
                pairs.append((b, a))
            } else {
                throw refuse("correlated other than by equalities of an outer and an inner value (\(conjunct))")
            }
        }
        var aggregates = false
        for item in query.items {
            guard case let .expression(e, _) = item else { throw refuse("selecting *") }
            if reads(e, outerSide: true) { throw refuse("selecting a value of the outer query") }
            if e.callsAggregate { aggregates = true }
        }
        guard !pairs.isEmpty else { throw refuse("that does not read the outer query") }
        let name = alias ?? Identifier("$lateral")
        var rewritten = query
        let hidden = pairs.indices.map { Identifier("\(Self.keyPrefix)\($0)", quoted: true) }
        rewritten.items = zip(pairs, hidden).map { .expression($0.inner, alias: $1) } + query.items
        rewritten.whereClause = Expression.conjunction(local)
        if aggregates { rewritten.groupBy = pairs.map(\.inner) }
        self.query = rewritten
        self.alias = name
        keys = zip(pairs, hidden).map { pair, key in
            Expression(.binary(.equal, pair.outer, Expression(.column(qualifier: name, name: key), at: location)), at: location)
        }
        var counts: [String] = []
        for item in query.items {
            guard case let .expression(e, alias) = item else { continue }
            if case let .function(function, _, _) = e.kind, function.name.uppercased() == "COUNT" {
                // An unnamed COUNT is reachable only by `*`, which then refuses (`counts` not empty).
                counts.append(alias?.name ?? "")
            } else if e.callsCount {
                countInside = e
            }
        }
        self.counts = counts
    }
}

extension LateralSubquery {
    /// The LATERAL subquery a decorrelated join's right side came from, and its alias: the
    /// hidden key items taken out, their equalities with the outer values put back into WHERE,
    /// the GROUP BY that they added dropped. Nil for any other join.
    static func original(_ right: TableReference, on: Expression?) -> (Query, Identifier)? {
        guard case let .subquery(query, alias?) = right, let on else { return nil }
        var hidden: [Expression] = []
        for item in query.items {
            guard case let .expression(e, name?) = item, name.name.hasPrefix(keyPrefix) else { break }
            hidden.append(e)
        }
        let keys = on.conjuncts
        guard !hidden.isEmpty, keys.count == hidden.count else { return nil }
        var correlations: [Expression] = []
        for (key, inner) in zip(keys, hidden) {
            guard case let .binary(.equal, outer, reference) = key.kind, case let .column(_, name) = reference.kind,
                  name.name.hasPrefix(keyPrefix) else { return nil }
            correlations.append(Expression(.binary(.equal, inner, outer), at: key.location))
        }
        var original = query
        original.items.removeFirst(hidden.count)
        if original.groupBy == hidden { original.groupBy = [] }
        original.whereClause = Expression.conjunction((query.whereClause.map { [$0] } ?? []) + correlations)
        return (original, alias)
    }
}

extension Expression {
    /// Whether COUNT is called inside (not inside a nested subquery).
    var callsCount: Bool {
        switch kind {
        case let .function(name, _, _) where name.name.uppercased() == "COUNT": return true
        case .inSubquery, .exists, .scalarSubquery: return false
        default: return kind.children.contains { $0.callsCount }
        }
    }

    /// Whether an aggregate function is called outside OVER (not inside a nested subquery).
    var callsAggregate: Bool {
        switch kind {
        case .over: return false
        case let .function(name, _, _) where LateralSubquery.aggregates.contains(name.name.uppercased()): return true
        case .inSubquery, .exists, .scalarSubquery: return false
        default: return kind.children.contains { $0.callsAggregate }
        }
    }

    /// Calls `body` with the qualifier of every column reference (not inside nested subqueries).
    func visitColumns(_ body: (Identifier?) -> Void) {
        if case let .column(qualifier, _) = kind { body(qualifier) }
        switch kind {
        case .inSubquery(let e, _, _): e.visitColumns(body)
        case .exists, .scalarSubquery: break
        default: for child in kind.children { child.visitColumns(body) }
        }
    }

    /// The same expression with each reference to a COUNT column of a LEFT-joined LATERAL
    /// subquery read as 0 where the join found no row.
    func zeroingCounts(of alias: String, _ counts: [String]) -> Expression {
        // Already read as 0 (a query printed by weir and read again).
        if case let .function(name, arguments, false) = kind, name.name.uppercased() == "COALESCE", arguments.count == 2,
           case .column = arguments[0].kind, arguments[1].kind == .literal(.integer(0)) { return self }
        if case let .column(qualifier, name) = kind, counts.contains(where: { $0.lowercased() == name.name.lowercased() }),
           qualifier == nil || qualifier?.name.lowercased() == alias.lowercased() {
            return Expression(.function(name: Identifier("COALESCE"), arguments: [self, Expression(.literal(.integer(0)), at: location)], distinct: false), at: location)
        }
        return mapChildren { $0.zeroingCounts(of: alias, counts) }
    }
}

extension TableReference {
    /// The names a query may qualify this reference's columns with.
    var qualifierNames: Set<String> {
        switch self {
        case let .join(left, right, _, _, _): left.qualifierNames.union(right.qualifierNames)
        default: alias.map { [$0.name.lowercased()] } ?? []
        }
    }
}

extension Parser {
    /// The join of `left` with the LATERAL subquery just parsed as `right`, decorrelated; nil
    /// when `right` is not one.
    mutating func lateralJoin(_ left: TableReference, _ right: TableReference, _ kind: JoinKind, on: Expression?,
                              _ location: SourceLocation) throws(SyntaxError) -> TableReference? {
        guard let (query, alias, lateralLocation) = pendingLateral else { return nil }
        pendingLateral = nil
        if let on, !(on.kind == .literal(.boolean(true))) {
            throw SyntaxError("a LATERAL join's ON other than TRUE is not supported yet", at: on.location,
                              hint: "move the condition into the subquery's WHERE")
        }
        let joinKind: JoinKind
        switch kind {
        case .cross, .inner: joinKind = .inner
        case .left: joinKind = .left
        case .right, .full:
            throw SyntaxError("\(kind.rawValue) JOIN LATERAL is not supported (Flink has none either)", at: lateralLocation,
                              hint: "LEFT JOIN LATERAL (…) ON TRUE, or a comma")
        }
        let lateral = try LateralSubquery(query, alias: alias, outer: left.qualifierNames, at: lateralLocation)
        if joinKind == .left, let inside = lateral.countInside {
            throw SyntaxError("LEFT JOIN LATERAL with a value computed from a COUNT (\(inside)) is not supported yet", at: inside.location,
                              hint: "select the COUNT alone and compute from it outside the subquery")
        }
        if joinKind == .left, !leftLateralCounts.isEmpty {
            leftLateralCounts[leftLateralCounts.count - 1].append((lateral.alias.name, lateral.counts))
        }
        return .join(left, .subquery(lateral.query, alias: lateral.alias), joinKind,
                     on: Expression.conjunction(lateral.keys), location: location)
    }
}
