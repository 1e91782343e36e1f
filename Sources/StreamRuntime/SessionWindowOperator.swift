import QueryPlanner

/// SESSION windows per group key: an event opens `[t, t + gap)`, which merges with every
/// session it overlaps or touches (Flink's `TimeWindow.intersects`); a session fires when the
/// watermark reaches its end − 1.
///
/// An event is late when, after merging, its session has already fired: that can only happen
/// when it merges with nothing, since fired sessions are gone (Flink's `MergingWindowSet`).
final class SessionWindowOperator: WindowOperator {
    private struct Session {
        var start: Int64
        var end: Int64
        var firstSeen: Int64
        var accumulators: [Accumulator]
    }

    private struct Timer: Comparable {
        var end: Int64
        var sequence: Int64
        var key: GroupKey

        static func < (a: Timer, b: Timer) -> Bool { (a.end, a.sequence) < (b.end, b.sequence) }
        static func == (a: Timer, b: Timer) -> Bool { a.end == b.end && a.sequence == b.sequence }
    }

    private let gap: Int64
    private let updater: AggregateUpdater
    /// Open sessions of each key, by start; they never overlap.
    private var sessions: [GroupKey: [Session]] = [:]
    private var timers = MinHeap<Timer>()
    private var openSessions = 0

    init(gap: Int64, aggregates: [AggregateCall]) {
        self.gap = gap
        updater = AggregateUpdater(aggregates, keyWidth: 0)
    }

    var openStateCount: Int { openSessions }

    func process(time: Int64, key probe: KeyProbe, arguments: [Value], sequence: Int64, watermark: Int64) -> Bool {
        let key = probe.groupKey()
        var list = sessions[key] ?? []
        var start = time, end = time + gap
        let overlapping = list.indices.filter { list[$0].start <= end && list[$0].end >= start }
        var session: Session
        if overlapping.isEmpty {
            if WindowMath.isFired(end, watermark) { return false }
            session = Session(start: start, end: end, firstSeen: sequence, accumulators: updater.initial)
            openSessions += 1
        } else {
            session = list[overlapping[0]]
            for index in overlapping.dropFirst() {
                let other = list[index]
                for a in 0..<updater.width { session.accumulators[a].merge(other.accumulators[a], updater.kinds[a]) }
                session.firstSeen = min(session.firstSeen, other.firstSeen)
                session.start = min(session.start, other.start)
                session.end = max(session.end, other.end)
            }
            openSessions -= overlapping.count - 1
            start = min(start, session.start)
            end = max(end, session.end)
            session.start = start
            for index in overlapping.reversed() { list.remove(at: index) }
        }
        let extended = end != session.end || overlapping.isEmpty
        session.end = end
        updater.update(&session.accumulators, at: 0, arguments: arguments)
        let position = list.firstIndex { $0.start > session.start } ?? list.count
        list.insert(session, at: position)
        sessions[key] = list
        if extended || overlapping.count > 1 {
            timers.push(Timer(end: end, sequence: session.firstSeen, key: key))
        }
        return true
    }

    func advance(to watermark: Int64, emit: (Int64, Int64, FiredKey, ArraySlice<Accumulator>) -> Void) {
        while let timer = timers.min, WindowMath.isFired(timer.end, watermark) {
            timers.pop()
            guard var list = sessions[timer.key], let index = list.firstIndex(where: { $0.end == timer.end }) else { continue }
            let session = list.remove(at: index)
            sessions[timer.key] = list.isEmpty ? nil : list
            openSessions -= 1
            emit(session.start, session.end, .values(timer.key), session.accumulators[...])
        }
    }
}
