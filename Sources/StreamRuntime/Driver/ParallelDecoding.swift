import Dispatch
import QueryPlanner
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's `sched_getaffinity`, which the Glibc module leaves out (it needs _GNU_SOURCE).
@_silgen_name("sched_getaffinity")
func weirSchedGetAffinity(_ pid: pid_t, _ size: Int, _ mask: UnsafeMutablePointer<cpu_set_t>) -> Int32

/// Pieces of one stretch shared by two decoding threads: each takes the next undecoded piece.
final class DecodeShare: @unchecked Sendable {
    // Each result is written by the thread that claimed the piece, before it signals the
    // piece's semaphore, and read only after that semaphore has been waited on.
    let pieces: [UnsafeBufferPointer<UInt8>]
    let decoder: StretchDecoder
    let stripBOM: Bool
    let results: UnsafeMutableBufferPointer<DecodedBatch>
    private let ready: [DispatchSemaphore]
    private let next = Atomic<Int>(0)

    init(pieces: [UnsafeBufferPointer<UInt8>], decoder: StretchDecoder, stripBOM: Bool) {
        self.pieces = pieces
        self.decoder = decoder
        self.stripBOM = stripBOM
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
        results[index] = decoder.decode(pieces[index], stripBOM: stripBOM && index == 0)
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

/// What a decoding thread does with a stretch: decode its lines, hash their group keys, and
/// aggregate its slices ahead when the query allows.
struct StretchDecoder: Sendable {
    let decoder: EventDecoder
    let keyFields: [Int]?
    let aggregator: PartialAggregator?
    /// A projection's filter over the input row, evaluated here for each event.
    let filter: BoundExpression?

    func decode(_ stretch: UnsafeBufferPointer<UInt8>, stripBOM: Bool, memory: DecodeMemory? = nil) -> DecodedBatch {
        var batch = decoder.decodeLines(stretch, stripBOM: stripBOM, keyFields: keyFields, memory: memory)
        if let aggregator, batch.events.rowCount > 0 {
            batch.partial = aggregator.aggregate(batch)
        }
        if let filter, batch.events.rowCount > 0 {
            var row = [Value](repeating: .null, count: batch.events.width)
            let rows = batch.events.rows
            batch.kept = (0..<rows.count).map { event in
                rows.values(event, into: &row)
                return Evaluator.holds(filter, row)
            }
            withExtendedLifetime(batch.events) {}
        }
        return batch
    }
}
