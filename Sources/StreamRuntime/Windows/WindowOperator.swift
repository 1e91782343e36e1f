import QueryPlanner

/// A keyed window aggregation: events in, and, as the watermark passes window ends, one
/// result per window and group, in window-end order.
///
/// Invariant for every implementation: a window fires once, when `end - 1 <= watermark`,
/// and never before a window with a smaller end; its state is freed when no unfired window
/// needs it any more. So state is bounded by the open windows times their groups.
protocol WindowOperator: AnyObject {
    /// Accumulates one event (its group key, and its aggregates' arguments in call order) into
    /// every unfired window containing `time`. Returns false when every such window has
    /// already fired: the event is late and counts nowhere.
    func process(time: Int64, key: KeyProbe, arguments: [Value], sequence: Int64, watermark: Int64) -> Bool

    /// Fires every window whose end the watermark has reached, in end order, calling `emit`
    /// once per group of each window (in the order the groups first appeared).
    func advance(to watermark: Int64, emit: (_ start: Int64, _ end: Int64, _ key: FiredKey, _ accumulators: ArraySlice<Accumulator>) -> Void)

    /// Windows (or slices, or sessions) holding state now.
    var openStateCount: Int { get }
    /// Windows (or sessions) that hold events and have not fired.
    var openWindowCount: Int { get }
    /// Events counted into windows that have not fired yet: what a run stopped now leaves
    /// unreported.
    var heldEvents: Int { get }
    /// Groups held: of each slice (a group in two slices counts twice), or open sessions.
    var heldGroups: Int { get }
    /// A time at or below every event time the operator's state holds now: an event before it
    /// counts in no window open at `watermark` (a checkpoint's replay starts before it).
    func stateTimeFloor(watermark: Int64) -> Int64
}

/// A fired group's key as an operator hands it out: group `slot` of `table`, whose key
/// columns hold it.
struct FiredKey {
    let table: GroupTable
    let slot: Int
}

/// Adds an event's aggregate arguments to a group's accumulators.
struct AggregateUpdater: Sendable {
    let kinds: [AggregateKind]
    let initial: [Accumulator]
    /// Values in a group key.
    let keyWidth: Int
    /// Which aggregates are `COUNT(*)`, which count rows without looking at them.
    let countsRows: [Bool]

    init(_ aggregates: [AggregateCall], keyWidth: Int) {
        kinds = aggregates.map(AggregateKind.init)
        initial = zip(aggregates, kinds).map { Accumulator.initial($1, distinct: $0.distinct && $0.function != .min && $0.function != .max) }
        invertible = zip(aggregates, kinds).allSatisfy { Accumulator.isInvertible($1, distinct: $0.distinct) }
        associative = zip(aggregates, kinds).allSatisfy { call, kind in
            // A DISTINCT set merged over many slices grows with them.
            if call.distinct { return false }
            switch kind {
            case .countStar, .count, .sumInteger, .sumDecimal, .avgInteger, .avgWrappingSum, .avgDecimal, .min, .max: return true
            default: return false
            }
        }
        mergesExactly = kinds.allSatisfy { kind in
            switch kind {
            case .sumDouble, .sumFloat, .avgFloat, .avgDouble, .sumDynamic, .avgDynamic, .variance: return false
            default: return true
            }
        }
        countsRows = zip(aggregates, kinds).map { call, kind in
            if case .countStar = kind { !call.distinct } else { false }
        }
        self.keyWidth = keyWidth
    }

    var width: Int { kinds.count }

    /// Whether every aggregate can be subtracted, so sliding windows can be kept incrementally.
    let invertible: Bool
    /// Whether merging slices in any grouping gives exactly the same results (not so for sums
    /// of doubles, whose rounding depends on the order) in state no bigger than a slice's (not
    /// so for DISTINCT sets).
    let associative: Bool
    /// Whether merging a run of events aggregated apart gives exactly what adding them one at a
    /// time gives. Not so where doubles are summed (the variance family included): their
    /// rounding depends on the grouping, so aggregating ahead in pieces would make a result
    /// depend on where the input was cut.
    let mergesExactly: Bool

    func makeTable() -> GroupTable {
        GroupTable(width: width, keyWidth: keyWidth)
    }

    @inline(__always)
    func update(_ accumulators: inout [Accumulator], at base: Int, arguments: [Value]) {
        for a in 0..<kinds.count {
            accumulators[base + a].add(arguments[a], kinds[a])
        }
    }
}

/// Window arithmetic shared by the operators, as Flink's `TimeWindow` does it.
enum WindowMath {
    /// The start of the window of `size` (aligned to `offset`) holding `time`.
    @inline(__always)
    static func start(of time: Int64, offset: Int64, size: Int64) -> Int64 {
        let remainder = (time - offset) % size
        return remainder < 0 ? time - (remainder + size) : time - remainder
    }

    /// Whether a window ending at `end` has fired under `watermark`.
    @inline(__always)
    static func isFired(_ end: Int64, _ watermark: Int64) -> Bool {
        end == .min || end - 1 <= watermark
    }

    /// Every window `[start, end)` of a kind that contains `time`, by ascending start.
    static func windows(containing time: Int64, _ spec: WindowSpec) -> [(start: Int64, end: Int64)] {
        switch spec.kind {
        case .tumble(let size):
            let first = start(of: time, offset: spec.offset, size: size)
            return [(first, first + size)]
        case let .hop(slide, size):
            let last = start(of: time, offset: spec.offset, size: slide)
            var windows: [(Int64, Int64)] = []
            var s = last
            while s > time - size {
                windows.append((s, s + size))
                s -= slide
            }
            return windows.reversed()
        case let .cumulate(step, maxSize):
            let periodStart = start(of: time, offset: spec.offset, size: maxSize)
            var windows: [(Int64, Int64)] = []
            var end = start(of: time, offset: spec.offset, size: step) + step
            while end <= periodStart + maxSize {
                windows.append((periodStart, end))
                end += step
            }
            return windows
        case .session(let gap):
            return [(time, time + gap)]
        }
    }
}

/// A binary min-heap.
struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    var min: Element? { items.first }

    mutating func push(_ element: Element) {
        items.append(element)
        items.withUnsafeMutableBufferPointer { Self.rise(element, from: $0.count - 1, in: $0) }
    }

    /// Sifts `element` up from the hole at `start`: parents move down, it is written once.
    private static func rise(_ element: Element, from start: Int, in items: UnsafeMutableBufferPointer<Element>) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard element < items[parent] else { break }
            items[i] = items[parent]
            i = parent
        }
        items[i] = element
    }

    @discardableResult
    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        // Floyd's: the hole goes down to a leaf by the smaller child (one comparison a
        // level), then `last`, which mostly belongs near the bottom, rises from there.
        items.withUnsafeMutableBufferPointer { items in
            let count = items.count
            var i = 0
            while true {
                let l = 2 * i + 1
                guard l < count else { break }
                let r = l + 1
                let child = r < count && items[r] < items[l] ? r : l
                items[i] = items[child]
                i = child
            }
            Self.rise(last, from: i, in: items)
        }
        return top
    }
}
