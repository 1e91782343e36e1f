import QueryPlanner
import Testing
@testable import StreamRuntime

/// `NDJSONEncoder.appendFired` (a fired group's row written from its key table) must write what
/// `append` writes for the same values, whatever the keys hold.
@Suite("NDJSON of a fired group")
struct FiredRowEncodingTests {
    static let keys: [[Value]] = [
        [.string("/products/802"), .int(7)],
        [.string(#"/a"b\c"#), .int(-12)],
        [.string("/é ünïcode"), .null],
        [.null, .int(Int64.max)],
        [.string("/products/very/long/path/name/beyond/sixteen/bytes"), .int(0)],
        [.string("\u{01}control\ttab"), .int(1)],
        [.string(""), .double(2.5)],
        [.string("[1, 2]"), .bool(true)],
    ]

    @Test("a fired row's text is the text of its values", arguments: [false, true])
    func firedRowsAsValues(_ arrayKey: Bool) {
        // Slots as QueryExecutor numbers them: 0, 1, 2 the window's bounds and time, 3 and 4
        // the key's columns, 5 and 6 the aggregates; the columns in another order than the slots.
        let slots = [1, 3, 5, 0, 4, 2, 6]
        let columns = [
            Column(name: "window_end", type: .timestamp), Column(name: "page", type: arrayKey ? .array(.int) : .string),
            Column(name: "n", type: .bigint), Column(name: "window_start", type: .timestamp),
            Column(name: "user_id", type: .bigint), Column(name: "window_time", type: .timestamp),
            Column(name: "avg", type: .double),
        ]
        let encoder = NDJSONEncoder(columns: columns)
        let table = ValueColumns(width: 2)
        for key in Self.keys { table.appendRow(key) }
        let aggregates: [Value] = [.int(42), .double(0.1)]
        // The first aggregate is a COUNT (written from its accumulator), the second is not.
        let accumulators: ArraySlice<Accumulator> = [.count(42), .doubleSum(0.1, 1)]
        for (window, start) in [Int64(1_714_039_200_000), 1_714_039_210_000, -86_400_001].enumerated() {
            let end = start + 10_000
            for (row, key) in Self.keys.enumerated() {
                let values: [Value] = slots.map { slot in
                    switch slot {
                    case 0: .timestamp(start)
                    case 1: .timestamp(end)
                    case 2: .timestamp(end - 1)
                    case 3, 4: key[slot - 3]
                    default: aggregates[slot - 5]
                    }
                }
                var expected: [UInt8] = [], fired: [UInt8] = []
                encoder.append(values, to: &expected)
                table.withRows { keys in
                    encoder.appendFired(slots, start: start, end: end, keys: keys, keyRow: row, keyBase: 3,
                                        aggregateBase: 5, accumulators: accumulators, aggregate: { aggregates[$0] }, to: &fired)
                }
                #expect(String(decoding: fired, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                        "window \(window), key \(row)")
            }
        }
    }

    @Test("a fired window's rows written at once are its rows written one by one")
    func firedWindowRows() {
        let slots = [0, 1, 3, 4, 5, 6]
        let columns = [
            Column(name: "window_start", type: .timestamp), Column(name: "window_end", type: .timestamp),
            Column(name: "page", type: .string), Column(name: "user_id", type: .bigint),
            Column(name: "n", type: .bigint), Column(name: "avg", type: .double),
        ]
        let encoder = NDJSONEncoder(columns: columns)
        let table = ValueColumns(width: 2)
        for key in Self.keys { table.appendRow(key) }
        // Two accumulators a group: a COUNT, and a sum written through `aggregate`.
        let accumulators: [Accumulator] = Self.keys.indices.flatMap { [Accumulator.count(Int64($0) * 3), .doubleSum(Double($0) / 4, 1)] }
        let order = [3, 0, 7, 1, 6, 2, 5, 4]
        let (start, end): (Int64, Int64) = (1_714_039_200_000, 1_714_039_210_000)
        var expected: [UInt8] = [], fired: [UInt8] = []
        table.withRows { keys in
            for row in order {
                encoder.appendFired(slots, start: start, end: end, keys: keys, keyRow: row, keyBase: 3, aggregateBase: 5,
                                    accumulators: accumulators[(row * 2)..<(row * 2 + 2)],
                                    aggregate: { _ in .double(Double(row) / 4) }, to: &expected)
            }
            encoder.appendFiredRows(slots, start: start, end: end, keys: keys, keyRows: order, keyBase: 3, aggregateBase: 5,
                                    accumulators: accumulators, width: 2, aggregate: { row, _ in .double(Double(row) / 4) }, to: &fired)
        }
        #expect(String(decoding: fired, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(fired.filter { $0 == 0x0A }.count == order.count)
        // A window grouped without aggregates: no accumulators at all.
        let bare = NDJSONEncoder(columns: [Column(name: "window_start", type: .timestamp), Column(name: "user_id", type: .bigint)])
        var rows: [UInt8] = []
        table.withRows { keys in
            bare.appendFiredRows([0, 4], start: start, end: end, keys: keys, keyRows: [0, 1], keyBase: 3, aggregateBase: 5,
                                 accumulators: [], width: 0, aggregate: { _, _ in .null }, to: &rows)
        }
        #expect(String(decoding: rows, as: UTF8.self)
            == "{\"window_start\":\"2024-04-25 10:00:00\",\"user_id\":7}\n{\"window_start\":\"2024-04-25 10:00:00\",\"user_id\":-12}\n")
    }
}
