import QueryPlanner

/// SESSION windows per group key: an event opens `[t, t + gap)`, which merges with every
/// session it overlaps or touches (Flink's `TimeWindow.intersects`); a session fires when the
/// watermark reaches its end − 1, sessions ending together in the order Flink's timer heap
/// gives them (timers added and deleted as its `MergingWindowProcessFunction` does).
///
/// An event is late when, after merging, its session has already fired: that can only happen
/// when it merges with nothing, since fired sessions are gone (Flink's `MergingWindowSet`).
final class SessionWindowOperator: WindowOperator {
    private let gap: Int64
    private let updater: AggregateUpdater
    /// Open sessions by number, a column each, so that finding overlaps reads only times;
    /// a fired or merged session's number is reused (its key is nil while free).
    private var starts: [Int64] = []
    private var ends: [Int64] = []
    /// Events counted into each open session, for the report of a run stopped early.
    private var eventCounts: [Int] = []
    private var accumulators: [[Accumulator]] = []
    /// Each session's key, as its slot in `keyTable`; -1 while the number is free.
    private var keys: [Int] = []
    private var freeNumbers: [Int] = []
    /// Numbers the keys seen (compared as bytes, with a cheap hash); rebuilt with the live ones
    /// when the dead outnumber them, so it holds about the keys with open sessions.
    private var keyTable: GroupTable
    /// The numbers of each key's open sessions (by key slot), by start; they never overlap.
    private var sessionsOfKey: [[Int]] = []
    private var liveKeys = 0
    /// Invariant: each open session has one timer, at its end − 1 (its handle in
    /// `timerHandles`), whose payload is its number; no other timer is held.
    private var timers = FlinkTimerQueue()
    private var timerHandles: [Int] = []
    private var openSessions = 0

    init(gap: Int64, aggregates: [AggregateCall], keyWidth: Int) {
        self.gap = gap
        updater = AggregateUpdater(aggregates, keyWidth: 0)
        keyTable = GroupTable(width: 0, keyWidth: keyWidth)
    }

    var openStateCount: Int { openSessions }
    var openWindowCount: Int { openSessions }
    var heldGroups: Int { openSessions }
    var heldEvents: Int { keys.indices.reduce(0) { $0 + (keys[$1] >= 0 ? eventCounts[$1] : 0) } }

    /// An open session holds only events at or after its start. (A later event may still
    /// extend a session back before this floor: the next checkpoint computes its own.)
    func stateTimeFloor(watermark: Int64) -> Int64 {
        var floor = watermark == .min ? Int64.min : watermark &+ 1 &- gap
        for number in keys.indices where keys[number] >= 0 { floor = min(floor, starts[number]) }
        return floor
    }

    func process(time: Int64, key probe: KeyProbe, arguments: [Value], sequence: Int64, watermark: Int64) -> Bool {
        let key = keyTable.slot(for: probe, sequence: 0, initial: [])
        if key == sessionsOfKey.count { sessionsOfKey.append([]) }
        // The key's numbers are moved out and back, never copied.
        var numbers: [Int] = []
        swap(&numbers, &sessionsOfKey[key])
        let wasLive = !numbers.isEmpty
        defer {
            swap(&numbers, &sessionsOfKey[key])
            liveKeys += (sessionsOfKey[key].isEmpty ? 0 : 1) - (wasLive ? 1 : 0)
        }
        var start = time, end = time + gap
        let overlapping = numbers.indices.filter { starts[numbers[$0]] <= end && ends[numbers[$0]] >= start }
        let number: Int
        if overlapping.isEmpty {
            if WindowMath.isFired(end, watermark) { return false }
            number = open(start: start, end: end, key: key)
            timerHandles[number] = timers.add(at: end - 1, payload: number)
            let position = numbers.firstIndex { starts[$0] > start } ?? numbers.count
            numbers.insert(number, at: position)
        } else {
            number = numbers[overlapping[0]]
            let contained = overlapping.count == 1 && starts[number] <= start && ends[number] >= end
            // The merged sessions' timers, in the order Flink deletes them (at most two
            // sessions can touch one new window: a third between them would have joined them).
            var deleted: [Int] = []
            if !contained {
                if overlapping.count == 2 {
                    let (a, b) = (numbers[overlapping[0]], numbers[overlapping[1]])
                    let inOrder = FlinkTimerQueue.hashBucket(starts[a], ends[a]) <= FlinkTimerQueue.hashBucket(starts[b], ends[b])
                    deleted = inOrder ? [timerHandles[a], timerHandles[b]] : [timerHandles[b], timerHandles[a]]
                } else if overlapping.count > 2 {
                    let windows = overlapping.map { (start: starts[numbers[$0]], end: ends[numbers[$0]]) }
                    deleted = FlinkTimerQueue.hashSetOrder(windows).map { timerHandles[numbers[overlapping[$0]]] }
                }
            }
            let onlyTimer = timerHandles[number]
            for index in overlapping.dropFirst() {
                let other = numbers[index]
                for a in 0..<updater.width { accumulators[number][a].merge(accumulators[other][a], updater.kinds[a]) }
                eventCounts[number] += eventCounts[other]
                start = min(start, starts[other])
                end = max(end, ends[other])
                close(other)
            }
            for index in overlapping.dropFirst().reversed() { numbers.remove(at: index) }
            starts[number] = min(start, starts[number])
            ends[number] = max(end, ends[number])
            if !contained {
                // Flink sets the merged session's timer, then deletes the timers of the
                // sessions it merged, in the order of the hash set that holds them.
                timerHandles[number] = timers.add(at: ends[number] - 1, payload: number)
                if overlapping.count == 1 { timers.remove(onlyTimer) } else { for timer in deleted { timers.remove(timer) } }
            }
        }
        updater.update(&accumulators[number], at: 0, arguments: arguments)
        eventCounts[number] += 1
        return true
    }

    func advance(to watermark: Int64, emit: (Int64, Int64, FiredKey, ArraySlice<Accumulator>) -> Void) {
        while let (time, number) = timers.peek, time <= watermark {
            timers.poll()
            let key = keys[number]
            let (start, end, fired) = (starts[number], ends[number], accumulators[number])
            close(number)
            sessionsOfKey[key].removeAll { $0 == number }
            if sessionsOfKey[key].isEmpty { liveKeys -= 1 }
            emit(start, end, FiredKey(table: keyTable, slot: key), fired[...])
        }
        if keyTable.count > 2 * liveKeys + 1024 { compactKeys() }
    }

    /// Renumbers the keys that have open sessions, dropping the others.
    private func compactKeys() {
        let (table, slots) = keyTable.compacted { !sessionsOfKey[$0].isEmpty }
        var moved = [[Int]](repeating: [], count: table.count)
        for (old, new) in slots.enumerated() {
            guard let new else { continue }
            moved[new] = sessionsOfKey[old]
            for number in moved[new] { keys[number] = new }
        }
        keyTable = table
        sessionsOfKey = moved
    }

    private func open(start: Int64, end: Int64, key: Int) -> Int {
        openSessions += 1
        if let number = freeNumbers.popLast() {
            starts[number] = start
            ends[number] = end
            eventCounts[number] = 0
            accumulators[number] = updater.initial
            keys[number] = key
            timerHandles[number] = -1
            return number
        }
        starts.append(start)
        ends.append(end)
        eventCounts.append(0)
        accumulators.append(updater.initial)
        keys.append(key)
        timerHandles.append(-1)
        return keys.count - 1
    }

    private func close(_ number: Int) {
        openSessions -= 1
        keys[number] = -1
        accumulators[number] = []
        freeNumbers.append(number)
    }
}
