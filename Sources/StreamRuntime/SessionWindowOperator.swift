import QueryPlanner

/// SESSION windows per group key: an event opens `[t, t + gap)`, which merges with every
/// session it overlaps or touches (Flink's `TimeWindow.intersects`); a session fires when the
/// watermark reaches its end − 1, sessions ending together in the order their first events
/// arrived.
///
/// An event is late when, after merging, its session has already fired: that can only happen
/// when it merges with nothing, since fired sessions are gone (Flink's `MergingWindowSet`).
final class SessionWindowOperator: WindowOperator {
    /// A session's firing time as it was when the timer was set. Timers are rescheduled lazily:
    /// extending a session sets no timer; when an older one comes due, it is set again for the
    /// session's end (see `advance`).
    private struct Timer: Comparable {
        var end: Int64
        var sequence: Int64
        var session: Int

        static func < (a: Timer, b: Timer) -> Bool { (a.end, a.sequence) < (b.end, b.sequence) }
        static func == (a: Timer, b: Timer) -> Bool { a.end == b.end && a.sequence == b.sequence }
    }

    private let gap: Int64
    private let updater: AggregateUpdater
    /// Open sessions by number, a column each, so that finding overlaps reads only times;
    /// a fired or merged session's number is reused (its key is nil while free).
    private var starts: [Int64] = []
    private var ends: [Int64] = []
    private var firstSeens: [Int64] = []
    private var accumulators: [[Accumulator]] = []
    private var keys: [GroupKey?] = []
    private var freeNumbers: [Int] = []
    /// The numbers of each key's open sessions, by start; they never overlap.
    private var sessionsOfKey: [GroupKey: [Int]] = [:]
    /// Invariant: each open session has exactly one timer whose sequence is its first seen,
    /// due at or before its end; other timers of it are stale and dropped when they come due.
    private var timers = MinHeap<Timer>()
    private var openSessions = 0

    init(gap: Int64, aggregates: [AggregateCall]) {
        self.gap = gap
        updater = AggregateUpdater(aggregates, keyWidth: 0)
    }

    var openStateCount: Int { openSessions }

    func process(time: Int64, key probe: KeyProbe, arguments: [Value], sequence: Int64, watermark: Int64) -> Bool {
        let key = probe.groupKey()
        // The key's numbers are moved out of the dictionary and back, never copied, and the
        // key is hashed once when it is there already.
        var numbers: [Int] = []
        let index = sessionsOfKey.index(forKey: key)
        if let index { swap(&numbers, &sessionsOfKey.values[index]) }
        defer {
            if let index {
                if numbers.isEmpty { sessionsOfKey.remove(at: index) } else { swap(&numbers, &sessionsOfKey.values[index]) }
            } else if !numbers.isEmpty {
                sessionsOfKey[key] = numbers
            }
        }
        var start = time, end = time + gap
        let overlapping = numbers.indices.filter { starts[numbers[$0]] <= end && ends[numbers[$0]] >= start }
        let number: Int
        if overlapping.isEmpty {
            if WindowMath.isFired(end, watermark) { return false }
            number = open(start: start, end: end, firstSeen: sequence, key: key)
            timers.push(Timer(end: end, sequence: sequence, session: number))
            let position = numbers.firstIndex { starts[$0] > start } ?? numbers.count
            numbers.insert(number, at: position)
        } else {
            number = numbers[overlapping[0]]
            let firstSeen = firstSeens[number]
            for index in overlapping.dropFirst() {
                let other = numbers[index]
                for a in 0..<updater.width { accumulators[number][a].merge(accumulators[other][a], updater.kinds[a]) }
                firstSeens[number] = min(firstSeens[number], firstSeens[other])
                start = min(start, starts[other])
                end = max(end, ends[other])
                close(other)
            }
            for index in overlapping.dropFirst().reversed() { numbers.remove(at: index) }
            starts[number] = min(start, starts[number])
            ends[number] = max(end, ends[number])
            // The earlier first event now orders the merged session: it needs a timer of its own.
            if firstSeens[number] != firstSeen { timers.push(Timer(end: ends[number], sequence: firstSeens[number], session: number)) }
        }
        updater.update(&accumulators[number], at: 0, arguments: arguments)
        return true
    }

    func advance(to watermark: Int64, emit: (Int64, Int64, FiredKey, ArraySlice<Accumulator>) -> Void) {
        while let timer = timers.min, WindowMath.isFired(timer.end, watermark) {
            timers.pop()
            let number = timer.session
            guard let key = keys[number], timer.sequence == firstSeens[number] else { continue }
            if timer.end < ends[number] {
                timers.push(Timer(end: ends[number], sequence: firstSeens[number], session: number))
                continue
            }
            let (start, end, fired) = (starts[number], ends[number], accumulators[number])
            close(number)
            var numbers: [Int] = []
            if let index = sessionsOfKey.index(forKey: key) { swap(&numbers, &sessionsOfKey.values[index]) }
            numbers.removeAll { $0 == number }
            sessionsOfKey[key] = numbers.isEmpty ? nil : numbers
            emit(start, end, .values(key), fired[...])
        }
    }

    private func open(start: Int64, end: Int64, firstSeen: Int64, key: GroupKey) -> Int {
        openSessions += 1
        if let number = freeNumbers.popLast() {
            starts[number] = start
            ends[number] = end
            firstSeens[number] = firstSeen
            accumulators[number] = updater.initial
            keys[number] = key
            return number
        }
        starts.append(start)
        ends.append(end)
        firstSeens.append(firstSeen)
        accumulators.append(updater.initial)
        keys.append(key)
        return keys.count - 1
    }

    private func close(_ number: Int) {
        openSessions -= 1
        keys[number] = nil
        accumulators[number] = []
        freeNumbers.append(number)
    }
}
