import QueryPlanner

/// SESSION windows per group key: an event opens `[t, t + gap)`, which merges with every
/// session it overlaps or touches (Flink's `TimeWindow.intersects`); a session fires when the
/// watermark reaches its end − 1, sessions ending together in the order their first events
/// arrived.
///
/// An event is late when, after merging, its session has already fired: that can only happen
/// when it merges with nothing, since fired sessions are gone (Flink's `MergingWindowSet`).
final class SessionWindowOperator: WindowOperator {
    private struct Session {
        var start: Int64
        var end: Int64
        var firstSeen: Int64
        var accumulators: [Accumulator]
        let key: GroupKey
    }

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
    /// Open sessions by number; a fired or merged session's number is reused.
    private var sessions: [Session?] = []
    private var freeNumbers: [Int] = []
    /// The numbers of each key's open sessions, by start; they never overlap.
    private var sessionsOfKey: [GroupKey: [Int]] = [:]
    /// Invariant: each open session has exactly one timer whose sequence is its `firstSeen`,
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
        var numbers = sessionsOfKey[key] ?? []
        var start = time, end = time + gap
        let overlapping = numbers.indices.filter { sessions[numbers[$0]]!.start <= end && sessions[numbers[$0]]!.end >= start }
        let number: Int
        if overlapping.isEmpty {
            if WindowMath.isFired(end, watermark) { return false }
            number = open(Session(start: start, end: end, firstSeen: sequence, accumulators: updater.initial, key: key))
            timers.push(Timer(end: end, sequence: sequence, session: number))
            let position = numbers.firstIndex { sessions[$0]!.start > start } ?? numbers.count
            numbers.insert(number, at: position)
        } else {
            number = numbers[overlapping[0]]
            var session = sessions[number]!
            let firstSeen = session.firstSeen
            for index in overlapping.dropFirst() {
                let other = sessions[numbers[index]]!
                for a in 0..<updater.width { session.accumulators[a].merge(other.accumulators[a], updater.kinds[a]) }
                session.firstSeen = min(session.firstSeen, other.firstSeen)
                session.start = min(session.start, other.start)
                session.end = max(session.end, other.end)
                close(numbers[index])
            }
            for index in overlapping.dropFirst().reversed() { numbers.remove(at: index) }
            start = min(start, session.start)
            end = max(end, session.end)
            session.start = start
            session.end = end
            // The earlier first event now orders the merged session: it needs a timer of its own.
            if session.firstSeen != firstSeen { timers.push(Timer(end: end, sequence: session.firstSeen, session: number)) }
            sessions[number] = session
        }
        updater.update(&sessions[number]!.accumulators, at: 0, arguments: arguments)
        sessionsOfKey[key] = numbers
        return true
    }

    func advance(to watermark: Int64, emit: (Int64, Int64, FiredKey, ArraySlice<Accumulator>) -> Void) {
        while let timer = timers.min, WindowMath.isFired(timer.end, watermark) {
            timers.pop()
            guard let session = sessions[timer.session], timer.sequence == session.firstSeen else { continue }
            if timer.end < session.end {
                timers.push(Timer(end: session.end, sequence: session.firstSeen, session: timer.session))
                continue
            }
            close(timer.session)
            var numbers = sessionsOfKey[session.key]!
            numbers.removeAll { $0 == timer.session }
            sessionsOfKey[session.key] = numbers.isEmpty ? nil : numbers
            emit(session.start, session.end, .values(session.key), session.accumulators[...])
        }
    }

    private func open(_ session: Session) -> Int {
        openSessions += 1
        if let number = freeNumbers.popLast() {
            sessions[number] = session
            return number
        }
        sessions.append(session)
        return sessions.count - 1
    }

    private func close(_ number: Int) {
        openSessions -= 1
        sessions[number] = nil
        freeNumbers.append(number)
    }
}
