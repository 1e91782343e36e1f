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
    private let decoder: EventDecoder
    private let windowOperator: WindowOperator?
    private var row: [Value]
    private var carry: [UInt8] = []
    private var lineNumber = 0
    private var atStart = true
    public private(set) var watermark: Int64 = .min
    public private(set) var statistics = QueryStatistics()
    /// Set when the sink asked to stop (`--strict`) or the query was cancelled.
    public private(set) var isStopped = false

    /// The key fields the decoder hashes, when every group key is a bare column; else nil,
    /// and keys are computed per event into `computedKey`.
    private let hashedKeyFields: [Int]?
    private var computedKey: ValueColumns
    private let computedKeyFields: [Int]
    /// Each aggregate's argument: a bare column's slot, or -1 and an expression (or none).
    private let argumentSlots: [Int]
    private var arguments: [Value]
    /// Whether events are made into `row` (a filter, a computed key or argument, projections).
    private let needsRow: Bool
    private let aggregateKinds: [AggregateKind]
    private var resultRow: [Value]
    private var distinctRows: Set<[Value]> = []
    private var lastFiring: (Int64, Int64) = (.min, .min)
    private var pendingFlush = false

    public init(plan: QueryPlan, sink: ResultSink) {
        self.plan = plan
        self.sink = sink
        decoder = EventDecoder(fields: plan.fields, timeSlot: plan.timeSlot)
        row = Array(repeating: .null, count: plan.fields.count)
        let keySlots = plan.keys.map { if case .slot(let s) = $0 { s } else { -1 } }
        hashedKeyFields = keySlots.contains(-1) ? nil : keySlots
        computedKey = ValueColumns(width: plan.keys.count)
        computedKeyFields = Array(plan.keys.indices)
        argumentSlots = plan.aggregates.map { if case .slot(let s) = $0.argument { s } else { -1 } }
        arguments = Array(repeating: .null, count: plan.aggregates.count)
        needsRow = plan.mode == .projection || plan.filter != nil || hashedKeyFields == nil
            || zip(plan.aggregates, argumentSlots).contains { $0.argument != nil && $1 < 0 }
        aggregateKinds = plan.aggregates.map(AggregateKind.init)
        resultRow = Array(repeating: .null, count: QueryPlan.windowPropertyCount + plan.keys.count + plan.aggregates.count)
        if plan.mode == .windowAggregate, let window = plan.window {
            switch window.kind {
            case .session(let gap): windowOperator = SessionWindowOperator(gap: gap, aggregates: plan.aggregates)
            default: windowOperator = SliceWindowOperator(spec: window, aggregates: plan.aggregates, keyWidth: plan.keys.count)
            }
        } else {
            windowOperator = nil
        }
    }

    /// Stops reading: later input is ignored; `finish` still fires the open windows.
    public func stop() {
        isStopped = true
    }

    /// Processes a chunk of input bytes.
    public func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !isStopped, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        var end = chunk.count
        while end > 0, base[end - 1] != 0x0A { end -= 1 }
        if end == 0 {
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: chunk.count))
            return
        }
        var from = 0
        if !carry.isEmpty {
            // The line cut by the previous chunk ends in this one.
            var newline = 0
            while base[newline] != 0x0A { newline += 1 }
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: newline))
            let line = carry
            carry = []
            line.withUnsafeBufferPointer { process($0) }
            from = newline + 1
        }
        if from < end { process(UnsafeBufferPointer(start: base + from, count: end - from)) }
        if end < chunk.count { carry.append(contentsOf: UnsafeBufferPointer(start: base + end, count: chunk.count - end)) }
        if pendingFlush { endFiring() }
    }

    /// Stretches at least this long are decoded on two cores.
    static let parallelThreshold = 1 << 17
    /// The size of the pieces the two cores take turns decoding.
    static let pieceSize = 1 << 16

    /// Decodes whole lines, then runs them in order. A long stretch is cut into pieces at line
    /// ends; a helper thread and this one both take the next undecoded piece, and this one runs
    /// the decoded pieces in input order, decoding ahead whenever the next piece is not ready.
    private func process(_ stretch: UnsafeBufferPointer<UInt8>) {
        guard !isStopped else { return }
        let stripBOM = atStart
        atStart = false
        guard stretch.count >= Self.parallelThreshold else {
            apply(decoder.decodeLines(stretch, stripBOM: stripBOM, keyFields: hashedKeyFields), stretch)
            return
        }
        var pieces: [UnsafeBufferPointer<UInt8>] = []
        var from = 0
        while from < stretch.count {
            var to = min(stretch.count, from + Self.pieceSize)
            while to < stretch.count, stretch[to - 1] != 0x0A { to += 1 }
            pieces.append(UnsafeBufferPointer(rebasing: stretch[from..<to]))
            from = to
        }
        let shared = DecodeShare(pieces: pieces, decoder: decoder, stripBOM: stripBOM, keyFields: hashedKeyFields)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { shared.decodeWhileAny() }
        for index in pieces.indices {
            shared.waitFor(index)
            if !isStopped { apply(shared.results[index], pieces[index]) }
            shared.results[index] = DecodedBatch(width: 0)
        }
        group.wait()
    }

    /// Runs decoded lines through the query, in input order.
    private func apply(_ batch: DecodedBatch, _ stretch: UnsafeBufferPointer<UInt8>) {
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
        batch.events.withRows { rows in
            (hashedKeyFields ?? []).withUnsafeBufferPointer { keyFields in
                for event in 0..<rows.count {
                    let line = batch.eventLines[event]
                    if bad < batch.badLines.count { reportBadLines(before: line.index) }
                    if isStopped { return }
                    lineNumber = firstLine + line.index + 1
                    statistics.lines += 1
                    statistics.events += 1
                    if needsRow { rows.values(event, into: &row) }
                    switch plan.mode {
                    case .projection:
                        project()
                    case .windowAggregate:
                        let key = hashedKeyFields == nil ? nil
                            : KeyProbe(rows: rows, row: event, fields: keyFields, hash: batch.keyHashes[event])
                        aggregate(rows, event, key, line, stretch)
                    }
                }
            }
        }
        reportBadLines(before: .max)
        if !isStopped { lineNumber = firstLine + batch.lineCount }
    }

    /// Ends the input: the last line without a newline is read, then every open window fires.
    public func finish() {
        if !carry.isEmpty, !isStopped {
            let line = carry
            carry = []
            line.withUnsafeBufferPointer { process($0) }
        }
        advanceWatermark(to: .max)
        endFiring()
    }

    /// Moves the watermark forward without an event (`--idle-timeout`).
    public func advanceWatermark(to newWatermark: Int64) {
        guard newWatermark > watermark else { return }
        watermark = newWatermark
        guard let windowOperator else { return }
        windowOperator.advance(to: watermark) { start, end, key, accumulators in
            emitGroup(start, end, key, accumulators)
        }
        if pendingFlush { endFiring() }
    }

    private func endFiring() {
        if pendingFlush { sink.firingEnded() }
        sink.flush()
        pendingFlush = false
        lastFiring = (.min, .min)
    }

    /// Windows event `event` of `rows`; `key` is its group key when the decoder hashed it.
    @inline(__always)
    private func aggregate(_ rows: ValueRows, _ event: Int, _ key: KeyProbe?, _ line: DecodedBatch.Line,
                           _ stretch: UnsafeBufferPointer<UInt8>) {
        guard let windowOperator, let timeSlot = plan.timeSlot else { return }
        // The decoder guarantees a windowed query's events a time.
        let time = rows.bits[event * rows.width + timeSlot]
        if plan.filter == nil || Evaluator.holds(plan.filter!, row) {
            for a in argumentSlots.indices {
                let slot = argumentSlots[a]
                if slot >= 0 {
                    arguments[a] = rows.value(event, slot)
                } else if let argument = plan.aggregates[a].argument {
                    arguments[a] = Evaluator.evaluate(argument, row)
                }
            }
            let sequence = Int64(statistics.events)
            let counted: Bool
            if let key {
                counted = windowOperator.process(time: time, key: key, arguments: arguments, sequence: sequence, watermark: watermark)
            } else {
                computedKey.removeAll()
                computedKey.appendRow(plan.keys.map { Evaluator.evaluate($0, row) })
                counted = computedKey.withRows { keyRows in
                    computedKeyFields.withUnsafeBufferPointer { fields in
                        windowOperator.process(time: time, key: KeyProbe(rows: keyRows, row: 0, fields: fields),
                                               arguments: arguments, sequence: sequence, watermark: watermark)
                    }
                }
            }
            if !counted {
                statistics.lateEvents += 1
                sink.late(line: UnsafeBufferPointer(rebasing: stretch[line.start..<(line.start + line.count)]), lineNumber: lineNumber)
            }
        }
        let candidate = time &- plan.watermarkDelay
        if candidate > watermark {
            statistics.peakOpenState = max(statistics.peakOpenState, windowOperator.openStateCount)
            advanceWatermark(to: candidate)
        }
    }

    private func emitGroup(_ start: Int64, _ end: Int64, _ key: GroupKey, _ accumulators: ArraySlice<Accumulator>) {
        if lastFiring != (start, end) {
            if pendingFlush { sink.firingEnded() }
            lastFiring = (start, end)
            statistics.firings += 1
            distinctRows.removeAll(keepingCapacity: true)
        }
        resultRow[0] = .timestamp(start)
        resultRow[1] = .timestamp(end)
        resultRow[2] = .timestamp(end - 1)
        var slot = QueryPlan.windowPropertyCount
        switch key {
        case .none: break
        case .one(let v):
            resultRow[slot] = v
            slot += 1
        case .many(let values):
            for v in values {
                resultRow[slot] = v
                slot += 1
            }
        }
        var index = accumulators.startIndex
        for (a, call) in plan.aggregates.enumerated() {
            resultRow[slot] = accumulators[index].result(aggregateKinds[a], call.resultType)
            slot += 1
            index += 1
        }
        if let having = plan.having, !Evaluator.holds(having, resultRow) { return }
        let output = plan.projections.map { Evaluator.evaluate($0, resultRow) }
        if plan.distinct, !distinctRows.insert(output).inserted { return }
        statistics.rows += 1
        sink.emit(output)
        pendingFlush = true
    }

    private func project() {
        if let filter = plan.filter, plan.window == nil, !Evaluator.holds(filter, row) { return }
        guard let window = plan.window, let timeSlot = plan.timeSlot, case .timestamp(let time) = row[timeSlot] else {
            statistics.rows += 1
            pendingFlush = true
            sink.emit(plan.projections.map { Evaluator.evaluate($0, row) })
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
        let candidate = time &- plan.watermarkDelay
        if candidate > watermark { watermark = candidate }
    }
}

/// Pieces of one stretch shared by two decoding threads: each takes the next undecoded piece.
private final class DecodeShare: @unchecked Sendable {
    // Each result is written by the thread that claimed the piece, before it signals the
    // piece's semaphore, and read only after that semaphore has been waited on.
    let pieces: [UnsafeBufferPointer<UInt8>]
    let decoder: EventDecoder
    let stripBOM: Bool
    let keyFields: [Int]?
    let results: UnsafeMutableBufferPointer<DecodedBatch>
    private let ready: [DispatchSemaphore]
    private let next = Atomic<Int>(0)

    init(pieces: [UnsafeBufferPointer<UInt8>], decoder: EventDecoder, stripBOM: Bool, keyFields: [Int]?) {
        self.pieces = pieces
        self.decoder = decoder
        self.stripBOM = stripBOM
        self.keyFields = keyFields
        results = .allocate(capacity: pieces.count)
        results.initialize(repeating: DecodedBatch(width: 0))
        ready = pieces.map { _ in DispatchSemaphore(value: 0) }
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// Claims and decodes one piece; false when none is left.
    private func decodeOne() -> Bool {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < pieces.count else { return false }
        results[index] = decoder.decodeLines(pieces[index], stripBOM: stripBOM && index == 0, keyFields: keyFields)
        ready[index].signal()
        return true
    }

    func decodeWhileAny() {
        while decodeOne() {}
    }

    /// Returns once piece `index` is decoded, decoding other pieces meanwhile.
    func waitFor(_ index: Int) {
        while ready[index].wait(timeout: .now()) == .timedOut {
            if !decodeOne() {
                ready[index].wait()
                return
            }
        }
    }
}
