import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one stretch of input, decoded, in input order. Decoding needs no state
/// but the decoder's, so stretches decode on several cores while events stay in order.
struct DecodedBatch {
    /// Where an event came from: its line's number in the stretch (from 0) and its bytes
    /// (offsets into the stretch, without the line end, BOM or CR).
    struct Line {
        var index: Int
        var start: Int
        var count: Int
    }

    /// Lines in the stretch, blank and bad ones included.
    var lineCount = 0
    /// The decoded fields of the events, a row each, in input order.
    let events: ValueColumns
    var eventLines: [Line] = []
    /// Each event's group-key hash, when the decoder was asked for it.
    var keyHashes: [UInt64] = []
    /// The lines that are not events, in input order.
    var badLines: [(line: Line, error: DecodeError)] = []
    /// The events aggregated ahead by slice, when the query allows it.
    var partial: PartialAggregate?
    /// For a projection without a window: whether each event passed the filter.
    var kept: [Bool] = []

    init(width: Int) {
        events = ValueColumns(width: width)
    }
}

extension EventDecoder {
    /// Decodes every line of `stretch`; the last line may lack its newline.
    /// `stripBOM` drops a UTF-8 byte-order mark at the very start of the input. Given
    /// `keyFields`, each event's hash over those fields is computed here too, so the decoding
    /// threads take that work off the thread that aggregates.
    func decodeLines(_ stretch: UnsafeBufferPointer<UInt8>, stripBOM: Bool, keyFields: [Int]? = nil, memory: DecodeMemory? = nil) -> DecodedBatch {
        var batch = DecodedBatch(width: fieldCount)
        guard let base = stretch.baseAddress, !stretch.isEmpty else { return batch }
        let estimate = stretch.count / 64
        batch.events.reserveRows(estimate, textBytes: stretch.count / 4)
        batch.eventLines.reserveCapacity(estimate)
        // Moved out of `memory` and back, not copied: a copy retains and releases every array
        // of the shape, which cost a join (its inputs decoded a line at a time) 600 instructions a line.
        var dates = memory?.dates ?? DateCache()
        var shape = LineShape()
        if let memory { swap(&shape, &memory.shape) }
        defer {
            memory?.dates = dates
            if let memory { swap(&shape, &memory.shape) }
        }
        let ascii = UTF8Validation.isASCII(stretch)
        // Lines the compiled shape takes are read without looking for their ends first.
        let readsAhead = ascii && computed.isEmpty
        var cursor = 0
        let end = stretch.count
        var lineIndex = 0
        while cursor < end {
            if readsAhead, !shape.steps.isEmpty, lineIndex > 0 || !stripBOM {
                let next = decodeCompiledRun(stretch, from: cursor, lineIndex: &lineIndex, into: batch.events,
                                             lines: &batch.eventLines, dates: &dates, shape: shape)
                if next != cursor {
                    cursor = next
                    continue
                }
            }
            let newline = memchr(base + cursor, 0x0A, end - cursor).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
            var start = cursor
            var stop = newline
            cursor = newline + 1
            if lineIndex == 0, stripBOM, stop - start >= 3, base[start] == 0xEF, base[start + 1] == 0xBB, base[start + 2] == 0xBF { start += 3 }
            if stop > start, base[stop - 1] == 0x0D { stop -= 1 }
            let line = DecodedBatch.Line(index: lineIndex, start: start, count: stop - start)
            lineIndex += 1
            let bytes = UnsafeBufferPointer(start: base + start, count: stop - start)
            if isBlank(bytes) { continue }
            if bytes.count > maxLineBytes {
                batch.badLines.append((line, .lineTooLong(limit: maxLineBytes)))
                continue
            }
            do {
                try decode(bytes, into: batch.events, dates: &dates, shape: &shape, knownASCII: ascii)
                batch.eventLines.append(line)
            } catch {
                batch.badLines.append((line, error))
            }
        }
        batch.lineCount = lineIndex
        if let keyFields {
            let events = batch.events
            batch.keyHashes = keyFields.withUnsafeBufferPointer { fields in
                events.withRows { rows in
                    Array(unsafeUninitializedCapacity: rows.count) { hashes, count in
                        if fields.count == 1 {
                            // `hash` for a one-column key, without its loop.
                            let field = fields[0]
                            for row in 0..<rows.count { hashes[row] = rows.hash(row, field: field) }
                        } else {
                            for row in 0..<rows.count { hashes[row] = rows.hash(row, fields: fields) }
                        }
                        count = rows.count
                    }
                }
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

/// What one thread's decoding keeps from one stretch to the next: the line layout it learned
/// and the last date it read. Inputs read a line at a time (several tables taking turns)
/// would otherwise learn the layout again for every line.
final class DecodeMemory {
    var dates = DateCache()
    var shape = LineShape()
}
