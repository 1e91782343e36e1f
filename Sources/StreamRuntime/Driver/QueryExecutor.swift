import Dispatch
import QueryPlanner
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a plan over NDJSON bytes: split lines, decode, filter, window, aggregate, emit.
///
/// Bytes arrive in chunks of any size (`feed`); `finish` ends the input, which moves the
/// watermark to +∞ so every open window fires, in end order.
///
/// The watermark moves after each event (`max(wm, time − delay)`), after the event itself was
/// processed, as Flink does with `pipeline.auto-watermark-interval` = 0.
public final class QueryExecutor {
    public let plan: QueryPlan
    private let sink: ResultSink
    /// `sink` and its encoder when it takes rows as NDJSON text: a fired group's row is then
    /// written from the group table and the accumulators, not made into `Value`s first. (The
    /// encoder's copy shares its cache of window bounds with the sink's: one thread uses both.)
    private let firedRowWriter: FiredRowWriter?

    /// Held by reference: the encoder is a struct of arrays, which a copy a row would retain.
    private final class FiredRowWriter {
        let sink: EncodedRowSink
        let encoder: NDJSONEncoder
        init(sink: EncodedRowSink, encoder: NDJSONEncoder) { (self.sink, self.encoder) = (sink, encoder) }
    }
    private let decoder: StretchDecoder
    private let windowOperator: WindowOperator?
    /// The same operator when it slices (TUMBLE, HOP, CUMULATE): it can take pre-aggregated slices.
    private let sliceOperator: SliceWindowOperator?
    private let inputs: AggregateInputs
    /// Whether a helper thread decodes long stretches alongside this one (more than one core).
    private let helper: Bool
    /// The select list is the input row as it is (a subquery's `SELECT *`): no copy per event.
    private let projectsWholeRow: Bool
    private var scratch: AggregateInputs.Scratch
    private var row: [Value]
    private var framer: LineFramer
    private let limits: InputLimits
    /// The line of the event that last moved the watermark, and whether a late event has
    /// already been explained by a far jump of the watermark (said once a run).
    private var watermarkLine = 0
    private var explainedFarWatermark = false
    private var lineNumber = 0
    private var atStart = true
    public private(set) var watermark: Int64 = .min
    public private(set) var statistics = QueryStatistics()
    /// Set when the sink asked to stop (`--strict`) or the query was cancelled.
    public private(set) var isStopped = false

    private let aggregateKinds: [AggregateKind]
    /// The aggregates' result types, apart: a firing's rows read nothing else of the calls.
    private let aggregateTypes: [DataType]
    /// An aggregation planned over the whole input (`--final`): its one table of groups,
    /// written at the end of input.
    private let wholeStream: GroupTable?
    private let wholeStreamUpdater: AggregateUpdater
    private var resultRow: [Value]
    private var outputRow: [Value]
    /// The `resultRow` slot each output column copies, when every projection is a bare slot
    /// and there is no HAVING: a firing's rows are then written straight into `outputRow`.
    private let directSlots: [Int]?
    private var distinctRows: Set<[Value]> = []
    private var lastFiring: (Int64, Int64) = (.min, .min)
    /// When a window Top-N reads this aggregation: Flink's order of each firing's groups,
    /// and the rows of the firing under way, held to be written in that order.
    private var firingOrder: FlinkFiringOrder?
    /// A window TUMBLE's or CUMULATE's `LISTAGG(DISTINCT …)`: Flink's local flushes, which order
    /// its values.
    /// Its events are aggregated one by one in order (not whole on the decoding threads), so a
    /// flush sees exactly the events before it.
    private var localFlush: FlinkLocalFlush?
    /// A TIMESTAMP_LTZ rowtime in a zone with daylight saving: its watermark is Flink's
    /// (instants), given in wall clocks.
    private let localWatermark: LocalWatermark?
    /// A firing's rows held for Flink's order: where each fired among Flink's groups and where
    /// its values start in `heldValues` (one flat buffer, not an array a row).
    private var heldRows: [(ordinal: Int, offset: Int)] = []
    private var heldValues: [Value] = []
    private var pendingFlush = false

    /// `fastPaths` (the default) lets the decoding threads aggregate slices ahead (where that
    /// merges exactly) and apply a window-less projection's filter, and sliding windows of MIN
    /// or MAX aggregates fire from two stacks of merged slices; without it every event is
    /// handled one at a time on this thread and every window merges its slices. `helper` decodes on a second thread (by
    /// default when there is a second core). All give the same results, which tests check.
    init(plan: QueryPlan, sink: ResultSink, fastPaths: Bool, helper: Bool = QueryExecutor.cores > 1,
         limits: InputLimits = InputLimits()) {
        self.helper = helper
        projectsWholeRow = plan.window == nil && plan.projections.count == plan.fields.count
            && plan.projections.enumerated().allSatisfy { if case .slot($0.offset) = $0.element { true } else { false } }
        self.limits = limits
        framer = LineFramer(maxLineBytes: limits.maxLineBytes)
        self.plan = plan
        self.sink = sink
        firedRowWriter = (sink as? EncodedRowSink).flatMap { sink in sink.rowEncoder.map { FiredRowWriter(sink: sink, encoder: $0) } }
        row = Array(repeating: .null, count: plan.fields.count)
        inputs = AggregateInputs(plan)
        scratch = inputs.makeScratch(width: plan.fields.count)
        aggregateKinds = plan.aggregates.map(AggregateKind.init)
        aggregateTypes = plan.aggregates.map(\.resultType)
        resultRow = Array(repeating: .null, count: QueryPlan.windowPropertyCount + plan.keys.count + plan.aggregates.count)
        outputRow = Array(repeating: .null, count: plan.projections.count)
        let slots = plan.projections.compactMap { if case .slot(let s) = $0 { s } else { nil } }
        directSlots = plan.having == nil && slots.count == plan.projections.count ? slots : nil
        wholeStreamUpdater = AggregateUpdater(plan.aggregates, keyWidth: plan.keys.count)
        wholeStream = plan.mode == .windowAggregate && plan.window == nil ? wholeStreamUpdater.makeTable() : nil
        if plan.mode == .windowAggregate, let window = plan.window {
            switch window.kind {
            case .session(let gap):
                windowOperator = SessionWindowOperator(gap: gap, aggregates: plan.aggregates, keyWidth: plan.keys.count)
                sliceOperator = nil
            default:
                let slicing = SliceWindowOperator(spec: window, aggregates: plan.aggregates, keyWidth: plan.keys.count,
                                                  twoStacks: fastPaths)
                windowOperator = slicing
                sliceOperator = slicing
            }
        } else {
            windowOperator = nil
            sliceOperator = nil
        }
        if let window = plan.window, window.offset == 0, plan.localTimes == nil {
            if plan.aggregates.contains(where: { $0.distinctInHashOrder && $0.isDistinctTextList }) {
                switch window.kind {
                case .tumble(let size): localFlush = FlinkLocalFlush(size: size)
                case .cumulate(let step, _): localFlush = FlinkLocalFlush(size: step)
                default: break
                }
            } else if plan.aggregates.contains(where: \.splitsLocally) {
                switch window.kind {
                case .tumble, .hop, .cumulate: localFlush = FlinkLocalFlush(size: Slicing(window).sliceSize)
                case .session: break
                }
            }
        }
        var localWatermark: LocalWatermark? = nil
        if let slot = plan.timeSlot, plan.fields[slot].type == .timestampLtz, plan.table.sessionTimeZone != "UTC" {
            localWatermark = LocalWatermark(zone: plan.table.sessionTimeZone, delay: plan.watermarkDelay)
        }
        self.localWatermark = localWatermark
        var eventDecoder = EventDecoder(fields: plan.fields, timeSlot: plan.timeSlot, computed: plan.computed, maxLineBytes: limits.maxLineBytes)
        eventDecoder.localTimes = plan.localTimes
        eventDecoder.nullsUnfitValues = plan.table.options["json.ignore-parse-errors"] == "true"
        decoder = StretchDecoder(
            decoder: eventDecoder,
            keyFields: plan.mode == .windowAggregate ? inputs.hashedKeyFields : nil,
            // A skew bound can reject an event only once the watermark before it is known.
            // Slices taken whole assume the watermark is each event's time less the delay.
            aggregator: !fastPaths || localWatermark != nil || limits.maxEventTimeSkew != nil || !wholeStreamUpdater.mergesExactly || localFlush != nil ? nil
                : wholeStream != nil ? PartialAggregator(inputs: inputs, slicing: nil, updater: wholeStreamUpdater)
                : sliceOperator?.partialAggregator(inputs),
            filter: fastPaths && plan.mode == .projection && plan.window == nil ? plan.filter : nil)
    }

    public convenience init(plan: QueryPlan, sink: ResultSink, limits: InputLimits = InputLimits()) {
        self.init(plan: plan, sink: sink, fastPaths: true, limits: limits)
    }

    /// Stops reading: later input is ignored; `finish` still fires the open windows.
    public func stop() {
        isStopped = true
    }

    /// The statistics, with what the windows that have not fired hold: what stopping now,
    /// without `finish`, leaves unreported.
    public var statisticsIfStoppedNow: QueryStatistics {
        var result = statistics
        result.unfiredWindows = windowOperator?.openWindowCount ?? 0
        result.unfiredEvents = windowOperator?.heldEvents ?? 0
        return result
    }

    // MARK: Checkpoints (replayed, see WeirKit's Checkpoint)

    /// Bytes fed that wait for the rest of their line; nil while a line too long is skipped.
    public var heldBytes: Int? { framer.heldBytes }

    /// A time at or below every event time the query's state holds: nil when it holds none
    /// (a projection), `.min` when it may hold any (one table over the whole input).
    public var stateTimeFloor: Int64? {
        if wholeStream != nil { return .min }
        return windowOperator?.stateTimeFloor(watermark: watermark)
    }

    /// Groups the open windows hold (per slice), or of the whole-input table.
    public var heldGroups: Int { wholeStream?.count ?? windowOperator?.heldGroups ?? 0 }

    /// The line count so far (bad lines included): where the next line's number starts.
    public var linesRead: Int { lineNumber }

    /// Before a replay: the watermark the run had at the replay's first byte. Nothing fires.
    public func resume(watermark: Int64) {
        self.watermark = watermark
        localFlush?.resume(at: watermark)
        atStart = false
        checkedFirstTime = true
    }

    /// After a replay: the counts and line number the run had where the replay ends.
    public func restore(statistics: QueryStatistics, linesRead: Int) {
        self.statistics = statistics
        lineNumber = linesRead
        explainedFarWatermark = true
    }

    /// Processes a chunk of input bytes.
    public func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !isStopped else { return }
        framer.frame(chunk) { handle($0) }
        if pendingFlush { endFiring() }
    }

    private func handle(_ piece: LineFramer.Piece) {
        switch piece {
        case .lines(let stretch):
            process(stretch)
        case let .longLineStart(head, part):
            startSkippingLongLine(head, part)
        case let .longLinePart(part, end):
            sink.badLineContinues(part, end: end)
        }
    }

    /// A line longer than the limit: it is reported as a bad line now, with what has arrived
    /// of it, and the rest is passed on as it comes.
    private func startSkippingLongLine(_ head: UnsafeBufferPointer<UInt8>, _ part: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        statistics.lines += 1
        statistics.badLines += 1
        let goOn = sink.longBadLine(head: head, lineNumber: lineNumber, error: .lineTooLong(limit: limits.maxLineBytes))
        sink.badLineContinues(part, end: false)
        if !goOn { isStopped = true }
    }

    /// The main thread's decoding memory, for the stretches it decodes alone (short ones,
    /// a line at a time when inputs take turns, every one on one core).
    private let decodeMemory = DecodeMemory()

    /// Stretches at least this long are decoded on two cores.
    static let parallelThreshold = 1 << 17
    /// The cores this process may run on (`taskset`, cgroups' cpusets): with one, a helper
    /// thread would only take turns with this one.
    static let cores: Int = {
        var set = cpu_set_t()
        guard weirSchedGetAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 else { return 2 }
        return withUnsafeBytes(of: &set) { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
    }()
    /// The size of the pieces the two cores take turns decoding: large, so that a piece's
    /// pre-aggregated groups are few next to its events, but at least 16 to a stretch.
    static func pieceSize(_ stretch: Int) -> Int { min(1 << 21, max(1 << 16, stretch / 16)) }

    /// Decodes whole lines, then runs them in order. A long stretch is cut into pieces at line
    /// ends; a helper thread and this one both take the next undecoded piece, and this one runs
    /// the decoded pieces in input order, decoding ahead whenever the next piece is not ready.
    /// With one core there is no helper: pieces are decoded and run one after the other.
    private func process(_ stretch: UnsafeBufferPointer<UInt8>) {
        guard !isStopped else { return }
        let stripBOM = atStart
        atStart = false
        guard stretch.count >= Self.parallelThreshold else {
            apply(decoder.decode(stretch, stripBOM: stripBOM, memory: decodeMemory), stretch)
            return
        }
        guard helper else {
            // One core: piece by piece, pieces four times as long (fewer slices to merge; a
            // piece's columns still fit in cache when it is applied).
            for (index, piece) in Self.cut(stretch, into: 4 * Self.pieceSize(stretch.count)).enumerated() where !isStopped {
                apply(decoder.decode(piece, stripBOM: stripBOM && index == 0, memory: decodeMemory), piece)
            }
            return
        }
        let pieces = Self.cut(stretch, into: wholeStream != nil ? min(1 << 22, max(Self.pieceSize(stretch.count), stretch.count / 4)) : Self.pieceSize(stretch.count))
        let shared = DecodeShare(pieces: pieces, decoder: decoder, stripBOM: stripBOM)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { shared.decodeWhileAny() }
        for index in pieces.indices {
            shared.waitFor(index)
            if !isStopped { apply(shared.results[index], pieces[index]) }
            shared.results[index] = DecodedBatch(width: 0)
        }
        group.wait()
    }

    /// `stretch` cut at line ends into pieces of about `size` bytes.
    private static func cut(_ stretch: UnsafeBufferPointer<UInt8>, into size: Int) -> [UnsafeBufferPointer<UInt8>] {
        var pieces: [UnsafeBufferPointer<UInt8>] = []
        var from = 0
        while from < stretch.count {
            var to = min(stretch.count, from + size)
            while to < stretch.count, stretch[to - 1] != 0x0A { to += 1 }
            pieces.append(UnsafeBufferPointer(rebasing: stretch[from..<to]))
            from = to
        }
        return pieces
    }

    /// Runs decoded lines through the query, in input order. The slices the decoding thread
    /// aggregated ahead are taken whole when no event of theirs could have been late; the
    /// other events are windowed one at a time. Either way the watermark moves event by event.
    private func apply(_ batch: DecodedBatch, _ stretch: UnsafeBufferPointer<UInt8>) {
        guard !isStopped else { return }
        let firstLine = lineNumber
        var bad = 0
        func reportBadLines(before lineIndex: Int) {
            while bad < batch.badLines.count, batch.badLines[bad].line.index < lineIndex, !isStopped {
                let (line, error) = batch.badLines[bad]
                bad += 1
                lineNumber = firstLine + line.index + 1
                statistics.lines += 1
                statistics.badLines += 1
                let bytes = UnsafeBufferPointer(rebasing: stretch[line.start..<(line.start + line.count)])
                if !sink.badLine(bytes, lineNumber: lineNumber, error: error) { isStopped = true }
            }
        }
        // Which pre-aggregated slices count whole; each is taken at its first event, so open
        // state grows as it would one event at a time.
        var whole: [Bool] = []
        var taken: [Bool] = []
        // After a bad line that stops the query nothing may count, so then it goes one at a time.
        let partial = batch.badLines.isEmpty || !sink.mayStopOnBadLine ? batch.partial : nil
        let eventSlices = partial?.eventSlices ?? []
        if let partial, wholeStream != nil {
            taken = Array(repeating: false, count: partial.slices.count)
        } else if let partial, sliceOperator != nil {
            whole = partial.slices.map { slice in
                let seen = slice.timeBefore == .min ? watermark : max(watermark, slice.timeBefore &- plan.watermarkDelay)
                return sliceOperator!.canTake(sliceEnd: slice.end, watermark: seen)
            }
            taken = Array(repeating: false, count: whole.count)
        }
        let sequenceOffset = Int64(statistics.events)
        // Read once a batch, not once an event (each read of a class reference retains it).
        let firingOrder = self.firingOrder
        let directHashes = inputs.isDirect && !batch.keyHashes.isEmpty
        // A window aggregation whose events were all sliced on the decoding thread, with no
        // bad line or late-event limit: only the events that take a slice, are windowed alone
        // or move the watermark need anything done.
        let skims = plan.mode == .windowAggregate && wholeStream == nil && !eventSlices.isEmpty && !whole.isEmpty
            && limits.maxEventTimeSkew == nil && batch.badLines.isEmpty
        if let partial, let wholeStream, !eventSlices.isEmpty, batch.badLines.isEmpty {
            // An aggregation without a window, every event aggregated on the decoding thread
            // and no bad line: the loop below would only merge each piece at its first event
            // and count lines; done here without it.
            for slice in eventSlices where slice >= 0 && !taken[Int(slice)] {
                taken[Int(slice)] = true
                let table = partial.slices[Int(slice)].table
                table.shiftSequences(by: sequenceOffset)
                wholeStream.merge(table, kinds: wholeStreamUpdater.kinds, initial: wholeStreamUpdater.initial)
            }
            statistics.lines += eventSlices.count
            statistics.events += eventSlices.count
            lineNumber = firstLine + batch.lineCount
            return
        }
        batch.events.withRows { rows in
            (inputs.hashedKeyFields ?? []).withUnsafeBufferPointer { keyFields in
                if skims {
                    if let firingOrder {
                        // Flink's order depends on the events alone, never on when weir fires:
                        // it is brought to the batch's end first (the lookups of `emitGroup`
                        // only need it at or past weir's watermark).
                        let width = rows.width, timeSlot = inputs.timeSlot
                        if directHashes {
                            batch.keyHashes.withUnsafeBufferPointer { keys in
                                firingOrder.events(times: UnsafeBufferPointer(rebasing: rows.bits[timeSlot...]), stride: width,
                                                   keys: UnsafeBufferPointer(rebasing: keys[0..<rows.count]))
                            }
                        } else {
                            for event in 0..<rows.count {
                                order(firingOrder, rows, event, rows.bits[event * width + timeSlot], keyFields, batch.keyHashes, directHashes: false)
                            }
                        }
                    }
                    skim(batch, rows, eventSlices, whole, &taken, partial!, sequenceOffset, firstLine, keyFields, stretch)
                    return
                }
                for event in 0..<rows.count {
                    let line = batch.eventLines[event]
                    if bad < batch.badLines.count { reportBadLines(before: line.index) }
                    if isStopped { return }
                    lineNumber = firstLine + line.index + 1
                    statistics.lines += 1
                    statistics.events += 1
                    switch plan.mode {
                    case .projection:
                        // Dropped by the filter on the decoding thread (it still moves the watermark).
                        if batch.kept.isEmpty || batch.kept[event] {
                            rows.values(event, into: &row)
                            project(filtered: !batch.kept.isEmpty)
                        } else if plan.window != nil, let slot = plan.timeSlot, rows.tags[event * rows.width + slot] == ValueColumns.Tag.timestamp {
                            // A window TVF's row the filter dropped still moves the watermark, as
                            // Flink assigns it at the source (a window join drops rows it made late).
                            passRowtime(rows.bits[event * rows.width + slot])
                        }
                        if tracksRowtime { passRowtime(rows.bits[event * rows.width + plan.timeSlot!]) }
                    case .windowAggregate where wholeStream != nil:
                        if let slice = eventSlices.isEmpty ? nil : Int(eventSlices[event]) {
                            // Aggregated on the decoding thread: the piece's groups are taken
                            // whole at its first event (nothing is late without a window).
                            if slice >= 0, !taken[slice] {
                                taken[slice] = true
                                let table = partial!.slices[slice].table
                                table.shiftSequences(by: sequenceOffset)
                                wholeStream!.merge(table, kinds: wholeStreamUpdater.kinds, initial: wholeStreamUpdater.initial)
                            }
                        } else {
                            _ = inputs.withEvent(rows, event, keyFields: keyFields, hashes: batch.keyHashes, &scratch) { key, arguments in
                                wholeStream!.add(key, sequence: Int64(statistics.events), arguments: arguments, updater: wholeStreamUpdater)
                            }
                        }
                    case .windowAggregate:
                        let time = rows.bits[event * rows.width + inputs.timeSlot]
                        if let skew = limits.maxEventTimeSkew, watermark != .min, time &- watermark > skew {
                            rejectFarAhead(time, skew, line, stretch)
                            continue
                        }
                        if let firingOrder { order(firingOrder, rows, event, time, keyFields, batch.keyHashes, directHashes: directHashes) }
                        let slice = eventSlices.isEmpty ? nil : Int(eventSlices[event])
                        if let slice, slice < 0 {
                            // Dropped by the filter on the decoding thread.
                        } else if let slice, whole[slice] {
                            if !taken[slice] {
                                taken[slice] = true
                                sliceOperator!.take(partial!.slices[slice], sequenceOffset: sequenceOffset, watermark: watermark)
                            }
                        } else {
                            aggregate(rows, event, time, keyFields, batch.keyHashes, line, stretch)
                        }
                        passTime(time)
                    }
                }
            }
        }
        reportBadLines(before: .max)
        if !isStopped { lineNumber = firstLine + batch.lineCount }
    }

    /// Gives Flink's firing order one event: its group (if the filter keeps it) and its time.
    @inline(__always)
    private func order(_ firingOrder: FlinkFiringOrder, _ rows: ValueRows, _ event: Int, _ time: Int64, _ keyFields: UnsafeBufferPointer<Int>,
                       _ hashes: [UInt64], directHashes: Bool) {
        if directHashes {
            firingOrder.event(time: time, key: hashes[event])
        } else if let key = inputs.withEvent(rows, event, keyFields: keyFields, hashes: hashes, &scratch, { key, _ in key.hash }) {
            firingOrder.event(time: time, key: key)
        }
        firingOrder.passed(time: time)
    }

    /// `apply`'s loop for a batch sliced whole on the decoding thread: the same calls in the
    /// same order, with the per-event counters brought up to date only before each call.
    private func skim(_ batch: DecodedBatch, _ rows: ValueRows, _ eventSlices: [Int32], _ whole: [Bool], _ taken: inout [Bool],
                      _ partial: PartialAggregate, _ sequenceOffset: Int64, _ firstLine: Int,
                      _ keyFields: UnsafeBufferPointer<Int>, _ stretch: UnsafeBufferPointer<UInt8>) {
        let lines = statistics.lines, events = statistics.events
        let width = rows.width, timeSlot = inputs.timeSlot, delay = plan.watermarkDelay
        var counted = 0
        defer {
            statistics.lines = lines + counted
            statistics.events = events + counted
        }
        // Whether each slice's events need nothing more: it was taken whole.
        var done = [Bool](repeating: false, count: whole.count)
        let count = rows.count
        var event = 0
        while event < count {
            if isStopped { return }
            if checkedFirstTime {
                // Past the events that need nothing: in a slice taken whole, and not moving the
                // watermark (nothing else changes until one does).
                let watermark = self.watermark
                event = done.withUnsafeBufferPointer { done in
                    eventSlices.withUnsafeBufferPointer { slices in
                        var e = event
                        while e < count {
                            let slice = Int(slices[e])
                            if slice >= 0, !done[slice] { break }
                            if rows.bits[e * width + timeSlot] &- delay > watermark { break }
                            e += 1
                        }
                        return e
                    }
                }
                guard event < count else { break }
            }
            defer { event += 1 }
            let time = rows.bits[event * width + timeSlot]
            let slice = Int(eventSlices[event])
            let windowed = slice >= 0 && (!whole[slice] || !taken[slice])
            guard windowed || time &- delay > watermark || !checkedFirstTime else { continue }
            let line = batch.eventLines[event]
            lineNumber = firstLine + line.index + 1
            counted = event + 1
            statistics.lines = lines + counted
            statistics.events = events + counted
            if windowed {
                if whole[slice] {
                    taken[slice] = true
                    done[slice] = true
                    sliceOperator!.take(partial.slices[slice], sequenceOffset: sequenceOffset, watermark: watermark)
                } else {
                    aggregate(rows, event, time, keyFields, batch.keyHashes, line, stretch)
                }
            }
            passTime(time)
        }
        if !isStopped { counted = rows.count }
    }

    /// Ends the input: the last line without a newline is read, then every open window fires.
    public func finish() {
        if !isStopped { framer.finish { handle($0) } }
        advanceWatermark(to: .max)
        if let wholeStream, !isStopped {
            let width = wholeStreamUpdater.width
            for slot in wholeStream.slotsInArrivalOrder() {
                emitGroup(0, 0, FiredKey(table: wholeStream, slot: slot), wholeStream.accumulators[(slot * width)..<((slot + 1) * width)])
            }
        }
        endFiring()
    }

    /// Writes each firing's groups in the order Flink 2.3 emits them, for a window Top-N
    /// after this aggregation: equal sort keys are then kept as Flink keeps them. The
    /// `ONE_PHASE` aggregation strategy sends events to the global aggregation directly.
    public func followFlinkFiringOrder(twoPhase: Bool) {
        guard plan.mode == .windowAggregate, let spec = plan.window, spec.offset == 0, localWatermark == nil else { return }
        let window: FlinkFiringOrder.Window
        switch spec.kind {
        case .tumble(let size): window = .tumble(size: size)
        case let .hop(slide, size): window = .hop(slide: slide, size: size)
        case let .cumulate(step, maxSize): window = .cumulate(step: step, max: maxSize)
        case .session: return
        }
        firingOrder = FlinkFiringOrder(window: window, delay: plan.watermarkDelay, twoPhase: twoPhase)
    }

    /// Moves the watermark forward without an event (`--idle-timeout`).
    public func advanceWatermark(to newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        guard let windowOperator else {
            sink.watermarkAdvanced(to: watermark)
            return
        }
        firingOrder?.watermark(newWatermark)
        if localFlush?.flushes(at: newWatermark) == true { sliceOperator?.markLocalFlush(watermark: newWatermark) }
        if let sliceOperator, firingOrder == nil, !plan.distinct, let directSlots, let writer = firedRowWriter {
            // Each fired window's rows written in one pass: what `emitGroup` does a group at a time.
            sliceOperator.advance(to: watermark) { start, end, table, slots in
                emitWindow(start, end, table, slots, directSlots, writer)
            }
        } else {
            windowOperator.advance(to: watermark) { start, end, key, accumulators in
                emitGroup(start, end, key, accumulators)
            }
        }
        if !heldRows.isEmpty {
            // (Offsets grow with arrival: groups Flink does not emit keep weir's order.)
            heldRows.sort { ($0.ordinal, $0.offset) < ($1.ordinal, $1.offset) }
            let width = outputRow.count
            for (_, offset) in heldRows {
                for column in 0..<width { outputRow[column] = heldValues[offset + column] }
                sink.emit(outputRow)
            }
            heldRows.removeAll(keepingCapacity: true)
            heldValues.removeAll(keepingCapacity: true)
        }
        firingOrder?.forget(firedBy: newWatermark)
        if pendingFlush { endFiring() }
        sink.watermarkAdvanced(to: watermark)
    }

    private func endFiring() {
        if pendingFlush { sink.firingEnded() }
        sink.flush()
        pendingFlush = false
        lastFiring = (.min, .min)
    }

    /// Windows event `event` of `rows`, at `time`.
    @inline(__always)
    private func aggregate(_ rows: ValueRows, _ event: Int, _ time: Int64, _ keyFields: UnsafeBufferPointer<Int>,
                           _ hashes: [UInt64], _ line: DecodedBatch.Line, _ stretch: UnsafeBufferPointer<UInt8>) {
        guard let windowOperator else { return }
        let counted = inputs.withEvent(rows, event, keyFields: keyFields, hashes: hashes, &scratch) { key, arguments in
            localFlush?.buffer(time: time)
            return windowOperator.process(time: time, key: key, arguments: arguments, sequence: Int64(statistics.events), watermark: watermark)
        }
        if counted == false {
            statistics.lateEvents += 1
            if time &+ 1 >= watermark { statistics.lateAtWatermark += 1 }
            if !explainedFarWatermark, watermark &- time > Self.farWatermarkJump, watermarkLine > 0 {
                explainedFarWatermark = true
                sink.warning("line \(lineNumber) is late: line \(watermarkLine) moved the watermark to \(Timestamp.format(watermark)), \(HumanDuration.describe(watermark &- time)) ahead of it; events before then are late (--max-event-time-skew bounds how far one event may move it)")
            }
            sink.late(line: UnsafeBufferPointer(rebasing: stretch[line.start..<(line.start + line.count)]), lineNumber: lineNumber)
        }
    }

    /// A projection whose rows carry their event time on to operators after it: the
    /// watermark moves with each event and is passed on.
    private var tracksRowtime: Bool { plan.mode == .projection && plan.window == nil && plan.timeSlot != nil }

    private func passRowtime(_ time: Int64) {
        if !checkedFirstTime { checkFirstTime(time) }
        let candidate = localWatermark?.advance(wallClock: time) ?? time &- plan.watermarkDelay
        if candidate > watermark {
            watermark = candidate
            sink.watermarkAdvanced(to: candidate)
        }
    }

    private var checkedFirstTime = false

    /// Event times in 1970 are almost always epoch seconds read as milliseconds: said once.
    private func checkFirstTime(_ time: Int64) {
        checkedFirstTime = true
        guard time >= 0, time < 31_536_000_000 else { return }
        sink.warning("line \(lineNumber)'s event time is \(Timestamp.format(time)), in 1970: weir reads a number as milliseconds since the epoch; if the input holds seconds, multiply them by 1000 before weir (it does not read epoch seconds yet)")
    }

    /// A late event further behind the watermark than this is explained on stderr, once.
    static let farWatermarkJump: Int64 = 86_400_000

    /// An event further ahead of the watermark than `--max-event-time-skew`: a bad line, which
    /// neither counts nor moves the watermark.
    private func rejectFarAhead(_ time: Int64, _ skew: Int64, _ line: DecodedBatch.Line, _ stretch: UnsafeBufferPointer<UInt8>) {
        statistics.events -= 1
        statistics.badLines += 1
        let field = plan.timeSlot.map { plan.fields[$0].name } ?? "time"
        let bytes = UnsafeBufferPointer(rebasing: stretch[line.start..<(line.start + line.count)])
        if !sink.badLine(bytes, lineNumber: lineNumber, error: .timeTooFarAhead(field: field, ahead: time &- watermark, limit: skew)) {
            isStopped = true
        }
    }

    /// Moves the watermark after an event at `time`.
    @inline(__always)
    private func passTime(_ time: Int64) {
        if !checkedFirstTime { checkFirstTime(time) }
        let candidate = localWatermark?.advance(wallClock: time) ?? time &- plan.watermarkDelay
        if candidate > watermark {
            watermarkLine = lineNumber
            statistics.peakOpenState = max(statistics.peakOpenState, windowOperator?.openStateCount ?? 0)
            advanceWatermark(to: candidate)
        }
    }

    /// The rows of the groups `slots` of `table`, fired by window (`start`, `end`): `emitGroup`'s
    /// rows when the output is NDJSON, every column a window bound, a key or an aggregate, and
    /// neither DISTINCT nor Flink's firing order applies.
    private func emitWindow(_ start: Int64, _ end: Int64, _ table: GroupTable, _ slots: [Int], _ directSlots: [Int],
                            _ writer: FiredRowWriter) {
        guard !slots.isEmpty else { return }
        if lastFiring != (start, end) {
            if pendingFlush { sink.firingEnded() }
            lastFiring = (start, end)
            statistics.firings += 1
        }
        statistics.rows += slots.count
        pendingFlush = true
        let keyBase = QueryPlan.windowPropertyCount, aggregateBase = keyBase + plan.keys.count
        let width = sliceOperator?.groupWidth ?? aggregateKinds.count
        table.withKeyRows { keys in
            writer.sink.emitEncoded(rows: slots.count) { out in
                writer.encoder.appendFiredRows(directSlots, start: start, end: end, keys: keys, keyRows: slots, keyBase: keyBase,
                                               aggregateBase: aggregateBase, accumulators: table.accumulators, width: width,
                                               aggregate: { row, a in
                                                   table.accumulators[row * width + a].result(aggregateKinds[a], aggregateTypes[a])
                                               }, to: &out)
            }
        }
    }

    private func emitGroup(_ start: Int64, _ end: Int64, _ key: FiredKey, _ accumulators: ArraySlice<Accumulator>) {
        if lastFiring != (start, end) {
            if pendingFlush { sink.firingEnded() }
            lastFiring = (start, end)
            statistics.firings += 1
            distinctRows.removeAll(keepingCapacity: true)
        }
        // Taken before HAVING can drop the group, so no ordinal is left behind.
        let ordinal = firingOrder.map { $0.ordinal(end: end, key: key.table.hash(key.slot)) ?? .max }
        if let directSlots {
            let keyBase = QueryPlan.windowPropertyCount, aggregateBase = keyBase + plan.keys.count
            func value(_ s: Int) -> Value {
                switch s {
                case 0: .timestamp(start)
                case 1: .timestamp(end)
                case 2: .timestamp(end - 1)
                case ..<aggregateBase: key.table.keyValue(key.slot, s - keyBase)
                default: accumulators[accumulators.startIndex + s - aggregateBase]
                    .result(aggregateKinds[s - aggregateBase], aggregateTypes[s - aggregateBase])
                }
            }
            if let ordinal, !plan.distinct {
                heldRows.append((ordinal, heldValues.count))
                for s in directSlots { heldValues.append(value(s)) }
                statistics.rows += 1
                pendingFlush = true
                return
            }
            if !plan.distinct, let writer = firedRowWriter {
                statistics.rows += 1
                pendingFlush = true
                key.table.withKeyRows { keys in
                    writer.sink.emitEncoded(rows: 1) { out in
                        writer.encoder.appendFired(directSlots, start: start, end: end, keys: keys, keyRow: key.slot, keyBase: keyBase,
                                            aggregateBase: aggregateBase, accumulators: accumulators,
                                            aggregate: { value(aggregateBase + $0) }, to: &out)
                    }
                }
                return
            }
            outputRow.withUnsafeMutableBufferPointer { output in
                for (i, s) in directSlots.enumerated() { output[i] = value(s) }
            }
        } else {
            guard fillOutputRow(start, end, key, accumulators) else { return }
        }
        if plan.distinct, !distinctRows.insert(outputRow).inserted { return }
        statistics.rows += 1
        pendingFlush = true
        if let ordinal {
            // A group Flink would not emit here keeps weir's order, after the others.
            heldRows.append((ordinal, heldValues.count))
            heldValues.append(contentsOf: outputRow)
            return
        }
        sink.emit(outputRow)
    }

    /// Computes a fired group's output row through `resultRow`, its window bounds, key and
    /// aggregates; false when HAVING drops the group.
    private func fillOutputRow(_ start: Int64, _ end: Int64, _ key: FiredKey, _ accumulators: ArraySlice<Accumulator>) -> Bool {
        resultRow[0] = .timestamp(start)
        resultRow[1] = .timestamp(end)
        resultRow[2] = .timestamp(end - 1)
        var slot = QueryPlan.windowPropertyCount
        key.table.writeKey(key.slot, into: &resultRow, at: slot)
        slot += plan.keys.count
        var index = accumulators.startIndex
        for a in aggregateTypes.indices {
            resultRow[slot] = accumulators[index].result(aggregateKinds[a], aggregateTypes[a])
            slot += 1
            index += 1
        }
        if let having = plan.having, !Evaluator.holds(having, resultRow) { return false }
        for (i, projection) in plan.projections.enumerated() {
            outputRow[i] = if case .slot(let s) = projection { resultRow[s] } else { Evaluator.evaluate(projection, resultRow) }
        }
        return true
    }

    /// Room the rows this executor writes leave for columns the next operator appends.
    public var rowSpareCapacity = 0

    /// Projects the event in `row`; `filtered` when the decoding thread already applied a
    /// window-less filter.
    private func project(filtered: Bool) {
        if !filtered, let filter = plan.filter, plan.window == nil, !Evaluator.holds(filter, row) { return }
        guard let window = plan.window, let timeSlot = plan.timeSlot, case .timestamp(let time) = row[timeSlot] else {
            statistics.rows += 1
            pendingFlush = true
            if rowSpareCapacity > 0 {
                // Made with room for what the next operator appends (an OVER aggregation's
                // results), which would otherwise copy the row into a larger array.
                var out: [Value] = []
                out.reserveCapacity((projectsWholeRow ? row.count : plan.projections.count) + rowSpareCapacity)
                if projectsWholeRow {
                    out.append(contentsOf: row)
                } else {
                    for projection in plan.projections { out.append(Evaluator.evaluate(projection, row)) }
                }
                sink.emit(out)
                return
            }
            sink.emit(projectsWholeRow ? row : plan.projections.map { Evaluator.evaluate($0, row) })
            return
        }
        var windowRow = row
        windowRow.append(contentsOf: [.null, .null, .null])
        let width = row.count
        for (start, end) in WindowMath.windows(containing: time, window) {
            windowRow[width] = .timestamp(start)
            windowRow[width + 1] = .timestamp(end)
            windowRow[width + 2] = .timestamp(end - 1)
            if let filter = plan.filter, !Evaluator.holds(filter, windowRow) { continue }
            statistics.rows += 1
            pendingFlush = true
            sink.emit(plan.projections.map { Evaluator.evaluate($0, windowRow) })
        }
        let candidate = localWatermark?.advance(wallClock: time) ?? time &- plan.watermarkDelay
        if candidate > watermark {
            watermark = candidate
            sink.watermarkAdvanced(to: candidate)
        }
    }
}
