import SQLSyntax

extension RelationalPlanner {
    /// `left [LEFT] JOIN t FOR SYSTEM_TIME AS OF left.rowtime AS r ON left.k = r.k [AND …]`
    /// where `t` is a versioned table (a `PRIMARY KEY` and a `WATERMARK`): an event-time
    /// temporal join, as Flink's. The equalities must hold the table's whole primary key; the
    /// other conditions are part of matching (a LEFT join pads a row whose version fails them).
    func planTemporalJoin(_ query: Query, _ left: TableReference, _ right: (name: Identifier, asOf: Expression, alias: Identifier),
                          _ kind: JoinKind, _ on: Expression?, _ location: SourceLocation) throws(PlanningError) -> Planned {
        let (joined, _, qualifiers) = try temporalJoinRows(left, right, kind, on, location)
        let node = joined.node
        let lcols = joined.columns
        let joinedColumns = node.columns
        // The left's event time stays a time attribute (the right's does not, as in Flink),
        // unless a regular join before made it a plain timestamp.
        let rowtimeName = joined.rowtime.map { lcols[$0].name }
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: joinedColumns, rowtime: nil, watermarkDelay: 0, source: .derived))
        var outer = query
        outer.ctes = []
        outer.from = .table(Identifier("$join"), alias: nil)
        if query.isUnwindowedAggregate {
            var base = Planned(node: node, rowtime: joined.rowtime)
            if let condition = outer.whereClause { base = try filterJoined(base, condition, qualifiers: qualifiers, at: location) }
            var aggregated = outer
            aggregated.whereClause = nil
            return try planGroupAggregate(aggregated, base, name: "$join", joinQualifiers: qualifiers)
        }
        let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description, joinQualifiers: qualifiers)
        let rowtime = plan.mode == .projection ? rowtimeName.flatMap { rowtimeName in
            plan.projections.firstIndex { projection in
                guard case .slot(let field) = projection, field < plan.fields.count else { return false }
                return plan.fields[field].name.lowercased() == rowtimeName.lowercased()
            }
        } : nil
        return Planned(node: .calc(node, plan), rowtime: rowtime)
    }

    /// The rows of an event-time temporal join, every column named `alias.column`, the slot
    /// of the left's event time among them (a time attribute still), and the names its
    /// columns may be qualified with.
    func temporalJoinRows(_ left: TableReference, _ right: (name: Identifier, asOf: Expression, alias: Identifier),
                          _ kind: JoinKind, _ on: Expression?, _ location: SourceLocation) throws(PlanningError) -> (Planned, Int, [String]) {
        // After other joins (`o JOIN c ON … JOIN v FOR SYSTEM_TIME AS OF o.ts …`, or a second
        // temporal join) the left is their rows: alias empty, columns `alias.column`.
        let afterJoins: Bool
        if case .join = left { afterJoins = true } else { afterJoins = false }
        guard let leftAlias = afterJoins ? Identifier("") : left.alias else {
            throw PlanningError("this join's left side needs a name", at: location)
        }
        guard kind == .inner || kind == .left else {
            throw PlanningError("a temporal join is INNER or LEFT, as in Flink", at: location)
        }
        // A versioned view (Flink's): a view whose rows keep an event-time attribute and have a
        // unique key, such as a deduplication keeping each key's latest row by event time.
        let isView = views[right.name.name.lowercased()] != nil
        let table = isView ? nil : catalog.table(named: right.name.name)
        if !isView, table == nil {
            throw PlanningError("unknown table \(right.name.name)", at: right.name.location,
                                hint: closestName(to: right.name.name, among: catalog.allTables.map(\.name)).map { "did you mean \($0)?" })
        }
        let rightPlanned = try plan(Self.selectAll(from: .table(right.name, alias: right.alias), where: nil, at: location))
        let rcols = rightPlanned.columns
        // An equality of a right column with an expression of the left's (UPPER(o.cur) = r.cur):
        // the expression computed as a column of the left first, as Flink's planner does.
        var on = on
        var computed: [SelectItem] = []
        let joinedLeft = afterJoins ? try leftRows(left, whereConjuncts: [], at: location) : nil
        // After joins the computed keys are columns `$tk.$tkN` of the joins' rows (hidden from *).
        let keyQualifier = afterJoins ? Identifier("$tk", quoted: true) : leftAlias
        if let conjuncts = on?.conjuncts {
            let plainLeft: [Column]
            if let joinedLeft { plainLeft = joinedLeft.0.columns } else { plainLeft = try plan(Self.selectAll(from: left, where: nil, at: location)).columns }
            func onLeft(_ e: Expression) -> Bool {
                if case .column = e.kind { return Self.side(of: e, left: (leftAlias.name, plainLeft), right: (right.alias.name, rcols))?.left == true }
                if case .literal = e.kind { return true }
                return !e.children.isEmpty && e.children.allSatisfy(onLeft)
            }
            func isRightColumn(_ e: Expression) -> Bool {
                Self.side(of: e, left: (leftAlias.name, plainLeft), right: (right.alias.name, rcols))?.left == false
            }
            let rewritten = conjuncts.map { conjunct -> Expression in
                guard case let .binary(.equal, a, b) = conjunct.kind else { return conjunct }
                for (expression, column, flipped) in [(a, b, false), (b, a, true)] where isRightColumn(column) && expression.columnName == nil && onLeft(expression) {
                    let name = Identifier("$tk\(computed.count)", quoted: true)
                    computed.append(.expression(expression, alias: afterJoins ? Identifier("$tk.\(name.name)", quoted: true) : name))
                    let key = Expression(.column(qualifier: keyQualifier, name: name), at: expression.location)
                    return Expression(.binary(.equal, flipped ? column : key, flipped ? key : column), at: conjunct.location)
                }
                return conjunct
            }
            if !computed.isEmpty { on = Expression.conjunction(rewritten) }
        }
        var leftPlanned: Planned
        var qualifiers = [leftAlias.name, right.alias.name]
        if let rows = joinedLeft {
            leftPlanned = computed.isEmpty ? rows.0 : try extendJoined(rows.0, computed, qualifiers: rows.2, at: location)
            qualifiers = rows.2 + [right.alias.name]
            // The joins' rows are no longer ordered by a time of theirs; the temporal join
            // holds them until the watermark (the smaller of its inputs') passes their time.
            if let asOf = Self.side(of: right.asOf, left: ("", leftPlanned.columns), right: (right.alias.name, [])), asOf.left,
               leftPlanned.columns[asOf.index].type.isTimestamp {
                leftPlanned.rowtime = asOf.index
            }
        } else {
            var leftQuery = Self.selectAll(from: left, where: nil, at: location)
            leftQuery.items += computed
            leftPlanned = try plan(leftQuery)
        }
        let lcols = leftPlanned.columns
        func side(_ e: Expression) -> (left: Bool, index: Int)? {
            Self.side(of: e, left: (leftAlias.name, lcols), right: (right.alias.name, rcols))
        }
        // FOR SYSTEM_TIME AS OF the left side's event time.
        if case let .table(name, _) = left, let proctime = catalog.table(named: name.name)?.proctime,
           case let .column(_, column) = right.asOf.kind, column.name.lowercased() == proctime.lowercased() {
            // Checked on Flink 2.3: "Processing-time temporal join is not supported yet."
            throw PlanningError("FOR SYSTEM_TIME AS OF a processing-time attribute looks rows up in a database ('jdbc') table, and \(right.name.name) is not one",
                                at: right.asOf.location, hint: "an event-time temporal join is FOR SYSTEM_TIME AS OF the left table's event time, as in Flink")
        }
        guard let leftTime = leftPlanned.rowtime, let asOf = side(right.asOf), asOf.left, asOf.index == leftTime else {
            throw PlanningError("an event-time temporal join is FOR SYSTEM_TIME AS OF the left table's event-time attribute", at: right.asOf.location,
                                hint: leftPlanned.rowtime.map { "FOR SYSTEM_TIME AS OF \(afterJoins ? lcols[$0].name : "\(leftAlias.name).\(Self.unqualified(lcols[$0].name))")" }
                                    ?? "declare one in \(leftAlias.name) with WATERMARK FOR")
        }
        // Checked on Flink 2.3: "Temporal Table Join requires primary key in versioned table".
        let primaryKey = table?.primaryKey ?? (rightPlanned.node.versionKey ?? []).map { Self.unqualified(rcols[$0].name) }
        var filtersVersions = false
        switch rightPlanned.node {
        case let .source(plan): filtersVersions = plan.filter != nil && !plan.table.primaryKey.isEmpty
        case let .calc(input, plan): filtersVersions = plan.filter != nil && input.versionKey != nil
        default: break
        }
        if isView, filtersVersions {
            // As Flink 2.3: "Filter is not allowed for right changelog input of event time temporal join".
            throw PlanningError("\(right.name.name) filters a versioned table's changes, which would corrupt its versions: Flink refuses it, and so does weir",
                                at: right.name.location, hint: "filter after the join (WHERE r.price > 0), or join the table itself")
        }
        guard !primaryKey.isEmpty, let rightTime = rightPlanned.rowtime else {
            throw PlanningError(isView
                                ? "\(right.name.name) is not a versioned view: an event-time temporal join needs a unique key and an event-time attribute in its rows"
                                : "\(right.name.name) is not a versioned table: an event-time temporal join needs its PRIMARY KEY and its WATERMARK",
                                at: right.name.location,
                                hint: isView ? "keep each key's latest row: SELECT … FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1"
                                    : "PRIMARY KEY (k) NOT ENFORCED, WATERMARK FOR update_time AS update_time")
        }
        let (leftKeys, rightKeys, remaining) = try Self.equalityKeys(on?.conjuncts ?? [], lcols, rcols, side: side)
        let keyNames = Set(rightKeys.map { rcols[$0].name.lowercased() })
        let missing = primaryKey.filter { !keyNames.contains($0.lowercased()) }
        guard missing.isEmpty else {
            throw PlanningError("the temporal join's equalities must hold \(right.name.name)'s primary key (\(primaryKey.joined(separator: ", "))), as in Flink",
                                at: on?.location ?? location,
                                hint: "ON \(leftKeyHint(missing[0], lcols, afterJoins ? nil : leftAlias.name)) = \(right.alias.name).\(missing[0])")
        }
        let joinedColumns = lcols.map { Column(name: afterJoins ? $0.name : "\(leftAlias.name).\($0.name)", type: $0.type) }
            + rcols.map { Column(name: "\(right.alias.name).\($0.name)", type: $0.type) }
        var spec = TemporalJoinSpec(kind: kind == .left ? .left : .inner, leftKeys: leftKeys, rightKeys: rightKeys,
                                    leftTimeSlot: leftTime, rightTimeSlot: rightTime, leftWidth: lcols.count, rightWidth: rcols.count,
                                    leftName: leftAlias.name, rightName: right.alias.name)
        if let condition = Expression.conjunction(remaining) {
            var scoped = catalog
            scoped.register(TableSchema(name: "$join", columns: joinedColumns, rowtime: nil, watermarkDelay: 0, source: .derived))
            let probe = Query(items: [.expression(Expression(.literal(.boolean(true)), at: location), alias: nil)],
                              from: .table(Identifier("$join"), alias: nil), whereClause: condition, location: location)
            let plan = try QueryPlanner.plan(probe, catalog: scoped, defaultWatermarkDelay: 0, sql: condition.description, joinQualifiers: qualifiers)
            spec.residual = plan
            spec.residualSlots = plan.fields.map { field in joinedColumns.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0 }
        }
        let node = PlanNode.temporalJoin(leftPlanned.node, rightPlanned.node, spec)
        // After a regular join the time is a plain timestamp, as Flink's regular join makes it
        // (a window over these rows is refused, as Flink refuses it).
        return (Planned(node: node, rowtime: afterJoins && !Self.keepsTime(left) ? nil : leftTime), leftTime, qualifiers)
    }

    /// A join condition's equalities between a column of each side (typed so they compare),
    /// as pairs of slots, and its other conjuncts.
    static func equalityKeys(_ conjuncts: [Expression], _ lcols: [Column], _ rcols: [Column],
                             side: (Expression) -> (left: Bool, index: Int)?) throws(PlanningError) -> ([Int], [Int], [Expression]) {
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        var remaining: [Expression] = []
        for conjunct in conjuncts {
            if case let .binary(.equal, a, b) = conjunct.kind, let sa = side(a), let sb = side(b), sa.left != sb.left {
                let (l, r) = sa.left ? (sa.index, sb.index) : (sb.index, sa.index)
                guard DataType.common(lcols[l].type, rcols[r].type) != nil || lcols[l].type == rcols[r].type else {
                    throw PlanningError("cannot compare \(lcols[l].type) with \(rcols[r].type)", at: conjunct.location, hint: "convert one side with CAST")
                }
                leftKeys.append(l)
                rightKeys.append(r)
            } else {
                remaining.append(conjunct)
            }
        }
        return (leftKeys, rightKeys, remaining)
    }

    /// A column's name without the `alias.` a join gave it.
    /// How a hint names the left's column for the right's key column `key`: `alias.key`; after
    /// other joins (no alias) the joins' column of that name (`o.key`), or `….key`.
    func leftKeyHint(_ key: String, _ lcols: [Column], _ alias: String?) -> String {
        if let alias { return "\(alias).\(key)" }
        return lcols.first { Self.unqualified($0.name).lowercased() == key.lowercased() }?.name ?? "….\(key)"
    }

    static func unqualified(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }

    /// Whether joins' rows keep the first table's event time as a time attribute: only
    /// temporal joins lie between them (`o JOIN v FOR SYSTEM_TIME AS OF o.ts … JOIN v2 …`).
    static func keepsTime(_ reference: TableReference) -> Bool {
        guard case let .join(left, right, _, _, _) = reference else { return true }
        guard case .temporal = right else { return false }
        return keepsTime(left)
    }
}
