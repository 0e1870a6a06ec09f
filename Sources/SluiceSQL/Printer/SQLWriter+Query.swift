extension SQLWriter {
    mutating func write(_ query: SelectStatement) {
        write("SELECT ")
        writeList(query.items) { writer, item in writer.write(item) }
        write(" FROM ")
        write(query.from.source)
        for join in query.from.joins { write(join) }
        if let window = query.window { write(window) }
        if let condition = query.whereClause {
            write(" WHERE ")
            write(condition, minimum: .or)
        }
        if let groupBy = query.groupBy {
            write(" GROUP BY ")
            writeGrouping(groupBy)
        }
        if let partitionBy = query.partitionBy {
            write(" PARTITION BY ")
            writeGrouping(partitionBy)
        }
        if let having = query.having {
            write(" HAVING ")
            write(having, minimum: .or)
        }
        if let emit = query.emit { write(" EMIT \(emit.rawValue)") }
        if let limit = query.limit { write(" LIMIT \(limit)") }
    }

    private mutating func write(_ item: SelectItem) {
        switch item.kind {
        case .expr(let value, let alias):
            write(value, minimum: .or)
            if let alias {
                write(" AS ")
                write(alias)
            }
        case .all:
            write("*")
        case .allFrom(let source):
            write(source)
            write(".*")
        case .structAll(let value):
            write(value, minimum: .primary)
            write("->*")
        }
    }

    private mutating func write(_ relation: AliasedRelation) {
        write(relation.name)
        if let alias = relation.alias {
            write(" AS ")
            write(alias)
        }
    }

    private mutating func write(_ join: JoinClause) {
        switch join.type {
        case .inner: write(" INNER JOIN ")
        case .left: write(" LEFT JOIN ")
        case .right: write(" RIGHT JOIN ")
        case .full: write(" FULL OUTER JOIN ")
        }
        write(join.relation)
        if let within = join.within {
            write(" WITHIN ")
            if let after = within.after {
                write("(")
                write(within.before)
                write(", ")
                write(after)
                write(")")
            } else {
                write(within.before)
            }
            if let grace = within.grace {
                write(" GRACE PERIOD ")
                write(grace)
            }
        }
        write(" ON ")
        write(join.condition, minimum: .or)
    }

    private mutating func write(_ window: WindowSpec) {
        write(" WINDOW ")
        if let name = window.name {
            write(name)
            write(" ")
        }
        switch window.kind {
        case .tumbling(let size):
            write("TUMBLING (SIZE ")
            write(size)
        case .hopping(let size, let advance):
            write("HOPPING (SIZE ")
            write(size)
            write(", ADVANCE BY ")
            write(advance)
        case .session(let gap):
            write("SESSION (")
            write(gap)
        }
        if let retention = window.retention {
            write(", RETENTION ")
            write(retention)
        }
        if let grace = window.grace {
            write(", GRACE PERIOD ")
            write(grace)
        }
        write(")")
    }

    /// GROUP BY / PARTITION BY items: `a, b`, or `()` for none.
    private mutating func writeGrouping(_ items: [Expr]) {
        if items.isEmpty {
            write("()")
            return
        }
        writeList(items) { $0.write($1, minimum: .concat) }
    }
}
