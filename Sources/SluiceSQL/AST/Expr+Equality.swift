// Structural equality and hashing of expressions without recursion: each node compares its own
// payload (operator, names, counts) and queues its children, so a tree of any depth is fine.

extension Expr {
    public static func == (lhs: Expr, rhs: Expr) -> Bool {
        var pending: [(Expr, Expr)] = [(lhs, rhs)]
        var left: [Expr] = []
        var right: [Expr] = []
        while let (a, b) = pending.popLast() {
            if a.node === b.node { continue }
            guard a.node.kind.hasSameShape(as: b.node.kind) else { return false }
            left.removeAll(keepingCapacity: true)
            right.removeAll(keepingCapacity: true)
            a.node.kind.forEachChild { left.append($0) }
            b.node.kind.forEachChild { right.append($0) }
            guard left.count == right.count else { return false }
            for index in left.indices { pending.append((left[index], right[index])) }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var pending: [Expr] = [self]
        while let next = pending.popLast() {
            next.node.kind.hashShape(into: &hasher)
            next.node.kind.forEachChild { pending.append($0) }
        }
    }
}

extension Expr.Kind {
    /// Calls `body` with each direct child expression, in source order.
    @inline(__always)
    func forEachChild(_ body: (Expr) -> Void) {
        switch self {
        case .literal, .typedLiteral, .column, .qualifiedColumn, .timeUnit, .functionCallStar:
            return
        case .unary(_, let operand), .not(let operand), .isNull(let operand, _), .atTimeZone(let operand, _),
            .cast(let operand, _), .dereference(let operand, _):
            body(operand)
        case .arithmetic(_, let lhs, let rhs), .concat(let lhs, let rhs), .comparison(_, let lhs, let rhs),
            .isDistinctFrom(let lhs, let rhs, _),
            .subscript(let lhs, let rhs), .like(let lhs, let rhs, _, _):
            body(lhs)
            body(rhs)
        case .between(let value, let lower, let upper, _):
            body(value)
            body(lower)
            body(upper)
        case .inList(let value, let list, _):
            body(value)
            list.forEach(body)
        case .simpleCase(let operand, let whens, let otherwise):
            body(operand)
            for when in whens {
                body(when.condition)
                body(when.result)
            }
            if let otherwise { body(otherwise) }
        case .searchedCase(let whens, let otherwise):
            for when in whens {
                body(when.condition)
                body(when.result)
            }
            if let otherwise { body(otherwise) }
        case .array(let elements), .functionCall(_, let elements), .and(let elements), .or(let elements):
            elements.forEach(body)
        case .map(let entries):
            for entry in entries {
                body(entry.key)
                body(entry.value)
            }
        case .structConstructor(let entries):
            for entry in entries { body(entry.value) }
        case .lambda(_, let lambdaBody):
            body(lambdaBody)
        }
    }

    /// Whether two nodes agree on everything but their children (which the caller compares).
    func hasSameShape(as other: Expr.Kind) -> Bool {
        switch (self, other) {
        case (.literal(let a), .literal(let b)): a == b
        case (.typedLiteral(let t1, let v1), .typedLiteral(let t2, let v2)): t1 == t2 && v1 == v2
        case (.column(let a), .column(let b)): a == b
        case (.qualifiedColumn(let s1, let c1), .qualifiedColumn(let s2, let c2)): s1 == s2 && c1 == c2
        case (.unary(let a, _), .unary(let b, _)): a == b
        case (.arithmetic(let a, _, _), .arithmetic(let b, _, _)): a == b
        case (.concat, .concat), (.not, .not), (.subscript, .subscript): true
        case (.and(let a), .and(let b)), (.or(let a), .or(let b)): a.count == b.count
        case (.comparison(let a, _, _), .comparison(let b, _, _)): a == b
        case (.between(_, _, _, let a), .between(_, _, _, let b)): a == b
        case (.inList(_, let l1, let a), .inList(_, let l2, let b)): a == b && l1.count == l2.count
        case (.like(_, _, let e1, let a), .like(_, _, let e2, let b)): a == b && e1 == e2
        case (.isNull(_, let a), .isNull(_, let b)): a == b
        case (.isDistinctFrom(_, _, let a), .isDistinctFrom(_, _, let b)): a == b
        case (.atTimeZone(_, let a), .atTimeZone(_, let b)): a == b
        case (.simpleCase(_, let w1, let e1), .simpleCase(_, let w2, let e2)),
            (.searchedCase(let w1, let e1), .searchedCase(let w2, let e2)):
            w1.count == w2.count && (e1 == nil) == (e2 == nil)
        case (.cast(_, let a), .cast(_, let b)): a == b
        case (.array(let a), .array(let b)): a.count == b.count
        case (.map(let a), .map(let b)): a.count == b.count
        case (.structConstructor(let a), .structConstructor(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name }
        case (.functionCall(let n1, let a1), .functionCall(let n2, let a2)): n1 == n2 && a1.count == a2.count
        case (.functionCallStar(let a), .functionCallStar(let b)): a == b
        case (.lambda(let a, _), .lambda(let b, _)): a == b
        case (.timeUnit(let a), .timeUnit(let b)): a == b
        case (.dereference(_, let a), .dereference(_, let b)): a == b
        default: false
        }
    }

    /// Hashes what ``hasSameShape(as:)`` compares.
    func hashShape(into hasher: inout Hasher) {
        switch self {
        case .literal(let value): hasher.combine(0); hasher.combine(value)
        case .typedLiteral(let type, let value): hasher.combine(1); hasher.combine(type); hasher.combine(value)
        case .column(let name): hasher.combine(2); hasher.combine(name)
        case .qualifiedColumn(let source, let column): hasher.combine(3); hasher.combine(source); hasher.combine(column)
        case .unary(let op, _): hasher.combine(4); hasher.combine(op)
        case .arithmetic(let op, _, _): hasher.combine(5); hasher.combine(op)
        case .concat: hasher.combine(6)
        case .comparison(let op, _, _): hasher.combine(7); hasher.combine(op)
        case .and(let operands): hasher.combine(8); hasher.combine(operands.count)
        case .or(let operands): hasher.combine(9); hasher.combine(operands.count)
        case .not: hasher.combine(10)
        case .between(_, _, _, let negated): hasher.combine(11); hasher.combine(negated)
        case .inList(_, let list, let negated): hasher.combine(12); hasher.combine(list.count); hasher.combine(negated)
        case .like(_, _, let escape, let negated): hasher.combine(13); hasher.combine(escape); hasher.combine(negated)
        case .isNull(_, let negated): hasher.combine(14); hasher.combine(negated)
        case .isDistinctFrom(_, _, let negated): hasher.combine(15); hasher.combine(negated)
        case .atTimeZone(_, let zone): hasher.combine(16); hasher.combine(zone)
        case .simpleCase(_, let whens, let otherwise):
            hasher.combine(17); hasher.combine(whens.count); hasher.combine(otherwise == nil)
        case .searchedCase(let whens, let otherwise):
            hasher.combine(18); hasher.combine(whens.count); hasher.combine(otherwise == nil)
        case .cast(_, let type): hasher.combine(19); hasher.combine(type)
        case .array(let elements): hasher.combine(20); hasher.combine(elements.count)
        case .map(let entries): hasher.combine(21); hasher.combine(entries.count)
        case .structConstructor(let entries): hasher.combine(22); for entry in entries { hasher.combine(entry.name) }
        case .functionCall(let name, let arguments):
            hasher.combine(23); hasher.combine(name); hasher.combine(arguments.count)
        case .functionCallStar(let name): hasher.combine(24); hasher.combine(name)
        case .lambda(let parameters, _): hasher.combine(25); hasher.combine(parameters)
        case .timeUnit(let unit): hasher.combine(26); hasher.combine(unit)
        case .subscript: hasher.combine(27)
        case .dereference(_, let field): hasher.combine(28); hasher.combine(field)
        }
    }
}
