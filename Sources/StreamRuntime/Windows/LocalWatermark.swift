/// The watermark of a rowtime that is a `TIMESTAMP_LTZ` in a session zone whose offset
/// changes, for operators that hold it as the zone's wall clock.
///
/// Flink keeps such a rowtime an instant: its watermark is the greatest instant seen less the
/// delay, and a window over the wall clock `[start, end)` fires once that watermark reaches
/// the timer of `end - 1` (`TimeWindowUtil.toEpochMillsForTimer`: in the hour the clocks go
/// back, the later of its two instants; in the hour they skip, the hour after it). weir's
/// operators compare wall clocks with a wall-clock watermark, so `advance` gives them the
/// greatest wall clock whose timer the instant watermark has reached: through the first pass
/// of a repeated hour it stays just before the hour, so the windows inside the hour wait for
/// the second pass, as Flink's do (case `w_ltz_fall_back_windows`).
///
/// Invariant: the wall-clock watermark is monotone in the instant watermark, and away from a
/// change of offset it is the instant watermark's wall clock (what `time - delay` gives).
/// An event's instant is read back from its wall clock: of the two instants of a wall clock
/// in a repeated hour, the one nearer the greatest instant seen, so events out of order by
/// less than half the repeated hour are placed right.
final class LocalWatermark {
    private let rules: SessionTimeZone.Rules
    private let delay: Int64
    private var greatestInstant = Int64.min

    private static let hour: Int64 = 3_600_000
    private static let day: Int64 = 86_400_000

    /// nil for a zone without daylight saving (Asia/Kolkata, Asia/Shanghai, a fixed offset):
    /// there its wall clocks order as its instants (past changes aside), and the watermark is
    /// each event's wall clock less the delay, as it always was.
    init?(zone: String, delay: Int64) {
        guard let rules = SessionTimeZone.rules(zone), rules.transitions.contains(where: { $0 > 1_704_067_200 }) else { return nil }
        self.rules = rules
        self.delay = delay
    }

    /// Wall clocks `[safeLow, safeHigh)` are more than two hours from a change of offset, by
    /// `safeOffset`: there an instant is its wall clock less the offset, and so is a timer.
    private var safeLow = Int64.max, safeHigh = Int64.min, safeOffset: Int64 = 0

    /// The wall-clock watermark after an event at wall clock `time` (never lower than before).
    func advance(wallClock time: Int64) -> Int64 {
        if time >= safeLow, time < safeHigh {
            greatestInstant = max(greatestInstant, time &- safeOffset)
            let watermark = greatestInstant &- delay
            if watermark &+ safeOffset >= safeLow, watermark &+ safeOffset < safeHigh { return watermark &+ safeOffset }
            return wallWatermark(watermark)
        }
        let result = slowAdvance(time)
        // The span of one offset around this event's instant, two hours in from its ends.
        let second = greatestInstant >= 0 ? greatestInstant / 1000 : (greatestInstant &- 999) / 1000
        let (from, to) = rules.span(atSecond: second)
        let low = from.map { $0 &* 1000 &+ 2 * Self.hour } ?? .min / 2
        let high = to.map { $0 &* 1000 &- 2 * Self.hour } ?? .max / 2
        safeOffset = offset(greatestInstant)
        (safeLow, safeHigh) = low < high ? (low &+ safeOffset, high &+ safeOffset) : (.max, .min)
        return result
    }

    private func slowAdvance(_ time: Int64) -> Int64 {
        let candidates = instants(time)
        let instant: Int64
        if candidates.count == 2, greatestInstant != .min {
            let (a, b) = (candidates[0], candidates[1])
            instant = Swift.abs(b &- greatestInstant) < Swift.abs(a &- greatestInstant) ? b : a
        } else {
            instant = candidates.first ?? time &- offset(time &- Self.day)
        }
        greatestInstant = max(greatestInstant, instant)
        return wallWatermark(greatestInstant &- delay)
    }

    /// The greatest wall clock whose timer `watermark` (an instant) has reached.
    func wallWatermark(_ watermark: Int64) -> Int64 {
        if watermark == .min || watermark == .max { return watermark }
        let o = offset(watermark)
        if offset(watermark &- 2 * Self.hour) == o, offset(watermark &+ 2 * Self.hour) == o { return watermark &+ o }
        let x = watermark &+ o
        if timer(x) <= watermark { return x }
        // Within a repeated hour's first pass: search below for the last wall clock reached.
        var low = x &- 2 * Self.hour, high = x
        while timer(low) > watermark { high = low; low = low &- 2 * Self.hour }
        while high &- low > 1 {
            let mid = low + (high &- low) / 2
            if timer(mid) <= watermark { low = mid } else { high = mid }
        }
        return low
    }

    /// Flink's `toEpochMillsForTimer`: the instant at which a window ending after wall clock
    /// `x` fires.
    func timer(_ x: Int64) -> Int64 {
        // Java's `TimeZone.useDaylightTime()` holds (the zone still changes its offset: a change
        // after 2024 in its rules), so Flink's timer takes these rules.
        let t1 = atZone(x)
        let t2 = atZone(x &+ Self.hour)
        if t1 == t2 { return t1 &- t1 % Self.hour }
        if t2 &- t1 > Self.hour { return t1 &+ Self.hour }
        return t1
    }

    /// java.time's `LocalDateTime.atZone`: the earlier instant in an overlap, and in a gap the
    /// instant the offset before it gives (the wall clock moved on by the gap).
    private func atZone(_ x: Int64) -> Int64 {
        instants(x).first ?? x &- offset(x &- Self.day)
    }

    /// The instants whose wall clock is `x`, earliest first: one, two in a repeated hour,
    /// none in a skipped one.
    private func instants(_ x: Int64) -> [Int64] {
        let a = x &- offset(x &- Self.day), b = x &- offset(x &+ Self.day)
        var found: [Int64] = []
        for t in a < b ? [a, b] : [b, a] where t &+ offset(t) == x && found.last != t { found.append(t) }
        return found
    }

    /// Milliseconds to add to an instant for its wall clock.
    private func offset(_ instant: Int64) -> Int64 {
        let second = instant >= 0 ? instant / 1000 : (instant &- 999) / 1000
        return rules.offset(atSecond: second) &* 1000
    }
}

extension SessionTimeZone.Rules {
    /// The changes of offset around `t` (seconds): the last at or before it and the first after
    /// it, nil where there is none.
    func span(atSecond t: Int64) -> (from: Int64?, to: Int64?) {
        var low = 0, high = transitions.count  // the first transition after t
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return (low == 0 ? nil : transitions[low - 1], low == transitions.count ? nil : transitions[low])
    }
}
