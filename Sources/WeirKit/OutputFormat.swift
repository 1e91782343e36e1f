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
    /// Rows that come one at a time (no window gathers them) are lines under one header, as
    /// psql and DuckDB show a stream, not a box per flush.
    public var streamingTable = false
    /// The column widths of the streamed table, once its header is out.
    private var streamWidths: [Int] = []

    /// `csvHeader`: whether CSV starts with a line of column names (Flink's CSV files have none).
    public init(columns: [Column], format: OutputFormat, csvHeader: Bool = true) {
        self.columns = columns
        self.format = format
        ndjson = NDJSONEncoder(columns: columns)
        headerWritten = !csvHeader
    }

    /// The encoder of NDJSON rows, which `append` of a row uses as it is; nil for other formats.
    public var ndjsonEncoder: NDJSONEncoder? { format == .ndjson ? ndjson : nil }

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
        if streamingTable {
            streamRows(to: &out)
            return
        }
        let numeric = columns.map { $0.type.isNumeric && $0.type != .dynamic }
        if changelogTable {
            out.append(contentsOf: Array(Self.box(header: ["op"] + columns.map(\.name), rows: tableRows, numeric: [false] + numeric).utf8))
        } else {
            out.append(contentsOf: Array(Self.box(header: columns.map(\.name), rows: tableRows, numeric: numeric).utf8))
        }
        tableRows.removeAll()
    }

    /// The rows waiting, as lines of the streamed table; its header first (widths from these
    /// first rows), and again with the new widths when a value is wider than its column.
    private mutating func streamRows(to out: inout [UInt8]) {
        let header = (changelogTable ? ["op"] : []) + columns.map(\.name)
        let numeric = (changelogTable ? [false] : []) + columns.map { $0.type.isNumeric && $0.type != .dynamic }
        let rows = tableRows.map { $0.map(Self.cellText) }
        tableRows.removeAll()
        var widths = streamWidths.isEmpty ? header.map(Self.displayWidth) : streamWidths
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.displayWidth(cell)) }
        }
        var text = ""
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func cells(_ values: [String], _ alignRight: [Bool]) -> String {
            var s = "│"
            for (i, value) in values.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[i] - Self.displayWidth(value)))
                s += " " + (alignRight[i] ? padding + value : value + padding) + " │"
            }
            return s + "\n"
        }
        if widths != streamWidths {
            text += streamWidths.isEmpty ? line("┌", "┬", "┐") : line("├", "┼", "┤")
            text += cells(header, header.map { _ in false })
            text += line("├", "┼", "┤")
            streamWidths = widths
        }
        for row in rows { text += cells(row, numeric) }
        out.append(contentsOf: Array(text.utf8))
    }

    /// Ends the output: a streamed table gets its bottom border.
    public mutating func finish(to out: inout [UInt8]) {
        endFiring(to: &out)
        guard streamingTable, !streamWidths.isEmpty else { return }
        out.append(contentsOf: Array(("└" + streamWidths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┴") + "┘\n").utf8))
        streamWidths = []
    }

    /// A value as the table and CSV formats show it.
    public static func text(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return type == .float ? JavaNumber.format(float: Float(d)) : JavaNumber.format(d)
        case .timestamp(let t) where type == .date: return String(Timestamp.format(t).prefix(10))
        case .timestamp(let t) where type == .time: return Timestamp.formatTime(t)
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

    /// A cell on one line: line breaks and tabs shown escaped, as psql and DuckDB do.
    static func cellText(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out
    }

    /// Columns a string takes on a terminal: 2 for East Asian wide and full-width characters
    /// and emoji, 0 for combining marks, 1 for the rest; a grapheme cluster takes its first
    /// scalar's width (an emoji sequence is one emoji wide).
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            width += scalarWidth(scalar, alone: character.unicodeScalars.count == 1)
        }
        return width
    }

    static func scalarWidth(_ scalar: Unicode.Scalar, alone: Bool) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation || (!alone && scalar.properties.isEmoji && v > 0xFF) { return 2 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// A boxed table:
    ///
    ///     ┌─────────────┬─────────────┐
    ///     │ page        │ click_count │
    ///     ├─────────────┼─────────────┤
    ///     │ /products/1 │           2 │
    ///     └─────────────┴─────────────┘
    public static func box(header: [String], rows: [[String]], numeric: [Bool]) -> String {
        let header = header.map(cellText)
        let rows = rows.map { $0.map(cellText) }
        var widths = header.map(displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        func line(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func cells(_ values: [String], alignRight: [Bool]) -> String {
            var out = "│"
            for (i, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[i] - displayWidth(value))
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

extension PlanNode {
    /// Whether a window gathers this node's rows (they come out when it closes).
    var gathersByWindow: Bool {
        switch self {
        case .source(let plan): if plan.mode == .windowAggregate { return true }
        case .rank(_, let spec): if spec.windowed { return true }
        case .deduplicate(_, let spec): if spec.windowed { return true }
        case .windowJoin: return true
        default: break
        }
        return inputs.contains { $0.gathersByWindow }
    }
}

extension RelationalPlan {
    /// Whether rows come out one at a time as events arrive: a table of them is streamed.
    public var emitsPerEvent: Bool { changelogMode == .appendOnly && !root.gathersByWindow }
}

extension QueryPlan {
    /// Whether rows come out one at a time as events arrive: a table of them is streamed.
    public var emitsPerEvent: Bool { mode == .projection }
}
