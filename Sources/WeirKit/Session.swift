import QueryPlanner
import SQLSyntax
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings of a session that apply to every statement.
public struct SessionOptions: Sendable {
    /// The watermark delay of streams declared without `WATERMARK` (`--watermark-delay`).
    public var defaultWatermarkDelay: Int64
    /// Bounds on input lines (`--max-line-bytes`, `--max-event-time-skew`).
    public var limits: InputLimits
    /// `--final`: only final tables are wanted, so an aggregation without a window over a
    /// table of rows runs fused, as one window over the whole input.
    public var finalTables = false

    public init(defaultWatermarkDelay: Int64 = 0, limits: InputLimits = InputLimits()) {
        self.defaultWatermarkDelay = defaultWatermarkDelay
        self.limits = limits
    }
}

/// What one statement did.
public enum StatementOutcome: Sendable {
    /// `CREATE TABLE` registered a table.
    case tableCreated(TableSchema)
    /// `EXPLAIN`: the plan's text.
    case explained(String)
    /// A query, planned and ready to run.
    case query(QueryPlan)
    /// A query of several operators (subqueries, Top-N, OVER, joins, …), planned.
    case relational(RelationalPlan)
    /// `CREATE VIEW` registered a view.
    case viewCreated(String)
    /// `SET 'key' = 'value'`.
    case set(key: String, value: String)
    /// `INSERT INTO` (or a statement set of them), planned.
    case insert(InsertPlan)
}

/// The one way statements are run, shared by the file mode, `-e`, the REPL and the tests:
/// statements in, outcomes out; a planned query runs through `run(_:input:sink:)`.
public final class Session {
    public private(set) var catalog = Catalog()
    /// Views by lower-cased name.
    public private(set) var views: [String: Query] = [:]
    /// `SET` options, by key.
    public private(set) var settings: [String: String] = [:]
    public var options: SessionOptions
    /// Receives what a statement does that its text does not say (a precision weir does not
    /// keep); the command line prints it on standard error.
    public var warn: (String) -> Void = { _ in }

    public init(options: SessionOptions = SessionOptions()) {
        self.options = options
    }

    /// Parses and plans every statement of a script, registering its tables as it goes.
    /// Nothing is read: a wrong statement throws before any event is touched.
    public func prepare(_ script: String) throws(QueryError) -> [StatementOutcome] {
        try onLargeStack { () throws(QueryError) in try prepareHere(script) }
    }

    private func prepareHere(_ script: String) throws(QueryError) -> [StatementOutcome] {
        let statements: [Statement]
        do {
            statements = try Parser.parse(script)
        } catch {
            throw QueryError(error.diagnostic, source: script)
        }
        var outcomes: [StatementOutcome] = []
        for statement in statements {
            outcomes.append(try execute(statement, source: script))
        }
        return outcomes
    }

    /// Runs one parsed statement. `source` is the text its locations point into.
    public func execute(_ statement: Statement, source: String) throws(QueryError) -> StatementOutcome {
        do throws(PlanningError) {
            switch statement {
            case .createTable(let create):
                if let existing = catalog.table(named: create.name.name) {
                    if create.ifNotExists { return .tableCreated(existing) }
                    // As Flink: a name is declared once.
                    throw PlanningError("table \(existing.name) already exists", at: create.name.location,
                                        hint: "CREATE TABLE IF NOT EXISTS keeps the first one")
                }
                let schema = try Catalog.schema(for: create)
                if catalog.timeZone != "UTC", case .jdbc = schema.source, let column = create.columns.first(where: { $0.type.name == "TIMESTAMP_LTZ" }) {
                    throw PlanningError("a TIMESTAMP_LTZ column read from a database in the time zone \(catalog.timeZone) is not supported yet",
                                        at: column.type.location,
                                        hint: "read its epoch milliseconds as BIGINT and compute the column: \(column.name.name) AS TO_TIMESTAMP_LTZ(epoch_ms, 3)")
                }
                for column in create.columns where ["TIMESTAMP", "TIMESTAMP_LTZ"].contains(column.type.name) {
                    if let precision = column.type.parameters.first, precision > 3 {
                        warn("column \(column.name.name) of \(create.name.name) is \(column.type.name)(\(precision)): weir keeps times to the "
                             + "millisecond, so digits past the third are dropped (precisions above 3 are not supported yet)")
                    }
                }
                catalog.register(schema)
                return .tableCreated(schema)
            case .query(let query):
                if options.finalTables, let plan = try wholeStreamPlan(query) { return .query(plan) }
                if RelationalPlanner.needsGraph(query, views: views, catalog: catalog) {
                    let plan = try planner.plan(query, sql: query.description)
                    try requireMiniBatchSize(plan.root, at: query.location)
                    return .relational(plan)
                }
                let plan = try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: options.defaultWatermarkDelay, sql: query.description)
                // A directory of files is read through the graph, which reads any source.
                if case .file(let path) = plan.table.source, DirectorySource.isDirectory(path) {
                    return .relational(RelationalPlan(root: .source(plan), sql: query.description))
                }
                return .query(plan)
            case .explainInserts(let inserts):
                var targets: [InsertTarget] = []
                for insert in inserts { targets.append(try planner.plan(insert, sql: insert.query.description)) }
                return .explained(InsertPlan(targets: targets).explanation)
            case .explain(let query):
                if RelationalPlanner.needsGraph(query, views: views, catalog: catalog) {
                    return .explained(try planner.plan(query, sql: query.description).explanation)
                }
                return .explained(try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: options.defaultWatermarkDelay, sql: query.description).explanation)
            case let .createView(name, query):
                // Planned now, so a wrong view is an error where it is written.
                var probe = query
                probe.ctes = query.ctes
                _ = try planner.plan(probe, sql: query.description)
                views[name.name.lowercased()] = query
                return .viewCreated(name.name)
            case let .set(key, value, location):
                try applySetting(key, value, at: location)
                return .set(key: key, value: value)
            case .insert(let insert):
                return .insert(InsertPlan(targets: [try planner.plan(insert, sql: insert.query.description)]))
            case let .statementSet(inserts, location):
                guard !inserts.isEmpty else { throw PlanningError("the statement set holds no INSERT", at: location) }
                var targets: [InsertTarget] = []
                for insert in inserts { targets.append(try planner.plan(insert, sql: insert.query.description)) }
                return .insert(InsertPlan(targets: targets))
            }
        } catch {
            var diagnostic = error.diagnostic
            // An unknown column is marked at its first use in its query, wherever the planner met it.
            if diagnostic.message.hasPrefix("unknown column "),
               let first = statement.firstUse(ofColumn: String(diagnostic.message.dropFirst("unknown column ".count).split(separator: " ").first ?? ""),
                                              sameQueryAs: diagnostic.location),
               first.offset < diagnostic.location.offset {
                diagnostic.location = first
            }
            throw QueryError(diagnostic, source: source)
        }
    }

    /// The fused plan of an aggregation without a window over one table of rows, when only
    /// its final table is wanted; nil for any other query.
    private func wholeStreamPlan(_ query: Query) throws(PlanningError) -> QueryPlan? {
        guard query.isUnwindowedAggregate, query.ctes.isEmpty, query.unionAll.isEmpty, !query.hasOver,
              case .table(let name, _) = query.from, views[name.name.lowercased()] == nil,
              (catalog.table(named: name.name)?.format ?? .json) == .json else { return nil }
        if case .jdbc = catalog.table(named: name.name)?.source { return nil }
        if case .generated = catalog.table(named: name.name)?.source { return nil }
        return try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: options.defaultWatermarkDelay,
                                     sql: query.description, wholeStream: true)
    }

    /// Milliseconds of a Flink duration (`10 s`, `1 min`, `500 ms`).
    public static func milliseconds(_ text: String) -> Int64? { GraphRunner.milliseconds(text) }

    private var planner: RelationalPlanner {
        RelationalPlanner(catalog: catalog, views: views, defaultWatermarkDelay: options.defaultWatermarkDelay, settings: settings)
    }

    /// The options weir knows; the others are refused by name, never ignored silently.
    static let knownSettings: [String: String] = [
        "parallelism.default": "weir runs each query on one thread of operators (its decoding uses every core)",
        "pipeline.auto-watermark-interval": "weir moves the watermark after every event",
        "table.exec.source.idle-timeout": "use --idle-timeout",
        "execution.runtime-mode": "weir runs streaming; a file input ends like a bounded source",
        "table.exec.source.cdc-events-duplicate": "with a PRIMARY KEY, a change event delivered twice changes nothing",
        "table.exec.mini-batch.enabled": "aggregations without a window apply rows in bundles of table.exec.mini-batch.size",
        "table.exec.mini-batch.size": "the rows of a mini-batch bundle",
        "table.exec.mini-batch.allow-latency": "accepted; weir closes bundles by size and at end of input, so output stays deterministic",
        "execution.checkpointing.interval": "with --checkpoint DIR, how often a checkpoint is taken (10 s without it)",
        "table.optimizer.agg-phase-strategy": "weir always aggregates in two phases where it can; ONE_PHASE changes only orders, as in Flink: in which a window aggregation hands equal rows to a window Top-N, and of a window's LISTAGG(DISTINCT …) values (arrival order)",
        "table.local-time-zone": "the zone in which a TIMESTAMP_LTZ shows its wall clock (TO_TIMESTAMP_LTZ, FROM_UNIXTIME, UNIX_TIMESTAMP, windows over a TIMESTAMP_LTZ); UTC by default",
        "table.optimizer.distinct-agg.split.enabled": "an aggregation without a window with DISTINCT aggregates of one column runs in two levels by MOD(HASH_CODE(x), bucket-num), as Flink's split plan (the same final table, Flink's changelog for it)",
        "table.optimizer.distinct-agg.split.bucket-num": "the buckets of a split distinct aggregation (1024)",
        "table.exec.state.ttl": "aggregations without a window, deduplication, Top-N and changelog normalization forget keys unchanged this long (processing time)",
    ]

    /// Mini-batch without a bundle size fails in Flink 2.3 when a query aggregates ("Key:
    /// 'table.exec.mini-batch.size' , default: -1 … must be > 0"): said before it runs.
    private func requireMiniBatchSize(_ node: PlanNode, at location: SourceLocation) throws(PlanningError) {
        guard settings["table.exec.mini-batch.enabled"]?.lowercased() == "true", (Int(settings["table.exec.mini-batch.size"] ?? "") ?? 0) <= 0 else { return }
        func aggregates(_ node: PlanNode) -> Bool {
            if case .groupAggregate = node { return true }
            return node.inputs.contains(where: aggregates)
        }
        guard aggregates(node) else { return }
        throw PlanningError("table.exec.mini-batch.enabled is 'true' but table.exec.mini-batch.size is not set above 0, which Flink refuses", at: location,
                            hint: "SET 'table.exec.mini-batch.size' = '1000' (rows a bundle), or turn mini-batch off")
    }

    private func applySetting(_ key: String, _ value: String, at location: SourceLocation) throws(PlanningError) {
        guard Self.knownSettings[key] != nil || key.hasPrefix("sql-client.") else {
            throw PlanningError("weir does not support the option '\(key)' yet", at: location,
                                hint: "weir knows \(Self.knownSettings.keys.sorted().joined(separator: ", "))")
        }
        if key == "table.local-time-zone" {
            // 'default' is the machine's zone in Flink; weir keeps its output the same on every
            // machine and reads it as UTC.
            let zone = value == "default" ? "UTC" : value
            guard SessionTimeZone.isKnown(zone) else {
                throw PlanningError("unknown time zone '\(value)'", at: location,
                                    hint: "a zone id such as 'UTC', 'Asia/Shanghai', 'America/Los_Angeles' or 'GMT+08:00'")
            }
            if zone != "UTC", let table = catalog.allTables.first(where: { table in
                guard case .jdbc = table.source else { return false }
                return table.hasLocalTimeColumns
            }) {
                throw PlanningError("table \(table.name) reads a TIMESTAMP_LTZ column from a database, which weir reads in UTC only so far", at: location,
                                    hint: "read its epoch milliseconds as BIGINT and compute the column with TO_TIMESTAMP_LTZ(epoch_ms, 3)")
            }
            catalog.timeZone = zone
        }
        if key == "table.optimizer.agg-phase-strategy" { catalog.onePhaseAggregation = value.uppercased() == "ONE_PHASE" }
        settings[key] = value
    }

    /// Runs a query of several operators; returns the statistics and closing lines about rows
    /// the operators dropped. Tables with a file read it; the others read `input`.
    /// `liveTable`: an updating result is shown as a table redrawn in place (on a terminal).
    public func run(_ plan: RelationalPlan, input: ByteSource, sink: OutputSink, finalTable: Bool = false, liveTable: Bool = false,
                    checkpoint: CheckpointSettings? = nil,
                    shouldStop: () -> Bool = { false }) throws -> (QueryStatistics, [String]) {
        let runner = GraphRunner(plan: plan, output: sink, limits: options.limits, finalTable: finalTable, liveTable: liveTable,
                                 settings: settings)
        if let checkpoint {
            try attach(checkpoint, to: runner, explanation: plan.explanation, output: sink, sinks: nil)
        }
        let statistics = try runner.run(open: { source, plans in
            try Self.open(source, plans: plans, input: input, checkpointed: checkpoint.map { !$0.severalInputs } ?? false)
        }, shouldStop: shouldStop)
        if let failure = runner.lookupFailure { throw DatabaseError(failure) }
        return (statistics, runner.summary)
    }

    /// Runs inserts: opens every sink (a database that cannot be reached fails here, before
    /// any input is read), then runs their queries over one read of their inputs. `output`
    /// takes what goes to standard output ('print') and the bad lines and late events.
    /// Returns the statistics, the closing lines about dropped rows and what each sink wrote;
    /// a sink that failed has its `failure` set and stopped the run.
    public func run(_ plan: InsertPlan, input: ByteSource, output: OutputSink, checkpoint: CheckpointSettings? = nil,
                    shouldStop: @escaping () -> Bool = { false }) throws -> (QueryStatistics, [String], [SinkReport]) {
        var parts: [String: FilePosition] = [:]
        for table in checkpoint?.restoring?.0.tables ?? [] { parts[table.table] = table.file }
        let sinks = try SinkSet(plan, output: output, resume: parts)
        // A quiet live stream still gets its buffered rows written at the flush interval.
        if let file = input as? FileSource, let interval = sinks.flushInterval { file.wakeEvery = interval }
        // A database table is read once, so a query over database tables only into a database
        // table ends in one final table: intermediate changes would be merged away by the
        // sink's buffer anyway, and are not computed.
        let roots = zip(plan.targets, sinks.receivers).map { target, receiver in
            let bounded = target.plan.root.sources.allSatisfy { if case .jdbc = $0.table.source { true } else { false } }
            let intoTable = if case .jdbc = SinkKind(target.table) { true } else { false }
            return (node: target.plan.root, receiver: receiver, finalOnly: bounded && intoTable)
        }
        let runner = GraphRunner(roots: roots, output: output, limits: options.limits, settings: settings)
        if let checkpoint {
            try attach(checkpoint, to: runner, explanation: plan.explanation, output: output, sinks: sinks)
        }
        let statistics = try runner.run(open: { source, plans in
            try Self.open(source, plans: plans, input: input, checkpointed: checkpoint.map { !$0.severalInputs } ?? false)
        }, shouldStop: {
            sinks.tick()
            return shouldStop() || sinks.failed
        })
        // A checkpointed run stopped early leaves its sinks as its last checkpoint committed
        // them (part files in progress), for the restart to continue.
        if checkpoint == nil || runner.completed { sinks.finishUnfinished() }
        if let failure = runner.lookupFailure { throw DatabaseError(failure) }
        return (statistics, runner.summary, sinks.reports)
    }

    /// A checkpointed run over one input reads it opened (at its checkpoint's position) by the
    /// caller, whether it is standard input or the file a table names; over several inputs,
    /// each is opened from its first byte as usual.
    private static func open(_ source: TableSource, plans: [QueryPlan], input: ByteSource, checkpointed: Bool) throws -> ByteSource {
        if checkpointed {
            switch source {
            case .standardInput, .derived: return input
            case .inline(let lines): return MemorySource(lines)
            case .file(let path) where !DirectorySource.isDirectory(path): return input
            default: throw CheckpointError("--checkpoint reads NDJSON from standard input, --input or one file; a directory, database table or datagen table cannot be checkpointed yet")
            }
        }
        return try InputChoice.open(table: source, plans: plans, input: input)
    }

    /// Checks a snapshot against the run and sets the checkpoint up.
    private func attach(_ settings: CheckpointSettings, to runner: GraphRunner, explanation: String, output: OutputSink, sinks: SinkSet?) throws {
        let coordinator = CheckpointCoordinator(settings: settings)
        coordinator.output = output
        coordinator.sinks = sinks
        coordinator.operatorStatistics = runner.statistics
        coordinator.planText = explanation
        coordinator.stateShape = runner.stateShape + (runner.statefulOperators ? [explanation] : [])
        if let (snapshot, _) = settings.restoring {
            try CheckpointCoordinator.check(snapshot, shape: coordinator.stateShape, settings: settings)
        }
        if let sinks {
            var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let job = realpath(settings.directory, &resolved) != nil
                ? String(decoding: resolved.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : settings.directory
            try sinks.resume(job: job, from: settings.restoring?.0.tables ?? [])
        }
        runner.checkpoint = coordinator
    }

    /// Runs a planned query over an input, sending results to a sink. Returns the statistics.
    @discardableResult
    public func run(_ plan: QueryPlan, input: ByteSource, sink: ResultSink, shouldStop: () -> Bool = { false }) throws -> QueryStatistics {
        let executor = QueryExecutor(plan: plan, sink: sink, limits: options.limits)
        var cancelled = false
        let fieldCheck = FieldCheck(plans: [plan]) { sink.warning($0) }
        try input.forEachChunk { chunk in
            fieldCheck?.feed(chunk)
            executor.feed(chunk)
            cancelled = shouldStop()
            return !executor.isStopped && !cancelled
        } idle: { idleMillis in
            if executor.watermark != .min, idleMillis > 0 {
                executor.advanceWatermark(to: executor.watermark &+ idleMillis)
            }
            cancelled = shouldStop()
            return !cancelled
        }
        // The end of input closes every window; a cancelled or failed (--strict) run keeps
        // only what had fired.
        if !cancelled, !executor.isStopped {
            fieldCheck?.finish()
            executor.finish()
            return executor.statistics
        }
        return executor.statisticsIfStoppedNow
    }
}
