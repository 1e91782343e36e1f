import QueryPlanner
import SQLSyntax
import StreamRuntime

/// Settings of a session that apply to every statement.
public struct SessionOptions: Sendable {
    /// The watermark delay of streams declared without `WATERMARK` (`--watermark-delay`).
    public var defaultWatermarkDelay: Int64
    /// Bounds on input lines (`--max-line-bytes`, `--max-event-time-skew`).
    public var limits: InputLimits

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
}

/// The one way statements are run, shared by the file mode, `-e`, the REPL and the tests:
/// statements in, outcomes out; a planned query runs through `run(_:input:sink:)`.
public final class Session {
    public private(set) var catalog = Catalog()
    public var options: SessionOptions

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
        do {
            switch statement {
            case .createTable(let create):
                if create.ifNotExists, let existing = catalog.table(named: create.name.name) {
                    return .tableCreated(existing)
                }
                let schema = try Catalog.schema(for: create)
                catalog.register(schema)
                return .tableCreated(schema)
            case .query(let query):
                return .query(try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: options.defaultWatermarkDelay, sql: query.description))
            case .explain(let query):
                return .explained(try QueryPlanner.plan(query, catalog: catalog, defaultWatermarkDelay: options.defaultWatermarkDelay, sql: query.description).explanation)
            }
        } catch {
            throw QueryError(error.diagnostic, source: source)
        }
    }

    /// Runs a planned query over an input, sending results to a sink. Returns the statistics.
    @discardableResult
    public func run(_ plan: QueryPlan, input: ByteSource, sink: ResultSink, shouldStop: () -> Bool = { false }) throws -> QueryStatistics {
        let executor = QueryExecutor(plan: plan, sink: sink, limits: options.limits)
        var cancelled = false
        try input.forEachChunk { chunk in
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
            executor.finish()
            return executor.statistics
        }
        return executor.statisticsIfStoppedNow
    }
}
