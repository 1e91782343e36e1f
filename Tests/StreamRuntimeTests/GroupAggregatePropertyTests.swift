import QueryPlanner
import Testing
@testable import StreamRuntime

/// The aggregation without a window against recomputation from scratch: after every change of
/// a random stream of inserts, updates and deletes, the result the changelog describes equals
/// the aggregates of the rows alive at that point.
@Suite("Aggregation without a window against recomputation")
struct GroupAggregatePropertyTests {
    static func call(_ function: AggregateFunction, _ slot: Int?, distinct: Bool = false, type: DataType = .bigint) -> AggregateCall {
        let result: DataType = function == .count ? .bigint : type
        return AggregateCall(function: function, argument: slot.map { .slot($0) }, distinct: distinct, argumentType: type, resultType: result, text: "\(function)")
    }

    @Test("every retracting aggregate equals recomputation after each change", arguments: 0..<30)
    func matchesRecomputation(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 2_654_435_761 + 11)
        // Rows: [key, value (NULL sometimes)].
        let calls = [Self.call(.count, nil), Self.call(.count, 1), Self.call(.sum, 1), Self.call(.min, 1), Self.call(.max, 1),
                     Self.call(.avg, 1), Self.call(.count, 1, distinct: true), Self.call(.sum, 1, distinct: true)]
        let spec = GroupAggregateSpec(keys: [.slot(0)], keyTypes: [.bigint], calls: calls)
        let out = Collector()
        let operator_ = GroupAggregateOperator(spec: spec, output: out)
        var alive: [[Value]] = []
        var table: [[Value]: [Value]] = [:]
        for _ in 0..<300 {
            let choice = Int.random(in: 0..<10, using: &rng)
            if choice < 5 || alive.isEmpty {
                let row: [Value] = [.int(Int64.random(in: 0..<4, using: &rng)), Int.random(in: 0..<6, using: &rng) == 0 ? .null : .int(Int64.random(in: -20...20, using: &rng))]
                alive.append(row)
                operator_.receive(row, .insert)
            } else if choice < 8 {
                let index = Int.random(in: 0..<alive.count, using: &rng)
                let old = alive[index]
                let new: [Value] = [old[0], .int(Int64.random(in: -20...20, using: &rng))]
                alive[index] = new
                operator_.receive(old, .updateBefore)
                operator_.receive(new, .updateAfter)
            } else {
                let old = alive.remove(at: Int.random(in: 0..<alive.count, using: &rng))
                operator_.receive(old, .delete)
            }
            for (row, kind) in out.rows {
                let key = [row[0]]
                if kind.isAccumulate { table[key] = row } else { table[key] = nil }
            }
            out.rows.removeAll()
            // Recompute from the live rows.
            var expected: [[Value]: [Value]] = [:]
            for key in Set(alive.map { [$0[0]] }) {
                let rows = alive.filter { [$0[0]] == key }
                let values = rows.map { $0[1] }.filter { !$0.isNull }
                let ints = values.compactMap { if case .int(let v) = $0 { v } else { nil } }
                let distinct = Set(ints)
                let result: [Value] = [
                    .int(Int64(rows.count)), .int(Int64(ints.count)),
                    ints.isEmpty ? .null : .int(ints.reduce(0, +)),
                    ints.min().map { .int($0) } ?? .null, ints.max().map { .int($0) } ?? .null,
                    ints.isEmpty ? .null : .int(ints.reduce(0, +) / Int64(ints.count)),
                    .int(Int64(distinct.count)), distinct.isEmpty ? .null : .int(distinct.reduce(0, +)),
                ]
                expected[key] = key + result
            }
            #expect(table == expected, "seed \(seed)")
            if table != expected { return }
        }
    }
}
