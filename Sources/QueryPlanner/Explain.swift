extension QueryPlan {
    /// The operator graph, one operator a line, source first (what `EXPLAIN` prints).
    public var explanation: String {
        var lines: [String] = []
        let source: String
        switch table.source {
        case .standardInput: source = "stdin"
        case .file(let path): source = "file '\(path)'"
        case .derived: source = "the rows below"
        case let .jdbc(url, name): source = "database table \(name) at \(JDBCURL.redacted(url))"
        case .sinkOnly(let connector): source = "'\(connector)' (a sink)"
        case .inline: source = "the query's VALUES"
        case .generated(let spec): source = "datagen (\(spec.count.map { "\($0) rows" } ?? "unbounded"), at most \(spec.rowsPerSecond) a second)"
        }
        let fieldList = fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        if case let .jdbc(url, name) = table.source {
            let scan = JDBCScan(table: table, url: url, tableName: name, plans: [self])
            lines.append("Source: \(table.name) from \(source), read once [\(fieldList)]")
            lines.append("Database query: \(scan.sql(partition: 0))"
                         + (scan.partitions.count > 1 ? " (partition 1 of \(scan.partitions.count), read in parallel)" : ""))
            lines.append(scan.pushed.isEmpty ? "Pushed to the database: no filter" : "Pushed to the database: \(scan.pushed.joined(separator: " AND ")) (weir checks the filter again)")
        } else {
            lines.append("Source: \(table.name) from \(source), NDJSON [\(fieldList)]\(table.isInferred ? " (inferred)" : "")")
        }
        if let timeSlot {
            lines.append("Watermark: max(\(fields[timeSlot].name)) - \(formatDuration(watermarkDelay))")
        }
        let inputNames = fields.map(\.name) + WindowColumn.names
        if let filter {
            lines.append("Filter: \(filter.sql(names: inputNames))")
        }
        switch mode {
        case .projection:
            if let window {
                lines.append("WindowAssign: \(window.sql)")
            }
            let items = zip(projections, outputColumns).map { "\($0.sql(names: inputNames)) AS \($1.name)" }
            lines.append("Project: \(items.joined(separator: ", "))")
        case .windowAggregate:
            let keyText = keys.map { $0.sql(names: inputNames) }.joined(separator: ", ")
            let aggregateText = aggregates.map(\.text).joined(separator: ", ")
            if let window {
                lines.append("WindowAggregate: \(window.sql) keys=[\(keyText)] aggregates=[\(aggregateText)]")
            } else {
                lines.append("Aggregate: the whole input, written at its end keys=[\(keyText)] aggregates=[\(aggregateText)]")
            }
            let resultNames = WindowColumn.names + keys.map { $0.sql(names: inputNames) }
                + aggregates.map(\.text)
            if let having {
                lines.append("Filter: \(having.sql(names: resultNames))")
            }
            let items = zip(projections, outputColumns).map { "\($0.sql(names: resultNames)) AS \($1.name)" }
            lines.append("Project: \(items.joined(separator: ", "))")
            if distinct { lines.append("Distinct: per firing") }
        }
        lines.append("Emit: \(outputColumns.map { "\($0.name) \($0.type)" }.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}

extension WindowSpec {
    /// The window as EXPLAIN shows it: `TUMBLE(size=10s)`.
    public var sql: String {
        var text: String
        switch kind {
        case .tumble(let size): text = "TUMBLE(size=\(formatDuration(size))"
        case let .hop(slide, size): text = "HOP(slide=\(formatDuration(slide)), size=\(formatDuration(size))"
        case let .cumulate(step, maxSize): text = "CUMULATE(step=\(formatDuration(step)), max_size=\(formatDuration(maxSize))"
        case .session(let gap): text = "SESSION(gap=\(formatDuration(gap))"
        }
        if offset != 0 { text += ", offset=\(formatDuration(offset))" }
        return text + ")"
    }
}

/// `10s`, `1m`, `1500ms`, `2h`.
public func formatDuration(_ millis: Int64) -> String {
    if millis != 0, millis % 86_400_000 == 0 { return "\(millis / 86_400_000)d" }
    if millis != 0, millis % 3_600_000 == 0 { return "\(millis / 3_600_000)h" }
    if millis != 0, millis % 60_000 == 0 { return "\(millis / 60_000)m" }
    if millis % 1000 == 0 { return "\(millis / 1000)s" }
    return "\(millis)ms"
}

extension BoundExpression {
    /// The expression as SQL-like text, naming slots by `names`.
    public func sql(names: [String]) -> String {
        func name(_ slot: Int) -> String { slot >= 0 && slot < names.count ? names[slot] : "$\(slot)" }
        switch self {
        case .slot(let s): return name(s)
        case .constant(let v): return v.sqlLiteral
        case let .negate(e, _): return "-\(e.sql(names: names))"
        case let .not(e): return "NOT \(e.sql(names: names))"
        case let .arithmetic(op, a, b, _): return "(\(a.sql(names: names)) \(op.rawValue) \(b.sql(names: names)))"
        case let .comparison(op, a, b): return "\(a.sql(names: names)) \(op.rawValue) \(b.sql(names: names))"
        case let .and(a, b): return "(\(a.sql(names: names)) AND \(b.sql(names: names)))"
        case let .or(a, b): return "(\(a.sql(names: names)) OR \(b.sql(names: names)))"
        case let .isNull(e, n): return "\(e.sql(names: names)) IS \(n ? "NOT " : "")NULL"
        case let .isBoolean(e, v, n): return "\(e.sql(names: names)) IS \(n ? "NOT " : "")\(v ? "TRUE" : "FALSE")"
        case let .like(e, p, n): return "\(e.sql(names: names)) \(n ? "NOT " : "")LIKE '\(p.text)'"
        case let .likeDynamic(e, p, _, n): return "\(e.sql(names: names)) \(n ? "NOT " : "")LIKE \(p.sql(names: names))"
        case let .inList(e, list, n): return "\(e.sql(names: names)) \(n ? "NOT " : "")IN (\(list.map { $0.sql(names: names) }.joined(separator: ", ")))"
        case let .between(e, l, h, n): return "\(e.sql(names: names)) \(n ? "NOT " : "")BETWEEN \(l.sql(names: names)) AND \(h.sql(names: names))"
        case let .caseWhen(branches, other):
            let whens = branches.map { "WHEN \($0.condition.sql(names: names)) THEN \($0.result.sql(names: names))" }
            return "CASE \(whens.joined(separator: " ")) ELSE \(other.sql(names: names)) END"
        case let .cast(e, _, t): return "CAST(\(e.sql(names: names)) AS \(t))"
        case let .call(fn, args, _): return "\(fn.rawValue)(\(args.map { $0.sql(names: names) }.joined(separator: ", ")))"
        }
    }
}

extension Value {
    /// The value as a SQL literal.
    public var sqlLiteral: String {
        switch self {
        case .null: "NULL"
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .int(let v): String(v)
        case .double(let v): String(v)
        case let .decimal(v, s): Decimal.text(v, scale: Int(s))
        case let .wideDecimal(w): Decimal.text(w.unscaled, scale: Int(w.scale))
        case .string(let s): "'\(s)'"
        case .timestamp(let t): "TIMESTAMP '\(Timestamp.format(t))'"
        case .interval(let ms): "INTERVAL '\(formatDuration(ms))'"
        }
    }
}

/// Text of scaled-integer decimals.
public enum Decimal {
    /// `12345, scale 2` → `123.45`.
    public static func text(_ unscaled: Int64, scale: Int) -> String {
        var out: [UInt8] = []
        append(unscaled, scale: scale, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `12345…, scale 2` → `123…45`, past 64 bits.
    public static func text(_ unscaled: Int128, scale: Int) -> String {
        var out: [UInt8] = []
        append(unscaled, scale: scale, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text`'s bytes appended to `out` (the result writers' path: no String on the way).
    @inlinable
    public static func append(_ unscaled: Int64, scale: Int, to out: inout [UInt8]) {
        append(unscaled.magnitude, negative: unscaled < 0, scale: scale, to: &out)
    }

    public static func append(_ unscaled: Int128, scale: Int, to out: inout [UInt8]) {
        append(unscaled.magnitude, negative: unscaled < 0, scale: scale, to: &out)
    }

    @inlinable
    static func append<M: UnsignedInteger>(_ magnitude: M, negative: Bool, scale: Int, to out: inout [UInt8]) {
        if negative { out.append(UInt8(ascii: "-")) }
        let scale = max(0, scale)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digits in
            var count = 0
            var m = magnitude
            repeat {
                digits[count] = UInt8(ascii: "0") &+ UInt8(m % 10)
                m /= 10
                count += 1
            } while m > 0
            while count <= scale, count < 64 {
                digits[count] = UInt8(ascii: "0")
                count += 1
            }
            var i = count - 1
            while i >= 0 {
                if i == scale - 1 { out.append(UInt8(ascii: ".")) }
                out.append(digits[i])
                i -= 1
            }
        }
    }
}

extension RelationalPlan {
    /// The operator graph as a tree, the result at the top, each line one operator with its
    /// changelog mode (what `EXPLAIN` prints for a query of several operators).
    public var explanation: String {
        var lines: [String] = []
        func walk(_ node: PlanNode, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            let names = node.inputs.first?.columns.map(\.name) ?? []
            func name(_ slot: Int) -> String { slot < names.count ? names[slot] : "$\(slot)" }
            let mode = "[\(node.changelogMode.rawValue)]"
            switch node {
            case .source(let plan):
                lines.append("\(indent)Scan \(mode)")
                for line in plan.explanation.split(separator: "\n") { lines.append("\(indent)  | \(line)") }
            case .calc(_, let plan):
                var text = "Calc"
                if let filter = plan.filter { text += " where=[\(filter.sql(names: plan.fields.map(\.name)))]" }
                text += " select=[\(zip(plan.projections, plan.outputColumns).map { "\($0.sql(names: plan.fields.map(\.name))) AS \($1.name)" }.joined(separator: ", "))]"
                lines.append("\(indent)\(text) \(mode)")
            case .rank(_, let spec):
                let order = spec.order.map { "\(name($0.slot))\($0.descending ? " DESC" : "")" }.joined(separator: ", ")
                lines.append("\(indent)\(spec.windowed ? "WindowRank" : "Rank"): \(spec.function.rawValue) partition=[\(spec.partition.map(name).joined(separator: ", "))] order=[\(order)] \(spec.start > 1 ? "\(spec.start)<=" : "")rn<=\(spec.limit) \(mode)")
            case .deduplicate(_, let spec):
                lines.append("\(indent)\(spec.windowed ? "WindowDeduplicate" : "Deduplicate"): keep=\(spec.keepLast ? "last" : "first") keys=[\(spec.keys.map(name).joined(separator: ", "))] order=[\(spec.byArrival ? "PROCTIME" : name(spec.timeSlot))] \(mode)")
            case .overAggregate(_, let spec):
                let frame = switch spec.frame {
                case .rows(let n): n.map { "ROWS \($0) PRECEDING" } ?? "ROWS UNBOUNDED PRECEDING"
                case .range(let n): n.map { "RANGE \(formatDuration($0)) PRECEDING" } ?? "RANGE UNBOUNDED PRECEDING"
                }
                lines.append("\(indent)\(spec.nonTime ? "NonTimeOverAggregate" : "OverAggregate"): partition=[\((spec.partition.map(name) + spec.partitionExpressions.map { _ in "expression" }).joined(separator: ", "))] order=[\(name(spec.timeSlot))] \(frame) aggregates=[\(spec.calls.map(\.text).joined(separator: ", "))] \(mode)")
            case .union:
                lines.append("\(indent)Union All \(mode)")
            case let .windowJoin(left, right, spec):
                let l = left.columns.map(\.name), r = right.columns.map(\.name)
                let keys = (["window_start = window_start", "window_end = window_end"] + zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(r[$1])" }).joined(separator: " AND ")
                lines.append("\(indent)WindowJoin: \(spec.semi?.rawValue ?? spec.kind.rawValue) on [\(keys)] \(mode)")
            case let .changelogNormalize(_, spec):
                let keys = spec.keys
                lines.append("\(indent)ChangelogNormalize: key=[\(keys.map(name).joined(separator: ", "))] \(mode)")
            case .groupAggregate(_, let spec):
                lines.append("\(indent)\(spec.windowEndKey == nil ? "GroupAggregate" : "WindowAggregate (written as each window closes)"): keys=[\(spec.keys.map { $0.sql(names: names) }.joined(separator: ", "))] aggregates=[\(spec.calls.map(\.text).joined(separator: ", "))] \(mode)")
            case .expandRows(_, let plans, _):
                lines.append("\(indent)Expand: \(plans.count) grouping sets, each row once per set \(mode)")
            case .expand(let inputs):
                lines.append("\(indent)Expand: \(inputs.count) grouping sets \(mode)")
            case let .unnest(input, spec) where spec.replicates:
                lines.append("\(indent)Correlate: ReplicateRows(\(input.columns[spec.arraySlot].name)) \(mode)")
            case let .unnest(input, spec):
                lines.append("\(indent)Correlate: UNNEST(\(input.columns[spec.arraySlot].name == "$array" ? "array" : input.columns[spec.arraySlot].name)) AS \(spec.rightName) (\(spec.elementName))\(spec.keepsEmpty ? " LEFT" : "") \(mode)")
            case let .lookupJoin(left, spec):
                let l = left.columns.map(\.name)
                let keys = zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(spec.rightName).\(spec.table.columns[$1].name)" }.joined(separator: " AND ")
                var where_ = "the table"
                if case let .jdbc(url, name) = spec.table.source { where_ = "\(name) at \(JDBCURL.redacted(url))" }
                lines.append("\(indent)LookupJoin: \(spec.kind.rawValue) \(where_) on [\(keys)] \(mode)")
            case let .windowAssign(input, spec):
                let partition = spec.partition.isEmpty ? "" : " partition by [\(spec.partition.map { input.columns[$0].name }.joined(separator: ", "))]"
                lines.append("\(indent)WindowTableFunction: \(spec.window.sql) on \(input.columns[spec.timeSlot].name)\(partition) \(mode)")
            case .regularJoin(let left, let right, let spec):
                let l = left.columns.map(\.name), r = right.columns.map(\.name)
                let keys = zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(r[$1])" }.joined(separator: " AND ")
                lines.append("\(indent)Join: \(spec.kind.rawValue) on [\(keys)] \(mode)")
            case .semiJoin(let left, let right, let spec):
                let l = left.columns.map(\.name), r = right.columns.map(\.name)
                var keys = zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(r[$1])" }
                for (a, b) in spec.nullAwareKeys { keys.append("\(l[a]) = \(r[b]) OR either IS NULL") }
                if spec.residual != nil { keys.append("a correlated condition") }
                lines.append("\(indent)Join: \(spec.anti ? "LeftAntiJoin" : "LeftSemiJoin") on [\(keys.joined(separator: " AND "))] \(mode)")
            case let .temporalSort(input, spec):
                let names = input.columns.map(\.name)
                let order = ([names[spec.timeSlot]] + spec.order.map { "\(names[$0.slot])\($0.descending ? " DESC" : "")" }).joined(separator: ", ")
                lines.append("\(indent)TemporalSort: ORDER BY \(order), each row when the watermark passes its time \(mode)")
            case .temporalJoin(let left, let right, let spec):
                let l = left.columns.map(\.name), r = right.columns.map(\.name)
                let keys = zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(r[$1])" }.joined(separator: " AND ")
                lines.append("\(indent)TemporalJoin: \(spec.kind.rawValue) on [\(keys)] the version as of left.\(l[spec.leftTimeSlot]) by right.\(r[spec.rightTimeSlot]) \(mode)")
            case .intervalJoin(let left, let right, let spec):
                let l = left.columns.map(\.name), r = right.columns.map(\.name)
                let keys = zip(spec.leftKeys, spec.rightKeys).map { "\(l[$0]) = \(r[$1])" }.joined(separator: " AND ")
                lines.append("\(indent)IntervalJoin: \(spec.kind.rawValue) on [\(keys)] right.\(r[spec.rightTimeSlot]) in [left.\(l[spec.leftTimeSlot]) + \(formatDuration(spec.lowerBound)), left.\(l[spec.leftTimeSlot]) + \(formatDuration(spec.upperBound))] \(mode)")
            }
            for input in node.inputs { walk(input, depth: depth + 1) }
        }
        walk(root, depth: 0)
        return lines.joined(separator: "\n")
    }
}
