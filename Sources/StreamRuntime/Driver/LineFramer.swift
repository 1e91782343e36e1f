#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts input that arrives in chunks of any size into stretches of whole lines.
///
/// Invariants: every byte is handed on exactly once, in order; a stretch always ends with a
/// line's newline (or is the last line, at `finish`); only a line cut by a chunk boundary is
/// copied; a line longer than `maxLineBytes` is never held whole: its head is handed on when
/// it passes the limit, the rest in parts as it arrives.
struct LineFramer {
    /// What a chunk held.
    enum Piece {
        /// Whole lines, each ending with its newline (the last one may lack it at `finish`).
        case lines(UnsafeBufferPointer<UInt8>)
        /// A line passed the limit: what had arrived of it, then the first part of the rest.
        case longLineStart(head: UnsafeBufferPointer<UInt8>, part: UnsafeBufferPointer<UInt8>)
        /// More of that line; `end` when its newline (or the input's end) came.
        case longLinePart(UnsafeBufferPointer<UInt8>, end: Bool)
    }

    let maxLineBytes: Int
    private var carry: [UInt8] = []
    private var skippingLongLine = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes fed and not yet handed on (the start of a line whose newline has not come);
    /// nil while a line too long is being skipped, when no line boundary is known.
    var heldBytes: Int? { skippingLongLine ? nil : carry.count }

    mutating func frame(_ chunk: UnsafeRawBufferPointer, _ handle: (Piece) -> Void) {
        guard var base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        var count = chunk.count
        if skippingLongLine {
            guard let newline = memchr(base, 0x0A, count) else {
                handle(.longLinePart(UnsafeBufferPointer(start: base, count: count), end: false))
                return
            }
            let length = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
            handle(.longLinePart(UnsafeBufferPointer(start: base, count: length), end: true))
            skippingLongLine = false
            base += length + 1
            count -= length + 1
            guard count > 0 else { return }
        }
        var end = count
        while end > 0, base[end - 1] != 0x0A { end -= 1 }
        if end == 0 {
            if carry.count + count > maxLineBytes {
                let head = carry
                carry = []
                skippingLongLine = true
                head.withUnsafeBufferPointer { handle(.longLineStart(head: $0, part: UnsafeBufferPointer(start: base, count: count))) }
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            }
            return
        }
        var from = 0
        if !carry.isEmpty {
            // The line cut by the previous chunk ends in this one.
            var newline = 0
            while base[newline] != 0x0A { newline += 1 }
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: newline + 1))
            let line = carry
            carry = []
            line.withUnsafeBufferPointer { handle(.lines($0)) }
            from = newline + 1
        }
        if from < end { handle(.lines(UnsafeBufferPointer(start: base + from, count: end - from))) }
        if end < count { carry.append(contentsOf: UnsafeBufferPointer(start: base + end, count: count - end)) }
    }

    /// The input ended: the rest of a long line, or the last line without its newline.
    mutating func finish(_ handle: (Piece) -> Void) {
        if skippingLongLine {
            skippingLongLine = false
            handle(.longLinePart(UnsafeBufferPointer(start: nil, count: 0), end: true))
        }
        if !carry.isEmpty {
            let line = carry
            carry = []
            line.withUnsafeBufferPointer { handle(.lines($0)) }
        }
    }
}
