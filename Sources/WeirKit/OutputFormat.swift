import QueryPlanner
import StreamRuntime

/// How result rows are written.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object a line, as Flink's JSON format writes it.
    case ndjson
    /// A boxed table per firing, with a header.
    case table
    /// A header line, then one line a row.
    case csv
    /// Each change as a Debezium envelope, as Flink's `debezium-json` format writes it: an
    /// insert or update-after is `{"before":null,"after":{…},"op":"c"}`, an update-before or
    /// delete `{"before":{…},"after":null,"op":"d"}`.
    case debezium
}

/// Formats rows for one query's output columns.
public struct RowFormatter {
    public let columns: [Column]
    public let format: OutputFormat
    private let ndjson: NDJSONEncoder
    private var headerWritten = false
    /// The rows of the current firing, for the table format (its widths need them all).
    private var tableRows: [[String]] = []
    /// Whether the table's rows are changes, with an `op` column.
    private var changelogTable = false

    /// `csvHeader`: whether CSV starts with a line of column names (Flink's CSV files have none).
    public init(columns: [Column], format: OutputFormat, csvHeader: Bool = true) {
        self.columns = columns
        self.format = format
        ndjson = NDJSONEncoder(columns: columns)
        headerWritten = !csvHeader
    }

    /// Adds one change of an updating result: NDJSON gets `"op"` first, CSV and tables an
    /// `op` column.
    public mutating func append(_ row: [Value], kind: RowKind, to out: inout [UInt8]) {
        switch format {
        case .debezium:
            appendEnvelope(row, kind: kind, to: &out)
        case .ndjson:
            ndjson.append(row, kind: kind, to: &out)
        case .csv:
            if !headerWritten {
                headerWritten = true
                out.append(contentsOf: Array((["op"] + columns.map { csvField($0.name) }).joined(separator: ",").utf8))
                out.append(0x0A)
            }
            let fields = zip(row, columns).map { value, column in value.isNull ? "" : csvField(Self.text(value, column.type)) }
            out.append(contentsOf: Array(([kind.rawValue] + fields).joined(separator: ",").utf8))
            out.append(0x0A)
        case .table:
            changelogTable = true
            tableRows.append([kind.rawValue] + zip(row, columns).map { Self.text($0, $1.type) })
        }
    }

    private func appendEnvelope(_ row: [Value], kind: RowKind, to out: inout [UInt8]) {
        var object: [UInt8] = []
        ndjson.append(row, to: &object)
        object.removeLast()  // its newline
        if kind.isAccumulate {
            out.append(contentsOf: Array(#"{"before":null,"after":"#.utf8))
            out.append(contentsOf: object)
            out.append(contentsOf: Array(#","op":"c"}"#.utf8))
        } else {
            out.append(contentsOf: Array(#"{"before":"#.utf8))
            out.append(contentsOf: object)
            out.append(contentsOf: Array(#","after":null,"op":"d"}"#.utf8))
        }
        out.append(0x0A)
    }

    /// Adds a row; bytes to write now go to `out`.
    public mutating func append(_ row: [Value], to out: inout [UInt8]) {
        switch format {
        case .debezium:
            appendEnvelope(row, kind: .insert, to: &out)
        case .ndjson:
            ndjson.append(row, to: &out)
        case .csv:
            if !headerWritten {
                headerWritten = true
                out.append(contentsOf: Array(columns.map { csvField($0.name) }.joined(separator: ",").utf8))
                out.append(0x0A)
            }
            let fields = zip(row, columns).map { value, column in value.isNull ? "" : csvField(Self.text(value, column.type)) }
            out.append(contentsOf: Array(fields.joined(separator: ",").utf8))
            out.append(0x0A)
        case .table:
            tableRows.append(zip(row, columns).map { Self.text($0, $1.type) })
        }
    }

    /// Ends a firing: the table format draws its box now.
    public mutating func endFiring(to out: inout [UInt8]) {
        guard format == .table, !tableRows.isEmpty else { return }
        let numeric = columns.map { $0.type.isNumeric && $0.type != .dynamic }
        if changelogTable {
            out.append(contentsOf: Array(Self.box(header: ["op"] + columns.map(\.name), rows: tableRows, numeric: [false] + numeric).utf8))
        } else {
            out.append(contentsOf: Array(Self.box(header: columns.map(\.name), rows: tableRows, numeric: numeric).utf8))
        }
        tableRows.removeAll()
    }

    /// A value as the table and CSV formats show it.
    public static func text(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return type == .float ? JavaNumber.format(float: Float(d)) : JavaNumber.format(d)
        default: return Evaluator.text(of: value)
        }
    }

    private func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }

    /// A boxed table:
    ///
    ///     ┌─────────────┬─────────────┐
    ///     │ page        │ click_count │
    ///     ├─────────────┼─────────────┤
    ///     │ /products/1 │           2 │
    ///     └─────────────┴─────────────┘
    public static func box(header: [String], rows: [[String]], numeric: [Bool]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func cells(_ values: [String], alignRight: [Bool]) -> String {
            var out = "│"
            for (i, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[i] - value.count)
                out += " " + (alignRight[i] ? padding + value : value + padding) + " │"
            }
            return out + "\n"
        }
        var out = line("┌", "┬", "┐")
        out += cells(header, alignRight: header.map { _ in false })
        out += line("├", "┼", "┤")
        for row in rows { out += cells(row, alignRight: numeric) }
        out += line("└", "┴", "┘")
        return out
    }
}
