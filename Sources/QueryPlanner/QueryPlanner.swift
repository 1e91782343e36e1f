import SQLSyntax

/// Turns a parsed query into the plan the runtime executes: names bound, types inferred,
/// the window and the aggregation recognised.
public enum QueryPlanner {
    /// Plans a query against the session's tables.
    ///
    /// - Parameters:
    ///   - defaultWatermarkDelay: the delay of streams declared without `WATERMARK` (`--watermark-delay`).
    ///   - sql: the query's text, kept for messages.
    ///   - joinQualifiers: over a join's rows, the tables' aliases: its columns are named
    ///     `alias.column`, and a column may be named either way.
    public static func plan(_ query: Query, catalog: Catalog, defaultWatermarkDelay: Int64 = 0, sql: String = "",
                            joinQualifiers: [String] = [], wholeStream: Bool = false) throws(PlanningError) -> QueryPlan {
        let tableName: Identifier
        var alias: Identifier?
        var windowFunction: WindowTableFunction?
        switch query.from {
        case let .table(name, a):
            tableName = name
            alias = a
        case let .windowFunction(function, a):
            tableName = function.table
            alias = a
            windowFunction = function
        case .subquery, .join, .setOperation, .values:
            // The relational planner plans these into operators; a leaf reads one table.
            throw PlanningError("a subquery or join here is not supported yet", at: query.location)
        case let .unnest(array, _, _):
            throw PlanningError("UNNEST is joined to the table whose array it reads", at: array.location,
                                hint: "FROM clicks CROSS JOIN UNNEST(tags) AS t (tag)")
        case let .temporal(name, _, _):
            throw PlanningError("FOR SYSTEM_TIME AS OF names the table of a lookup join", at: name.location,
                                hint: "FROM orders AS o JOIN \(name) FOR SYSTEM_TIME AS OF o.proc_time AS p ON o.k = p.k")
        }
        var table = catalog.table(named: tableName.name) ?? TableSchema.inferred(name: tableName.name)
        table.sessionTimeZone = catalog.timeZone
        // An undeclared name is the stream on stdin, unless the session declared that stream
        // (then it is a mistake) or the name is a near miss of a declared table.
        if table.isInferred, catalog.allTables.contains(where: { $0.source == .standardInput })
            || closestName(to: tableName.name, among: catalog.allTables.map(\.name)) != nil {
            let hint = closestName(to: tableName.name, among: catalog.allTables.map(\.name)).map { "did you mean \($0)?" }
                ?? "the session has \(catalog.allTables.map(\.name).joined(separator: ", "))"
            throw PlanningError("unknown table \(tableName.name)", at: tableName.location, hint: hint)
        }
        if case .sinkOnly(let connector) = table.source {
            throw PlanningError("table \(table.name) is a '\(connector)' sink and cannot be read", at: tableName.location,
                                hint: "INSERT INTO \(table.name) SELECT … writes to it")
        }
        if table.options["format"] == "csv" {
            // Written by a file sink; read, its lines would all be bad JSON.
            throw PlanningError("table \(table.name) is 'csv': weir writes CSV files but does not read them yet", at: tableName.location,
                                hint: "read the file as NDJSON ('format' = 'json'), one object a line")
        }
        var qualifiers: Set<String> = [table.name.lowercased()]
        if let alias { qualifiers.insert(alias.name.lowercased()) }
        qualifiers.formUnion(joinQualifiers.map { $0.lowercased() })
        var binder = Binder(table: table, qualifiers: qualifiers, windowFunction: windowFunction)
        binder.timeZone = catalog.timeZone
        binder.onePhaseAggregation = catalog.onePhaseAggregation

        // The window comes first: it fixes the event-time column's type.
        var timeSlot: Int?
        if let windowFunction {
            timeSlot = try binder.bindWindowTableFunction(windowFunction)
        }
        var groupItems: [Expression] = []
        for item in query.groupBy {
            if case let .function(name, arguments, _) = item.kind, ["TUMBLE", "HOP", "SESSION", "CUMULATE"].contains(name.name.uppercased()) {
                guard windowFunction == nil else {
                    throw PlanningError("a query over a window TVF groups by window_start and window_end, not \(name.name.uppercased())(…)", at: item.location)
                }
                guard binder.window == nil else {
                    throw PlanningError("only one window per query", at: item.location)
                }
                timeSlot = try binder.bindGroupWindow(name, arguments, item)
                continue
            }
            groupItems.append(item)
        }

        let filter = try query.whereClause.map { (e: Expression) throws(PlanningError) -> BoundExpression in
            guard !binder.containsAggregateOrWindowProperty(e) || windowFunction != nil else {
                throw PlanningError("aggregates are not allowed in WHERE", at: e.location, hint: "filter aggregated rows with HAVING")
            }
            let (bound, type) = try binder.bind(e, .input)
            try binder.requireBoolean(type, e, "WHERE")
            return bound
        }
        if let filter, filter.slots.contains(where: { $0 < 0 }), !query.groupBy.isEmpty {
            throw PlanningError("WHERE on window columns is not supported before a window aggregation", at: query.whereClause!.location,
                                hint: "filter the aggregated rows with HAVING")
        }

        let aggregating = !query.groupBy.isEmpty || query.items.contains { item in
            if case let .expression(e, _) = item { return binder.containsAggregateCall(e) }
            return false
        } || query.having != nil
        if aggregating {
            binder.aggregating = true
            return try planAggregation(query, &binder, groupItems: groupItems, filter: filter, timeSlot: timeSlot, defaultWatermarkDelay: defaultWatermarkDelay,
                                       sql: sql, wholeStream: wholeStream)
        }
        return try planProjection(query, &binder, filter: filter, timeSlot: timeSlot, defaultWatermarkDelay: defaultWatermarkDelay, sql: sql,
                                  joinQualifiers: joinQualifiers)
    }

    private static func watermarkDelay(_ table: TableSchema, _ defaultDelay: Int64) -> Int64 {
        table.watermarkDelay ?? defaultDelay
    }

    /// `wholeStream`: an aggregation without a window is planned as one window over the whole
    /// input, written at its end (its final table, for `--final`).
    private static func planAggregation(_ query: Query, _ binder: inout Binder, groupItems: [Expression], filter: BoundExpression?,
                                        timeSlot: Int?, defaultWatermarkDelay: Int64, sql: String, wholeStream: Bool) throws(PlanningError) -> QueryPlan {
        for item in groupItems {
            if binder.windowFunction != nil, case let .column(_, name) = item.kind,
               let _ = Binder.windowColumnPlaceholders[name.name.lowercased()] {
                binder.groupedWindowColumns.insert(name.name.lowercased())
                continue
            }
            if binder.containsAggregateCall(item) {
                throw PlanningError("aggregates are not allowed in GROUP BY", at: item.location)
            }
            let (key, type) = try binder.bind(item, .input)
            if !binder.keys.contains(key) {
                binder.keys.append(key)
                binder.keyTypes.append(type)
            }
        }
        let window = binder.window
        if window == nil, !wholeStream {
            throw PlanningError("weir answers windowed aggregations only", at: query.groupBy.first?.location ?? query.location,
                                hint: "group by a window: GROUP BY TUMBLE(ts, INTERVAL '10' SECOND), … or use FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND)) with GROUP BY window_start, window_end, …")
        }
        if let window, window.syntax == .tableFunction {
            guard binder.groupedWindowColumns.contains("window_start"), binder.groupedWindowColumns.contains("window_end") else {
                throw PlanningError("a window aggregation over a window TVF groups by window_start and window_end",
                                    at: query.groupBy.first?.location ?? query.location,
                                    hint: "add window_start, window_end to GROUP BY")
            }
            if case .session = window.kind, let function = binder.windowFunction {
                var partitionKeys: [BoundExpression] = []
                for column in function.partitionBy { partitionKeys.append(try binder.resolveColumn(qualifier: nil, name: column).0) }
                guard Set(partitionKeys) == Set(binder.keys) else {
                    throw PlanningError("SESSION windows are per group key in weir: PARTITION BY must name exactly the GROUP BY columns",
                                        at: function.name.location)
                }
            }
        }

        var projections: [BoundExpression] = []
        var columns: [Column] = []
        for (index, item) in query.items.enumerated() {
            guard case let .expression(expression, alias) = item else {
                if case .wildcard(let location) = item {
                    throw PlanningError("SELECT * cannot be used with GROUP BY", at: location, hint: "name the grouped columns and aggregates")
                }
                continue
            }
            let (bound, type) = try binder.bind(expression, .aggregate)
            projections.append(bound)
            columns.append(Column(name: outputName(expression, alias, index), type: type == .null ? .int : type,
                                  fractionDigits: binder.fractionDigits(of: expression, type)))
        }
        let having = try query.having.map { (e: Expression) throws(PlanningError) -> BoundExpression in
            let (bound, type) = try binder.bind(e, .aggregate)
            try binder.requireBoolean(type, e, "HAVING")
            return bound
        }
        if let window, !window.kind.isTumble {
            try Self.refuseUnmergeable(query, window)
        }
        columns = uniquified(columns)
        if window != nil { try refuseDistinctArrays(query, in: "a window aggregation") }
        // Flink aggregates a window TVF's rows in two phases when every aggregate can merge.
        // (A CUMULATE window merges its slices into its first one, walking each slice's map;
        // a HOP TVF's DISTINCT Flink refuses; GROUP BY HOP(…) merges its panes oldest first,
        // walking each pane's map; GROUP BY TUMBLE(…) runs the one-phase legacy window
        // operator: left in arrival order.)
        var aggregates = AggregateCall.markingWrappingSums(binder.aggregates, over: false)
        var hashOrdered = false
        switch window?.kind {
        case .tumble?, .cumulate?: hashOrdered = window?.syntax == .tableFunction && !binder.onePhaseAggregation
        case .hop?: hashOrdered = window?.syntax != .tableFunction  // the legacy operator's own panes
        default: break
        }
        if window?.syntax == .tableFunction, !binder.onePhaseAggregation, window?.offset == 0,
           !aggregates.contains(where: { $0.function == .firstValue || $0.function == .lastValue || $0.distinct }) {
            // Flink's two phases: a FLOAT sum's partial sums, as its local buffer flushes them.
            for index in aggregates.indices where aggregates[index].argumentType == .float
                && (aggregates[index].function == .sum || aggregates[index].function == .avg && aggregates[index].sumWraps) {
                aggregates[index].splitsLocally = true
            }
        }
        if hashOrdered, !aggregates.contains(where: { $0.function == .firstValue || $0.function == .lastValue }) {
            for index in aggregates.indices where aggregates[index].distinct { aggregates[index].distinctInHashOrder = true }
        }
        return QueryPlan(mode: .windowAggregate, table: binder.table, fields: binder.fields, computed: binder.computed, timeSlot: timeSlot,
                         watermarkDelay: watermarkDelay(binder.table, defaultWatermarkDelay), filter: filter, window: window,
                         keys: binder.keys, keyTypes: binder.keyTypes, aggregates: aggregates, having: having,
                         projections: projections, outputColumns: columns, distinct: query.distinct, sql: sql)
    }

    /// A column `$sqN.name`: the value of a scalar subquery joined to the rows.
    private static func isScalarSubqueryValue(_ name: String) -> Bool {
        guard name.hasPrefix("$sq"), let dot = name.firstIndex(of: ".") else { return false }
        let digits = name[name.index(name.startIndex, offsetBy: 3)..<dot]
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    private static func planProjection(_ query: Query, _ binder: inout Binder, filter: BoundExpression?, timeSlot: Int?,
                                       defaultWatermarkDelay: Int64, sql: String, joinQualifiers: [String]) throws(PlanningError) -> QueryPlan {
        if query.distinct {
            throw PlanningError("SELECT DISTINCT over a whole stream never finishes", at: query.location,
                                hint: "group by a window: GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), …")
        }
        var projections: [BoundExpression] = []
        var columns: [Column] = []
        for (index, item) in query.items.enumerated() {
            switch item {
            case .wildcard(let location):
                guard !binder.table.isInferred else {
                    throw PlanningError("SELECT * needs a declared table", at: location,
                                        hint: "declare the stream with CREATE TABLE, or name the fields you want")
                }
                // A join's computed keys (`alias.$joinkeyN`) and subqueries' values (`$sq0.v`)
                // are not the tables' columns. A ROW column is read as its fields: * takes it
                // whole, once.
                var rowsTaken: Set<String> = []
                for column in binder.table.columns where !column.name.contains(".$") && !isScalarSubqueryValue(column.name) {
                    if let separator = column.name.firstIndex(of: nestedPathSeparator),
                       let row = binder.table.rowTypes.keys.first(where: { $0 == column.name[..<separator] }) {
                        guard rowsTaken.insert(row).inserted else { continue }
                        let (bound, type) = try binder.wholeRow(row, binder.table.rowTypes[row]!, at: location)
                        projections.append(bound)
                        columns.append(Column(name: row, type: type))
                        continue
                    }
                    let (bound, type) = try binder.resolveColumn(qualifier: nil, name: Identifier(column.name))
                    projections.append(bound)
                    // A join's columns are `alias.name`: * names them by their own name, as Flink.
                    var name = column.name
                    if let dot = name.firstIndex(of: "."), joinQualifiers.contains(where: { $0.lowercased() == name[..<dot].lowercased() }) {
                        name = String(name[name.index(after: dot)...])
                    }
                    columns.append(Column(name: name, type: type, fractionDigits: binder.table.timestampPrecisions[column.name.lowercased()]))
                }
                if binder.windowFunction != nil {
                    for (name, slot) in WindowColumn.allCases.map({ ($0.rawValue, $0.placeholder) }) {
                        projections.append(.slot(slot))
                        columns.append(Column(name: name, type: slot == WindowColumn.time.placeholder ? binder.windowTimeType : .timestamp))
                    }
                }
            case let .expression(expression, _) where expression.qualifiedStarTable != nil:
                // `t.*`: the columns of one table of FROM, in order: over a join, those named
                // `t.…`; over one table, all of them (that table's name or alias is `t`).
                let table = expression.qualifiedStarTable!
                let prefix = table.name.lowercased() + "."
                var names = binder.table.columns.map(\.name).filter { $0.lowercased().hasPrefix(prefix) && !$0.contains(".$") }
                    .map { String($0.dropFirst(prefix.count)) }
                if names.isEmpty, joinQualifiers.isEmpty {
                    names = binder.table.columns.map(\.name).filter { !$0.contains(".$") }
                }
                guard !names.isEmpty, binder.qualifiers.contains(table.name.lowercased()) || joinQualifiers.contains(where: { $0.lowercased() == table.name.lowercased() }) else {
                    throw PlanningError("\(table.name).* names no table of FROM", at: expression.location)
                }
                for name in names {
                    let column = Expression(.column(qualifier: table, name: Identifier(name, quoted: true)), at: expression.location)
                    let (bound, type) = try binder.bind(column, .input)
                    projections.append(bound)
                    columns.append(Column(name: name, type: type == .null ? .int : type, fractionDigits: binder.fractionDigits(of: column, type)))
                }
            case let .expression(expression, alias):
                let (bound, type) = try binder.bind(expression, .input)
                projections.append(bound)
                columns.append(Column(name: outputName(expression, alias, index), type: type == .null ? .int : type,
                                  fractionDigits: binder.fractionDigits(of: expression, type)))
            }
        }
        columns = uniquified(columns)
        // Window columns sit after the input fields in the window row.
        let width = binder.fields.count
        func place(_ e: BoundExpression) -> BoundExpression { e.remappingSlots { $0 < 0 ? width + (-$0 - 1) : $0 } }
        return QueryPlan(mode: .projection, table: binder.table, fields: binder.fields, computed: binder.computed, timeSlot: timeSlot,
                         watermarkDelay: watermarkDelay(binder.table, defaultWatermarkDelay), filter: filter.map(place),
                         window: binder.window, keys: [], keyTypes: [], aggregates: [], having: nil,
                         projections: projections.map(place), outputColumns: columns, distinct: false, sql: sql)
    }

    /// The result's names made unique as Calcite makes them, which Flink shows: a name already
    /// taken gets the first free suffix 0, 1, … (checked: `SELECT *, o.qty, p.qty` over a join
    /// of two tables with a `qty` each is qty, qty0, qty1, qty2).
    private static func uniquified(_ columns: [Column]) -> [Column] {
        var used = Set<String>()
        return columns.map { column in
            var column = column
            if !used.insert(column.name).inserted {
                var attempt = 0
                while !used.insert("\(column.name)\(attempt)").inserted { attempt += 1 }
                column.name = "\(column.name)\(attempt)"
            }
            return column
        }
    }

    /// Flink's names for result columns: the alias, a column's own name, or `EXPR$<position>`.
    private static func outputName(_ expression: Expression, _ alias: Identifier?, _ index: Int) -> String {
        if let alias { return alias.name }
        // A nested field (`user.id`) is named by its last part, as Flink names it.
        if case let .column(_, name) = expression.kind { return String(name.name.split(separator: nestedPathSeparator).last ?? Substring(name.name)) }
        return "EXPR$\(index)"
    }
}

extension QueryPlanner {
    /// ARRAY_AGG(DISTINCT …) of a window or OVER aggregation: Flink orders the values by its
    /// distinct state, in an order not worked out yet (an aggregation without a window keeps
    /// them in the order they first came, as weir does).
    /// COLLECT(DISTINCT …) likewise: its map takes the values in the distinct state's order.
    static func refuseDistinctArrays(_ query: Query, in what: String) throws(PlanningError) {
        var found: (SourceLocation, String)?
        func walk(_ e: Expression) {
            if found != nil { return }
            if case let .function(name, args, _) = e.kind, name.name.uppercased() == "$JSON_AGG", args.count == 2,
               case .literal(.string(let mode)) = args[0].kind, mode == "R" || mode == "C" {
                var list = args[1]
                if case let .over(call, _) = list.kind { list = call }
                if case .function(_, _, true) = list.kind { found = (name.location, mode == "R" ? "ARRAY_AGG" : "COLLECT") }
                return
            }
            e.children.forEach(walk)
        }
        for case let .expression(expression, _) in query.items { walk(expression) }
        query.having.map(walk)
        if let (location, function) = found {
            throw PlanningError("\(function)(DISTINCT …) in \(what) is not supported yet", at: location,
                                hint: "\(function)(v) keeps every value; without a window, \(function)(DISTINCT v) works")
        }
    }

    /// Flink's HOP, CUMULATE and SESSION window aggregates merge accumulators (slices, or
    /// sessions that grow together), and Flink refuses the aggregates that cannot merge
    /// (checked: "Could not find an implementation method 'merge' in class
    /// '…FirstValueAggFunction'"; LISTAGG, ARRAY_AGG, JSON_OBJECTAGG and PERCENTILE merge).
    static func refuseUnmergeable(_ query: Query, _ window: WindowSpec) throws(PlanningError) {
        var found: (name: String, at: SourceLocation)?
        func walk(_ e: Expression) {
            if found != nil { return }
            if case let .function(name, args, _) = e.kind {
                let upper = name.name.uppercased()
                if upper == "FIRST_VALUE" || upper == "LAST_VALUE" { found = (upper, name.location); return }
                // JSON_ARRAYAGG, as the parser wrote it (JSON_OBJECTAGG, "O", merges).
                if upper == "$JSON_AGG", case .literal(.string("A"))? = args.first?.kind { found = ("JSON_ARRAYAGG", name.location); return }
                args.forEach(walk)
            } else {
                e.children.forEach(walk)
            }
        }
        for case let .expression(expression, _) in query.items { walk(expression) }
        query.having.map(walk)
        guard let found else { return }
        let kind = switch window.kind {
        case .hop: "HOP"
        case .cumulate: "CUMULATE"
        default: "SESSION"
        }
        throw PlanningError("\(found.name) cannot be used in a \(kind) window aggregation: Flink has no merge for it "
                            + "(\(kind) windows merge partial aggregates)", at: found.at,
                            hint: "a TUMBLE window takes it, as does a window Top-N or deduplication (ROW_NUMBER() OVER … ORDER BY the time)")
    }
}

extension Binder {
    func containsAggregateCall(_ expression: Expression) -> Bool {
        var found = false
        func walk(_ e: Expression) {
            if case let .function(name, args, _) = e.kind {
                if AggregateFunction(rawValue: name.name.uppercased()) != nil { found = true }
                args.forEach(walk)
            } else {
                e.children.forEach(walk)
            }
        }
        walk(expression)
        return found
    }

    /// `GROUP BY TUMBLE(ts, size)`, `HOP(ts, slide, size)`, `SESSION(ts, gap)`.
    mutating func bindGroupWindow(_ name: Identifier, _ arguments: [Expression], _ call: Expression) throws(PlanningError) -> Int {
        let upper = name.name.uppercased()
        let expected = ["TUMBLE": 2, "HOP": 3, "SESSION": 2, "CUMULATE": 3][upper]!
        if upper == "CUMULATE" {
            throw PlanningError("CUMULATE exists only as a window TVF", at: name.location,
                                hint: "FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE)) … GROUP BY window_start, window_end")
        }
        guard arguments.count == expected else {
            throw PlanningError("\(upper) takes \(expected) arguments here, not \(arguments.count)", at: name.location,
                                hint: upper == "HOP" ? "HOP(ts, slide, size)" : "\(upper)(ts, INTERVAL '10' SECOND)")
        }
        guard case let .column(_, column) = arguments[0].kind else {
            throw PlanningError("the first argument of \(upper) is the event-time column", at: arguments[0].location)
        }
        let slot = try timeField(column)
        var sizes: [Int64] = []
        for argument in arguments.dropFirst() { sizes.append(try intervalArgument(argument)) }
        window = WindowSpec(kind: try windowKind(upper, sizes, at: name.location, syntax: .groupWindow), syntax: .groupWindow)
        windowArguments = sizes
        windowTimeColumn = column.name
        groupWindowCall = call
        return slot
    }

    /// `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]))` and the other TVFs.
    mutating func bindWindowTableFunction(_ function: WindowTableFunction) throws(PlanningError) -> Int {
        let upper = function.name.name.uppercased()
        let counts = ["TUMBLE": 1, "HOP": 2, "CUMULATE": 2, "SESSION": 1]
        guard let required = counts[upper] else {
            let hint = closestName(to: upper, among: Array(counts.keys)).map { "did you mean \($0)?" }
            throw PlanningError("unknown window function \(function.name.name)", at: function.name.location, hint: hint)
        }
        guard function.arguments.count == required || (upper != "SESSION" && function.arguments.count == required + 1) else {
            let usage = ["TUMBLE": "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])",
                         "HOP": "HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])",
                         "CUMULATE": "CUMULATE(TABLE t, DESCRIPTOR(ts), step, max_size [, offset])",
                         "SESSION": "SESSION(TABLE t [PARTITION BY k], DESCRIPTOR(ts), gap)"][upper]!
            throw PlanningError("wrong number of arguments for \(upper)", at: function.name.location, hint: usage)
        }
        if !function.partitionBy.isEmpty, upper != "SESSION" {
            throw PlanningError("PARTITION BY belongs to SESSION windows only", at: function.partitionBy[0].location)
        }
        let slot = try timeField(function.timeColumn)
        var sizes: [Int64] = []
        for argument in function.arguments { sizes.append(try intervalArgument(argument)) }
        var offset: Int64 = 0
        if sizes.count > required { offset = sizes.removeLast() }
        if upper == "TUMBLE", offset.magnitude >= sizes[0].magnitude {
            // As Flink 2.3's validation (HOP and CUMULATE take any offset).
            throw PlanningError("TUMBLE table function parameters must satisfy abs(offset) < size, as in Flink: size \(sizes[0]) ms, offset \(offset) ms",
                                at: function.arguments.last!.location, hint: "an offset of \(offset % max(sizes[0], 1)) ms aligns the windows alike")
        }
        window = WindowSpec(kind: try windowKind(upper, sizes, at: function.name.location, syntax: .tableFunction),
                            offset: offset, syntax: .tableFunction)
        windowArguments = sizes
        windowTimeColumn = function.timeColumn.name
        return slot
    }

    func intervalArgument(_ expression: Expression) throws(PlanningError) -> Int64 {
        var negative = false
        var e = expression
        if case let .unary(.minus, inner) = e.kind {
            negative = true
            e = inner
        }
        if case let .literal(.compoundInterval(_, _, millis)) = e.kind { return negative ? -millis : millis }
        guard case let .literal(.interval(text, unit)) = e.kind else {
            throw PlanningError("expected an interval such as INTERVAL '10' SECOND", at: expression.location)
        }
        let millis = try intervalMilliseconds(text, unit, at: e.location)
        return negative ? -millis : millis
    }

    func windowKind(_ upper: String, _ sizes: [Int64], at location: SourceLocation, syntax: WindowSyntax) throws(PlanningError) -> WindowKind {
        guard sizes.allSatisfy({ $0 > 0 }) else {
            throw PlanningError("window sizes must be positive", at: location)
        }
        switch upper {
        case "TUMBLE":
            return .tumble(size: sizes[0])
        case "HOP":
            let (slide, size) = (sizes[0], sizes[1])
            if syntax == .tableFunction, size % slide != 0 {
                throw PlanningError("HOP size must be a whole multiple of the slide", at: location,
                                    hint: "slide \(slide) ms, size \(size) ms")
            }
            return .hop(slide: slide, size: size)
        case "CUMULATE":
            let (step, maxSize) = (sizes[0], sizes[1])
            guard maxSize % step == 0 else {
                throw PlanningError("CUMULATE max size must be a whole multiple of the step", at: location)
            }
            return .cumulate(step: step, maxSize: maxSize)
        default:
            return .session(gap: sizes[0])
        }
    }
}

extension Expression {
    /// The direct sub-expressions.
    var children: [Expression] { kind.children }
}

extension BoundExpression {
    /// The same expression with every slot renumbered.
    public func remappingSlots(_ map: (Int) -> Int) -> BoundExpression {
        switch self {
        case .slot(let s): return .slot(map(s))
        case .constant: return self
        case let .negate(e, t): return .negate(e.remappingSlots(map), t)
        case let .not(e): return .not(e.remappingSlots(map))
        case let .arithmetic(op, a, b, t): return .arithmetic(op, a.remappingSlots(map), b.remappingSlots(map), t)
        case let .comparison(op, a, b): return .comparison(op, a.remappingSlots(map), b.remappingSlots(map))
        case let .and(a, b): return .and(a.remappingSlots(map), b.remappingSlots(map))
        case let .or(a, b): return .or(a.remappingSlots(map), b.remappingSlots(map))
        case let .isNull(e, n): return .isNull(e.remappingSlots(map), negated: n)
        case let .isBoolean(e, v, n): return .isBoolean(e.remappingSlots(map), value: v, negated: n)
        case let .like(e, p, n): return .like(e.remappingSlots(map), p, negated: n)
        case let .likeDynamic(e, p, esc, n): return .likeDynamic(e.remappingSlots(map), pattern: p.remappingSlots(map), escape: esc, negated: n)
        case let .inList(e, list, n): return .inList(e.remappingSlots(map), list.map { $0.remappingSlots(map) }, negated: n)
        case let .between(e, l, h, n): return .between(e.remappingSlots(map), low: l.remappingSlots(map), high: h.remappingSlots(map), negated: n)
        case let .caseWhen(branches, other):
            return .caseWhen(branches.map { .init(condition: $0.condition.remappingSlots(map), result: $0.result.remappingSlots(map)) },
                             otherwise: other.remappingSlots(map))
        case let .cast(e, f, t): return .cast(e.remappingSlots(map), from: f, to: t)
        case let .call(fn, args, t): return .call(fn, args.map { $0.remappingSlots(map) }, t)
        }
    }
}
