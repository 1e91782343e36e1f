import QueryPlanner
import StreamRuntime
import Testing
@testable import WeirKit

struct Captured {
    var output = ""
    var diagnostics: [String] = []
    var late: [UInt8] = []
    var errors: [UInt8] = []
    var statistics = QueryStatistics()
}

func run(_ script: String, _ input: [UInt8], format: OutputFormat = .ndjson, strict: Bool = false, chunk: Int = 1 << 16) throws -> Captured {
    let session = Session()
    guard case .query(let plan)? = try session.prepare(script).last else { fatalError("no query") }
    var captured = Captured()
    var out: [UInt8] = []
    let sink = OutputSink(columns: plan.outputColumns, format: format, strict: strict, write: { out += $0 },
                          diagnostics: { captured.diagnostics.append($0) },
                          late: { captured.late += $0 }, errors: { captured.errors += $0 })
    captured.statistics = try session.run(plan, input: MemorySource(input, chunkSize: chunk), sink: sink)
    captured.diagnostics += sink.summary(lateFileGiven: true, errorsFileGiven: true)
    captured.output = String(decoding: out, as: UTF8.self)
    return captured
}

let seed = "SELECT page, COUNT(*) AS n FROM clicks GROUP BY TUMBLE(timestamp, INTERVAL '10' SECOND), page"

func line(_ page: String, _ second: Int) -> String {
    "{\"page\": \"\(page)\", \"timestamp\": \"2024-04-25 10:00:\(second < 10 ? "0" : "")\(second)\"}\n"
}

@Suite("Session")
struct SessionTests {
    @Test("tables persist across statements; a wrong statement throws before any input")
    func statements() throws {
        let session = Session()
        _ = try session.prepare("CREATE TABLE t (a INT, ts TIMESTAMP(3));")
        #expect(session.catalog.table(named: "T") != nil)
        #expect(throws: QueryError.self) { try session.prepare("SELECT b FROM t") }
        do {
            _ = try session.prepare("SELECT b FROM t")
        } catch {
            #expect(error.rendered().contains("unknown column b"))
        }
    }

    @Test("a TIMESTAMP column finer than milliseconds is declared with a warning, not silently cut")
    func timestampPrecisionWarning() throws {
        let session = Session()
        var warnings: [String] = []
        session.warn = { warnings.append($0) }
        _ = try session.prepare("CREATE TABLE t (a INT, ts TIMESTAMP(3), t6 TIMESTAMP(6), l TIMESTAMP_LTZ(9), t0 TIMESTAMP(0));")
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("column t6 of t is TIMESTAMP(6): weir keeps times to the millisecond") == true)
        #expect(warnings.last?.hasPrefix("column l of t is TIMESTAMP_LTZ(9)") == true)
    }

    @Test("bad lines are skipped, named, kept whole, and totalled")
    func badLines() throws {
        let input = line("/a", 1) + "garbage\n" + #"{"page": "/a"}"# + "\n" + line("/a", 2) + "\u{FF}\n"
        var bytes = Array(input.utf8)
        bytes[bytes.count - 3] = 0xFF  // invalid UTF-8 in the last line
        let result = try run(seed, bytes)
        #expect(result.output == "{\"page\":\"/a\",\"n\":2}\n")
        #expect(result.diagnostics.prefix(3) == ["weir: line 2: expected a JSON object", "weir: line 3: missing event time timestamp", "weir: line 5: invalid UTF-8"])
        #expect(result.diagnostics.last == "weir: 3 bad lines skipped")
        #expect(result.errors.split(separator: 0x0A).count == 3)
    }

    @Test("--strict stops at the first bad line and fires nothing more")
    func strict() throws {
        let result = try run(seed, Array((line("/a", 1) + "oops\n" + line("/a", 12)).utf8), strict: true)
        #expect(result.output == "")
        #expect(result.diagnostics == ["weir: line 2: expected a JSON object (stopping: --strict)"])
    }

    @Test("late events are kept byte for byte and reported")
    func lateEvents() throws {
        let result = try run(seed, Array((line("/a", 12) + "{\"page\":  \"/b\", \"timestamp\": \"2024-04-25 10:00:03\"}\n").utf8))
        #expect(String(decoding: result.late, as: UTF8.self) == "{\"page\":  \"/b\", \"timestamp\": \"2024-04-25 10:00:03\"}\n")
        #expect(result.diagnostics == ["weir: 1 late event not counted (see --late)"])
    }

    @Test("random bad lines mixed in leave the results of the good lines unchanged")
    func badLinesDoNotChangeResults() throws {
        let junk = ["{", "}", "[]", "null", "{\"page\": 1, \"timestamp\": \"never\"}", "\"str\"", "{\"timestamp\": \"2024-04-25 10:00:0\"}",
                    "{\"page\": \"/x\", \"timestamp\": \"2024-04-25 10:00:05\", }", "{\"a\": [1, 2}", "\u{0}\u{1}", "{\"page\": \"/x\"} trailing"]
        for seed in 0..<20 {
            var rng = SystemRandomNumberGenerator()
            var good = ""
            var mixed = ""
            for i in 0..<60 {
                let l = line("/p\(i % 4)", (i * 37 + seed) % 60)
                good += l
                mixed += l
                if Int.random(in: 0..<3, using: &rng) == 0 { mixed += junk.randomElement(using: &rng)! + "\n" }
            }
            let a = try run(weirSeed, Array(good.utf8))
            let b = try run(weirSeed, Array(mixed.utf8))
            #expect(a.output == b.output)
        }
    }

    @Test("CSV and table formats")
    func formats() throws {
        let input = Array((line("/a,b", 1) + line("/c", 2)).utf8)
        #expect(try run(seed, input, format: .csv).output == "page,n\n\"/a,b\",1\n/c,1\n")
        #expect(try run(seed, input, format: .table).output == """
            ┌──────┬───┐
            │ page │ n │
            ├──────┼───┤
            │ /a,b │ 1 │
            │ /c   │ 1 │
            └──────┴───┘

            """)
    }

    @Test("a file source named by WITH is read by the session")
    func fileSource() throws {
        let session = Session()
        let outcomes = try session.prepare("""
            CREATE TABLE c (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'samples/clicks.ndjson', 'format' = 'json');
            SELECT page FROM c
            """)
        guard case .query(let plan) = outcomes[1] else { Issue.record("no plan"); return }
        #expect(plan.table.source == .file(path: "samples/clicks.ndjson"))
    }
}

let weirSeed = seed

@Suite("Tables on a terminal")
struct TableWidthTests {
    @Test("wide characters and emoji take two columns, combining marks none; line breaks show escaped")
    func widths() {
        #expect(RowFormatter.displayWidth("abc") == 3)
        #expect(RowFormatter.displayWidth("東京") == 4)
        #expect(RowFormatter.displayWidth("👍🏽") == 2)
        #expect(RowFormatter.displayWidth("e\u{301}") == 1)
        #expect(RowFormatter.displayWidth("ｶﾀｶﾅ") == 4)
        let box = RowFormatter.box(header: ["page", "n"], rows: [["東京", "1"], ["a\nb", "22"], ["👍", "3"]], numeric: [false, true])
        let lines = box.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(Set(lines.map { RowFormatter.displayWidth(String($0)) }).count == 1, "\(box)")
        #expect(box.contains("│ a\\nb │ 22 │"))
        #expect(box.contains("│ 東京 │  1 │"))
    }
}

@Suite("Where errors point")
struct ErrorPlacementTests {
    @Test("an unknown name is marked at its first use in its query, not where the planner met it")
    func firstUse() throws {
        let session = Session()
        do {
            _ = try session.prepare("CREATE TABLE c (page STRING, ts TIMESTAMP(3));\nSELECT pag, COUNT(*) FROM c WHERE pag <> 'x' GROUP BY pag")
            Issue.record("planned")
        } catch {
            #expect(error.rendered().contains(" --> 2:8"), "\(error.rendered())")
        }
        // A subquery's own name is not the outer query's first use.
        do {
            _ = try session.prepare("SELECT nme FROM (SELECT page AS name FROM c) WHERE nme <> ''")
            Issue.record("planned")
        } catch {
            #expect(error.rendered().contains(" --> 1:8"), "\(error.rendered())")
        }
    }
}

@Suite("Streamed tables")
struct StreamedTableTests {
    @Test("rows without a window are lines under one header, widened (header again) when a value is wider, closed at the end")
    func streamed() {
        var out = ""
        let sink = OutputSink(columns: [Column(name: "page", type: .string), Column(name: "n", type: .bigint)], format: .table,
                              write: { out += String(decoding: $0, as: UTF8.self) }, diagnostics: { _ in })
        sink.streamingTable = true
        sink.emit([.string("/a"), .int(1)])
        sink.flush()
        sink.emit([.string("/b"), .int(22)])
        sink.flush()
        sink.emit([.string("/products/1"), .int(3)])
        sink.close()
        #expect(out == """
            ┌──────┬───┐
            │ page │ n │
            ├──────┼───┤
            │ /a   │ 1 │
            ├──────┼────┤
            │ page │ n  │
            ├──────┼────┤
            │ /b   │ 22 │
            ├─────────────┼────┤
            │ page        │ n  │
            ├─────────────┼────┤
            │ /products/1 │  3 │
            └─────────────┴────┘

            """)
    }
}
