import QueryPlanner
import Testing
@testable import StreamRuntime

/// Records what an operator sends on.
final class Collector: RowReceiver {
    var rows: [(row: [Value], kind: RowKind)] = []
    var watermarks: [Int64] = []
    var finished = false
    func receive(_ row: [Value], _ kind: RowKind) { rows.append((row, kind)) }
    func watermark(_ watermark: Int64) { watermarks.append(watermark) }
    func finish() { finished = true }
}

private func at(_ seconds: Double) -> Value { .timestamp(Int64(seconds * 1000)) }
private func ms(_ seconds: Double) -> Int64 { Int64(seconds * 1000) }

@Suite("Operators, driven with rows and watermarks")
struct OperatorTests {
    @Test("a row's strings compare as Java's String.compareTo: UTF-16 order")
    func stringsCompareInUTF16Order() {
        var rng = SplitMix(state: 30)
        let alphabet: [Character] = ["a", "b", "é", "\u{E000}", "ﬁ", "\u{FFFD}", "😀", "\u{10000}", "𝄞", "中"]
        func text() -> String { String((0..<Int.random(in: 0...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
        for _ in 0..<5_000 {
            let x = text(), y = text()
            let java = x.utf16.elementsEqual(y.utf16) ? 0 : x.utf16.lexicographicallyPrecedes(y.utf16) ? -1 : 1
            #expect(Evaluator.scalarCompare(.string(x), .string(y)) == java, "\(x) \(y)")
        }
    }

    @Test("a java.util.HashMap<Long, …>'s iteration order as keys come and go")
    func javaLongHashMapOrder() {
        var map = JavaLongHashMapOrder()
        // 17, 1 and 33 share bucket 1 of 16 and keep the order they came in; 16 is bucket 0.
        for key: Int64 in [17, 1, 33, 16] { map.put(key) }
        #expect(map.capacity == 16)
        #expect(map.iterationOrder([1, 16, 17, 33]) == [16, 17, 1, 33])
        // A ninth key in one bucket of fewer than 64 doubles the table (treeifyBin).
        map.clear()
        let chain: [Int64] = (0..<9).map { 1 + 16 * $0 }
        for key in chain { map.put(key) }
        #expect(map.capacity == 32)
        #expect(map.iterationOrder(chain) == [1, 33, 65, 97, 129, 17, 49, 81, 113])
        // Thirteen keys pass three quarters of 16; removing every key drops the table.
        map.clear()
        for key: Int64 in 0..<13 { map.put(key) }
        #expect(map.capacity == 32)
        for key: Int64 in 0..<13 { map.remove(key) }
        #expect(map.capacity == 0)
        // A negative Long hashes its high word in: -1 is 0xFFFFFFFF ^ 0xFFFFFFFF = 0.
        map.put(-1)
        map.put(5)
        #expect(map.iterationOrder([5, -1]) == [-1, 5])
    }

    // Rows: [window_start, window_end, page, c]
    @Test("a temporal join holds a late left row to the next watermark, against the versions still kept (Flink 2.3's operator)")
    func temporalJoinLateLeftRow() {
        let out = Collector()
        let spec = TemporalJoinSpec(kind: .left, leftKeys: [0], rightKeys: [0], leftTimeSlot: 1, rightTimeSlot: 1,
                                    leftWidth: 2, rightWidth: 3, leftName: "o", rightName: "r")
        let join = TemporalJoinOperator(spec: spec, output: out)
        join.right.receive([.string("EUR"), at(1), .int(10)], .insert)
        join.right.receive([.string("EUR"), at(3), .int(12)], .updateAfter)
        join.left.receive([.string("EUR"), at(2)], .insert)
        join.left.watermark(ms(5))
        #expect(out.rows.isEmpty, "the right side's watermark has not passed 2 s")
        join.right.watermark(ms(5))
        #expect(out.rows.map(\.row) == [[.string("EUR"), at(2), .string("EUR"), at(1), .int(10)]])
        // The version of 1 s is gone: only the latest at or before the watermark is kept.
        join.left.receive([.string("EUR"), at(2.5)], .insert)
        join.left.receive([.string("EUR"), at(4)], .insert)
        #expect(out.rows.count == 1, "a late row waits for the next watermark")
        join.left.watermark(ms(6))
        join.right.watermark(ms(6))
        #expect(out.rows.dropFirst().map(\.row) == [[.string("EUR"), at(2.5), .null, .null, .null],
                                                   [.string("EUR"), at(4), .string("EUR"), at(3), .int(12)]])
        #expect(out.watermarks == [ms(5), ms(6)])
    }

    @Test("window Top-N writes each window's first N when the watermark passes its end")
    func windowRank() {
        let out = Collector()
        let rank = WindowRankOperator(selection: .rank(RankSpec(function: .rowNumber, partition: [0, 1], order: [SortKey(slot: 3, descending: true)], limit: 2, windowed: true)),
                                      windowStart: 0, windowEnd: 1, output: out, statistics: OperatorStatistics())
        for (page, c) in [("a", 3), ("b", 5), ("c", 5), ("d", 1)] { rank.receive([at(0), at(10), .string(page), .int(Int64(c))], .insert) }
        rank.watermark(ms(9.998))
        #expect(out.rows.isEmpty)
        rank.watermark(ms(9.999))
        #expect(out.rows.map { $0.row[2] } == [.string("b"), .string("c")])
        #expect(out.rows.map { $0.row[4] } == [.int(1), .int(2)])
        // A row for a window that has fired is late.
        let statistics = OperatorStatistics()
        let late = WindowRankOperator(selection: .rank(RankSpec(function: .rowNumber, partition: [0, 1], order: [SortKey(slot: 3, descending: true)], limit: 2, windowed: true)),
                                      windowStart: 0, windowEnd: 1, output: Collector(), statistics: statistics)
        late.watermark(ms(10))
        late.receive([at(0), at(10), .string("x"), .int(1)], .insert)
        #expect(statistics.lateRows["WindowRank"] == 1)
    }


    @Test("OVER ordered by a plain column writes a row arriving in the middle, then updates the rows after it (Flink's NonTime*UnboundedPrecedingFunction)",
          arguments: [false, true])
    func nonTimeOver(_ range: Bool) {
        // Rows: [k, seq, v], SUM(v) appended; the SPEC example `rows_sum_int_order` of Flink 2.3.
        let sum = AggregateCall(function: .sum, argument: .slot(2), distinct: false, argumentType: .int, resultType: .int, text: "SUM(v)")
        var spec = OverSpec(partition: [0], timeSlot: 1, frame: range ? .range(preceding: nil) : .rows(preceding: nil), calls: [sum])
        spec.nonTime = true
        let out = Collector()
        let over = NonTimeOverOperator(spec: spec, output: out)
        func row(_ seq: Int64, _ v: Int64) -> [Value] { [.string("a"), .int(seq), .int(v)] }
        for (seq, v) in [(5, 10), (3, 1), (5, 20), (1, 100)] as [(Int64, Int64)] { over.receive(row(seq, v), .insert) }
        let written = out.rows.map { change -> String in
            guard case let .int(v) = change.row[2], case let .int(s) = change.row[3] else { return "?" }
            return "\(change.kind.rawValue) \(v) \(s)"
        }
        if range {
            // Ties share the sum of their key; an earlier tie is updated before the new row.
            #expect(written == ["+I 10 10", "+I 1 1", "-U 10 10", "+U 10 11", "-U 10 11", "+U 10 31", "+I 20 31",
                                "+I 100 100", "-U 1 1", "+U 1 101", "-U 10 31", "+U 10 131", "-U 20 31", "+U 20 131"])
        } else {
            // A tie comes after the rows of its key that arrived before it.
            #expect(written == ["+I 10 10", "+I 1 1", "-U 10 10", "+U 10 11", "+I 20 31",
                                "+I 100 100", "-U 1 1", "+U 1 101", "-U 10 11", "+U 10 111", "-U 20 31", "+U 20 131"])
        }
        // Retracting the first row updates the rows after it; a row never seen changes nothing.
        out.rows.removeAll()
        over.receive(row(1, 100), .delete)
        #expect(out.rows.first?.kind == .delete)
        #expect(out.rows.count == 7)
        out.rows.removeAll()
        over.receive(row(9, 9), .delete)
        #expect(out.rows.isEmpty)
    }

    @Test("a Top-N over a growing count retracts a row that moves up right after the first row it displaces (Flink's UpdatableTopNFunction)")
    func topNMovedRowOrder() {
        // Rows: [k, count], ranked by count descending, the rank appended.
        let out = Collector()
        let topN = TopNOperator(spec: RankSpec(function: .rowNumber, partition: [], order: [SortKey(slot: 1, descending: true)], limit: 3,
                                               windowed: false, outputsRank: true), output: out)
        for k in ["a", "b", "c"] { topN.receive([.string(k), .int(1)], .insert) }
        out.rows.removeAll()
        topN.receive([.string("c"), .int(1)], .updateBefore)
        topN.receive([.string("c"), .int(2)], .updateAfter)
        func written() -> [String] {
            out.rows.map { row in
                guard case let .string(k) = row.row[0], case let .int(rank) = row.row[2] else { return "?" }
                return "\(row.kind.rawValue) \(k) \(rank)"
            }
        }
        #expect(written() == ["-U a 1", "-U c 3", "+U c 1", "-U b 2", "+U a 2", "+U b 3"])
        // A row whose sort key did not change keeps its place among its ties.
        out.rows.removeAll()
        topN.receive([.string("a"), .int(1)], .updateBefore)
        topN.receive([.string("a"), .int(1)], .updateAfter)
        #expect(written() == ["-U a 2", "+U a 2"])
    }

    @Test("a Top-N ranked in place forgets a row pushed out of the first N: a tie it would win comes back only as a new row (Flink's buffer)")
    func topNForgetsRowsOutsideN() {
        // Rows: [k, min], ranked by min ascending (NULL first), the rank not read.
        let out = Collector()
        let topN = TopNOperator(spec: RankSpec(function: .rowNumber, partition: [], order: [SortKey(slot: 1, descending: false)], limit: 2,
                                               windowed: false, outputsRank: false), output: out)
        topN.receive([.string("b"), .null], .insert)
        topN.receive([.string("c"), .int(2)], .insert)
        topN.receive([.string("a"), .int(6)], .insert)
        // b moves down to 6, a tie with a: a was forgotten outside the first 2, so b stays.
        topN.receive([.string("b"), .null], .updateBefore)
        topN.receive([.string("b"), .int(6)], .updateAfter)
        let written = out.rows.map { row -> String in
            guard case let .string(k) = row.row[0] else { return "?" }
            return "\(row.kind.rawValue) \(k)"
        }
        #expect(written == ["+I b", "+I c", "-U b", "+U b"])
    }
    @Test("window deduplication keeps the last row in event time, the later arrival on ties")
    func windowDeduplicate() {
        let out = Collector()
        let dedup = WindowRankOperator(selection: .deduplicate(DeduplicateSpec(keys: [0, 1, 2], timeSlot: 3, keepLast: true, windowed: true)),
                                       windowStart: 0, windowEnd: 1, output: out, statistics: OperatorStatistics())
        for (user, time, page) in [(1, 2.0, "a"), (1, 5.0, "b"), (1, 5.0, "c"), (1, 4.0, "d"), (2, 1.0, "e")] {
            dedup.receive([at(0), at(10), .int(Int64(user)), at(time), .string(page)], .insert)
        }
        dedup.finish()
        #expect(out.rows.map { $0.row[4] } == [.string("c"), .string("e")])
        #expect(out.finished)
    }

    @Test("keep-first deduplication waits for the watermark, so an earlier row arriving later wins")
    func keepFirst() {
        let out = Collector()
        let statistics = OperatorStatistics()
        let dedup = DeduplicateOperator(spec: DeduplicateSpec(keys: [0], timeSlot: 1, keepLast: false, windowed: false), output: out, statistics: statistics)
        dedup.receive([.int(1), at(11), .string("first arrival")], .insert)
        dedup.receive([.int(1), at(10), .string("earlier")], .insert)
        dedup.watermark(ms(9))
        #expect(out.rows.isEmpty)
        dedup.watermark(ms(10))
        #expect(out.rows.count == 1 && out.rows[0].row[2] == .string("earlier") && out.rows[0].kind == .insert)
        dedup.receive([.int(1), at(10.5), .string("after it was written")], .insert)
        dedup.receive([.int(2), at(9.9), .string("late")], .insert)
        dedup.finish()
        #expect(out.rows.count == 1)
        #expect(statistics.lateRows["Deduplicate"] == 1)
    }

    @Test("keep-last deduplication retracts and replaces at once")
    func keepLast() {
        let out = Collector()
        let dedup = DeduplicateOperator(spec: DeduplicateSpec(keys: [0], timeSlot: 1, keepLast: true, windowed: false), output: out, statistics: OperatorStatistics())
        dedup.receive([.int(1), at(10), .string("a")], .insert)
        dedup.receive([.int(1), at(9), .string("older")], .insert)
        dedup.receive([.int(1), at(10), .string("b")], .insert)
        #expect(out.rows.map(\.kind) == [.insert, .updateBefore, .updateAfter])
        #expect(out.rows.map { $0.row[2] } == [.string("a"), .string("a"), .string("b")])
    }
    @Test("deduplication on processing time goes by arrival: the first row of a key at once, or each differing later row replacing it")
    func arrivalOrder() {
        var spec = DeduplicateSpec(keys: [0], timeSlot: 0, keepLast: false, windowed: false)
        spec.byArrival = true
        let first = Collector()
        let keepFirst = DeduplicateOperator(spec: spec, output: first, statistics: OperatorStatistics())
        spec.keepLast = true
        let last = Collector()
        let keepLast = DeduplicateOperator(spec: spec, output: last, statistics: OperatorStatistics())
        // No time is read: a NULL or an older time changes nothing, and no watermark is awaited.
        for row: [Value] in [[.int(1), .string("a")], [.int(2), .null], [.int(1), .string("b")], [.int(1), .string("b")],
                             [.int(1), .string("c")]] {
            keepFirst.receive(row, .insert)
            keepLast.receive(row, .insert)
        }
        #expect(first.rows.map(\.kind) == [.insert, .insert])
        #expect(first.rows.map { $0.row[1] } == [.string("a"), .null])
        #expect(last.rows.map(\.kind) == [.insert, .insert, .updateBefore, .updateAfter, .updateBefore, .updateAfter])
        #expect(last.rows.map { $0.row[1] } == [.string("a"), .null, .string("a"), .string("b"), .string("b"), .string("c")])
    }


    @Test("OVER RANGE gives every row of one time the same aggregate, after the watermark")
    func overRange() {
        let out = Collector()
        let count = AggregateCall(function: .count, argument: nil, distinct: false, argumentType: .bigint, resultType: .bigint, text: "COUNT(*)")
        let over = OverAggregateOperator(spec: OverSpec(partition: [0], timeSlot: 1, frame: .range(preceding: 2000), calls: [count]), output: out, statistics: OperatorStatistics())
        for time in [1.0, 2.0, 2.0, 5.0, 4.5] { over.receive([.string("k"), at(time)], .insert) }
        over.watermark(ms(2))
        #expect(out.rows.map { $0.row[2] } == [.int(1), .int(3), .int(3)])
        over.finish()
        // 4.5: the rows at 2, 2 and 4.5 (2.5 s back is outside); 5: 4.5 and 5.
        #expect(out.rows.map { $0.row[2] } == [.int(1), .int(3), .int(3), .int(1), .int(2)])
    }

    @Test("OVER ROWS counts the row and the n before it; a row older than its partition's last is late")
    func overRows() {
        let out = Collector()
        let statistics = OperatorStatistics()
        let sum = AggregateCall(function: .sum, argument: .slot(2), distinct: false, argumentType: .bigint, resultType: .bigint, text: "SUM(x)")
        let over = OverAggregateOperator(spec: OverSpec(partition: [0], timeSlot: 1, frame: .rows(preceding: 1), calls: [sum]), output: out, statistics: statistics)
        for (time, x) in [(1.0, 1), (2.0, 10), (3.0, 100)] { over.receive([.string("k"), at(time), .int(Int64(x))], .insert) }
        over.watermark(ms(3))
        over.receive([.string("k"), at(2.5), .int(1000)], .insert)
        over.finish()
        #expect(out.rows.map { $0.row[3] } == [.int(1), .int(11), .int(110)])
        #expect(statistics.lateRows["OverAggregate"] == 1)
    }

    @Test("an interval join matches within the bound and pads a LEFT row that can no longer match")
    func intervalJoin() {
        let out = Collector()
        let spec = IntervalJoinSpec(kind: .left, leftKeys: [0], rightKeys: [0], leftTimeSlot: 1, rightTimeSlot: 1, lowerBound: 0, upperBound: 5000,
                                    residual: nil, leftWidth: 2, rightWidth: 3, leftName: "i", rightName: "c")
        let join = IntervalJoinOperator(spec: spec, output: out, statistics: OperatorStatistics())
        let (left, right) = (join.left, join.right)
        left.receive([.int(1), at(1)], .insert)
        left.receive([.int(2), at(2)], .insert)
        right.receive([.int(1), at(4), .int(10)], .insert)
        right.receive([.int(1), at(7), .int(20)], .insert)
        #expect(out.rows.count == 1)
        left.watermark(ms(20))
        right.watermark(ms(7.5))
        // The watermark is 7.5 s: key 2 at 2 s can match right rows up to 7 s only.
        #expect(out.rows.count == 2)
        #expect(out.rows[1].row == [.int(2), at(2), .null, .null, .null])
        #expect(out.watermarks.last == ms(2.5))
        left.finish()
        right.finish()
        #expect(out.finished)
    }

    @Test("a union's watermark is the smaller of its inputs'")
    func union() {
        let out = Collector()
        let union = UnionOperator(inputs: 2, output: out)
        union.input(0).watermark(10)
        #expect(out.watermarks.isEmpty)
        union.input(1).watermark(5)
        union.input(0).finish()
        union.input(1).watermark(8)
        #expect(out.watermarks == [5, 8])
        union.input(1).finish()
        #expect(out.watermarks.last == .max && out.finished)
    }
}

@Suite("State TTL")
struct StateTTLTests {
    /// A processing-time clock the test moves.
    final class FakeClock: @unchecked Sendable {
        var now: Int64 = 0
    }

    @Test("deduplication, changelog normalization and Top-N forget a key untouched for the TTL; its next row starts afresh")
    func ttl() {
        let clock = FakeClock()
        let at = { (s: Double) -> Value in .timestamp(Int64(s * 1000)) }
        // Keep last: after the TTL the key's next row is a new +I, not an update of the old one.
        let out = Collector()
        let dedup = DeduplicateOperator(spec: DeduplicateSpec(keys: [0], timeSlot: 1, keepLast: true, windowed: false), output: out, statistics: OperatorStatistics())
        dedup.stateTTL = StateTTL(ttl: 1000) { clock.now }
        dedup.receive([.int(1), at(1), .string("a")], .insert)
        clock.now = 500
        dedup.receive([.int(1), at(2), .string("b")], .insert)
        clock.now = 1600
        dedup.receive([.int(1), at(3), .string("c")], .insert)
        #expect(out.rows.map(\.kind) == [.insert, .updateBefore, .updateAfter, .insert])
        // Keep first: a key written once is written again after its state expired.
        let first = Collector()
        let keepFirst = DeduplicateOperator(spec: DeduplicateSpec(keys: [0], timeSlot: 1, keepLast: false, windowed: false), output: first, statistics: OperatorStatistics())
        keepFirst.stateTTL = StateTTL(ttl: 1000) { clock.now }
        clock.now = 0
        keepFirst.receive([.int(1), at(1), .string("a")], .insert)
        keepFirst.watermark(Int64(1000))
        keepFirst.receive([.int(1), at(2), .string("b")], .insert)
        keepFirst.watermark(Int64(2000))
        clock.now = 5000
        keepFirst.receive([.int(1), at(3), .string("c")], .insert)
        keepFirst.watermark(Int64(3000))
        #expect(first.rows.map { $0.row[2] } == [.string("a"), .string("c")])
        // Normalization: a duplicate within the TTL is nothing; after it, the same row is a new +I.
        let normalized = Collector()
        let normalize = ChangelogNormalizeOperator(spec: NormalizeSpec(keys: [0], filter: nil), inputColumns: [], output: normalized)
        normalize.stateTTL = StateTTL(ttl: 1000) { clock.now }
        clock.now = 0
        normalize.receive([.int(1), .string("x")], .insert)
        normalize.receive([.int(1), .string("x")], .insert)
        clock.now = 2000
        normalize.receive([.int(1), .string("x")], .insert)
        #expect(normalized.rows.map(\.kind) == [.insert, .insert])
        // Top-N: an expired partition's ranks start again from 1.
        let ranked = Collector()
        let topN = TopNOperator(spec: RankSpec(function: .rowNumber, partition: [0], order: [SortKey(slot: 1, descending: true)], limit: 1, windowed: false), output: ranked)
        topN.stateTTL = StateTTL(ttl: 1000) { clock.now }
        clock.now = 0
        topN.receive([.string("p"), .int(5)], .insert)
        clock.now = 3000
        topN.receive([.string("p"), .int(1)], .insert)
        #expect(ranked.rows.map(\.kind) == [.insert, .insert])
        #expect(ranked.rows.last?.row == [.string("p"), .int(1), .int(1)])
    }
}

@Suite("Digests")
struct DigestTests {
    @Test("MD5, SHA-1 and SHA-256 agree with the reference values, across the padding boundaries", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
        (String(repeating: "a", count: 55), "ef1772b6dff9a122358552954ad0df65", "c1c8bbdc22796e28c0e15163d20899b65621d65a", "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "3b0c8ac703f828b04c6c197006d17218", "c2db330f6083854c99d4b5bfb6e8f29f201be699", "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "014842d480b571495a4a0363793f7367", "0098ba824b5c16427bd7a1122a5a442a25ec644d", "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "é", count: 100), "79bbe93f2c285420f1df88f98c509608", "d36996f848713315ec67cbe1d3ee9fa2067405de", "f42ec48e1e4b487e590e0b3d4e58437c8327efa855d769709f4942a4f73a7eb6"),
    ])
    func digests(_ text: String, _ md5: String, _ sha1: String, _ sha256: String) {
        let bytes = Array(text.utf8)
        #expect(Digests.hex(Digests.md5(bytes)) == md5)
        #expect(Digests.hex(Digests.sha1(bytes)) == sha1)
        #expect(Digests.hex(Digests.sha256(bytes)) == sha256)
    }
}
