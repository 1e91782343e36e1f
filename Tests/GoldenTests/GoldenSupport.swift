import Foundation
import QueryPlanner
import StreamRuntime
import WeirKit

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func read(_ url: URL) throws -> String {
    try String(contentsOf: url, encoding: .utf8)
}

/// What running a script printed: stdout, stderr lines, exit status (as the CLI would).
struct RunResult {
    var output: String
    var diagnostics: [String]
    var status: Int32
    var statistics: QueryStatistics?
}

/// Runs a script through a `Session` the way `weir FILE.sql` does, in memory.
func runScript(_ script: String, fileName: String, input: [UInt8], format: OutputFormat = .ndjson,
               chunkSize: Int = 1 << 16, options: SessionOptions = SessionOptions()) -> RunResult {
    let session = Session(options: options)
    let outcomes: [StatementOutcome]
    do {
        outcomes = try session.prepare(script)
    } catch {
        return RunResult(output: "", diagnostics: [error.rendered(fileName: fileName)], status: 1)
    }
    var output = ""
    var diagnostics: [String] = []
    for outcome in outcomes {
        if case .explained(let text) = outcome { output += text + "\n" }
    }
    if let insert = outcomes.compactMap({ if case .insert(let p) = $0 { p } else { nil } }).first {
        var bytes: [UInt8] = []
        let sink = OutputSink(columns: [], format: format, write: { bytes += $0 }, diagnostics: { diagnostics.append($0) })
        do {
            let (statistics, dropped, reports) = try session.run(insert, input: MemorySource(input, chunkSize: chunkSize), output: sink)
            diagnostics += sink.summary(lateFileGiven: false, errorsFileGiven: false, statistics: statistics) + dropped + reports.map(\.summary)
            let failed = reports.contains { $0.failure != nil }
            return RunResult(output: output + String(decoding: bytes, as: UTF8.self), diagnostics: diagnostics, status: failed ? 4 : 0, statistics: statistics)
        } catch {
            return RunResult(output: output, diagnostics: diagnostics + ["\(error)"], status: 1)
        }
    }
    if let graph = outcomes.compactMap({ if case .relational(let p) = $0 { p } else { nil } }).first {
        var bytes: [UInt8] = []
        let sink = OutputSink(columns: graph.outputColumns, format: format, write: { bytes += $0 },
                              diagnostics: { diagnostics.append($0) })
        do {
            let (statistics, dropped) = try session.run(graph, input: MemorySource(input, chunkSize: chunkSize), sink: sink)
            diagnostics += sink.summary(lateFileGiven: false, errorsFileGiven: false, statistics: statistics) + dropped
            return RunResult(output: output + String(decoding: bytes, as: UTF8.self), diagnostics: diagnostics, status: 0, statistics: statistics)
        } catch {
            return RunResult(output: output, diagnostics: diagnostics + ["\(error)"], status: 4)
        }
    }
    guard let plan = outcomes.compactMap({ if case .query(let p) = $0 { p } else { nil } }).first else {
        return RunResult(output: output, diagnostics: diagnostics, status: 0)
    }
    var bytes: [UInt8] = []
    let sink = OutputSink(columns: plan.outputColumns, format: format, write: { bytes += $0 },
                          diagnostics: { diagnostics.append($0) })
    let statistics = try? session.run(plan, input: MemorySource(input, chunkSize: chunkSize), sink: sink)
    diagnostics += sink.summary(lateFileGiven: false, errorsFileGiven: false)
    return RunResult(output: output + String(decoding: bytes, as: UTF8.self), diagnostics: diagnostics, status: 0, statistics: statistics)
}

// MARK: - Comparing rows as the conformance README says

enum Cell: Equatable, CustomStringConvertible {
    case timestamp(Int64)
    case integer(Int64)
    case float(Double)
    case text(String)
    case bool(Bool)
    case null
    case other(String)

    /// A JSON scalar's text: a quoted string, a number, true, false or null.
    init(json text: String) {
        if text == "null" { self = .null; return }
        if text == "true" || text == "false" { self = .bool(text == "true"); return }
        if text.hasPrefix("\"") {
            let s = unescapeJSON(String(text.dropFirst().dropLast()))
            if let t = Timestamp.parse(s), s.count >= 19 { self = .timestamp(t) } else { self = .text(s) }
            return
        }
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let v = Int64(text) { self = .integer(v); return }
        if let d = Double(text) { self = .float(d); return }
        self = .other(text)
    }

    /// `self` is the actual cell, `expected` the expected one.
    func matches(_ expected: Cell) -> Bool {
        switch (self, expected) {
        case let (.float(a), .float(e)): return a == e || abs(a - e) <= 1e-9 * max(abs(a), abs(e), 1e-300) || abs(a - e) <= 1e-9
        case let (.integer(a), .float(e)): return Double(a) == e
        default: return self == expected
        }
    }

    var description: String {
        switch self {
        case .timestamp(let t): Timestamp.format(t)
        case .integer(let v): "\(v)"
        case .float(let d): "\(d)"
        case .text(let s): "\"\(s)\""
        case .bool(let b): "\(b)"
        case .null: "null"
        case .other(let s): s
        }
    }
}

struct ParsedRow: CustomStringConvertible {
    var keys: [String]
    var cells: [String: Cell]

    var description: String { "{" + keys.map { "\($0): \(cells[$0]!)" }.joined(separator: ", ") + "}" }

    func matches(_ expected: ParsedRow) -> Bool {
        Set(keys) == Set(expected.keys) && keys.allSatisfy { cells[$0]!.matches(expected.cells[$0]!) }
    }
}

/// Parses NDJSON rows of flat objects, keeping key order.
func parseRows(_ text: String) throws -> [ParsedRow] {
    try text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { try parseObject(String($0)) }
}

struct JSONShapeError: Error, CustomStringConvertible {
    var description: String
}

/// A flat JSON object: keys in order, each value's text kept for `Cell(json:)`.
func parseObject(_ line: String) throws -> ParsedRow {
    let chars = Array(line)
    var i = 0
    func skip() { while i < chars.count, chars[i] == " " { i += 1 } }
    func string() throws -> String {
        guard chars[i] == "\"" else { throw JSONShapeError(description: "expected a string in \(line)") }
        var out = "\""
        i += 1
        while i < chars.count, chars[i] != "\"" {
            if chars[i] == "\\" { out.append(chars[i]); i += 1 }
            out.append(chars[i])
            i += 1
        }
        i += 1
        return out + "\""
    }
    skip()
    guard i < chars.count, chars[i] == "{" else { throw JSONShapeError(description: "not an object: \(line)") }
    i += 1
    var row = ParsedRow(keys: [], cells: [:])
    skip()
    if chars[i] == "}" { return row }
    while true {
        skip()
        let key = unescapeJSON(String(try string().dropFirst().dropLast()))
        skip()
        guard chars[i] == ":" else { throw JSONShapeError(description: "expected ':' in \(line)") }
        i += 1
        skip()
        let value: String
        if chars[i] == "\"" {
            value = try string()
        } else {
            let start = i
            while i < chars.count, chars[i] != ",", chars[i] != "}" { i += 1 }
            value = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
        }
        row.keys.append(key)
        row.cells[key] = Cell(json: value)
        skip()
        if chars[i] == "}" { return row }
        guard chars[i] == "," else { throw JSONShapeError(description: "expected ',' in \(line)") }
        i += 1
    }
}

func unescapeJSON(_ s: String) -> String {
    guard s.contains("\\") else { return s }
    let data = Data("\"\(s)\"".utf8)
    return (try? JSONDecoder().decode(String.self, from: data)) ?? s
}

/// Why the rows differ as multisets, or nil when they match.
func compareRows(actual: [ParsedRow], expected: [ParsedRow]) -> String? {
    if let a = actual.first, let e = expected.first, a.keys != e.keys {
        return "columns \(a.keys), expected \(e.keys)"
    }
    if actual.count != expected.count { return "\(actual.count) rows, expected \(expected.count)" }
    var unmatched = expected
    for row in actual {
        guard let index = unmatched.firstIndex(where: { row.matches($0) }) else { return "unexpected row \(row)" }
        unmatched.remove(at: index)
    }
    return nil
}
