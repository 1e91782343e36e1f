import QueryPlanner

/// Flink's functions of arrays and maps, and the `ARRAY[…]` / `MAP[…]` constructors. An
/// ARRAY or MAP is held as its JSON text; these read it into typed values and write new text.
/// Equality of elements is SQL's on values of one type (the needle's), NULL equal to NULL as
/// Flink's ArrayData comparisons.
enum CollectionFunctions {
    static func call(_ function: ScalarFunction, _ args: [Value], _ type: DataType) -> Value {
        switch function {
        case .arrayValue:
            guard case .array(let element) = type else { return .null }
            return text(of: args, element)
        case .mapValue:
            guard case .map(let value) = type else { return .null }
            var members: [(String, Value)] = []
            for i in stride(from: 0, to: args.count - 1, by: 2) {
                guard case .string(let key) = args[i] else { continue }
                if let at = members.firstIndex(where: { $0.0 == key }) { members[at].1 = args[i + 1] } else { members.append((key, args[i + 1])) }
            }
            return object(members, value)
        case .split:
            // Every occurrence of the delimiter splits, keeping empty parts; an empty one
            // splits into characters (Flink's SPLIT).
            guard case .string(let s) = args[0], case .string(let delimiter) = args[1] else { return .null }
            if s.isEmpty { return text(of: [], .string) }  // no parts, as Flink
            let parts: [String] = delimiter.isEmpty ? JavaText.units(s)
                : s.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
            return text(of: parts.map { .string($0) }, .string)
        case .strToMap:
            guard case .string(let s) = args[0] else { return .null }
            var listDelimiter = ",", keyDelimiter = "="
            if args.count > 1 { guard case .string(let d) = args[1] else { return .null }; listDelimiter = d }
            if args.count > 2 { guard case .string(let d) = args[2] else { return .null }; keyDelimiter = d }
            guard !listDelimiter.isEmpty, !keyDelimiter.isEmpty else { return .null }
            if s.isEmpty { return object([], .string) }  // no entries, as Flink
            // The delimiters are regular expressions, split as Java's String.split (trailing
            // empty entries dropped), as Flink's.
            guard let entries = TimeAndTextFunctions.compiled(listDelimiter), let pairs = TimeAndTextFunctions.compiled(keyDelimiter) else { return .null }
            var members: [(String, Value)] = []
            var list = s.split(separator: entries, omittingEmptySubsequences: false)
            while list.last?.isEmpty == true { list.removeLast() }
            // Java makes no empty first entry of a zero-width match at the start ('|').
            if list.first?.isEmpty == true, let match = try? entries.prefixMatch(in: s), match.range.isEmpty { list.removeFirst() }
            for entry in list {
                let pair = entry.split(separator: pairs, maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(pair[0]), value: Value = pair.count > 1 ? .string(String(pair[1])) : .null
                if let at = members.firstIndex(where: { $0.0 == key }) { members[at].1 = value } else { members.append((key, value)) }
            }
            // Flink builds it as a java.util.HashMap<String, String> made for as many entries
            // as the text has and keeps that map's order (checked: 'b=1,a=2,c=3,zz=4' is
            // {zz=4, a=2, b=1, c=3}, 'q=3,x=1' is {x=1, q=3}).
            let order = FlinkHashMapOrder.iterationOrder(members.map { FlinkHashMapOrder.javaHash($0.0) }, expected: list.count)
            return object(order.map { members[$0] }, .string)
        default:
            break
        }
        if function == .arrayConcat {
            guard case .array(let element) = type else { return .null }
            var all: [Value] = []
            for arg in args {
                guard let items = elements(arg, element) else { return .null }
                all += items
            }
            return text(of: all, element)
        }
        if function == .mapFromArrays {
            guard case .map(let valueType) = type, let keys = elements(args[0], .string), let values = elements(args[1], valueType),
                  keys.count == values.count else { return .null }
            // Pair by pair, a key given twice kept twice, as Flink's MapDataForMapFromArrays
            // (checked: CAST of MAP_FROM_ARRAYS(['z','y','z','x'], [1,2,3,4]) is {z=1, y=2, z=3, x=4}).
            var members: [(String, Value)] = []
            for (k, v) in zip(keys, values) {
                guard case .string(let key) = k else { continue }
                members.append((key, v))
            }
            return object(members, valueType)
        }
        if function == .mapUnion {
            guard case .map(let valueType) = type else { return .null }
            // The last map's entries in its order, then each earlier map's keys not taken yet,
            // as Flink builds it (checked: MAP_UNION({a=1, b=2}, {x=9, b=7}) is {x=9, b=7, a=1}).
            var members: [(String, Value)] = []
            var taken: Set<String> = []
            for arg in args.reversed() {
                guard case .string(let json) = arg, case .object(let entries)? = node(json) else { return .null }
                for (key, value) in entries where taken.insert(key).inserted { members.append((key, scalar(value, valueType))) }
            }
            return object(members, valueType)
        }
        if [.mapKeys, .mapValues, .mapEntries].contains(function) {
            // In the map's own order, which is the order Flink iterates it (FlinkHashMapOrder).
            guard case .string(let json) = args[0], case .object(let members)? = node(json) else { return .null }
            guard case .array(let element) = type else { return .null }
            switch function {
            case .mapKeys:
                return text(of: members.map { .string($0.0) }, .string)
            case .mapValues:
                return text(of: members.map { scalar($0.1, element) }, element)
            default:
                guard case .row(let fields) = element, fields.count == 2 else { return .null }
                return .string("[" + members.map { key, value -> String in
                    var out: [UInt8] = Array("{\"key\":".utf8)
                    JSONText.appendString(key, to: &out)
                    out += Array(",\"value\":".utf8)
                    append(scalar(value, fields[1].type), fields[1].type, to: &out)
                    return String(decoding: out, as: UTF8.self) + "}"
                }.joined(separator: ",") + "]")
            }
        }
        // The rest read one array, typed by the result or the needle.
        var needle = args.count > 1 ? args[1] : .null
        var element: DataType
        switch function {
        case .arrayMax, .arrayMin, .element: element = type
        case .arrayContains, .arrayPosition:
            // The binder's third argument: the elements are ARRAYs, MAPs or ROWs, compared as JSON.
            element = args.count > 2 ? .array(.string) : needle.isNull ? .string : kindOf(needle)
        case .arrayJoin: element = .string
        default:
            guard case .array(let e) = type else { return .null }
            element = e
        }
        guard var items = elements(args[0], element) else { return .null }
        if args.count > 2, [.arrayContains, .arrayPosition, .arrayRemove].contains(function) {
            // Nested values compare by their JSON, written one way.
            func normal(_ v: Value) -> Value {
                guard case .string(let json) = v, let n = node(json) else { return v }
                return .string(JsonValue.flinkText(n))
            }
            items = items.map(normal)
            needle = normal(needle)
        }
        func same(_ a: Value, _ b: Value) -> Bool { a.isNull ? b.isNull : !b.isNull && Evaluator.compare(a, b) == 0 }
        switch function {
        case .arrayContains:
            return .bool(items.contains { same($0, needle) })
        case .arrayPosition:
            if needle.isNull { return .null }  // as Flink
            return .int(Int64((items.firstIndex { same($0, needle) } ?? -1) + 1))
        case .arrayRemove:
            return text(of: items.filter { !same($0, needle) }, element)
        case .arrayDistinct:
            return text(of: distinct(items, same), element)
        case .arrayUnion:
            guard let more = elements(args[1], element) else { return .null }
            return text(of: distinct(items + more, same), element)
        case .arrayExcept, .arrayIntersect:
            // The first array's distinct elements (NULL one of them), in its order, that the
            // second has (or has not), as Flink (case w_fn_array_setops).
            guard let more = elements(args[1], element) else { return .null }
            let keep = function == .arrayIntersect
            return text(of: distinct(items, same).filter { item in more.contains { same($0, item) } == keep }, element)
        case .arrayAppend:
            return text(of: items + [needle], element)
        case .arrayPrepend:
            return text(of: [needle] + items, element)
        case .arrayReverse:
            return text(of: items.reversed(), element)
        case .arraySort:
            // Ascending by default; NULLs first when ascending, last when descending, unless
            // the third argument says.
            var ascending = true
            if args.count > 1 { guard case .bool(let a) = args[1] else { return .null }; ascending = a }
            var nullsFirst = ascending
            if args.count > 2 { guard case .bool(let n) = args[2] else { return .null }; nullsFirst = n }
            let values = items.filter { !$0.isNull }.sorted { ascending ? (Evaluator.compare($0, $1) ?? 0) < 0 : (Evaluator.compare($0, $1) ?? 0) > 0 }
            let nulls = items.filter(\.isNull)
            return text(of: nullsFirst ? nulls + values : values + nulls, element)
        case .arraySlice:
            // 1-based, both ends included, 0 the start, negative counted from the end.
            let n = Int64(items.count)
            guard case .int(var start) = args[1] else { return .null }
            var end = n
            if args.count > 2 { guard case .int(let e) = args[2] else { return .null }; end = e }
            if start < 0 { start += n + 1 }
            if end < 0 { end += n + 1 }
            start = max(start, 1)
            end = min(end == 0 ? 1 : end, n)  // as Flink's ArraySliceFunction (0 ends at the first)
            guard start <= end else { return text(of: [], element) }
            return text(of: Array(items[Int(start - 1)..<Int(end)]), element)
        case .arrayMax, .arrayMin:
            let values = items.filter { !$0.isNull }
            guard var best = values.first else { return .null }
            for v in values.dropFirst() where function == .arrayMax ? (Evaluator.compare(v, best) ?? 0) > 0 : (Evaluator.compare(v, best) ?? 0) < 0 { best = v }
            return best
        case .arrayJoin:
            guard case .string(let separator) = args[1] else { return .null }
            var replacement: String?
            if args.count > 2, case .string(let r) = args[2] { replacement = r }
            return .string(items.compactMap { v -> String? in
                if case .string(let s) = v { return s }
                return replacement
            }.joined(separator: separator))
        case .element:
            // The one element of an array of one; NULL for none (Flink fails for more).
            return items.count == 1 ? items[0] : .null
        default:
            return .null
        }
    }

    /// A value's type, to read elements as (the needle's).
    static func kindOf(_ value: Value) -> DataType {
        switch value {
        case .int: .bigint
        case .double: .double
        case let .decimal(_, s): .decimal(precision: 38, scale: Int(s))
        case .bool: .boolean
        case .timestamp: .timestamp
        default: .string
        }
    }

    static func distinct(_ items: [Value], _ same: (Value, Value) -> Bool) -> [Value] {
        var out: [Value] = []
        for v in items where !out.contains(where: { same($0, v) }) { out.append(v) }
        return out
    }

    /// The elements of an array's JSON text, each read as `element`; nil for NULL.
    static func elements(_ value: Value, _ element: DataType) -> [Value]? {
        guard case .string(let json) = value, let items = JsonValue.elements(json, containers: element.isJSONText) else { return nil }
        return element.isJSONText ? items : items.map { Evaluator.cast($0, to: element) }
    }

    static func node(_ json: String) -> NestedText.Node? {
        var parser = NestedText.Parser(bytes: Array(json.utf8))
        return parser.value()
    }

    /// A member's value of a map's JSON, read as `type`.
    static func scalar(_ node: NestedText.Node, _ type: DataType) -> Value {
        switch node {
        case .null: return .null
        case .scalar(let text), .text(let text): return type.isJSONText ? .null : Evaluator.cast(.string(text), to: type)
        case .array, .object:
            // A map inside keeps its order, the order Flink iterates it.
            var out: [UInt8] = []
            NestedText.json(node, to: &out)
            return .string(String(decoding: out, as: UTF8.self))
        }
    }

    static func append(_ value: Value, _ type: DataType, to out: inout [UInt8]) {
        if type.isJSONText, case .string(let raw) = value { out += Array(raw.utf8) } else { MoreFunctions.appendJSON(value, to: &out) }
    }

    static func text(of values: [Value], _ element: DataType) -> Value {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            append(v, element, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return .string(String(decoding: out, as: UTF8.self))
    }

    static func object(_ members: [(String, Value)], _ value: DataType) -> Value {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, (k, v)) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(k, to: &out)
            out.append(UInt8(ascii: ":"))
            append(v, value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return .string(String(decoding: out, as: UTF8.self))
    }
}
