import QueryPlanner
import Testing
@testable import StreamRuntime

/// The operators against naive models on random out-of-order streams. Each stream's events
/// are out of order by less than the watermark delay, so none is late, and every operator's
/// answer is then what a model that sees the whole stream at once computes.
@Suite("Operators against naive models")
struct OperatorPropertyTests {
    /// `count` events over `keys` keys: (key, time ms, value), out of order by less than `delay`.
    static func stream(_ rng: inout SplitMix, count: Int, keys: Int, delay: Int64) -> [(key: Int64, time: Int64, value: Int64)] {
        var events: [(key: Int64, time: Int64, value: Int64)] = []
        var clock: Int64 = 1000
        for _ in 0..<count {
            clock += Int64.random(in: 0...400, using: &rng)
            let time = max(1, clock - Int64.random(in: 0..<delay, using: &rng))
            events.append((Int64.random(in: 0..<Int64(keys), using: &rng), time, Int64.random(in: -50...50, using: &rng)))
        }
        return events
    }

    /// Feeds events as rows `[key, time, value]` with a watermark after each (`max - delay`).
    static func feed(_ events: [(key: Int64, time: Int64, value: Int64)], delay: Int64, into receiver: RowReceiver) {
        var watermark = Int64.min
        for event in events {
            receiver.receive([.int(event.key), .timestamp(event.time), .int(event.value)], .insert)
            if event.time - delay > watermark {
                watermark = event.time - delay
                receiver.watermark(watermark)
            }
        }
        receiver.finish()
    }

    static let sum = AggregateCall(function: .sum, argument: .slot(2), distinct: false, argumentType: .bigint, resultType: .bigint, text: "SUM(value)")
    static let count = AggregateCall(function: .count, argument: nil, distinct: false, argumentType: .bigint, resultType: .bigint, text: "COUNT(*)")

    @Test("OVER RANGE and ROWS equal recomputation from the whole partition", arguments: 0..<40)
    func over(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7919)
        let delay: Int64 = 1500
        let events = Self.stream(&rng, count: 120, keys: 3, delay: delay)
        for frame in [OverSpec.Frame.range(preceding: 2000), .rows(preceding: 3), .range(preceding: nil), .rows(preceding: nil)] {
            let out = Collector()
            let statistics = OperatorStatistics()
            let over = OverAggregateOperator(spec: OverSpec(partition: [0], timeSlot: 1, frame: frame, calls: [Self.sum, Self.count]), output: out, statistics: statistics)
            Self.feed(events, delay: delay, into: over)
            #expect(statistics.lateRows.isEmpty)
            var expected: [[Value]] = []
            for (index, event) in events.enumerated() {
                // The partition in (time, arrival) order.
                let partition = events.enumerated().filter { $0.element.key == event.key }
                    .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
                let frameRows: [(offset: Int, element: (key: Int64, time: Int64, value: Int64))]
                switch frame {
                case .range(let p):
                    frameRows = partition.filter { $0.element.time <= event.time && (p == nil || $0.element.time >= event.time - p!) }
                case .rows(let p):
                    let position = partition.firstIndex { $0.offset == index }!
                    frameRows = Array(partition[max(0, position - Int(p ?? Int64(position)))...position])
                }
                expected.append([.int(event.key), .timestamp(event.time), .int(event.value),
                                 .int(frameRows.reduce(0) { $0 + $1.element.value }), .int(Int64(frameRows.count))])
            }
            #expect(Self.sameMultiset(out.rows.map(\.row), expected), "seed \(seed), \(frame)")
        }
    }

    @Test("OVER by a plain column: the changelog's final table equals recomputation, through inserts and deletes", arguments: 0..<40)
    func nonTimeOver(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 6_700_417 + 3)
        // Rows [id, key, seq, value]: ids unique and values non-zero, where Flink's own answer is
        // the right one (its quirks need NULLs or equal rows).
        var live: [[Value]] = []
        var changes: [([Value], RowKind)] = []
        for id in 0..<100 {
            if !live.isEmpty, Int.random(in: 0..<4, using: &rng) == 0 {
                changes.append((live.remove(at: Int.random(in: 0..<live.count, using: &rng)), .delete))
            }
            let row: [Value] = [.int(Int64(id)), .int(Int64.random(in: 0..<2, using: &rng)), .int(Int64.random(in: 0..<12, using: &rng)),
                                .int(Int64.random(in: 1...30, using: &rng) * (Bool.random(using: &rng) ? 1 : -1))]
            live.append(row)
            changes.append((row, .insert))
        }
        let sum = AggregateCall(function: .sum, argument: .slot(3), distinct: false, argumentType: .bigint, resultType: .bigint, text: "SUM(value)")
        for rows in [true, false] {
            var spec = OverSpec(partition: [1], timeSlot: 2, frame: rows ? .rows(preceding: nil) : .range(preceding: nil), calls: [sum, Self.count])
            spec.nonTime = true
            let out = Collector()
            let over = NonTimeOverOperator(spec: spec, output: out)
            for (row, kind) in changes { over.receive(row, kind) }
            var table: [[Value]] = []
            for change in out.rows {
                if change.kind.isAccumulate {
                    table.append(change.row)
                } else if let index = table.firstIndex(of: change.row) {
                    table.remove(at: index)
                } else {
                    Issue.record("seed \(seed): \(change.kind) of a row not written")
                }
            }
            // Each live row: the rows of its key before it in (seq, arrival) order (ROWS), or with
            // a seq at most its own (RANGE).
            var expected: [[Value]] = []
            for (position, row) in live.enumerated() {
                let frame = live.enumerated().filter { other in
                    guard other.element[1] == row[1], case let .int(a) = other.element[2], case let .int(b) = row[2] else { return false }
                    return rows ? (a < b || (a == b && other.offset <= position)) : a <= b
                }
                let total = frame.reduce(Int64(0)) { total, other in if case let .int(v) = other.element[3] { total + v } else { total } }
                expected.append(row + [.int(total), .int(Int64(frame.count))])
            }
            #expect(Self.sameMultiset(table, expected), "seed \(seed), \(rows ? "ROWS" : "RANGE")")
        }
    }

    @Test("window Top-N equals sorting each window's rows", arguments: 0..<40)
    func windowTopN(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 104_729 + 1)
        let delay: Int64 = 1500
        let events = Self.stream(&rng, count: 150, keys: 4, delay: delay)
        let size: Int64 = 5000
        // Rows: [window_start, window_end, key, value], as a window TVF gives them.
        let out = Collector()
        let spec = RankSpec(function: .rowNumber, partition: [0, 1], order: [SortKey(slot: 3, descending: true)], limit: 3, windowed: true)
        let rank = WindowRankOperator(selection: .rank(spec), windowStart: 0, windowEnd: 1, output: out, statistics: OperatorStatistics())
        var watermark = Int64.min
        for event in events {
            let start = event.time / size * size
            rank.receive([.timestamp(start), .timestamp(start + size), .int(event.key), .int(event.value)], .insert)
            if event.time - delay > watermark {
                watermark = event.time - delay
                rank.watermark(watermark)
            }
        }
        rank.finish()
        var expected: [[Value]] = []
        for start in Set(events.map { $0.time / size * size }).sorted() {
            let rows = events.filter { $0.time / size * size == start }.enumerated()
                .sorted { $0.element.value != $1.element.value ? $0.element.value > $1.element.value : $0.offset < $1.offset }
            for (n, row) in rows.prefix(3).enumerated() {
                expected.append([.timestamp(start), .timestamp(start + size), .int(row.element.key), .int(row.element.value), .int(Int64(n + 1))])
            }
        }
        #expect(out.rows.map(\.row) == expected, "seed \(seed)")
    }

    @Test("window ROW_NUMBER, RANK and DENSE_RANK with ties equal ranking each partition's sorted rows", arguments: 0..<60)
    func windowRankTies(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7_919 + 5)
        let size: Int64 = 4000
        let function = [RankFunction.rowNumber, .rank, .denseRank][seed % 3]
        let limit: Int64 = [1, 2, 3, 5, 70][Int.random(in: 0..<5, using: &rng)]
        let start: Int64 = Bool.random(using: &rng) ? 1 : 2
        let byKey = Bool.random(using: &rng)
        // Few distinct values: many ties, at the cut and inside the first N.
        let events = (0..<Int.random(in: 20...220, using: &rng)).map { _ in
            (key: Int64.random(in: 0..<3, using: &rng), time: Int64.random(in: 0..<12_000, using: &rng), value: Int64.random(in: 0...4, using: &rng))
        }
        let out = Collector()
        var spec = RankSpec(function: function, partition: byKey ? [0, 1, 2] : [0, 1], order: [SortKey(slot: 3, descending: true)],
                            limit: limit, windowed: true)
        spec.start = start
        let rank = WindowRankOperator(selection: .rank(spec), windowStart: 0, windowEnd: 1, output: out, statistics: OperatorStatistics())
        for event in events {
            let windowStart = event.time / size * size
            rank.receive([.timestamp(windowStart), .timestamp(windowStart + size), .int(event.key), .int(event.value)], .insert)
        }
        rank.finish()
        var expected: [[Value]] = []
        for windowStart in Set(events.map { $0.time / size * size }).sorted() {
            let inWindow = events.filter { $0.time / size * size == windowStart }
            var keys: [Int64] = []
            for e in inWindow where !keys.contains(e.key) { keys.append(e.key) }
            for key in byKey ? keys.map(Optional.some) : [nil] {
                let rows = inWindow.filter { key == nil || $0.key == key }.enumerated()
                    .sorted { $0.element.value != $1.element.value ? $0.element.value > $1.element.value : $0.offset < $1.offset }
                    .map(\.element)
                var n: Int64 = 0
                for (position, row) in rows.enumerated() {
                    let tie = position > 0 && rows[position - 1].value == row.value
                    switch function {
                    case .rowNumber: n = Int64(position + 1)
                    case .rank: if !tie { n = Int64(position + 1) }
                    case .denseRank: if !tie { n += 1 }
                    }
                    if n > limit { break }
                    if n >= start {
                        expected.append([.timestamp(windowStart), .timestamp(windowStart + size), .int(row.key), .int(row.value), .int(n)])
                    }
                }
            }
        }
        #expect(out.rows.map(\.row) == expected, "seed \(seed) \(function) limit \(limit) from \(start), by key \(byKey)")
    }

    @Test("an inner interval join equals the nested loop over both streams", arguments: 0..<40)
    func intervalJoin(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 15_485_863 + 3)
        let delay: Int64 = 1500
        let left = Self.stream(&rng, count: 80, keys: 5, delay: delay)
        let right = Self.stream(&rng, count: 80, keys: 5, delay: delay)
        let (lower, upper): (Int64, Int64) = (-1000, 2500)
        for kind in [JoinType.inner, .left, .full] {
            let out = Collector()
            let spec = IntervalJoinSpec(kind: kind, leftKeys: [0], rightKeys: [0], leftTimeSlot: 1, rightTimeSlot: 1, lowerBound: lower, upperBound: upper,
                                        residual: nil, leftWidth: 3, rightWidth: 3, leftName: "l", rightName: "r")
            let join = IntervalJoinOperator(spec: spec, output: out, statistics: OperatorStatistics())
            // The two streams interleaved at random, each with its own watermark.
            let (leftPort, rightPort) = (join.left, join.right)
            var (i, j) = (0, 0)
            var (wl, wr) = (Int64.min, Int64.min)
            while i < left.count || j < right.count {
                if j == right.count || (i < left.count && Bool.random(using: &rng)) {
                    let e = left[i]; i += 1
                    leftPort.receive([.int(e.key), .timestamp(e.time), .int(e.value)], .insert)
                    if e.time - delay > wl { wl = e.time - delay; leftPort.watermark(wl) }
                    if i == left.count { leftPort.finish() }
                } else {
                    let e = right[j]; j += 1
                    rightPort.receive([.int(e.key), .timestamp(e.time), .int(e.value)], .insert)
                    if e.time - delay > wr { wr = e.time - delay; rightPort.watermark(wr) }
                    if j == right.count { rightPort.finish() }
                }
            }
            var expected: [[Value]] = []
            var rightMatched = Set<Int>()
            for l in left {
                var matched = false
                for (index, r) in right.enumerated() where r.key == l.key && r.time >= l.time + lower && r.time <= l.time + upper {
                    expected.append([.int(l.key), .timestamp(l.time), .int(l.value), .int(r.key), .timestamp(r.time), .int(r.value)])
                    matched = true
                    rightMatched.insert(index)
                }
                if !matched, kind != .inner { expected.append([.int(l.key), .timestamp(l.time), .int(l.value), .null, .null, .null]) }
            }
            if kind == .full {
                for (index, r) in right.enumerated() where !rightMatched.contains(index) {
                    expected.append([.null, .null, .null, .int(r.key), .timestamp(r.time), .int(r.value)])
                }
            }
            #expect(Self.sameMultiset(out.rows.map(\.row), expected), "seed \(seed), \(kind)")
            #expect(out.finished)
        }
    }

    @Test("a temporal join of in-order streams joins each left row with its key's version at its time", arguments: 0..<40)
    func temporalJoin(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 104_729 + 5)
        // Each side in time order, its watermark one millisecond behind it; the right side's
        // times distinct, so no version arrives after a left row that needed it fired.
        var clock: Int64 = 1000
        let left: [(key: Value, time: Int64, value: Int64)] = (0..<60).map { _ in
            clock += Int64.random(in: 0...300, using: &rng)
            let key: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<4, using: &rng))
            return (key, clock, Int64.random(in: 0...9, using: &rng))
        }
        clock = 900
        let right: [(key: Value, time: Int64, value: Int64, kind: RowKind)] = (0..<40).map { _ in
            clock += Int64.random(in: 1...500, using: &rng)
            let kind: RowKind = [.insert, .updateAfter, .updateAfter, .delete, .updateBefore].randomElement(using: &rng)!
            return (.int(Int64.random(in: 0..<4, using: &rng)), clock, Int64.random(in: 0...9, using: &rng), kind)
        }
        for kind in [JoinType.inner, .left] {
            let out = Collector()
            var spec = TemporalJoinSpec(kind: kind, leftKeys: [0], rightKeys: [0], leftTimeSlot: 1, rightTimeSlot: 1,
                                        leftWidth: 3, rightWidth: 3, leftName: "l", rightName: "r")
            spec.residual = nil
            let join = TemporalJoinOperator(spec: spec, output: out)
            let (leftPort, rightPort) = (join.left, join.right)
            var (i, j) = (0, 0)
            while i < left.count || j < right.count {
                if j == right.count || (i < left.count && Bool.random(using: &rng)) {
                    let e = left[i]; i += 1
                    leftPort.receive([e.key, .timestamp(e.time), .int(e.value)], .insert)
                    leftPort.watermark(e.time - 1)
                    if i == left.count { leftPort.finish() }
                } else {
                    let e = right[j]; j += 1
                    rightPort.receive([e.key, .timestamp(e.time), .int(e.value)], e.kind)
                    rightPort.watermark(e.time - 1)
                    if j == right.count { rightPort.finish() }
                }
            }
            // The model: the latest right change of the key at or before the left row's time
            // (-U ignored), a deletion meaning no row.
            var expected: [[Value]] = []
            for l in left {
                let version = right.last { $0.key == l.key && $0.time <= l.time && $0.kind != .updateBefore }
                if let version, version.kind != .delete {
                    expected.append([l.key, .timestamp(l.time), .int(l.value), version.key, .timestamp(version.time), .int(version.value)])
                } else if kind == .left {
                    expected.append([l.key, .timestamp(l.time), .int(l.value), .null, .null, .null])
                }
            }
            #expect(Self.sameMultiset(out.rows.map(\.row), expected), "seed \(seed), \(kind)")
            #expect(out.rows.allSatisfy { $0.kind == .insert })
            #expect(out.finished)
        }
    }

    @Test("a regular join's changelog applied is the join of both sides' final tables, every join type", arguments: 0..<40)
    func regularJoin(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7_919 + 11)
        for kind in [JoinType.inner, .left, .right, .full] {
            let out = Collector()
            let join = RegularJoinOperator(spec: RegularJoinSpec(kind: kind, leftKeys: [0], rightKeys: [0], leftWidth: 2, rightWidth: 2,
                                                                 leftName: "l", rightName: "r"), output: out)
            // Random inserts and retractions of rows on both sides, NULL keys among them.
            var held: [[[Value]]] = [[], []]
            for _ in 0..<Int.random(in: 20...120, using: &rng) {
                let side = Int.random(in: 0...1, using: &rng)
                let port = side == 0 ? join.left : join.right
                if !held[side].isEmpty, Int.random(in: 0..<3, using: &rng) == 0 {
                    let row = held[side].remove(at: Int.random(in: 0..<held[side].count, using: &rng))
                    port.receive(row, Bool.random(using: &rng) ? .delete : .updateBefore)
                } else {
                    let key: Value = Int.random(in: 0..<8, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<4, using: &rng))
                    let second: Value = Int.random(in: 0..<8, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<3, using: &rng))
                    let row = [key, second]
                    held[side].append(row)
                    port.receive(row, Bool.random(using: &rng) ? .insert : .updateAfter)
                }
            }
            join.left.finish()
            join.right.finish()
            // The changelog applied, against the join computed from what each side holds.
            var table: [[Value]: Int] = [:]
            for (row, rowKind) in out.rows { table[row, default: 0] += rowKind.isAccumulate ? 1 : -1 }
            #expect(table.values.allSatisfy { $0 >= 0 }, "seed \(seed), \(kind): a row retracted more often than written")
            var expected: [[Value]] = []
            let (left, right) = (held[0], held[1])
            for l in left {
                let matches = right.filter { !l[0].isNull && $0[0] == l[0] }
                for r in matches { expected.append(l + r) }
                if matches.isEmpty, kind == .left || kind == .full { expected.append(l + [.null, .null]) }
            }
            if kind == .right || kind == .full {
                for r in right where !left.contains(where: { !r[0].isNull && $0[0] == r[0] }) { expected.append([.null, .null] + r) }
            }
            let final = table.flatMap { row, count in Array(repeating: row, count: max(0, count)) }
            #expect(Self.sameMultiset(final, expected), "seed \(seed), \(kind)")
            #expect(out.finished)
        }
    }

    @Test("a semi or anti join's changelog applied keeps the left rows the condition holds for, EXISTS, NOT EXISTS, IN, NOT IN", arguments: 0..<40)
    func semiJoin(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 6_151 + 3)
        // (anti, null-aware columns): EXISTS/IN, NOT EXISTS, x NOT IN, (x, y) NOT IN.
        for (anti, nullAwareWidth) in [(false, 0), (true, 0), (true, 1), (true, 2)] {
            let nullAware = nullAwareWidth > 0
            let out = Collector()
            let spec = SemiJoinSpec(anti: anti, leftKeys: nullAware ? [] : [0], rightKeys: nullAware ? [] : [0],
                                    nullAwareKeys: (0..<nullAwareWidth).map { ($0, $0) }, residual: nil, residualSlots: [], leftWidth: 2)
            let join = SemiJoinOperator(spec: spec, output: out)
            var held: [[[Value]]] = [[], []]
            for _ in 0..<Int.random(in: 20...120, using: &rng) {
                let side = Int.random(in: 0...1, using: &rng)
                let port = side == 0 ? join.left : join.right
                if !held[side].isEmpty, Int.random(in: 0..<3, using: &rng) == 0 {
                    let row = held[side].remove(at: Int.random(in: 0..<held[side].count, using: &rng))
                    port.receive(row, Bool.random(using: &rng) ? .delete : .updateBefore)
                } else {
                    let key: Value = Int.random(in: 0..<8, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<4, using: &rng))
                    let second: Value = Int.random(in: 0..<8, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<3, using: &rng))
                    let row = [key, second]
                    held[side].append(row)
                    port.receive(row, Bool.random(using: &rng) ? .insert : .updateAfter)
                }
            }
            join.left.finish()
            join.right.finish()
            var table: [[Value]: Int] = [:]
            for (row, rowKind) in out.rows { table[row, default: 0] += rowKind.isAccumulate ? 1 : -1 }
            #expect(table.values.allSatisfy { $0 >= 0 }, "seed \(seed): a row retracted more often than written")
            // SQL's answer from what each side holds: x NOT IN S is true only when S is empty,
            // or x and every element are non-NULL and none equals x.
            let right = held[1]
            let expected = held[0].filter { l in
                // (x, y) NOT IN S: every element has a column that is non-NULL on both sides and unequal.
                if nullAware {
                    return right.allSatisfy { r in (0..<nullAwareWidth).contains { !l[$0].isNull && !r[$0].isNull && l[$0] != r[$0] } }
                }
                let matched = right.contains { !l[0].isNull && $0[0] == l[0] }
                return matched != anti
            }
            let final = table.flatMap { row, count in Array(repeating: row, count: max(0, count)) }
            #expect(Self.sameMultiset(final, expected), "seed \(seed), anti \(anti), null-aware columns \(nullAwareWidth)")
            #expect(out.finished)
        }
    }

    @Test("a SESSION TVF's rows carry the sessions found by sorting each key's whole stream", arguments: 0..<40)
    func sessionRows(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 6151 &+ 17)
        let delay: Int64 = 1500, gap = Int64.random(in: 200...1200, using: &rng)
        // Out of order by less than the delay − 500 ms: no row arrives after a session it
        // touches has closed (the model cannot know that it closed).
        let events = Self.stream(&rng, count: 300, keys: 1 + seed % 6, delay: delay - 500)
        let out = Collector()
        let spec = WindowAssignSpec(window: WindowSpec(kind: .session(gap: gap), syntax: .tableFunction), timeSlot: 1, partition: [0])
        Self.feed(events, delay: delay, into: SessionAssignOperator(spec: spec, output: out, statistics: OperatorStatistics()))
        // The model: each key's times sorted; a time within `gap` of the session's last
        // (touching included) extends it.
        var expected: [[Value]] = []
        for key in Set(events.map(\.key)) {
            let mine = events.filter { $0.key == key }.sorted { $0.time < $1.time }
            var first = 0
            while first < mine.count {
                var last = first
                while last + 1 < mine.count, mine[last + 1].time <= mine[last].time + gap { last += 1 }
                let start = mine[first].time, end = mine[last].time + gap
                for event in mine[first...last] {
                    expected.append([.int(key), .timestamp(event.time), .int(event.value), .timestamp(start), .timestamp(end), .timestamp(end - 1)])
                }
                first = last + 1
            }
        }
        #expect(Self.sameMultiset(out.rows.map(\.row), expected), "seed \(seed)")
        #expect(out.finished)
    }

    @Test("Flink's timer queue polls by time and deletes any timer by its handle", arguments: 0..<40)
    func timerQueue(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 104_729 &+ 3)
        var queue = FlinkTimerQueue()
        var model: [Int: (time: Int64, payload: Int)] = [:]  // by handle
        for step in 0..<2000 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let time = Int64.random(in: 0..<50, using: &rng), payload = step
                let handle = queue.add(at: time, payload: payload)
                #expect(model[handle] == nil, "a held handle given again")
                model[handle] = (time, payload)
            case 5..<7:
                guard let handle = model.keys.randomElement(using: &rng) else { continue }
                queue.remove(handle)
                model[handle] = nil
            default:
                let polled = queue.poll()
                #expect(polled?.time == model.values.map(\.time).min(), "seed \(seed), step \(step)")
                if let polled, let handle = model.first(where: { $0.value.payload == polled.payload })?.key {
                    #expect(model[handle]?.time == polled.time)
                    model[handle] = nil
                }
            }
            #expect(queue.count == model.count)
        }
        var last = Int64.min
        while let (time, payload) = queue.poll() {
            #expect(time >= last)
            #expect(model.contains { $0.value.payload == payload && $0.value.time == time })
            model = model.filter { $0.value.payload != payload }
            last = time
        }
        #expect(model.isEmpty && queue.isEmpty)
    }

    static func sameMultiset(_ a: [[Value]], _ b: [[Value]]) -> Bool {
        var counts: [[Value]: Int] = [:]
        for row in a { counts[row, default: 0] += 1 }
        for row in b { counts[row, default: 0] -= 1 }
        return counts.values.allSatisfy { $0 == 0 }
    }
}

/// `RowKeySet` (open addressing with backward-shift removal) against Swift's `Set`.
@Suite("RowKeySet against Set")
struct RowKeySetPropertyTests {
    @Test("random inserts and removals keep the same members", arguments: 0..<20)
    func matchesSet(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 2_654_435_761 + 3)
        var set = RowKeySet()
        var model = Set<[Value]>()
        for _ in 0..<2_000 {
            // Few distinct keys, one or two columns, so that runs collide and removals shift them.
            let width = Int.random(in: 1...2, using: &rng)
            let values: [Value] = (0..<width).map { _ in
                Int.random(in: 0..<5, using: &rng) == 0 ? .null : .int(Int64.random(in: 0..<60, using: &rng))
            }
            let key = RowKey(values)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0, 1:
                set.insert(key)
                model.insert(values)
            default:
                set.remove(key)
                model.remove(values)
            }
            #expect(set.count == model.count)
            #expect(set.contains(key) == model.contains(values))
        }
        for values in model { #expect(set.contains(RowKey(values))) }
    }
}
