import QueryPlanner

/// `CAST(x AS STRING)` of an ARRAY, MAP or ROW (held as JSON text), written as Flink writes
/// one: `[1, 2, NULL]`, `{j=NULL, k=1}` (a MAP in its Java HashMap's order, keyed by Flink's
/// string hash, as its JSON format builds it), `(7, gold, (1.5))`; text unquoted, each scalar
/// as its own CAST to STRING writes it. Checked on Flink 2.3 (case `w_cast_nested_to_string`).
enum NestedText {
    /// A JSON value as parsed here: scalars keep their text.
    indirect enum Node {
        case null
        /// A number, `true` or `false`, as written.
        case scalar(String)
        /// A JSON string, unescaped.
        case text(String)
        case array([Node])
        case object([(String, Node)])
    }

    static func text(_ json: String, _ type: DataType) -> Value {
        var parser = Parser(bytes: Array(json.utf8))
        guard let node = parser.value() else { return .null }
        return format(node, type).map { .string($0) } ?? .null
    }

    static func format(_ node: Node, _ type: DataType) -> String? {
        switch (node, type) {
        case (.null, _):
            return nil
        case let (.array(elements), .array(element)):
            return "[" + elements.map { format($0, element) ?? "NULL" }.joined(separator: ", ") + "]"
        case let (.object(members), .map(value)):
            // In the map's own order: the order Flink iterates it (FlinkHashMapOrder).
            return "{" + members.map { key, member in
                key + "=" + (format(member, value) ?? "NULL")
            }.joined(separator: ", ") + "}"
        case let (.object(members), .row(fields)):
            let byName = Dictionary(members, uniquingKeysWith: { _, last in last })
            return "(" + fields.map { field in byName[field.name].flatMap { format($0, field.type) } ?? "NULL" }.joined(separator: ", ") + ")"
        case let (.scalar(text), _), let (.text(text), _):
            let value = Evaluator.cast(.string(text), to: type)
            if value.isNull { return nil }
            return scalarText(value, type)
        default:
            return nil
        }
    }

    /// A text equal for equal values of `type`, unequal otherwise: a ROW's fields by position,
    /// a MAP's entries in key order, a NULL anywhere equal to a NULL; nil for text that is not JSON.
    static func key(_ json: String, _ type: DataType) -> String? {
        var parser = Parser(bytes: Array(json.utf8))
        guard let node = parser.value() else { return nil }
        var out = ""
        key(node, type, into: &out)
        return out
    }

    private static func key(_ node: Node, _ type: DataType, into out: inout String) {
        switch (node, type) {
        case let (.array(elements), .array(element)):
            out += "["
            for e in elements { key(e, element, into: &out); out += "," }
            out += "]"
        case let (.object(members), .map(value)):
            out += "{"
            for (name, member) in uniqueMembers(members).sorted(by: { $0.0 < $1.0 }) {
                quoted(name, into: &out)
                key(member, value, into: &out)
            }
            out += "}"
        case let (.object(members), .row(fields)):
            let byName = Dictionary(members, uniquingKeysWith: { _, last in last })
            out += "("
            for field in fields { key(byName[field.name] ?? .null, field.type, into: &out); out += "," }
            out += ")"
        case let (.scalar(text), _), let (.text(text), _):
            let value = Evaluator.cast(.string(text), to: type)
            if let text = value.isNull ? nil : scalarText(value, type) { quoted(text, into: &out) } else { out += "n" }
        default:
            out += "n"
        }
    }

    private static func quoted(_ text: String, into out: inout String) {
        out += "\""
        for c in text.unicodeScalars {
            if c == "\"" || c == "\\" { out += "\\" }
            out.unicodeScalars.append(c)
        }
        out += "\""
    }

    /// An object's members with each name once: at its first place, with its last value.
    static func uniqueMembers(_ members: [(String, Node)]) -> [(String, Node)] {
        var unique: [(String, Node)] = []
        var at: [String: Int] = [:]
        for (name, value) in members {
            if let i = at[name] { unique[i].1 = value } else {
                at[name] = unique.count
                unique.append((name, value))
            }
        }
        return unique
    }

    /// A node as compact JSON text (scalars as they were written).
    static func json(_ node: Node, to out: inout [UInt8]) {
        switch node {
        case .null: out += Array("null".utf8)
        case .scalar(let text): out += Array(text.utf8)
        case .text(let text): JSONText.appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                json(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (name, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(name, to: &out)
                out.append(UInt8(ascii: ":"))
                json(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A scalar as CAST(… AS STRING) writes it.
    static func scalarText(_ value: Value, _ type: DataType) -> String? {
        switch (type, value) {
        case (.date, .timestamp(let t)): return String(Timestamp.format(t).prefix(10))
        case (.time, .timestamp(let t)): return Timestamp.formatTime(t)
        case (.float, .double(let d)): return JavaNumber.format(float: Float(d))
        default:
            guard case .string(let s) = Evaluator.cast(value, to: .string) else { return nil }
            return s
        }
    }

    /// A JSON reader that keeps each scalar's text (a string's unescaped). It recurses, so it
    /// gives up (nil, as for text that is not JSON) past Jackson's nesting limit, 1,000 deep.
    struct Parser {
        let bytes: [UInt8]
        var at = 0
        var depth = 0

        mutating func space() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x09 || bytes[at] == 0x0D { at += 1 }
        }

        mutating func value() -> Node? {
            space()
            guard at < bytes.count, depth < 1000 else { return nil }
            depth += 1
            defer { depth -= 1 }
            switch bytes[at] {
            case UInt8(ascii: "["):
                at += 1
                var elements: [Node] = []
                space()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(elements) }
                while true {
                    guard let element = value() else { return nil }
                    elements.append(element)
                    space()
                    guard at < bytes.count else { return nil }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "]") { return .array(elements) }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "{"):
                at += 1
                var members: [(String, Node)] = []
                space()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                while true {
                    space()
                    guard case .text(let key)? = string() else { return nil }
                    space()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
                    at += 1
                    guard let member = value() else { return nil }
                    members.append((key, member))
                    space()
                    guard at < bytes.count else { return nil }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "\""):
                return string()
            default:
                let start = at
                while at < bytes.count, !",]} \n\t\r".utf8.contains(bytes[at]) { at += 1 }
                let text = String(decoding: bytes[start..<at], as: UTF8.self)
                if text == "null" { return .null }
                if text == "true" || text == "false" { return .scalar(text) }
                // A JSON number: a sign, digits, a fraction, an exponent; nothing else.
                guard let first = text.utf8.first, first == UInt8(ascii: "-") || (48...57).contains(first),
                      text.utf8.allSatisfy({ (48...57).contains($0) || "-+.eE".utf8.contains($0) }), Double(text) != nil else { return nil }
                return .scalar(text)
            }
        }

        /// A JSON string at the cursor, unescaped.
        mutating func string() -> Node? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at
            at += 1
            while at < bytes.count, bytes[at] != UInt8(ascii: "\"") { at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1 }
            guard at < bytes.count else { return nil }
            at += 1
            guard case .string(let s) = JsonValue.evaluate(String(decoding: bytes[start..<at], as: UTF8.self), []) else { return nil }
            return .text(s)
        }
    }
}
