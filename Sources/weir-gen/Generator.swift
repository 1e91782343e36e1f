// weir-gen: a deterministic stream of click events as NDJSON, fast enough for benchmarks
// (tens of millions of lines). The same seed gives the same bytes. `weir-gen --help` lists
// the options.
//
// Pages follow a skewed (Zipf, s = 1) distribution over /products/1 … /products/P-3, /main,
// /cart and /checkout; event time advances by 1000/R ms per event on average; --jitter moves
// events back by up to MS ms; --late-fraction moves events back by far more; --bad-fraction
// of lines are bad input of several kinds.
import ArgumentParser
import QueryPlanner
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}

func fail(_ message: String) -> Never {
    writeAll(Array((message + "\n").utf8), to: 2)
    exit(2)
}

func writeAll(_ bytes: [UInt8], to fd: Int32 = 1) {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n <= 0 { exit(errno == EPIPE ? 0 : 1) }
            offset += n
        }
    }
}

@main
struct Generator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir-gen",
        abstract: "A deterministic stream of click events as NDJSON, for benchmarks: the same seed gives the same bytes.",
        discussion: """
        Pages follow a skewed (Zipf, s = 1) distribution over /main, /cart, /checkout and /products/N;
        event time advances by 1000/RATE ms per event on average. Example:
          weir-gen --events 10000000 --seed 1 --rate 1000 --pages 1000 --users 10000 > clicks.ndjson
        """
    )

    @Option(help: "How many events.") var events = 1000
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "Events per second of event time, on average.") var rate: Double = 1000
    @Option(help: "How many distinct pages.") var pages = 1000
    @Option(help: "How many distinct users.") var users = 10000
    @Option(help: ArgumentHelp("Move events back by up to MS milliseconds (out of order).", valueName: "ms")) var jitter = 0
    @Option(help: "The fraction of events moved back far enough to be late.") var lateFraction: Double = 0
    @Option(help: "The fraction of lines that are bad input of several kinds.") var badFraction: Double = 0
    @Option(help: ArgumentHelp("The first event's time: epoch milliseconds or 'YYYY-MM-DD HH:MM:SS'.", valueName: "time"))
    var start = "1714039200000"
    @Option(help: ArgumentHelp("Debezium change events for N products instead of clicks.", valueName: "n")) var debezium: Int?
    @Option(help: "With --debezium: the fraction of changes that are updates.") var updateFraction: Double = 0.8
    @Flag(help: "Nest the user: {\"user\": {\"id\": …, \"tier\": …, \"geo\": {…}}, \"page\": …} (for queries of nested fields).")
    var nested = false

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events must be at least 0") }
        guard rate > 0 else { throw ValidationError("--rate must be above 0") }
        guard Int64(start) != nil || Timestamp.parse(start) != nil else {
            throw ValidationError("--start '\(start)' is neither epoch milliseconds nor a time like '2024-04-25 10:00:00'")
        }
    }

    func run() {
        let events = self.events
        var rng = SplitMix64(state: seed)
        let rate = self.rate
        let pageCount = max(1, pages)
        let users = self.users
        let jitter = self.jitter
        let lateFraction = self.lateFraction
        let badFraction = self.badFraction
        let start: Int64 = Int64(self.start) ?? Timestamp.parse(self.start)!

        let pages: [[UInt8]] = (0..<pageCount).map { i in
            let name = i == 0 ? "/main" : i == 1 ? "/cart" : i == 2 ? "/checkout" : "/products/\(i - 2)"
            return Array(name.utf8)
        }
        var cumulative: [Double] = []
        var total = 0.0
        for i in 0..<pageCount {
            total += 1.0 / Double(i + 1)
            cumulative.append(total)
        }
        func page() -> [UInt8] {
            let target = rng.unit() * total
            var low = 0, high = pageCount - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < target { low = mid + 1 } else { high = mid }
            }
            return pages[low]
        }

        let badLines: [String] = [
            #"{"user_id": 1, "page": "/main", "timestamp": "2024-04-25 10:0"#,
            "not json at all",
            #"{"user_id": "abc", "page": "/main", "timestamp": "2024-04-25 10:00:00"}"#,
            #"{"user_id": 7, "page": "/main"}"#,
            #"{"user_id": 7, "page": "/main", "timestamp": "yesterday"}"#,
        ]

        if let products = debezium {
            debeziumEvents(events: events, products: products, updateFraction: updateFraction, rng: &rng, start: start)
            return
        }

        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        var clock = 0.0
        let step = 1000.0 / rate
        for _ in 0..<events {
            clock += -log(1 - rng.unit()) * step
            var millis = Int64(clock)
            if jitter > 0 { millis -= Int64(rng.below(jitter + 1)) }
            if lateFraction > 0, rng.unit() < lateFraction { millis -= Int64(jitter + 1 + rng.below(4 * jitter + 5000)) }
            if badFraction > 0, rng.unit() < badFraction {
                out += Array(badLines[rng.below(badLines.count)].utf8)
                out.append(0x0A)
            } else {
                let user = 100 + rng.below(users)
                if nested {
                    let tiers = ["gold", "silver", "bronze", "free"]
                    out += Array(#"{"user": {"id": "#.utf8)
                    out += Array(String(user).utf8)
                    out += Array(#", "tier": ""#.utf8)
                    out += Array(tiers[user % tiers.count].utf8)
                    out += Array(#"", "geo": {"country": "C"#.utf8)
                    out += Array(String(user % 50).utf8)
                    out += Array(#"", "lat": 59.9, "lon": 10.7}}, "page": ""#.utf8)
                } else {
                    out += Array(#"{"user_id": "#.utf8)
                    out += Array(String(user).utf8)
                    out += Array(#", "page": ""#.utf8)
                }
                out += page()
                out += Array(#"", "timestamp": ""#.utf8)
                Timestamp.append(start + max(0, millis) / 1000 * 1000, to: &out)
                out += Array("\"}\n".utf8)
            }
            if out.count > (1 << 20) - 200 {
                writeAll(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        writeAll(out)

    }

    /// `--debezium P`: Debezium change events of a products table of about P rows: snapshot
    /// reads first, then `--update-fraction` updates (price or category), the rest inserts
    /// and deletes in equal parts.
    func debeziumEvents(events: Int, products: Int, updateFraction: Double, rng: inout SplitMix64, start: Int64) {
        let categories = (0..<20).map { Array("category-\($0)".utf8) }
        var rows: [(category: Int, cents: Int)] = []
        var alive: [Int] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func image(_ id: Int, _ row: (category: Int, cents: Int), _ millis: Int64) {
            out += Array(#"{"id": "#.utf8) + Array(String(id).utf8)
            out += Array(#", "name": "Product "#.utf8) + Array(String(id).utf8)
            out += Array(#"", "category": ""#.utf8) + categories[row.category]
            out += Array(#"", "price": "#.utf8) + Array(String(row.cents / 100).utf8) + [0x2E]
            out += Array(String(format2(row.cents % 100)).utf8)
            out += Array(#", "updated_at": ""#.utf8)
            Timestamp.append(start + millis, to: &out)
            out += Array("\"}".utf8)
        }
        func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for i in 0..<events {
            let millis = Int64(i)
            var op: UInt8
            var before: (Int, (category: Int, cents: Int))?
            var after: (Int, (category: Int, cents: Int))?
            if rows.count < products, i < products {
                rows.append((rng.below(categories.count), 100 + rng.below(50_000)))
                alive.append(rows.count - 1)
                after = (rows.count - 1, rows[rows.count - 1])
                op = UInt8(ascii: "r")
            } else if rng.unit() < updateFraction, !alive.isEmpty {
                let id = alive[rng.below(alive.count)]
                before = (id, rows[id])
                if rng.unit() < 0.5 { rows[id].cents = 100 + rng.below(50_000) } else { rows[id].category = rng.below(categories.count) }
                after = (id, rows[id])
                op = UInt8(ascii: "u")
            } else if rng.unit() < 0.5 || alive.isEmpty {
                rows.append((rng.below(categories.count), 100 + rng.below(50_000)))
                alive.append(rows.count - 1)
                after = (rows.count - 1, rows[rows.count - 1])
                op = UInt8(ascii: "c")
            } else {
                let index = rng.below(alive.count)
                let id = alive[index]
                alive[index] = alive[alive.count - 1]
                alive.removeLast()
                before = (id, rows[id])
                op = UInt8(ascii: "d")
            }
            out += Array(#"{"before": "#.utf8)
            if let (id, row) = before { image(id + 1, row, millis) } else { out += Array("null".utf8) }
            out += Array(#", "after": "#.utf8)
            if let (id, row) = after { image(id + 1, row, millis) } else { out += Array("null".utf8) }
            out += Array(#", "source": {"connector": "mysql", "db": "shop", "table": "products"}, "op": ""#.utf8)
            out.append(op)
            out += Array(#"", "ts_ms": "#.utf8) + Array(String(start + millis).utf8)
            out += Array("}\n".utf8)
            if out.count > (1 << 20) - 1000 {
                writeAll(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        writeAll(out)
    }
}
