extension Statement {
    /// The queries of the statement, each once (subqueries, WITH queries, UNION ALL branches).
    public var queries: [Query] {
        switch self {
        case .query(let q), .explain(let q), .createView(_, let q): q.allQueries
        case .insert(let insert): insert.query.allQueries
        case .statementSet(let inserts, _), .explainInserts(let inserts): inserts.flatMap(\.query.allQueries)
        case .createTable, .set: []
        }
    }

    /// Where `name` is first used as a column in the query whose own clauses use it at
    /// `location`: an unknown name is marked where the reader first meets it.
    public func firstUse(ofColumn name: String, sameQueryAs location: SourceLocation) -> SourceLocation? {
        let lower = name.lowercased()
        for query in queries {
            let uses = query.ownExpressions.flatMap { $0.columnUses }.filter { $0.name.lowercased() == lower }
            guard uses.contains(where: { $0.location.offset == location.offset }) else { continue }
            return uses.min { $0.location.offset < $1.location.offset }?.location
        }
        return nil
    }
}

extension Query {
    var allQueries: [Query] {
        var out = [self]
        for cte in ctes { out += cte.query.allQueries }
        for branch in unionAll { out += branch.allQueries }
        out += from.subqueries.flatMap(\.allQueries)
        return out
    }

    /// The expressions of this query's own clauses, not of its subqueries.
    var ownExpressions: [Expression] {
        var out: [Expression] = items.compactMap { if case .expression(let e, _) = $0 { e } else { nil } }
        if let whereClause { out.append(whereClause) }
        out += groupBy
        if let having { out.append(having) }
        if case .join(_, _, _, let on?, _) = from { out.append(on) }
        return out
    }
}

extension TableReference {
    var subqueries: [Query] {
        switch self {
        case .subquery(let q, _): [q]
        case let .join(left, right, _, _, _): left.subqueries + right.subqueries
        default: []
        }
    }
}

extension Expression {
    /// The column names read anywhere inside, with where each is written.
    var columnUses: [Identifier] {
        var out: [Identifier] = []
        var stack = [self]
        while let e = stack.popLast() {
            if case let .column(_, name) = e.kind { out.append(name) }
            stack += e.kind.children
        }
        return out
    }
}
