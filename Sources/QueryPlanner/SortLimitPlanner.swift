import SQLSyntax

extension RelationalPlanner {
    /// `ORDER BY` and `LIMIT`, as Flink 2.3 runs them on a stream:
    /// - `ORDER BY` the event time ascending (then any other keys), without `LIMIT`: each row
    ///   held until the watermark passes its time, then written in order (Flink's temporal
    ///   sort); a row at or before a time already written is late and dropped.
    /// - `LIMIT n` (with or without `ORDER BY`, `OFFSET m`): the first rows by the order, a
    ///   Top-N without a partition (Flink's SortLimit and Limit are its Rank), so the result
    ///   updates as better rows arrive; without `ORDER BY`, the first n rows to arrive.
    /// - `ORDER BY` anything else without `LIMIT` is refused, as Flink refuses it.
    func planSortLimit(_ query: Query) throws(PlanningError) -> Planned {
        var inner = query
        inner.orderBy = []
        inner.limit = nil
        inner.offset = nil
        inner.ctes = []
        let location = query.orderBy.first?.expression.location ?? query.location
        var planned = try plan(inner)
        let visible = planned.columns.count
        // Each ORDER BY item: a selected column (by name or position), or a column of the
        // table the query reads that it does not select (carried along, then dropped).
        var keys: [SortKey] = []
        var hidden = 0
        for item in query.orderBy {
            let e = item.expression
            var slot: Int?
            if case .literal(.integer(let position)) = e.kind {
                guard position >= 1, position <= visible else {
                    throw PlanningError("ORDER BY \(position): the query selects \(visible) columns", at: e.location)
                }
                slot = Int(position) - 1
            } else if case let .column(_, name) = e.kind {
                let matches = planned.columns.indices.filter { planned.columns[$0].name.lowercased() == name.name.lowercased() }
                if matches.count == 1 { slot = matches[0] }
            }
            if slot == nil {
                guard !query.distinct, query.unionAll.isEmpty, !query.hasOver else {
                    throw PlanningError("ORDER BY of a SELECT DISTINCT, a UNION or an OVER aggregation names a selected column", at: e.location,
                                        hint: "select \(e) and order by its name")
                }
                inner.items.append(.expression(e, alias: Identifier("$order\(hidden)")))
                hidden += 1
                planned = try plan(inner)
                slot = planned.columns.count - 1
            }
            keys.append(SortKey(slot: slot!, descending: item.descending, nullsFirst: item.nullsFirst))
        }
        let node: PlanNode
        if query.limit == nil, query.offset == nil {
            // Checked on Flink 2.3: "Sort on a non-time-attribute field is not supported." A
            // window TVF's window_time is a time attribute of its rows too.
            let readsWindows = if case .windowFunction = inner.from { true } else { false }
            let windowTime = readsWindows ? WindowColumn.time.index(in: planned.columns) : nil
            guard let time = keys[0].slot == windowTime ? windowTime : planned.rowtime, keys[0].slot == time else {
                throw PlanningError("ORDER BY on a stream starts with its event time: sorting on anything else is not supported, as in Flink",
                                    at: location, hint: "ORDER BY the WATERMARK column first, or add LIMIT n for the first n rows by this order")
            }
            guard !keys[0].descending else {
                throw PlanningError("ORDER BY the event time is ascending on a stream: later rows are still to come", at: location,
                                    hint: "add LIMIT n for the latest n rows")
            }
            try Self.requireAppendOnly(planned.node, "ORDER BY", at: location)
            node = .temporalSort(planned.node, TemporalSortSpec(timeSlot: time, order: Array(keys.dropFirst())))
        } else {
            let offset = query.offset ?? 0
            let limit = query.limit.map { offset + $0 } ?? Int64.max
            guard limit > offset else {
                // LIMIT 0: no rows, as in Flink.
                let names = planned.columns.prefix(visible).map(\.name)
                let items: [SelectItem] = names.map {
                    .expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: location), alias: Identifier($0, quoted: true))
                }
                return try planOn(Query(items: items, from: .table(Identifier("$sorted"), alias: nil),
                                        whereClause: Expression(.literal(.boolean(false)), at: location), location: location), planned, name: "$sorted")
            }
            return try planLimit(query, inner, planned, keys: keys, offset: offset, limit: limit, visible: visible)
        }
        let result = Planned(node: node, rowtime: planned.rowtime)
        guard hidden > 0 else { return result }
        return try dropColumns(after: visible, of: result, at: query.location)
    }

    /// The number of a `LIMIT`'s Top-N: Flink's SortLimit ranks as its Rank does, except that it
    /// is never taken for a deduplication (a Top-1 writes `-U` before `+U`).
    static let limitRankName = "$rn"
    /// The constant a `LIMIT` without `ORDER BY` ranks by: its Top-N is Flink's Limit.
    static let firstRowsName = "$first"

    /// `LIMIT` as the Top-N it is in Flink: `ROW_NUMBER() OVER (ORDER BY keys)` over the rows,
    /// the rows ranked `offset + 1 … limit` kept, the number not written.
    private func planLimit(_ query: Query, _ inner: Query, _ planned: Planned, keys: [SortKey], offset: Int64, limit: Int64,
                           visible: Int) throws(PlanningError) -> Planned {
        let at = query.location
        let names = planned.columns.map(\.name)
        func column(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: at) }
        var innerItems = inner
        var order = keys.map { OrderItem(expression: column(names[$0.slot]), descending: $0.descending, nullsFirst: $0.nullsFirst) }
        if order.isEmpty {
            // No order: every row ties, so the first to arrive stay (Flink's FirstN).
            innerItems.items.append(.expression(Expression(.literal(.boolean(true)), at: at), alias: Identifier(Self.firstRowsName)))
            order = [OrderItem(expression: column(Self.firstRowsName), descending: false)]
        }
        var window = WindowDefinition(location: at)
        window.orderBy = order
        let rank = Expression(.over(Expression(.function(name: Identifier("ROW_NUMBER"), arguments: [], distinct: false), at: at), window), at: at)
        let ranked = Query(items: [.wildcard(at), .expression(rank, alias: Identifier(Self.limitRankName, quoted: true))],
                           from: .subquery(innerItems, alias: Identifier("$sorted")), location: at)
        let bounds: Expression = offset > 0
            ? Expression(.between(column(Self.limitRankName), low: Expression(.literal(.integer(offset + 1)), at: at),
                                  high: Expression(.literal(.integer(limit)), at: at), negated: false), at: at)
            : Expression(.binary(.lessOrEqual, column(Self.limitRankName), Expression(.literal(.integer(limit)), at: at)), at: at)
        let outer = Query(items: names.prefix(visible).map { .expression(column($0), alias: Identifier($0, quoted: true)) },
                          from: .subquery(ranked, alias: Identifier("$ranked")), whereClause: bounds, location: at)
        return try plan(outer)
    }

    /// The first `count` columns of `planned`'s rows.
    private func dropColumns(after count: Int, of planned: Planned, at location: SourceLocation) throws(PlanningError) -> Planned {
        let names = planned.columns.map(\.name)
        let items: [SelectItem] = names.prefix(count).map {
            .expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: location), alias: Identifier($0, quoted: true))
        }
        return try planOn(Query(items: items, from: .table(Identifier("$sorted"), alias: nil), location: location), planned, name: "$sorted")
    }
}
