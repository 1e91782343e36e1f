import SQLSyntax

extension RelationalPlanner {
    /// `left [LEFT] JOIN t FOR SYSTEM_TIME AS OF left.proc_time AS r ON left.k = r.k [AND …]`:
    /// a lookup join against a database table, as Flink's. The condition's equalities between
    /// a left column and a table column are the lookup key; the rest filters the joined rows
    /// (for an inner join only).
    func planLookupJoin(_ query: Query, _ left: TableReference, _ right: (name: Identifier, asOf: Expression, alias: Identifier),
                        _ kind: JoinKind, _ on: Expression?, _ location: SourceLocation) throws(PlanningError) -> Planned {
        guard let leftAlias = left.alias else {
            throw PlanningError("a lookup join of more than two tables is not supported yet", at: location)
        }
        guard kind == .inner || kind == .left else {
            throw PlanningError("a lookup join is INNER or LEFT, as in Flink", at: location)
        }
        guard let table = catalog.table(named: right.name.name) else {
            throw PlanningError("unknown table \(right.name.name)", at: right.name.location,
                                hint: closestName(to: right.name.name, among: catalog.allTables.map(\.name)).map { "did you mean \($0)?" })
        }
        guard case .jdbc = table.source else {
            throw PlanningError("\(table.name) is not a database table; weir looks rows up in 'jdbc' tables", at: right.name.location)
        }
        // FOR SYSTEM_TIME AS OF the left table's processing-time attribute.
        let leftTable: TableSchema? = if case let .table(name, _) = left { catalog.table(named: name.name) } else { nil }
        guard case let .column(qualifier, column) = right.asOf.kind,
              qualifier == nil || qualifier!.name.lowercased() == leftAlias.name.lowercased(),
              let proctime = leftTable?.proctime, proctime.lowercased() == column.name.lowercased() else {
            throw PlanningError("a lookup join is FOR SYSTEM_TIME AS OF the left table's processing-time attribute", at: right.asOf.location,
                                hint: "declare it in the left table, `proc_time AS PROCTIME()`")
        }
        let leftPlanned = try plan(Self.selectAll(from: left, where: nil, at: location))
        let lcols = leftPlanned.columns
        let rcols = table.columns
        func side(_ e: Expression) -> (left: Bool, index: Int)? {
            Self.side(of: e, left: (leftAlias.name, lcols), right: (right.alias.name, rcols))
        }
        let (leftKeys, rightKeys, remaining) = try Self.equalityKeys(on?.conjuncts ?? [], lcols, rcols, side: side)
        guard !leftKeys.isEmpty else {
            throw PlanningError("a lookup join needs an equality between a column of \(leftAlias.name) and one of \(right.alias.name)",
                                at: on?.location ?? location, hint: "ON \(leftAlias.name).product_id = \(right.alias.name).id")
        }
        if kind == .left, !remaining.isEmpty {
            throw PlanningError("LEFT lookup join conditions other than equal keys are not supported yet", at: remaining[0].location)
        }
        let spec = LookupJoinSpec(kind: kind == .left ? .left : .inner, table: table, leftKeys: leftKeys, rightKeys: rightKeys,
                                  leftName: leftAlias.name, rightName: right.alias.name)
        let node = PlanNode.lookupJoin(leftPlanned.node, spec)
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: node.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
        var outer = query
        outer.ctes = []
        outer.from = .table(Identifier("$join"), alias: nil)
        outer.whereClause = Expression.conjunction(remaining + (query.whereClause?.conjuncts ?? []))
        let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description,
                                         joinQualifiers: [leftAlias.name, right.alias.name])
        return Planned(node: .calc(node, plan), rowtime: nil)
    }
}
