import QueryPlanner

/// What a windowed aggregation reads from an event: whether the filter keeps it, its group
/// key, and its aggregates' arguments. The thread that windows events one at a time and the
/// decoding threads that pre-aggregate read events the same way, through this.
struct AggregateInputs: Sendable {
    let timeSlot: Int
    private let filter: BoundExpression?
    private let keys: [BoundExpression]
    /// The key fields the decoder hashes, when every group key is a bare column; else nil,
    /// and keys are computed per event.
    let hashedKeyFields: [Int]?
    /// Each aggregate's argument: a bare column's slot, or -1 and an expression (or none).
    let argumentSlots: [Int]
    private let argumentExpressions: [BoundExpression?]
    /// Whether any aggregate reads an argument (`COUNT(*)` reads none).
    let readsArguments: Bool
    /// Whether events are made into a row of values (a filter, a computed key or argument).
    private let needsRow: Bool

    init(_ plan: QueryPlan) {
        timeSlot = plan.timeSlot ?? 0
        filter = plan.filter
        keys = plan.keys
        let keySlots = plan.keys.map { if case .slot(let s) = $0 { s } else { -1 } }
        hashedKeyFields = keySlots.contains(-1) ? nil : keySlots
        argumentSlots = plan.aggregates.map { if case .slot(let s) = $0.argument { s } else { -1 } }
        argumentExpressions = plan.aggregates.map(\.argument)
        readsArguments = plan.aggregates.contains { $0.argument != nil }
        needsRow = plan.filter != nil || hashedKeyFields == nil
            || zip(argumentExpressions, argumentSlots).contains { $0 != nil && $1 < 0 }
    }

    /// One thread's working buffers.
    struct Scratch {
        var row: [Value]
        var arguments: [Value]
        let computedKey: ValueColumns
        let computedKeyFields: [Int]
    }

    func makeScratch(width: Int) -> Scratch {
        Scratch(row: Array(repeating: .null, count: width), arguments: Array(repeating: .null, count: argumentSlots.count),
                computedKey: ValueColumns(width: keys.count), computedKeyFields: Array(keys.indices))
    }

    /// Whether every group key and argument is a bare column and there is no filter.
    var isDirect: Bool { !needsRow }

    /// Whether the filter keeps event `event` of `rows`; makes the event's row when one is needed.
    @inline(__always)
    func keeps(_ rows: ValueRows, _ event: Int, _ scratch: inout Scratch) -> Bool {
        if needsRow { rows.values(event, into: &scratch.row) }
        if let filter, !Evaluator.holds(filter, scratch.row) { return false }
        return true
    }

    /// Reads the aggregates' arguments of an event that `keeps` took.
    @inline(__always)
    func readArguments(_ rows: ValueRows, _ event: Int, _ scratch: inout Scratch) {
        for a in argumentSlots.indices {
            let slot = argumentSlots[a]
            if slot >= 0 {
                scratch.arguments[a] = rows.value(event, slot)
            } else if let argument = argumentExpressions[a] {
                scratch.arguments[a] = Evaluator.evaluate(argument, scratch.row)
            }
        }
    }

    /// Calls `body` with the group key computed from an event that `keeps` took.
    func withComputedKey<R>(_ scratch: inout Scratch, _ body: (KeyProbe) -> R) -> R {
        scratch.computedKey.removeAll()
        let row = scratch.row
        scratch.computedKey.appendRow(keys.map { Evaluator.evaluate($0, row) })
        let rows = scratch.computedKey.rows
        return scratch.computedKeyFields.withUnsafeBufferPointer { fields in
            withExtendedLifetime(scratch.computedKey) { body(KeyProbe(rows: rows, row: 0, fields: fields)) }
        }
    }

    /// Calls `body` with the group key and the arguments of event `event` of `rows`, or
    /// returns nil when the filter drops the event. `keyFields` and `hashes` are the batch's
    /// hashed key fields and hashes when `hashedKeyFields` is not nil.
    @inline(__always)
    func withEvent<R>(_ rows: ValueRows, _ event: Int, keyFields: UnsafeBufferPointer<Int>, hashes: [UInt64],
                      _ scratch: inout Scratch, _ body: (KeyProbe, [Value]) -> R) -> R? {
        guard keeps(rows, event, &scratch) else { return nil }
        readArguments(rows, event, &scratch)
        if hashedKeyFields != nil {
            return body(KeyProbe(rows: rows, row: event, fields: keyFields, hash: hashes[event]), scratch.arguments)
        }
        let arguments = scratch.arguments
        return withComputedKey(&scratch) { body($0, arguments) }
    }
}

/// The events of one decoded stretch that fall in one slice, aggregated on the decoding
/// thread: the local half of a two-phase aggregation, as Flink's local/global window
/// aggregates. Group `firstSeen` values are event numbers within the stretch, from 1.
final class PartialSlice {
    let end: Int64
    let table: GroupTable
    /// The stretch's last event counted here, and the greatest event time before it
    /// (`Int64.min` when there is none).
    var lastEvent = 0
    var timeBefore = Int64.min

    init(end: Int64, table: GroupTable) {
        self.end = end
        self.table = table
    }
}

struct PartialAggregate {
    var slices: [PartialSlice] = []
    /// Each event's index in `slices`, or -1 when the filter dropped it.
    var eventSlices: [Int32] = []
}

/// Pre-aggregates decoded stretches by slice and group. Safe to use from several threads: it
/// holds no state, and each call builds its own tables.
struct PartialAggregator: Sendable {
    let inputs: AggregateInputs
    /// nil: one slice, the whole input (an aggregation without a window, for `--final`);
    /// event times are not read.
    let slicing: Slicing?
    let updater: AggregateUpdater

    func aggregate(_ batch: DecodedBatch) -> PartialAggregate {
        // Every aggregate COUNT(*) of bare columns: each event only counts a row of its group.
        let countsOnly = inputs.isDirect && !updater.countsRows.isEmpty && updater.countsRows.allSatisfy { $0 }
        if countsOnly, let keyFields = inputs.hashedKeyFields { return countRows(batch, keyFields: keyFields) }
        if slicing == nil, inputs.isDirect, let keyFields = inputs.hashedKeyFields { return addAll(batch, keyFields: keyFields) }
        var result = PartialAggregate()
        result.eventSlices.reserveCapacity(batch.events.rowCount)
        var scratch = inputs.makeScratch(width: batch.events.width)
        var maxTime = Int64.min
        // The slice of the last event, kept in locals so the loop touches no reference counts.
        var sliceIndex: Int32 = -1
        var sliceEnd = Int64.min
        var table = updater.makeTable()
        var lastEvent = 0
        var timeBefore = Int64.min
        func leaveSlice() {
            guard sliceIndex >= 0 else { return }
            result.slices[Int(sliceIndex)].lastEvent = lastEvent
            result.slices[Int(sliceIndex)].timeBefore = timeBefore
        }
        let rows = batch.events.rows
        let hashes = batch.keyHashes
        (inputs.hashedKeyFields ?? []).withUnsafeBufferPointer { keyFields in
            inputs.argumentSlots.withUnsafeBufferPointer { argumentSlots in
                for event in 0..<rows.count {
                    let time = slicing == nil ? 0 : rows.bits[event * rows.width + inputs.timeSlot]
                    defer { if time > maxTime { maxTime = time } }
                    if !inputs.isDirect, !inputs.keeps(rows, event, &scratch) {
                        result.eventSlices.append(-1)
                        continue
                    }
                    if sliceIndex < 0 || !(slicing?.contains(sliceEnd, time) ?? true) {
                        leaveSlice()
                        sliceEnd = slicing?.sliceEnd(of: time) ?? .max
                        if let found = result.slices.firstIndex(where: { $0.end == sliceEnd }) {
                            sliceIndex = Int32(found)
                            lastEvent = result.slices[found].lastEvent
                            timeBefore = result.slices[found].timeBefore
                        } else {
                            sliceIndex = Int32(result.slices.count)
                            result.slices.append(PartialSlice(end: sliceEnd, table: updater.makeTable()))
                        }
                        table = result.slices[Int(sliceIndex)].table
                    }
                    if inputs.isDirect {
                        table.add(KeyProbe(rows: rows, row: event, fields: keyFields, hash: hashes[event]),
                                  sequence: Int64(event + 1), argumentSlots: argumentSlots, updater: updater)
                    } else {
                        if inputs.readsArguments { inputs.readArguments(rows, event, &scratch) }
                        let arguments = scratch.arguments
                        inputs.withComputedKey(&scratch) { key in
                            table.add(key, sequence: Int64(event + 1), arguments: arguments, updater: updater)
                        }
                    }
                    lastEvent = event
                    timeBefore = maxTime
                    result.eventSlices.append(sliceIndex)
                }
            }
        }
        leaveSlice()
        withExtendedLifetime(batch.events) {}
        return result
    }

    /// `aggregate` without a window, keys and arguments bare columns and no filter: every
    /// event goes to one table, the loop holding nothing else.
    private func addAll(_ batch: DecodedBatch, keyFields: [Int]) -> PartialAggregate {
        var result = PartialAggregate()
        let rows = batch.events.rows
        guard rows.count > 0 else { return result }
        let table = updater.makeTable()
        keyFields.withUnsafeBufferPointer { fields in
            batch.keyHashes.withUnsafeBufferPointer { hashes in
                inputs.argumentSlots.withUnsafeBufferPointer { argumentSlots in
                    for event in 0..<rows.count {
                        table.add(KeyProbe(rows: rows, row: event, fields: fields, hash: hashes[event]),
                                  sequence: Int64(event + 1), argumentSlots: argumentSlots, updater: updater)
                    }
                }
            }
        }
        let slice = PartialSlice(end: .max, table: table)
        // As `aggregate` leaves them: times are not read (all 0).
        slice.lastEvent = rows.count - 1
        slice.timeBefore = rows.count > 1 ? 0 : .min
        result.slices = [slice]
        result.eventSlices = Array(repeating: 0, count: rows.count)
        withExtendedLifetime(batch.events) {}
        return result
    }

    /// `aggregate` when every aggregate is `COUNT(*)` and the keys are bare columns: each run
    /// of events in one slice is counted into its table in one call (`GroupTable.countRows`).
    private func countRows(_ batch: DecodedBatch, keyFields: [Int]) -> PartialAggregate {
        var result = PartialAggregate()
        let rows = batch.events.rows
        let count = rows.count
        result.eventSlices = Array(repeating: -1, count: count)
        var maxTime = Int64.min
        @inline(__always) func time(_ event: Int) -> Int64 {
            slicing == nil ? 0 : rows.bits[event * rows.width + inputs.timeSlot]
        }
        keyFields.withUnsafeBufferPointer { fields in
            batch.keyHashes.withUnsafeBufferPointer { hashes in
                var event = 0
                while event < count {
                    let first = time(event)
                    let sliceEnd = slicing?.sliceEnd(of: first) ?? .max
                    // The run of events from `event` on in this slice, and the greatest time
                    // before its last event.
                    var timeBefore = maxTime
                    maxTime = max(maxTime, first)
                    var next = event + 1
                    while next < count {
                        let t = time(next)
                        if let slicing, !slicing.contains(sliceEnd, t) { break }
                        timeBefore = maxTime
                        maxTime = max(maxTime, t)
                        next += 1
                    }
                    let sliceIndex: Int
                    if let found = result.slices.firstIndex(where: { $0.end == sliceEnd }) {
                        sliceIndex = found
                    } else {
                        sliceIndex = result.slices.count
                        result.slices.append(PartialSlice(end: sliceEnd, table: updater.makeTable()))
                    }
                    let slice = result.slices[sliceIndex]
                    slice.table.countRows(rows, event..<next, fields: fields, hashes: hashes)
                    slice.lastEvent = next - 1
                    slice.timeBefore = timeBefore
                    result.eventSlices.withUnsafeMutableBufferPointer { slices in
                        for e in event..<next { slices[e] = Int32(sliceIndex) }
                    }
                    event = next
                }
            }
        }
        for slice in result.slices { slice.table.settleRowCounts() }
        withExtendedLifetime(batch.events) {}
        return result
    }
}

/// How TUMBLE, HOP and CUMULATE cut time into slices, and which windows a slice is in.
struct Slicing: Sendable {
    let spec: WindowSpec
    let sliceSize: Int64

    init(_ spec: WindowSpec) {
        self.spec = spec
        switch spec.kind {
        case .tumble(let size): sliceSize = size
        case let .hop(slide, size): sliceSize = gcd(slide, size)
        case .cumulate(let step, _): sliceSize = step
        case .session: preconditionFailure("sessions are not sliced")
        }
    }

    @inline(__always)
    func sliceEnd(of time: Int64) -> Int64 {
        WindowMath.start(of: time, offset: spec.offset, size: sliceSize) + sliceSize
    }

    /// Whether `time` is in the slice ending at `end`.
    @inline(__always)
    func contains(_ end: Int64, _ time: Int64) -> Bool {
        time < end && time >= end &- sliceSize
    }

    /// The end of the first window that contains the slice ending at `sliceEnd`.
    func firstWindowEnd(_ sliceEnd: Int64) -> Int64 {
        guard case let .hop(slide, size) = spec.kind else { return sliceEnd }
        // The earliest window start s with s + size >= sliceEnd.
        return WindowMath.start(of: sliceEnd - size - 1, offset: spec.offset, size: slide) + slide + size
    }

    /// The end of the last window that contains the slice ending at `sliceEnd`.
    func lastWindowEnd(_ sliceEnd: Int64) -> Int64 {
        switch spec.kind {
        case .tumble: sliceEnd
        case let .hop(slide, size):
            // The latest window starting at or before the slice's start.
            WindowMath.start(of: sliceEnd - sliceSize, offset: spec.offset, size: slide) + size
        case .cumulate(_, let maxSize): periodStart(sliceEnd) + maxSize
        case .session: sliceEnd
        }
    }

    /// CUMULATE: the start of the period holding the window or slice ending at `end`.
    func periodStart(_ end: Int64) -> Int64 {
        guard case .cumulate(_, let maxSize) = spec.kind else { return end }
        return WindowMath.start(of: end - 1, offset: spec.offset, size: maxSize)
    }

    /// The distance between the ends of consecutive windows.
    var windowEndStep: Int64 {
        switch spec.kind {
        case .hop(let slide, _): slide
        default: sliceSize
        }
    }
}
