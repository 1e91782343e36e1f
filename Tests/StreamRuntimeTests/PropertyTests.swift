import QueryPlanner
import Testing
@testable import StreamRuntime

/// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The naive model the operators are checked against: every window kept whole (no slices),
/// every event added to each window containing it that has not fired.
struct ReferenceModel {
    struct Window: Hashable { var start: Int64; var end: Int64 }
    struct Result: Hashable { var start: Int64; var end: Int64; var key: Int; var count: Int }

    let kind: WindowKind
    let delay: Int64
    var watermark: Int64 = .min
    var open: [Window: [Int: Int]] = [:]
    var sessions: [Int: [(start: Int64, end: Int64, count: Int)]] = [:]
    var results: [Result] = []
    var late = 0

    init(kind: WindowKind, delay: Int64) {
        self.kind = kind
        self.delay = delay
    }

    func windows(containing t: Int64) -> [Window] {
        func floorTo(_ x: Int64, _ size: Int64) -> Int64 { x - ((x % size) + size) % size }
        switch kind {
        case .tumble(let size):
            return [Window(start: floorTo(t, size), end: floorTo(t, size) + size)]
        case let .hop(slide, size):
            var out: [Window] = []
            var s = floorTo(t - size + 1, slide)
            if s + size <= t { s += slide }
            while s <= t {
                if s + size > t { out.append(Window(start: s, end: s + size)) }
                s += slide
            }
            return out
        case let .cumulate(step, maxSize):
            let p = floorTo(t, maxSize)
            return stride(from: p + step, through: p + maxSize, by: Int(step)).filter { $0 > t }.map { Window(start: p, end: $0) }
        case .session:
            return []
        }
    }

    mutating func add(time t: Int64, key: Int) {
        if case .session(let gap) = kind {
            var list = sessions[key] ?? []
            let touching = list.filter { $0.start <= t + gap && $0.end >= t }
            if touching.isEmpty, t + gap - 1 <= watermark {
                late += 1
            } else {
                list.removeAll { $0.start <= t + gap && $0.end >= t }
                let start = ([t] + touching.map(\.start)).min()!
                let end = ([t + gap] + touching.map(\.end)).max()!
                list.append((start, end, touching.reduce(1) { $0 + $1.count }))
                sessions[key] = list
            }
        } else {
            var counted = false
            for w in windows(containing: t) where w.end - 1 > watermark {
                open[w, default: [:]][key, default: 0] += 1
                counted = true
            }
            if !counted { late += 1 }
        }
        let candidate = t - delay
        if candidate > watermark { advance(to: candidate) }
    }

    mutating func advance(to wm: Int64) {
        watermark = wm
        for (w, groups) in open where w.end - 1 <= wm {
            for (key, count) in groups { results.append(Result(start: w.start, end: w.end, key: key, count: count)) }
            open[w] = nil
        }
        for (key, list) in sessions {
            for s in list where s.end - 1 <= wm { results.append(Result(start: s.start, end: s.end, key: key, count: s.count)) }
            sessions[key] = list.filter { $0.end - 1 > wm }
        }
    }
}

@Suite("Window operators against a reference model")
struct PropertyTests {
    static let queries: [(String, WindowKind)] = [
        ("SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, user_id",
         .tumble(size: 3000)),
        ("SELECT HOP_START(ts, INTERVAL '1' SECOND, INTERVAL '4' SECOND) AS s, HOP_END(ts, INTERVAL '1' SECOND, INTERVAL '4' SECOND) AS e, user_id, COUNT(*) AS n FROM clicks GROUP BY HOP(ts, INTERVAL '1' SECOND, INTERVAL '4' SECOND), user_id",
         .hop(slide: 1000, size: 4000)),
        ("SELECT HOP_START(ts, INTERVAL '2' SECOND, INTERVAL '5' SECOND) AS s, HOP_END(ts, INTERVAL '2' SECOND, INTERVAL '5' SECOND) AS e, user_id, COUNT(*) AS n FROM clicks GROUP BY HOP(ts, INTERVAL '2' SECOND, INTERVAL '5' SECOND), user_id",
         .hop(slide: 2000, size: 5000)),
        // Twelve slices a window: fired incrementally (add entering slices, subtract leaving ones).
        ("SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '12' SECOND)) GROUP BY window_start, window_end, user_id",
         .hop(slide: 1000, size: 12000)),
        ("SELECT HOP_START(ts, INTERVAL '500' SECOND, INTERVAL '6000' SECOND) AS s, HOP_END(ts, INTERVAL '500' SECOND, INTERVAL '6000' SECOND) AS e, user_id, COUNT(user_id) AS n FROM clicks GROUP BY HOP(ts, INTERVAL '500' SECOND, INTERVAL '6000' SECOND), user_id",
         .hop(slide: 500_000, size: 6_000_000)),
        ("SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '8' SECOND)) GROUP BY window_start, window_end, user_id",
         .cumulate(step: 2000, maxSize: 8000)),
        ("SELECT SESSION_START(ts, INTERVAL '2' SECOND) AS s, SESSION_END(ts, INTERVAL '2' SECOND) AS e, user_id, COUNT(*) AS n FROM clicks GROUP BY SESSION(ts, INTERVAL '2' SECOND), user_id",
         .session(gap: 2000)),
    ]

    @Test("random out-of-order streams give the reference model's rows and late count", arguments: 0..<queries.count)
    func matchesReference(_ index: Int) throws {
        let (query, kind) = Self.queries[index]
        for seed in 0..<25 {
            var rng = SplitMix(state: UInt64(seed * 7919 + index))
            let delay = Int64.random(in: 0...2, using: &rng) * 500
            let plan = try makePlan("""
                CREATE TABLE clicks (user_id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '\(Double(delay) / 1000)' SECOND);
                \(query)
                """)
            var model = ReferenceModel(kind: kind, delay: delay)
            var input = ""
            var clock: Int64 = 1_714_039_200_000
            for _ in 0..<Int.random(in: 20...150, using: &rng) {
                clock += Int64.random(in: 0...700, using: &rng)
                let t = clock - (Bool.random(using: &rng) ? Int64.random(in: 0...4000, using: &rng) : 0)
                let key = Int.random(in: 1...3, using: &rng)
                input += "{\"user_id\": \(key), \"ts\": \(t)}\n"
                model.add(time: t, key: key)
            }
            model.advance(to: .max)
            let sink = execute(plan, input)
            let actual = sink.rows.map { row -> ReferenceModel.Result in
                guard case .timestamp(let s) = row[0], case .timestamp(let e) = row[1], case .int(let k) = row[2], case .int(let n) = row[3] else {
                    fatalError("unexpected row \(row)")
                }
                return .init(start: s, end: e, key: Int(k), count: Int(n))
            }
            #expect(actual.sorted { "\($0)" < "\($1)" } == model.results.sorted { "\($0)" < "\($1)" }, "seed \(seed)")
            #expect(sink.lateLines.count == model.late, "seed \(seed)")
            let ends = actual.map(\.end)
            #expect(ends == ends.sorted(), "firings in window-end order, seed \(seed)")
        }
    }

    static let shapes = [
        "SELECT window_start, window_end, page, COUNT(*) AS n, SUM(duration_ms) AS d, MAX(page) AS p FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, page",
        "SELECT page, COUNT(DISTINCT user_id) AS u, AVG(duration_ms) AS a FROM clicks WHERE duration_ms > 20 GROUP BY TUMBLE(ts, INTERVAL '2' SECOND), page",
        "SELECT UPPER(page) AS p, MIN(duration_ms + 1) AS m FROM clicks GROUP BY HOP(ts, INTERVAL '1' SECOND, INTERVAL '5' SECOND), UPPER(page)",
        "SELECT window_start, window_end, user_id, COUNT(*) AS n FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '12' SECOND)) GROUP BY window_start, window_end, user_id",
        "SELECT window_end, COUNT(page) AS n FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '8' SECOND)) GROUP BY window_start, window_end",
        "SELECT page, duration_ms FROM clicks WHERE duration_ms > 20 AND page LIKE '%1%'",
        // Twelve and more slices a window with MIN and MAX: fired from two stacks.
        "SELECT page, MAX(duration_ms) AS mx, MIN(user_id) AS mn, COUNT(*) AS n FROM clicks GROUP BY HOP(ts, INTERVAL '1' SECOND, INTERVAL '12' SECOND), page",
        "SELECT window_start, window_end, MAX(page) AS p, MIN(duration_ms) AS d FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '30' SECOND, INTERVAL '1' SECOND)) GROUP BY window_start, window_end",
        // Aggregates whose result depends on the order of arrival, and the FILTER clause.
        "SELECT window_start, page, LISTAGG(CAST(user_id AS STRING)) AS us, FIRST_VALUE(duration_ms) AS f, LAST_VALUE(duration_ms) AS l, STDDEV_POP(duration_ms) AS sd, COUNT(*) FILTER (WHERE duration_ms > 30) AS slow FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY window_start, window_end, page",
        "SELECT page, LISTAGG(page, ';') AS ps, MAX(user_id) AS l, VAR_SAMP(duration_ms) AS v FROM clicks GROUP BY HOP(ts, INTERVAL '1' SECOND, INTERVAL '4' SECOND), page",
        // Sums of doubles round by grouping: never aggregated ahead, so never cut-dependent.
        "SELECT page, SUM(duration_ms / 7.0E0) AS s, AVG(CAST(user_id AS DOUBLE) / 3) AS a FROM clicks GROUP BY TUMBLE(ts, INTERVAL '5' SECOND), page",
    ]

    @Test("the fast paths (aggregating and filtering ahead, two stacks) give what one event at a time gives", arguments: 0..<shapes.count)
    func preaggregationAgrees(_ index: Int) throws {
        for seed in 0..<20 {
            var rng = SplitMix(state: UInt64(seed * 104_729 + index))
            let delay = Double(Int.random(in: 0...2, using: &rng))
            let plan = try makePlan("""
                CREATE TABLE clicks (user_id INT, page STRING, ts TIMESTAMP(3), duration_ms BIGINT,
                  WATERMARK FOR ts AS ts - INTERVAL '\(delay)' SECOND);
                \(Self.shapes[index])
                """)
            var input = ""
            var second = 0.0
            for _ in 0..<Int.random(in: 50...400, using: &rng) {
                second += Double(Int.random(in: 0...400, using: &rng)) / 1000
                let late = Bool.random(using: &rng) && Bool.random(using: &rng) ? Double(Int.random(in: 0...5000, using: &rng)) / 1000 : 0
                if Int.random(in: 0..<40, using: &rng) == 0 { input += "{\"ts\": oops}\n" }
                input += event("/p\(Int.random(in: 0..<6, using: &rng))", second - late, user: Int.random(in: 1...4, using: &rng),
                               duration: Int.random(in: 0...60, using: &rng))
            }
            let chunk = [Int.max, 97, 1000][seed % 3]
            let one = execute(plan, input, chunk: chunk, fastPaths: false)
            let ahead = execute(plan, input, chunk: chunk, fastPaths: true)
            #expect(ahead.rows == one.rows, "seed \(seed)")
            #expect(ahead.lateLines == one.lateLines, "seed \(seed)")
            #expect(ahead.badLines.map { "\($0)" } == one.badLines.map { "\($0)" }, "seed \(seed)")
            #expect(ahead.firings == one.firings, "seed \(seed)")
        }
    }
}
