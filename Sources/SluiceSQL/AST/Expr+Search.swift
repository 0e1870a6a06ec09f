extension Expr {
    /// Identifies this node of the tree (not its structure: two equal calls at different places
    /// differ), so a planner can replace one occurrence of an expression.
    public var occurrence: ObjectIdentifier { ObjectIdentifier(node) }

    /// The subexpressions (this one included) for which `matches` is true, in source order,
    /// without looking inside a match. Iterative, so a tree of any depth is fine.
    public func subexpressions(where matches: (Expr) -> Bool) -> [Expr] {
        var found: [Expr] = []
        var pending: [Expr] = [self]
        var children: [Expr] = []
        while let next = pending.popLast() {
            if matches(next) {
                found.append(next)
                continue
            }
            children.removeAll(keepingCapacity: true)
            next.node.kind.forEachChild { children.append($0) }
            pending.append(contentsOf: children.reversed())
        }
        return found
    }
}
