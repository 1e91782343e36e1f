/// The shapes of window Flink SQL has.
public enum WindowKind: Sendable, Hashable {
    /// `TUMBLE(ts, size)`: back-to-back windows of one size.
    case tumble(size: Int64)
    /// `HOP(ts, slide, size)`: windows of `size` starting every `slide`.
    case hop(slide: Int64, size: Int64)
    /// `CUMULATE(…, step, maxSize)`: windows growing by `step` from a common start up to `maxSize`.
    case cumulate(step: Int64, maxSize: Int64)
    /// `SESSION(ts, gap)`: per group key, events closer than `gap` share a window.
    case session(gap: Int64)

    public var isTumble: Bool { if case .tumble = self { true } else { false } }
}

/// Which of Flink's two syntaxes declared the window; names and checks differ, semantics don't.
public enum WindowSyntax: Sendable, Hashable {
    /// `GROUP BY TUMBLE(ts, INTERVAL …)` with `TUMBLE_START(…)` and the like.
    case groupWindow
    /// `FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), …))` with `window_start` and the like.
    case tableFunction
}

/// A window: its kind, its epoch offset, and the slot of its time column.
public struct WindowSpec: Sendable, Hashable {
    public var kind: WindowKind
    /// Windows start at `offset + k * size` (the TVFs' `offset` argument; 0 otherwise).
    public var offset: Int64
    public var syntax: WindowSyntax

    public init(kind: WindowKind, offset: Int64 = 0, syntax: WindowSyntax) {
        self.kind = kind
        self.offset = offset
        self.syntax = syntax
    }
}

/// An aggregate function.
public enum AggregateFunction: String, Sendable, Hashable {
    case count = "COUNT", sum = "SUM", min = "MIN", max = "MAX", avg = "AVG"
    case listagg = "LISTAGG", firstValue = "FIRST_VALUE", lastValue = "LAST_VALUE"
    case stddevPop = "STDDEV_POP", stddevSamp = "STDDEV_SAMP", varPop = "VAR_POP", varSamp = "VAR_SAMP"
}

/// One aggregate call of a query: `COUNT(DISTINCT user_id)`.
public struct AggregateCall: Sendable, Hashable {
    public var function: AggregateFunction
    /// The argument over the input row; `nil` for `COUNT(*)`.
    public var argument: BoundExpression?
    public var distinct: Bool
    public var argumentType: DataType
    public var resultType: DataType
    /// How EXPLAIN shows it.
    public var text: String
    /// LISTAGG's separator.
    public var separator = ","
    /// LISTAGG given its separator: Flink's DISTINCT key is then the row of both arguments,
    /// which hashes (and so orders) otherwise than the value alone.
    public var separatorGiven = false
    /// COLLECT's LISTAGG: a retraction takes out the latest copy of its value, so a value keeps
    /// the place it came in at while any copy is left, as a key of Flink's HashMap keeps its
    /// entry while its count is above zero (the order `FlinkHashMapOrder.multiset` starts from).
    public var multiset = false
    /// A window aggregation's LISTAGG(DISTINCT …) gets its values in Flink's two-phase order
    /// (`FlinkHashMapOrder`): every aggregate of the window can merge, so Flink aggregates
    /// locally first (FIRST_VALUE and LAST_VALUE cannot: then one phase, values in arrival order).
    public var distinctInHashOrder = false
    /// A window TVF's FLOAT SUM (or AVG as SUM / COUNT) that Flink's two-phase aggregation
    /// adds in partial sums, one a flush of its local buffer, each then added to the global
    /// sum in FLOAT (`FlinkLocalFlush`): its last digit shows where the flushes fell.
    public var splitsLocally = false
    /// An AVG of integers (or FLOATs) whose sum wraps around (is rounded) in the argument's
    /// type, as Flink's does when its planner rewrites AVG as SUM / COUNT (set by
    /// `markingWrappingSums`).
    public var sumWraps = false

    /// Marks the AVGs of integers and FLOATs among `calls` that Flink computes as a SUM in the
    /// argument's type over a COUNT, so that the sum wraps around (AVG of TINYINT 100 and 120
    /// is -18) or is a FLOAT divided in FLOAT: in an OVER aggregation always (Calcite's
    /// convertlet), elsewhere when the aggregation also has a STDDEV or VAR (Calcite's
    /// AggregateReduceFunctionsRule then rewrites every AVG), or when it already has the SUM
    /// and the COUNT of the same argument (the cost-based planner then prefers the rewrite:
    /// `SUM(f), AVG(f), COUNT(f)`, not `AVG(f), COUNT(f)`). Checked on Flink 2.3.
    public static func markingWrappingSums(_ calls: [AggregateCall], over: Bool) -> [AggregateCall] {
        let reducedAll = over || calls.contains { [.stddevPop, .stddevSamp, .varPop, .varSamp].contains($0.function) }
        func has(_ function: AggregateFunction, like call: AggregateCall) -> Bool {
            calls.contains { $0.function == function && $0.argument == call.argument && $0.distinct == call.distinct }
        }
        return calls.map { call in
            var call = call
            if call.function == .avg, call.argumentType.isInteger || call.argumentType == .float,
               reducedAll || (has(.sum, like: call) && has(.count, like: call)) {
                call.sumWraps = true
            }
            return call
        }
    }

    /// A `LISTAGG(DISTINCT …)` as written (not the LISTAGG under ARRAY_AGG, COLLECT or the JSON
    /// aggregates, whose separators are control characters): its values show the order in
    /// which Flink's aggregation phases hand them on.
    public var isDistinctTextList: Bool {
        function == .listagg && distinct && separator != "\u{1}" && separator != "\u{3}"
    }
    /// MAX over a column that only grows (MIN: only shrinks) takes no retraction, as Flink's
    /// planner decides from the column's monotonicity: a retracted row's value stays counted
    /// (it is no longer the largest once its new value comes).
    public var ignoresRetraction = false
    /// A LISTAGG that only feeds `PERCENTILE(…, percentile)` (see the parser's
    /// parsePercentile): an updating aggregation's result changes when that percentile
    /// does, not whenever the list does (Flink compares the percentile).
    public var percentile: Double?
    /// `LAG(x, offset, default)` OVER an unbounded frame (bound as LAST_VALUE with these):
    /// the value `offset` rows before the frame's last, NULL ones included, else `lagDefault`.
    public var lagOffset: Int?
    public var lagDefault: BoundExpression?

    public init(function: AggregateFunction, argument: BoundExpression?, distinct: Bool, argumentType: DataType, resultType: DataType, text: String) {
        self.function = function
        self.argument = argument
        self.distinct = distinct
        self.argumentType = argumentType
        self.resultType = resultType
        self.text = text
    }
}

/// A computed column (`ts AS TO_TIMESTAMP(s)` in `CREATE TABLE`): the input slot it fills, and
/// its expression over the input row's other slots.
public struct ComputedField: Sendable, Hashable {
    public var slot: Int
    public var expression: BoundExpression
    public var type: DataType
}

/// What a query computes, as the runtime executes it.
///
/// Row layouts, which the bound expressions' slots index:
/// - the input row: `fields`, decoded from each event;
/// - the window row (projections without aggregation over a window TVF): the input row,
///   then `window_start, window_end, window_time`;
/// - the result row (aggregation): `window_start, window_end, window_time`, the keys, the aggregates.
public struct QueryPlan: Sendable {
    /// The fields read from TIMESTAMP_LTZ columns and the session's time zone, when it is not
    /// UTC: the decoder makes their instants the zone's wall clocks.
    public var localTimes: (fields: [Int], zone: String)? {
        guard table.sessionTimeZone != "UTC", !table.localTimeColumns.isEmpty else { return nil }
        let fields = self.fields.indices.filter { table.localTimeColumns.contains(self.fields[$0].name.lowercased()) }
        return fields.isEmpty ? nil : (fields, table.sessionTimeZone)
    }

    public enum Mode: Sendable, Hashable {
        /// One result row per event (per window, for a window TVF): filter and project.
        case projection
        /// One result row per window and group key, when the window closes.
        case windowAggregate
    }

    public var mode: Mode
    public var table: TableSchema
    /// The event fields the query reads; slot `i` of the input row holds `fields[i]`.
    public var fields: [Column]
    /// Fields computed from the decoded ones after each line is read, in this order.
    public var computed: [ComputedField] = []
    /// The input slot of the event time, when the query has a window.
    public var timeSlot: Int?
    /// How far the watermark trails the largest event time, in milliseconds.
    public var watermarkDelay: Int64
    /// `WHERE`, over the input row.
    public var filter: BoundExpression?
    public var window: WindowSpec?
    /// Group keys over the input row (window properties excluded).
    public var keys: [BoundExpression]
    public var keyTypes: [DataType]
    public var aggregates: [AggregateCall]
    /// `HAVING`, over the result row.
    public var having: BoundExpression?
    /// The select list, over the result row (aggregation) or the input/window row (projection).
    public var projections: [BoundExpression]
    /// The output columns: names (aliases, `EXPR$n`) and types.
    public var outputColumns: [Column]
    /// `SELECT DISTINCT`: duplicate rows of one firing are written once.
    public var distinct: Bool
    /// The query's text as written, for messages.
    public var sql: String

    /// Slots of the result row before the keys: window_start, window_end, window_time.
    public static let windowPropertyCount = 3
    /// The result row's slot of window_time (the window's end less a millisecond).
    public static let windowTimeSlot = 2
}

/// The columns a window adds to its rows (Flink's names), with the placeholder slot each has
/// in a bound expression until the input row's width is known.
public enum WindowColumn: String, CaseIterable, Sendable {
    case start = "window_start", end = "window_end", time = "window_time"

    public var placeholder: Int {
        switch self {
        case .start: -1
        case .end: -2
        case .time: -3
        }
    }

    /// `window_start, window_end, window_time`, in that order.
    public static let names = allCases.map(\.rawValue)

    /// The column of that name in `columns`, if any (names compare case-insensitively).
    public func index(in columns: [Column]) -> Int? {
        columns.firstIndex { $0.name.lowercased() == rawValue }
    }
}
