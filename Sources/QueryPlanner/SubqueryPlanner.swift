import SQLSyntax

/// A condition of WHERE that a semi or anti join answers.
struct SubqueryCondition {
    var query: Query
    /// `x` of `x [NOT] IN (SELECT …)`; nil for `[NOT] EXISTS`.
    var operand: Expression?
    /// Keeps the rows without a match: `NOT EXISTS`, `NOT IN`.
    var anti: Bool
    var location: SourceLocation
}

extension Expression {
    /// `[NOT] EXISTS (…)` or `x [NOT] IN (SELECT …)`, also under `NOT`.
    var subqueryCondition: SubqueryCondition? {
        switch kind {
        case .exists(let query): SubqueryCondition(query: query, operand: nil, anti: false, location: location)
        case let .inSubquery(operand, query, negated): SubqueryCondition(query: query, operand: operand, anti: negated, location: location)
        case let .unary(.not, inner):
            // NOT (x IN S) is x NOT IN S, and NOT (x NOT IN S) is x IN S, in three-valued
            // logic too: a row is kept only when the condition is true.
            inner.subqueryCondition.map { SubqueryCondition(query: $0.query, operand: $0.operand, anti: !$0.anti, location: location) }
        default: nil
        }
    }

    /// The same `[NOT] EXISTS`/`[NOT] IN` condition over another subquery; nil for any other.
    func replacingSubqueryCondition(_ query: Query) -> Expression? {
        switch kind {
        case .exists: Expression(.exists(query), at: location)
        case let .inSubquery(operand, _, negated): Expression(.inSubquery(operand, query, negated: negated), at: location)
        case let .unary(.not, inner): inner.replacingSubqueryCondition(query).map { Expression(.unary(.not, $0), at: location) }
        default: nil
        }
    }

    /// Whether a subquery is used anywhere inside, as a value or a condition.
    var containsSubquery: Bool {
        switch kind {
        case .exists, .inSubquery, .scalarSubquery: true
        default: kind.children.contains { $0.containsSubquery }
        }
    }

    /// Every column reference inside (not inside nested subqueries).
    func forEachColumn(_ body: (Identifier?, Identifier) -> Void) {
        if case let .column(qualifier, name) = kind { body(qualifier, name) }
        for child in kind.children { child.forEachColumn(body) }
    }

    /// The same expression with each column reference replaced.
    func mappingColumns(_ transform: (Identifier?, Identifier) -> Expression.Kind) -> Expression {
        if case let .column(qualifier, name) = kind { return Expression(transform(qualifier, name), at: location) }
        return mapChildren { $0.mappingColumns(transform) }
    }
}

extension RelationalPlanner {
    /// `SELECT … FROM t WHERE … AND [NOT] EXISTS (SELECT … WHERE u.k = t.k …) AND x [NOT] IN
    /// (SELECT y …)`: the other conditions filter `t`, each subquery condition is a semi or
    /// anti join of those rows with the subquery's, and the query reads the rows it keeps, as
    /// Flink decorrelates them (Calcite's SubQueryRemoveRule, then a semi/anti join).
    func planSubqueryConditions(_ query: Query) throws(PlanningError) -> Planned {
        let conjuncts = query.whereClause?.conjuncts ?? []
        let tableName: String, outerAlias: String
        switch query.from {
        case let .table(name, alias):
            tableName = name.name
            outerAlias = alias?.name ?? name.name
        case let .subquery(_, alias):
            tableName = "$semi"
            outerAlias = alias?.name ?? "$semi"
        default:
            throw PlanningError("IN and EXISTS with a subquery are supported over one table, view or subquery in FROM, not yet over a join or a window TVF",
                                at: conjuncts.first(where: { $0.subqueryCondition != nil })?.location ?? query.location,
                                hint: "compute the join or the window in a WITH query and filter that")
        }
        var plain: [Expression] = []
        var conditions: [SubqueryCondition] = []
        for conjunct in conjuncts {
            if let condition = conjunct.subqueryCondition { conditions.append(condition) } else { plain.append(conjunct) }
        }
        var base = Self.selectAll(from: query.from, where: Expression.conjunction(plain), at: query.location)
        let columns = try plan(base).columns
        // `x + 1 IN (SELECT …)`: the operand computed as a column of the rows first, as
        // Flink's planner projects it before its semi join.
        for index in conditions.indices {
            guard let operand = conditions[index].operand, operand.rowOperand == nil, operand.columnName == nil else { continue }
            let name = Identifier("$in_operand\(index)", quoted: true)
            base.items.append(.expression(operand, alias: name))
            conditions[index].operand = Expression(.column(qualifier: nil, name: name), at: operand.location)
        }
        var left = try plan(base)
        for condition in conditions {
            left = try planSemiJoin(condition, left, outerAlias: outerAlias)
        }
        if left.columns.count > columns.count {
            // The computed operands dropped again: the query reads the rows as they were.
            let items: [SelectItem] = columns.map {
                .expression(Expression(.column(qualifier: nil, name: Identifier($0.name, quoted: true)), at: query.location), alias: Identifier($0.name, quoted: true))
            }
            left = try planOn(Query(items: items, from: .table(Identifier("$semi_rows"), alias: nil), location: query.location), left, name: "$semi_rows")
        }
        var outer = query
        outer.ctes = []
        outer.whereClause = nil
        return try planOn(outer, left, name: tableName)
    }

    /// One subquery condition over `left` (whose columns the subquery may read as
    /// `outerAlias.column`, or unqualified where its own table has no such column).
    private func planSemiJoin(_ condition: SubqueryCondition, _ left: Planned, outerAlias: String) throws(PlanningError) -> Planned {
        var scope = self
        var condition = condition
        for cte in condition.query.ctes { scope.views[cte.name.name.lowercased()] = cte.query }
        let lcols = left.columns
        if case .join = condition.query.from, condition.query.unionAll.isEmpty {
            if condition.operand == nil, condition.query.items.contains(where: { if case .wildcard = $0 { true } else { false } }) {
                // EXISTS reads no column: `SELECT *` is `SELECT 1`.
                condition.query.items = [.expression(Expression(.literal(.integer(1)), at: condition.query.location), alias: nil)]
            }
            if let rewritten = try scope.overJoinedRows(condition.query, outer: (outerAlias, lcols)) { condition.query = rewritten }
        }
        let sub = condition.query
        func leftIndex(_ name: Identifier) -> Int? { lcols.firstIndex { $0.name.lowercased() == name.name.lowercased() } }

        // Which references name the outer row: qualified by its alias, or unqualified and
        // not a column of the subquery's own table (the inner scope hides the outer one).
        let innerAlias = sub.from.alias?.name
        var innerColumns: [Column] = []
        if innerAlias != nil, sub.unionAll.isEmpty {
            innerColumns = try scope.plan(Self.selectAll(from: sub.from, where: nil, at: sub.location)).columns
        }
        func isOuter(_ qualifier: Identifier?, _ name: Identifier) -> Bool {
            if let qualifier {
                return qualifier.name.lowercased() == outerAlias.lowercased() && qualifier.name.lowercased() != innerAlias?.lowercased()
            }
            let lower = name.name.lowercased()
            return !innerColumns.contains { $0.name.lowercased() == lower } && leftIndex(name) != nil
        }
        func readsOuter(_ e: Expression) -> Bool {
            var found = false
            e.forEachColumn { q, n in if isOuter(q, n) { found = true } }
            return found
        }

        var local: [Expression] = [], correlated: [Expression] = []
        for conjunct in sub.whereClause?.conjuncts ?? [] {
            if readsOuter(conjunct) { correlated.append(conjunct) } else { local.append(conjunct) }
        }
        if correlated.isEmpty, sub.having.map(readsOuter) == true || sub.items.contains(where: { if case .expression(let e, _) = $0 { readsOuter(e) } else { false } }) {
            throw PlanningError("a subquery that reads the outer query outside its WHERE is not supported yet", at: sub.location)
        }

        var leftKeys: [Int] = [], rightKeys: [Int] = []
        var residual: [Expression] = []
        let right: Planned
        // `x` of `x IN (SELECT y …)`, or each of `(a, b) IN (SELECT x, y …)`, and the
        // subquery's columns they are compared with.
        let operands = condition.operand.map { $0.rowOperand ?? [$0] } ?? []
        var valueSlots: [Int] = []
        if correlated.isEmpty {
            right = try scope.plan(sub)
            if condition.operand != nil {
                guard right.columns.count == operands.count else {
                    throw PlanningError("the subquery of IN selects \(operands.count) column\(operands.count == 1 ? "" : "s"), not \(right.columns.count)", at: sub.location)
                }
                valueSlots = Array(0..<operands.count)
            }
        } else {
            guard let innerAlias else {
                throw PlanningError("a correlated subquery reads one table, view or subquery, named in its FROM", at: sub.location)
            }
            guard innerAlias.lowercased() != outerAlias.lowercased() else {
                throw PlanningError("the subquery's table and the outer one are both named \(innerAlias)", at: sub.location,
                                    hint: "give them different aliases: FROM \(innerAlias) AS o WHERE EXISTS (SELECT 1 FROM \(innerAlias) AS i WHERE i.k = o.k)")
            }
            if !sub.groupBy.isEmpty || sub.having != nil || sub.groupingSets != nil || !sub.unionAll.isEmpty
                || sub.items.contains(where: { if case .expression(let e, _) = $0 { e.containsAggregate || e.containsOver } else { false } }) {
                return try planCorrelatedAggregation(condition, left, correlated: correlated, local: local, scope: scope,
                                                     outerAlias: outerAlias, innerAlias: innerAlias, isOuter: isOuter)
            }
            right = try scope.plan(Self.selectAll(from: sub.from, where: Expression.conjunction(local), at: sub.location))
            let rcols = right.columns
            func rightIndex(_ qualifier: Identifier?, _ name: Identifier) -> Int? {
                if let qualifier, qualifier.name.lowercased() != innerAlias.lowercased() { return nil }
                return rcols.firstIndex { $0.name.lowercased() == name.name.lowercased() }
            }
            if condition.operand != nil {
                guard sub.items.count == operands.count else {
                    throw PlanningError("the subquery of IN selects \(operands.count) column\(operands.count == 1 ? "" : "s"), not \(sub.items.count)", at: sub.location)
                }
                for item in sub.items {
                    guard case let .expression(value, _) = item, case let .column(q, n) = value.kind, let slot = rightIndex(q, n) else {
                        throw PlanningError("the correlated subquery of IN selects columns of its table", at: sub.location)
                    }
                    valueSlots.append(slot)
                }
            }
            for conjunct in correlated {
                if case let .binary(.equal, a, b) = conjunct.kind, case let .column(qa, na) = a.kind, case let .column(qb, nb) = b.kind {
                    if isOuter(qa, na), !isOuter(qb, nb), let l = leftIndex(na), let r = rightIndex(qb, nb) {
                        leftKeys.append(l); rightKeys.append(r); continue
                    }
                    if isOuter(qb, nb), !isOuter(qa, na), let l = leftIndex(nb), let r = rightIndex(qa, na) {
                        leftKeys.append(l); rightKeys.append(r); continue
                    }
                }
                // Every reference qualified, so the joined row below reads each from its side.
                residual.append(conjunct.mappingColumns { q, n in
                    .column(qualifier: Identifier(isOuter(q, n) ? outerAlias : innerAlias), name: n)
                })
            }
        }

        let nullAwareKeys = try Self.operandKeys(operands, valueSlots, anti: condition.anti, outerAlias: outerAlias, lcols,
                                                 leftKeys: &leftKeys, rightKeys: &rightKeys)

        var residualPlan: QueryPlan?
        var residualSlots: [Int] = []
        if !residual.isEmpty, let innerAlias {
            let joined = lcols.map { Column(name: "\(outerAlias).\($0.name)", type: $0.type) }
                + right.columns.map { Column(name: "\(innerAlias).\($0.name)", type: $0.type) }
            var scoped = catalog
            scoped.register(TableSchema(name: "$semi_join", columns: joined, rowtime: nil, watermarkDelay: 0, source: .derived))
            let probe = Query(items: [.expression(Expression(.literal(.boolean(true)), at: sub.location), alias: nil)],
                              from: .table(Identifier("$semi_join"), alias: nil), whereClause: Expression.conjunction(residual), location: sub.location)
            let plan = try QueryPlanner.plan(probe, catalog: scoped, defaultWatermarkDelay: 0, sql: probe.description,
                                             joinQualifiers: [outerAlias, innerAlias])
            residualSlots = plan.fields.map { field in joined.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0 }
            residualPlan = plan
        }
        let rcols = right.columns
        if residual.isEmpty, nullAwareKeys.count <= 1, left.node.windowBounds != nil, right.node.windowBounds != nil,
           let ls = WindowColumn.start.index(in: lcols), let le = WindowColumn.end.index(in: lcols),
           let rs = WindowColumn.start.index(in: rcols), let re = WindowColumn.end.index(in: rcols),
           zip(leftKeys, rightKeys).contains(where: { $0 == (ls, rs) }), zip(leftKeys, rightKeys).contains(where: { $0 == (le, re) }),
           left.node.changelogMode == .appendOnly, right.node.changelogMode == .appendOnly {
            // Correlated on the window: a window semi/anti join, written when the window
            // closes (Flink's WindowJoin with a semi or anti join type).
            let equal = zip(leftKeys, rightKeys).filter { $0 != (ls, rs) && $0 != (le, re) }
            var spec = WindowJoinSpec(kind: .inner, leftKeys: equal.map(\.0), rightKeys: equal.map(\.1), leftEnd: le, rightEnd: re,
                                      leftWidth: lcols.count, rightWidth: rcols.count, leftName: outerAlias, rightName: innerAlias ?? "$sub")
            spec.semi = condition.anti ? .anti : .semi
            spec.nullAwareLeft = nullAwareKeys.first?.left
            spec.nullAwareRight = nullAwareKeys.first?.right
            return Planned(node: .windowJoin(left.node, right.node, spec), rowtime: nil)
        }
        let spec = SemiJoinSpec(anti: condition.anti, leftKeys: leftKeys, rightKeys: rightKeys, nullAwareKeys: nullAwareKeys,
                                residual: residualPlan, residualSlots: residualSlots, leftWidth: lcols.count)
        // As Flink's semi join, the result is no longer ordered by event time.
        return Planned(node: .semiJoin(left.node, right.node, spec), rowtime: nil)
    }
}

extension RelationalPlanner {
    /// `EXISTS (SELECT … FROM c WHERE c.k = o.k GROUP BY g HAVING …)` (or IN): the groups
    /// of each outer key are those of grouping by the key too, so the subquery is planned
    /// uncorrelated, grouped by its correlated columns as well, and semi-joined on them (as
    /// Flink's decorrelation leaves it). Without GROUP BY an aggregation is one row per outer
    /// row even over no rows, which this cannot say: refused.
    fileprivate func planCorrelatedAggregation(_ condition: SubqueryCondition, _ left: Planned, correlated: [Expression], local: [Expression],
                                               scope: RelationalPlanner, outerAlias: String, innerAlias: String,
                                               isOuter: (Identifier?, Identifier) -> Bool) throws(PlanningError) -> Planned {
        let sub = condition.query
        let refused = PlanningError("a correlated subquery with aggregation is supported when it has a GROUP BY and is correlated by equalities of columns",
                                    at: sub.location, hint: "aggregate in a subquery in FROM and join it")
        guard !sub.groupBy.isEmpty, sub.groupingSets == nil, sub.unionAll.isEmpty, !sub.distinct,
              !sub.items.contains(where: { if case .expression(let e, _) = $0 { e.containsOver } else { false } }) else { throw refused }
        var outerColumns: [Identifier] = [], innerColumns: [Expression] = []
        for conjunct in correlated {
            guard case let .binary(.equal, a, b) = conjunct.kind, case let .column(qa, na) = a.kind, case let .column(qb, nb) = b.kind,
                  isOuter(qa, na) != isOuter(qb, nb) else { throw refused }
            outerColumns.append(isOuter(qa, na) ? na : nb)
            innerColumns.append(isOuter(qa, na) ? b : a)
        }
        let operands = condition.operand.map { $0.rowOperand ?? [$0] } ?? []
        if condition.operand != nil, sub.items.count != operands.count {
            throw PlanningError("the subquery of IN selects \(operands.count) column\(operands.count == 1 ? "" : "s"), not \(sub.items.count)", at: sub.location)
        }
        var grouped = sub
        grouped.whereClause = Expression.conjunction(local)
        grouped.groupBy += innerColumns.filter { column in !sub.groupBy.contains(column) }
        let selected = condition.operand == nil ? [] : sub.items
        grouped.items = selected + innerColumns.enumerated().map { .expression($0.element, alias: Identifier("$correlated\($0.offset)", quoted: true)) }
        grouped.orderBy = []
        grouped.limit = nil
        let right = try scope.plan(grouped)
        let lcols = left.columns
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        for (index, name) in outerColumns.enumerated() {
            guard let slot = lcols.firstIndex(where: { $0.name.lowercased() == name.name.lowercased() }) else { throw refused }
            leftKeys.append(slot)
            rightKeys.append(selected.count + index)
        }
        let nullAwareKeys = try Self.operandKeys(operands, Array(operands.indices), anti: condition.anti, outerAlias: outerAlias, lcols,
                                                 leftKeys: &leftKeys, rightKeys: &rightKeys)
        let spec = SemiJoinSpec(anti: condition.anti, leftKeys: leftKeys, rightKeys: rightKeys, nullAwareKeys: nullAwareKeys,
                                residual: nil, residualSlots: [], leftWidth: lcols.count)
        return Planned(node: .semiJoin(left.node, right.node, spec), rowtime: nil)
    }
}

extension RelationalPlanner {
    /// `x [NOT] IN (SELECT y …)`'s operands (columns of the outer row) against the subquery's
    /// value slots: equal keys for IN (a NULL in either never matches), null-aware pairs for
    /// NOT IN.
    fileprivate static func operandKeys(_ operands: [Expression], _ valueSlots: [Int], anti: Bool, outerAlias: String, _ lcols: [Column],
                                        leftKeys: inout [Int], rightKeys: inout [Int]) throws(PlanningError) -> [(left: Int, right: Int)] {
        var nullAwareKeys: [(left: Int, right: Int)] = []
        for (operand, valueSlot) in zip(operands, valueSlots) {
            guard case let .column(q, n) = operand.kind, q == nil || q!.name.lowercased() == outerAlias.lowercased(),
                  let slot = lcols.firstIndex(where: { $0.name.lowercased() == n.name.lowercased() }) else {
                throw PlanningError("IN with a subquery compares a column of \(outerAlias)", at: operand.location,
                                    hint: "compute the value in a subquery in FROM and compare its column")
            }
            if anti {
                nullAwareKeys.append((slot, valueSlot))
            } else {
                leftKeys.append(slot)
                rightKeys.append(valueSlot)
            }
        }
        return nullAwareKeys
    }
}

extension Expression {
    /// Whether a `(SELECT …)` used as a value appears inside (not inside nested subqueries).
    var containsScalarSubquery: Bool {
        if case .scalarSubquery = kind { return true }
        return kind.children.contains { $0.containsScalarSubquery }
    }

    /// The same expression with each scalar subquery replaced.
    func replacingScalarSubqueries(_ replace: (Query, SourceLocation) -> Expression) -> Expression {
        if case .scalarSubquery(let query) = kind { return replace(query, location) }
        return mapChildren { $0.replacingScalarSubqueries(replace) }
    }
}

extension RelationalPlanner {
    /// `SELECT …, (SELECT MAX(x) FROM u) … FROM t WHERE y > (SELECT AVG(z) FROM u)`: each
    /// subquery (an aggregate without GROUP BY: one row) joined to every row of `t` on no key,
    /// as Flink decorrelates it; the join is inner when the values are only compared in WHERE
    /// (a NULL fails the comparison, so Flink drops the outer join), else LEFT (a row is kept,
    /// the value NULL, while the subquery has no row). The result updates with the subquery's.
    func planScalarSubqueries(_ query: Query) throws(PlanningError) -> Planned {
        if let rewritten = Self.havingSubqueryAsWhere(query) { return try plan(rewritten) }
        let outerAlias = try subqueryOuterName(query, "a scalar subquery")
        if query.needsRows || query.hasOver || query.distinct {
            if let planned = try planAggregationWithScalarSubqueries(query, name: outerAlias) { return planned }
            throw PlanningError("a scalar subquery in a window aggregation, GROUPING SETS, OVER or DISTINCT is not supported yet",
                                at: query.location,
                                hint: "aggregate in a subquery and use the value in an outer query: SELECT …, c * 1.0 / (SELECT …) FROM (SELECT …, COUNT(*) AS c … GROUP BY …)")
        }
        // As Flink's SubQueryRemoveRule: WHERE's subqueries joined first (inner: a NULL fails
        // the comparison), WHERE filtered, then the select list's joined LEFT (a row is kept,
        // the value NULL, while the subquery has no row).
        var joined = try plan(Self.selectAll(from: query.from, where: nil, at: query.location))
        var qualifiers = [outerAlias.name]
        var count = 0
        func join(_ e: Expression, _ kind: JoinType) throws(PlanningError) -> Expression {
            var found: [(query: Query, location: SourceLocation)] = []
            _ = e.replacingScalarSubqueries { sub, location in
                found.append((sub, location))
                return Expression(.literal(.null), at: location)
            }
            var names: [String] = []
            for sub in found {
                guard sub.query.isUnwindowedAggregate, sub.query.groupBy.isEmpty, sub.query.unionAll.isEmpty else {
                    throw PlanningError("a scalar subquery is supported as an aggregate without GROUP BY (one row), such as (SELECT MAX(x) FROM t)",
                                        at: sub.location, hint: "Flink checks at run time that any other subquery gives one row")
                }
                // A subquery that reads the outer row through `u.k = o.k` is an aggregation by
                // `u.k` joined on that key (as Flink decorrelates it).
                let correlation = try correlationKeys(sub.query, outer: outerAlias, at: sub.location)
                var valueQuery = sub.query
                var countsRows = false
                if !correlation.inner.isEmpty {
                    valueQuery.whereClause = Expression.conjunction(correlation.rest)
                    valueQuery.groupBy = correlation.inner
                    valueQuery.items = correlation.inner.enumerated().map { .expression($1, alias: Identifier("$key\($0)")) } + sub.query.items
                    // COUNT of no rows is 0, not the NULL of a key the join did not find.
                    if case let .expression(e, _)? = sub.query.items.first, case let .function(f, _, _) = e.kind, f.name.uppercased() == "COUNT" { countsRows = true }
                }
                let value = try plan(valueQuery)
                guard value.columns.count == correlation.inner.count + 1 else {
                    throw PlanningError("a scalar subquery selects one column, not \(value.columns.count - correlation.inner.count)", at: sub.location)
                }
                let leftKeys = try correlation.outer.map { column throws(PlanningError) -> Int in
                    let wanted = (count == 0 ? column : "\(outerAlias.name).\(column)").lowercased()
                    guard let slot = joined.columns.firstIndex(where: { $0.name.lowercased() == wanted }) else {
                        throw PlanningError("unknown column \(outerAlias.name).\(column)", at: sub.location)
                    }
                    return slot
                }
                let name = "$sq\(count)"
                let spec = RegularJoinSpec(kind: countsRows ? .left : kind, leftKeys: leftKeys, rightKeys: Array(0..<leftKeys.count),
                                           leftWidth: joined.columns.count, rightWidth: value.columns.count,
                                           leftName: count == 0 ? outerAlias.name : "", rightName: name)
                joined = Planned(node: .regularJoin(joined.node, value.node, spec), rowtime: nil)
                qualifiers.append(name)
                names.append("\(countsRows ? "!" : "")\(name).\(value.columns[value.columns.count - 1].name)")
                count += 1
            }
            var next = 0
            return e.replacingScalarSubqueries { _, location in
                defer { next += 1 }
                let countsRows = names[next].hasPrefix("!")
                let parts = names[next].drop { $0 == "!" }.split(separator: ".", maxSplits: 1).map(String.init)
                let column = Expression(.column(qualifier: Identifier(parts[0]), name: Identifier(parts[1], quoted: true)), at: location)
                guard countsRows else { return column }
                return Expression(.function(name: Identifier("COALESCE"), arguments: [column, Expression(.literal(.integer(0)), at: location)], distinct: false), at: location)
            }
        }
        var outer = query
        outer.ctes = []
        if let condition = query.whereClause {
            let replaced = try join(condition, .inner)
            if count == 0 {
                joined = try planOn(Self.selectAll(from: query.from, where: condition, at: query.location), joined, name: outerAlias.name)
            } else {
                joined = try filterJoined(joined, replaced, qualifiers: qualifiers, at: query.location)
            }
            outer.whereClause = nil
        }
        var items: [SelectItem] = []
        for item in query.items {
            guard case let .expression(e, alias) = item, e.containsScalarSubquery else { items.append(item); continue }
            items.append(.expression(try join(e, .left), alias: alias))
        }
        outer.items = items
        return try selectJoined(outer, joined, qualifiers: qualifiers, sql: query.description)
    }
}

extension RelationalPlanner {
    /// An aggregation without a window whose select list or WHERE holds scalar subqueries, as
    /// Flink's SubQueryRemoveRule plans it: WHERE's subqueries joined to the rows before they
    /// are aggregated (the rows it keeps, under the same name), the select list's joined to
    /// the aggregation's rows (`planAggregationThenSubqueryValues`). Nil for a subquery inside
    /// an aggregate's argument, a group window, GROUPING SETS, OVER or DISTINCT.
    func planAggregationWithScalarSubqueries(_ query: Query, name: Identifier) throws(PlanningError) -> Planned? {
        func aggregateReadsSubquery(_ e: Expression) -> Bool {
            if case let .function(function, _, _) = e.kind, AggregateFunction(rawValue: function.name.uppercased()) != nil {
                return e.containsScalarSubquery
            }
            return e.kind.children.contains(where: aggregateReadsSubquery)
        }
        guard query.needsRows, !query.hasOver, !query.distinct, !query.needsWindow, query.groupingSets == nil,
              !query.groupBy.contains(where: \.containsScalarSubquery) else { return nil }
        switch query.from {
        case .table, .subquery: break
        default: return nil
        }
        if query.items.contains(where: { if case .expression(let e, _) = $0 { aggregateReadsSubquery(e) } else { false } })
            || query.having.map(aggregateReadsSubquery) == true {
            // `SUM(x - (SELECT MIN(x) FROM t))`: the subquery's value is a column of the rows
            // the aggregation reads, as Flink's Project under its Aggregate computes it.
            var values: [SelectItem] = []
            func lifted(_ e: Expression) -> Expression {
                if case let .function(function, _, _) = e.kind, AggregateFunction(rawValue: function.name.uppercased()) != nil {
                    return e.replacingScalarSubqueries { sub, location in
                        let column = Identifier("$argument_subquery\(values.count)", quoted: true)
                        values.append(.expression(Expression(.scalarSubquery(sub), at: location), alias: column))
                        return Expression(.column(qualifier: nil, name: column), at: location)
                    }
                }
                return e.mapChildren(lifted)
            }
            var outer = query
            outer.ctes = []
            outer.items = query.items.map { item in
                if case let .expression(e, alias) = item { .expression(lifted(e), alias: alias) } else { item }
            }
            outer.having = query.having.map(lifted)
            var rows = Self.selectAll(from: query.from, where: query.whereClause, at: query.location)
            rows.items += values
            outer.whereClause = nil
            outer.from = .subquery(rows, alias: name)
            return try plan(outer)
        }
        if let condition = query.whereClause, condition.containsScalarSubquery {
            var outer = query
            outer.ctes = []
            outer.whereClause = nil
            outer.from = .subquery(Self.selectAll(from: query.from, where: condition, at: query.location), alias: name)
            return try plan(outer)
        }
        return try planAggregationThenSubqueryValues(query, name: name.name)
    }

    /// A scalar subquery's conditions on the outer row: `inner.k = outer.k` pairs (the
    /// subquery's expressions and the outer columns' names), and its other conditions, which
    /// must not read the outer row.
    func correlationKeys(_ sub: Query, outer: Identifier, at location: SourceLocation) throws(PlanningError)
        -> (inner: [Expression], outer: [String], rest: [Expression]) {
        let outerName = outer.name.lowercased()
        let innerNames = sub.from.qualifiers
        func outerColumn(_ e: Expression) -> String? {
            guard case let .column(q?, name) = e.kind, q.name.lowercased() == outerName, !innerNames.contains(outerName) else { return nil }
            return name.name
        }
        func readsOuter(_ e: Expression) -> Bool {
            var found = false
            e.forEachColumn { q, _ in if q?.name.lowercased() == outerName, !innerNames.contains(outerName) { found = true } }
            return found
        }
        for e in sub.items.compactMap({ if case .expression(let e, _) = $0 { e } else { nil } }) + sub.groupBy + (sub.having.map { [$0] } ?? []) where readsOuter(e) {
            throw PlanningError("a scalar subquery that reads the outer query's columns outside its WHERE is not supported yet", at: e.location)
        }
        var inner: [Expression] = [], outerColumns: [String] = [], rest: [Expression] = []
        for conjunct in sub.whereClause?.conjuncts ?? [] {
            if case let .binary(.equal, a, b) = conjunct.kind {
                if let column = outerColumn(b), !readsOuter(a) {
                    inner.append(a); outerColumns.append(column); continue
                }
                if let column = outerColumn(a), !readsOuter(b) {
                    inner.append(b); outerColumns.append(column); continue
                }
            }
            if readsOuter(conjunct) {
                throw PlanningError("a scalar subquery correlated other than by equal keys is not supported yet", at: conjunct.location,
                                    hint: "correlate by equal keys: WHERE u.k = \(outer.name).k")
            }
            rest.append(conjunct)
        }
        return (inner, outerColumns, rest)
    }
}

extension Expression {
    /// `a IS NOT DISTINCT FROM b`, which the parser writes as the CASE that computes it: its
    /// two operands.
    var notDistinctOperands: (Expression, Expression)? {
        guard case let .caseWhen(nil, branches, otherwise?) = kind, branches.count == 2,
              case .literal(.boolean(true)) = branches[0].result.kind, case .literal(.boolean(false)) = branches[1].result.kind,
              case let .unary(.not, differ) = otherwise.kind, case let .binary(.notEqual, a, b) = differ.kind,
              case let .binary(.and, x, y) = branches[0].condition.kind,
              case .isNull(a, negated: false) = x.kind, case .isNull(b, negated: false) = y.kind else { return nil }
        return (a, b)
    }
}

extension Expression {
    /// Whether `[NOT] EXISTS (…)` or `x [NOT] IN (SELECT …)` is used inside (not inside
    /// nested subqueries).
    var containsInOrExists: Bool {
        switch kind {
        case .exists, .inSubquery: true
        case .scalarSubquery: false
        default: kind.children.contains { $0.containsInOrExists }
        }
    }

    /// The same expression with each IN or EXISTS subquery replaced.
    func replacingInOrExists(_ replace: (Expression) throws(PlanningError) -> Expression) throws(PlanningError) -> Expression {
        switch kind {
        case .exists, .inSubquery: return try replace(self)
        default:
            var failure: PlanningError?
            let mapped = mapChildren { child in
                do throws(PlanningError) { return try child.replacingInOrExists(replace) } catch { failure = error; return child }
            }
            if let failure { throw failure }
            return mapped
        }
    }
}

extension RelationalPlanner {
    /// `SELECT …, x IN (SELECT y FROM u) … FROM t WHERE EXISTS (SELECT … WHERE u.k = t.k) OR …`:
    /// an IN or EXISTS that is a value, not a condition joined by AND, as Calcite's
    /// SubQueryRemoveRule rewrites it for Flink. `x IN (…)` joins `t` to the subquery's row
    /// count `c` and non-NULL count `ck` (inner, on no key) and LEFT to its distinct values with
    /// TRUE as `i`, on `x`; its value is `CASE WHEN c = 0 THEN FALSE WHEN x IS NULL THEN NULL
    /// WHEN i IS NOT NULL THEN TRUE WHEN ck < c THEN NULL ELSE FALSE END`. `EXISTS` joins LEFT
    /// to the distinct correlation keys with TRUE as `i`: `i IS NOT NULL`. WHERE filters the
    /// joined rows; the result updates as the subquery's rows come.
    /// IN or EXISTS in an aggregation's select list or HAVING, as Calcite leaves it for
    /// SubQueryRemoveRule: the aggregation first, as a table under the FROM clause's name (a
    /// group column keeps its name, any other group expression and each aggregate call become
    /// a column of their own), then the select list and HAVING over its rows, where the
    /// subqueries are values as in a query without aggregation. A correlated subquery reads
    /// the group columns by their names.
    func planAggregationThenSubqueryValues(_ query: Query, name: String) throws(PlanningError) -> Planned {
        let location = query.location
        let grouped = query.groupBy.contains { e in
            switch e.kind {
            case .groupingSets: return true
            case let .function(function, _, _): return ["TUMBLE", "HOP", "SESSION", "CUMULATE"].contains(function.name.uppercased())
            default: return false
            }
        }
        guard !grouped, !query.hasOver else {
            throw PlanningError("IN and EXISTS with a subquery in the select list or HAVING of a group window or GROUPING SETS aggregation are not supported yet",
                                at: location, hint: "compute the condition in a subquery and aggregate over it")
        }
        var groupItems: [SelectItem] = []
        var groupNames: [String] = []
        for (i, key) in query.groupBy.enumerated() {
            if case let .column(_, column) = key.kind {
                groupNames.append(column.name)
            } else {
                groupNames.append("$group\(i)")
            }
            groupItems.append(.expression(key, alias: Identifier(groupNames[i], quoted: true)))
        }
        var calls: [Expression] = []
        func replace(_ e: Expression) -> Expression {
            if let i = query.groupBy.firstIndex(of: e) {
                if case .column = e.kind { return e }
                return Expression(.column(qualifier: nil, name: Identifier(groupNames[i], quoted: true)), at: e.location)
            }
            if case let .function(function, _, _) = e.kind, AggregateFunction(rawValue: function.name.uppercased()) != nil {
                let index = calls.firstIndex(of: e) ?? { calls.append(e); return calls.count - 1 }()
                return Expression(.column(qualifier: nil, name: Identifier("$aggregate\(index)", quoted: true)), at: e.location)
            }
            return e.mapChildren(replace)
        }
        var outer = query
        outer.ctes = []
        outer.groupBy = []
        outer.items = query.items.map { item in
            guard case let .expression(e, alias) = item else { return item }
            // An unnamed aggregate keeps the name Flink gives it (EXPR$n) only by position:
            // name a bare column after itself.
            return .expression(replace(e), alias: alias ?? (e.columnName.map { Identifier($0) }))
        }
        outer.having = nil
        outer.whereClause = query.having.map(replace)
        var inner = query
        inner.ctes = []
        inner.distinct = false
        inner.having = nil
        inner.orderBy = []
        inner.limit = nil
        inner.offset = nil
        inner.unionAll = []
        inner.items = groupItems + calls.enumerated().map { .expression($1, alias: Identifier("$aggregate\($0)", quoted: true)) }
        if inner.items.isEmpty { inner.items = [.expression(Expression(.literal(.integer(0)), at: location), alias: Identifier("$nothing"))] }
        outer.from = .subquery(inner, alias: Identifier(name))
        return try plan(outer)
    }

    func planSubqueryValues(_ query: Query) throws(PlanningError) -> Planned {
        let outerAlias = try subqueryOuterName(query, "IN and EXISTS with a subquery outside WHERE's AND")
        if query.needsRows || query.hasOver || query.distinct {
            let itemsRead = query.items.contains { if case .expression(let e, _) = $0 { e.containsInOrExists } else { false } }
            if itemsRead || query.having?.containsInOrExists == true {
                return try planAggregationThenSubqueryValues(query, name: outerAlias.name)
            }
            guard let condition = query.whereClause else {
                throw PlanningError("IN and EXISTS with a subquery are supported in an aggregation's WHERE, select list and HAVING, not yet here",
                                    at: query.location, hint: "compute the condition in a subquery and aggregate over it")
            }
            // WHERE filters the rows before they are aggregated: the rows it keeps, as a
            // subquery under the same name.
            let kept = try plan(Self.selectAll(from: query.from, where: condition, at: query.location))
            var outer = query
            outer.ctes = []
            outer.whereClause = nil
            return try planOn(outer, kept, name: outerAlias.name)
        }
        // A WHERE without such a subquery filters the rows before they are joined.
        let filtersJoined = query.whereClause?.containsInOrExists == true
        var joined = try plan(Self.selectAll(from: query.from, where: filtersJoined ? nil : query.whereClause, at: query.location))
        var qualifiers = [outerAlias.name]
        var count = 0
        func column(_ qualifier: String, _ name: String, _ location: SourceLocation) -> Expression {
            Expression(.column(qualifier: Identifier(qualifier), name: Identifier(name, quoted: true)), at: location)
        }
        func outerSlot(_ name: String, at location: SourceLocation) throws(PlanningError) -> Int {
            let wanted = (count == 0 ? name : "\(outerAlias.name).\(name)").lowercased()
            guard let slot = joined.columns.firstIndex(where: { $0.name.lowercased() == wanted }) else {
                throw PlanningError("unknown column \(outerAlias.name).\(name)", at: location)
            }
            return slot
        }
        func join(_ right: Planned, _ kind: JoinType, leftKeys: [Int], name: String) {
            let spec = RegularJoinSpec(kind: kind, leftKeys: leftKeys, rightKeys: Array(0..<leftKeys.count),
                                       leftWidth: joined.columns.count, rightWidth: right.columns.count,
                                       leftName: count == 0 ? outerAlias.name : "", rightName: name)
            joined = Planned(node: .regularJoin(joined.node, right.node, spec), rowtime: nil)
            qualifiers.append(name)
            count += 1
        }
        func replace(_ e: Expression) throws(PlanningError) -> Expression {
            try e.replacingInOrExists { (occurrence) throws(PlanningError) -> Expression in
                let location = occurrence.location
                let yes = Expression(.literal(.boolean(true)), at: location), no = Expression(.literal(.boolean(false)), at: location)
                let unknown = Expression(.cast(Expression(.literal(.null), at: location), TypeName("BOOLEAN")), at: location)
                switch occurrence.kind {
                case let .inSubquery(operand, sub, negated):
                    if operand.rowOperand != nil {
                        throw PlanningError("a row IN a subquery is supported as a condition of WHERE (joined by AND), not yet as a value", at: operand.location,
                                            hint: "move it into WHERE, or compare each column in a join")
                    }
                    guard case let .column(qualifier, name) = operand.kind,
                          qualifier == nil || qualifier?.name.lowercased() == outerAlias.name.lowercased() else {
                        throw PlanningError("x IN (SELECT …) outside WHERE's AND is supported with a column of the outer query as x", at: operand.location,
                                            hint: "compute x in a subquery in FROM first")
                    }
                    let slot = try outerSlot(name.name, at: operand.location)
                    let values = try plan(sub)
                    guard values.columns.count == 1 else {
                        throw PlanningError("the subquery of IN selects one column, not \(values.columns.count)", at: location)
                    }
                    let derivedName = "$in\(count)"
                    let derived = TableReference.subquery(sub, alias: Identifier(derivedName))
                    let value = column(derivedName, values.columns[0].name, location)
                    let star = Expression(.star, at: location)
                    let counts = Query(items: [.expression(Expression(.function(name: Identifier("COUNT"), arguments: [star], distinct: false), at: location), alias: Identifier("$c")),
                                               .expression(Expression(.function(name: Identifier("COUNT"), arguments: [value], distinct: false), at: location), alias: Identifier("$ck"))],
                                       from: derived, location: location)
                    let countsName = "$ct\(count)"
                    join(try plan(counts), .inner, leftKeys: [], name: countsName)
                    let distinct = Query(items: [.expression(value, alias: Identifier("$value")), .expression(yes, alias: Identifier("$i"))],
                                         from: derived, groupBy: [value], location: location)
                    let matchName = "$dt\(count)"
                    join(try plan(distinct), .left, leftKeys: [slot], name: matchName)
                    let x = column(qualifiers[0], name.name, location)
                    let c = column(countsName, "$c", location), ck = column(countsName, "$ck", location)
                    let branches = [
                        Expression.WhenBranch(condition: Expression(.binary(.equal, c, Expression(.literal(.integer(0)), at: location)), at: location), result: no),
                        Expression.WhenBranch(condition: Expression(.isNull(x, negated: false), at: location), result: unknown),
                        Expression.WhenBranch(condition: Expression(.isNull(column(matchName, "$i", location), negated: true), at: location), result: yes),
                        Expression.WhenBranch(condition: Expression(.binary(.less, ck, c), at: location), result: unknown),
                    ]
                    let value3 = Expression(.caseWhen(operand: nil, branches: branches, otherwise: no), at: location)
                    return negated ? Expression(.unary(.not, value3), at: location) : value3
                case .exists(let sub):
                    let correlation = try correlationKeys(sub, outer: outerAlias, at: location)
                    let leftKeys = try correlation.outer.map { (name) throws(PlanningError) -> Int in try outerSlot(name, at: location) }
                    var keys = sub
                    keys.whereClause = Expression.conjunction(correlation.rest)
                    keys.items = correlation.inner.enumerated().map { .expression($1, alias: Identifier("$key\($0)")) } + [.expression(yes, alias: Identifier("$i"))]
                    keys.groupBy = []
                    keys.having = nil
                    keys.distinct = true
                    guard !sub.needsRows, sub.groupBy.isEmpty, sub.unionAll.isEmpty else {
                        throw PlanningError("EXISTS outside WHERE's AND is supported over a subquery without aggregation", at: location)
                    }
                    let matchName = "$dt\(count)"
                    join(try plan(keys), .left, leftKeys: leftKeys, name: matchName)
                    return Expression(.isNull(column(matchName, "$i", location), negated: true), at: location)
                default:
                    return occurrence
                }
            }
        }
        var outer = query
        outer.ctes = []
        if filtersJoined, let condition = query.whereClause {
            let replaced = try replace(condition)
            joined = try filterJoined(joined, replaced, qualifiers: qualifiers, at: query.location)
        }
        outer.whereClause = nil
        var items: [SelectItem] = []
        for item in query.items {
            guard case let .expression(e, alias) = item, e.containsInOrExists else { items.append(item); continue }
            items.append(.expression(try replace(e), alias: alias ?? Identifier("EXPR$\(items.count)")))
        }
        outer.items = items
        return try selectJoined(outer, joined, qualifiers: qualifiers, sql: query.description)
    }
}

extension RelationalPlanner {
    /// The name a query's own columns go by once its subqueries are joined to its rows.
    func subqueryOuterName(_ query: Query, _ what: String) throws(PlanningError) -> Identifier {
        switch query.from {
        case let .table(name, alias): return alias ?? name
        case let .subquery(_, alias): return alias ?? Identifier("$outer")
        default:
            throw PlanningError("\(what) is supported over one table, view or subquery in FROM, not yet over a join or a window TVF",
                                at: query.location, hint: "compute the join in a WITH query and select from that")
        }
    }

    /// `outer`'s select list over the rows its subqueries were joined to.
    func selectJoined(_ outer: Query, _ joined: Planned, qualifiers: [String], sql: String) throws(PlanningError) -> Planned {
        var outer = outer
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: joined.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
        outer.from = .table(Identifier("$join"), alias: nil)
        let projection = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: sql, joinQualifiers: qualifiers)
        return Planned(node: .calc(joined.node, projection), rowtime: nil)
    }
}

extension RelationalPlanner {
    /// `SELECT k, SUM(x) AS s … GROUP BY k HAVING SUM(x) > (SELECT AVG(x) FROM t)`: the
    /// aggregation in FROM, with what HAVING reads of it (its aggregates and grouped
    /// expressions) as columns of their own, and the condition in WHERE over it, where a
    /// scalar subquery is joined to each row, as Flink plans it (Aggregate, then the join
    /// with the subquery's one row, then the filter). Nil for any other query.
    static func havingSubqueryAsWhere(_ query: Query) -> Query? {
        guard let having = query.having, having.containsScalarSubquery, query.groupingSets == nil, !query.distinct, !query.hasOver,
              query.orderBy.isEmpty, query.limit == nil, query.offset == nil, query.unionAll.isEmpty, query.columnAliases.isEmpty,
              !query.items.contains(where: { item in
                  if case .expression(let e, _) = item { return e.containsScalarSubquery }
                  return true  // a wildcard
              }) else { return nil }
        var inner = query
        inner.having = nil
        inner.ctes = []
        inner.items = []
        var outerItems: [SelectItem] = []
        for (index, item) in query.items.enumerated() {
            guard case let .expression(e, alias) = item else { return nil }
            let name = alias?.name ?? e.columnName ?? "EXPR$\(index)"
            let hidden = Identifier("$item\(index)", quoted: true)
            inner.items.append(.expression(e, alias: hidden))
            outerItems.append(.expression(Expression(.column(qualifier: nil, name: hidden), at: e.location), alias: Identifier(name, quoted: alias?.quoted ?? false)))
        }
        var count = 0
        func lifted(_ e: Expression) -> Expression {
            if case .scalarSubquery = e.kind { return e }
            if !e.containsScalarSubquery {
                var names: [String] = []
                e.collectColumns(into: &names)
                guard !names.isEmpty || e.containsAggregate else { return e }
                let hidden = Identifier("$having\(count)", quoted: true)
                count += 1
                inner.items.append(.expression(e, alias: hidden))
                return Expression(.column(qualifier: nil, name: hidden), at: e.location)
            }
            return e.mapChildren(lifted)
        }
        let condition = lifted(having)
        // Still an aggregation without its HAVING (`SELECT 'x' … HAVING (SELECT …) > 0` is not).
        guard !inner.groupBy.isEmpty || inner.items.contains(where: { if case .expression(let e, _) = $0 { e.containsAggregate } else { false } }) else {
            return nil
        }
        var outer = Query(items: outerItems, from: .subquery(inner, alias: Identifier("$having", quoted: true)), location: query.location)
        outer.whereClause = condition
        outer.ctes = query.ctes
        return outer
    }

    /// A subquery over joins (`EXISTS (SELECT 1 FROM o JOIN p ON … WHERE o.user_id =
    /// u.user_id)`): the same subquery over a subquery of its joined rows that selects each
    /// column of theirs it reads under a name of its own (the outer query's references
    /// left as they are), so that it reads one input as Flink's decorrelated plan does. Nil
    /// when it reads a whole row.
    func overJoinedRows(_ sub: Query, outer: (alias: String, columns: [Column])) throws(PlanningError) -> Query? {
        guard !sub.items.contains(where: { if case .wildcard = $0 { true } else { false } }) else { return nil }
        let own = sub.from.qualifiers
        let joined = try joinedRows(sub.from, whereConjuncts: []).planned.columns
        var reads = JoinedReads()
        func rename(_ qualifier: Identifier?, _ name: Identifier) -> Expression.Kind {
            if let qualifier {
                guard own.contains(qualifier.name.lowercased()) else { return .column(qualifier: qualifier, name: name) }
            } else if !joined.contains(where: { $0.name.lowercased().hasSuffix(".\(name.name.lowercased())") }) {
                return .column(qualifier: nil, name: name)  // the outer query's
            }
            return reads.rename(qualifier, name, qualifiedBy: JoinedReads.subqueryAlias)
        }
        var rewritten = sub
        rewritten.items = sub.items.map { item in
            guard case let .expression(e, itemAlias) = item else { return item }
            return .expression(e.mappingColumns(rename), alias: itemAlias ?? e.columnName.map { Identifier($0) })
        }
        var conjuncts: [Expression] = []
        for conjunct in sub.whereClause?.conjuncts ?? [] {
            guard conjunct.containsSubquery else { conjuncts.append(conjunct.mappingColumns(rename)); continue }
            // A subquery inside (`… AND EXISTS (SELECT 1 FROM c WHERE c.k = p.k)`): its
            // references to the joined tables renamed too.
            guard var nested = conjunct.subqueryCondition else { return nil }
            let nestedOwn = nested.query.from.qualifiers
            nested.query.whereClause = nested.query.whereClause?.mappingColumns { qualifier, name in
                guard let qualifier, own.contains(qualifier.name.lowercased()), !nestedOwn.contains(qualifier.name.lowercased()) else {
                    return .column(qualifier: qualifier, name: name)
                }
                return rename(qualifier, name)
            }
            guard let rebuilt = conjunct.mappingColumns(rename).replacingSubqueryCondition(nested.query) else { return nil }
            conjuncts.append(rebuilt)
        }
        rewritten.whereClause = Expression.conjunction(conjuncts)
        rewritten.groupBy = sub.groupBy.map { $0.mappingColumns(rename) }
        rewritten.having = sub.having?.mappingColumns(rename)
        guard !reads.whole, sub.groupingSets == nil else { return nil }
        rewritten.from = .subquery(reads.rows(of: sub.from, where: nil, at: sub.location), alias: JoinedReads.subqueryAlias)
        return rewritten
    }
}
