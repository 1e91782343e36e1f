import SQLSyntax

extension RelationalPlanner {
    /// With `table.optimizer.distinct-agg.split.enabled`, an aggregation without a window that
    /// has DISTINCT aggregates is run in two levels, as Flink's SplitAggregateRule plans it:
    ///
    ///     SELECT k, COUNT(DISTINCT p), SUM(v) FROM t GROUP BY k
    ///     → SELECT $k0 AS k, SUM($a0), SUM($a1)
    ///       FROM (SELECT k AS $k0, COUNT(DISTINCT p) AS $a0, SUM(v) AS $a1 FROM t
    ///             GROUP BY k, MOD(HASH_CODE(p), 1024))
    ///       GROUP BY $k0
    ///
    /// The final table is the same; the changelog is Flink's for the split plan (each change
    /// of a bucket's partial result reaches the final aggregate as a retraction and an
    /// insertion). COUNT is combined by SUM, SUM, MIN and MAX by themselves, AVG from a SUM and
    /// a COUNT (`$AVG_MERGE`). Calls that hash
    /// different values (COUNT(DISTINCT a), COUNT(DISTINCT b), or a MAX beside them) group by
    /// different buckets: each row is expanded once per group set, as Flink's Expand does, by
    /// `CROSS JOIN UNNEST(ARRAY[0, 1, …])`. nil when the option is off or the query has no
    /// DISTINCT aggregate. (Checked against Flink: cases w_split_distinct_*.)
    func splitDistinct(_ query: Query) throws(PlanningError) -> Query? {
        guard settings["table.optimizer.distinct-agg.split.enabled"]?.lowercased() == "true",
              query.isUnwindowedAggregate, !query.distinct, query.windows.isEmpty, !query.hasOver else { return nil }
        let bucketCount = Int64(settings["table.optimizer.distinct-agg.split.bucket-num"] ?? "") ?? 1024
        // The inner query of a split is not split again.
        if query.items.contains(where: { if case .expression(_, let alias) = $0 { alias?.name == "$a0" } else { false } }) { return nil }
        // The aggregate calls, each once, in order of first appearance.
        var calls: [Expression] = []
        func collect(_ e: Expression) {
            if case let .function(name, _, _) = e.kind, AggregateFunction(rawValue: name.name.uppercased()) != nil {
                if !calls.contains(e) { calls.append(e) }
                return
            }
            e.children.forEach(collect)
        }
        for case .expression(let e, _) in query.items { collect(e) }
        if let having = query.having { collect(having) }
        // Flink hashes the argument of each DISTINCT aggregate and of each MIN and MAX (their
        // retraction state would otherwise sit on one key) into buckets, unless it is grouped
        // by already; a FILTER's CASE is unwrapped to the value.
        var hashed: [Expression] = []
        var callHash: [Int?] = []  // per call, its hashed value's index
        var hashSets: Set<Int> = []  // the group sets of calls that hash (-1: the keys alone)
        var hasDistinct = false
        for call in calls {
            guard case let .function(name, args, distinct) = call.kind else { callHash.append(nil); continue }
            let upper = name.name.uppercased()
            guard ["COUNT", "SUM", "MIN", "MAX", "AVG"].contains(upper) else {
                throw PlanningError("splitting distinct aggregates (table.optimizer.distinct-agg.split.enabled) with \(upper) is not supported yet",
                                    at: call.location, hint: "weir splits COUNT, SUM, AVG, MIN and MAX; without the option the result is the same")
            }
            hasDistinct = hasDistinct || distinct
            guard distinct || upper == "MIN" || upper == "MAX", var value = args.first, args.count == 1 else { callHash.append(nil); continue }
            if case let .caseWhen(nil, branches, nil) = value.kind, branches.count == 1 { value = branches[0].result }
            if query.groupBy.contains(value) {
                callHash.append(nil)
                hashSets.insert(-1)
                continue
            }
            if let i = hashed.firstIndex(of: value) {
                callHash.append(i)
            } else {
                callHash.append(hashed.count)
                hashed.append(value)
            }
            hashSets.insert(callHash.last!!)
        }
        guard hasDistinct else { return nil }
        // Flink orders the buckets (so the expanded rows) by their value's field in the
        // aggregate's input row: the order the aggregates first name their arguments, unless
        // that projection is only columns over a filtered table, which Calcite merges away
        // (AggregateProjectMergeRule), leaving the table's own column order.
        var arguments: [Expression] = []
        var onlyColumns = query.groupBy.allSatisfy { $0.columnName != nil }
        for call in calls {
            guard case let .function(_, args, _) = call.kind, var value = args.first else { continue }
            if case let .caseWhen(nil, branches, nil) = value.kind, branches.count == 1 {
                value = branches[0].result
                onlyColumns = false  // the FILTER's condition is a field of its own
            }
            if case .star = value.kind { continue }
            if value.columnName == nil { onlyColumns = false }
            if !arguments.contains(value) { arguments.append(value) }
        }
        var rank: (Expression) -> Int = { arguments.firstIndex(of: $0) ?? Int.max }
        if onlyColumns, query.whereClause != nil, case .table(let name, _) = query.from, views[name.name.lowercased()] == nil,
           let columns = catalog.table(named: name.name)?.columns.map({ $0.name.lowercased() }) {
            rank = { e in e.columnName.flatMap { columns.firstIndex(of: $0.lowercased()) } ?? Int.max }
        }
        let order = hashed.indices.sorted { rank(hashed[$0]) < rank(hashed[$1]) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        hashed = order.map { hashed[$0] }
        callHash = callHash.map { $0.map { position[$0]! } }
        hashSets = Set(hashSets.map { $0 < 0 ? $0 : position[$0]! })
        let at = query.location
        func function(_ name: String, _ args: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name), arguments: args, distinct: false), at: at)
        }
        func column(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: at) }
        func integer(_ v: Int64) -> Expression { Expression(.literal(.integer(v)), at: at) }
        // A call's partial result (`$aN`); AVG's is a SUM and a COUNT (`$cN`), as Flink splits it.
        func partialItems(_ partials: [Expression]) -> [SelectItem] {
            partials.enumerated().flatMap { j, call -> [SelectItem] in
                guard case let .function(name, args, distinct) = call.kind, name.name.uppercased() == "AVG" else {
                    return [.expression(call, alias: Identifier("$a\(j)"))]
                }
                return [.expression(Expression(.function(name: Identifier("SUM"), arguments: args, distinct: distinct), at: call.location), alias: Identifier("$a\(j)")),
                        .expression(Expression(.function(name: Identifier("COUNT"), arguments: args, distinct: distinct), at: call.location), alias: Identifier("$c\(j)"))]
            }
        }
        let buckets = hashed.map { function("MOD", [function("HASH_CODE", [$0]), integer(bucketCount)]) }

        var inner = query
        inner.ctes = []
        inner.having = nil
        // The group sets of the calls: the keys, with one hashed value or none. Ordered as
        // Calcite's ImmutableBitSet.COMPARATOR orders them (a set before its subsets, else by
        // its bits): each bucket's set in the order of its value, then the keys alone.
        let sets = Set(callHash.map { $0 ?? -1 }).sorted { a, b in a >= 0 && (b < 0 || a < b) }
        if hashSets.count <= 1 {
            // One set of buckets (or none): one partial aggregate grouped by keys and buckets.
            inner.items = query.groupBy.enumerated().map { .expression($1, alias: Identifier("$k\($0)")) } + partialItems(calls)
            inner.groupBy = query.groupBy + buckets
        } else {
            // Flink's Expand: each row once per group set (`$e`, in the sets' order), a bucket
            // kept only in the rows of its set, each call counting only the rows of its set.
            let expand = Identifier("$e", quoted: true)
            let e = column("$e")
            inner.from = .join(query.from, .unnest(function("ARRAY_VALUE", sets.indices.map { integer(Int64($0)) }), alias: Identifier("$expand"), columns: [expand]),
                               .cross, on: nil, location: at)
            func inSet(_ set: Int) -> Expression {
                Expression(.binary(.equal, e, integer(Int64(sets.firstIndex(of: set)!))), at: at)
            }
            let keptBuckets = buckets.enumerated().map { j, bucket in
                Expression(.caseWhen(operand: nil, branches: [.init(condition: inSet(j), result: bucket)], otherwise: nil), at: at)
            }
            let partials = zip(calls, callHash).map { call, hash -> Expression in
                guard case let .function(name, args, distinct) = call.kind else { return call }
                let set = inSet(hash ?? -1)
                var arg = args.first ?? Expression(.star, at: at)
                var condition = set
                if case .star = arg.kind { arg = integer(1) }
                if case let .caseWhen(nil, branches, nil) = arg.kind, branches.count == 1 {
                    condition = Expression(.binary(.and, set, branches[0].condition), at: at)
                    arg = branches[0].result
                }
                let filtered = Expression(.caseWhen(operand: nil, branches: [.init(condition: condition, result: arg)], otherwise: nil), at: at)
                return Expression(.function(name: name, arguments: [filtered], distinct: distinct), at: call.location)
            }
            inner.items = query.groupBy.enumerated().map { .expression($1, alias: Identifier("$k\($0)")) } + partialItems(partials)
            inner.groupBy = query.groupBy + keptBuckets
        }

        func final(_ e: Expression) -> Expression {
            if let i = query.groupBy.firstIndex(of: e) { return column("$k\(i)") }
            if case let .function(name, _, _) = e.kind, let j = calls.firstIndex(of: e) {
                let upper = name.name.uppercased()
                if upper == "AVG" { return function("$AVG_MERGE", [function("SUM", [column("$a\(j)")]), function("SUM", [column("$c\(j)")])]) }
                return function(upper == "COUNT" ? "SUM" : upper, [column("$a\(j)")])
            }
            return e.mapChildren(final)
        }
        var outer = Query(items: [], from: .subquery(inner, alias: Identifier("$split")), location: at)
        outer.ctes = query.ctes
        outer.groupBy = query.groupBy.indices.map { column("$k\($0)") }
        outer.having = query.having.map(final)
        for (index, item) in query.items.enumerated() {
            guard case let .expression(e, alias) = item else {
                throw PlanningError("SELECT * in an aggregation split by table.optimizer.distinct-agg.split.enabled is not supported", at: at)
            }
            // The names the unsplit query gives its columns.
            let name = alias?.name ?? e.columnName.map { String($0.split(separator: nestedPathSeparator).last ?? Substring($0)) } ?? "EXPR$\(index)"
            outer.items.append(.expression(final(e), alias: Identifier(name, quoted: true)))
        }
        return outer
    }
}
