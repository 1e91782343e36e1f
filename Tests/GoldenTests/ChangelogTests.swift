import Foundation
import QueryPlanner
import StreamRuntime
import Testing
import WeirKit

/// The relational, updating and change-data-capture cases whose changes Apache Flink 2.3
/// computed (`Changelog/README.md` says how they are compared), run as a Flink user writes
/// them: each table reads its file through Flink's `WITH` clause.
@Suite("Changelog cases computed by Apache Flink")
struct ChangelogTests {
    /// The cases that need what weir does not do yet (none today). Each is refused with an
    /// error.
    static let notYet: Set<String> = []
    /// `v_` cases come from `shared/changelog`; `w_` cases were written for weir's operators
    /// and computed by Flink 2.3 the same way (`scripts/cases/`).
    static let all: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Tests/GoldenTests/Changelog")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("v_") || $0.hasPrefix("w_") }.sorted()
    }()
    static let supported = all.filter { !notYet.contains($0) }

    @Test("there are changelog cases")
    func casesExist() {
        #expect(Self.supported.count >= 35)
    }

    @Test("the changes match Flink's", arguments: supported)
    func matchesFlink(_ name: String) throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/GoldenTests/Changelog/\(name)")
        let result = try runCase(folder)
        #expect(result.status == 0, "\(result.diagnostics)")
        let expected = try parseRows(try read(folder.appendingPathComponent("expected.ndjson")))
        let mode = (try? read(folder.appendingPathComponent("mode")))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let exact = mode == "exact"
        var actual = try parseRows(result.output)
        var wanted = expected
        if let column = Self.tieDependent[name] {
            // Which of several rows tied at the cut-off Flink keeps depends on the order its
            // timer heap fires the window aggregate's groups in; weir keeps the first to
            // arrive. Rows above the cut-off must match whole; tied ones all but `column`.
            (actual, wanted) = (Self.blankingTies(actual, column), Self.blankingTies(expected, column))
        }
        // `final`: Flink's changelog depends on how its sources' rows interleave (two inputs,
        // each read by a source of its own); only the table it ends with is Flink's answer.
        let difference = compareChangelogs(actual: actual, expected: wanted, exact: exact, finalOnly: mode == "final")
        #expect(difference == nil, "\(name): \(difference ?? "")")
    }

    /// Cases whose expected rows include a choice among rows tied on the sort key, with the
    /// column that tells the tied rows apart.
    static let tieDependent = ["v_window_topn": "page"]

    /// Blanks `column` in rows whose sort value (`c`) equals the smallest one their window kept.
    static func blankingTies(_ rows: [ParsedRow], _ column: String) -> [ParsedRow] {
        var smallest: [String: Cell] = [:]
        for row in rows {
            let window = "\(row.cells["window_start"]!)"
            if let c = row.cells["c"], case .integer(let v) = c {
                if case .integer(let w)? = smallest[window], w <= v { continue }
                smallest[window] = c
            }
        }
        return rows.map { row in
            var row = row
            if row.cells["c"] == smallest["\(row.cells["window_start"]!)"] { row.cells[column] = .null }
            return row
        }
    }

    @Test("every other case is refused with an error before reading, never a crash")
    func othersAreRefused() throws {
        for name in Self.notYet.sorted() {
            let result = try runCase(repositoryRoot.appendingPathComponent("Tests/GoldenTests/Changelog/\(name)"))
            #expect(result.status == 1, "\(name) now runs: add it to the supported cases")
            #expect(result.diagnostics.first?.hasPrefix("error: ") == true, "\(name): \(result.diagnostics)")
        }
    }
}

/// The case's script with a `WITH` clause on each `CREATE TABLE`, as `changelog.py` writes it.
func flinkScript(_ folder: URL) throws -> String {
    let sql = try read(folder.appendingPathComponent("query.sql"))
        .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }.joined(separator: "\n")
    var format = "json"
    /// A table's own format, over `format` (a versioned table read as Debezium changes).
    var formats: [String: String] = [:]
    var sourceOptions = ""
    var sets = ""
    if let data = try? Data(contentsOf: folder.appendingPathComponent("flink.json")),
       let options = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
        format = options["format"] as? String ?? "json"
        formats = options["formats"] as? [String: String] ?? [:]
        for (key, value) in (options["source"] as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) { sourceOptions += ", '\(key)' = '\(value)'" }
        for (key, value) in (options["config"] as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) { sets += "SET '\(key)' = '\(value)';\n" }
    }
    var statements: [String] = []
    for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
        var text = statement
        let words = statement.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).prefix(3).map { String($0) }
        if words.count == 3, words[0].uppercased() == "CREATE", words[1].uppercased() == "TABLE" {
            let table = words[2].replacingOccurrences(of: "`", with: "")
            let own = folder.appendingPathComponent("\(table).ndjson").path
            text += " WITH ('connector' = 'filesystem', 'path' = '\(own)', 'format' = '\(formats[table] ?? format)'\(sourceOptions))"
        }
        statements.append(text + ";")
    }
    return sets + statements.joined(separator: "\n")
}

/// Runs a changelog case in memory, as `weir FILE.sql` with no standard input would.
func runCase(_ folder: URL) throws -> RunResult {
    let script = try flinkScript(folder)
    let session = Session()
    let outcomes: [StatementOutcome]
    do {
        outcomes = try session.prepare(script)
    } catch {
        return RunResult(output: "", diagnostics: [error.rendered(fileName: "query.sql")], status: 1)
    }
    var bytes: [UInt8] = []
    var diagnostics: [String] = []
    for outcome in outcomes {
        switch outcome {
        case .relational(let plan):
            let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { bytes += $0 }, diagnostics: { diagnostics.append($0) })
            let (_, dropped) = try session.run(plan, input: MemorySource([]), sink: sink)
            diagnostics += dropped
        case .query(let plan):
            let sink = OutputSink(columns: plan.outputColumns, format: .ndjson, write: { bytes += $0 }, diagnostics: { diagnostics.append($0) })
            guard case .file(let path) = plan.table.source else { return RunResult(output: "", diagnostics: ["no file"], status: 2) }
            try session.run(plan, input: try FileSource(path: path), sink: sink)
        default:
            break
        }
    }
    return RunResult(output: String(decoding: bytes, as: UTF8.self), diagnostics: diagnostics, status: 0)
}

/// Compares two changelogs as the README says: the final tables as multisets always; the
/// changes in order (`exact`) or as multisets. A row without `op` is `+I`.
func compareChangelogs(actual: [ParsedRow], expected: [ParsedRow], exact: Bool, finalOnly: Bool = false) -> String? {
    func split(_ rows: [ParsedRow]) -> [(op: String, row: ParsedRow)] {
        rows.map { row in
            var row = row
            var op = "+I"
            if case .text(let text)? = row.cells["op"] { op = text }
            row.keys.removeAll { $0 == "op" }
            row.cells["op"] = nil
            return (op, row)
        }
    }
    func finalTable(_ changes: [(op: String, row: ParsedRow)]) -> [ParsedRow]? {
        var table: [ParsedRow] = []
        for (op, row) in changes {
            if op == "+I" || op == "+U" {
                table.append(row)
            } else {
                guard let index = table.firstIndex(where: { row.matches($0) }) else { return nil }
                table.remove(at: index)
            }
        }
        return table
    }
    let a = split(actual), e = split(expected)
    guard let actualTable = finalTable(a) else { return "the changelog retracts a row that is not in the table" }
    if let difference = compareRows(actual: actualTable, expected: finalTable(e) ?? []) { return "final table: \(difference)" }
    if finalOnly { return nil }
    if exact {
        guard a.count == e.count else { return "\(a.count) changes, expected \(e.count)" }
        for (index, (x, y)) in zip(a, e).enumerated() where x.op != y.op || !x.row.matches(y.row) {
            return "change \(index + 1): \(x.op) \(x.row), expected \(y.op) \(y.row)"
        }
        return nil
    }
    var unmatched = e
    guard a.count == e.count else { return "\(a.count) changes, expected \(e.count)" }
    for change in a {
        guard let index = unmatched.firstIndex(where: { $0.op == change.op && change.row.matches($0.row) }) else {
            return "unexpected change \(change.op) \(change.row)"
        }
        unmatched.remove(at: index)
    }
    return nil
}
