/// Rewriting expressions: their conjuncts, and a copy with each child transformed.
extension Expression {
    /// The operands of a chain of ANDs.
    public var conjuncts: [Expression] {
        if case let .binary(.and, a, b) = kind { return a.conjuncts + b.conjuncts }
        return [self]
    }

    public static func conjunction(_ terms: [Expression]) -> Expression? {
        guard var result = terms.first else { return nil }
        for term in terms.dropFirst() { result = Expression(.binary(.and, result, term), at: result.location) }
        return result
    }

    /// The same expression with each direct child transformed.
    public func mapChildren(_ transform: (Expression) -> Expression) -> Expression {
        let k: Kind
        switch kind {
        case .column, .literal, .star: return self
        case let .unary(op, a): k = .unary(op, transform(a))
        case let .binary(op, a, b): k = .binary(op, transform(a), transform(b))
        case let .function(name, args, distinct): k = .function(name: name, arguments: args.map(transform), distinct: distinct)
        case let .cast(a, type): k = .cast(transform(a), type)
        case let .caseWhen(o, branches, other):
            k = .caseWhen(operand: o.map(transform), branches: branches.map { .init(condition: transform($0.condition), result: transform($0.result)) },
                          otherwise: other.map(transform))
        case let .between(a, lo, hi, n): k = .between(transform(a), low: transform(lo), high: transform(hi), negated: n)
        case let .inList(a, list, n): k = .inList(transform(a), list.map(transform), negated: n)
        case let .like(a, p, esc, n): k = .like(transform(a), pattern: transform(p), escape: esc.map(transform), negated: n)
        case let .isNull(a, n): k = .isNull(transform(a), negated: n)
        case let .isBoolean(a, v, n): k = .isBoolean(transform(a), value: v, negated: n)
        case let .substring(a, f, l): k = .substring(transform(a), from: transform(f), length: l.map(transform))
        case let .trim(a, c, side): k = .trim(transform(a), characters: c.map(transform), side: side)
        case let .over(call, window): k = .over(transform(call), window)
        case let .groupingSets(sets): k = .groupingSets(sets.map { $0.map(transform) })
        case .exists, .scalarSubquery: return self
        case let .inSubquery(a, q, n): k = .inSubquery(transform(a), q, negated: n)
        }
        return Expression(k, at: location)
    }
}
