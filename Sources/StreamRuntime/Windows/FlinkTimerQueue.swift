/// Flink's event-time timer queue (`HeapPriorityQueueSet` over `HeapPriorityQueue`, the heap
/// state backend's): a binary heap from index 1 ordered by time alone, holding each timer
/// once, from which any timer can be deleted. Timers of equal time leave it in whatever order
/// its sift-ups and sift-downs made of every add, delete and poll before: replaying those
/// steps is how an operator writes results that close together in Flink's order.
///
/// `Timer` is the timer's identity (Flink's key and namespace); its time is given beside it.
struct FlinkTimerQueue<Timer: Hashable> {
    private var queue: [(time: Int64, timer: Timer)?] = [nil]
    private var size = 0
    /// Each held timer's index in `queue`.
    private var indices: [Timer: Int] = [:]

    var isEmpty: Bool { size == 0 }
    var peek: (time: Int64, timer: Timer)? { size > 0 ? queue[1] : nil }

    /// Adds `timer` unless it is held already (at any time: identities are unique).
    mutating func add(_ timer: Timer, at time: Int64) {
        guard indices[timer] == nil else { return }
        size += 1
        if queue.count <= size { queue.append((time, timer)) } else { queue[size] = (time, timer) }
        indices[timer] = size
        siftUp(size)
    }

    /// Deletes `timer` if held.
    mutating func remove(_ timer: Timer) {
        guard let index = indices.removeValue(forKey: timer) else { return }
        removeAt(index)
    }

    @discardableResult
    mutating func poll() -> (time: Int64, timer: Timer)? {
        guard let first = peek else { return nil }
        indices[first.timer] = nil
        removeAt(1)
        return first
    }

    /// As Flink's `removeInternal`: the last element moves into the hole, sifts down with the
    /// old size, and up if it stayed.
    private mutating func removeAt(_ index: Int) {
        let old = size
        if index != old {
            let last = queue[old]!
            place(last, at: index)
            if !siftDown(index) { siftUp(index) }
        }
        queue[old] = nil
        size -= 1
    }

    private mutating func place(_ element: (time: Int64, timer: Timer), at index: Int) {
        queue[index] = element
        indices[element.timer] = index
    }

    private mutating func siftUp(_ start: Int) {
        var index = start
        let current = queue[index]!
        var parent = index >> 1
        while parent > 0, current.time < queue[parent]!.time {
            place(queue[parent]!, at: index)
            index = parent
            parent >>= 1
        }
        place(current, at: index)
    }

    /// Whether the element moved.
    private mutating func siftDown(_ start: Int) -> Bool {
        var index = start
        let current = queue[index]!
        var child = index << 1
        if child + 1 <= size, queue[child + 1]!.time < queue[child]!.time { child += 1 }
        while child <= size, queue[child]!.time < current.time {
            place(queue[child]!, at: index)
            index = child
            child = index << 1
            if child + 1 <= size, queue[child + 1]!.time < queue[child]!.time { child += 1 }
        }
        place(current, at: index)
        return index != start
    }
}

extension FlinkTimerQueue {
    /// The order a `java.util.HashSet<TimeWindow>` of at most 12 windows iterates in (16
    /// buckets, by `TimeWindow.hashCode`, then insertion): the order Flink deletes the timers
    /// of sessions merged into one.
    static func hashSetOrder(_ windows: [(start: Int64, end: Int64)]) -> [Int] {
        func bucket(_ window: (start: Int64, end: Int64)) -> Int {
            // MathUtils.longToIntWithBitMixing(start + end), then HashMap.hash.
            var x = UInt64(bitPattern: window.start &+ window.end)
            x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
            x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
            x ^= x >> 31
            let h = UInt32(truncatingIfNeeded: x)
            return Int((h ^ (h >> 16)) & 15)
        }
        return windows.indices.sorted { (bucket(windows[$0]), $0) < (bucket(windows[$1]), $1) }
    }
}
