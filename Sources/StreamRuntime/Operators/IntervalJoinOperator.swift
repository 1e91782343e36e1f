import QueryPlanner

/// An interval join of two streams on equal keys and a time bound (Flink's
/// RowTimeIntervalJoin): a right row matches a left row of the same key when
/// `left.time + lowerBound <= right.time <= left.time + upperBound`.
///
/// Each side's rows are kept while a row of the other side could still match them: a left
/// row until the watermark passes `left.time + upperBound`, a right row until it passes
/// `right.time - lowerBound`. A row arriving after that still joins what the other side holds
/// but is not kept; in an outer join, a row that matched nothing is written padded with NULLs
/// when it leaves (at once, if it was never kept). The watermark is the smaller of the two
/// inputs' (an ended input counts as +∞), and is passed on held back by the larger of the two
/// relative sizes, as Flink does. NULL keys match nothing.
public final class IntervalJoinOperator: TwoInputOperator {
    private let spec: IntervalJoinSpec
    private let output: RowReceiver
    private let statistics: OperatorStatistics
    /// How long after a left row's time right rows can still match it, and the other way.
    private let leftRelative: Int64
    private let rightRelative: Int64
    /// Join keys by number (both sides share the numbering), and each side's rows by key
    /// number: a row looks its key up once.
    private var keys = KeyNumbering()
    private var leftRows: [[Entry]] = []
    private var rightRows: [[Entry]] = []
    /// Each side's keys by the time their oldest rows expire, so a watermark looks only at the
    /// keys that hold rows it expires, never at every key.
    private var leftExpiry = ExpiryIndex()
    private var rightExpiry = ExpiryIndex()

    private struct ExpiryIndex {
        struct Due: Comparable {
            var time: Int64
            var key: Int
            static func < (a: Due, b: Due) -> Bool { (a.time, a.key) < (b.time, b.key) }
        }
        var heap = MinHeap<Due>()
        /// The pass in which each key was last found due, so each is returned once a pass.
        var seen: [Int] = []
        var pass = 0

        mutating func add(_ key: Int, time: Int64) {
            while seen.count <= key { seen.append(-1) }
            heap.push(Due(time: time, key: key))
        }

        /// The keys with a row of time below `limit`, each once (all keys for `.max`).
        mutating func due(before limit: Int64) -> [Int] {
            pass += 1
            var found: [Int] = []
            while let next = heap.min, next.time < limit || limit == .max {
                heap.pop()
                if seen[next.key] != pass {
                    seen[next.key] = pass
                    found.append(next.key)
                }
            }
            return found
        }
    }
    private var watermarks: (left: Int64, right: Int64) = (.min, .min)
    private var finished = (left: false, right: false)
    private var combined: Int64 = .min

    private final class Entry {
        let row: [Value]
        let time: Int64
        /// Arrival order: rows expiring together are padded in (time, arrival) order.
        let sequence: Int
        var joined = false
        init(row: [Value], time: Int64, sequence: Int) {
            self.row = row
            self.time = time
            self.sequence = sequence
        }
    }
    private var arrivals = 0

    /// The receivers of the two inputs (each holds the join).
    public var left: RowReceiver { JoinPort(join: self, isLeft: true) }
    public var right: RowReceiver { JoinPort(join: self, isLeft: false) }

    public init(spec: IntervalJoinSpec, output: RowReceiver, statistics: OperatorStatistics) {
        self.spec = spec
        self.output = output
        self.statistics = statistics
        leftRelative = spec.upperBound
        rightRelative = -spec.lowerBound
    }

    /// An outer join's other conditions, for a pair in each other's time bounds.
    private lazy var residual = PairCondition(spec.residual, slots: spec.residualSlots, leftWidth: spec.leftWidth)

    /// Flink's operator time: the combined watermark, never below 0.
    private var operatorTime: Int64 { max(0, combined) }

    func receive(_ row: [Value], isLeft: Bool) {
        guard let time = row.time(isLeft ? spec.leftTimeSlot : spec.rightTimeSlot) else { return }
        let key = row.joinKey(isLeft ? spec.leftKeys : spec.rightKeys)
        arrivals += 1
        let entry = Entry(row: row, time: time, sequence: arrivals)
        // NULL keys match nothing and are never kept.
        var number = -1
        if !key.contains(where: \.isNull) {
            let (found, isNew) = keys.number(key)
            number = found
            if isNew {
                leftRows.append([])
                rightRows.append([])
            }
            // Probe the other side's rows of this key.
            for other in isLeft ? rightRows[number] : leftRows[number] {
                let (l, r) = isLeft ? (entry, other) : (other, entry)
                guard r.time >= l.time &+ spec.lowerBound, r.time <= l.time &+ spec.upperBound, residual.holds(l.row, r.row) else { continue }
                l.joined = true
                r.joined = true
                output.receive(l.row + r.row, .insert)
            }
        }
        // Kept while a row of the other side could still match it.
        let horizon = time &+ (isLeft ? leftRelative : rightRelative)
        if operatorTime < horizon, number >= 0 {
            if isLeft {
                leftRows[number].append(entry)
                leftExpiry.add(number, time: time)
            } else {
                rightRows[number].append(entry)
                rightExpiry.add(number, time: time)
            }
        } else if !entry.joined {
            pad(entry, isLeft: isLeft)
        }
    }

    /// A row that matched nothing, in an outer join on its side: written with NULLs for the other.
    private func pad(_ entry: Entry, isLeft: Bool) {
        if isLeft, spec.kind == .left || spec.kind == .full {
            output.receive(entry.row + Array(repeating: .null, count: spec.rightWidth), .insert)
        } else if !isLeft, spec.kind == .right || spec.kind == .full {
            output.receive(Array(repeating: .null, count: spec.leftWidth) + entry.row, .insert)
        }
    }

    func watermark(_ watermark: Int64, isLeft: Bool) {
        if isLeft { watermarks.left = max(watermarks.left, watermark) } else { watermarks.right = max(watermarks.right, watermark) }
        let low = min(watermarks.left, watermarks.right)
        guard low > combined else { return }
        combined = low
        expire(&leftRows, &leftExpiry, before: combined == .max ? .max : combined &- leftRelative, isLeft: true)
        expire(&rightRows, &rightExpiry, before: combined == .max ? .max : combined &- rightRelative, isLeft: false)
        let held = combined == .max ? Int64.max : combined &- max(leftRelative, rightRelative)
        output.watermark(held)
    }

    /// Drops the rows no later row of the other side can match: time + relative size < watermark.
    /// Those that matched nothing are padded in time order, then arrival order: never in the
    /// order in which keys happen to come due.
    private func expire(_ rows: inout [[Entry]], _ expiry: inout ExpiryIndex, before limit: Int64, isLeft: Bool) {
        var unmatched: [Entry] = []
        for key in expiry.due(before: limit) {
            rows[key].removeAll { entry in
                let gone = entry.time < limit || limit == .max
                if gone, !entry.joined { unmatched.append(entry) }
                return gone
            }
        }
        unmatched.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
        for entry in unmatched { pad(entry, isLeft: isLeft) }
    }

    func finish(isLeft: Bool) {
        if isLeft { finished.left = true } else { finished.right = true }
        watermark(.max, isLeft: isLeft)
        if finished.left, finished.right { output.finish() }
    }
}
