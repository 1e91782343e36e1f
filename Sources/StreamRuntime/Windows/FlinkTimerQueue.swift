/// Flink's event-time timer queue (`HeapPriorityQueueSet` over `HeapPriorityQueue`, the heap
/// state backend's): a binary heap from index 1 ordered by time alone, from which any timer can
/// be deleted. Timers of equal time leave it in whatever order its sift-ups and sift-downs made
/// of every add, delete and poll before: replaying those steps is how an operator writes
/// results that close together in Flink's order.
///
/// Each timer added gets a handle to delete it by; its `payload` says what it is for. The
/// caller adds a timer only where Flink adds one it does not hold yet (its identity is a key
/// and a window: a timer of a new window, or of a key's first row in one).
struct FlinkTimerQueue {
    /// `queue[i]` for i in 1…size: (time, handle).
    private var queue: [(time: Int64, handle: Int)] = [(0, 0)]
    private var size = 0
    /// Per handle: its index in `queue` (0 while free) and its payload.
    private var positions: [Int] = []
    private var payloads: [Int] = []
    private var freeHandles: [Int] = []

    var isEmpty: Bool { size == 0 }
    var count: Int { size }
    /// The earliest timer: its time and payload.
    var peek: (time: Int64, payload: Int)? { size > 0 ? (queue[1].time, payloads[queue[1].handle]) : nil }

    /// Adds a timer and returns its handle.
    @discardableResult
    mutating func add(at time: Int64, payload: Int) -> Int {
        let handle: Int
        if let free = freeHandles.popLast() {
            handle = free
            payloads[handle] = payload
        } else {
            handle = positions.count
            positions.append(0)
            payloads.append(payload)
        }
        size += 1
        if queue.count <= size { queue.append((time, handle)) } else { queue[size] = (time, handle) }
        positions[handle] = size
        siftUp(size)
        return handle
    }

    /// Deletes the timer of `handle`, if still held.
    mutating func remove(_ handle: Int) {
        let index = positions[handle]
        guard index > 0 else { return }
        removeAt(index)
    }

    /// Removes the earliest timer and returns its time and payload.
    @discardableResult
    mutating func poll() -> (time: Int64, payload: Int)? {
        guard let first = peek else { return nil }
        removeAt(1)
        return first
    }

    /// As Flink's `removeInternal`: the last element moves into the hole, sifts down with the
    /// old size, and up if it stayed.
    private mutating func removeAt(_ index: Int) {
        let removed = queue[index].handle
        let old = size
        if index != old {
            place(queue[old], at: index)
            if !siftDown(index) { siftUp(index) }
        }
        size -= 1
        positions[removed] = 0
        freeHandles.append(removed)
    }

    @inline(__always)
    private mutating func place(_ element: (time: Int64, handle: Int), at index: Int) {
        queue[index] = element
        positions[element.handle] = index
    }

    private mutating func siftUp(_ start: Int) {
        queue.withUnsafeMutableBufferPointer { queue in
            positions.withUnsafeMutableBufferPointer { positions in
                var index = start
                let current = queue[index]
                var parent = index >> 1
                while parent > 0, current.time < queue[parent].time {
                    queue[index] = queue[parent]
                    positions[queue[index].handle] = index
                    index = parent
                    parent >>= 1
                }
                queue[index] = current
                positions[current.handle] = index
            }
        }
    }

    /// Whether the element moved.
    private mutating func siftDown(_ start: Int) -> Bool {
        let size = size
        return queue.withUnsafeMutableBufferPointer { queue in
            positions.withUnsafeMutableBufferPointer { positions in
                var index = start
                let current = queue[index]
                var child = index << 1
                if child + 1 <= size, queue[child + 1].time < queue[child].time { child += 1 }
                while child <= size, queue[child].time < current.time {
                    queue[index] = queue[child]
                    positions[queue[index].handle] = index
                    index = child
                    child = index << 1
                    if child + 1 <= size, queue[child + 1].time < queue[child].time { child += 1 }
                }
                queue[index] = current
                positions[current.handle] = index
                return index != start
            }
        }
    }

    /// The order a `java.util.HashSet<TimeWindow>` of at most 12 windows iterates in (16
    /// buckets, by `TimeWindow.hashCode`, then insertion): the order Flink deletes the timers
    /// of sessions merged into one.
    static func hashSetOrder(_ windows: [(start: Int64, end: Int64)]) -> [Int] {
        windows.indices.sorted { (hashBucket(windows[$0].start, windows[$0].end), $0) < (hashBucket(windows[$1].start, windows[$1].end), $1) }
    }

    /// The bucket of a 16-bucket `HashSet` holding `TimeWindow(start, end)`:
    /// `MathUtils.longToIntWithBitMixing(start + end)`, then `HashMap.hash`.
    @inline(__always)
    static func hashBucket(_ start: Int64, _ end: Int64) -> Int {
        var x = UInt64(bitPattern: start &+ end)
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        x ^= x >> 31
        let h = UInt32(truncatingIfNeeded: x)
        return Int((h ^ (h >> 16)) & 15)
    }
}
