import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one stretch of input, decoded, in input order. Decoding needs no state
/// but the decoder's, so stretches decode on several cores while events stay in order.
struct DecodedBatch {
    enum Outcome {
        case blank
        case event
        case bad(DecodeError)
    }

    /// Each line's bytes (offsets into the stretch), without its line end, BOM or CR.
    var lines: [(start: Int, count: Int)] = []
    var outcomes: [Outcome] = []
    /// The decoded fields, `width` values per event, events in order.
    var values: [Value] = []
}

extension EventDecoder {
    /// Decodes every line of `stretch`; the last line may lack its newline.
    /// `stripBOM` drops a UTF-8 byte-order mark at the very start of the input.
    func decodeLines(_ stretch: UnsafeBufferPointer<UInt8>, stripBOM: Bool) -> DecodedBatch {
        var batch = DecodedBatch()
        guard let base = stretch.baseAddress, !stretch.isEmpty else { return batch }
        let estimate = stretch.count / 64
        batch.lines.reserveCapacity(estimate)
        batch.outcomes.reserveCapacity(estimate)
        batch.values.reserveCapacity(estimate * fieldCount)
        var row = [Value](repeating: .null, count: fieldCount)
        var dates = DateCache()
        var cursor = 0
        let end = stretch.count
        var first = true
        while cursor < end {
            let newline = memchr(base + cursor, 0x0A, end - cursor).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
            var start = cursor
            var stop = newline
            cursor = newline + 1
            if first, stripBOM, stop - start >= 3, base[start] == 0xEF, base[start + 1] == 0xBB, base[start + 2] == 0xBF { start += 3 }
            first = false
            if stop > start, base[stop - 1] == 0x0D { stop -= 1 }
            batch.lines.append((start, stop - start))
            let line = UnsafeBufferPointer(start: base + start, count: stop - start)
            if isBlank(line) {
                batch.outcomes.append(.blank)
                continue
            }
            do {
                try decode(line, into: &row, dates: &dates)
                batch.outcomes.append(.event)
                batch.values.append(contentsOf: row)
            } catch {
                batch.outcomes.append(.bad(error))
            }
        }
        return batch
    }

    @inline(__always)
    private func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in line where !(c == 0x20 || c == 0x09 || c == 0x0D) { return false }
        return true
    }
}
