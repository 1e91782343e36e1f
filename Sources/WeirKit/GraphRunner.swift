import QueryPlanner
import StreamRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an operator graph: builds one operator per plan node, and feeds each input's bytes
/// to the queries (leaves) that read it.
///
/// Inputs are read one after the other, in the order the plan names them; every leaf on one
/// input sees the same chunks. A leaf that ends sends the watermark to +∞, so an operator
/// with several inputs (a union, a join) never holds rows back for an input that has ended,
/// and while one input is read the others' rows are all waiting in its state.
final class GraphRunner {
    private let output: OutputSink
    let statistics = OperatorStatistics()
    /// The leaves by input, in the order the inputs are read.
    private var inputs: [(source: TableSource, leaves: [Leaf])] = []

    private struct Leaf {
        let executor: LeafDriver
        let sink: SourceSink
    }

    init(plan: RelationalPlan, output: OutputSink, limits: InputLimits, finalTable: Bool = false, liveTable: Bool = false,
         settings: [String: String] = [:]) {
        self.output = output
        self.settings = settings
        let result: RowReceiver = if finalTable {
            FinalTableReceiver(sink: output)
        } else if liveTable, plan.changelogMode == .updating {
            LiveTableReceiver(sink: output, columns: plan.outputColumns)
        } else {
            OutputReceiver(sink: output, changelog: plan.changelogMode == .updating)
        }
        finalOnly = finalTable
        if finalTable || (liveTable && plan.changelogMode == .updating) { statefulOperators = true }
        build(plan.root, into: result, limits: limits)
    }

    /// Several queries, each into its own receiver (the inserts of a statement set): inputs
    /// they share are read once.
    /// `finalOnly`: the receiver wants only the final table of the root (aggregations without
    /// a window then write once, at the end).
    init(roots: [(node: PlanNode, receiver: RowReceiver, finalOnly: Bool)], output: OutputSink, limits: InputLimits, settings: [String: String] = [:]) {
        self.output = output
        self.settings = settings
        for root in roots {
            finalOnly = root.finalOnly
            build(root.node, into: root.receiver, limits: limits)
        }
        finalOnly = false
    }

    private let settings: [String: String]
    /// `table.exec.state.ttl` for the operators that keep state per key.
    private var stateTTL: StateTTL? { settings["table.exec.state.ttl"].flatMap(Self.milliseconds).map { StateTTL(ttl: $0) } }

    /// The lookup joins, whose database may fail while the graph runs.
    private var lookups: [LookupJoinOperator] = []
    /// Databases a lookup join could not reach while the graph was built: run refuses to start.
    private var openFailures: [DatabaseError] = []

    /// Why a lookup join stopped the run, if one did.
    var lookupFailure: String? { lookups.lazy.compactMap(\.failure).first }

    /// Whether only the final table is written and no operator but projections stands
    /// between the node being built and the output.
    private var finalOnly = false

    /// Whether the node being built feeds an operator other than projections (a window
    /// Top-N, an aggregation, a join…): a window aggregation there writes each firing's groups
    /// in Flink's order, which decides a rank's ties and the changes an aggregation writes.
    /// Straight to the output they keep the order they first appeared in (CONTRACT.md).
    private var ordersMatter = false
    /// While a node's input is built: how many columns that node appends to each input row (an
    /// OVER aggregation's results), so that a source makes its rows with room for them.
    private var spareColumns = 0

    /// Whether an operator after the leaves keeps state (anything but projections and unions).
    private(set) var statefulOperators = false

    /// What a checkpoint's state depends on: each windowed leaf's source, watermark, filter
    /// and aggregation (not its output projection), and the whole plan when operators after
    /// the leaves keep state.
    var stateShape: [String] {
        inputs.flatMap(\.leaves).map { leaf -> String in
            let lines = leaf.executor.plan.explanation.split(separator: "\n")
            guard let aggregate = lines.firstIndex(where: { $0.hasPrefix("WindowAggregate") }) else { return "" }
            return lines[...aggregate].joined(separator: "\n")
        }
    }

    /// Set to checkpoint the run (one input).
    var checkpoint: CheckpointCoordinator?
    /// Every input was read to its end (the run was not stopped).
    private(set) var completed = false

    private func build(_ node: PlanNode, into receiver: RowReceiver, limits: InputLimits) {
        // Whether an operator above this one (not a projection) reads its rows in order.
        let consumedInOrder = ordersMatter
        // Columns the operator right above appends to each row (`spareColumns`), for this node only.
        let spare = spareColumns
        spareColumns = 0
        switch node {
        case .source, .calc: break
        // Any other operator sees the order of its input's rows: a window aggregation under it
        // writes a firing's groups in Flink's order (a window rank decides ties by it, an
        // aggregation's changes follow it).
        default: ordersMatter = true
        }
        let wasFinalOnly = finalOnly
        defer { finalOnly = wasFinalOnly }
        switch node {
        case .source, .calc, .union, .expand, .expandRows, .unnest: break
        default: statefulOperators = true
        }
        if case .calc = node {} else if case .groupAggregate = node {} else { finalOnly = false }
        switch node {
        case .source(let query):
            let index = inputs.firstIndex { $0.source == query.table.source } ?? {
                inputs.append((query.table.source, []))
                return inputs.count - 1
            }()
            let primary = inputs[index].leaves.isEmpty
            let keepsLate = query.mode == .windowAggregate && !inputs[index].leaves.contains { $0.executor.plan.mode == .windowAggregate }
            let sink = SourceSink(receiver: receiver, output: output, primary: primary, keepsLate: keepsLate)
            let driver: LeafDriver
            if case .debezium = query.table.format {
                driver = ChangelogExecutor(plan: query, sink: sink, limits: limits)
            } else {
                let executor = QueryExecutor(plan: query, sink: sink, limits: limits)
                executor.rowSpareCapacity = spare
                // Flink aggregates a window in two phases unless told not to or an aggregate cannot
                // merge (FIRST_VALUE, LAST_VALUE).
                if ordersMatter {
                    let mergeable = !query.aggregates.contains { $0.function == .firstValue || $0.function == .lastValue }
                    executor.followFlinkFiringOrder(twoPhase: mergeable && settings["table.optimizer.agg-phase-strategy"]?.uppercased() != "ONE_PHASE")
                }
                driver = executor
            }
            inputs[index].leaves.append(Leaf(executor: driver, sink: sink))
        case let .calc(input, query):
            // The plan reads the input's columns as a table: its columns are the input's, by position.
            build(input, into: CalcOperator(plan: query, inputColumns: query.table.columns, output: receiver), limits: limits)
        case let .rank(input, spec) where !spec.windowed:
            let topN = TopNOperator(spec: spec, output: receiver)
            topN.stateTTL = stateTTL
            build(input, into: topN, limits: limits)
        case let .rank(input, spec):
            let bounds = spec.windowSlots ?? [WindowColumn.start.index(in: input.columns)!, WindowColumn.end.index(in: input.columns)!]
            let rank = WindowRankOperator(selection: .rank(spec), windowStart: bounds[0], windowEnd: bounds[1], output: receiver, statistics: statistics)
            rank.followsFlinkTimers = consumedInOrder
            build(input, into: rank, limits: limits)
        case let .deduplicate(input, spec):
            if spec.windowed {
                let bounds = spec.windowSlots ?? [WindowColumn.start.index(in: input.columns)!, WindowColumn.end.index(in: input.columns)!]
                let dedup = WindowRankOperator(selection: .deduplicate(spec), windowStart: bounds[0], windowEnd: bounds[1], output: receiver, statistics: statistics)
                dedup.followsFlinkTimers = consumedInOrder
                build(input, into: dedup, limits: limits)
            } else {
                let dedup = DeduplicateOperator(spec: spec, output: receiver, statistics: statistics)
                dedup.stateTTL = stateTTL
                build(input, into: dedup, limits: limits)
            }
        case let .changelogNormalize(input, spec):
            let normalize = ChangelogNormalizeOperator(spec: spec, inputColumns: input.columns, output: receiver)
            normalize.stateTTL = stateTTL
            build(input, into: normalize, limits: limits)
        case let .groupAggregate(input, spec):
            let aggregate = GroupAggregateOperator(spec: spec, output: receiver, writesAtEnd: finalOnly)
            aggregate.statistics = statistics
            if settings["table.exec.mini-batch.enabled"]?.lowercased() == "true" {
                aggregate.miniBatchSize = Int(settings["table.exec.mini-batch.size"] ?? "") ?? 0
                // Flink aggregates locally first when every aggregate can merge, which only a
                // LISTAGG(DISTINCT …)'s order shows.
                aggregate.localAggregation = settings["table.optimizer.agg-phase-strategy"]?.uppercased() != "ONE_PHASE"
                    && !spec.calls.contains { $0.function == .firstValue || $0.function == .lastValue }
                    && spec.calls.contains(where: \.isDistinctTextList)
            }
            aggregate.stateTTL = settings["table.exec.state.ttl"].flatMap(Self.milliseconds)
            finalOnly = false
            build(input, into: aggregate, limits: limits)
        case let .overAggregate(input, spec):
            if spec.nonTime {
                build(input, into: NonTimeOverOperator(spec: spec, output: receiver), limits: limits)
            } else {
                let over = OverAggregateOperator(spec: spec, output: receiver, statistics: statistics)
                spareColumns = spec.calls.count
                build(input, into: over, limits: limits)
            }
        case let .expandRows(input, plans, _):
            build(input, into: ExpandOperator(plans: plans, inputColumns: input.columns, output: receiver), limits: limits)
        case .union(let children), .expand(let children):
            let union = UnionOperator(inputs: children.count, output: receiver)
            for (i, child) in children.enumerated() { build(child, into: union.input(i), limits: limits) }
        case let .windowJoin(left, right, spec):
            let join = WindowJoinOperator(spec: spec, output: receiver, statistics: statistics)
            // Both sides of one input with one watermark: Flink's join sees that watermark on
            // both at once, where weir reads the input for one side, then for the other.
            func sources(_ node: PlanNode) -> Set<String> {
                if case .source(let plan) = node { return ["\(plan.table.source)|\(plan.watermarkDelay)"] }
                return node.inputs.reduce(into: []) { $0.formUnion(sources($1)) }
            }
            let leftSources = sources(left)
            join.sharedSource = leftSources.count == 1 && leftSources == sources(right)
            build(left, into: join.left, limits: limits)
            build(right, into: join.right, limits: limits)
        case let .unnest(input, spec):
            build(input, into: UnnestOperator(spec: spec, output: receiver), limits: limits)
        case let .lookupJoin(input, spec):
            do {
                let join = try LookupJoinOperator(spec: spec, output: receiver)
                lookups.append(join)
                build(input, into: join, limits: limits)
            } catch {
                openFailures.append(error)
            }
        case let .intervalJoin(left, right, spec):
            let join = IntervalJoinOperator(spec: spec, output: receiver, statistics: statistics)
            build(left, into: join.left, limits: limits)
            build(right, into: join.right, limits: limits)
        case let .temporalSort(input, spec):
            build(input, into: TemporalSortOperator(spec: spec, output: receiver, statistics: statistics), limits: limits)
        case let .temporalJoin(left, right, spec):
            let join = TemporalJoinOperator(spec: spec, output: receiver)
            build(left, into: join.left, limits: limits)
            build(right, into: join.right, limits: limits)
        case let .windowAssign(input, spec):
            if case .session = spec.window.kind {
                build(input, into: SessionAssignOperator(spec: spec, output: receiver, statistics: statistics), limits: limits)
            } else {
                build(input, into: WindowAssignOperator(spec: spec, output: receiver), limits: limits)
            }
        case let .semiJoin(left, right, spec):
            let join = SemiJoinOperator(spec: spec, output: receiver)
            if let ttl = stateTTL { join.stateTTL = [ttl, ttl] }
            build(left, into: join.left, limits: limits)
            build(right, into: join.right, limits: limits)
        case let .regularJoin(left, right, spec):
            let join = RegularJoinOperator(spec: spec, output: receiver)
            if let ttl = stateTTL { join.stateTTL = [ttl, ttl] }
            build(left, into: join.left, limits: limits)
            build(right, into: join.right, limits: limits)
        }
    }

    /// Reads every input; `open` gives the bytes of a table's source.
    func run(open: (TableSource, [QueryPlan]) throws -> ByteSource, shouldStop: () -> Bool) throws -> QueryStatistics {
        if let failure = openFailures.first { throw failure }
        return try withoutActuallyEscaping(shouldStop) { shouldStop in
            let lookups = self.lookups
            return try runInputs(open: open, shouldStop: { shouldStop() || lookups.contains { $0.failure != nil } })
        }
    }

    private func runInputs(open: (TableSource, [QueryPlan]) throws -> ByteSource, shouldStop: @escaping () -> Bool) throws -> QueryStatistics {
        if let checkpoint, inputs.count > 1 {
            checkpoint.statefulOperators = true
            return try runInTurns(open: open, shouldStop: shouldStop)
        }
        if let checkpoint {
            let leaves = inputs[0].leaves.map(\.executor)
            checkpoint.statefulOperators = checkpoint.statefulOperators || statefulOperators
            try checkpoint.restore(leaves: leaves)
            try checkpoint.start(leaves: leaves)
        } else if inputs.count > 1 {
            return try runInTurns(open: open, shouldStop: shouldStop)
        }
        var stopped = false
        var checkpointFailure: CheckpointError?
        for (source, leaves) in inputs where !stopped {
            let bytes = try open(source, leaves.map(\.executor.plan))
            let output = self.output
            let fieldCheck = checkpoint?.settings.restoring == nil ? FieldCheck(plans: leaves.map(\.executor.plan)) { output.warning($0) } : nil
            let drivers = leaves.map(\.executor)
            /// A checkpoint when one is due; a failed one stops the run.
            func checkpointIfDue() {
                guard let checkpoint, checkpoint.isDue else { return }
                do {
                    try checkpoint.write(leaves: drivers, finished: false)
                } catch {
                    checkpointFailure = error
                }
            }
            try bytes.forEachChunk { chunk in
                if let checkpoint {
                    do throws(CheckpointError) {
                        try checkpoint.checkContinuation(chunk)
                    } catch {
                        checkpointFailure = error
                        return false
                    }
                }
                fieldCheck?.feed(chunk)
                for leaf in leaves { leaf.executor.feed(chunk) }
                output.flush()
                checkpoint?.fed(chunk, leaves: drivers)
                checkpointIfDue()
                stopped = checkpointFailure != nil || shouldStop() || leaves.contains { $0.executor.isStopped }
                return !stopped
            } idle: { idleMillis in
                for leaf in leaves where leaf.executor.watermark != .min && idleMillis > 0 {
                    leaf.executor.advanceWatermark(to: leaf.executor.watermark &+ idleMillis)
                }
                output.flush()
                checkpointIfDue()
                stopped = checkpointFailure != nil || shouldStop()
                return !stopped
            }
            if let checkpointFailure { throw checkpointFailure }
            if stopped {
                // Stopped by a signal: a last checkpoint, so a restart loses nothing. Not
                // after a bad line under --strict, a failed sink or lookup: those are fixed first.
                if let checkpoint, !leaves.contains(where: { $0.executor.isStopped }), lookupFailure == nil, !(checkpoint.sinks?.failed ?? false) {
                    try checkpoint.write(leaves: drivers, finished: false)
                }
                break
            }
            fieldCheck?.finish()
            for leaf in leaves {
                leaf.executor.finish()
                leaf.sink.finish()
            }
            output.flush()
            try checkpoint?.write(leaves: drivers, finished: true)
        }
        completed = !stopped
        var statistics = inputs.first?.leaves.first?.executor.statisticsIfStoppedNow ?? QueryStatistics()
        if !stopped {
            statistics = inputs.first?.leaves.first?.executor.statistics ?? statistics
        }
        statistics.rows = output.rows
        return statistics
    }

    /// Milliseconds of a Flink duration: `1 h`, `30 min`, `10 s`, `500 ms`, `1 d`, or a bare number
    /// of milliseconds.
    static func milliseconds(_ text: String) -> Int64? { Catalog.durationMilliseconds(text) }

    /// The bytes each input is read in, when several take turns.
    static let turnBytes = 1 << 18

    /// Several inputs take turns line by line, as Flink's two-input operators take records
    /// from inputs that both have some (`StreamTwoInputProcessor`: the input after the one
    /// read last): a join's changes (an anti join's row written, then retracted) come in the
    /// order Flink writes them, and a row is late for a join by the watermark the other input
    /// had reached at that point of the alternation (case `w_turns_window_join_late`).
    private func runInTurns(open: (TableSource, [QueryPlan]) throws -> ByteSource, shouldStop: () -> Bool) throws -> QueryStatistics {
        let readers = try inputs.map { LineTurns(try open($0.source, $0.leaves.map(\.executor.plan)).pullReader()) }
        var done = Array(repeating: false, count: inputs.count)
        var stopped = false
        // Checkpoints: the turns taken and the bytes each input gave. A restart takes the same
        // turns again, muted: which input goes next depends only on the bytes read so far.
        var turns = 0
        var read = Array(repeating: Int64(0), count: inputs.count)
        let replayTurns = checkpoint?.turnsToReplay ?? 0
        let drivers = inputs.flatMap { $0.leaves.map(\.executor) }
        let paths = inputs.map { input -> String? in
            if case .file(let path) = input.source { return path }
            return checkpoint?.settings.standardInputPath
        }
        if let checkpoint {
            if replayTurns == 0 { try checkpoint.writeTurns(leaves: drivers, turns: 0, inputs: zip(paths, read).map { ($0, $1) }, finished: false) }
            checkpoint.beginTurnReplay()
        }
        // A turn lasts until the input's rows reach the graph: lines a filter drops, or bad
        // ones, are not a turn (Flink's operator alternates between records it receives).
        var last = inputs.count - 1
        var rowsAtTurn = -1
        func rowsPassed(_ input: Int) -> Int {
            var rows = 0
            for leaf in inputs[input].leaves { rows += leaf.sink.rows }
            return rows
        }
        // The input after `last`, in turn order, of those not done.
        func following() -> Int? {
            for step in 1...inputs.count where !done[(last + step) % inputs.count] { return (last + step) % inputs.count }
            return nil
        }
        while !stopped, let next = !done[last] && rowsPassed(last) == rowsAtTurn ? last : following() {
            if next != last || rowsPassed(next) != rowsAtTurn { rowsAtTurn = rowsPassed(next) }
            last = next
            let leaves = inputs[next].leaves
            turns += 1
            defer {
                if turns == replayTurns { checkpoint?.endTurnReplay() }
            }
            guard let bytes = try readers[next].nextLine() else {
                for leaf in leaves {
                    leaf.executor.finish()
                    leaf.sink.finish()
                }
                done[next] = true
                output.flush()
                continue
            }
            read[next] += Int64(bytes.count)
            bytes.withUnsafeBytes { chunk in
                for leaf in leaves { leaf.executor.feed(chunk) }
            }
            output.flush()
            if turns < replayTurns { continue }
            stopped = shouldStop() || leaves.contains { $0.executor.isStopped }
            if let checkpoint, !stopped, checkpoint.isDue {
                try checkpoint.writeTurns(leaves: drivers, turns: turns, inputs: zip(paths, read).map { ($0, $1) }, finished: false)
            }
        }
        if let checkpoint {
            if stopped {
                if !drivers.contains(where: \.isStopped), lookupFailure == nil, !(checkpoint.sinks?.failed ?? false) {
                    try checkpoint.writeTurns(leaves: drivers, turns: turns, inputs: zip(paths, read).map { ($0, $1) }, finished: false)
                }
            } else {
                try checkpoint.writeTurns(leaves: drivers, turns: turns, inputs: zip(paths, read).map { ($0, $1) }, finished: true)
            }
        }
        completed = !stopped
        var statistics = inputs[0].leaves[0].executor.statisticsIfStoppedNow
        if !stopped { statistics = inputs[0].leaves[0].executor.statistics }
        statistics.rows = output.rows
        return statistics
    }

    /// Closing lines about rows the operators dropped.
    var summary: [String] {
        statistics.lateRows.sorted { $0.key < $1.key }.map { name, count in
            "weir: \(count.formatted) late row\(count == 1 ? "" : "s") dropped by \(name) (its time had passed the watermark)"
        }
    }
}

/// An input read a line at a time (the last piece of a file without a final newline, or of a
/// line longer than a read, is given as it is: the leaf's line framer joins the pieces).
final class LineTurns {
    private let reader: PullReader
    private var buffer: [UInt8] = []
    private var offset = 0

    init(_ reader: PullReader) { self.reader = reader }

    func nextLine() throws -> ArraySlice<UInt8>? {
        if offset == buffer.count {
            guard let bytes = try reader.next(upTo: GraphRunner.turnBytes) else { return nil }
            buffer = bytes
            offset = 0
        }
        let end = buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, offset < bytes.count else { return nil }
            return memchr(base + offset, 0x0A, bytes.count - offset).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) + 1 }
        } ?? buffer.count
        defer { offset = end }
        return buffer[offset..<end]
    }
}

/// What reads one input for a leaf of the graph: a query over NDJSON rows, or over change events.
protocol LeafDriver: AnyObject {
    var plan: QueryPlan { get }
    var watermark: Int64 { get }
    var isStopped: Bool { get }
    var statistics: QueryStatistics { get }
    var statisticsIfStoppedNow: QueryStatistics { get }
    func feed(_ chunk: UnsafeRawBufferPointer)
    func finish()
    func advanceWatermark(to watermark: Int64)
    var heldBytes: Int? { get }
    var stateTimeFloor: Int64? { get }
    var linesRead: Int { get }
    var heldGroups: Int { get }
    func resume(watermark: Int64)
    func restore(statistics: QueryStatistics, linesRead: Int)
}

extension QueryExecutor: LeafDriver {}
extension ChangelogExecutor: LeafDriver {}

/// The sink of one leaf query: its rows and watermarks go into the graph; its bad lines and
/// late events to the output's counts, once per input line however many leaves read it.
final class SourceSink: ResultSink {
    private let receiver: RowReceiver
    private let output: OutputSink
    private let primary: Bool
    private let keepsLate: Bool

    init(receiver: RowReceiver, output: OutputSink, primary: Bool, keepsLate: Bool) {
        self.receiver = receiver
        self.output = output
        self.primary = primary
        self.keepsLate = keepsLate
    }

    /// Rows passed into the graph so far.
    private(set) var rows = 0

    func emit(_ row: [Value]) {
        rows += 1
        receiver.receive(row, .insert)
    }
    func emit(_ row: [Value], kind: RowKind) {
        rows += 1
        receiver.receive(row, kind)
    }
    func flush() {}
    func watermarkAdvanced(to watermark: Int64) { receiver.watermark(watermark) }
    func finish() { receiver.finish() }

    func late(line: UnsafeBufferPointer<UInt8>, lineNumber: Int) {
        if keepsLate { output.late(line: line, lineNumber: lineNumber) }
    }

    var mayStopOnBadLine: Bool { primary && output.mayStopOnBadLine }

    func badLine(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        primary ? output.badLine(line, lineNumber: lineNumber, error: error) : true
    }

    func longBadLine(head: UnsafeBufferPointer<UInt8>, lineNumber: Int, error: DecodeError) -> Bool {
        primary ? output.longBadLine(head: head, lineNumber: lineNumber, error: error) : true
    }

    func badLineContinues(_ part: UnsafeBufferPointer<UInt8>, end: Bool) {
        if primary { output.badLineContinues(part, end: end) }
    }

    func warning(_ message: String) {
        if primary { output.warning(message) }
    }
}

/// The end of the graph: rows into the output sink, with their kind when the result updates.
/// The end of the graph for an updating result shown on a terminal as a table: the table as
/// it stands, redrawn in place (at most every 100 ms, and at the end), as Flink's SQL client's
/// table mode; the final table stays on the screen.
final class LiveTableReceiver: RowReceiver {
    private let sink: OutputSink
    private let columns: [Column]
    private var counts: [[Value]: Int] = [:]
    private var order: [[Value]] = []
    /// Lines of the last drawing, to move back over.
    private var drawnLines = 0
    private var lastDraw: ContinuousClock.Instant?
    private var changed = false

    init(sink: OutputSink, columns: [Column]) {
        self.sink = sink
        self.columns = columns
    }

    func receive(_ row: [Value], _ kind: RowKind) {
        if kind.isAccumulate {
            if counts[row] == nil { order.append(row) }
            counts[row, default: 0] += 1
        } else if let n = counts[row] {
            counts[row] = n > 1 ? n - 1 : nil
        }
        if order.count > 1024, order.count > 2 * counts.count { order.removeAll { counts[$0] == nil } }
        changed = true
        if let lastDraw, ContinuousClock.now - lastDraw < .milliseconds(100) { return }
        draw()
    }

    private func draw() {
        var rows: [[String]] = []
        for row in order {
            guard let n = counts[row] else { continue }
            let cells = zip(row, columns).map { RowFormatter.text($0, $1.type) }
            for _ in 0..<n { rows.append(cells) }
        }
        let box = rows.isEmpty ? "(no rows)\n" : RowFormatter.box(header: columns.map(\.name), rows: rows,
                                                                   numeric: columns.map { $0.type.isNumeric && $0.type != .dynamic })
        // Back to where the last drawing began, and clear from there down.
        let back = drawnLines > 0 ? "\u{1B}[\(drawnLines)A\r\u{1B}[J" : ""
        sink.writeRaw(Array((back + box).utf8))
        drawnLines = box.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        lastDraw = .now
        changed = false
    }

    func watermark(_ watermark: Int64) {}

    func finish() {
        if changed || drawnLines == 0 { draw() }
    }
}

/// The end of the graph when only the final table is wanted (`--final`): the changes are
/// applied as they come, and the rows left at the end are written, in the order they first
/// appeared, without kinds.
final class FinalTableReceiver: RowReceiver {
    private let sink: OutputSink
    /// Each distinct row and how many times the table holds it.
    private var counts: [[Value]: Int] = [:]
    private var order: [[Value]] = []

    init(sink: OutputSink) { self.sink = sink }

    func receive(_ row: [Value], _ kind: RowKind) {
        if kind.isAccumulate {
            if counts[row] == nil { order.append(row) }
            counts[row, default: 0] += 1
        } else if let n = counts[row] {
            counts[row] = n > 1 ? n - 1 : nil
        }
        // Rows that left the table are dropped from the order now and then, so it stays as
        // large as the table.
        if order.count > 1024, order.count > 2 * counts.count { order.removeAll { counts[$0] == nil } }
    }

    func watermark(_ watermark: Int64) {}

    func finish() {
        for row in order {
            guard let n = counts[row] else { continue }
            for _ in 0..<n { sink.emit(row) }
            counts[row] = nil
        }
        sink.flush()
    }
}

final class OutputReceiver: RowReceiver {
    private let sink: OutputSink
    private let changelog: Bool

    init(sink: OutputSink, changelog: Bool) {
        self.sink = sink
        self.changelog = changelog
    }

    func receive(_ row: [Value], _ kind: RowKind) {
        if changelog { sink.emit(row, kind: kind) } else { sink.emit(row) }
    }

    func watermark(_ watermark: Int64) {}
    func finish() { sink.flush() }
}
