import SQLSyntax

/// Plans queries that are more than one table's windowed aggregate or projection: subqueries,
/// `WITH`, views, `UNION ALL`, Top-N and deduplication (`ROW_NUMBER() OVER …` filtered on its
/// number), OVER aggregation, interval joins, grouping sets. Each node is one operator; the
/// leaves are `QueryPlanner`'s fused plans, and every filter and projection over a node's rows
/// is planned by `QueryPlanner` too, with the node's columns as a table.
public struct RelationalPlanner {
    let catalog: Catalog
    /// Views and `WITH` queries in scope, by lower-cased name.
    var views: [String: Query]
    let defaultWatermarkDelay: Int64
    /// `SET` options of the session.
    let settings: [String: String]

    public init(catalog: Catalog, views: [String: Query], defaultWatermarkDelay: Int64, settings: [String: String] = [:]) {
        self.catalog = catalog
        self.views = views
        self.defaultWatermarkDelay = defaultWatermarkDelay
        self.settings = settings
    }

    /// Whether the query needs the operator graph rather than one fused plan.
    public static func needsGraph(_ query: Query, views: [String: Query], catalog: Catalog) -> Bool {
        if !query.ctes.isEmpty || !query.unionAll.isEmpty || query.whereClause?.containsSubquery == true
            || query.having?.containsSubquery == true { return true }
        if !query.orderBy.isEmpty || query.limit != nil || query.offset != nil { return true }
        if query.distinct, query.distinctIsGrouping { return true }
        if query.items.contains(where: { if case .expression(let e, _) = $0 { e.containsSubquery } else { false } }) { return true }
        switch query.from {
        case .subquery, .join, .temporal, .unnest, .setOperation, .values: return true
        case .table(let name, _):
            if views[name.name.lowercased()] != nil { return true }
            if let table = catalog.table(named: name.name), table.format != .json { return true }
            if case .jdbc = catalog.table(named: name.name)?.source { return true }
            if case .generated = catalog.table(named: name.name)?.source { return true }
        case .windowFunction(let function, _):
            if views[function.table.name.lowercased()] != nil { return true }
            if !query.groupBy.isEmpty, query.whereClause?.readsWindowColumns == true { return true }
            if Self.attachesWindowsForUnmergeable(query, function) { return true }
            if windowReadingArguments(query) != nil { return true }
            if Self.sessionsFirst(query, function) { return true }
            let grouped = Set(query.groupBy.compactMap { $0.columnName?.lowercased() })
            if !query.groupBy.isEmpty, query.groupingSets == nil,
               !grouped.contains(WindowColumn.start.rawValue) || !grouped.contains(WindowColumn.end.rawValue) { return true }
            if let table = catalog.table(named: function.table.name), table.format != .json { return true }
            if case .generated = catalog.table(named: function.table.name)?.source { return true }
        }
        if query.items.contains(where: { if case .expression(let e, _) = $0 { return e.containsOver } else { return false } }) { return true }
        if query.isUnwindowedAggregate || query.allExpressions.contains(where: \.readsWatermark) { return true }
        return query.groupBy.contains { if case .groupingSets = $0.kind { true } else { false } }
    }

    /// A HOP or CUMULATE window TVF aggregation with FIRST_VALUE, LAST_VALUE or JSON_ARRAYAGG
    /// (no merge in Flink) whose WHERE has a `LIKE` among its conjuncts: Flink 2.3's planner
    /// then keeps the window TVF apart under the filter (the aggregate groups rows that carry
    /// their window, no slices merged) and answers, where without such a filter it refuses
    /// (checked with EXPLAIN: `LIKE '%1'`, `user_id > 3 AND page LIKE …` keep it apart;
    /// `NOT LIKE`, `=`, `<>`, `IN`, `REGEXP`, `… OR … LIKE …` do not). The rows windowed one by
    /// one, filtered, then aggregated, as that plan.
    static func attachesWindowsForUnmergeable(_ query: Query, _ function: WindowTableFunction) -> Bool {
        guard !query.groupBy.isEmpty, ["HOP", "CUMULATE"].contains(function.name.name.uppercased()),
              (query.whereClause?.conjuncts ?? []).contains(where: { if case .like(_, _, _, negated: false) = $0.kind { true } else { false } })
        else { return false }
        var unmergeable = false
        func walk(_ e: Expression) {
            if case let .function(name, arguments, _) = e.kind {
                let upper = name.name.uppercased()
                if upper == "FIRST_VALUE" || upper == "LAST_VALUE" { unmergeable = true }
                if upper == "$JSON_AGG", case .literal(.string("A"))? = arguments.first?.kind { unmergeable = true }
            }
            e.children.forEach(walk)
        }
        for case let .expression(e, _) in query.items { walk(e) }
        query.having.map(walk)
        return unmergeable
    }

    /// An outer join's conditions beside its keys, planned over the joined row (`columns`,
    /// named `alias.column`): the filter of a `PairCondition`, and for each field it reads, its
    /// slot in the left row followed by the right row.
    func pairCondition(_ condition: Expression, over columns: [Column], qualifiers: [String],
                       at location: SourceLocation) throws(PlanningError) -> (QueryPlan, [Int]) {
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: columns, rowtime: nil, watermarkDelay: 0, source: .derived))
        let probe = Query(items: [.expression(Expression(.literal(.boolean(true)), at: location), alias: nil)],
                          from: .table(Identifier("$join"), alias: nil), whereClause: condition, location: location)
        let plan = try QueryPlanner.plan(probe, catalog: scoped, defaultWatermarkDelay: 0, sql: condition.description, joinQualifiers: qualifiers)
        let slots = plan.fields.map { field in columns.firstIndex { $0.name.lowercased() == field.name.lowercased() } ?? 0 }
        return (plan, slots)
    }

    /// `COUNT(*) FILTER (WHERE ts >= window_start + INTERVAL '5' SECOND)` over a window TVF:
    /// an aggregate argument (a FILTER is one, `CASE WHEN c THEN x END`) that reads the window
    /// has a value per window, where weir's window aggregation takes each event once for all
    /// its windows. As Flink computes it (a Calc over the TVF's rows, one per window, before the
    /// aggregation), the arguments are computed in a subquery over the TVF and aggregated
    /// there. Nil for any other query.
    static func windowReadingArguments(_ query: Query) -> Query? {
        guard case let .windowFunction(_, alias) = query.from, !query.groupBy.isEmpty else { return nil }
        var computed: [Expression] = []
        func replace(_ e: Expression) -> Expression {
            if case let .function(name, arguments, distinct) = e.kind, AggregateFunction(rawValue: name.name.uppercased()) != nil {
                guard let first = arguments.first, first.readsWindowColumns, !first.containsAggregate else { return e }
                let index = computed.firstIndex(of: first) ?? { computed.append(first); return computed.count - 1 }()
                var replaced = arguments
                replaced[0] = Expression(.column(qualifier: nil, name: Identifier("$window_argument\(index)", quoted: true)), at: first.location)
                return Expression(.function(name: name, arguments: replaced, distinct: distinct), at: e.location)
            }
            if case .over = e.kind { return e }
            return e.mapChildren(replace)
        }
        var outer = query
        outer.items = query.items.map { item in
            guard case let .expression(e, name) = item else { return item }
            return .expression(replace(e), alias: name)
        }
        outer.having = query.having.map(replace)
        guard !computed.isEmpty else { return nil }
        let location = query.location
        let inner = Query(items: [.wildcard(location)] + computed.enumerated().map { .expression($1, alias: Identifier("$window_argument\($0)", quoted: true)) },
                          from: query.from, whereClause: query.whereClause, location: location)
        outer.whereClause = nil
        outer.from = .subquery(inner, alias: alias ?? Identifier("$window", quoted: true))
        return outer
    }

    /// Whether a SESSION window's rows are sessioned before anything else reads them (the
    /// `SessionAssignOperator`): unless a window aggregation groups by exactly its partition
    /// columns, which the fused session aggregation runs as one operator.
    static func sessionsFirst(_ query: Query, _ function: WindowTableFunction) -> Bool {
        guard function.name.name.uppercased() == "SESSION" else { return false }
        // Grouping sets over sessions: the sessions' rows expanded, then an aggregation that
        // updates (Flink 2.3 plans them so whatever the sets).
        guard query.aggregates, query.groupingSets == nil else { return true }
        var grouped = Set<String>()
        for item in query.groupBy {
            guard let name = item.columnName?.lowercased() else { return true }
            grouped.insert(name)
        }
        guard grouped.contains(WindowColumn.start.rawValue), grouped.contains(WindowColumn.end.rawValue) else { return true }
        grouped.subtract(WindowColumn.allCases.map(\.rawValue))
        return grouped != Set(function.partitionBy.map { $0.name.lowercased() })
    }

    /// Plans a query into an operator graph.
    public func plan(_ query: Query, sql: String) throws(PlanningError) -> RelationalPlan {
        RelationalPlan(root: try plan(query).node, sql: sql)
    }

    /// A planned node and the index of its event-time column (a time attribute), if any.
    struct Planned {
        var node: PlanNode
        var rowtime: Int?
        var columns: [Column] { node.columns }
    }

    func plan(_ query: Query) throws(PlanningError) -> Planned {
        if !query.columnAliases.isEmpty {
            // `t AS c (a, b)`: the rows as they are, each column renamed in order.
            var unnamed = query
            unnamed.columnAliases = []
            let child = try plan(unnamed)
            let names = query.columnAliases.map(\.name)
            guard child.columns.count == names.count else {
                throw PlanningError("\(names.count) column names for \(child.columns.count) columns", at: query.columnAliases[0].location,
                                    hint: "name each column: \(child.columns.map(\.name).joined(separator: ", "))")
            }
            return try planOn(Self.selectAll(from: .table(Identifier("$renamed"), alias: nil), where: nil, at: query.location), child,
                              name: "$renamed", renamed: names)
        }
        var query = query
        if case .subquery(var middle, let alias) = query.from, !middle.orderBy.isEmpty, middle.limit == nil, middle.offset == nil {
            // Flink's planner (Calcite) drops a subquery's ORDER BY without LIMIT: its rows have
            // no order for the query over them (checked: fuzz round 30).
            middle.orderBy = []
            query.from = .subquery(middle, alias: alias)
        }
        if case let .subquery(middle, alias) = query.from, let narrowed = Self.narrowed(middle, readBy: query) {
            query.from = .subquery(narrowed, alias: alias)
        }
        if case let .subquery(middle, alias) = query.from, let pruned = Self.prunedAggregates(middle, readBy: query) {
            query.from = .subquery(pruned, alias: alias)
        }
        if let rewritten = Self.windowReadingArguments(query) { return try plan(rewritten) }
        var scope = self
        for cte in query.ctes { scope.views[cte.name.name.lowercased()] = cte.query }
        if !query.orderBy.isEmpty || query.limit != nil || query.offset != nil { return try scope.planSortLimit(query) }
        guard query.unionAll.isEmpty else { return try scope.planUnion(query) }
        if let split = try scope.splitDistinct(query) { return try scope.plan(split) }
        if query.distinct, query.distinctIsGrouping {
            // SELECT DISTINCT without a window: an aggregation grouped by every column, with
            // no aggregate (Flink's), its result updating as rows are retracted.
            var inner = query
            inner.distinct = false
            inner.ctes = []
            let child = try scope.plan(inner)
            let references = child.columns.map { Expression(.column(qualifier: nil, name: Identifier($0.name, quoted: true)), at: query.location) }
            let outer = Query(items: references.map { .expression($0, alias: nil) }, from: .table(Identifier("$distinct"), alias: nil),
                              groupBy: references, location: query.location)
            return try scope.planOn(outer, child, name: "$distinct")
        }
        if case .join = query.from, query.groupingSets != nil && !query.needsWindow
            || query.whereClause?.conjuncts.contains(where: { $0.subqueryCondition != nil }) == true,
           let rewritten = Self.overJoinRows(query) {
            return try scope.plan(rewritten)
        }
        if query.whereClause?.conjuncts.contains(where: { $0.subqueryCondition != nil }) == true {
            return try scope.planSubqueryConditions(query)
        }
        if query.whereClause?.containsInOrExists == true || query.having?.containsInOrExists == true
            || query.items.contains(where: { if case .expression(let e, _) = $0 { e.containsInOrExists } else { false } }) {
            return try scope.planSubqueryValues(query)
        }
        if query.whereClause?.containsScalarSubquery == true || query.having?.containsScalarSubquery == true
            || query.items.contains(where: { if case .expression(let e, _) = $0 { e.containsScalarSubquery } else { false } }) {
            return try scope.planScalarSubqueries(query)
        }
        switch query.from {
        case let .table(name, alias):
            if let view = scope.views[name.name.lowercased()] {
                var outer = query
                outer.ctes = []
                outer.from = .subquery(view, alias: alias ?? name)
                return try scope.plan(outer)
            }
            return try scope.planOverTable(query)
        case .windowFunction(let function, let alias):
            if scope.views[function.table.name.lowercased()] == nil, !query.groupBy.isEmpty,
               query.whereClause?.readsWindowColumns == true || Self.attachesWindowsForUnmergeable(query, function),
               let table = scope.catalog.table(named: function.table.name), table.format == .json {
                // WHERE on window_start … before the aggregation: the rows windowed one by one,
                // filtered with their window, then aggregated (as Flink's plan).
                var outer = query
                outer.ctes = []
                let base = try scope.planOverTable(Self.selectAll(from: .table(function.table, alias: nil), where: nil, at: query.location))
                return try scope.planWindowAggregate(outer, function, alias, base: base, schema: table)
            }
            if scope.views[function.table.name.lowercased()] == nil, Self.sessionsFirst(query, function),
               let table = scope.catalog.table(named: function.table.name), table.format == .json {
                // A SESSION window's rows: held until each session closes, then written with
                // its merged bounds (Flink's UnalignedWindowTableFunctionOperator).
                var outer = query
                outer.ctes = []
                let base = try scope.planOverTable(Self.selectAll(from: .table(function.table, alias: nil), where: nil, at: query.location))
                return try scope.planWindowAggregate(outer, function, alias, base: base, schema: table)
            }
            if let view = scope.views[function.table.name.lowercased()] {
                // A window over a view of one table: the view's filter and names folded into
                // the query, so the window reads the table (and keeps its time attribute).
                var outer = query
                outer.ctes = []
                guard let inlined = try scope.inline(view, as: alias ?? function.table, into: outer) else {
                    // A view that computes: its rows through the graph, then the window.
                    let child = try scope.plan(view)
                    return try scope.planWindowAggregate(outer, function, alias, base: child, schema: scope.derivedSchema(name: function.table.name, child))
                }
                return try scope.plan(inlined)
            }
            return try scope.planOverTable(query)
        case let .subquery(inner, alias) where inner.rankItem == nil && alias != nil && query.needsRows && inner.columnAliases.isEmpty:
            // An aggregation or window over a subquery that only filters and names the
            // columns of one table reads the table itself.
            var outer = query
            outer.ctes = []
            if let inlined = try scope.inline(inner, as: alias!, into: outer) { return try scope.plan(inlined) }
            let child = try scope.plan(inner)
            return try scope.planOn(outer, child, name: alias!.name)
        case let .subquery(inner, alias):
            let derivedName = alias?.name ?? "$subquery"
            let rankName = inner.rankItem.map { $0.alias?.name ?? "EXPR$\($0.index)" }
            if let rank = inner.rankItem,
               rank.function != .rowNumber || (query.whereClause?.conjuncts ?? []).contains(where: { Self.rankRange($0, rankName!) != nil }) {
                let ranked = try scope.planRank(inner, rank, outerWhere: query.whereClause, outer: query)
                var outer = query
                outer.ctes = []
                outer.whereClause = ranked.remainingWhere
                return try scope.planOn(outer, ranked.planned, name: derivedName)
            }
            let child = try scope.plan(inner)
            var outer = query
            outer.ctes = []
            return try scope.planOn(outer, child, name: derivedName)
        case let .join(left, right, kind, on, location):
            if let on, case let .function(name, columns, _) = on.kind, name.name == Expression.using {
                return try scope.plan(try scope.rewriteUsing(query, left, right, kind, columns, at: location))
            }
            if let on, case let .function(name, _, _) = on.kind, name.name == Expression.natural {
                // NATURAL JOIN: USING every column both sides have (none: every pair).
                let leftColumns = try scope.plan(Self.selectAll(from: left, where: nil, at: location)).columns.map(\.name)
                let rightColumns = Set(try scope.plan(Self.selectAll(from: right, where: nil, at: location)).columns.map { $0.name.lowercased() })
                let common = leftColumns.filter { rightColumns.contains($0.lowercased()) && !$0.contains(".") }
                    .map { Expression(.column(qualifier: nil, name: Identifier($0)), at: on.location) }
                var rewritten = query
                if common.isEmpty {
                    rewritten.from = .join(left, right, kind == .inner ? .cross : kind, on: kind == .inner ? nil : Expression(.literal(.boolean(true)), at: location), location: location)
                    return try scope.plan(rewritten)
                }
                return try scope.plan(try scope.rewriteUsing(query, left, right, kind, common, at: location))
            }
            if Self.joinsWithUsing(left) || Self.joinsWithUsing(right) {
                // `o JOIN p USING (k) JOIN u ON …`, `u JOIN (o JOIN p USING (k)) ON …`.
                return try scope.plan(try scope.rewriteUsingJoins(query, at: location))
            }
            if case let .temporal(name, asOf, alias) = right {
                // A database table is looked up; any other is a versioned table.
                if let table = scope.catalog.table(named: name.name), case .jdbc = table.source {
                    return try scope.planLookupJoin(query, left, (name, asOf, alias ?? name), kind, on, location)
                }
                if scope.catalog.table(named: name.name) == nil, scope.views[name.name.lowercased()] == nil {
                    return try scope.planLookupJoin(query, left, (name, asOf, alias ?? name), kind, on, location)
                }
                return try scope.planTemporalJoin(query, left, (name, asOf, alias ?? name), kind, on, location)
            }
            if case let .unnest(array, alias, columns) = right {
                return try scope.planUnnest(query, left, array, alias, columns, kind, on, location)
            }
            return try scope.planJoin(query, left, right, kind, on, location)
        case let .unnest(array, alias, columns):
            // UNNEST of an array written out (`UNNEST(ARRAY[3, 1, 2]) AS t (x)`): its elements
            // as rows of constants, in order.
            if case let .function(name, elements, _) = array.kind, name.name == "ARRAY_VALUE", !elements.isEmpty {
                var rewritten = query
                rewritten.from = .values(elements.map { [$0] }, alias: alias, columns: columns, location: array.location)
                return try scope.plan(rewritten)
            }
            throw PlanningError("UNNEST is joined to the table whose array it reads", at: array.location,
                                hint: "FROM clicks CROSS JOIN UNNEST(tags) AS t (tag)")
        case let .temporal(name, _, _):
            throw PlanningError("FOR SYSTEM_TIME AS OF names the table of a lookup or temporal join", at: name.location,
                                hint: "FROM orders AS o JOIN \(name) FOR SYSTEM_TIME AS OF o.proc_time AS p ON o.k = p.k")
        case let .values(rows, alias, columns, location):
            let child = try scope.planValues(rows, columns, at: location)
            var outer = query
            outer.ctes = []
            return try scope.planOn(outer, child, name: alias?.name ?? "$values")
        case let .setOperation(operation, all, left, right, location):
            let child = try scope.planSetOperation(operation, all: all, left, right, at: location)
            var outer = query
            outer.ctes = []
            return try scope.planOn(outer, child, name: "$setop")
        }
    }

    /// `VALUES` rows (and a SELECT without FROM, one row of no columns): each row a projection
    /// of its constants over a table of one empty line, the rows a UNION ALL in their order
    /// (so the columns take the rows' common types, as Flink's).
    func planValues(_ rows: [[Expression]], _ columns: [Identifier], at location: SourceLocation) throws(PlanningError) -> Planned {
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else {
            throw PlanningError("the rows of VALUES have different numbers of columns", at: location)
        }
        guard columns.isEmpty || columns.count == width else {
            throw PlanningError("VALUES has \(width) columns, named \(columns.count)", at: location)
        }
        var scope = self
        var catalog = self.catalog
        let one = "$one"
        catalog.register(TableSchema(name: one, columns: [Column(name: "$nothing", type: .int)], rowtime: nil, watermarkDelay: nil, source: .inline("{}\n")))
        scope = RelationalPlanner(catalog: catalog, views: views, defaultWatermarkDelay: defaultWatermarkDelay, settings: settings)
        let branches = rows.map { row in
            Query(items: row.isEmpty ? [.expression(Expression(.literal(.integer(0)), at: location), alias: Identifier("$nothing"))]
                    : row.enumerated().map { .expression($1, alias: Identifier(columns.isEmpty ? "EXPR$\($0)" : columns[$0].name)) },
                  from: .table(Identifier(one), alias: nil), location: location)
        }
        var query = branches[0]
        query.unionAll = Array(branches.dropFirst())
        return try scope.plan(query)
    }

    /// `a JOIN b USING (k)` as the join `ON a.k = b.k` it is, with `k` one shared column, as
    /// Calcite resolves it: an unqualified `k` is `a.k` (`b.k` in a RIGHT join, COALESCE of both
    /// in a FULL one), and `*` lists the shared columns first, then each side's others. After
    /// another join (`a JOIN b USING (k) JOIN c USING (k)`) `k` is the left join's shared `k`.
    func rewriteUsing(_ query: Query, _ left: TableReference, _ right: TableReference, _ kind: JoinKind, _ columns: [Expression],
                      at location: SourceLocation) throws(PlanningError) -> Query {
        let marker = Expression(.function(name: Identifier(Expression.using), arguments: columns, distinct: false), at: location)
        var query = query
        query.from = .join(left, right, kind, on: marker, location: location)
        return try rewriteUsingJoins(query, at: location)
    }

    /// The query with every `USING`/`NATURAL` join of its FROM written out as `ON`: `*` the
    /// columns as Flink lists them (each shared column once, first), an unqualified shared
    /// column the expression it reads.
    func rewriteUsingJoins(_ query: Query, at location: SourceLocation) throws(PlanningError) -> Query {
        let layout = try usingLayout(query.from, at: location)
        func fix(_ e: Expression) -> Expression {
            e.mappingColumns { q, n in
                if q == nil, let value = layout.shared[n.name.lowercased()] { return value.kind }
                return .column(qualifier: q, name: n)
            }
        }
        var rewritten = query
        rewritten.from = layout.from
        rewritten.items = query.items.flatMap { item -> [SelectItem] in
            switch item {
            case .wildcard:
                return layout.columns.map { .expression($0.value, alias: Identifier($0.name)) }
            case let .expression(e, alias):
                var alias = alias
                if alias == nil, case let .column(nil, n) = e.kind, layout.shared[n.name.lowercased()] != nil { alias = n }
                return [.expression(fix(e), alias: alias)]
            }
        }
        rewritten.whereClause = query.whereClause.map(fix)
        rewritten.groupBy = query.groupBy.map(fix)
        rewritten.having = query.having.map(fix)
        return rewritten
    }

    /// A FROM clause's joins with their USING conditions written out: the clause, its `*`
    /// columns in order with the expression each reads, and the shared columns' expressions
    /// (by lower-cased name).
    func usingLayout(_ reference: TableReference, at location: SourceLocation) throws(PlanningError)
        -> (from: TableReference, columns: [(name: String, value: Expression)], shared: [String: Expression]) {
        func qualified(_ table: Identifier, _ name: String) -> Expression {
            Expression(.column(qualifier: table, name: Identifier(name)), at: location)
        }
        switch reference {
        case let .join(left, right, kind, on, joinLocation):
            // A join on the right (`a JOIN (b JOIN c USING (k)) USING (j)`) is laid out as the
            // left is: its columns and the expressions they read.
            let right = right.namedIfDerived("$derived")
            let inner = try usingLayout(left.namedIfDerived("$derived0"), at: location)
            let outer = try usingLayout(right, at: location)
            var usingColumns: [Expression]?
            if let on, case let .function(marker, columns, _) = on.kind {
                if marker.name == Expression.using { usingColumns = columns }
                if marker.name == Expression.natural {
                    // NATURAL: USING every name both sides show (the left's shared columns once).
                    let rightNames = Set(outer.columns.map { $0.name.lowercased() })
                    var seen: Set<String> = []
                    let common = inner.columns.filter { rightNames.contains($0.name.lowercased()) && seen.insert($0.name.lowercased()).inserted }
                    if common.isEmpty {
                        let on = kind == .inner ? nil : Expression(.literal(.boolean(true)), at: joinLocation)
                        return (.join(inner.from, outer.from, kind == .inner ? .cross : kind, on: on, location: joinLocation),
                                inner.columns + outer.columns, inner.shared)
                    }
                    usingColumns = common.map { Expression(.column(qualifier: nil, name: Identifier($0.name)), at: on.location) }
                }
            }
            guard let columns = usingColumns else {
                // A join on its own conditions: both sides' columns, none shared.
                return (.join(inner.from, outer.from, kind, on: on, location: joinLocation), inner.columns + outer.columns, inner.shared)
            }
            var shared = inner.shared
            var conditions: [Expression] = []
            var names: [String] = []
            for column in columns {
                guard case let .column(_, name) = column.kind else { continue }
                let matches = inner.columns.filter { $0.name.lowercased() == name.name.lowercased() }
                let rightMatches = outer.columns.filter { $0.name.lowercased() == name.name.lowercased() }
                guard matches.count == 1, rightMatches.count == 1 else {
                    throw PlanningError(matches.count > 1 ? "USING column \(name.name) is ambiguous on the join's left side"
                                        : rightMatches.count > 1 ? "USING column \(name.name) is ambiguous on the join's right side"
                                        : "USING column \(name.name) is not a column of both sides of the join", at: column.location)
                }
                let l = matches[0].value, rv = rightMatches[0].value
                conditions.append(Expression(.binary(.equal, l, rv), at: location))
                shared[name.name.lowercased()] = switch kind {
                case .right: rv
                case .full: Expression(.function(name: Identifier("COALESCE"), arguments: [l, rv], distinct: false), at: location)
                default: l
                }
                names.append(name.name)
            }
            func isShared(_ name: String) -> Bool { names.contains { $0.lowercased() == name.lowercased() } }
            let layout = names.map { (name: $0, value: shared[$0.lowercased()]!) }
                + inner.columns.filter { !isShared($0.name) } + outer.columns.filter { !isShared($0.name) }
            return (.join(inner.from, outer.from, kind, on: Expression.conjunction(conditions), location: joinLocation), layout, shared)
        case let .temporal(name, _, alias):
            // A temporal join's table: its columns, by the table's or view's own.
            let names = try plan(Self.selectAll(from: .table(name, alias: alias), where: nil, at: location)).columns.map(\.name)
            return (reference, names.map { (name: $0, value: qualified(alias ?? name, $0)) }, [:])
        default:
            guard let alias = reference.alias else { throw PlanningError("this join's side needs a name", at: location) }
            let names = try plan(Self.selectAll(from: reference, where: nil, at: location)).columns.map(\.name)
            return (reference, names.map { (name: $0, value: qualified(alias, $0)) }, [:])
        }
    }

    /// `a INTERSECT b` / `a EXCEPT b` as Flink plans them (ReplaceIntersectWithSemiJoinRule,
    /// ReplaceExceptWithAntiJoinRule): a semi (anti) join of `a` with `b` on every column, NULL
    /// equal to NULL; the `SELECT DISTINCT *` the parser put around it makes the rows distinct.
    /// The `ALL` forms count instead (`planSetOperationAll`).
    func planSetOperation(_ operation: SetOperation, all: Bool, _ left: Query, _ right: Query,
                          at location: SourceLocation) throws(PlanningError) -> Planned {
        let l = try plan(left), r = try plan(right)
        guard l.columns.count == r.columns.count else {
            throw PlanningError("the two sides of \(operation.rawValue) have \(l.columns.count) and \(r.columns.count) columns", at: location)
        }
        for (a, b) in zip(l.columns, r.columns) where DataType.common(a.type, b.type) == nil && a.type != b.type {
            throw PlanningError("\(operation.rawValue) compares \(a.name) (\(a.type)) with \(b.name) (\(b.type))", at: location)
        }
        if all { return try planSetOperationAll(operation, left, right, columns: l.columns.map(\.name), at: location) }
        let keys = Array(l.columns.indices)
        var spec = SemiJoinSpec(anti: operation == .except, leftKeys: keys, rightKeys: keys, nullAwareKeys: [], residual: nil,
                                residualSlots: [], leftWidth: l.columns.count)
        spec.nullSafe = true
        return Planned(node: .semiJoin(l.node, r.node, spec), rowtime: nil)
    }

    /// `a INTERSECT ALL b` / `a EXCEPT ALL b` as Flink rewrites them (RewriteIntersectAllRule,
    /// RewriteMinusAllRule): the two sides' rows, marked by side, counted by row in an updating
    /// aggregation, each row then repeated as often as it is in the result (the smaller count;
    /// `a`'s count less `b`'s). The changes come out as Flink's do: a row's count going from 1
    /// to 2 is a `-U` of one copy and a `+U` of two.
    func planSetOperationAll(_ operation: SetOperation, _ left: Query, _ right: Query, columns: [String],
                             at location: SourceLocation) throws(PlanningError) -> Planned {
        guard Set(columns.map { $0.lowercased() }).count == columns.count else {
            throw PlanningError("\(operation.rawValue) ALL needs distinct column names on its left side", at: location,
                                hint: "name each column with AS")
        }
        func column(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: location) }
        func literal(_ value: Literal) -> Expression { Expression(.literal(value), at: location) }
        func call(_ name: String, _ arguments: [Expression]) -> Expression {
            Expression(.function(name: Identifier(name), arguments: arguments, distinct: false), at: location)
        }
        func item(_ e: Expression, _ alias: String) -> SelectItem { .expression(e, alias: Identifier(alias, quoted: true)) }
        func binary(_ op: BinaryOperator, _ a: Expression, _ b: Expression) -> Expression { Expression(.binary(op, a, b), at: location) }
        let keys = columns.map { item(column($0), $0) }
        let intersect = operation == .intersect
        // One row per input row: its columns and the marks of its side.
        func side(_ query: Query, _ alias: String, first: Bool) -> Query {
            let marks: [SelectItem] = intersect
                ? [item(first ? literal(.boolean(true)) : Expression(.cast(literal(.null), TypeName("BOOLEAN")), at: location), "$left"),
                   item(first ? Expression(.cast(literal(.null), TypeName("BOOLEAN")), at: location) : literal(.boolean(true)), "$right")]
                : [item(Expression(.cast(literal(.integer(first ? 1 : -1)), TypeName("BIGINT")), at: location), "$mark")]
            return Query(items: [.wildcard(location)] + marks, from: .subquery(query, alias: Identifier(alias, quoted: true)), location: location)
        }
        var marked = side(left, "$a", first: true)
        marked.unionAll = [side(right, "$b", first: false)]
        let counts: [SelectItem] = intersect
            ? [item(call("COUNT", [column("$left")]), "$lc"), item(call("COUNT", [column("$right")]), "$rc")]
            : [item(call("SUM", [column("$mark")]), "$n")]
        let counted = Query(items: keys + counts, from: .subquery(marked, alias: Identifier("$u", quoted: true)),
                            groupBy: columns.map(column), location: location)
        let times: Expression, holds: Expression
        if intersect {
            let (lc, rc) = (column("$lc"), column("$rc"))
            times = Expression(.caseWhen(operand: nil, branches: [Expression.WhenBranch(condition: binary(.greater, lc, rc), result: rc)],
                                         otherwise: lc), at: location)
            holds = binary(.and, binary(.greaterOrEqual, lc, literal(.integer(1))), binary(.greaterOrEqual, rc, literal(.integer(1))))
        } else {
            times = column("$n")
            holds = binary(.greater, column("$n"), literal(.integer(0)))
        }
        let repeated = Query(items: keys + [item(times, "$times")], from: .subquery(counted, alias: Identifier("$g", quoted: true)),
                             whereClause: holds, location: location)
        let planned = try plan(repeated)
        var spec = UnnestSpec(arraySlot: columns.count, elementType: .bigint, keepsEmpty: false, leftName: "", rightName: "", elementName: "")
        spec.replicates = true
        return Planned(node: .unnest(planned.node, spec), rowtime: nil)
    }

    /// `SELECT * FROM (Top-N) WHERE rn <= N` read by a query that names its columns: the `*`
    /// narrowed to those columns, as Flink prunes what no one reads, so that a Top-N whose
    /// number only the filter reads writes without it.
    static func narrowed(_ middle: Query, readBy outer: Query) -> Query? {
        guard middle.items.count == 1, case .wildcard = middle.items[0], middle.unionAll.isEmpty, !middle.needsRows, middle.columnAliases.isEmpty,
              case .subquery(let innermost, _) = middle.from, innermost.rankItem != nil,
              !outer.items.contains(where: { if case .wildcard = $0 { true } else { false } }) else { return nil }
        var names: [String] = []
        for e in outer.allExpressions + outer.windows.flatMap({ $0.definition.partitionBy + $0.definition.orderBy.map(\.expression) }) {
            e.collectColumns(into: &names)
        }
        guard !names.isEmpty else { return nil }
        var narrowed = middle
        narrowed.items = names.map { .expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: middle.location), alias: nil) }
        return narrowed
    }

    /// An aggregation without a window in FROM, without the aggregates of its select list
    /// that the query over it never reads: Flink prunes them (its projection pushed through
    /// the Aggregate), so they change nothing: a group whose unread SUM moves writes no
    /// `-U`/`+U` (fuzz round 24: `SELECT COUNT(*) FROM (SELECT uid, SUM(qty) … GROUP BY uid)`).
    /// Grouped columns stay, as do HAVING's aggregates (HAVING binds its own).
    static func prunedAggregates(_ middle: Query, readBy outer: Query) -> Query? {
        // (Not a global aggregation, whose one row needs an aggregate; not when the query's
        // own subqueries may read the columns.)
        guard middle.isUnwindowedAggregate, !middle.groupBy.isEmpty, middle.groupingSets == nil,
              !outer.allExpressions.contains(where: \.containsSubquery), middle.unionAll.isEmpty, middle.columnAliases.isEmpty, !middle.distinct,
              middle.orderBy.isEmpty, middle.limit == nil, middle.offset == nil, !middle.hasOver,
              !middle.items.contains(where: { if case .wildcard = $0 { true } else { false } }),
              !outer.items.contains(where: { if case .wildcard = $0 { true } else { false } }) else { return nil }
        var names: [String] = []
        for e in outer.allExpressions + outer.orderBy.map(\.expression)
            + outer.windows.flatMap({ $0.definition.partitionBy + $0.definition.orderBy.map(\.expression) }) + (middle.having.map { [$0] } ?? []) {
            // (HAVING may name an item by its alias.)
            e.collectColumns(into: &names)
        }
        let read = Set(names.map { $0.lowercased() })
        var pruned = middle
        pruned.items = []
        for (index, item) in middle.items.enumerated() {
            guard case let .expression(e, alias) = item else { return nil }
            let name = alias?.name ?? e.columnName ?? "EXPR$\(index)"
            if e.containsAggregate, !read.contains(name.lowercased()) { continue }
            // An unnamed item keeps the name its place gave it.
            pruned.items.append(.expression(e, alias: alias ?? (e.columnName == nil ? Identifier(name) : nil)))
        }
        guard !pruned.items.isEmpty, pruned.items.count < middle.items.count else { return nil }
        return pruned
    }

    // MARK: - Leaves

    /// A query over one table or window TVF: the fused plan, unless it has OVER aggregates or
    /// grouping sets.
    func planOverTable(_ query: Query, normalized: Bool = false) throws(PlanningError) -> Planned {
        if case let .windowFunction(_, alias) = query.from, !query.groupBy.isEmpty, query.groupingSets == nil {
            let grouped = Set(query.groupBy.compactMap { $0.columnName?.lowercased() })
            if !grouped.contains(WindowColumn.start.rawValue) || !grouped.contains(WindowColumn.end.rawValue) {
                // Grouped without both window bounds: not a window aggregation but one over the
                // TVF's rows that updates (as Flink plans it).
                let rows = try planOverTable(Self.selectAll(from: query.from, where: query.whereClause, at: query.location))
                var outer = query
                outer.whereClause = nil
                outer.from = .table(Identifier("$tvf"), alias: alias)
                return try planOn(outer, rows, name: "$tvf")
            }
        }
        if case let .windowFunction(function, _) = query.from, let table = catalog.table(named: function.table.name), table.format != .json {
            return try planWindowOverChangelog(query, table)
        }
        if case let .table(name, alias) = query.from, let table = catalog.table(named: name.name), table.format != .json {
            if query.needsWindow {
                return try planWindowOverChangelog(query, table)
            }
            if !normalized, !table.primaryKey.isEmpty, settings["table.exec.source.cdc-events-duplicate"] == "true" {
                // Every change applied against its key's last row: duplicates change nothing.
                // As in Flink, the rows hold only the key and the columns the query reads (the
                // projection is pushed into the scan), so a change to other columns is nothing.
                var baseQuery = Self.selectAll(from: .table(name, alias: nil), where: nil, at: query.location)
                if !query.items.contains(where: { if case .wildcard = $0 { true } else { false } }) {
                    var names = table.primaryKey
                    for e in query.allExpressions { e.collectColumns(into: &names) }
                    baseQuery.items = names.map { .expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: query.location), alias: nil) }
                }
                let base = try planOverTable(baseQuery, normalized: true)
                let keys = table.primaryKey.compactMap { key in base.columns.firstIndex { $0.name == key } }
                // As Flink, the filter goes into the normalization: a row that
                // starts passing it is an insert, one that stops, a delete.
                var filter: QueryPlan?
                if let condition = query.whereClause {
                    var scoped = catalog
                    scoped.register(derivedSchema(name: table.name, base))
                    filter = try QueryPlanner.plan(Self.selectAll(from: .table(Identifier(table.name), alias: alias), where: condition, at: query.location),
                                                   catalog: scoped, defaultWatermarkDelay: 0, sql: condition.description)
                }
                let normalizedNode = Planned(node: .changelogNormalize(base.node, NormalizeSpec(keys: keys, filter: filter)), rowtime: nil)
                var outer = query
                outer.whereClause = nil
                outer.from = .table(Identifier(table.name), alias: alias)
                return try planOn(outer, normalizedNode, name: table.name)
            }
        }
        if query.hasOver {
            let base = try planOverTable(rowsRead(by: query))
            var outer = query
            outer.whereClause = nil
            return try planOver(outer, base, name: query.from.alias?.name ?? "$input")
        }
        if let sets = query.groupingSets, !query.needsWindow {
            let base = try planOverTable(rowsRead(by: query))
            var outer = query
            outer.whereClause = nil
            return try planUnwindowedGroupingSets(outer, sets, base, name: query.from.alias?.name ?? "$input")
        }
        if let sets = query.groupingSets {
            return try planGroupingSets(query, sets)
        }
        if query.isUnwindowedAggregate {
            // The rows the aggregation reads: the columns it names, filtered.
            let base = try planOverTable(namedColumns(of: query))
            var outer = query
            outer.whereClause = nil
            return try planGroupAggregate(outer, base, name: query.from.alias?.name ?? "$input")
        }
        if query.allExpressions.contains(where: \.readsWatermark), let filtered = try watermarkFilterFirst(query) {
            return filtered
        }
        if query.allExpressions.contains(where: \.readsWatermark) {
            guard case let .table(name, alias) = query.from, !query.needsRows else {
                throw PlanningError("CURRENT_WATERMARK in a windowed aggregation is not supported yet", at: query.location,
                                    hint: "a window already drops the rows whose window the watermark has closed, and counts them as late")
            }
            // The table's rows, then a Calc that sees each row with the watermark before it.
            var all = query
            all.whereClause = nil
            all.from = .table(name, alias: nil)
            let base = try planOverTable(rowsRead(by: all))
            var local = query
            local.from = .table(name, alias: alias)
            return try planOn(local, base, name: name.name)
        }
        var plan = try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: defaultWatermarkDelay, sql: query.description)
        var rowtime: Int?
        if plan.mode == .projection, let name = plan.table.rowtime {
            if let field = plan.fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                // The rows carry their event time on: operators after this one need the watermark.
                if plan.timeSlot == nil { plan.timeSlot = field }
                rowtime = plan.projections.firstIndex(of: .slot(field))
            }
        } else if plan.mode == .windowAggregate {
            // window_time (or TUMBLE_ROWTIME), renamed or not, stays a time attribute: a
            // window can run over the aggregate's rows (Flink's cascading window aggregation).
            rowtime = plan.projections.firstIndex(of: .slot(QueryPlan.windowTimeSlot)) ?? WindowColumn.time.index(in: plan.outputColumns)
        }
        return Planned(node: .source(plan), rowtime: rowtime)
    }

    /// A query over joins whose grouping sets or `[NOT] IN`/`EXISTS` conditions read one input:
    /// the same query over a subquery of the joined rows (filtered by the WHERE's other
    /// conditions) that selects each column the query reads under a name of its own, as
    /// Flink's planner gives them one input (a Join, then a Project, under its Expand or its
    /// semi join). Nil when the query reads a whole row (`*`, `t.*`).
    static func overJoinRows(_ query: Query) -> Query? {
        guard case .join = query.from, query.ctes.isEmpty, query.unionAll.isEmpty,
              !query.items.contains(where: { if case .wildcard = $0 { true } else { false } }) else { return nil }
        let joined = query.from.qualifiers
        var reads = JoinedReads()
        func rename(_ qualifier: Identifier?, _ name: Identifier) -> Expression.Kind {
            reads.rename(qualifier, name, qualifiedBy: nil)
        }
        /// A subquery's references to the joined tables (qualified by one its own FROM does
        /// not name), renamed as the outer query's.
        func correlated(_ sub: Query) -> Query {
            var sub = sub
            let own = sub.from.qualifiers
            sub.whereClause = sub.whereClause?.mappingColumns { qualifier, name in
                guard let qualifier, joined.contains(qualifier.name.lowercased()), !own.contains(qualifier.name.lowercased()) else {
                    return .column(qualifier: qualifier, name: name)
                }
                return rename(qualifier, name)
            }
            return sub
        }
        var outer = query
        outer.items = query.items.map { item in
            guard case let .expression(e, alias) = item else { return item }
            return .expression(e.mappingColumns(rename), alias: alias ?? e.columnName.map { Identifier($0) })
        }
        outer.groupBy = query.groupBy.map { $0.mappingColumns(rename) }
        outer.having = query.having?.mappingColumns(rename)
        var kept: [Expression] = []
        var conditions: [Expression] = []
        for conjunct in query.whereClause?.conjuncts ?? [] {
            guard conjunct.containsSubquery else { kept.append(conjunct); continue }
            guard var condition = conjunct.subqueryCondition else { return nil }
            condition.query = correlated(condition.query)
            let renamed = conjunct.mappingColumns(rename)
            guard let rebuilt = renamed.replacingSubqueryCondition(condition.query) else { return nil }
            conditions.append(rebuilt)
        }
        guard !reads.whole else { return nil }
        outer.whereClause = Expression.conjunction(conditions)
        outer.from = .subquery(reads.rows(of: query.from, where: Expression.conjunction(kept), at: query.location), alias: JoinedReads.alias)
        return outer
    }

    /// A window (TVF or `GROUP BY TUMBLE(…)`) over a table whose WHERE reads
    /// CURRENT_WATERMARK: those conditions filter the table's rows before the window, each row
    /// seeing the watermark before it, as Flink's Calc under its window. Nil when the WHERE's
    /// watermark conditions read the window's columns, or the query is another shape.
    private func watermarkFilterFirst(_ query: Query) throws(PlanningError) -> Planned? {
        let conjuncts = query.whereClause?.conjuncts ?? []
        let reading = conjuncts.filter(\.readsWatermark)
        var windowColumns: [String] = []
        for conjunct in reading { conjunct.collectColumns(into: &windowColumns) }
        guard !reading.isEmpty, query.needsWindow,
              !windowColumns.contains(where: { WindowColumn(rawValue: $0.lowercased()) != nil }) else { return nil }
        let name = "$watermark_filtered"
        var scope = self
        var rewritten = query
        rewritten.whereClause = Expression.conjunction(conjuncts.filter { !$0.readsWatermark })
        let table: Identifier
        switch query.from {
        case .windowFunction(var function, let alias):
            table = function.table
            function.table = Identifier(name, quoted: true)
            rewritten.from = .windowFunction(function, alias: alias)
        case let .table(source, alias):
            table = source
            rewritten.from = .table(Identifier(name, quoted: true), alias: alias ?? source)
        default:
            return nil
        }
        guard views[table.name.lowercased()] == nil, catalog.table(named: table.name) != nil else { return nil }
        scope.views[name] = Query(items: [.wildcard(query.location)], from: .table(table, alias: nil),
                                  whereClause: Expression.conjunction(reading), location: query.location)
        return try scope.plan(rewritten)
    }

    /// A Top-N that another Top-N ranks keeps its row number although nothing reads it: Flink
    /// merges the projection that drops it into the OVER above, which passes every column on
    /// (checked with Flink 2.3's plans: `Rank(… select=[id, k, v, w0$o0])` under a second Rank,
    /// the number pruned under an aggregation or a join). Its changes are then written rank by
    /// rank (`-U`/`+U`), not as rows entering and leaving.
    static func keepingRankNumber(_ node: PlanNode) -> PlanNode {
        switch node {
        case let .calc(child, plan): return .calc(keepingRankNumber(child), plan)
        case let .rank(child, spec) where !spec.windowed && !spec.outputsRank && spec.limit > spec.start && !spec.fastTop1 && !spec.firstN:
            var spec = spec
            spec.outputsRank = true
            return .rank(child, spec)
        default: return node
        }
    }

    static func selectAll(from: TableReference, where condition: Expression?, at location: SourceLocation) -> Query {
        Query(items: [.wildcard(location)], from: from, whereClause: condition, location: location)
    }

    // MARK: - Filter and project over a node

    /// `query` reads the rows of `child` as the table `name`.
    func planOn(_ query: Query, _ child: Planned, name: String) throws(PlanningError) -> Planned {
        if query.hasOver {
            var base = child
            if let condition = query.whereClause {
                base = try planOn(Self.selectAll(from: .table(Identifier(name), alias: nil), where: condition, at: query.location), child, name: name)
            }
            var outer = query
            outer.whereClause = nil
            return try planOver(outer, base, name: name)
        }
        if query.isUnwindowedAggregate || (query.groupingSets != nil && !query.needsWindow) {
            var base = child
            if let condition = query.whereClause {
                base = try planOn(Self.selectAll(from: .table(Identifier(name), alias: nil), where: condition, at: query.location), child, name: name)
            }
            var outer = query
            outer.whereClause = nil
            if let sets = query.groupingSets { return try planUnwindowedGroupingSets(outer, sets, base, name: name) }
            if let bounds = child.node.windowBounds {
                // A window aggregation's rows grouped again by their window (Flink's cascading
                // window aggregation): a window aggregation too, written once as each window
                // closes. Grouped by other keys only, an aggregation that updates.
                var binder = Binder(table: derivedSchema(name: name, child), qualifiers: Set([name.lowercased()] + (query.from.alias.map { [$0.name.lowercased()] } ?? [])),
                                    windowFunction: nil)
                binder.timeZone = catalog.timeZone
                var grouped = Set<Int>()
                for item in query.groupBy {
                    if case .column = item.kind, case .slot(let field)? = try? binder.bind(item, Binder.Scope.input).0,
                       let column = child.columns.firstIndex(where: { $0.name.lowercased() == binder.fields[field].name.lowercased() }) {
                        grouped.insert(column)
                    }
                }
                if grouped.contains(bounds.start), grouped.contains(bounds.end) {
                    return try planGroupAggregate(outer, base, name: name, windowEndColumn: bounds.end, windowStartColumn: bounds.start)
                }
            }
            return try planGroupAggregate(outer, base, name: name)
        }
        if let (rewritten, function, alias) = try Self.groupWindowAsTableFunction(query, table: name) {
            // `GROUP BY TUMBLE(rowtime, …)` over a subquery: the same window as a TVF over its
            // rows (a cascading window aggregation written the legacy way).
            return try planWindowAggregate(rewritten, function, alias, base: child, schema: derivedSchema(name: name, child))
        }
        if query.groupingSets != nil || !query.groupBy.isEmpty || query.having != nil
            || query.items.contains(where: { if case .expression(let e, _) = $0 { return e.containsAggregate } else { return false } }) {
            throw PlanningError("a window over a subquery with aggregation is not supported yet", at: query.location,
                                hint: "window the table directly, with the subquery's filter in WHERE")
        }
        let schema = derivedSchema(name: name, child)
        var scoped = catalog
        scoped.register(schema)
        var local = query
        local.from = .table(Identifier(name), alias: query.from.alias.map { Identifier($0.name) })
        if case .subquery(_, let alias) = query.from, let alias { local.from = .table(Identifier(name), alias: alias) }
        let plan = try QueryPlanner.plan(local, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description)
        guard plan.mode == .projection, plan.window == nil else {
            throw PlanningError("a window over a subquery is not supported yet", at: query.location)
        }
        var rowtime: Int?
        if let time = child.rowtime, let field = plan.fields.firstIndex(where: { $0.name.lowercased() == child.columns[time].name.lowercased() }) {
            rowtime = plan.projections.firstIndex(of: .slot(field))
        }
        return Self.calc(child, plan, rowtime: rowtime)
    }

    /// A query grouped by a group window (`GROUP BY TUMBLE(ts, INTERVAL …), k`) over the table
    /// `table`, written as the window TVF over it: `FROM TABLE(TUMBLE(TABLE table,
    /// DESCRIPTOR(ts), INTERVAL …)) GROUP BY window_start, window_end, k`, with `TUMBLE_START`,
    /// `TUMBLE_END` and `TUMBLE_ROWTIME` read as window_start, window_end and window_time.
    /// Nil when the query has no group window.
    static func groupWindowAsTableFunction(_ query: Query, table: String) throws(PlanningError) -> (Query, WindowTableFunction, Identifier?)? {
        let windows = ["TUMBLE", "HOP", "SESSION"]
        guard let index = query.groupBy.firstIndex(where: { e in
            if case let .function(name, _, _) = e.kind { return windows.contains(name.name.uppercased()) }
            return false
        }), case let .function(name, args, _) = query.groupBy[index].kind else { return nil }
        guard let first = args.first, case let .column(_, timeColumn) = first.kind else {
            throw PlanningError("\(name.name.uppercased())'s first argument is the event-time column", at: query.groupBy[index].location)
        }
        let kind = name.name.uppercased()
        // A legacy SESSION window is per group key: the TVF's sessions partitioned by the
        // other GROUP BY columns.
        var partitionBy: [Identifier] = []
        if kind == "SESSION" {
            for (position, key) in query.groupBy.enumerated() where position != index {
                guard case let .column(_, column) = key.kind else {
                    throw PlanningError("a SESSION window grouped by an expression is not supported here yet", at: key.location,
                                        hint: "compute the key in a subquery and group by its column")
                }
                partitionBy.append(column)
            }
        }
        let function = WindowTableFunction(name: Identifier(kind, location: name.location), table: Identifier(table, location: query.location),
                                           partitionBy: partitionBy, timeColumn: timeColumn, arguments: Array(args.dropFirst()))
        let properties = ["\(kind)_START": WindowColumn.start.rawValue, "\(kind)_END": WindowColumn.end.rawValue, "\(kind)_ROWTIME": WindowColumn.time.rawValue]
        func rewrite(_ e: Expression) -> Expression {
            if case let .function(f, _, _) = e.kind, let column = properties[f.name.uppercased()] {
                return Expression(.column(qualifier: nil, name: Identifier(column, location: e.location)), at: e.location)
            }
            return e.mapChildren(rewrite)
        }
        var rewritten = query
        var groupBy = query.groupBy
        let at = query.groupBy[index].location
        groupBy.replaceSubrange(index...index, with: [WindowColumn.start.rawValue, WindowColumn.end.rawValue].map {
            Expression(.column(qualifier: nil, name: Identifier($0, location: at)), at: at)
        })
        if query.allExpressions.contains(where: { $0.mentionsFunction("\(kind)_ROWTIME") }) {
            groupBy.insert(Expression(.column(qualifier: nil, name: Identifier(WindowColumn.time.rawValue, location: at)), at: at), at: index + 2)
        }
        rewritten.groupBy = groupBy
        rewritten.items = query.items.enumerated().map { index, item in
            guard case let .expression(e, alias) = item else { return item }
            let named = alias ?? (e.columnName == nil ? Identifier("EXPR$\(index)") : nil)
            return .expression(rewrite(e), alias: named)
        }
        rewritten.having = query.having.map(rewrite)
        let alias = query.from.alias
        rewritten.from = .windowFunction(function, alias: alias)
        return (rewritten, function, alias)
    }

    /// Whether the node's rows are a window aggregation's, each written once its window closed.
    static func writesClosedWindows(_ node: PlanNode) -> Bool {
        switch node {
        case .source(let plan): plan.mode == .windowAggregate
        case .calc(let input, _): writesClosedWindows(input)
        case .groupAggregate(_, let spec): spec.windowEndKey != nil
        default: false
        }
    }


    /// A filter and projection over `child`, or `child` itself when `plan` keeps every row
    /// and every column as it is.
    static func calc(_ child: Planned, _ plan: QueryPlan, rowtime: Int?) -> Planned {
        let columns = child.node.columns
        let identity = plan.filter == nil && plan.projections.count == columns.count
            && plan.projections.enumerated().allSatisfy { index, projection in
                guard case .slot(let field) = projection, field < plan.fields.count else { return false }
                return plan.fields[field].name.lowercased() == plan.table.columns[index].name.lowercased()
                    && plan.outputColumns[index].name == columns[index].name
            }
        return identity ? child : Planned(node: .calc(child.node, plan), rowtime: rowtime)
    }

    /// The rows `query` reads from its table, filtered: every column of a declared table, the
    /// columns the query names of a stream no `CREATE TABLE` declared (known only by them).
    func rowsRead(by query: Query) -> Query {
        if case let .table(name, _) = query.from, catalog.table(named: name.name) == nil, views[name.name.lowercased()] == nil,
           !query.items.contains(where: { if case .wildcard = $0 { true } else { false } }) {
            return namedColumns(of: query)
        }
        return Self.selectAll(from: query.from, where: query.whereClause, at: query.location)
    }

    /// The columns `query` names of its input, filtered by its WHERE.
    func namedColumns(of query: Query) -> Query {
        var names: [String] = []
        let windowExpressions = query.windows.flatMap { $0.definition.partitionBy + $0.definition.orderBy.map(\.expression) }
        for e in query.allExpressions + windowExpressions { e.collectColumns(into: &names, tables: query.from.qualifiers) }
        let columnItems = names.map { SelectItem.expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: query.location), alias: nil) }
        return Query(items: columnItems.isEmpty ? [.expression(Expression(.literal(.integer(1)), at: query.location), alias: Identifier("$one"))] : columnItems,
                     from: query.from, whereClause: query.whereClause, location: query.location)
    }

    /// The columns of a node as a table that queries can read.
    func derivedSchema(name: String, _ child: Planned) -> TableSchema {
        TableSchema(name: name, columns: child.columns, rowtime: child.rowtime.map { child.columns[$0].name },
                    watermarkDelay: 0, source: .derived)
    }

    /// Operators that keep rows by event time take only rows that never change, as in Flink
    /// ("doesn't support consuming update and delete changes").
    static func requireAppendOnly(_ input: PlanNode, _ what: String, at location: SourceLocation) throws(PlanningError) {
        guard input.changelogMode == .updating else { return }
        throw PlanningError("\(what) does not take an updating input (rows that change later, as an aggregation without a window or a change-data-capture table gives)",
                            at: location, hint: "as in Flink, which refuses to consume update and delete changes here")
    }

    // MARK: - Views and subqueries folded into the query over them

    /// `outer` (over `view` under the name `name`) rewritten to read the view's table, when the
    /// view is a filter and a choice of columns (`*` or plain columns, renamed or not) of one
    /// table; nil otherwise.
    func inline(_ view: Query, as name: Identifier, into outer: Query) throws(PlanningError) -> Query? {
        // A filter with a scalar subquery is a join: the rows it keeps are planned apart. One
        // that reads the watermark sees it before each row, not where the outer query would.
        guard view.ctes.isEmpty, view.unionAll.isEmpty, view.groupBy.isEmpty, view.having == nil, !view.distinct,
              view.windows.isEmpty, view.whereClause?.containsScalarSubquery != true, view.whereClause?.readsWatermark != true,
              case let .table(base, _) = view.from else { return nil }
        if views[base.name.lowercased()] != nil { return nil }
        // Each name the view exposes, and the table column it is.
        var names: [String: Identifier] = [:]
        var all = false
        for item in view.items {
            switch item {
            case .wildcard: all = true
            case let .expression(e, alias):
                guard case let .column(_, column) = e.kind else { return nil }
                names[(alias ?? column).name.lowercased()] = column
            }
        }
        var failure: PlanningError?
        func rename(_ e: Expression) -> Expression {
            if case let .column(qualifier, column) = e.kind {
                if let qualifier, qualifier.name.lowercased() != name.name.lowercased() { return e }
                if let target = names[column.name.lowercased()] {
                    return Expression(.column(qualifier: qualifier, name: Identifier(target.name, quoted: target.quoted, location: column.location)), at: e.location)
                }
                if !all, failure == nil, !WindowColumn.names.contains(column.name.lowercased()) {
                    let hint = closestName(to: column.name, among: Array(names.keys)).map { "did you mean \($0)?" }
                    failure = PlanningError("unknown column \(column.name)", at: column.location, hint: hint)
                }
                return e
            }
            return e.mapChildren(rename)
        }
        func renameIdentifier(_ id: Identifier) -> Identifier {
            names[id.name.lowercased()].map { Identifier($0.name, quoted: $0.quoted, location: id.location) } ?? id
        }
        var result = outer
        result.items = outer.items.flatMap { item -> [SelectItem] in
            switch item {
            case .wildcard(let location):
                if all { return [item] }
                return view.items.map { viewItem in
                    guard case let .expression(e, alias) = viewItem, case let .column(_, column) = e.kind else { return viewItem }
                    return .expression(Expression(.column(qualifier: nil, name: column), at: location), alias: alias ?? column)
                }
            case let .expression(e, alias):
                let renamed = rename(e)
                // A renamed column keeps the view's name in the result.
                let keepName = alias ?? (e.columnName.flatMap { n in names[n.lowercased()].map { _ in Identifier(n) } })
                return [.expression(renamed, alias: keepName)]
            }
        }
        result.whereClause = Expression.conjunction((view.whereClause.map { [$0] } ?? []) + (outer.whereClause.map { [rename($0)] } ?? []))
        result.groupBy = outer.groupBy.map(rename)
        result.having = outer.having.map(rename)
        switch outer.from {
        case .windowFunction(var function, let alias):
            function.table = base
            function.timeColumn = renameIdentifier(function.timeColumn)
            function.partitionBy = function.partitionBy.map(renameIdentifier)
            result.from = .windowFunction(function, alias: alias ?? name)
        default:
            result.from = .table(base, alias: name)
        }
        if let failure { throw failure }
        return result
    }

    // MARK: - UNION ALL

    func planUnion(_ query: Query) throws(PlanningError) -> Planned {
        var first = query
        first.unionAll = []
        first.ctes = []
        let branches = [first] + query.unionAll
        var nodes: [PlanNode] = []
        var columns: [Column]?
        var rowtimes: [Int?] = []
        var planneds: [Planned] = []
        /// A branch's columns, a bare NULL typed NULL (its projection defaults it to INT):
        /// it takes the other branches' type, as in Flink (`VALUES ('a'), (NULL)`).
        func typed(_ planned: Planned, _ branch: Query) -> [Column] {
            planned.columns.enumerated().map { index, column in
                guard index < branch.items.count, case let .expression(e, _) = branch.items[index], case .literal(.null) = e.kind else { return column }
                return Column(name: column.name, type: .null)
            }
        }
        var effective: [[Column]] = []
        for branch in branches {
            let planned = try plan(branch)
            let branchColumns = typed(planned, branch)
            effective.append(branchColumns)
            rowtimes.append(planned.rowtime)
            if let columns {
                guard branchColumns.count == columns.count else {
                    throw PlanningError("UNION ALL of \(columns.count) columns and \(branchColumns.count) columns", at: branch.location,
                                        hint: "every branch of a UNION ALL selects the same number of columns")
                }
                for (a, b) in zip(columns, branchColumns) where !DataType.unionCompatible(a.type, b.type) {
                    throw PlanningError("UNION ALL column \(a.name) is \(a.type) in one branch and \(b.type) in another", at: branch.location,
                                        hint: "CAST one of them so that both have the same type")
                }
            } else {
                columns = branchColumns
            }
            nodes.append(planned.node)
            planneds.append(planned)
        }
        // Numbers of different types in a column are cast to their common type (Flink's
        // LogicalTypeMerging): INT and DECIMAL(10, 2) are DECIMAL(12, 2) in every branch.
        var types = effective[0].map(\.type)
        for branchColumns in effective.dropFirst() {
            for (i, column) in branchColumns.enumerated() { types[i] = DataType.common(types[i], column.type) ?? types[i] }
        }
        // A bare NULL's column is cast to the union's type, whatever it is.
        func castName(_ column: Column, _ type: DataType) -> TypeName? {
            guard column.type == .null else { return type.castName }
            switch type {
            case .string: return TypeName("STRING")
            case .boolean: return TypeName("BOOLEAN")
            case .timestamp: return TypeName("TIMESTAMP", [3])
            case .timestampLtz: return TypeName("TIMESTAMP_LTZ", [3])
            case .date: return TypeName("DATE")
            default: return type.castName
            }
        }
        func needsCast(_ column: Column, _ type: DataType) -> Bool {
            column.type != type && castName(column, type) != nil
        }
        for (index, planned) in planneds.enumerated() where zip(effective[index], types).contains(where: needsCast) {
            let location = branches[index].location
            let items = zip(effective[index], types).map { column, type -> SelectItem in
                let reference = Expression(.column(qualifier: nil, name: Identifier(column.name, quoted: true)), at: location)
                guard needsCast(column, type), let name = castName(column, type) else { return .expression(reference, alias: nil) }
                return .expression(Expression(.cast(reference, name), at: location), alias: Identifier(column.name, quoted: true))
            }
            let cast = try planOn(Query(items: items, from: .table(Identifier("$branch"), alias: nil), location: location), planned, name: "$branch")
            nodes[index] = cast.node
        }
        // A time attribute in the same column of every branch stays one (the union's watermark
        // is the smallest of its inputs'), so a window can run over the union.
        let rowtime = rowtimes.allSatisfy({ $0 != nil && $0 == rowtimes[0] }) ? rowtimes[0] : nil
        return Planned(node: .union(nodes), rowtime: rowtime)
    }

    // MARK: - Top-N and deduplication

    struct Ranked {
        var planned: Planned
        var remainingWhere: Expression?
    }

    /// `inner` selects `ROW_NUMBER() OVER (…) AS rn`; the outer query filters on `rn`.
    func planRank(_ inner: Query, _ item: (index: Int, function: RankFunction, window: WindowDefinition, alias: Identifier?),
                  outerWhere: Expression?, outer: Query) throws(PlanningError) -> Ranked {
        let aggregates = !inner.groupBy.isEmpty || inner.items.contains { if case .expression(let e, _) = $0 { e.containsAggregate } else { false } }
        if aggregates, !inner.needsWindow || { if case .windowFunction = inner.from { true } else { false } }(),
           case .expression(let call, let alias) = inner.items[item.index] {
            // `ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC)` beside the GROUP BY it ranks: the
            // aggregation first (its partition and order keys computed as columns of it), then
            // the ranking over its rows, as Flink plans the OVER after the Aggregate.
            var aggregation = inner
            aggregation.items = []
            var items: [SelectItem] = []
            for (index, selectItem) in inner.items.enumerated() where index != item.index {
                guard case let .expression(e, name) = selectItem else {
                    throw PlanningError("SELECT * with GROUP BY: name the grouped columns and the aggregates", at: inner.location)
                }
                let named = name ?? e.columnName.map { Identifier($0) } ?? Identifier("EXPR$\(index)")
                aggregation.items.append(.expression(e, alias: named))
                items.append(.expression(Expression(.column(qualifier: nil, name: Identifier(named.name, quoted: true)), at: e.location), alias: named))
            }
            var window = try resolve(item.window, in: inner)
            var keys = 0
            func key(_ e: Expression) -> Expression {
                // A grouped column keeps its name (window_start and window_end make a window
                // Top-N); any other key is a column of its own.
                if let column = e.columnName {
                    let selected = aggregation.items.contains { item in
                        if case let .expression(_, name?) = item { return name.name.lowercased() == column.lowercased() }
                        return false
                    }
                    if !selected { aggregation.items.append(.expression(e, alias: Identifier(column))) }
                    return Expression(.column(qualifier: nil, name: Identifier(column, quoted: true)), at: e.location)
                }
                let name = "$rko\(keys)"
                keys += 1
                aggregation.items.append(.expression(e, alias: Identifier(name, quoted: true)))
                return Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: e.location)
            }
            window.partitionBy = window.partitionBy.map(key)
            window.orderBy = window.orderBy.map { var o = $0; o.expression = key(o.expression); return o }
            window.base = nil
            aggregation.windows = []
            guard case let .over(rankCall, _) = call.kind else { return try planRank(inner, item, outerWhere: outerWhere, outer: outer) }
            items.insert(.expression(Expression(.over(rankCall, window), at: call.location), alias: alias), at: item.index)
            let split = Query(items: items, from: .subquery(aggregation, alias: Identifier("$aggregated")), location: inner.location)
            guard let rank = split.rankItem else { throw PlanningError("ROW_NUMBER() OVER beside GROUP BY", at: call.location) }
            return try planRank(split, rank, outerWhere: outerWhere, outer: outer)
        }
        let rankName = item.alias?.name ?? "EXPR$\(item.index)"
        var conjuncts = outerWhere?.conjuncts ?? []
        // The range of numbers kept: every bound on the number (rn <= 3, rn > 1, rn BETWEEN 2 AND 3).
        var limit: Int64?
        var start: Int64 = 1
        conjuncts = conjuncts.filter { conjunct in
            guard let bound = Self.rankRange(conjunct, rankName) else { return true }
            if let upper = bound.upper { limit = min(limit ?? upper, upper) }
            if let lower = bound.lower { start = max(start, lower) }
            return false
        }
        guard let limit else {
            throw PlanningError("\(item.function.rawValue)() OVER needs a filter on its number in the outer query, such as WHERE \(rankName) <= 3",
                                at: outerWhere?.location ?? inner.location,
                                hint: "Top-N keeps the first N rows of each partition: WHERE \(rankName) <= N; deduplication keeps one: WHERE \(rankName) = 1")
        }
        guard limit >= start else {
            throw PlanningError("the filter on \(rankName) keeps no row", at: outerWhere?.location ?? inner.location)
        }
        var window = try resolve(item.window, in: inner)
        var baseQuery = Self.selectAll(from: inner.from, where: inner.whereClause, at: inner.location)
        baseQuery.ctes = inner.ctes
        // The columns the result reads (the outer query's, through the inner select list) and
        // the partition and order keys: Flink prunes the others before the Rank.
        let readColumns: [String]? = {
            var outerReads: [String] = []
            for e in outer.items.compactMap({ if case .expression(let e, _) = $0 { e } else { nil } }) + (outerWhere.map { [$0] } ?? []) {
                e.collectColumns(into: &outerReads)
            }
            let readsAll = outer.items.contains { if case .wildcard = $0 { true } else { false } }
            if inner.items.contains(where: { if case .wildcard = $0 { true } else { false } }) {
                // `SELECT *, ROW_NUMBER() …`: the columns the outer query names, and the keys.
                guard !readsAll else { return nil }
                var kept = outerReads.filter { $0.lowercased() != rankName.lowercased() }
                for e in window.partitionBy + window.orderBy.map(\.expression) { e.collectColumns(into: &kept) }
                return kept
            }
            var kept: [String] = []
            for (index, selectItem) in inner.items.enumerated() where index != item.index {
                guard case let .expression(e, alias) = selectItem else { continue }
                let name = (alias?.name ?? e.columnName ?? "").lowercased()
                if readsAll || outerReads.contains(where: { $0.lowercased() == name }) { e.collectColumns(into: &kept) }
            }
            for e in window.partitionBy + window.orderBy.map(\.expression) { e.collectColumns(into: &kept) }
            return kept
        }()
        if case let .table(name, _) = inner.from, let table = catalog.table(named: name.name), table.format != .json,
           let readColumns, !readColumns.isEmpty, !readColumns.contains(where: { $0.contains(nestedPathSeparator) }) {
            // A change-data-capture table read for those columns only (the projection pushed
            // into the scan): a change to other columns is no change at all once normalized.
            baseQuery.items = readColumns.map {
                .expression(Expression(.column(qualifier: nil, name: Identifier($0, quoted: true)), at: inner.location), alias: nil)
            }
        }
        // Over a regular join, the joined rows with their columns named `alias.column`, so that
        // the subquery reads them qualified.
        var joinQualifiers: [String] = []
        var base: Planned
        if case .join = inner.from, let joined = try? joinedRows(inner.from, whereConjuncts: inner.whereClause?.conjuncts ?? []) {
            base = joined.planned
            joinQualifiers = joined.qualifiers
            if let condition = inner.whereClause {
                base = try filterJoined(base, condition, qualifiers: joinQualifiers, at: inner.location)
            }
        } else {
            base = try plan(baseQuery)
        }
        // Over changes, only the columns the result reads reach the Rank, as Flink prunes the
        // others before it: a retraction then takes out the first row equal on those columns
        // (a Debezium `before` image may differ from the row in columns no one reads).
        var pruned = false
        if joinQualifiers.isEmpty, base.node.changelogMode == .updating, let kept = readColumns {
            // The input's unique key stays (Flink's CalcRankTransposeRule keeps it), so that an
            // aggregation's update is still ranked in place.
            let key = (base.node.uniqueKey ?? []).map { base.columns[$0].name.lowercased() }
            let lowered = Set(kept.map { $0.lowercased() } + key)
            let columns = base.columns.filter { lowered.contains($0.name.lowercased()) }
            if columns.count < base.columns.count, !columns.isEmpty {
                pruned = true
                let items: [SelectItem] = columns.map {
                    .expression(Expression(.column(qualifier: nil, name: Identifier($0.name, quoted: true)), at: inner.location), alias: Identifier($0.name, quoted: true))
                }
                base = try planOn(Query(items: items, from: .table(Identifier("$rankinput"), alias: inner.from.alias), location: inner.location),
                                  base, name: "$rankinput")
            }
        }
        // PARTITION BY or ORDER BY an expression (`u % 2`, a ROW's field `cust.name`):
        // computed as a column first.
        let tables = inner.from.qualifiers
        func isPlainColumn(_ e: Expression) -> Bool {
            guard case let .column(qualifier, name) = e.kind else { return false }
            if name.name.contains(nestedPathSeparator) { return false }
            if let qualifier, joinQualifiers.isEmpty, !tables.contains(qualifier.name.lowercased()) { return false }
            return true
        }
        let computed = (window.partitionBy + window.orderBy.map(\.expression)).filter { !isPlainColumn($0) }
        if joinQualifiers.isEmpty, !computed.isEmpty {
            var items: [SelectItem] = [.wildcard(inner.location)]
            for (i, e) in computed.enumerated() { items.append(.expression(e, alias: Identifier("$rk\(i)", quoted: true))) }
            base = try planOn(Query(items: items, from: .table(Identifier("$rankinput"), alias: inner.from.alias), location: inner.location), base, name: "$rankinput")
            func named(_ e: Expression) -> Expression {
                guard let i = computed.firstIndex(of: e) else { return e }
                return Expression(.column(qualifier: nil, name: Identifier("$rk\(i)", quoted: true)), at: e.location)
            }
            window.partitionBy = window.partitionBy.map(named)
            window.orderBy = window.orderBy.map { var o = $0; o.expression = named(o.expression); return o }
        }
        let columns = base.columns
        func column(_ e: Expression, _ what: String) throws(PlanningError) -> Int {
            guard case let .column(qualifier, name) = e.kind,
                  let index = joinQualifiers.isEmpty ? columns.firstIndex(where: { $0.name.lowercased() == name.name.lowercased() })
                    : Self.side(of: Expression(.column(qualifier: qualifier, name: name)), left: ("", columns), right: ("\u{0}", []))?.index else {
                throw PlanningError("\(what) must name a column of the subquery", at: e.location,
                                    hint: "the columns are \(columns.map(\.name).joined(separator: ", "))")
            }
            return index
        }
        var partition: [Int] = []
        for e in window.partitionBy { partition.append(try column(e, "PARTITION BY")) }
        // ORDER BY the processing-time attribute (`pt AS PROCTIME()`) of the table read: the
        // rows in the order they arrive.
        var byArrival = false
        if window.orderBy.count == 1, case let .column(_, name) = window.orderBy[0].expression.kind,
           case let .table(tableName, _) = inner.from, views[tableName.name.lowercased()] == nil,
           let proctime = catalog.table(named: tableName.name)?.proctime, proctime.lowercased() == name.name.lowercased() {
            guard item.function == .rowNumber, limit == 1, start == 1 else {
                throw PlanningError("a Top-N on processing time is not supported yet; deduplication on it is (WHERE \(rankName) = 1)",
                                    at: window.location)
            }
            byArrival = true
        }
        var order: [SortKey] = []
        if !byArrival {
            for o in window.orderBy { order.append(SortKey(slot: try column(o.expression, "ORDER BY"), descending: o.descending, nullsFirst: o.nullsFirst)) }
        }
        guard !order.isEmpty || byArrival else {
            throw PlanningError("\(item.function.rawValue)() OVER needs ORDER BY", at: window.location)
        }
        let windowBounds = base.node.windowColumns
        let windowed = windowBounds.map { partition.contains($0.start) && partition.contains($0.end) } ?? false
        let windowSlots = windowed && WindowColumn.start.index(in: columns) == nil ? windowBounds.map { [$0.start, $0.end] } : nil
        // Whether the outer query reads the number (`*`, or the alias in its select list or in
        // what is left of its WHERE). A Top-1 on the event time is a deduplication either way
        // (Flink 2.3 computed both: `Tests/GoldenTests/Changelog/w_*top1*`).
        var read: [String] = []
        for e in outer.items.compactMap({ if case .expression(let e, _) = $0 { e } else { nil } }) + conjuncts { e.collectColumns(into: &read) }
        let outputsRank = outer.items.contains { if case .wildcard = $0 { true } else { false } }
            || read.contains { $0.lowercased() == rankName.lowercased() }
        let node: PlanNode
        // Over changes (a change-data-capture table) Flink ranks instead: its deduplication
        // takes only inserts.
        // A Top-1 on a time attribute: the input's event time, or a window's window_time (a
        // column that is only a TIMESTAMP, from a table without a watermark, a regular join or
        // a CAST, is ranked as Flink ranks it: ties never replace the row written).
        let windowTime = WindowColumn.time.index(in: columns).flatMap { columns[$0].type.isTimestamp ? $0 : nil }
        if byArrival {
            try Self.requireAppendOnly(base.node, "deduplication on processing time", at: window.location)
            var spec = DeduplicateSpec(keys: partition, timeSlot: 0, keepLast: window.orderBy[0].descending, windowed: false)
            spec.byArrival = true
            node = .deduplicate(base.node, spec)
        } else if item.function == .rowNumber, limit == 1, start == 1, order.count == 1,
           order[0].slot == base.rowtime || order[0].slot == windowTime, base.node.changelogMode == .appendOnly || windowed {
            let rowtime = order[0].slot
            try Self.requireAppendOnly(base.node, windowed ? "a window deduplication" : "deduplication on event time", at: window.location)
            var spec = DeduplicateSpec(keys: partition, timeSlot: rowtime, keepLast: order[0].descending, windowed: windowed)
            spec.windowSlots = windowSlots
            node = .deduplicate(base.node, spec)
        } else {
            if windowed, item.function != .rowNumber {
                // As Flink 2.3's StreamExecWindowRank.
                throw PlanningError("\(item.function.rawValue)() function is not supported on Window TopN currently, only ROW_NUMBER() is supported",
                                    at: window.location, hint: "number the rows with ROW_NUMBER()")
            }
            if !windowed, item.function != .rowNumber {
                // As Flink 2.3, which refuses it: "RANK() on streaming table is not supported currently".
                throw PlanningError("\(item.function.rawValue)() on a stream without a window is not supported, as in Flink 2.3", at: window.location,
                                    hint: "number the rows with ROW_NUMBER()")
            }
            if windowed { try Self.requireAppendOnly(base.node, "a window Top-N", at: window.location) }
            // A range of one number (rn = 1, rn <= 1, rn < 2): Flink drops the number from the
            // Rank and writes the constant (ConstantRankNumberColumnRemoveRule).
            var spec = RankSpec(function: item.function, partition: partition, order: order, limit: limit, windowed: windowed,
                                outputsRank: (outputsRank && limit > start) || start > 1)
            // With an offset (rn > 1) Flink writes position by position whether or not the
            // number is read (AbstractTopNFunction.hasOffset).
            spec.start = start
            spec.windowSlots = windowSlots
            // Flink's RankProcessStrategy: an updating input is ranked in place (UpdateFast) only
            // when it has a unique key and every sort key can only move its row up the order
            // (COUNT or MAX descending, MIN ascending, a group key); otherwise each -U is a
            // retraction and each +U an insertion of its own (Retract), which writes other rows
            // shifting around it (checked with Flink: ORDER BY SUM(x) DESC writes -D then +I).
            let monotonic = order.allSatisfy { key in
                switch base.node.monotonicity(of: key.slot) {
                case .constant: true
                case .increasing: key.descending
                case .decreasing: !key.descending
                case .none: false
                }
            }
            // The unique key must hold the partition's columns, so that an update stays in its
            // partition.
            var keyHoldsPartition = base.node.uniqueKey.map { key in partition.allSatisfy(key.contains) } ?? false
            if !keyHoldsPartition, limit == 1, start == 1, case let .calc(input, calc) = base.node, calc.filter == nil, let inputKey = input.uniqueKey {
                // A projection that drops a key column (GROUP BY k, p, selecting k): Flink moves it
                // above the Top-N, whose input keeps its key; a Top-1 replaces its row by sort
                // key alone, so the key need not be among the columns.
                let mapped = partition.compactMap { slot -> Int? in
                    guard slot < calc.projections.count, case .slot(let field) = calc.projections[slot], field < calc.fields.count else { return nil }
                    return input.columns.firstIndex { $0.name.lowercased() == calc.fields[field].name.lowercased() }
                }
                keyHoldsPartition = mapped.count == partition.count && mapped.allSatisfy(inputKey.contains)
            }
            let appendOnly = base.node.changelogMode == .appendOnly
            spec.upsert = appendOnly || (keyHoldsPartition && monotonic)
            spec.appendOnlyInput = appendOnly
            // Flink's Limit passes the first rows through unless its input has a unique key
            // (an aggregation's), which it ranks as any Top-N (checked with Flink 2.3).
            spec.firstN = rankName == Self.limitRankName && order.count == 1 && columns[order[0].slot].name == Self.firstRowsName
                && (appendOnly || base.node.uniqueKey == nil)
            if !windowed, limit == 1, start == 1, spec.upsert, !spec.firstN {
                spec.fastTop1 = true
                spec.dropsUpdateBefore = appendOnly && (order.count != 1 || !order[0].descending) && rankName != Self.limitRankName
            }
            node = .rank(Self.keepingRankNumber(base.node), spec)
        }
        // The inner select list over the ranked rows, the rank under its alias.
        let rankedName = "$ranked"
        let ranked = Planned(node: node, rowtime: base.rowtime)
        // `*` is the base's columns (not the rank), the rank item its column under its alias.
        var innerItems: [SelectItem] = []
        for (index, selectItem) in inner.items.enumerated() {
            if index == item.index {
                innerItems.append(.expression(Expression(.column(qualifier: nil, name: Identifier(Self.rankColumnName, quoted: true)), at: inner.location),
                                              alias: Identifier(rankName, quoted: true)))
            } else if case .wildcard(let location) = selectItem {
                innerItems += columns.filter { !$0.name.hasPrefix("$rk") }.map { column in
                    // A joined row's `alias.column` by its own name, as SELECT * names it.
                    let parts = joinQualifiers.isEmpty ? [column.name] : column.name.split(separator: ".", maxSplits: 1).map(String.init)
                    let reference = parts.count == 2 ? Expression.Kind.column(qualifier: Identifier(parts[0]), name: Identifier(parts[1], quoted: true))
                        : .column(qualifier: nil, name: Identifier(column.name, quoted: true))
                    return .expression(Expression(reference, at: location), alias: nil)
                }
            } else {
                if joinQualifiers.isEmpty, case let .expression(e, alias?) = selectItem, let i = computed.firstIndex(of: e) {
                    // The item that is a key's expression (`UPPER(c) AS cur` beside `PARTITION BY
                    // UPPER(c)`) reads the key's column, so the rows keep their key: a versioned
                    // view's, as Flink derives it.
                    innerItems.append(.expression(Expression(.column(qualifier: nil, name: Identifier("$rk\(i)", quoted: true)), at: e.location), alias: alias))
                    continue
                }
                if pruned, case .expression(let e, _) = selectItem {
                    // An item no one reads, over a column pruned before the Rank: dropped too.
                    var names: [String] = []
                    e.collectColumns(into: &names)
                    if names.contains(where: { name in !columns.contains { $0.name.lowercased() == name.lowercased() } }) { continue }
                }
                innerItems.append(selectItem)
            }
        }
        let innerQuery = Query(items: innerItems, from: .table(Identifier(rankedName), alias: inner.from.alias), location: inner.location)
        // The number under a name of its own: the input may have a column of the alias's name
        // (`rn` of a deduplication below), which the other items still mean.
        let projected = try planOn(innerQuery, Planned(node: ranked.node, rowtime: ranked.rowtime), name: rankedName, renamedLast: Self.rankColumnName,
                                   joinQualifiers: joinQualifiers)
        return Ranked(planned: projected, remainingWhere: Expression.conjunction(conjuncts))
    }

    /// The ranked rows' number column, as the inner select list reads it (Flink's name for
    /// it in its plans).
    static let rankColumnName = "w0$o0"

    /// `planOn` for a node whose last column takes a name of the query's (the rank's alias),
    /// or whose columns all do (`renamed`).
    func planOn(_ query: Query, _ child: Planned, name: String, renamedLast: String? = nil, renamed: [String] = [],
                joinQualifiers: [String] = []) throws(PlanningError) -> Planned {
        var schema = derivedSchema(name: name, child)
        if let renamedLast { schema.columns[schema.columns.count - 1].name = renamedLast }
        for (i, newName) in renamed.enumerated() { schema.columns[i].name = newName }
        var scoped = catalog
        scoped.register(schema)
        var qualified = query
        if case .table(_, let alias) = query.from { qualified.from = .table(Identifier(name), alias: alias) }
        let plan = try QueryPlanner.plan(qualified, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description, joinQualifiers: joinQualifiers)
        var rowtime: Int?
        if let time = child.rowtime, let field = plan.fields.firstIndex(where: { $0.name.lowercased() == schema.columns[time].name.lowercased() }) {
            rowtime = plan.projections.firstIndex(of: .slot(field))
        }
        return Self.calc(child, plan, rowtime: rowtime)
    }

    /// The bounds a condition puts on the number: `rn <= N` an upper one, `rn > N` a lower one,
    /// `rn = N` and `rn BETWEEN a AND b` both.
    static func rankRange(_ e: Expression, _ name: String) -> (lower: Int64?, upper: Int64?)? {
        func isRank(_ e: Expression) -> Bool {
            if case let .column(_, n) = e.kind { return n.name.lowercased() == name.lowercased() }
            return false
        }
        // An integer constant, folded as Flink folds `1 + 1`.
        func integer(_ e: Expression) -> Int64? {
            switch e.kind {
            case .literal(.integer(let v)): return v
            case let .unary(.minus, a): return integer(a).map { 0 - $0 }
            case let .unary(.plus, a): return integer(a)
            case let .binary(op, a, b):
                guard let x = integer(a), let y = integer(b) else { return nil }
                switch op {
                case .add: return x.addingReportingOverflow(y).overflow ? nil : x + y
                case .subtract: return x.subtractingReportingOverflow(y).overflow ? nil : x - y
                case .multiply: return x.multipliedReportingOverflow(by: y).overflow ? nil : x * y
                case .divide: return y == 0 ? nil : x / y
                default: return nil
                }
            default: return nil
            }
        }
        switch e.kind {
        case let .binary(.or, a, b):
            // `rn = 1 OR rn = 2`: ranges that meet are one. (Flink keeps the disjunction as a
            // filter after an unbounded Top-N that numbers its rows: the same rows, but its
            // changelog also carries their moves within the range.)
            guard let x = rankRange(a, name), let y = rankRange(b, name) else { return nil }
            let (xl, xu, yl, yu) = (x.lower ?? 1, x.upper ?? .max, y.lower ?? 1, y.upper ?? .max)
            guard xl <= yu &+ 1 || yu == .max, yl <= xu &+ 1 || xu == .max else { return nil }
            let upper = max(xu, yu)
            return (min(xl, yl), upper == .max ? nil : upper)
        case let .binary(op, a, b):
            var op = op
            var n: Int64
            if isRank(a), let v = integer(b) {
                n = v
            } else if isRank(b), let v = integer(a) {
                n = v
                switch op {  // N op rn is rn op' N
                case .less: op = .greater
                case .lessOrEqual: op = .greaterOrEqual
                case .greater: op = .less
                case .greaterOrEqual: op = .lessOrEqual
                default: break
                }
            } else {
                return nil
            }
            switch op {
            case .lessOrEqual: return (nil, n)
            case .less: n -= 1; return (nil, n)
            case .greaterOrEqual: return (n, nil)
            case .greater: return (n + 1, nil)
            case .equal: return (n, n)
            default: return nil
            }
        case let .between(a, low, high, false):
            guard isRank(a), let lo = integer(low), let hi = integer(high) else { return nil }
            return (lo, hi)
        default:
            return nil
        }
    }

    /// A window definition with its named base (`WINDOW w AS (…)`) folded in.
    func resolve(_ window: WindowDefinition, in query: Query) throws(PlanningError) -> WindowDefinition {
        guard let base = window.base else { return window }
        guard let named = query.windows.first(where: { $0.name.name.lowercased() == base.name.lowercased() }) else {
            throw PlanningError("unknown window \(base.name)", at: base.location,
                                hint: query.windows.isEmpty ? "define it after the query: WINDOW \(base.name) AS (PARTITION BY … ORDER BY …)" : nil)
        }
        var resolved = try resolve(named.definition, in: query)
        if !window.partitionBy.isEmpty { resolved.partitionBy = window.partitionBy }
        if !window.orderBy.isEmpty { resolved.orderBy = window.orderBy }
        if let frame = window.frame { resolved.frame = frame }
        resolved.location = window.location
        return resolved
    }

    // MARK: - OVER aggregation

    /// `query`'s OVER aggregates over the rows of `base` (already filtered by its WHERE).
    func planOver(_ query: Query, _ base: Planned, name: String) throws(PlanningError) -> Planned {
        try QueryPlanner.refuseDistinctArrays(query, in: "an OVER aggregation")
        // Calcite refuses two windows of one WINDOW clause written the same (checked on Flink
        // 2.3); no frame and RANGE UNBOUNDED PRECEDING are written differently, so allowed.
        for (i, later) in query.windows.enumerated() {
            for earlier in query.windows[..<i] {
                let a = earlier.definition, b = later.definition
                guard a.base == b.base, a.partitionBy == b.partitionBy, a.orderBy == b.orderBy, a.frame == b.frame,
                      (a.frame == nil) == (b.frame == nil) else { continue }
                throw PlanningError("Duplicate window specification not allowed in the same window clause", at: later.definition.location,
                                    hint: "\(later.name.name) is written as \(earlier.name.name) is: use \(earlier.name.name) for both")
            }
        }
        let columns = base.columns
        var window: WindowDefinition?
        var calls: [AggregateCall] = []
        var callIndex: [Expression: Int] = [:]
        let schema = derivedSchema(name: name, base)
        var binder = Binder(table: schema, qualifiers: Set([name.lowercased()] + (query.from.alias.map { [$0.name.lowercased()] } ?? [])), windowFunction: nil)
        binder.timeZone = catalog.timeZone
        var rewritten = query
        var failure: PlanningError?
        var rowNumber = false
        /// The column of the OVER aggregate COUNT(*), added once.
        func countStar(at location: SourceLocation, as columnLocation: SourceLocation) throws(PlanningError) -> Expression {
            let count = Expression(.function(name: Identifier("COUNT"), arguments: [Expression(.star, at: location)], distinct: false), at: location)
            if callIndex[count] == nil {
                _ = try binder.bindAggregate(.count, [Expression(.star, at: location)], false, count)
                callIndex[count] = calls.count
                calls.append(binder.aggregates[binder.aggregates.count - 1])
            }
            return Expression(.column(qualifier: nil, name: Identifier("$over\(callIndex[count]!)")), at: columnLocation)
        }
        func replace(_ e: Expression) -> Expression {
            guard failure == nil else { return e }
            if case let .over(call, definition) = e.kind {
                do throws(PlanningError) {
                    var resolved = try resolve(definition, in: query)
                    if case let .function(fname, arguments, _) = call.kind, fname.name.uppercased() == "ROW_NUMBER", arguments.isEmpty {
                        // A frame of its own Calcite refuses (checked, also through a named
                        // window); it gives ROW_NUMBER ROWS BETWEEN UNBOUNDED PRECEDING AND
                        // CURRENT ROW, so it shares the window of aggregates over that frame.
                        guard resolved.frame == nil else {
                            throw PlanningError("ROW/RANGE not allowed with RANK, DENSE_RANK or ROW_NUMBER functions", at: call.location)
                        }
                        resolved.frame = WindowFrame(unit: .rows, start: .unboundedPreceding, location: resolved.location)
                    }
                    // No frame with an ORDER BY is RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW,
                    // the same window as one that says so (Flink 2.3 takes both in one query).
                    func frame(_ w: WindowDefinition) -> WindowFrame? {
                        w.frame ?? (w.orderBy.isEmpty ? nil : WindowFrame(unit: .range, start: .unboundedPreceding, location: w.location))
                    }
                    if let window, window.partitionBy != resolved.partitionBy || window.orderBy != resolved.orderBy || frame(window) != frame(resolved) {
                        throw PlanningError("OVER aggregates with different windows in one query are not supported yet", at: e.location,
                                            hint: "use one WINDOW w AS (…) for all of them, or two queries")
                    }
                    window = resolved
                    guard case let .function(fname, arguments, distinct) = call.kind else {
                        throw PlanningError("OVER follows an aggregate call", at: call.location)
                    }
                    let upper = fname.name.uppercased()
                    if upper == "ROW_NUMBER", arguments.isEmpty {
                        // Selected as it is (no Top-N filter): the row's number in its partition,
                        // an OVER aggregate counting rows one at a time (Flink's ROWS frame).
                        rowNumber = true
                        return try countStar(at: call.location, as: e.location)
                    }
                    if upper == "RANK" || upper == "DENSE_RANK", arguments.isEmpty {
                        // Selected as it is: Flink 2.3 counts the rows up to the current row's
                        // peers (ties share the count after them, with RANK and DENSE_RANK
                        // alike: case `w_over_rank_unfiltered`), the OVER aggregate COUNT(*)
                        // over the default RANGE frame; a frame of its own Calcite refuses.
                        guard resolved.frame == nil else {
                            throw PlanningError("ROW/RANGE not allowed with RANK, DENSE_RANK or ROW_NUMBER functions", at: call.location)
                        }
                        return try countStar(at: call.location, as: e.location)
                    }
                    if ["ROW_NUMBER", "RANK", "DENSE_RANK"].contains(upper) {
                        throw PlanningError("\(upper)() OVER is supported for Top-N and deduplication: select it in a subquery and filter on it outside", at: call.location)
                    }
                    if upper == "LAG" {
                        // LAG(x [, offset [, default]]): as Flink's LagAggFunction.
                        guard (1...3).contains(arguments.count) else {
                            throw PlanningError("LAG takes a value, an offset and a default, not \(arguments.count) arguments", at: fname.location)
                        }
                        var offset = 1
                        if arguments.count > 1 {
                            guard case .literal(.integer(let n)) = arguments[1].kind, n >= 0 else {
                                throw PlanningError("LAG's offset is a whole number of rows", at: arguments[1].location)
                            }
                            offset = Int(n)
                        }
                        if callIndex[call] == nil {
                            _ = try binder.bindAggregate(.lastValue, [arguments[0]], false, call)
                            var aggregate = binder.aggregates[binder.aggregates.count - 1]
                            aggregate.argument = aggregate.argument.map { e in
                                e.remappingSlots { slot in columns.firstIndex { $0.name.lowercased() == binder.fields[slot].name.lowercased() } ?? slot }
                            }
                            aggregate.lagOffset = offset
                            if arguments.count > 2 {
                                let (value, type) = try binder.bind(arguments[2], .input)
                                var readsRow = false
                                value.visit { if case .slot = $0 { readsRow = true } }
                                guard !readsRow else {
                                    throw PlanningError("LAG's default is a constant", at: arguments[2].location)
                                }
                                if type != .null, DataType.common(type, aggregate.resultType) == nil, type != aggregate.resultType {
                                    throw PlanningError("LAG's default is \(type), its value \(aggregate.resultType)", at: arguments[2].location)
                                }
                                aggregate.lagDefault = binder.coerce(value, from: type, to: aggregate.resultType)
                            }
                            aggregate.text = "LAG(\(arguments.map(\.description).joined(separator: ", ")))"
                            callIndex[call] = calls.count
                            calls.append(aggregate)
                        }
                        return Expression(.column(qualifier: nil, name: Identifier("$over\(callIndex[call]!)")), at: e.location)
                    }
                    if upper == "LEAD" {
                        // As Flink 2.3: "LEAD Function is not supported in stream mode."
                        throw PlanningError("LEAD is not supported on a stream, as in Flink 2.3: a row's result would wait for the rows after it", at: fname.location,
                                            hint: "LAG(x) OVER (… ORDER BY ts) gives each row the value before it; pair a row with the next one with an interval join")
                    }
                    guard let function = AggregateFunction(rawValue: upper) else {
                        throw PlanningError("\(fname.name) is not an aggregate function weir can compute OVER a window", at: fname.location,
                                            hint: "COUNT, SUM, MIN, MAX, AVG, LISTAGG, FIRST_VALUE, LAST_VALUE, STDDEV_POP, STDDEV_SAMP, VAR_POP and VAR_SAMP")
                    }
                    if callIndex[call] == nil {
                        _ = try binder.bindAggregate(function, arguments, distinct, call)
                        var aggregate = binder.aggregates[binder.aggregates.count - 1]
                        aggregate.argument = aggregate.argument.map { e in
                            e.remappingSlots { slot in columns.firstIndex { $0.name.lowercased() == binder.fields[slot].name.lowercased() } ?? slot }
                        }
                        callIndex[call] = calls.count
                        calls.append(aggregate)
                    }
                    return Expression(.column(qualifier: nil, name: Identifier("$over\(callIndex[call]!)")), at: e.location)
                } catch {
                    failure = error
                    return e
                }
            }
            return e.mapChildren(replace)
        }
        rewritten.items = query.items.enumerated().map { index, item in
            if case let .expression(e, alias) = item {
                // Flink's `EXPR$<position>` for an expression without a name.
                return .expression(replace(e), alias: alias ?? (e.columnName == nil ? Identifier("EXPR$\(index)") : nil))
            }
            return item
        }
        if let failure { throw failure }
        guard let window else { throw PlanningError("no OVER aggregate", at: query.location) }
        guard window.orderBy.count == 1 else {
            // Flink 2.3: "The window can only be ordered by a single time column."
            throw PlanningError("an OVER window on a stream is ordered by one column", at: window.location,
                                hint: "ORDER BY the table's WATERMARK column, or one other column")
        }
        guard case let .column(_, orderName) = window.orderBy[0].expression.kind,
              let timeSlot = columns.firstIndex(where: { $0.name.lowercased() == orderName.name.lowercased() }) else {
            throw PlanningError("an OVER window is ordered by a column", at: window.orderBy[0].expression.location,
                                hint: "compute the value in a subquery and ORDER BY its column")
        }
        guard window.orderBy[0].descending == false else {
            // Flink 2.3: "The window can only be ordered in ASCENDING mode."
            throw PlanningError("an OVER window on a stream is ordered ascending", at: window.orderBy[0].expression.location)
        }
        // Ordered by anything but the event time (a column of a table without a WATERMARK, a
        // window aggregation's window_start): Flink's OVER over plain values, which updates
        // the rows after one that arrives in the middle.
        let nonTime = timeSlot != base.rowtime
        if nonTime {
            if window.frame.map({ $0.start != .unboundedPreceding }) ?? false {
                // Flink 2.3: "Non-time attribute sort is not supported for bounded OVER window."
                throw PlanningError("an OVER window ordered by \(orderName.name), which is not a time attribute, runs from the partition's first row",
                                    at: window.location, hint: "ROWS (or RANGE) BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, or ORDER BY a time attribute")
            }
            for call in calls where call.distinct || ![.count, .sum, .avg, .min, .max].contains(call.function) || call.lagOffset != nil {
                throw PlanningError("\(call.text) OVER a window ordered by \(orderName.name), which is not a time attribute, is not supported",
                                    at: window.location, hint: "COUNT, SUM, AVG, MIN, MAX and ROW_NUMBER (Flink 2.3 fails at run time on FIRST_VALUE, LAST_VALUE and LAG here)")
            }
        }
        var partition: [Int] = []
        var partitionExpressions: [BoundExpression] = []
        for e in window.partitionBy {
            if case let .column(_, n) = e.kind, let index = columns.firstIndex(where: { $0.name.lowercased() == n.name.lowercased() }) {
                partition.append(index)
                continue
            }
            if e.containsAggregate { throw PlanningError("aggregates are not allowed in PARTITION BY", at: e.location) }
            let (bound, _) = try binder.bind(e, .input)
            partitionExpressions.append(bound.remappingSlots { slot in
                columns.firstIndex { $0.name.lowercased() == binder.fields[slot].name.lowercased() } ?? slot
            })
        }
        let frame: OverSpec.Frame
        if rowNumber {
            // ROW_NUMBER is COUNT(*) over the rows so far: other aggregates share that frame only.
            guard window.frame == nil || window.frame?.unit == .rows, calls.count == 1 || window.frame?.start == .unboundedPreceding else {
                throw PlanningError("ROW_NUMBER() OVER with other OVER aggregates is not supported yet", at: window.location,
                                    hint: "compute it in a query of its own")
            }
        }
        switch window.frame {
        case nil where rowNumber:
            frame = .rows(preceding: nil)
        case nil:
            frame = .range(preceding: nil)
        case let frameSpec?:
            switch (frameSpec.unit, frameSpec.start) {
            case (.rows, .unboundedPreceding): frame = .rows(preceding: nil)
            case (.range, .unboundedPreceding): frame = .range(preceding: nil)
            case (.rows, .currentRow): frame = .rows(preceding: 0)
            case (.range, .currentRow): frame = .range(preceding: 0)
            case (.rows, .preceding(let e)):
                guard case .literal(.integer(let n)) = e.kind, n >= 0 else {
                    throw PlanningError("ROWS frames take a row count: ROWS BETWEEN 2 PRECEDING AND CURRENT ROW", at: e.location)
                }
                frame = .rows(preceding: n)
            case (.range, .preceding(let e)):
                if case let .literal(.compoundInterval(_, _, millis)) = e.kind {
                    frame = .range(preceding: millis)
                    break
                }
                guard case let .literal(.interval(text, unit)) = e.kind else {
                    throw PlanningError("RANGE frames over event time take an interval: RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW", at: e.location)
                }
                frame = .range(preceding: try intervalMilliseconds(text, unit, at: e.location))
            }
        }
        if !nonTime { try Self.requireAppendOnly(base.node, "an OVER aggregation", at: window.location) }
        if calls.contains(where: { $0.lagOffset != nil }) {
            switch frame {
            case .rows(nil), .range(nil): break
            default: throw PlanningError("LAG over a bounded frame is not supported yet", at: window.location,
                                         hint: "LAG(x) OVER (PARTITION BY … ORDER BY ts), the frame from the partition's first row")
            }
        }
        var spec = OverSpec(partition: partition, partitionExpressions: partitionExpressions, timeSlot: timeSlot, frame: frame,
                            calls: AggregateCall.markingWrappingSums(calls, over: true))
        if nonTime {
            spec.nonTime = true
            spec.nullsFirst = window.orderBy[0].nullsFirst ?? true
            // The columns Flink's plan reads (those the select list, the partition, the order and
            // the aggregates name): a retraction removes a row equal to it in these.
            var read = Set(partition + [timeSlot])
            var everything = false
            for item in query.items {
                switch item {
                case .expression(let e, _):
                    e.forEachColumn { _, name in
                        if let slot = columns.firstIndex(where: { $0.name.lowercased() == name.name.lowercased() }) { read.insert(slot) }
                    }
                default: everything = true
                }
            }
            for call in calls { call.argument?.visit { if case .slot(let slot) = $0 { read.insert(slot) } } }
            spec.identity = everything || !partitionExpressions.isEmpty ? nil : read.sorted()
        }
        let node = PlanNode.overAggregate(base.node, spec)
        rewritten.from = .table(Identifier("$over"), alias: query.from.alias)
        return try planOn(rewritten, Planned(node: node, rowtime: base.rowtime), name: "$over")
    }

    // MARK: - Aggregation without a window

    /// `query`'s GROUP BY (or global) aggregation over the rows of `base`: one updating row per
    /// key, then `HAVING` and the select list over the keys and the aggregates.
    func planGroupAggregate(_ query: Query, _ base: Planned, name: String, joinQualifiers: [String] = [],
                            windowEndColumn: Int? = nil, windowStartColumn: Int? = nil) throws(PlanningError) -> Planned {
        let columns = base.columns
        let schema = derivedSchema(name: name, base)
        var binder = Binder(table: schema, qualifiers: Set([name.lowercased()] + (query.from.alias.map { [$0.name.lowercased()] } ?? []) + joinQualifiers.map { $0.lowercased() }),
                            windowFunction: nil)
        binder.timeZone = catalog.timeZone
        binder.aggregating = true
        func toColumns(_ e: BoundExpression, _ fields: [Column]) -> BoundExpression {
            e.remappingSlots { slot in columns.firstIndex { $0.name.lowercased() == fields[slot].name.lowercased() } ?? slot }
        }
        var keys: [BoundExpression] = [], keyTypes: [DataType] = []
        for item in query.groupBy {
            if case .groupingSets = item.kind {
                throw PlanningError("GROUPING SETS without a window are not supported yet", at: item.location)
            }
            if item.containsAggregate { throw PlanningError("aggregates are not allowed in GROUP BY", at: item.location) }
            let (bound, type) = try binder.bind(item, .input)
            keys.append(bound)
            keyTypes.append(type == .null ? .int : type)
        }
        keys = keys.map { toColumns($0, binder.fields) }
        var calls: [AggregateCall] = []
        var callIndex: [Expression: Int] = [:]
        var failure: PlanningError?
        func rewrite(_ e: Expression) -> Expression {
            guard failure == nil else { return e }
            if let index = query.groupBy.firstIndex(of: e) {
                return Expression(.column(qualifier: nil, name: Identifier("$key\(index)")), at: e.location)
            }
            if case let .function(fname, _, _) = e.kind, ["GROUPING", "GROUPING_ID", "GROUP_ID"].contains(fname.name.uppercased()) {
                // A plain GROUP BY is one grouping set that groups every key.
                do throws(PlanningError) { _ = try binder.bind(e, .input) } catch {
                    failure = error
                    return e
                }
                return Expression(.literal(.integer(0)), at: e.location)
            }
            if case let .function(fname, arguments, _) = e.kind, fname.name == "$PERCENTILE", arguments.count == 2 {
                // The LISTAGG under it changes with every row; its result, only with the percentile.
                let rewritten = e.mapChildren(rewrite)
                if let index = callIndex[arguments[1]], let p = try? binder.bind(arguments[0], .input), case .constant(let value) = p.0 {
                    calls[index].percentile = value.doubleValue
                }
                return rewritten
            }
            if case let .function(fname, arguments, distinct) = e.kind, let function = AggregateFunction(rawValue: fname.name.uppercased()) {
                if callIndex[e] == nil {
                    do throws(PlanningError) {
                        _ = try binder.bindAggregate(function, arguments, distinct, e)
                    } catch {
                        failure = error
                        return e
                    }
                    var call = binder.aggregates[binder.aggregates.count - 1]
                    call.argument = call.argument.map { toColumns($0, binder.fields) }
                    callIndex[e] = calls.count
                    calls.append(call)
                }
                return Expression(.column(qualifier: nil, name: Identifier("$agg\(callIndex[e]!)")), at: e.location)
            }
            if case let .function(fname, _, _) = e.kind, !fname.name.hasPrefix("$"), !Binder.scalarFunctionNames.contains(fname.name.uppercased()) {
                // Not a function weir knows as a scalar one (an aggregate it lacks, a typo):
                // its own error, not one about the columns it reads.
                do throws(PlanningError) { _ = try binder.bind(e, .input) } catch {
                    failure = error
                    return e
                }
            }
            if case let .column(_, column) = e.kind {
                failure = PlanningError("column \(column.name) is neither grouped nor aggregated", at: column.location,
                                        hint: "add \(column.name) to GROUP BY, or aggregate it, e.g. MAX(\(column.name))")
                return e
            }
            return e.mapChildren(rewrite)
        }
        var outer = query
        outer.groupBy = []
        outer.items = try query.items.enumerated().map { index, item throws(PlanningError) -> SelectItem in
            switch item {
            case .wildcard(let location):
                throw PlanningError("SELECT * with GROUP BY: name the grouped columns and the aggregates", at: location)
            case let .expression(e, alias):
                // The result column keeps the name it has in the query (Flink's `EXPR$<position>`
                // for an expression without one).
                let name = alias ?? e.columnName.map { Identifier($0) } ?? Identifier("EXPR$\(index)")
                return .expression(rewrite(e), alias: name)
            }
        }
        outer.whereClause = query.having.map(rewrite)
        outer.having = nil
        if let failure { throw failure }
        for index in calls.indices where calls[index].function == .max || calls[index].function == .min {
            guard !calls[index].distinct, case .slot(let column)? = calls[index].argument else { continue }
            switch base.node.monotonicity(of: column) {
            case .increasing: calls[index].ignoresRetraction = calls[index].function == .max
            case .decreasing: calls[index].ignoresRetraction = calls[index].function == .min
            default: break
            }
        }
        var spec = GroupAggregateSpec(keys: keys, keyTypes: keyTypes, calls: AggregateCall.markingWrappingSums(calls, over: false))
        if let windowEndColumn {
            guard let key = keys.firstIndex(of: .slot(windowEndColumn)),
                  keys.contains(.slot(windowStartColumn ?? windowEndColumn - 1)) else {
                throw PlanningError("a window aggregation over a window TVF groups by window_start and window_end", at: query.location)
            }
            spec.windowEndKey = key
            // A window TVF over a view or a subquery: Flink's two phases, as `QueryPlanner`'s.
            if let window = base.node.windowSpec, case .tumble(let size) = window.kind, window.syntax == .tableFunction, window.offset == 0,
               base.node.changelogMode == .appendOnly, !catalog.onePhaseAggregation, catalog.timeZone == "UTC",
               !calls.contains(where: { $0.function == .firstValue || $0.function == .lastValue }) {
                if calls.contains(where: \.isDistinctTextList) {
                    for index in spec.calls.indices where spec.calls[index].distinct { spec.calls[index].distinctInHashOrder = true }
                    spec.localFlushSize = size
                } else if !calls.contains(where: \.distinct) {
                    // A FLOAT sum's partial sums, as Flink's local buffer flushes them (as
                    // `QueryPlanner` marks them for a window TVF over a table).
                    for index in spec.calls.indices where spec.calls[index].argumentType == .float
                        && (spec.calls[index].function == .sum || spec.calls[index].function == .avg && spec.calls[index].sumWraps) {
                        spec.calls[index].splitsLocally = true
                        spec.localFlushSize = size
                    }
                }
            }
        }
        let node = PlanNode.groupAggregate(base.node, spec)
        // A window aggregation's window_time, grouped by, stays a time attribute: a window can
        // run over its rows again (cascading windows, any depth).
        var rowtime: Int?
        if windowEndColumn != nil {
            rowtime = keys.firstIndex { key in
                guard case .slot(let slot) = key, slot < base.columns.count else { return false }
                return slot == base.rowtime || base.columns[slot].name.lowercased() == WindowColumn.time.rawValue
            }
        }
        outer.from = .table(Identifier("$agg"), alias: nil)
        return try planOn(outer, Planned(node: node, rowtime: rowtime), name: "$agg")
    }

    // MARK: - Grouping sets

    /// `GROUP_ID()` of grouping set `index`: how many sets before it group by the same keys.
    static func groupID(of index: Int, in sets: [[Expression]], plain: [Expression]) -> Int {
        let keys = Set(plain + sets[index])
        return sets[..<index].filter { Set(plain + $0) == keys }.count
    }

    /// Grouping sets of an aggregation without a window, as Flink plans them: each row once per
    /// set (Expand: the grouping expressions as columns `$g0…`, NULL where the set groups them
    /// out, and the set's number `$e`), then one aggregation grouped by those and `$e`; an
    /// aggregate's argument reads the row's own columns, never the NULLed copies. A row's
    /// changes come set by set, in the sets' order.
    func planUnwindowedGroupingSets(_ query: Query, _ sets: [[Expression]], _ base: Planned, name: String) throws(PlanningError) -> Planned {
        let plain = query.groupBy.filter { if case .groupingSets = $0.kind { false } else { true } }
        var all: [Expression] = []
        for e in plain + sets.flatMap({ $0 }) where !all.contains(e) { all.append(e) }
        var scoped = catalog
        scoped.register(derivedSchema(name: name, base))
        let location = query.location
        func column(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: location) }
        var plans: [QueryPlan] = []
        for (index, set) in sets.enumerated() {
            let grouped = plain + set
            var items: [SelectItem] = [.wildcard(location)]
            for (j, e) in all.enumerated() {
                items.append(.expression(grouped.contains(e) ? e : Expression(.literal(.null), at: location), alias: Identifier("$g\(j)", quoted: true)))
            }
            items.append(.expression(Expression(.literal(.integer(Int64(index))), at: location), alias: Identifier("$e", quoted: true)))
            let expand = Query(items: items, from: .table(Identifier(name), alias: query.from.alias), location: location)
            plans.append(try QueryPlanner.plan(expand, catalog: scoped, defaultWatermarkDelay: 0, sql: expand.description))
        }
        // Each `$gj` typed by a set that keeps its value.
        var columns = plans[0].outputColumns
        for position in columns.indices {
            if let typed = plans.first(where: { $0.outputColumns[position].type != .null && !Self.isNullProjection($0.projections[position]) }) {
                columns[position].type = typed.outputColumns[position].type
            }
        }
        let expanded = Planned(node: .expandRows(base.node, plans, columns: columns), rowtime: nil)

        // GROUPING(a, b): the set's bits, a constant per `$e`.
        func rewrite(_ e: Expression) -> Expression {
            if let j = all.firstIndex(of: e) { return column("$g\(j)") }
            if case let .function(fname, args, _) = e.kind, fname.name.uppercased() == "GROUP_ID", args.isEmpty {
                // Which repetition of its grouping set a row's set is (0 for the first).
                let branches = sets.enumerated().map { index, set -> Expression.WhenBranch in
                    .init(condition: Expression(.literal(.integer(Int64(index))), at: e.location),
                          result: Expression(.literal(.integer(Int64(Self.groupID(of: index, in: sets, plain: plain)))), at: e.location))
                }
                return Expression(.caseWhen(operand: column("$e"), branches: branches, otherwise: nil), at: e.location)
            }
            if case let .function(fname, args, _) = e.kind, ["GROUPING", "GROUPING_ID"].contains(fname.name.uppercased()) {
                let branches = sets.enumerated().map { index, set -> Expression.WhenBranch in
                    var value: Int64 = 0
                    for arg in args { value = value << 1 | ((plain + set).contains(arg) ? 0 : 1) }
                    return .init(condition: Expression(.literal(.integer(Int64(index))), at: e.location),
                                 result: Expression(.literal(.integer(value)), at: e.location))
                }
                return Expression(.caseWhen(operand: column("$e"), branches: branches, otherwise: nil), at: e.location)
            }
            if case .function(let fname, _, _) = e.kind, AggregateFunction(rawValue: fname.name.uppercased()) != nil { return e }
            return e.mapChildren(rewrite)
        }
        var outer = query
        outer.from = .table(Identifier("$expand"), alias: query.from.alias)
        outer.groupBy = all.indices.map { column("$g\($0)") } + [column("$e")]
        outer.items = query.items.map { item in
            guard case let .expression(e, alias) = item else { return item }
            return .expression(rewrite(e), alias: alias ?? e.columnName.map { Identifier($0) })
        }
        outer.having = query.having.map(rewrite)
        return try planGroupAggregate(outer, expanded, name: "$expand")
    }

    /// Whether a projection is the NULL literal.
    static func isNullProjection(_ e: BoundExpression) -> Bool {
        if case .constant(.null) = e { return true }
        return false
    }

    /// One window aggregation per grouping set, each padded with NULL for the columns it does
    /// not group by, as Flink's Expand does.
    func planGroupingSets(_ query: Query, _ sets: [[Expression]]) throws(PlanningError) -> Planned {
        let plain = query.groupBy.filter { if case .groupingSets = $0.kind { false } else { true } }
        let all = Array(Set(sets.flatMap { $0 }))
        var nodes: [PlanNode] = []
        var columns: [Column]?
        for (index, set) in sets.enumerated() {
            let groupID = Self.groupID(of: index, in: sets, plain: plain)
            var branch = query
            branch.groupBy = plain + set
            // Grouped-out columns read NULL; GROUPING(c) is 1 for them. A column of the plain
            // GROUP BY is grouped in every set (GROUPING 0).
            let grouped = plain + set
            branch.items = query.items.map { item in
                guard case let .expression(e, alias) = item else { return item }
                let name = alias ?? (e.columnName.map { Identifier($0) })
                return .expression(e.replacingGrouped(outOf: grouped, all: all, groupID: groupID), alias: name)
            }
            branch.having = query.having?.replacingGrouped(outOf: grouped, all: all, groupID: groupID)
            let plan = try QueryPlanner.plan(branch, catalog: catalog, defaultWatermarkDelay: defaultWatermarkDelay, sql: branch.description)
            guard plan.mode == .windowAggregate else {
                throw PlanningError("GROUPING SETS are supported on window aggregations", at: query.location)
            }
            if columns == nil { columns = plan.outputColumns }
            nodes.append(.source(plan))
        }
        // Types may differ by nullability only (a NULL literal is INT): take the first non-NULL branch's.
        return Planned(node: .expand(nodes), rowtime: nil)
    }

    // MARK: - Joins

    /// Which side of a join a column reference names, and its index there: by its qualifier,
    /// or, unqualified, the one side that has it.
    /// A side whose alias is empty is a join's rows, its columns already named `alias.column`.
    static func side(of e: Expression, left: (alias: String, columns: [Column]), right: (alias: String, columns: [Column])) -> (left: Bool, index: Int)? {
        guard case let .column(qualifier, name) = e.kind else { return nil }
        let lower = name.name.lowercased()
        func index(_ side: (alias: String, columns: [Column])) -> Int? {
            guard side.alias.isEmpty else { return side.columns.firstIndex { $0.name.lowercased() == lower } }
            if let qualifier { return side.columns.firstIndex { $0.name.lowercased() == "\(qualifier.name.lowercased()).\(lower)" } }
            let matches = side.columns.indices.filter { side.columns[$0].name.lowercased().hasSuffix(".\(lower)") }
            return matches.count == 1 ? matches[0] : nil
        }
        let inLeft = index(left), inRight = index(right)
        if let qualifier {
            let q = qualifier.name.lowercased()
            if left.alias.isEmpty, let inLeft { return (true, inLeft) }
            if q == left.alias.lowercased(), let inLeft { return (true, inLeft) }
            if right.alias.isEmpty, let inRight { return (false, inRight) }
            if q == right.alias.lowercased(), let inRight { return (false, inRight) }
            return nil
        }
        if let inLeft, inRight == nil { return (true, inLeft) }
        if let inRight, inLeft == nil { return (false, inRight) }
        return nil
    }

    /// The side a field of a ROW column names (`o.cust.name`, `cust.name`): its column's side.
    static func pathSide(_ qualifier: Identifier?, _ name: Identifier, left: (alias: String, columns: [Column]),
                         right: (alias: String, columns: [Column])) -> Bool? {
        let parts = name.name.split(separator: nestedPathSeparator).map(String.init)
        if parts.count > 1 {
            return side(of: Expression(.column(qualifier: qualifier, name: Identifier(parts[0]))), left: left, right: right)?.left
        }
        guard let qualifier, qualifier.name.lowercased() != left.alias.lowercased(), qualifier.name.lowercased() != right.alias.lowercased() else { return nil }
        return side(of: Expression(.column(qualifier: nil, name: Identifier(qualifier.name))), left: left, right: right)?.left
    }

    /// `t CROSS JOIN UNNEST(t.arr) AS u (x)` (also `t, UNNEST(…)`, and `LEFT JOIN UNNEST(…) ON TRUE`,
    /// which keeps a row whose array is empty or NULL): the array is computed over `t`'s rows
    /// by a projection, and each row is repeated with each element (Flink's Correlate).
    func planUnnest(_ query: Query, _ left: TableReference, _ array: Expression, _ alias: Identifier?, _ columns: [Identifier],
                    _ kind: JoinKind, _ on: Expression?, _ location: SourceLocation) throws(PlanningError) -> Planned {
        if query.isUnwindowedAggregate, query.groupingSets == nil {
            // The unnested rows (filtered, their columns keeping their `alias.name`), then the
            // aggregation over them, as over a regular join's rows.
            let (unnested, qualifiers, _) = try unnestedRows(left, array, alias, columns, kind, on, location,
                                                             whereConjuncts: query.whereClause?.conjuncts ?? [])
            var base = unnested
            if let condition = query.whereClause {
                base = try filterJoined(base, condition, qualifiers: qualifiers, at: location)
            }
            var aggregated = query
            aggregated.ctes = []
            aggregated.whereClause = nil
            aggregated.from = .table(Identifier("$join"), alias: nil)
            if let bounds = unnested.node.windowBounds {
                // A window TVF's rows unnested and grouped by their window: a window
                // aggregation, written once as each window closes (as Flink plans it).
                let grouped = query.groupBy.compactMap { e -> String? in if case let .column(_, n) = e.kind { n.name.lowercased() } else { nil } }
                func isGrouped(_ column: Int) -> Bool {
                    let name = unnested.columns[column].name.lowercased()
                    return grouped.contains { name == $0 || name.hasSuffix("." + $0) }
                }
                if isGrouped(bounds.start), isGrouped(bounds.end) {
                    return try planGroupAggregate(aggregated, base, name: "$join", joinQualifiers: qualifiers,
                                                  windowEndColumn: bounds.end, windowStartColumn: bounds.start)
                }
            }
            return try planGroupAggregate(aggregated, base, name: "$join", joinQualifiers: qualifiers)
        }
        if query.groupingSets != nil || !query.groupBy.isEmpty || query.having != nil
            || query.items.contains(where: { if case .expression(let e, _) = $0 { return e.containsAggregate } else { return false } }) {
            throw PlanningError("an aggregation directly over UNNEST is not supported yet", at: location,
                                hint: "aggregate a subquery: SELECT x, COUNT(*) FROM (SELECT x FROM t CROSS JOIN UNNEST(arr) AS u (x)) GROUP BY x")
        }
        let (unnested, qualifiers, rowtimeName) = try unnestedRows(left, array, alias, columns, kind, on, location,
                                                                    whereConjuncts: query.whereClause?.conjuncts ?? [])
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: unnested.columns, rowtime: rowtimeName, watermarkDelay: 0, source: .derived))
        var outer = query
        outer.ctes = []
        outer.from = .table(Identifier("$join"), alias: nil)
        let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description, joinQualifiers: qualifiers)
        var rowtime: Int?
        if let rowtimeName, let field = plan.fields.firstIndex(where: { $0.name.lowercased() == rowtimeName.lowercased() }) {
            rowtime = plan.projections.firstIndex(of: .slot(field))
        }
        return Planned(node: .calc(unnested.node, plan), rowtime: rowtime)
    }

    /// The rows of `left` each repeated per element of its array (`left CROSS JOIN UNNEST(…)`),
    /// columns named `alias.column`; `left` a table or view, or joins and UNNESTs before it.
    /// Also the qualifiers the columns take, and the event time's column if it stays one.
    func unnestedRows(_ left: TableReference, _ array: Expression, _ alias: Identifier?, _ columns: [Identifier], _ kind: JoinKind,
                      _ on: Expression?, _ location: SourceLocation, whereConjuncts: [Expression]) throws(PlanningError)
        -> (planned: Planned, qualifiers: [String], rowtimeName: String?) {
        var array = array
        var columns = columns
        var ordinality: Identifier?
        if case let .function(name, arguments, _) = array.kind, name.name == Expression.withOrdinality {
            // WITH ORDINALITY: the last alias names the position (1 the first), else ORDINALITY.
            array = arguments[0]
            ordinality = columns.isEmpty ? Identifier("ORDINALITY") : columns.removeLast()
        }
        guard kind == .cross || kind == .inner || kind == .left else {
            throw PlanningError("\(kind.rawValue) JOIN UNNEST is not supported: Flink takes CROSS JOIN or LEFT JOIN … ON TRUE", at: location)
        }
        if kind != .cross {
            guard let on, case .literal(.boolean(true)) = on.kind else {
                throw PlanningError("a join with UNNEST is ON TRUE", at: on?.location ?? location, hint: "filter the elements in WHERE")
            }
        }
        let unnestAlias = alias?.name ?? "$unnest"
        let leftPlanned: Planned
        var projected: Planned
        // An UNNEST of a MAP (read as its entries) names its columns KEY and VALUE, as Flink.
        var entries = false
        var qualifiers: [String]
        let leftName: String
        var withArray: Query
        if case .join = left {
            // Joins (or UNNESTs) before this one: their rows, columns already `alias.column`.
            (leftPlanned, qualifiers) = try joinedRows(left, whereConjuncts: whereConjuncts)
            leftName = ""
            var scoped = catalog
            scoped.register(TableSchema(name: "$unnest_input", columns: leftPlanned.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
            withArray = Query(items: leftPlanned.columns.map { column -> SelectItem in
                let parts = column.name.split(separator: ".", maxSplits: 1).map(String.init)
                return .expression(Expression(.column(qualifier: Identifier(parts[0]), name: Identifier(parts[1], quoted: true)), at: location),
                                   alias: Identifier(column.name, quoted: true))
            }, from: .table(Identifier("$unnest_input"), alias: nil), location: location)
            withArray.items.append(.expression(array, alias: Identifier("$array")))
            func project(_ query: Query) throws(PlanningError) -> Planned {
                let plan = try QueryPlanner.plan(query, catalog: scoped, defaultWatermarkDelay: 0, sql: array.description, joinQualifiers: qualifiers)
                return Planned(node: .calc(leftPlanned.node, plan), rowtime: nil)
            }
            projected = try project(withArray)
            if case .map = projected.columns.last?.type {
                withArray.items[withArray.items.count - 1] = .expression(
                    Expression(.function(name: Identifier("MAP_ENTRIES"), arguments: [array], distinct: false), at: array.location), alias: Identifier("$array"))
                projected = try project(withArray)
                entries = true
            }
        } else {
            // A window TVF or a subquery without a name is read under one of weir's.
            var left = left
            switch left {
            case let .windowFunction(function, nil): left = .windowFunction(function, alias: Identifier("$unnested"))
            case let .subquery(query, nil): left = .subquery(query, alias: Identifier("$unnested"))
            case let .values(rows, nil, columns, at): left = .values(rows, alias: Identifier("$unnested"), columns: columns, location: at)
            default: break
            }
            guard let leftAlias = left.alias else {
                throw PlanningError("UNNEST joins one table: name it", at: location)
            }
            do {
                leftPlanned = try plan(Self.selectAll(from: left, where: nil, at: location))
            } catch where error.message == "SELECT * needs a declared table" {
                throw PlanningError("UNNEST needs a declared table: the array's elements need a type", at: array.location,
                                    hint: "CREATE TABLE … (…, tags ARRAY<STRING>) declares the column UNNEST reads")
            }
            leftName = leftAlias.name
            qualifiers = [leftAlias.name]
            // The left rows with the array as a last column: `SELECT *, <array> FROM left`.
            withArray = Self.selectAll(from: .table(Identifier("$unnest_input"), alias: leftAlias), where: nil, at: location)
            withArray.items.append(.expression(array, alias: Identifier("$array")))
            projected = try planOn(withArray, leftPlanned, name: "$unnest_input")
            if case .map = projected.columns.last?.type {
                // UNNEST of a MAP: its entries (key, value), in the map's order, as MAP_ENTRIES.
                withArray.items[withArray.items.count - 1] = .expression(
                    Expression(.function(name: Identifier("MAP_ENTRIES"), arguments: [array], distinct: false), at: array.location), alias: Identifier("$array"))
                projected = try planOn(withArray, leftPlanned, name: "$unnest_input")
                entries = true
            }
        }
        guard case .array(let element) = projected.columns.last?.type else {
            throw PlanningError("UNNEST takes an ARRAY, not \(projected.columns.last?.type.description ?? "this")", at: array.location,
                                hint: "declare the column ARRAY<type> in CREATE TABLE")
        }
        let width = leftPlanned.columns.count
        // `AS w` alone names the element column (Flink: `UNNEST(…) AS w` has a column w).
        let elementName = columns.first?.name ?? alias?.name ?? "EXPR$0"
        var spec = UnnestSpec(arraySlot: width, elementType: element, keepsEmpty: kind == .left,
                              leftName: leftName, rightName: unnestAlias, elementName: elementName)
        if case .row(let fields) = element {
            // Each field a column, as Flink's UNNEST of an ARRAY<ROW<…>>.
            guard columns.isEmpty || columns.count == fields.count else {
                throw PlanningError("UNNEST of \(element) has \(fields.count) columns, not \(columns.count)", at: columns[0].location,
                                    hint: "name each field: AS \(alias?.name ?? "t") (\(fields.map(\.name).joined(separator: ", ")))")
            }
            spec.elementFields = fields.enumerated().map { index, field in
                Column(name: !columns.isEmpty ? columns[index].name : entries ? ["KEY", "VALUE"][index] : field.name, type: field.type)
            }
        } else if columns.count > 1 {
            throw PlanningError("UNNEST of an array of \(element) has one column", at: columns[1].location)
        }
        spec.ordinalityName = ordinality?.name
        // The left table's event time stays one (the rows keep its value), so a window can run
        // over a view of the unnested rows.
        let rowtimeName = leftName.isEmpty ? nil : leftPlanned.rowtime.map { "\(leftName).\(leftPlanned.columns[$0].name)" }
        return (Planned(node: .unnest(projected.node, spec), rowtime: nil), qualifiers + [unnestAlias], rowtimeName)
    }

    func planJoin(_ query: Query, _ left: TableReference, _ right: TableReference, _ kind: JoinKind, _ on: Expression?,
                  _ location: SourceLocation) throws(PlanningError) -> Planned {
        let right = right.namedIfDerived
        if case .join = right {
            // `a JOIN (b JOIN c ON …) ON …`: the rows of the parenthesized joins, columns
            // already `alias.column`, joined as they are (Flink keeps the tree as written).
            let nested = try joinedRows(right, whereConjuncts: [])
            let (leftPlanned, leftAlias, leftQualifiers) = try leftRows(left, whereConjuncts: query.whereClause?.conjuncts ?? [], at: location)
            let qualifiers = leftQualifiers + nested.qualifiers
            let condition = (on.map { $0.conjuncts } ?? []) + (kind == .cross ? (query.whereClause?.conjuncts ?? []) : [])
            return try planRegularJoin(query, condition, leftPlanned, nested.planned, JoinType(kind), kind, (leftAlias, Identifier("")), location,
                                       qualifiers: qualifiers)
        }
        guard let rightAlias = right.alias else {
            throw PlanningError("this join's right side needs a name", at: location)
        }
        if case .join = left {
            // `a JOIN b ON … JOIN c ON …`: the rows of the joins on the left, then this one.
            let nested = try joinedRows(left, whereConjuncts: query.whereClause?.conjuncts ?? [])
            let condition = (on.map { $0.conjuncts } ?? []) + (kind == .cross ? (query.whereClause?.conjuncts ?? []) : [])
            let rightPlanned = try plan(Self.selectAll(from: right, where: nil, at: location))
            let joinType: JoinType = switch kind {
            case .inner, .cross: .inner
            case .left: .left
            case .right: .right
            case .full: .full
            }
            return try planRegularJoin(query, condition, nested.planned, rightPlanned, joinType, kind, (Identifier(""), rightAlias), location,
                                       qualifiers: nested.qualifiers + [rightAlias.name])
        }
        let left = left.namedIfDerived("$derived0")
        guard let leftAlias = left.alias else {
            throw PlanningError("this join's left side needs a name", at: location)
        }
        let leftPlanned = try plan(Self.selectAll(from: left, where: nil, at: location))
        let rightPlanned = try plan(Self.selectAll(from: right, where: nil, at: location))
        let condition = (on.map { $0.conjuncts } ?? []) + (kind == .cross ? (query.whereClause?.conjuncts ?? []) : [])
        let lcols = leftPlanned.columns, rcols = rightPlanned.columns
        func side(_ e: Expression) -> (left: Bool, index: Int)? {
            Self.side(of: e, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols))
        }
        let joinType: JoinType = switch kind {
        case .inner, .cross: .inner
        case .left: .left
        case .right: .right
        case .full: .full
        }
        // A window join: both sides windowed, joined on window_start and window_end.
        if let (lStart, lEnd) = leftPlanned.node.windowColumns, let (rStart, rEnd) = rightPlanned.node.windowColumns {
            var keys: [(Int, Int)] = []
            var rest: [Expression] = []
            for conjunct in condition {
                if case let .binary(.equal, a, b) = conjunct.kind, let sa = side(a), let sb = side(b), sa.left != sb.left {
                    keys.append(sa.left ? (sa.index, sb.index) : (sb.index, sa.index))
                } else {
                    rest.append(conjunct)
                }
            }
            if keys.contains(where: { $0 == (lStart, rStart) }), keys.contains(where: { $0 == (lEnd, rEnd) }) {
                let equal = keys.filter { $0 != (lStart, rStart) && $0 != (lEnd, rEnd) }
                var spec = WindowJoinSpec(kind: joinType, leftKeys: equal.map(\.0), rightKeys: equal.map(\.1), leftEnd: lEnd, rightEnd: rEnd,
                                          leftWidth: lcols.count, rightWidth: rcols.count, leftName: leftAlias.name, rightName: rightAlias.name)
                if !rest.isEmpty, joinType != .inner, let condition = Expression.conjunction(rest) {
                    // An outer join's other conditions are part of matching: a row they fail
                    // for is padded when the window closes, not dropped.
                    let joinedColumns = lcols.map { $0.renamed("\(leftAlias.name).\($0.name)") }
                        + rcols.map { $0.renamed("\(rightAlias.name).\($0.name)") }
                    (spec.residual, spec.residualSlots) = try pairCondition(condition, over: joinedColumns,
                                                                            qualifiers: [leftAlias.name, rightAlias.name], at: location)
                    rest = []
                }
                try Self.requireAppendOnly(leftPlanned.node, "a window join", at: location)
                try Self.requireAppendOnly(rightPlanned.node, "a window join", at: location)
                let node = PlanNode.windowJoin(leftPlanned.node, rightPlanned.node, spec)
                var scoped = catalog
                scoped.register(TableSchema(name: "$join", columns: node.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
                var outer = query
                outer.ctes = []
                outer.from = .table(Identifier("$join"), alias: nil)
                outer.whereClause = Expression.conjunction(rest + (kind == .cross ? [] : query.whereClause?.conjuncts ?? []))
                let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description,
                                                 joinQualifiers: [leftAlias.name, rightAlias.name])
                return Planned(node: .calc(node, plan), rowtime: nil)
            }
        }
        guard let leftTime = leftPlanned.rowtime, let rightTime = rightPlanned.rowtime else {
            return try planRegularJoin(query, condition, leftPlanned, rightPlanned, joinType, kind, (leftAlias, rightAlias), location)
        }
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        var lower: Int64?, upper: Int64?
        /// `r.time` relative to `l.time`: `l.time [± interval]` as an offset, or nil.
        func offset(_ e: Expression) throws(PlanningError) -> (left: Bool, offset: Int64)? {
            if let s = side(e), s.index == (s.left ? leftTime : rightTime) { return (s.left, 0) }
            if case let .binary(op, a, b) = e.kind, op == .add || op == .subtract, let s = side(a),
               s.index == (s.left ? leftTime : rightTime), case let .literal(.interval(text, unit)) = b.kind {
                let millis = try intervalMilliseconds(text, unit, at: b.location)
                return (s.left, op == .add ? millis : -millis)
            }
            if case let .binary(op, a, b) = e.kind, op == .add || op == .subtract, let s = side(a),
               s.index == (s.left ? leftTime : rightTime), case let .literal(.compoundInterval(_, _, millis)) = b.kind {
                return (s.left, op == .add ? millis : -millis)
            }
            return nil
        }
        var remaining: [Expression] = []
        for conjunct in condition {
            switch conjunct.kind {
            case let .binary(.equal, a, b):
                if let sa = side(a), let sb = side(b), sa.left != sb.left {
                    leftKeys.append(sa.left ? sa.index : sb.index)
                    rightKeys.append(sa.left ? sb.index : sa.index)
                    continue
                }
            case let .between(value, low, high, false):
                // r.ts BETWEEN l.ts - a AND l.ts + b (or the same with the sides swapped)
                if let v = try offset(value), let lo = try offset(low), let hi = try offset(high),
                   lo.left == hi.left, lo.left != v.left {
                    // value = other + k with lo.offset <= k <= hi.offset, relative to `lo`'s side.
                    if v.left {
                        // left.time in [right.time + lo, right.time + hi] → right.time in [left.time - hi, left.time - lo]
                        lower = -(hi.offset - v.offset)
                        upper = -(lo.offset - v.offset)
                    } else {
                        lower = lo.offset - v.offset
                        upper = hi.offset - v.offset
                    }
                    continue
                }
            case let .binary(op, a, b) where [.lessOrEqual, .greaterOrEqual, .less, .greater].contains(op):
                if let x = try offset(a), let y = try offset(b), x.left != y.left {
                    // Normalise to right.time relative to left.time.
                    let (rightSide, leftSide) = x.left ? (y, x) : (x, y)
                    let flipped = x.left
                    var relation = op
                    if flipped {
                        relation = switch op {
                        case .lessOrEqual: .greaterOrEqual
                        case .greaterOrEqual: .lessOrEqual
                        case .less: .greater
                        default: .less
                        }
                    }
                    // right.time + r.offset REL left.time + l.offset
                    let k = leftSide.offset - rightSide.offset
                    switch relation {
                    case .lessOrEqual: upper = min(upper ?? .max, k)
                    case .less: upper = min(upper ?? .max, k - 1)
                    case .greaterOrEqual: lower = max(lower ?? .min, k)
                    default: lower = max(lower ?? .min, k + 1)
                    }
                    continue
                }
            default:
                break
            }
            remaining.append(conjunct)
        }
        // Bounded on one side only, the times are a plain condition: a regular join, as Flink
        // plans it (an interval join needs both bounds).
        guard let lower, let upper else {
            return try planRegularJoin(query, condition, leftPlanned, rightPlanned, joinType, kind, (leftAlias, rightAlias), location)
        }
        // The joined row's columns are named `alias.column`; a query reads them qualified or not.
        let joinedColumns = lcols.map { $0.renamed("\(leftAlias.name).\($0.name)") }
            + rcols.map { $0.renamed("\(rightAlias.name).\($0.name)") }
        var spec = IntervalJoinSpec(kind: joinType, leftKeys: leftKeys, rightKeys: rightKeys, leftTimeSlot: leftTime, rightTimeSlot: rightTime,
                                    lowerBound: lower, upperBound: upper, residual: nil, leftWidth: lcols.count, rightWidth: rcols.count,
                                    leftName: leftAlias.name, rightName: rightAlias.name)
        if !remaining.isEmpty, joinType != .inner, let condition = Expression.conjunction(remaining) {
            // An outer join's other conditions are part of matching: a row they fail for is
            // padded once its time bound passes, not dropped.
            (spec.residual, spec.residualSlots) = try pairCondition(condition, over: joinedColumns,
                                                                    qualifiers: [leftAlias.name, rightAlias.name], at: location)
            remaining = []
        }
        try Self.requireAppendOnly(leftPlanned.node, "an interval join", at: location)
        try Self.requireAppendOnly(rightPlanned.node, "an interval join", at: location)
        let node = PlanNode.intervalJoin(leftPlanned.node, rightPlanned.node, spec)
        let schema = TableSchema(name: "$join", columns: joinedColumns, rowtime: nil, watermarkDelay: 0, source: .derived)
        var scoped = catalog
        scoped.register(schema)
        var outer = query
        outer.ctes = []
        outer.from = .table(Identifier("$join"), alias: nil)
        // Other conditions of an inner join hold the same after the join as in it.
        outer.whereClause = Expression.conjunction(remaining + (kind == .cross ? [] : query.whereClause?.conjuncts ?? []))
        let qualifiers = [leftAlias.name, rightAlias.name]
        if query.isUnwindowedAggregate {
            // The joined rows (filtered), then the aggregation over them.
            var base = Planned(node: node, rowtime: nil)
            if let condition = outer.whereClause { base = try filterJoined(base, condition, qualifiers: qualifiers, at: location) }
            var aggregated = outer
            aggregated.whereClause = nil
            return try planGroupAggregate(aggregated, base, name: "$join", joinQualifiers: qualifiers)
        }
        let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description, joinQualifiers: qualifiers)
        // Both sides' event times stay time attributes (the join holds its watermark back by
        // its bounds), so a window can run over the joined rows.
        let times = ["\(leftAlias.name).\(lcols[leftTime].name)", "\(rightAlias.name).\(rcols[rightTime].name)"].map { $0.lowercased() }
        let rowtime = plan.mode == .projection ? plan.projections.firstIndex { projection in
            guard case .slot(let field) = projection, field < plan.fields.count else { return false }
            return times.contains(plan.fields[field].name.lowercased())
        } : nil
        return Planned(node: .calc(node, plan), rowtime: rowtime)
    }
}

extension Expression {
    /// Whether an `OVER` appears anywhere inside.
    var containsOver: Bool {
        if case .over = kind { return true }
        return kind.children.contains { $0.containsOver }
    }

    var isOverCall: Bool { if case .over = kind { true } else { false } }

    /// Whether window_start, window_end or window_time is read inside.
    var readsWindowColumns: Bool {
        var found = false
        forEachColumn { _, name in if WindowColumn(rawValue: name.name.lowercased()) != nil { found = true } }
        return found
    }

    /// Whether a call of the function `upper` (upper-cased) appears inside.
    func mentionsFunction(_ upper: String) -> Bool {
        if case let .function(name, _, _) = kind, name.name.uppercased() == upper { return true }
        return kind.children.contains { $0.mentionsFunction(upper) }
    }

    /// Whether `CURRENT_WATERMARK(…)` appears inside: it reads the watermark an operator has
    /// when the row arrives, which only the graph's Calc knows, row by row.
    var readsWatermark: Bool {
        if case let .function(name, _, _) = kind, name.name.uppercased() == "CURRENT_WATERMARK" { return true }
        return kind.children.contains { $0.readsWatermark }
    }

    /// Whether an aggregate call (outside OVER) appears inside.
    var containsAggregate: Bool {
        switch kind {
        case .over: return false
        case let .function(name, _, _):
            if AggregateFunction(rawValue: name.name.uppercased()) != nil { return true }
        default: break
        }
        return kind.children.contains { $0.containsAggregate }
    }

    /// The names of the columns the expression reads, each once, in order of appearance.
    /// The columns named, once each. With the FROM clause's `tables`, a field of a ROW or a
    /// nested object (`u.city`, `t.u.city`) names its column (`u`), which a projection then
    /// carries whole (a ROW composed, an undeclared stream's object as its JSON).
    func collectColumns(into names: inout [String], tables: Set<String>? = nil) {
        if case let .column(qualifier, name) = kind {
            var column = name.name
            if let tables {
                if let qualifier, !tables.contains(qualifier.name.lowercased()) {
                    column = qualifier.name
                } else if let separator = column.firstIndex(of: nestedPathSeparator) {
                    column = String(column[..<separator])
                }
            }
            if !names.contains(where: { $0.lowercased() == column.lowercased() }) { names.append(column) }
            return
        }
        for child in kind.children { child.collectColumns(into: &names, tables: tables) }
    }

    /// The column's name when this is a plain column reference.
    var columnName: String? {
        if case let .column(_, name) = kind { return name.name }
        return nil
    }


    /// For one grouping set: columns grouped out of it read NULL, and `GROUPING(c)` is 1 for
    /// them, 0 for the others.
    func replacingGrouped(outOf set: [Expression], all: [Expression], groupID: Int) -> Expression {
        if case let .function(name, args, _) = kind, name.name.uppercased() == "GROUP_ID", args.isEmpty {
            return Expression(.literal(.integer(Int64(groupID))), at: location)
        }
        if case let .function(name, args, _) = kind, ["GROUPING", "GROUPING_ID"].contains(name.name.uppercased()) {
            var value: Int64 = 0
            for arg in args { value = value << 1 | (set.contains(arg) ? 0 : 1) }
            return Expression(.literal(.integer(value)), at: location)
        }
        if case .function(let name, _, _) = kind, AggregateFunction(rawValue: name.name.uppercased()) != nil { return self }
        if all.contains(self), !set.contains(self) {
            return Expression(.literal(.null), at: location)
        }
        return mapChildren { $0.replacingGrouped(outOf: set, all: all, groupID: groupID) }
    }
}

extension Query {
    /// The select item `ROW_NUMBER() | RANK() | DENSE_RANK() OVER (…) [AS alias]`, if any.
    var rankItem: (index: Int, function: RankFunction, window: WindowDefinition, alias: Identifier?)? {
        for (index, item) in items.enumerated() {
            guard case let .expression(e, alias) = item, case let .over(call, window) = e.kind,
                  case let .function(name, args, _) = call.kind, args.isEmpty,
                  let function = RankFunction(rawValue: name.name.uppercased()) else { continue }
            return (index, function, window, alias)
        }
        return nil
    }

    /// Whether the query has a window (TVF or group window).
    var needsWindow: Bool {
        if case .windowFunction = from { return true }
        return groupBy.contains { e in
            if case let .function(name, _, _) = e.kind { return ["TUMBLE", "HOP", "SESSION", "CUMULATE"].contains(name.name.uppercased()) }
            return false
        }
    }

    /// An aggregation with no window: GROUP BY columns only, or aggregates with no GROUP BY.
    public var isUnwindowedAggregate: Bool {
        if case .windowFunction = from { return false }
        if groupBy.contains(where: { e in
            if case let .function(name, _, _) = e.kind { return ["TUMBLE", "HOP", "SESSION", "CUMULATE"].contains(name.name.uppercased()) }
            if case .groupingSets = e.kind { return true }
            return false
        }) { return false }
        if !groupBy.isEmpty || having != nil { return true }
        return items.contains { if case .expression(let e, _) = $0 { return e.containsAggregate } else { return false } }
    }

    /// Every expression of the select list, WHERE, GROUP BY and HAVING.
    var allExpressions: [Expression] {
        items.compactMap { if case .expression(let e, _) = $0 { e } else { nil } } + (whereClause.map { [$0] } ?? []) + groupBy + (having.map { [$0] } ?? [])
    }

    /// Whether the query aggregates or windows its rows (it cannot run over another
    /// operator's rows yet, only over a table).
    /// Whether the query groups or aggregates its rows (else it projects them one by one).
    var aggregates: Bool {
        !groupBy.isEmpty || having != nil
            || items.contains { if case .expression(let e, _) = $0 { e.containsAggregate } else { false } }
    }

    var needsRows: Bool {
        if !groupBy.isEmpty || having != nil { return true }
        if case .windowFunction = from { return true }
        return items.contains { if case .expression(let e, _) = $0 { return e.containsAggregate } else { return false } }
    }

    /// `SELECT DISTINCT` that is an aggregation grouped by every column over the rows (Flink's
    /// plan): of a projection (of a table, a window TVF, an OVER aggregation) or of an
    /// aggregation without a window. A window aggregation's DISTINCT is applied per firing.
    var distinctIsGrouping: Bool {
        let aggregates = items.contains { if case .expression(let e, _) = $0 { return e.containsAggregate } else { return false } }
        return (groupBy.isEmpty && having == nil && !aggregates) || isUnwindowedAggregate
    }

    public var hasOver: Bool {
        items.contains { if case .expression(let e, _) = $0 { return e.containsOver } else { return false } }
    }

    /// The grouping sets of `GROUP BY`, when it has `GROUPING SETS`, `ROLLUP` or `CUBE`.
    var groupingSets: [[Expression]]? {
        // Several items group by every combination of their sets (each with the plain keys).
        var product: [[Expression]]?
        for item in groupBy {
            guard case .groupingSets(let sets) = item.kind else { continue }
            product = (product ?? [[]]).flatMap { left in sets.map { right in left + right.filter { !left.contains($0) } } }
        }
        guard let product else { return nil }
        // In Calcite's order (its Aggregate holds the sets sorted), which decides the order of a
        // row's changes: each set as the positions of its keys among the grouping expressions
        // in the order GROUP BY names them first.
        var keys: [Expression] = []
        for item in groupBy {
            let named = if case .groupingSets(let sets) = item.kind { sets.flatMap { $0 } } else { [item] }
            for e in named where !keys.contains(e) { keys.append(e) }
        }
        let plain = groupBy.filter { if case .groupingSets = $0.kind { false } else { true } }
        let bits = product.map { set in Set((plain + set).compactMap { keys.firstIndex(of: $0) }).sorted() }
        return Self.calciteSorted(Array(product.indices)) { Self.compareBitSets(bits[$0], bits[$1]) }.map { product[$0] }
    }

    /// Calcite's `ImmutableBitSet.COMPARATOR`: a set before the sets it contains, otherwise the
    /// lexicographic order of their positions (a prefix first).
    static func compareBitSets(_ a: [Int], _ b: [Int]) -> Int {
        if a == b { return 0 }
        if Set(a).isSuperset(of: b) { return -1 }
        if Set(b).isSuperset(of: a) { return 1 }
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count < b.count ? -1 : 1
    }

    /// Java's `Arrays.sort` of a short array (TimSort under 32 elements): the ascending run at
    /// the start (a strictly descending one reversed), then a binary insertion sort. The same
    /// steps as Java, so the same order even where the comparator is not a total order.
    static func calciteSorted(_ items: [Int], _ compare: (Int, Int) -> Int) -> [Int] {
        var a = items
        guard a.count > 1 else { return a }
        var run = 1
        if compare(a[1], a[0]) < 0 {
            run = 2
            while run < a.count, compare(a[run], a[run - 1]) < 0 { run += 1 }
            a[0..<run].reverse()
        } else {
            run = 2
            while run < a.count, compare(a[run], a[run - 1]) >= 0 { run += 1 }
        }
        for i in run..<a.count {
            let pivot = a[i]
            var left = 0, right = i
            while left < right {
                let mid = (left + right) >> 1
                if compare(pivot, a[mid]) < 0 { right = mid } else { left = mid + 1 }
            }
            a.remove(at: i)
            a.insert(pivot, at: left)
        }
        return a
    }
}

extension DataType {
    /// Whether UNION ALL may put values of the two types in one column.
    static func unionCompatible(_ a: DataType, _ b: DataType) -> Bool {
        a == b || a == .null || b == .null || a == .dynamic || b == .dynamic || (a.isNumeric && b.isNumeric)
    }
}

extension RelationalPlanner {
    /// A join on equal keys without a time bound (Flink's regular join): every row of both
    /// sides is kept, so either side may be updating; the result updates when a side does or
    /// the join is outer.
    func planRegularJoin(_ query: Query, _ condition: [Expression], _ leftPlanned: Planned, _ rightPlanned: Planned, _ joinType: JoinType,
                         _ kind: JoinKind, _ aliases: (Identifier, Identifier), _ location: SourceLocation,
                         qualifiers: [String]? = nil) throws(PlanningError) -> Planned {
        let (leftAlias, rightAlias) = aliases
        let joinQualifiers = qualifiers ?? [leftAlias.name, rightAlias.name]
        let (node, remaining) = try regularJoinNode(condition, leftPlanned, rightPlanned, joinType, aliases, location, qualifiers: joinQualifiers)
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: node.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
        var outer = query
        outer.ctes = []
        outer.from = .table(Identifier("$join"), alias: nil)
        outer.whereClause = Expression.conjunction(remaining + (kind == .cross ? [] : query.whereClause?.conjuncts ?? []))
        if query.isUnwindowedAggregate {
            // The joined rows (filtered, their columns keeping their `alias.name`), then the
            // aggregation over them.
            var base = Planned(node: node, rowtime: nil)
            if let condition = outer.whereClause {
                let items = node.columns.map { column -> SelectItem in
                    let parts = column.name.split(separator: ".", maxSplits: 1).map(String.init)
                    return .expression(Expression(.column(qualifier: Identifier(parts[0]), name: Identifier(parts[1], quoted: true)), at: location),
                                       alias: Identifier(column.name, quoted: true))
                }
                let filter = try QueryPlanner.plan(Query(items: items, from: .table(Identifier("$join"), alias: nil), whereClause: condition, location: location),
                                                   catalog: scoped, defaultWatermarkDelay: 0, sql: query.description,
                                                   joinQualifiers: joinQualifiers)
                base = Planned(node: .calc(node, filter), rowtime: nil)
            }
            var aggregated = outer
            aggregated.whereClause = nil
            return try planGroupAggregate(aggregated, base, name: "$join", joinQualifiers: joinQualifiers)
        }
        let plan = try QueryPlanner.plan(outer, catalog: scoped, defaultWatermarkDelay: 0, sql: query.description,
                                         joinQualifiers: joinQualifiers)
        return Planned(node: .calc(node, plan), rowtime: nil)
    }

    /// The regular join node on the condition's equal keys, and the conditions left over: an
    /// inner join's are filtered after it, an outer join's decide which rows match.
    func regularJoinNode(_ condition: [Expression], _ leftPlanned: Planned, _ rightPlanned: Planned, _ joinType: JoinType,
                         _ aliases: (Identifier, Identifier), _ location: SourceLocation,
                         qualifiers: [String]) throws(PlanningError) -> (PlanNode, [Expression]) {
        let (leftAlias, rightAlias) = aliases
        var leftPlanned = leftPlanned, rightPlanned = rightPlanned
        var condition = condition
        // Keys that are expressions of one side each (`CAST(a.k AS STRING) = b.s`): computed as
        // columns of their side first, as Flink's JoinPushExpressionsRule does.
        if !leftAlias.name.isEmpty, !rightAlias.name.isEmpty {
            var added = 0
            for (index, conjunct) in condition.enumerated() {
                guard case let .binary(.equal, a, b) = conjunct.kind else { continue }
                let sides = ((leftAlias.name, leftPlanned.columns), (rightAlias.name, rightPlanned.columns))
                func isColumn(_ e: Expression) -> Bool { Self.side(of: e, left: sides.0, right: sides.1) != nil }
                if isColumn(a), isColumn(b) { continue }
                func reads(_ e: Expression) -> Bool? {  // true: the left side only, false: the right only
                    var found = Set<Bool>()
                    var unresolved = false
                    e.forEachColumn { q, n in
                        if let s = Self.side(of: Expression(.column(qualifier: q, name: n)), left: sides.0, right: sides.1) {
                            found.insert(s.left)
                        } else if let s = Self.pathSide(q, n, left: sides.0, right: sides.1) {
                            found.insert(s)
                        } else {
                            unresolved = true
                        }
                    }
                    return !unresolved && found.count == 1 ? found.first : nil
                }
                guard let sa = reads(a), let sb = reads(b), sa != sb else { continue }
                let (leftExpression, rightExpression) = sa ? (a, b) : (b, a)
                var keyNames: [Expression] = []
                for (isLeft, expression) in [(true, leftExpression), (false, rightExpression)] {
                    let name = "$joinkey\(added)"
                    added += 1
                    if isColumn(expression) {
                        keyNames.append(expression)
                        continue
                    }
                    let alias = isLeft ? leftAlias : rightAlias
                    let query = Query(items: [.wildcard(location), .expression(expression, alias: Identifier(name, quoted: true))],
                                      from: .table(alias, alias: nil), location: location)
                    if isLeft { leftPlanned = try planOn(query, leftPlanned, name: alias.name) } else { rightPlanned = try planOn(query, rightPlanned, name: alias.name) }
                    keyNames.append(Expression(.column(qualifier: alias, name: Identifier(name, quoted: true)), at: expression.location))
                }
                condition[index] = Expression(.binary(.equal, keyNames[0], keyNames[1]), at: conjunct.location)
            }
        }
        let lcols = leftPlanned.columns, rcols = rightPlanned.columns
        var leftKeys: [Int] = [], rightKeys: [Int] = []
        var nullSafe: [Bool] = []
        var remaining: [Expression] = []
        for conjunct in condition {
            if let (a, b) = conjunct.notDistinctOperands,
               let sa = Self.side(of: a, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols)),
               let sb = Self.side(of: b, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols)), sa.left != sb.left {
                // A key on which NULL matches NULL.
                leftKeys.append(sa.left ? sa.index : sb.index)
                rightKeys.append(sa.left ? sb.index : sa.index)
                nullSafe.append(true)
                continue
            }
            if case let .binary(.equal, a, b) = conjunct.kind,
               let sa = Self.side(of: a, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols)),
               let sb = Self.side(of: b, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols)), sa.left != sb.left {
                leftKeys.append(sa.left ? sa.index : sb.index)
                rightKeys.append(sa.left ? sb.index : sa.index)
                nullSafe.append(false)
            } else {
                remaining.append(conjunct)
            }
        }
        // Without equal keys every row is under one key (Flink runs such a join on one task):
        // each row is paired with every row of the other side.
        var spec = RegularJoinSpec(kind: joinType, leftKeys: leftKeys, rightKeys: rightKeys, leftWidth: lcols.count, rightWidth: rcols.count,
                                   leftName: leftAlias.name, rightName: rightAlias.name)
        if nullSafe.contains(true) { spec.nullSafeKeys = nullSafe }
        if !remaining.isEmpty, joinType != .inner, let condition = Expression.conjunction(remaining) {
            // An outer join's other conditions are part of matching: a row they fail for is
            // padded, not dropped.
            let joined = PlanNode.regularJoin(leftPlanned.node, rightPlanned.node, spec).columns
            (spec.residual, spec.residualSlots) = try pairCondition(condition, over: joined, qualifiers: qualifiers, at: location)
            return (PlanNode.regularJoin(leftPlanned.node, rightPlanned.node, spec), [])
        }
        return (PlanNode.regularJoin(leftPlanned.node, rightPlanned.node, spec), remaining)
    }

    /// The rows of a join on the left of another (`a JOIN b ON … JOIN c`), every column named
    /// `alias.column`, its other conditions already filtered: a regular join of regular joins.
    /// Of a comma join's WHERE, the conditions that read only these tables are its condition.
    func joinedRows(_ reference: TableReference, whereConjuncts: [Expression]) throws(PlanningError) -> (planned: Planned, qualifiers: [String]) {
        guard case .join(let left, var right, let kind, let on, let location) = reference else {
            throw PlanningError("a join's left side", at: .start)
        }
        if Self.joinsWithUsing(reference) {
            // `USING`/`NATURAL` joins among these (`o JOIN p USING (k) JOIN u ON …`): their
            // conditions written out, the rows read by qualified names.
            return try joinedRows(usingLayout(reference, at: location).from, whereConjuncts: whereConjuncts)
        }
        right = right.namedIfDerived
        if case .join = right {
            // `… JOIN (b JOIN c ON …) ON …` after other joins: as in `planJoin`.
            let nested = try joinedRows(right, whereConjuncts: [])
            var (leftPlanned, leftAlias, qualifiers) = try leftRows(left, whereConjuncts: whereConjuncts, at: location)
            qualifiers += nested.qualifiers
            let (node, remaining) = try regularJoinNode(on.map { $0.conjuncts } ?? [], leftPlanned, nested.planned, JoinType(kind),
                                                        (leftAlias, Identifier("")), location, qualifiers: qualifiers)
            let joined = Planned(node: node, rowtime: nil)
            guard let filter = Expression.conjunction(remaining) else { return (joined, qualifiers) }
            return (try filterJoined(joined, filter, qualifiers: qualifiers, at: location), qualifiers)
        }
        guard let rightAlias = right.alias else {
            throw PlanningError("this join's right side needs a name", at: location)
        }
        if case let .temporal(name, asOf, alias) = right {
            let isLookup = catalog.table(named: name.name).map { if case .jdbc = $0.source { true } else { false } } ?? (views[name.name.lowercased()] == nil)
            if isLookup {
                throw PlanningError("a lookup join after another join is not supported yet", at: location)
            }
            // `o JOIN v FOR SYSTEM_TIME AS OF o.ts AS r ON … JOIN c ON …`: the temporal join's rows.
            let (rows, _, qualifiers) = try temporalJoinRows(left, (name, asOf, alias ?? name), kind, on, location)
            return (Planned(node: rows.node, rowtime: nil), qualifiers)
        }
        if case let .unnest(array, alias, columns) = right {
            let (rows, qualifiers, _) = try unnestedRows(left, array, alias, columns, kind, on, location, whereConjuncts: whereConjuncts)
            return (rows, qualifiers)
        }
        var (leftPlanned, leftAlias, qualifiers) = try leftRows(left, whereConjuncts: whereConjuncts, at: location)
        let rightPlanned = try plan(Self.selectAll(from: right, where: nil, at: location))
        qualifiers.append(rightAlias.name)
        var condition = on.map { $0.conjuncts } ?? []
        if kind == .cross {
            // The conditions of WHERE that read only the tables joined so far.
            let lcols = leftPlanned.columns, rcols = rightPlanned.columns
            condition += whereConjuncts.filter { conjunct in
                var readsOthers = false
                conjunct.forEachColumn { q, n in
                    let column = Expression(.column(qualifier: q, name: n))
                    if Self.side(of: column, left: (leftAlias.name, lcols), right: (rightAlias.name, rcols)) == nil { readsOthers = true }
                }
                return !readsOthers && !conjunct.containsSubquery
            }
        }
        let joinType: JoinType = switch kind {
        case .inner, .cross: .inner
        case .left: .left
        case .right: .right
        case .full: .full
        }
        let (node, remaining) = try regularJoinNode(condition, leftPlanned, rightPlanned, joinType, (leftAlias, rightAlias), location,
                                                    qualifiers: qualifiers)
        let joined = Planned(node: node, rowtime: nil)
        guard let filter = Expression.conjunction(remaining) else { return (joined, qualifiers) }
        // The other conditions of this inner join, filtered before the next join.
        return (try filterJoined(joined, filter, qualifiers: qualifiers, at: location), qualifiers)
    }

    /// Whether a join of `reference` (or of a join inside it) is `USING` or `NATURAL`.
    static func joinsWithUsing(_ reference: TableReference) -> Bool {
        guard case let .join(left, right, _, on, _) = reference else { return false }
        if let on, case let .function(name, _, _) = on.kind, name.name == Expression.using || name.name == Expression.natural { return true }
        return joinsWithUsing(left) || joinsWithUsing(right)
    }

    /// A join's left side: the rows of joins (alias empty, columns `alias.column`), or of one
    /// table, view or subquery (its alias), and the names its columns may be qualified with.
    func leftRows(_ left: TableReference, whereConjuncts: [Expression], at location: SourceLocation) throws(PlanningError)
        -> (Planned, Identifier, [String]) {
        if case .join = left {
            let rows = try joinedRows(left, whereConjuncts: whereConjuncts)
            return (rows.planned, Identifier(""), rows.qualifiers)
        }
        let left = left.namedIfDerived("$derived0")
        guard let alias = left.alias else { throw PlanningError("this join's left side needs a name", at: location) }
        return (try plan(Self.selectAll(from: left, where: nil, at: location)), alias, [alias.name])
    }

    /// A join's rows (columns named `alias.column`) filtered, their columns kept.
    func filterJoined(_ joined: Planned, _ condition: Expression, qualifiers: [String], at location: SourceLocation) throws(PlanningError) -> Planned {
        try projectJoined(joined, where: condition, adding: [], qualifiers: qualifiers, at: location)
    }

    /// A join's rows with `items` computed after their columns (named by their aliases), the
    /// event time kept where it was.
    func extendJoined(_ joined: Planned, _ items: [SelectItem], qualifiers: [String], at location: SourceLocation) throws(PlanningError) -> Planned {
        var extended = try projectJoined(joined, where: nil, adding: items, qualifiers: qualifiers, at: location)
        extended.rowtime = joined.rowtime
        return extended
    }

    private func projectJoined(_ joined: Planned, where condition: Expression?, adding extra: [SelectItem], qualifiers: [String],
                               at location: SourceLocation) throws(PlanningError) -> Planned {
        var scoped = catalog
        scoped.register(TableSchema(name: "$join", columns: joined.columns, rowtime: nil, watermarkDelay: 0, source: .derived))
        let items = joined.columns.map { column -> SelectItem in
            let parts = column.name.split(separator: ".", maxSplits: 1).map(String.init)
            return .expression(Expression(.column(qualifier: Identifier(parts[0]), name: Identifier(parts[1], quoted: true)), at: location),
                               alias: Identifier(column.name, quoted: true))
        }
        let sql = condition?.description ?? extra.map(\.description).joined(separator: ", ")
        let plan = try QueryPlanner.plan(Query(items: items + extra, from: .table(Identifier("$join"), alias: nil), whereClause: condition, location: location),
                                         catalog: scoped, defaultWatermarkDelay: 0, sql: sql, joinQualifiers: qualifiers)
        return Planned(node: .calc(joined.node, plan), rowtime: nil)
    }
}

extension JoinType {
    init(_ kind: JoinKind) {
        switch kind {
        case .inner, .cross: self = .inner
        case .left: self = .left
        case .right: self = .right
        case .full: self = .full
        }
    }
}

extension RelationalPlanner {
    /// A window TVF aggregation over a change-data-capture table, as Flink 2.3 runs it: each
    /// change row goes to the windows of its own time (an update's old row to its old time's),
    /// accumulating or retracting there; a window's groups are written once, `+I`, when the
    /// watermark (moved by every change row) passes its end.
    func planWindowOverChangelog(_ query: Query, _ table: TableSchema) throws(PlanningError) -> Planned {
        var query = query
        if case .table(let name, _) = query.from, let (rewritten, _, _) = try Self.groupWindowAsTableFunction(query, table: name.name) {
            // `GROUP BY TUMBLE(ts, …)`: the same window as a TVF over the changes.
            query = rewritten
        }
        guard case let .windowFunction(function, alias) = query.from else {
            throw PlanningError("a window over a change-data-capture table is written with a window TVF", at: query.location,
                                hint: "FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) … GROUP BY window_start, window_end, …")
        }
        guard !query.isUnwindowedAggregate || !query.groupBy.isEmpty else {
            throw PlanningError("an aggregation of a window TVF over a change-data-capture table groups by window_start and window_end", at: query.location,
                                hint: "GROUP BY window_start, window_end, …")
        }
        guard table.rowtime != nil else {
            throw PlanningError("a window over \(table.name) needs its event time: declare WATERMARK FOR \(function.timeColumn.name) AS …",
                                at: function.timeColumn.location)
        }
        let base = try planOverTable(Self.selectAll(from: .table(function.table, alias: nil), where: nil, at: query.location))
        return try planWindowAggregate(query, function, alias, base: base, schema: table)
    }

    /// A window TVF aggregation over the rows of a node (a changelog, or a view that computes
    /// its columns): each row to the windows of its time, and a window aggregation written
    /// when the watermark passes each window's end.
    func planWindowAggregate(_ query: Query, _ function: WindowTableFunction, _ alias: Identifier?, base: Planned, schema: TableSchema) throws(PlanningError) -> Planned {
        // Without aggregation: the rows with their windows, changes passed on as they are.
        let projects = !query.aggregates
        guard !query.groupBy.isEmpty || projects else {
            throw PlanningError("a window TVF over \(function.table.name) is supported in a window aggregation", at: query.location,
                                hint: "GROUP BY window_start, window_end, …")
        }
        guard let timeSlot = base.columns.firstIndex(where: { $0.name.lowercased() == function.timeColumn.name.lowercased() }) else {
            throw PlanningError("unknown column \(function.timeColumn.name)", at: function.timeColumn.location)
        }
        guard base.rowtime == timeSlot || schema.format != .json else {
            throw PlanningError("\(function.timeColumn.name) is not a time attribute of \(function.table.name): the window needs the watermark it carries",
                                at: function.timeColumn.location, hint: "select the table's event-time column unchanged in the view")
        }
        var binder = Binder(table: schema, qualifiers: [schema.name.lowercased()], windowFunction: function)
        binder.timeZone = catalog.timeZone
        _ = try binder.bindWindowTableFunction(function)
        guard let window = binder.window else { throw PlanningError("unknown window function \(function.name.name)", at: function.name.location) }
        let session = function.name.name.uppercased() == "SESSION"
        var partition: [Int] = []
        for column in function.partitionBy {
            guard let slot = base.columns.firstIndex(where: { $0.name.lowercased() == column.name.lowercased() }) else {
                throw PlanningError("unknown column \(column.name)", at: column.location)
            }
            partition.append(slot)
        }
        let assigned = PlanNode.windowAssign(base.node, WindowAssignSpec(window: window, timeSlot: timeSlot, partition: partition))
        // A SESSION window's rows keep their event time as one (Flink's window TVF keeps the
        // time attribute): a keep-last deduplication per session orders by it.
        var input = Planned(node: assigned, rowtime: session && projects ? base.rowtime : nil)
        if let condition = query.whereClause {
            input = try planOn(Self.selectAll(from: .table(Identifier("$windowed"), alias: alias), where: condition, at: query.location), input, name: "$windowed")
        }
        var outer = query
        outer.from = .table(Identifier("$windowed"), alias: alias)
        outer.whereClause = nil
        if projects { return try planOn(outer, input, name: "$windowed") }
        // Grouped by other columns only, the windowed rows feed an aggregation that updates.
        // So do a SESSION window's, unless grouped by exactly its partition columns (as Flink
        // 2.3 plans it: cases w_session_agg_keys_*, w_session_agg_fewer_keys).
        let grouped = Set(query.groupBy.compactMap { $0.columnName?.lowercased() })
        let sessionKeysKept = !session || (grouped.count == query.groupBy.count
            && grouped.subtracting(WindowColumn.allCases.map(\.rawValue)) == Set(function.partitionBy.map { $0.name.lowercased() }))
        if session, let sets = outer.groupingSets {
            return try planUnwindowedGroupingSets(outer, sets, input, name: "$windowed")
        }
        guard grouped.contains(WindowColumn.start.rawValue), grouped.contains(WindowColumn.end.rawValue), sessionKeysKept else {
            return try planGroupAggregate(outer, input, name: "$windowed")
        }
        let windowEnd = base.columns.count + 1
        return try planGroupAggregate(outer, input, name: "$windowed", windowEndColumn: windowEnd)
    }
}

extension TableReference {
    /// A derived table without a name (Flink allows `JOIN (SELECT …) ON …`) named as no table
    /// can be, so its columns are read unqualified.
    var namedIfDerived: TableReference { namedIfDerived("$derived") }

    func namedIfDerived(_ name: String) -> TableReference {
        if case .subquery(let query, nil) = self { return .subquery(query, alias: Identifier(name)) }
        return self
    }

    /// The names a column read from this FROM clause may be qualified with, lower-cased.
    var qualifiers: Set<String> {
        switch self {
        case let .table(name, alias): Set([name.name.lowercased()] + (alias.map { [$0.name.lowercased()] } ?? []))
        case let .join(left, right, _, _, _): left.qualifiers.union(right.qualifiers)
        default: Set(alias.map { [$0.name.lowercased()] } ?? [])
        }
    }
}

/// The columns of joined rows that a query over them reads, each under a name of its own
/// (`$joinedN`), and the subquery that selects them (Flink's Project over the Join).
struct JoinedReads {
    static let alias = Identifier("$joined_rows", quoted: true)
    /// A subquery's own joined rows, named apart from the outer query's.
    static let subqueryAlias = Identifier("$subquery_joined_rows", quoted: true)
    private var names: [String: Identifier] = [:]
    private var read: [SelectItem] = []
    /// Whether a whole row (`t.*`) is read: then there is no such subquery.
    private(set) var whole = false

    /// `qualifier.name` under its own name, qualified by `alias` (or not).
    mutating func rename(_ qualifier: Identifier?, _ name: Identifier, qualifiedBy alias: Identifier?) -> Expression.Kind {
        if name.name == Expression.qualifiedStar { whole = true }
        let key = "\(qualifier?.name.lowercased() ?? "").\(name.name.lowercased())"
        if let renamed = names[key] { return .column(qualifier: alias, name: renamed) }
        let renamed = Identifier("$joined\(names.count)", quoted: true)
        names[key] = renamed
        read.append(.expression(Expression(.column(qualifier: qualifier, name: name), at: name.location), alias: renamed))
        return .column(qualifier: alias, name: renamed)
    }

    /// The joined rows `from`, filtered, with the columns read.
    func rows(of from: TableReference, where condition: Expression?, at location: SourceLocation) -> Query {
        Query(items: read.isEmpty ? [.expression(Expression(.literal(.boolean(true)), at: location), alias: Identifier("$joined", quoted: true))] : read,
              from: from, whereClause: condition, location: location)
    }
}
