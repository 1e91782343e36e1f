import SQLSyntax

/// Whether a result only grows, or also changes rows it has already written.
public enum ChangelogMode: String, Sendable, Hashable {
    /// Every row is final when written (`+I` only): windowed aggregates, projections.
    case appendOnly = "append-only"
    /// Rows are retracted and replaced (`-U`/`+U`, `-D`): keep-last deduplication, …
    case updating
}

/// The kind of a changelog row, as Flink names them.
public enum RowKind: String, Sendable, Hashable {
    case insert = "+I", updateBefore = "-U", updateAfter = "+U", delete = "-D"

    /// Whether the row adds to the result (`+I`, `+U`) rather than takes from it.
    public var isAccumulate: Bool { self == .insert || self == .updateAfter }
}

/// `ROW_NUMBER`, `RANK` or `DENSE_RANK`.
public enum RankFunction: String, Sendable, Hashable {
    case rowNumber = "ROW_NUMBER", rank = "RANK", denseRank = "DENSE_RANK"
}

/// A sort key over an operator's input row.
public struct SortKey: Sendable, Hashable {
    public var slot: Int
    public var descending: Bool
    /// `NULLS FIRST` or `LAST`; nil: NULL is the smallest value (first ascending, last descending).
    public var nullsFirst: Bool?
    public init(slot: Int, descending: Bool, nullsFirst: Bool? = nil) {
        self.slot = slot
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

/// A Top-N: the first `limit` rows of each partition by the sort keys, numbered.
public struct RankSpec: Sendable, Hashable {
    public var function: RankFunction
    /// Partition columns of the input row.
    public var partition: [Int]
    public var order: [SortKey]
    /// Rows ranked at most this are kept (`rn <= limit`).
    public var limit: Int64
    /// And at least this (`rn >= start`, `rn BETWEEN start AND limit`).
    public var start: Int64 = 1
    /// Partitioned by window_start and window_end: written when the window closes.
    public var windowed: Bool
    /// Whether the query reads the rank number. When it does not, a Top-N without a window
    /// writes only rows entering and leaving the first N (and updates of one), as Flink.
    public var outputsRank: Bool
    /// Whether the input's rows have a unique key (an aggregation's group, a table's primary
    /// key): an update then replaces its row in one step (Flink's UpdatableTopNFunction);
    /// otherwise every change is applied on its own (RetractableTopNFunction).
    public var upsert = true
    /// Top-1 ranked in place (Flink's FastTop1Function, when `upsert` holds): only a row
    /// strictly better than the one written replaces it, `-U` old (unless
    /// `dropsUpdateBefore`) and `+U` new; retractions of the input are not looked at.
    public var fastTop1 = false
    /// Flink 2.3 declares a Top-1 over an append-only input insert-only when it sorts by one key
    /// ascending or by several (its planner takes it for a deduplication), and then writes no
    /// `-U`: the replaced row stays in the result, the new one comes as `+U`.
    public var dropsUpdateBefore = false
    /// `LIMIT n` without `ORDER BY` (Flink's Limit): the first rows to arrive, whatever their
    /// kind, counted and passed on (an accumulation as `+I`, a retraction as `-D`), the rest
    /// ignored.
    public var firstN = false
    /// The input only inserts (Flink's AppendOnlyTopNFunction): with the number or an offset,
    /// every position from the new row's on is written again, equal rows too.
    public var appendOnlyInput = false

    /// A window Top-N's columns of window_start and window_end, when they go by other names.
    public var windowSlots: [Int]?

    public init(function: RankFunction, partition: [Int], order: [SortKey], limit: Int64, windowed: Bool, outputsRank: Bool = true) {
        self.function = function
        self.partition = partition
        self.order = order
        self.limit = limit
        self.windowed = windowed
        self.outputsRank = outputsRank
    }
}

/// Deduplication: per key, the first or the last row in event time.
public struct DeduplicateSpec: Sendable, Hashable {
    public var keys: [Int]
    /// The input slot of the event time the rows are ordered by.
    public var timeSlot: Int
    public var keepLast: Bool
    /// Partitioned by window_start and window_end too: one row per window and key, when the
    /// window closes.
    public var windowed: Bool

    /// A window deduplication's columns of window_start and window_end, when they go by other
    /// names.
    public var windowSlots: [Int]?
    /// Ordered by the processing-time attribute (`pt AS PROCTIME()`): rows in the order they
    /// arrive, `timeSlot` unused.
    public var byArrival = false

    public init(keys: [Int], timeSlot: Int, keepLast: Bool, windowed: Bool) {
        self.keys = keys
        self.timeSlot = timeSlot
        self.keepLast = keepLast
        self.windowed = windowed
    }
}

/// `agg OVER (PARTITION BY … ORDER BY time ROWS|RANGE BETWEEN … AND CURRENT ROW)`.
public struct OverSpec: Sendable, Hashable {
    public enum Frame: Sendable, Hashable {
        /// The current row and the `n` before it in its partition.
        case rows(preceding: Int64?)
        /// The rows of the partition whose time is at most `preceding` ms before the current row's.
        case range(preceding: Int64?)
    }

    public var partition: [Int]
    /// PARTITION BY expressions that are not plain columns (`user_id % 5`), evaluated over the
    /// input row after the `partition` columns to make the key.
    public var partitionExpressions: [BoundExpression]
    /// The input slot of the event time rows are ordered by.
    public var timeSlot: Int
    public var frame: Frame
    public var calls: [AggregateCall]
    /// Ordered by a column that is not a time attribute (`timeSlot` then names it): an
    /// updating result over any input, the frame from the partition's first row.
    public var nonTime = false
    /// Where NULL sorts in that order (first unless `NULLS LAST`).
    public var nullsFirst = true
    /// The input columns that tell a retracted row from its equals (Flink compares the
    /// columns its plan reads); nil: all.
    public var identity: [Int]?

    public init(partition: [Int], partitionExpressions: [BoundExpression] = [], timeSlot: Int, frame: Frame, calls: [AggregateCall]) {
        self.partition = partition
        self.partitionExpressions = partitionExpressions
        self.timeSlot = timeSlot
        self.frame = frame
        self.calls = calls
    }
}

/// `a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - lower AND a.ts + upper`.
/// The windows a window TVF gives each row of a changelog.
public struct WindowAssignSpec: Sendable, Hashable {
    public var window: WindowSpec
    /// The input column holding the time.
    public var timeSlot: Int
    /// A SESSION window's `PARTITION BY` columns: sessions are per value of these.
    public var partition: [Int]

    public init(window: WindowSpec, timeSlot: Int, partition: [Int] = []) {
        self.window = window
        self.timeSlot = timeSlot
        self.partition = partition
    }
}

/// A regular join: equal keys, no time bound.
public struct RegularJoinSpec: Sendable {
    public var kind: JoinType
    /// Equal keys: slots of the left row and of the right row, pairwise.
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    /// An outer join's other conditions (an inner join's are filtered after it): a filter over
    /// the joined row, `fields[i]` read from slot `residualSlots[i]` of the left row followed
    /// by the right row.
    public var residual: QueryPlan?
    public var residualSlots: [Int] = []
    /// Keys compared with IS NOT DISTINCT FROM: NULL matches NULL there.
    public var nullSafeKeys: [Bool] = []
    public var leftWidth: Int
    public var rightWidth: Int
    public var leftName: String
    public var rightName: String

    public init(kind: JoinType, leftKeys: [Int], rightKeys: [Int], leftWidth: Int, rightWidth: Int, leftName: String, rightName: String) {
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.leftWidth = leftWidth
        self.rightWidth = rightWidth
        self.leftName = leftName
        self.rightName = rightName
    }
}

/// ChangelogNormalize: the primary key, and the query's filter when Flink pushes it in (a row
/// that starts passing it is then `+I`, one that stops `-D`).
public struct NormalizeSpec: Sendable {
    public var keys: [Int]
    /// A plan over the node's columns whose `filter` is the condition.
    public var filter: QueryPlan?

    public init(keys: [Int], filter: QueryPlan?) {
        self.keys = keys
        self.filter = filter
    }
}

/// A semi or anti join (`WHERE [NOT] EXISTS (…)`, `x [NOT] IN (SELECT …)`): the left rows
/// that have (semi) or have not (anti) a matching right row; the right rows are only looked at.
public struct SemiJoinSpec: Sendable {
    /// Keep the left rows without a match (NOT IN, NOT EXISTS) rather than those with one.
    public var anti: Bool
    /// Equal keys: slots of the left row and of the right row, pairwise. NULL matches nothing.
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    /// `x NOT IN (SELECT y …)` (`(x, z) NOT IN (SELECT y, w …)`): a left row also matches a
    /// right row when each pair is equal or has a NULL (SQL's three-valued NOT IN: a NULL makes
    /// the comparison unknown, so the row is not kept). The pairs of slots compared.
    public var nullAwareKeys: [(left: Int, right: Int)]
    /// The rest of a correlated condition: a filter over the joined row, `fields[i]` read
    /// from slot `residualSlots[i]` of the left row followed by the right row.
    public var residual: QueryPlan?
    public var residualSlots: [Int]
    public var leftWidth: Int
    /// Keys compare NULL equal to NULL (INTERSECT, EXCEPT), not as `=` (NULL matches nothing).
    public var nullSafe = false

    public init(anti: Bool, leftKeys: [Int], rightKeys: [Int], nullAwareKeys: [(left: Int, right: Int)], residual: QueryPlan?,
                residualSlots: [Int], leftWidth: Int) {
        self.anti = anti
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.nullAwareKeys = nullAwareKeys
        self.residual = residual
        self.residualSlots = residualSlots
        self.leftWidth = leftWidth
    }
}

public struct IntervalJoinSpec: Sendable {
    public var kind: JoinType
    /// Equal keys: slots of the left row and of the right row, pairwise.
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    public var leftTimeSlot: Int
    public var rightTimeSlot: Int
    /// A right row joins a left row when `left.time + lowerBound <= right.time <= left.time + upperBound`.
    public var lowerBound: Int64
    public var upperBound: Int64
    /// An outer join's other conditions (an inner join's are filtered after it): a filter over
    /// the joined row, `fields[i]` read from slot `residualSlots[i]` of the left row followed
    /// by the right row.
    public var residual: QueryPlan?
    public var residualSlots: [Int] = []
    public var leftWidth: Int
    public var rightWidth: Int
    /// The tables' aliases: the joined row's columns are named `alias.column`.
    public var leftName: String
    public var rightName: String

    public init(kind: JoinType, leftKeys: [Int], rightKeys: [Int], leftTimeSlot: Int, rightTimeSlot: Int, lowerBound: Int64, upperBound: Int64,
                residual: QueryPlan?, leftWidth: Int, rightWidth: Int, leftName: String, rightName: String) {
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.leftTimeSlot = leftTimeSlot
        self.rightTimeSlot = rightTimeSlot
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.residual = residual
        self.leftWidth = leftWidth
        self.rightWidth = rightWidth
        self.leftName = leftName
        self.rightName = rightName
    }
}

/// `ORDER BY` the event time (then `order`) on a stream: rows written in that order as the
/// watermark passes their time.
public struct TemporalSortSpec: Sendable {
    public var timeSlot: Int
    /// The keys after the event time, for rows of one time.
    public var order: [SortKey]

    public init(timeSlot: Int, order: [SortKey]) {
        self.timeSlot = timeSlot
        self.order = order
    }
}

/// An event-time temporal join (`JOIN rates FOR SYSTEM_TIME AS OF o.order_time AS r ON …`):
/// each left row joined with the version of the right (versioned) table's row for its key that
/// was current at the left row's time.
public struct TemporalJoinSpec: Sendable {
    /// `.inner` or `.left`.
    public var kind: JoinType
    /// Equal keys: slots of the left row and of the right row, pairwise; they hold the right
    /// table's whole primary key.
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    public var leftTimeSlot: Int
    public var rightTimeSlot: Int
    /// The join's other conditions: a filter over the joined row, `fields[i]` read from slot
    /// `residualSlots[i]` of the left row followed by the right row. A left row whose version
    /// fails it is dropped (inner) or padded (left), as when it has no version.
    public var residual: QueryPlan?
    public var residualSlots: [Int] = []
    public var leftWidth: Int
    public var rightWidth: Int
    public var leftName: String
    public var rightName: String

    public init(kind: JoinType, leftKeys: [Int], rightKeys: [Int], leftTimeSlot: Int, rightTimeSlot: Int,
                leftWidth: Int, rightWidth: Int, leftName: String, rightName: String) {
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.leftTimeSlot = leftTimeSlot
        self.rightTimeSlot = rightTimeSlot
        self.leftWidth = leftWidth
        self.rightWidth = rightWidth
        self.leftName = leftName
        self.rightName = rightName
    }
}

/// `CROSS JOIN UNNEST(arr) AS t (x)`: where the array is in the input row, the element's type,
/// and whether a row without elements is kept with a NULL (`LEFT JOIN … ON TRUE`).
public struct UnnestSpec: Sendable {
    public var arraySlot: Int
    public var elementType: DataType
    public var keepsEmpty: Bool
    public var leftName: String
    public var rightName: String
    public var elementName: String
    /// An element that is a ROW becomes these columns, one a field (named as the alias list
    /// says, or as the fields); empty for an element of another type, one column.
    public var elementFields: [Column] = []

    /// `WITH ORDINALITY`: the name of the element's position column (1 the first), after the
    /// element's columns.
    public var ordinalityName: String?

    /// The last column is a count, not an array: each row comes out that many times, without it
    /// (Flink's ReplicateRows, which its plans of INTERSECT ALL and EXCEPT ALL end with).
    public var replicates = false

    /// The columns an element adds to its row.
    public var elementColumns: [Column] {
        if replicates { return [] }
        return (elementFields.isEmpty ? [Column(name: elementName, type: elementType)] : elementFields)
            + (ordinalityName.map { [Column(name: $0, type: .int)] } ?? [])
    }
}

/// The join types of an interval join.
public enum JoinType: String, Sendable, Hashable {
    case inner = "InnerJoin", left = "LeftOuterJoin", right = "RightOuterJoin", full = "FullOuterJoin"
}

/// The operator graph of a query that is more than one table's windowed aggregate or
/// projection: relational algebra as the runtime runs it, each node one operator.
public indirect enum PlanNode: Sendable {
    /// One table read, decoded, filtered, windowed, aggregated and projected (the fused path
    /// of `QueryExecutor`).
    case source(QueryPlan)
    /// A filter and projection of the input's rows: `plan` reads the input's columns as a table.
    case calc(PlanNode, QueryPlan)
    /// Window Top-N (partitioned by window_start and window_end) or Top-N.
    case rank(PlanNode, RankSpec)
    case deduplicate(PlanNode, DeduplicateSpec)
    case overAggregate(PlanNode, OverSpec)
    case union([PlanNode])
    case intervalJoin(PlanNode, PlanNode, IntervalJoinSpec)
    /// Each left row with the right (versioned) table's row as it was at the left row's time,
    /// written once the watermark passes that time (Flink's TemporalRowTimeJoinOperator).
    case temporalJoin(PlanNode, PlanNode, TemporalJoinSpec)
    /// The rows in event-time order, each written when the watermark passes its time (Flink's
    /// RowTimeSortOperator).
    case temporalSort(PlanNode, TemporalSortSpec)
    /// A join on equal keys without a time bound: every row of both sides kept (Flink's
    /// regular join); its result updates.
    case regularJoin(PlanNode, PlanNode, RegularJoinSpec)
    /// The left rows with (or, anti, without) a matching right row: `[NOT] EXISTS`, `[NOT] IN`
    /// with a subquery.
    case semiJoin(PlanNode, PlanNode, SemiJoinSpec)
    /// Each row once per window containing its time, with `window_start`, `window_end` and
    /// `window_time` appended, kind kept (a window TVF over a changelog).
    case windowAssign(PlanNode, WindowAssignSpec)
    /// Several grouping sets of one window aggregation: each a source of its own, the rows
    /// padded to the same columns.
    case expand([PlanNode])
    /// Each row once per grouping set, in their order (Flink's Expand before an aggregation
    /// without a window): `plans[i]` projects the row for set `i`.
    case expandRows(PlanNode, [QueryPlan], columns: [Column])
    /// An aggregation without a window: an updating result.
    case groupAggregate(PlanNode, GroupAggregateSpec)
    /// Two windowed inputs joined per window, when it closes.
    case windowJoin(PlanNode, PlanNode, WindowJoinSpec)
    /// A change-data-capture table's changes applied against the last row of each primary
    /// key (Flink's ChangelogNormalize): a change delivered twice changes nothing.
    case changelogNormalize(PlanNode, NormalizeSpec)
    /// Each row joined with the rows of a database table matching its key, looked up when it
    /// arrives (Flink's lookup join, `FOR SYSTEM_TIME AS OF` a processing-time attribute).
    case lookupJoin(PlanNode, LookupJoinSpec)
    /// Each row repeated with each element of an array of its own (`CROSS JOIN UNNEST`). The
    /// input's last column is the array; it is dropped, the element added.
    case unnest(PlanNode, UnnestSpec)

    /// The columns of the rows this node produces.
    public var columns: [Column] {
        switch self {
        case .source(let plan), .calc(_, let plan): plan.outputColumns
        case .rank(let input, _): input.columns + [Column(name: "$rank", type: .bigint)]
        case .deduplicate(let input, _): input.columns + [Column(name: "$rank", type: .bigint)]
        case .changelogNormalize(let input, _): input.columns
        case .temporalSort(let input, _): input.columns
        case .semiJoin(let left, _, _): left.columns
        case let .overAggregate(input, spec): input.columns + spec.calls.enumerated().map { Column(name: "$over\($0.offset)", type: $0.element.resultType) }
        case .union(let inputs), .expand(let inputs): inputs[0].columns
        case .expandRows(_, _, let columns): columns
        case let .groupAggregate(input, spec): Self.aggregateColumns(input.columns, spec)
        case let .windowJoin(left, _, spec) where spec.semi != nil: left.columns
        case let .windowJoin(left, right, spec):
            left.columns.map { $0.renamed("\(spec.leftName).\($0.name)") }
                + right.columns.map { $0.renamed("\(spec.rightName).\($0.name)") }
        case let .intervalJoin(left, right, spec):
            left.columns.map { $0.renamed("\(spec.leftName).\($0.name)") }
                + right.columns.map { $0.renamed("\(spec.rightName).\($0.name)") }
        case let .temporalJoin(left, right, spec):
            // After other joins the left's rows keep their names (`alias.column` already).
            left.columns.map { $0.renamed(spec.leftName.isEmpty ? $0.name : "\(spec.leftName).\($0.name)") }
                + right.columns.map { $0.renamed("\(spec.rightName).\($0.name)") }
        case let .regularJoin(left, right, spec):
            // A join's rows keep their names (`alias.column` already).
            left.columns.map { $0.renamed(spec.leftName.isEmpty ? $0.name : "\(spec.leftName).\($0.name)") }
                + right.columns.map { $0.renamed(spec.rightName.isEmpty ? $0.name : "\(spec.rightName).\($0.name)") }
        case let .windowAssign(input, spec):
            // window_time has the time column's type (a TIMESTAMP_LTZ's is one), the bounds are TIMESTAMPs.
            input.columns + WindowColumn.allCases.map {
                Column(name: $0.rawValue, type: $0 == .time ? .timestamp(like: input.columns[spec.timeSlot].type) : .timestamp)
            }
        case let .lookupJoin(left, spec):
            left.columns.map { $0.renamed("\(spec.leftName).\($0.name)") }
                + spec.table.columns.map { $0.renamed("\(spec.rightName).\($0.name)") }
        case let .unnest(input, spec):
            // After joins (or UNNESTs) the left columns are `alias.column` already.
            input.columns.prefix(spec.arraySlot).map { $0.renamed(spec.leftName.isEmpty || spec.replicates ? $0.name : "\(spec.leftName).\($0.name)") }
                + spec.elementColumns.map { Column(name: "\(spec.rightName).\($0.name)", type: $0.type) }
        }
    }

    /// A group aggregation's columns: a key column, or a MIN/MAX/FIRST_VALUE/LAST_VALUE of
    /// one, keeps its fraction digits.
    private static func aggregateColumns(_ inputColumns: [Column], _ spec: GroupAggregateSpec) -> [Column] {
        func digits(_ e: BoundExpression?) -> Int? {
            guard case .slot(let slot)? = e, slot < inputColumns.count else { return nil }
            return inputColumns[slot].fractionDigits
        }
        let keeping: Set<AggregateFunction> = [.min, .max, .firstValue, .lastValue]
        return spec.keyTypes.enumerated().map { Column(name: "$key\($0.offset)", type: $0.element, fractionDigits: digits(spec.keys[$0.offset])) }
            + spec.calls.enumerated().map {
                Column(name: "$agg\($0.offset)", type: $0.element.resultType,
                       fractionDigits: keeping.contains($0.element.function) ? digits($0.element.argument) : nil)
            }
    }

    public var changelogMode: ChangelogMode {
        switch self {
        case .source(let plan): plan.table.format == .json ? .appendOnly : .updating
        case .groupAggregate(_, let spec): spec.windowEndKey == nil ? .updating : .appendOnly
        case .changelogNormalize: .updating
        case .windowAssign(let input, _): input.changelogMode
        case .overAggregate(let input, let spec): spec.nonTime ? .updating : input.changelogMode
        case .calc(let input, _), .lookupJoin(let input, _), .unnest(let input, _): input.changelogMode
        // A version that changes later changes no row already joined: only the left's kinds.
        case .temporalJoin(let left, _, _): left.changelogMode
        case .temporalSort(let input, _): input.changelogMode
        case .rank(let input, let spec): spec.windowed ? input.changelogMode : .updating
        case .deduplicate(let input, let spec): spec.keepLast && !spec.windowed ? .updating : input.changelogMode
        case .union(let inputs), .expand(let inputs): inputs.contains { $0.changelogMode == .updating } ? .updating : .appendOnly
        case .expandRows(let input, _, _): input.changelogMode
        case let .intervalJoin(left, right, _), let .windowJoin(left, right, _):
            left.changelogMode == .updating || right.changelogMode == .updating ? .updating : .appendOnly
        case let .semiJoin(left, right, spec):
            // An anti join retracts a row when its first match arrives; a semi join, when
            // the right side retracts its last match.
            !spec.anti && left.changelogMode == .appendOnly && right.changelogMode == .appendOnly ? .appendOnly : .updating
        case let .regularJoin(left, right, spec):
            // An outer side's padding is retracted when a match arrives.
            spec.kind == .inner && left.changelogMode == .appendOnly && right.changelogMode == .appendOnly ? .appendOnly : .updating
        }
    }

    /// The nodes this one reads.
    public var inputs: [PlanNode] {
        switch self {
        case .source: []
        case .calc(let input, _), .rank(let input, _), .deduplicate(let input, _), .overAggregate(let input, _), .groupAggregate(let input, _),
             .changelogNormalize(let input, _), .lookupJoin(let input, _), .unnest(let input, _), .windowAssign(let input, _),
             .temporalSort(let input, _): [input]
        case .union(let inputs), .expand(let inputs): inputs
        case .expandRows(let input, _, _): [input]
        case let .intervalJoin(left, right, _), let .windowJoin(left, right, _), let .regularJoin(left, right, _),
             let .semiJoin(left, right, _), let .temporalJoin(left, right, _): [left, right]
        }
    }

    /// Whether each of the node's rows has a key no other row has at the same time: rows of an
    /// aggregation, or of a change-data-capture table normalized by its primary key.
    public var hasUniqueKey: Bool { uniqueKey != nil }

    /// The columns of that key, where the node's rows keep them.
    public var uniqueKey: [Int]? {
        switch self {
        case .groupAggregate(_, let spec): Array(0..<spec.keys.count)
        case .changelogNormalize(_, let spec): spec.keys
        case let .calc(input, plan): input.uniqueKey.flatMap { Self.key($0, of: input, through: plan) }
        default: nil
        }
    }

    /// The key of a versioned view's rows (Flink's upsert key, which a temporal join needs): a
    /// unique key, or the partition of a deduplication on event time, whose row per key a
    /// later one replaces.
    public var versionKey: [Int]? {
        switch self {
        case let .deduplicate(_, spec) where !spec.windowed && !spec.byArrival: spec.keys
        case let .calc(input, plan) where plan.filter == nil: input.versionKey.flatMap { Self.key($0, of: input, through: plan) }
        case let .source(plan) where plan.mode == .projection && plan.filter == nil && !plan.table.primaryKey.isEmpty:
            // A projection of a table with a primary key: where it keeps the key's columns
            // (filtered, its versions would be wrong: Flink refuses it).
            Self.keyColumns(plan.table.primaryKey, through: plan)
        default: uniqueKey
        }
    }

    /// Where a projection keeps the columns of its input's key, by name; nil if it drops one.
    private static func key(_ key: [Int], of input: PlanNode, through plan: QueryPlan) -> [Int]? {
        keyColumns(key.map { input.columns[$0].name }, through: plan)
    }

    private static func keyColumns(_ names: [String], through plan: QueryPlan) -> [Int]? {
        var columns: [Int] = []
        for name in names {
            guard let out = plan.projections.firstIndex(where: { projection in
                guard case .slot(let field) = projection, field < plan.fields.count else { return false }
                return plan.fields[field].name.lowercased() == name.lowercased()
            }) else { return nil }
            columns.append(out)
        }
        return columns
    }

    /// The window of the window TVF (or window aggregation) whose rows these are, through
    /// projections.
    public var windowSpec: WindowSpec? {
        switch self {
        case .source(let plan): plan.window
        case .calc(let input, _): input.windowSpec
        case .windowAssign(_, let spec): spec.window
        default: nil
        }
    }

    /// Where the node's rows hold a window's start and end: followed from the window
    /// aggregation or window TVF that made them through projections that keep them, under any
    /// name (Flink's window properties); nil for any other node.
    public var windowBounds: (start: Int, end: Int)? {
        switch self {
        case .source(let plan) where plan.window != nil:
            // A window aggregation's result row starts with the window's start and end; a
            // window TVF's rows have them after the input fields.
            let first = plan.mode == .windowAggregate ? 0 : plan.fields.count
            guard let start = plan.projections.firstIndex(of: .slot(first)), let end = plan.projections.firstIndex(of: .slot(first + 1)) else { return nil }
            return (start, end)
        case let .calc(input, plan):
            guard plan.filter == nil || input.changelogMode == .appendOnly, let inner = input.windowBounds else { return nil }
            func output(_ column: Int) -> Int? {
                plan.projections.firstIndex { projection in
                    guard case .slot(let field) = projection, field < plan.fields.count else { return false }
                    // The input's column by name, or in its place under a new name (`AS w (a, b, …)`).
                    return plan.fields[field].name.lowercased() == input.columns[column].name.lowercased()
                        || (field == column && plan.fields.count == input.columns.count)
                }
            }
            guard let start = output(inner.start), let end = output(inner.end) else { return nil }
            return (start, end)
        case .windowAssign(let input, _):
            return (input.columns.count, input.columns.count + 1)
        case let .rank(input, spec) where spec.windowed:
            // A window Top-N and a window deduplication keep their rows' window (Flink's
            // WindowRank and WindowDeduplicate keep the window properties).
            return input.windowBounds
        case let .deduplicate(input, spec) where spec.windowed:
            return input.windowBounds
        case let .windowJoin(left, right, spec) where spec.kind == .inner:
            // An inner window join's rows keep the window (Flink's WindowJoin keeps the window
            // properties of its inputs); a semi or anti join's rows are the left's.
            if let bounds = left.windowBounds { return bounds }
            guard spec.semi == nil, let bounds = right.windowBounds else { return nil }
            return (spec.leftWidth + bounds.start, spec.leftWidth + bounds.end)
        case let .unnest(input, spec):
            // Each element's row keeps its row's columns in place (Flink's Correlate keeps
            // the window properties of a window TVF's rows).
            guard let inner = input.windowBounds, inner.start < spec.arraySlot, inner.end < spec.arraySlot, !spec.replicates else { return nil }
            return inner
        default:
            return nil
        }
    }

    /// The window's start and end as `windowBounds` finds them, else the columns named
    /// window_start and window_end (a window aggregation over a changelog, a join's rows).
    public var windowColumns: (start: Int, end: Int)? {
        if let bounds = windowBounds { return bounds }
        let columns = self.columns
        guard let start = WindowColumn.start.index(in: columns), let end = WindowColumn.end.index(in: columns) else { return nil }
        return (start, end)
    }

    /// How column `column` of this node's rows can change (`modifiedMonotonicity`).
    public func monotonicity(of column: Int) -> Monotonicity {
        guard let all = modifiedMonotonicity, column < all.count else { return .none }
        return all[column]
    }

    /// How each column of this node's rows can change, as Flink's
    /// `FlinkRelMdModifiedMonotonicity` derives it where weir needs it (a Top-N's strategy,
    /// a MAX or MIN that needs no retraction); nil where rows may be deleted (Flink's null).
    /// An append-only input's columns are constant; an aggregation over an input whose group
    /// keys are constant keeps them constant, and COUNT only grows (even over updates), MAX
    /// grows, MIN shrinks, and a SUM grows when its values cannot be negative (Flink's
    /// filtered column interval: a constant, a CASE of constants, a column a filter or the
    /// call's FILTER bounds below by zero) and shrinks when they cannot be positive; over an
    /// updating input a call keeps that only where its argument's own monotonicity agrees.
    /// A projection passes a column's on (through a CAST too), a filter over updates none (a
    /// Top-N over a HAVING retracts in Flink). Anything else is not monotonic (cases
    /// `w_topn_monotonic_*`).
    public var modifiedMonotonicity: [Monotonicity]? {
        switch self {
        case .source:
            return Array(repeating: changelogMode == .appendOnly ? .constant : .none, count: columns.count)
        case let .calc(input, plan):
            guard let inputMonotonicity = input.modifiedMonotonicity else { return nil }
            if inputMonotonicity.allSatisfy({ $0 == .constant }) { return Array(repeating: .constant, count: plan.projections.count) }
            func inputColumn(_ e: BoundExpression) -> Int? {
                var e = e
                if case let .cast(inner, from, to) = e, from.isNumeric, to.isNumeric { e = inner }
                guard case .slot(let field) = e, field < plan.fields.count else { return nil }
                return input.columns.firstIndex { $0.name.lowercased() == plan.fields[field].name.lowercased() }
            }
            // A filter over updates (a HAVING) makes Flink's Top-N retract (checked), whatever it keeps.
            if plan.filter != nil { return Array(repeating: .none, count: plan.projections.count) }
            return plan.projections.map { inputColumn($0).map { inputMonotonicity[$0] } ?? .none }
        case let .groupAggregate(input, spec):
            // A window's rows are final when written.
            if spec.windowEndKey != nil { return Array(repeating: .constant, count: columns.count) }
            guard let inputMonotonicity = input.modifiedMonotonicity else { return nil }
            let inputConstant = inputMonotonicity.allSatisfy { $0 == .constant }
            for key in spec.keys {
                if case .slot(let s) = key, s < inputMonotonicity.count {
                    guard inputMonotonicity[s] == .constant else { return nil }
                } else if !inputConstant {
                    return nil
                }
            }
            let calls = spec.calls.map { call -> Monotonicity in
                var monotonicity: Monotonicity
                switch call.function {
                case .count, .max: monotonicity = .increasing
                case .min: monotonicity = .decreasing
                case .sum: monotonicity = call.argument.flatMap { input.valueInterval(of: $0) }?.sumMonotonicity ?? .none
                default: monotonicity = .none
                }
                // Over updates a call keeps it only where its argument does ("COUNT will
                // increase even when its argument is not monotonic").
                if !inputConstant, call.function != .count, let argument = call.argument {
                    let own: Monotonicity = if case .slot(let s) = argument, s < inputMonotonicity.count { inputMonotonicity[s] } else { .none }
                    if own != monotonicity { monotonicity = .none }
                }
                return monotonicity
            }
            return Array(repeating: .constant, count: spec.keys.count) + calls
        default:
            return changelogMode == .appendOnly ? Array(repeating: .constant, count: columns.count) : nil
        }
    }

    /// The values `e` (over this node's rows) can take, as Flink's column interval finds them
    /// for a SUM: constants, CASE branches (one branch without ELSE is a FILTER clause, which
    /// bounds its value by its condition, as Flink's filter argument does), and columns bounded
    /// by comparisons with constants in the filter of the projection that makes them; nil when
    /// unknown (a CAST too: `SUM(CAST(x AS BIGINT)) … WHERE x >= 0` retracts in Flink).
    func valueInterval(of e: BoundExpression) -> ValueInterval? {
        Self.interval(e, under: [], filterClause: true) { columnInterval($0) }
    }

    /// The values column `column` of this node's rows can take (`valueInterval`).
    private func columnInterval(_ column: Int) -> ValueInterval? {
        let plan: QueryPlan, input: PlanNode?
        switch self {
        case .source(let p): (plan, input) = (p, nil)
        case let .calc(i, p): (plan, input) = (p, i)
        default: return nil
        }
        guard column < plan.projections.count else { return nil }
        return Self.interval(plan.projections[column], under: plan.filter?.conjuncts ?? [], filterClause: false) { field in
            guard let input, field < plan.fields.count,
                  let inputColumn = input.columns.firstIndex(where: { $0.name.lowercased() == plan.fields[field].name.lowercased() })
            else { return nil }
            return input.columnInterval(inputColumn)
        }
    }

    /// `e`'s values, its columns' (`column`) bounded by `conditions`; a one-branch CASE
    /// without ELSE narrowed by its condition only as an aggregate's FILTER (`filterClause`).
    private static func interval(_ e: BoundExpression, under conditions: [BoundExpression], filterClause: Bool,
                                 column: (Int) -> ValueInterval?) -> ValueInterval? {
        switch e {
        case .constant(let v):
            if v.isNull { return .empty }
            return number(v).map { ValueInterval(lower: $0, upper: $0) }
        case let .caseWhen(branches, otherwise):
            if filterClause, branches.count == 1, case .constant(let v) = otherwise, v.isNull {
                return interval(branches[0].result, under: conditions + branches[0].condition.conjuncts, filterClause: false, column: column)
            }
            var union = ValueInterval.empty
            for result in branches.map(\.result) + [otherwise] {
                guard let i = interval(result, under: conditions, filterClause: false, column: column) else { return nil }
                union = union.union(i)
            }
            return union
        case .slot(let s):
            var bound = column(s)
            for conjunct in conditions { bound = ValueInterval.bounding(bound, by: conjunct, slot: s) }
            return bound
        default:
            return nil
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i): Double(i)
        case .double(let d): d.isNaN ? nil : d
        case .decimal(let unscaled, let scale): Double(unscaled) / pow10(Int(scale))
        default: nil
        }
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    public enum Monotonicity: Sendable, Equatable { case constant, increasing, decreasing, none }

    /// The leaves, in order: each reads one table.
    public var sources: [QueryPlan] {
        if case .source(let plan) = self { return [plan] }
        return inputs.flatMap(\.sources)
    }
}

/// A lookup join: the input's key columns against columns of a database table.
public struct LookupJoinSpec: Sendable, Hashable {
    /// `.inner` or `.left`.
    public var kind: JoinType
    /// The database table (a `'jdbc'` table); every declared column is looked up.
    public var table: TableSchema
    public var leftKeys: [Int]
    /// The table's columns matched to `leftKeys`, by index into `table.columns`.
    public var rightKeys: [Int]
    public var leftName: String
    public var rightName: String

    public init(kind: JoinType, table: TableSchema, leftKeys: [Int], rightKeys: [Int], leftName: String, rightName: String) {
        self.kind = kind
        self.table = table
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.leftName = leftName
        self.rightName = rightName
    }
}

/// A query planned as an operator graph.
public struct RelationalPlan: Sendable {
    public var root: PlanNode
    public var outputColumns: [Column]
    public var sql: String

    public init(root: PlanNode, sql: String) {
        self.root = root
        outputColumns = root.columns
        self.sql = sql
    }

    public var changelogMode: ChangelogMode { root.changelogMode }
}

/// An aggregation without a window: one result row per group key, updated as rows arrive
/// (and are retracted).
public struct GroupAggregateSpec: Sendable, Hashable {
    /// The group key, over the input row.
    public var keys: [BoundExpression]
    public var keyTypes: [DataType]
    public var calls: [AggregateCall]
    /// For a window aggregation over a changelog: which key is `window_end`. Each window's
    /// groups are then written once, as `+I`, when the watermark passes its end (Flink's
    /// window aggregate over an updating input), and rows for a fired window are late.
    public var windowEndKey: Int?
    /// A window TUMBLE of this size over append-only rows whose `LISTAGG(DISTINCT …)` takes
    /// its values in Flink's two-phase order (`AggregateCall.distinctInHashOrder`): the
    /// operator replays Flink's local flushes, which that order shows.
    public var localFlushSize: Int64?

    public init(keys: [BoundExpression], keyTypes: [DataType], calls: [AggregateCall]) {
        self.keys = keys
        self.keyTypes = keyTypes
        self.calls = calls
    }
}

/// A window join: rows of the two inputs with the same window and equal keys, joined when the
/// window closes.
public struct WindowJoinSpec: Sendable {
    public var kind: JoinType
    /// A window semi or anti join (`[NOT] EXISTS`, `[NOT] IN` correlated on window_start and
    /// window_end): the left rows with (without) a match, written when the window closes.
    public var semi: SemiKind?
    /// `NOT IN`'s compared pair, matching when equal or when either is NULL (SQL's NOT IN).
    public var nullAwareLeft: Int?
    public var nullAwareRight: Int?
    public enum SemiKind: String, Sendable, Hashable { case semi = "LeftSemiJoin", anti = "LeftAntiJoin" }
    public var leftKeys: [Int]
    public var rightKeys: [Int]
    /// The window_end column of each side.
    public var leftEnd: Int
    public var rightEnd: Int
    public var leftWidth: Int
    public var rightWidth: Int
    public var leftName: String
    public var rightName: String
    /// An outer join's conditions other than equal keys, part of matching: its `filter` reads
    /// `fields[i]` from slot `residualSlots[i]` of the left row followed by the right row.
    public var residual: QueryPlan?
    public var residualSlots: [Int] = []

    public init(kind: JoinType, leftKeys: [Int], rightKeys: [Int], leftEnd: Int, rightEnd: Int, leftWidth: Int, rightWidth: Int,
                leftName: String, rightName: String) {
        self.kind = kind
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.leftEnd = leftEnd
        self.rightEnd = rightEnd
        self.leftWidth = leftWidth
        self.rightWidth = rightWidth
        self.leftName = leftName
        self.rightName = rightName
    }
}

/// A range of numbers an expression can take, each end open or missing (Flink's
/// `ValueInterval`, without the openness, which a SUM's monotonicity does not look at).
public struct ValueInterval: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?
    /// No value at all (only NULL): nothing to a union.
    public var isEmpty = false

    static let empty = ValueInterval(lower: nil, upper: nil, isEmpty: true)

    func union(_ other: ValueInterval) -> ValueInterval {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return ValueInterval(lower: lower.flatMap { a in other.lower.map { min(a, $0) } },
                             upper: upper.flatMap { a in other.upper.map { max(a, $0) } })
    }

    /// `interval` narrowed by a comparison of column `slot` with a constant (else as it was).
    static func bounding(_ interval: ValueInterval?, by conjunct: BoundExpression, slot: Int) -> ValueInterval? {
        var op: BinaryOperator, constant: Value
        switch conjunct {
        case let .comparison(o, .slot(s), .constant(c)) where s == slot: (op, constant) = (o, c)
        case let .comparison(o, .constant(c), .slot(s)) where s == slot:
            constant = c
            switch o {
            case .less: op = .greater
            case .lessOrEqual: op = .greaterOrEqual
            case .greater: op = .less
            case .greaterOrEqual: op = .lessOrEqual
            default: op = o
            }
        case let .between(.slot(s), .constant(low), .constant(high), negated: false) where s == slot:
            let narrowed = bounding(interval, by: .comparison(.greaterOrEqual, .slot(s), .constant(low)), slot: slot)
            return bounding(narrowed, by: .comparison(.lessOrEqual, .slot(s), .constant(high)), slot: slot)
        default:
            return interval
        }
        guard let c = PlanNode.number(constant) else { return interval }
        var result = interval ?? ValueInterval(lower: nil, upper: nil)
        switch op {
        case .greater, .greaterOrEqual: result.lower = max(result.lower ?? c, c)
        case .less, .lessOrEqual: result.upper = min(result.upper ?? c, c)
        case .equal:
            result.lower = max(result.lower ?? c, c)
            result.upper = min(result.upper ?? c, c)
        default: return interval
        }
        return result
    }

    /// Flink's `getMonotonicityOnAggCall` for SUM: a lower end at or above zero grows it, else
    /// an upper end at or below zero shrinks it (a range with both ends looks at its lower).
    var sumMonotonicity: PlanNode.Monotonicity {
        if isEmpty { return .none }
        if let lower { return lower >= 0 ? .increasing : .none }
        if let upper { return upper <= 0 ? .decreasing : .none }
        return .none
    }
}
