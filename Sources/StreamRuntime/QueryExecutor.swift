import QueryPlanner
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

    private let keySlots: [Int]
    private var resultRow: [Value]
    private var distinctRows: Set<[Value]> = []
    private var lastFiring: (Int64, Int64) = (.min, .min)
    private var pendingFlush = false

    public init(plan: QueryPlan, sink: ResultSink) {
        self.plan = plan
        self.sink = sink
        decoder = EventDecoder(fields: plan.fields, timeSlot: plan.timeSlot)
        row = Array(repeating: .null, count: plan.fields.count)
        keySlots = plan.keys.map { if case .slot(let s) = $0 { s } else { -1 } }
        resultRow = Array(repeating: .null, count: QueryPlan.windowPropertyCount + plan.keys.count + plan.aggregates.count)
        if plan.mode == .windowAggregate, let window = plan.window {
            switch window.kind {
            case .session(let gap): windowOperator = SessionWindowOperator(gap: gap, aggregates: plan.aggregates)
            default: windowOperator = SliceWindowOperator(spec: window, aggregates: plan.aggregates)
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
        guard !isStopped, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + chunk.count
        var cursor = base
        if !carry.isEmpty {
            guard let newline = findNewline(cursor, end) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: cursor, count: end - cursor))
                return
            }
            carry.append(contentsOf: UnsafeBufferPointer(start: cursor, count: newline - cursor))
            var line = carry
            carry = []
            line.withUnsafeBufferPointer { processLine($0) }
            cursor = newline + 1
        }
        while cursor < end, !isStopped {
            guard let newline = findNewline(cursor, end) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: cursor, count: end - cursor))
                break
            }
            processLine(UnsafeBufferPointer(start: cursor, count: newline - cursor))
            cursor = newline + 1
        }
        if pendingFlush { endFiring() }
    }

    /// Ends the input: the last line without a newline is read, then every open window fires.
    public func finish() {
        if !carry.isEmpty, !isStopped {
            let line = carry
            carry = []
            line.withUnsafeBufferPointer { processLine($0) }
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

    @inline(__always)
    private func processLine(_ rawLine: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        var line = rawLine
        if atStart {
            atStart = false
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
        }
        if let last = line.last, last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if isBlank(line) { return }
        statistics.lines += 1
        do {
            try decoder.decode(line, into: &row)
        } catch {
            statistics.badLines += 1
            if !sink.badLine(line, lineNumber: lineNumber, error: error) { isStopped = true }
            return
        }
        statistics.events += 1
        switch plan.mode {
        case .projection:
            project(line)
        case .windowAggregate:
            aggregate(line)
        }
    }

    @inline(__always)
    private func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in line where !(c == 0x20 || c == 0x09 || c == 0x0D) { return false }
        return true
    }

    private func aggregate(_ line: UnsafeBufferPointer<UInt8>) {
        guard let windowOperator, let timeSlot = plan.timeSlot, case .timestamp(let time) = row[timeSlot] else { return }
        if plan.filter == nil || Evaluator.holds(plan.filter!, row) {
            let key: GroupKey
            switch keySlots.count {
            case 0: key = .none
            case 1: key = .one(keySlots[0] >= 0 ? row[keySlots[0]] : Evaluator.evaluate(plan.keys[0], row))
            default:
                key = .many(plan.keys.indices.map { keySlots[$0] >= 0 ? row[keySlots[$0]] : Evaluator.evaluate(plan.keys[$0], row) })
            }
            let counted = windowOperator.process(time: time, key: key, row: row, sequence: Int64(statistics.events),
                                                 watermark: watermark)
            if !counted {
                statistics.lateEvents += 1
                sink.late(line: line, lineNumber: lineNumber)
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
        for call in plan.aggregates {
            resultRow[slot] = accumulators[index].result(AggregateKind(call), call.resultType)
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

    private func project(_ line: UnsafeBufferPointer<UInt8>) {
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

@inline(__always)
private func findNewline(_ from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
    guard let found = memchr(from, 0x0A, end - from) else { return nil }
    return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
}
