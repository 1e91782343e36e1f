import Testing
@testable import StreamRuntime

@Suite("Flink's firing order")
struct FlinkFiringOrderTests {
    /// The order the replay gives the groups of window [0, 10 s).
    static func order(_ keys: [UInt64], then nextWindow: [UInt64]) -> [UInt64] {
        let replay = FlinkFiringOrder(window: .tumble(size: 10_000), delay: 0, twoPhase: true)
        for key in keys {
            replay.event(time: 1000, key: key)
            replay.passed(time: 1000)
        }
        // Events of the next window move the watermark past the first one's end; without
        // them the end of input does.
        for key in nextWindow {
            replay.event(time: 10_000, key: key)
            replay.passed(time: 10_000)
        }
        if nextWindow.isEmpty { replay.watermark(.max) }
        return keys.sorted { replay.ordinal(end: 10_000, key: $0)! < replay.ordinal(end: 10_000, key: $1)! }
    }

    @Test("equal timers leave the heap in its sift order, not the order they were added")
    func heapOrder() {
        // Four timers of one time added A B C D: each poll moves the last to the root, where a
        // tie stays, so D comes second (worked through by hand from HeapPriorityQueue).
        #expect(Self.order([1, 2, 3, 4], then: []) == [1, 4, 3, 2])
        // A later timer added in the same flush sinks instead, and changes every sift after.
        #expect(Self.order([1, 2, 3, 4], then: [9]) == [1, 2, 4, 3])
    }

    @Test("every group that had rows in the window gets an ordinal, each once")
    func complete() {
        let replay = FlinkFiringOrder(window: .hop(slide: 5_000, size: 10_000), delay: 1_000, twoPhase: true)
        var time: Int64 = 0
        for i in 0..<200 {
            time += Int64(i % 7) * 100
            replay.event(time: time - Int64(i % 3) * 300, key: UInt64(i % 11))
            replay.passed(time: time)
        }
        replay.watermark(.max)
        var end: Int64 = 5_000
        while end <= time + 10_000 {
            let ordinals = (0..<11).compactMap { replay.ordinal(end: end, key: UInt64($0)) }
            #expect(Set(ordinals).count == ordinals.count)
            end += 5_000
        }
    }
}
