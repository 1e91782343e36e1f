// Printing trees back to SQL. Printing then parsing gives the same tree (the round-trip
// tests rely on it), so every composite expression is printed in parentheses.

extension Literal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .decimal(let text): text
        case .string(let s): quote(s)
        case .boolean(let b): b ? "TRUE" : "FALSE"
        case .null: "NULL"
        case .timestamp(let s): "TIMESTAMP \(quote(s))"
        case .date(let s): "DATE \(quote(s))"
        case .time(let s): "TIME \(quote(s))"
        case .interval(let v, let unit): "INTERVAL \(quote(v)) \(unit.rawValue)"
        case let .compoundInterval(v, qualifier, _), let .monthInterval(v, qualifier, _): "INTERVAL \(quote(v)) \(qualifier)"
        }
    }
}

private func quote(_ s: String) -> String {
    "'" + s.doubling("'") + "'"
}

extension Expression {
    public var description: String {
        switch kind {
        case let .column(qualifier, name):
            if let table = qualifiedStarTable { return "\(table).*" }
            return qualifier.map { "\($0).\(name)" } ?? name.description
        case .literal(let literal):
            return literal.description
        case .star:
            return "*"
        case let .unary(op, operand):
            return op == .not ? "(NOT \(operand))" : "(\(op.rawValue)\(operand))"
        case let .binary(op, left, right):
            return "(\(left) \(op.rawValue) \(right))"
        case let .function(name, arguments, distinct):
            // The forms whose unit is a word, which the parser keeps as a string argument.
            func unit(_ e: Expression) -> String? { if case .literal(.string(let u)) = e.kind { u } else { nil } }
            switch name.name.uppercased() {
            case Expression.overlapsName where arguments.count == 4:
                return "((\(arguments[0]), \(arguments[1])) OVERLAPS (\(arguments[2]), \(arguments[3])))"
            case "EXTRACT" where arguments.count == 2 && unit(arguments[0]) != nil:
                return "EXTRACT(\(unit(arguments[0])!) FROM \(arguments[1]))"
            case "TIMESTAMPDIFF" where arguments.count == 3 && unit(arguments[0]) != nil,
                 "TIMESTAMPADD" where arguments.count == 3 && unit(arguments[0]) != nil:
                return "\(name.name)(\(unit(arguments[0])!), \(arguments[1]), \(arguments[2]))"
            case "JSON_OBJECT" where unit(arguments.first ?? Expression(.star, at: name.location)) != nil:
                let pairs = stride(from: 1, to: arguments.count - 1, by: 2).map { "KEY \(arguments[$0]) VALUE \(arguments[$0 + 1])" }
                return pairs.isEmpty ? "JSON_OBJECT()" : "JSON_OBJECT(\(pairs.joined(separator: ", ")) \(unit(arguments[0])!) ON NULL)"
            case "JSON_ARRAY" where unit(arguments.first ?? Expression(.star, at: name.location)) != nil:
                let values = arguments.dropFirst().map(\.description).joined(separator: ", ")
                return values.isEmpty ? "JSON_ARRAY()" : "JSON_ARRAY(\(values) \(unit(arguments[0])!) ON NULL)"
            case "COUNT" where arguments.count == 1, "SUM" where arguments.count == 1, "MIN" where arguments.count == 1,
                 "MAX" where arguments.count == 1, "AVG" where arguments.count == 1:
                // agg(x) FILTER (WHERE c), which the parser holds as agg(CASE WHEN c THEN x END),
                // printed as written: Flink's distinct-agg split hashes x, not the CASE.
                guard case let .caseWhen(nil, branches, nil) = arguments[0].kind, branches.count == 1 else {
                    return "\(name.name)(\(distinct ? "DISTINCT " : "")\(arguments[0]))"
                }
                return "\(name.name)(\(distinct ? "DISTINCT " : "")\(branches[0].result)) FILTER (WHERE \(branches[0].condition))"
            case "$JSON_AGG" where Self.aggregateText(arguments) != nil:
                return Self.aggregateText(arguments)!
            case "$PERCENTILE" where Self.percentileText(arguments) != nil:
                return Self.percentileText(arguments)!
            case "CURRENT_TIMESTAMP" where arguments.isEmpty, "LOCALTIMESTAMP" where arguments.isEmpty, "CURRENT_DATE" where arguments.isEmpty:
                return name.name.uppercased()
            case "JSON_VALUE" where arguments.count == 7:
                let type: String = if case let .cast(_, t) = arguments[2].kind { t.description } else { "STRING" }
                var clauses = ""
                for (i, clause) in [(3, "EMPTY"), (5, "ERROR")] {
                    let word = unit(arguments[i]) ?? "NULL"
                    clauses += word == "DEFAULT" ? " DEFAULT \(arguments[i + 1]) ON \(clause)" : " \(word) ON \(clause)"
                }
                return "JSON_VALUE(\(arguments[0]), \(arguments[1]) RETURNING \(type)\(clauses))"
            case "OVERLAY" where arguments.count >= 3:
                return "OVERLAY(\(arguments[0]) PLACING \(arguments[1]) FROM \(arguments[2])\(arguments.count > 3 ? " FOR \(arguments[3])" : ""))"
            case "TRY_CAST" where arguments.count == 1 && { if case .cast = arguments[0].kind { true } else { false } }():
                if case let .cast(operand, type) = arguments[0].kind { return "TRY_CAST(\(operand) AS \(type))" }
                return "TRY_CAST(\(arguments[0]))"
            case "ITEM" where arguments.count == 2:
                return "\(arguments[0])[\(arguments[1])]"
            case "$FIELD" where arguments.count == 2 && unit(arguments[1]) != nil:
                return "\(arguments[0]).\(Identifier(unit(arguments[1])!))"
            case "ARRAY_VALUE":
                return "ARRAY[\(arguments.map(\.description).joined(separator: ", "))]"
            case "MAP_VALUE":
                return "MAP[\(arguments.map(\.description).joined(separator: ", "))]"
            case "SIMILAR_TO" where arguments.count >= 2:
                return "(\(arguments[0]) SIMILAR TO \(arguments[1])\(arguments.count > 2 ? " ESCAPE \(arguments[2])" : ""))"
            case "IS_JSON" where arguments.count == 2 && unit(arguments[1]) != nil:
                return "(\(arguments[0]) IS JSON \(unit(arguments[1])!))"
            case "JSON_QUERY" where arguments.count == 5 || arguments.count == 6:
                let wrapper = unit(arguments[2]) ?? "WITHOUT"
                let wrapping = wrapper == "WITHOUT" ? "WITHOUT ARRAY WRAPPER" : "WITH \(wrapper) ARRAY WRAPPER"
                let returning = arguments.count == 6 ? " RETURNING ARRAY<STRING>" : ""
                return "JSON_QUERY(\(arguments[0]), \(arguments[1])\(returning) \(wrapping) \(unit(arguments[3]) ?? "NULL") ON EMPTY \(unit(arguments[4]) ?? "NULL") ON ERROR)"
            case "JSON_EXISTS" where arguments.count == 3 && unit(arguments[2]) != nil:
                return "JSON_EXISTS(\(arguments[0]), \(arguments[1]) \(unit(arguments[2])!) ON ERROR)"
            case "POSITION" where arguments.count == 2:
                return "POSITION(\(arguments[0]) IN \(arguments[1]))"
            case "FLOOR" where arguments.count == 2 && unit(arguments[1]) != nil,
                 "CEIL" where arguments.count == 2 && unit(arguments[1]) != nil:
                return "\(name.name)(\(arguments[0]) TO \(unit(arguments[1])!))"
            default:
                return "\(name.name)(\(distinct ? "DISTINCT " : "")\(arguments.map(\.description).joined(separator: ", ")))"
            }
        case let .cast(operand, type):
            return "CAST(\(operand) AS \(type))"
        case let .caseWhen(operand, branches, otherwise):
            var s = "CASE"
            if let operand { s += " \(operand)" }
            for branch in branches { s += " WHEN \(branch.condition) THEN \(branch.result)" }
            if let otherwise { s += " ELSE \(otherwise)" }
            return s + " END"
        case let .between(operand, low, high, negated):
            return "(\(operand) \(negated ? "NOT " : "")BETWEEN \(low) AND \(high))"
        case let .inSubquery(operand, query, negated):
            let row = operand.rowOperand.map { "(" + $0.map(\.description).joined(separator: ", ") + ")" }
            return "(\(row ?? operand.description) \(negated ? "NOT " : "")IN (\(query)))"
        case let .exists(query):
            return "EXISTS (\(query))"
        case let .scalarSubquery(query):
            return "(\(query))"
        case let .inList(operand, list, negated):
            return "(\(operand) \(negated ? "NOT " : "")IN (\(list.map(\.description).joined(separator: ", "))))"
        case let .like(operand, pattern, escape, negated):
            return "(\(operand) \(negated ? "NOT " : "")LIKE \(pattern)\(escape.map { " ESCAPE \($0)" } ?? ""))"
        case let .isNull(operand, negated):
            return "(\(operand) IS \(negated ? "NOT " : "")NULL)"
        case let .isBoolean(operand, value, negated):
            return "(\(operand) IS \(negated ? "NOT " : "")\(value ? "TRUE" : "FALSE"))"
        case let .substring(operand, from, length):
            return "SUBSTRING(\(operand) FROM \(from)\(length.map { " FOR \($0)" } ?? ""))"
        case let .trim(operand, characters, side):
            return "TRIM(\(side.rawValue) \(characters.map { "\($0) " } ?? "")FROM \(operand))"
        case let .over(call, window):
            return "\(call) OVER \(window)"
        case .groupingSets(let sets):
            return "GROUPING SETS (\(sets.map { "(\($0.map(\.description).joined(separator: ", ")))" }.joined(separator: ", ")))"
        }
    }
}

extension SelectItem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .wildcard: "*"
        case let .expression(e, alias): alias.map { "\(e) AS \($0)" } ?? e.description
        }
    }
}

extension TableReference: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .table(name, alias):
            return alias.map { "\(name) AS \($0)" } ?? name.description
        case let .subquery(query, alias) where !query.columnAliases.isEmpty:
            var unnamed = query
            unnamed.columnAliases = []
            return "(\(unnamed)) AS \(alias ?? Identifier("t")) (\(query.columnAliases.map(\.description).joined(separator: ", ")))"
        case let .subquery(query, alias):
            return "(\(query))" + (alias.map { " AS \($0)" } ?? "")
        case let .temporal(name, asOf, alias):
            return "\(name) FOR SYSTEM_TIME AS OF \(asOf)" + (alias.map { " AS \($0)" } ?? "")
        case let .values(rows, alias, columns, _):
            return "(VALUES " + rows.map { "(" + $0.map(\.description).joined(separator: ", ") + ")" }.joined(separator: ", ") + ")"
                + (alias.map { " AS \($0)" } ?? "") + (columns.isEmpty ? "" : " (\(columns.map(\.description).joined(separator: ", ")))")
        case let .setOperation(operation, all, left, right, _):
            return "((\(left)) \(operation.rawValue)\(all ? " ALL" : "") (\(right)))"
        case let .unnest(array, alias, columns):
            if case let .function(name, arguments, _) = array.kind, name.name == Expression.withOrdinality {
                return "UNNEST(\(arguments[0])) WITH ORDINALITY" + (alias.map { " AS \($0)" } ?? "")
                    + (columns.isEmpty ? "" : " (\(columns.map(\.description).joined(separator: ", ")))")
            }
            return "UNNEST(\(array))" + (alias.map { " AS \($0)" } ?? "")
                + (columns.isEmpty ? "" : " (\(columns.map(\.description).joined(separator: ", ")))")
        case let .join(left, right, kind, on, _):
            // Joins on a join's right keep their parentheses.
            let shown = if case .join = right { "(\(right))" } else { "\(right)" }
            if kind == .cross, on == nil { return "\(left), \(shown)" }
            if let (query, alias) = LateralSubquery.original(right, on: on) {
                // Printed as written, so Flink decorrelates it itself (and `*` stays its own).
                return kind == .left ? "\(left) LEFT JOIN LATERAL (\(query)) AS \(alias) ON TRUE" : "\(left), LATERAL (\(query)) AS \(alias)"
            }
            if let on, case let .function(name, _, _) = on.kind, name.name == Expression.natural {
                return "\(left) NATURAL \(kind.rawValue) JOIN \(shown)"
            }
            if let on, case let .function(name, columns, _) = on.kind, name.name == Expression.using {
                return "\(left) \(kind.rawValue) JOIN \(shown) USING (\(columns.map(\.description).joined(separator: ", ")))"
            }
            return "\(left) \(kind.rawValue) JOIN \(shown)" + (on.map { " ON \($0)" } ?? "")
        case let .windowFunction(f, alias):
            var args = ["TABLE \(f.table)"]
            if !f.partitionBy.isEmpty {
                let keys = f.partitionBy.map(\.description).joined(separator: ", ")
                args[0] += f.partitionBy.count == 1 ? " PARTITION BY \(keys)" : " PARTITION BY (\(keys))"
            }
            args.append("DESCRIPTOR(\(f.timeColumn))")
            args += f.arguments.map(\.description)
            let call = "TABLE(\(f.name.name.uppercased())(\(args.joined(separator: ", "))))"
            return alias.map { "\(call) AS \($0)" } ?? call
        }
    }
}

extension WindowDefinition: CustomStringConvertible {
    public var description: String {
        var parts: [String] = []
        if let base { parts.append(base.description) }
        if !partitionBy.isEmpty { parts.append("PARTITION BY " + partitionBy.map(\.description).joined(separator: ", ")) }
        if !orderBy.isEmpty {
            parts.append("ORDER BY " + orderBy.map { item in
                "\(item.expression)\(item.descending ? " DESC" : "")\(item.nullsFirst.map { $0 ? " NULLS FIRST" : " NULLS LAST" } ?? "")"
            }.joined(separator: ", "))
        }
        if let frame {
            let start = switch frame.start {
            case .unboundedPreceding: "UNBOUNDED PRECEDING"
            case .preceding(let e): "\(e) PRECEDING"
            case .currentRow: "CURRENT ROW"
            }
            parts.append("\(frame.unit.rawValue) BETWEEN \(start) AND CURRENT ROW")
        }
        if let base, parts.count == 1 { return base.description }
        return "(" + parts.joined(separator: " ") + ")"
    }
}

extension Query: CustomStringConvertible {
    public var description: String {
        var s = ""
        if !ctes.isEmpty { s += "WITH " + ctes.map { "\($0.name) AS (\($0.query))" }.joined(separator: ", ") + " " }
        s += "SELECT \(distinct ? "DISTINCT " : "")\(items.map(\.description).joined(separator: ", "))"
        if case let .values(rows, nil, _, _) = from, rows == [[]] {} else { s += " FROM \(from)" }
        if let whereClause { s += " WHERE \(whereClause)" }
        if !groupBy.isEmpty { s += " GROUP BY \(groupBy.map(\.description).joined(separator: ", "))" }
        if let having { s += " HAVING \(having)" }
        if !windows.isEmpty { s += " WINDOW " + windows.map { "\($0.name) AS \($0.definition)" }.joined(separator: ", ") }
        for branch in unionAll { s += " UNION ALL \(branch)" }
        if !orderBy.isEmpty {
            s += " ORDER BY " + orderBy.map { item in
                "\(item.expression)\(item.descending ? " DESC" : "")" + (item.nullsFirst.map { $0 ? " NULLS FIRST" : " NULLS LAST" } ?? "")
            }.joined(separator: ", ")
        }
        if let limit { s += " LIMIT \(limit)" }
        if let offset { s += " OFFSET \(offset)" }
        return s
    }
}

extension CreateTable: CustomStringConvertible {
    public var description: String {
        var parts = columns.map { "\($0.name) \($0.type)\($0.notNull ? " NOT NULL" : "")" }
        if let watermark { parts.append("WATERMARK FOR \(watermark.column) AS \(watermark.expression)") }
        var s = "CREATE TABLE \(ifNotExists ? "IF NOT EXISTS " : "")\(name) (\(parts.joined(separator: ", ")))"
        if !options.isEmpty {
            s += " WITH (\(options.map { "\(quote($0.key)) = \(quote($0.value))" }.joined(separator: ", ")))"
        }
        return s
    }
}

extension Statement: CustomStringConvertible {
    public var description: String {
        switch self {
        case .createTable(let c): c.description
        case .query(let q): q.description
        case .explain(let q): "EXPLAIN \(q)"
        case let .createView(name, query): "CREATE VIEW \(name) AS \(query)"
        case let .set(key, value, _): "SET \(quote(key)) = \(quote(value))"
        case .insert(let insert): insert.description
        case let .statementSet(inserts, _): "EXECUTE STATEMENT SET BEGIN " + inserts.map { "\($0); " }.joined() + "END"
        case .explainInserts(let inserts): "EXPLAIN STATEMENT SET BEGIN " + inserts.map { "\($0); " }.joined() + "END"
        }
    }
}

extension Insert: CustomStringConvertible {
    public var description: String {
        let columns = self.columns.isEmpty ? "" : " (" + self.columns.map(\.description).joined(separator: ", ") + ")"
        return "INSERT INTO \(table)\(columns) \(query)"
    }
}

extension String {
    /// The string with every `quote` character written twice, as SQL escapes it.
    func doubling(_ quote: Character) -> String {
        var out = ""
        for c in self {
            out.append(c)
            if c == quote { out.append(c) }
        }
        return out
    }
}

extension Expression {
    /// PERCENTILE as written, from the LISTAGG the parser made of it (`parsePercentile`).
    fileprivate static func percentileText(_ arguments: [Expression]) -> String? {
        guard arguments.count == 2 else { return nil }
        var listagg = arguments[1], window: WindowDefinition?
        if case let .over(call, w) = listagg.kind { (listagg, window) = (call, w) }
        guard case .function(_, let list, _) = listagg.kind, var entry = list.first else { return nil }
        // FILTER (WHERE c) became CASE WHEN c THEN entry END (see parseOver).
        var filter = ""
        if case let .caseWhen(nil, branches, nil) = entry.kind, branches.count == 1 {
            filter = " FILTER (WHERE \(branches[0].condition))"
            entry = branches[0].result
        }
        guard case .function(let name, let values, _) = entry.kind, name.name == "$PCT_ENTRY", !values.isEmpty else { return nil }
        let call = "PERCENTILE(\(values[0]), \(arguments[0])\(values.count > 1 ? ", \(values[1])" : ""))\(filter)"
        return window.map { "\(call) OVER \($0)" } ?? call
    }

    /// JSON_ARRAYAGG, JSON_OBJECTAGG, ARRAY_AGG and COLLECT as written (with their FILTER and
    /// OVER), from the `$JSON_AGG` over a LISTAGG the parser made of them (`parseJSONAggregate`).
    fileprivate static func aggregateText(_ arguments: [Expression]) -> String? {
        guard arguments.count == 2, case .literal(.string(let mode)) = arguments[0].kind else { return nil }
        var listagg = arguments[1], window: WindowDefinition?
        if case let .over(call, w) = listagg.kind { (listagg, window) = (call, w) }
        guard case .function(_, var list, let distinct) = listagg.kind, !list.isEmpty else { return nil }
        // FILTER (WHERE c) became CASE WHEN c THEN entry END (see parseOver).
        var filter = ""
        if case let .caseWhen(nil, branches, nil) = list[0].kind, branches.count == 1 {
            filter = " FILTER (WHERE \(branches[0].condition))"
            list[0] = branches[0].result
        }
        return text(mode, list, distinct).map { call in
            let filtered = call + filter
            return window.map { "\(filtered) OVER \($0)" } ?? filtered
        }
    }

    private static func text(_ mode: String, _ list: [Expression], _ distinct: Bool) -> String? {
        // The row's JSON: JSON_STRING(v), or COALESCE(JSON_STRING(v), 'null') when NULLs count.
        func value(_ json: Expression) -> (Expression, keepsNulls: Bool)? {
            if case .function(let f, let a, _) = json.kind, f.name == "COALESCE", a.count == 2 { return value(a[0]).map { ($0.0, true) } }
            if case .function(let f, let a, _) = json.kind, f.name == "JSON_STRING" || f.name == "$ELEMENT_JSON", a.count == 1 { return (a[0], false) }
            return nil
        }
        switch mode {
        case "C" where list.count == 3:
            return "COLLECT(\(distinct ? "DISTINCT " : "")\(list[2]))"
        case "R" where list.count == 3:
            guard let (_, keepsNulls) = value(list[0]) else { return nil }
            return "ARRAY_AGG(\(distinct ? "DISTINCT " : "")\(list[2])\(keepsNulls ? "" : " IGNORE NULLS"))"
        case "A":
            guard let (v, keepsNulls) = value(list[0]) else { return nil }
            return "JSON_ARRAYAGG(\(v) \(keepsNulls ? "NULL" : "ABSENT") ON NULL)"
        case "O":
            guard case let .binary(.concat, head, json) = list[0].kind, case let .binary(.concat, key, _) = head.kind,
                  case .function(_, let k, _) = key.kind, let (v, keepsNulls) = value(json) else { return nil }
            return "JSON_OBJECTAGG(KEY \(k[0]) VALUE \(v) \(keepsNulls ? "NULL" : "ABSENT") ON NULL)"
        default:
            return nil
        }
    }
}
