import QueryPlanner

/// The order in which Flink 2.3 emits a window's groups when the watermark closes it, so that
/// a window Top-N after the aggregation breaks ties as Flink does.
///
/// Flink's window Top-N keeps, of rows with equal sort keys, those that reached it first, and
/// they reach it in the order the window aggregation's event-time timers leave the timer
/// service's heap. That heap orders timers by time alone, so among one window's groups the
/// order is whatever its sift-up and sift-down make of every timer ever added and polled.
/// This replays the part of Flink's pipeline that decides it, on group-key hashes only: the
/// watermark after every event (`pipeline.auto-watermark-interval` 0, as the oracle runs),
/// the local aggregation's buffer flushed whole when the watermark passes its earliest slice,
/// the global aggregation's buffer registering one timer per (group, window) in the order it
/// saw them, and the heap itself (`HeapPriorityQueue`, ported literally). Checked against
/// Flink on TUMBLE, HOP and CUMULATE cases with ties, late rows and partition keys.
///
/// Invariant: `ordinal(end:key:)` answers for every group the aggregation fires in a window
/// once the watermark that fires it has been given here; state is bounded by the open
/// windows' groups, as the aggregation's.
final class FlinkFiringOrder {
    enum Window {
        case tumble(size: Int64)
        case hop(slide: Int64, size: Int64)
        case cumulate(step: Int64, max: Int64)
    }

    private struct SliceKey: Hashable {
        let end: Int64
        let key: UInt64

        // The key is already a hash: one word to the hasher, not two.
        func hash(into hasher: inout Hasher) { hasher.combine(key ^ UInt64(bitPattern: end) &* 0x9E37_79B9_7F4A_7C15) }
    }

    private let window: Window
    /// Flink's slice: the size (TUMBLE), gcd(size, slide) (HOP) or the step (CUMULATE).
    private let slice: Int64
    private let delay: Int64
    private let twoPhase: Bool

    private var assignerWatermark = Int64.min
    private var lastSliceEnd = Int64.min
    // LocalSlicingWindowAggOperator: both start at 0 (fields never initialised in Java).
    private var localWatermark: Int64 = 0
    private var localNextTrigger: Int64 = 0
    private let localBuffer = OrderedBuffer()
    // WindowAggOperator and its processor.
    private var operatorWatermark = Int64.min
    private var progress = Int64.min
    private var globalNextTrigger = Int64.min
    private var timerWatermark = Int64.min
    private let globalBuffer = OrderedBuffer()
    private var state: [SliceKey: Int64] = [:]
    private var heap = TimerHeap()

    private var fired = 0
    /// Where each group fired, by window end; a window's are dropped once weir fired it too.
    /// Groups of one window are written and read one after another: the last window's table
    /// is kept at hand.
    private var ordinals: [Int64: KeyOrdinals] = [:]
    private var lastEnd = Int64.min
    private var lastOrdinals: KeyOrdinals?
    private var lastWindowGroups = 0

    init(window: Window, delay: Int64, twoPhase: Bool) {
        self.window = window
        self.delay = delay
        self.twoPhase = twoPhase
        slice = switch window {
        case .tumble(let size): size
        case let .hop(slide, size): Self.gcd(slide, size)
        case .cumulate(let step, _): step
        }
    }

    /// An event the aggregation counts (past its filter), late or not, in input order.
    func event(time: Int64, key: UInt64) {
        // Events come in time order mostly: the last slice's end is at hand.
        if time >= lastSliceEnd || time < lastSliceEnd &- slice { lastSliceEnd = Self.start(time, slice) &+ slice }
        let end = lastSliceEnd
        if twoPhase {
            localBuffer.add(SliceKey(end: end, key: key), 1)
        } else {
            globalElement(SliceKey(end: end, key: key), 1)
        }
    }

    /// `event` and `passed` for each of a batch's events, in order: `times` holds event `i`'s
    /// time at `i * stride`, `keys` its group-key hash.
    func events(times: UnsafeBufferPointer<Int64>, stride: Int, keys: UnsafeBufferPointer<UInt64>) {
        var sliceEnd = lastSliceEnd
        let slice = slice, delay = delay
        for i in 0..<keys.count {
            let time = times[i * stride]
            if time >= sliceEnd || time < sliceEnd &- slice { sliceEnd = Self.start(time, slice) &+ slice }
            let sliceKey = SliceKey(end: sliceEnd, key: keys[i])
            if twoPhase { localBuffer.add(sliceKey, 1) } else { globalElement(sliceKey, 1) }
            if time &- delay > assignerWatermark {
                assignerWatermark = time &- delay
                watermark(assignerWatermark)
            }
        }
        lastSliceEnd = sliceEnd
    }

    /// After every event, filtered or not: the watermark assigner's step.
    func passed(time: Int64) {
        let candidate = time &- delay
        if candidate > assignerWatermark {
            assignerWatermark = candidate
            watermark(candidate)
        }
    }

    /// A watermark (and `.max` at the end of input).
    func watermark(_ w: Int64) {
        if twoPhase, w > localWatermark {
            localWatermark = w
            if w >= localNextTrigger {
                if Self.isFired(localBuffer.minimumEnd, w) {
                    for (sliceKey, count) in localBuffer.drain() { globalElement(sliceKey, count) }
                }
                localNextTrigger = Self.nextTrigger(w, slice)
            }
        }
        guard w > operatorWatermark else { return }
        if w > progress {
            progress = w
            if w >= globalNextTrigger {
                if Self.isFired(globalBuffer.minimumEnd, w) {
                    for (sliceKey, count) in globalBuffer.drain() { combine(sliceKey, count) }
                }
                globalNextTrigger = Self.nextTrigger(w, slice)
            }
        }
        operatorWatermark = w
        timerWatermark = w
        while let timer = heap.peek, timer.time <= w {
            heap.poll()
            fire(timer.key, end: timer.window)
        }
    }

    /// Where the group of `key` stands among the groups Flink emits, across windows (nil for
    /// a group it does not emit in that window).
    func ordinal(end: Int64, key: UInt64) -> Int? {
        ordinals(end, creating: false)?[key]
    }

    /// Forgets the windows the watermark has fired (after weir fired them as well).
    func forget(firedBy watermark: Int64) {
        for end in ordinals.keys where Self.isFired(end, watermark) {
            lastWindowGroups = max(lastWindowGroups / 2, ordinals.removeValue(forKey: end)?.count ?? 0)
        }
        lastEnd = .min
        lastOrdinals = nil
    }

    private func ordinals(_ end: Int64, creating: Bool) -> KeyOrdinals? {
        if end == lastEnd, let lastOrdinals { return lastOrdinals }
        var table = ordinals[end]
        if table == nil, creating {
            // Sized for as many groups as a window weir fired lately (windows hold similar numbers).
            table = KeyOrdinals(expected: lastWindowGroups)
            ordinals[end] = table
        }
        if let table {
            lastEnd = end
            lastOrdinals = table
        }
        return table
    }

    // MARK: - The global aggregation

    private func globalElement(_ sliceKey: SliceKey, _ count: Int64) {
        guard Self.isFired(sliceKey.end, progress) else {
            globalBuffer.add(sliceKey, count)
            return
        }
        if Self.isFired(lastWindowEnd(sliceKey.end), progress) { return }  // late: dropped
        globalBuffer.add(SliceKey(end: mergeTarget(sliceKey.end), key: sliceKey.key), count)
        var end = sliceKey.end
        while Self.isFired(end, progress) { end += slice }
        register(sliceKey.key, end)
    }

    private func combine(_ sliceKey: SliceKey, _ count: Int64) {
        // A TUMBLE window is one slice: a timer fires only for a group that had rows in it.
        if case .tumble = window {} else { state[sliceKey, default: 0] += count }
        if !Self.isFired(sliceKey.end, timerWatermark) { register(sliceKey.key, sliceKey.end) }
    }

    private func register(_ key: UInt64, _ end: Int64) {
        heap.add(Timer(time: end - 1, key: key, window: end))
    }

    private func fire(_ key: UInt64, end: Int64) {
        switch window {
        case .tumble:
            emitted(key, end)
        case let .hop(_, size):
            var count: Int64 = 0
            var sliceEnd = end
            while sliceEnd > end - size {
                count += state[SliceKey(end: sliceEnd, key: key)] ?? 0
                sliceEnd -= slice
            }
            if count > 0 {
                emitted(key, end)
                register(key, end + slice)
            }
            state.removeValue(forKey: SliceKey(end: end - size + slice, key: key))
        case let .cumulate(step, maximum):
            let windowStart = Self.start(end - 1, maximum)
            let first = windowStart + step
            let firstKey = SliceKey(end: first, key: key)
            let here = SliceKey(end: end, key: key)
            let count = (state[firstKey] ?? 0) + (end != first ? state[here] ?? 0 : 0)
            if end != first || state[firstKey] != nil { state[firstKey] = count }
            if count > 0 { emitted(key, end) }
            if end + step <= windowStart + maximum { register(key, end + step) }
            if end == windowStart + maximum {
                state.removeValue(forKey: here)
                state.removeValue(forKey: firstKey)
            } else if end != first {
                state.removeValue(forKey: here)
            }
        }
    }

    private func emitted(_ key: UInt64, _ end: Int64) {
        ordinals(end, creating: true)![key] = fired
        fired += 1
    }

    private func lastWindowEnd(_ sliceEnd: Int64) -> Int64 {
        switch window {
        case .tumble: sliceEnd
        case let .hop(_, size): sliceEnd - slice + size
        case let .cumulate(_, maximum): Self.start(sliceEnd - 1, maximum) + maximum
        }
    }

    private func mergeTarget(_ sliceEnd: Int64) -> Int64 {
        if case let .cumulate(step, maximum) = window { return Self.start(sliceEnd - 1, maximum) + step }
        return sliceEnd
    }

    // MARK: - Flink's window arithmetic (UTC, no offset)

    static func isFired(_ end: Int64, _ progress: Int64) -> Bool {
        end != .max && progress >= end &- 1
    }

    static func start(_ time: Int64, _ size: Int64) -> Int64 {
        let r = time % size
        return time - (r < 0 ? r + size : r)
    }

    static func nextTrigger(_ watermark: Int64, _ interval: Int64) -> Int64 {
        if watermark == .max { return watermark }
        let trigger = start(watermark, interval) + interval - 1
        return trigger > watermark ? trigger : trigger + interval
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

    // MARK: - Flink's buffers and timer heap

    /// `RecordsWindowBuffer`: counts by (slice, key), drained in first-insertion order. Every
    /// event passes through one, so it is an open-addressing table over the group-key hash
    /// rather than a `Dictionary` (which would SipHash each event again), in storage of its
    /// own (no uniqueness check of an array on each count).
    private final class OrderedBuffer {
        private var order: UnsafeMutablePointer<SliceKey>
        private var counts: UnsafeMutablePointer<Int64>
        private var count = 0
        /// Positions in `order` (-1 empty); a power of two, at most half full; `order` and
        /// `counts` hold half as many.
        private var index: UnsafeMutablePointer<Int32>
        private var mask: Int
        private(set) var minimumEnd = Int64.max

        init() {
            mask = 63
            index = .allocate(capacity: mask + 1)
            index.initialize(repeating: -1, count: mask + 1)
            order = .allocate(capacity: (mask + 1) / 2)
            counts = .allocate(capacity: (mask + 1) / 2)
        }

        deinit {
            index.deallocate()
            order.deallocate()
            counts.deallocate()
        }

        @inline(__always)
        private static func slot(_ sliceKey: SliceKey, _ mask: Int) -> Int {
            let mixed = (sliceKey.key ^ UInt64(bitPattern: sliceKey.end) &* 0x9E37_79B9_7F4A_7C15)
            return Int(truncatingIfNeeded: mixed ^ (mixed >> 31)) & mask
        }

        @inline(__always)
        func add(_ sliceKey: SliceKey, _ amount: Int64) {
            var i = Self.slot(sliceKey, mask)
            while true {
                let position = Int(index[i])
                if position < 0 { break }
                if order[position] == sliceKey {
                    counts[position] += amount
                    return
                }
                i = (i + 1) & mask
            }
            index[i] = Int32(count)
            (order + count).initialize(to: sliceKey)
            (counts + count).initialize(to: amount)
            count += 1
            minimumEnd = min(minimumEnd, sliceKey.end)
            if count * 2 > mask { grow() }
        }

        private func grow() {
            let capacity = (mask + 1) * 2
            index.deallocate()
            index = .allocate(capacity: capacity)
            index.initialize(repeating: -1, count: capacity)
            mask = capacity - 1
            for position in 0..<count {
                var i = Self.slot(order[position], mask)
                while index[i] >= 0 { i = (i + 1) & mask }
                index[i] = Int32(position)
            }
            let newOrder = UnsafeMutablePointer<SliceKey>.allocate(capacity: capacity / 2)
            newOrder.moveInitialize(from: order, count: count)
            order.deallocate()
            order = newOrder
            let newCounts = UnsafeMutablePointer<Int64>.allocate(capacity: capacity / 2)
            newCounts.moveInitialize(from: counts, count: count)
            counts.deallocate()
            counts = newCounts
        }

        func drain() -> [(SliceKey, Int64)] {
            let drained = (0..<count).map { (order[$0], counts[$0]) }
            index.update(repeating: -1, count: mask + 1)
            count = 0
            minimumEnd = .max
            return drained
        }
    }

    /// One window's groups and where each fired: open addressing over the group-key hashes
    /// (already hashes, so not hashed again).
    private final class KeyOrdinals {
        private var keys: [UInt64] = []
        var count: Int { keys.count }
        private var values: [Int] = []
        private var index: [Int32]

        init(expected: Int) {
            var capacity = 64
            while capacity < expected * 2 { capacity *= 2 }
            index = [Int32](repeating: -1, count: capacity)
            keys.reserveCapacity(expected)
            values.reserveCapacity(expected)
        }

        subscript(key: UInt64) -> Int? {
            get {
                let mask = index.count - 1
                var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
                while true {
                    let position = Int(index[i])
                    if position < 0 { return nil }
                    if keys[position] == key { return values[position] }
                    i = (i + 1) & mask
                }
            }
            set {
                guard let newValue else { return }
                let mask = index.count - 1
                var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
                while true {
                    let position = Int(index[i])
                    if position < 0 { break }
                    if keys[position] == key {
                        values[position] = newValue
                        return
                    }
                    i = (i + 1) & mask
                }
                index[i] = Int32(keys.count)
                keys.append(key)
                values.append(newValue)
                if keys.count * 2 > index.count {
                    index = [Int32](repeating: -1, count: index.count * 2)
                    let mask = index.count - 1
                    for (position, key) in keys.enumerated() {
                        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
                        while index[i] >= 0 { i = (i + 1) & mask }
                        index[i] = Int32(position)
                    }
                }
            }
        }
    }

    private struct Timer: Equatable {
        let time: Int64
        let key: UInt64
        let window: Int64

        @inline(__always)
        func slot(_ mask: Int) -> Int {
            let h = key ^ UInt64(bitPattern: window) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: time) &* 0xC2B2_AE3D_27D4_EB4F
            return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        }
    }

    /// The timers a heap holds: linear probing, deletion by shifting back the entries after
    /// the hole (no tombstones), so a lookup stops at the first empty slot.
    private struct TimerSet {
        private var timers = [Timer](repeating: Timer(time: 0, key: 0, window: 0), count: 64)
        private var used = [Bool](repeating: false, count: 64)
        private var count = 0

        /// Whether `timer` was new.
        mutating func insert(_ timer: Timer) -> Bool {
            if (count + 1) * 2 > timers.count { rehash(capacity: timers.count * 2) }
            let mask = timers.count - 1
            var i = timer.slot(mask)
            while used[i] {
                if timers[i] == timer { return false }
                i = (i + 1) & mask
            }
            used[i] = true
            timers[i] = timer
            count += 1
            return true
        }

        mutating func remove(_ timer: Timer) {
            let mask = timers.count - 1
            var hole = timer.slot(mask)
            while used[hole], timers[hole] != timer { hole = (hole + 1) & mask }
            guard used[hole] else { return }
            var next = (hole + 1) & mask
            while used[next] {
                // An entry may fill the hole unless its home lies cyclically in (hole, next].
                let home = timers[next].slot(mask)
                let stays = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
                if !stays {
                    timers[hole] = timers[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            used[hole] = false
            count -= 1
        }

        private mutating func rehash(capacity: Int) {
            let old = zip(timers, used).filter(\.1).map(\.0)
            timers = [Timer](repeating: Timer(time: 0, key: 0, window: 0), count: capacity)
            used = [Bool](repeating: false, count: capacity)
            count = 0
            for timer in old { _ = insert(timer) }
        }
    }

    /// `HeapPriorityQueueSet` over `HeapPriorityQueue`: a binary heap from index 1, ordered by
    /// time only, that ignores a timer it already holds.
    private struct TimerHeap {
        private var queue: [Timer] = [Timer(time: 0, key: 0, window: 0)]
        private var size = 0
        private var held = TimerSet()

        var peek: Timer? { size > 0 ? queue[1] : nil }

        mutating func add(_ timer: Timer) {
            guard held.insert(timer) else { return }
            size += 1
            if queue.count <= size { queue.append(timer) } else { queue[size] = timer }
            siftUp(size)
        }

        mutating func poll() {
            let removed = queue[1]
            let old = size
            if old != 1 {
                queue[1] = queue[old]
                // As Flink's removeInternal: sift down with the old size, then up if it stayed.
                if !siftDown(1) { siftUp(1) }
            }
            size -= 1
            held.remove(removed)
        }

        private mutating func siftUp(_ start: Int) {
            var index = start
            let current = queue[index]
            var parent = index >> 1
            while parent > 0, current.time < queue[parent].time {
                queue[index] = queue[parent]
                index = parent
                parent >>= 1
            }
            queue[index] = current
        }

        /// Whether the element moved.
        @discardableResult
        private mutating func siftDown(_ start: Int) -> Bool {
            var index = start
            let current = queue[index]
            var child = index << 1
            if child + 1 <= size, queue[child + 1].time < queue[child].time { child += 1 }
            while child <= size, queue[child].time < current.time {
                queue[index] = queue[child]
                index = child
                child = index << 1
                if child + 1 <= size, queue[child + 1].time < queue[child].time { child += 1 }
            }
            queue[index] = current
            return index != start
        }
    }
}
