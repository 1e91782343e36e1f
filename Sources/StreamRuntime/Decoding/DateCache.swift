import QueryPlanner

/// The day of the last `YYYY-MM-DD` parsed, so an event on the same date parses only its time.
struct DateCache {
    private var key: UInt64 = 0
    private var keyTail: UInt16 = 0
    private var dayMillis: Int64 = 0
    private var valid = false
    /// The last text parsed on this path and its time: events of one second repeat it.
    private var lastText: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var lastCount = 0
    private var lastMillis: Int64 = 0

    /// `Timestamp.parse`, with a fast path for `YYYY-MM-DD HH:MM:SS[.f…]` on a cached date,
    /// and a faster one for the same text as the previous time's.
    @inline(__always)
    mutating func parse(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = s.count
        guard n >= 19, n <= 23, s[10] == 0x20 || s[10] == 0x54, let base = s.baseAddress else { return Timestamp.parse(s) }
        // The text as three words (the last one read from its end, overlapping the second).
        let raw = UnsafeRawPointer(base)
        let text = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        if n == lastCount, text == lastText { return lastMillis }
        return parseNew(s, text)
    }

    /// `parse` of a text other than the last one.
    @inline(never)
    private mutating func parseNew(_ s: UnsafeBufferPointer<UInt8>, _ text: (UInt64, UInt64, UInt64)) -> Int64? {
        guard let millis = parseUncached(s) else { return nil }
        lastText = text
        lastCount = s.count
        lastMillis = millis
        return millis
    }

    @inline(__always)
    private mutating func parseUncached(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = s.count
        let base = s.baseAddress!
        let head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(base + 8).loadUnaligned(as: UInt16.self)
        if !(valid && head == key && tail == keyTail) {
            // Parse the date part alone through the general parser, then remember it.
            guard let day = Timestamp.parse(UnsafeBufferPointer(start: base, count: 10)) else { return nil }
            key = head
            keyTail = tail
            dayMillis = day
            valid = true
        }
        @inline(__always) func two(_ i: Int) -> Int64? {
            let a = s[i] &- 48, b = s[i + 1] &- 48
            return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : nil
        }
        guard s[13] == 0x3A, s[16] == 0x3A, let h = two(11), let m = two(14), let sec = two(17), h < 24, m < 60, sec < 60 else {
            return Timestamp.parse(s)
        }
        var millis = dayMillis + h * 3_600_000 + m * 60_000 + sec * 1000
        if n > 19 {
            guard s[19] == 0x2E, n > 20 else { return Timestamp.parse(s) }
            var fraction: Int64 = 0
            var scale: Int64 = 100
            for i in 20..<n {
                let d = s[i] &- 48
                guard d < 10 else { return Timestamp.parse(s) }
                fraction += Int64(d) * scale
                scale /= 10
            }
            millis += fraction
        }
        return millis
    }
}
