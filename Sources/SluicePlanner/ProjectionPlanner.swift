import SluiceCore
import SluicePlan
import SluiceSQL

/// Plans a select list: expands `*`, `s.*` and `struct->*`, names the result columns, and for a
/// persistent query applies ksqlDB's key rules (each key column selected exactly once; it stays
/// the key, under its alias).
struct ProjectionPlanner {
    let context: PlannerContext
    let scope: Scope
    let partitionKeys: [PartitionKey]
    var names: ColumnNameGenerator
    /// Where the flat-map step put the value of each table function call (`EXPLODE`).
    var tableFunctionSlots: [ObjectIdentifier: (slot: Int, type: SQLType)] = [:]

    /// One result column before keys and values are sorted out.
    private struct Item {
        var name: String
        var plan: PlanExpr
        var type: SQLType
        /// The scope key column this item selects unchanged, if any.
        var keySlot: Int?
        var range: SourceRange
        /// Position in the expanded select list.
        var position = 0
    }

    /// - Parameter selectRange: where the SELECT is, for errors about the list as a whole.
    mutating func plan(
        _ selectItems: [SelectItem], sinkName: String?, selectRange: SourceRange
    ) throws(Diagnostic) -> (expressions: [PlanExpr], schema: Schema) {
        let items = try expand(selectItems)
        guard let sinkName else {
            try checkDuplicates(items.map { ($0.name, $0.range) })
            return (items.map(\.plan), Schema(items.map { Column($0.name, $0.type) }))
        }
        let keyColumns = scope.columns.filter { $0.kind == .key }
        // ksqlDB's new query planner orders keys as the projection does and lets a query drop them.
        let newPlanner = context.property("ksql.new.query.planner.enabled")?.lowercased() == "true"
        var keyItems: [Item] = []
        var missing: [ScopeColumn] = []
        for key in keyColumns {
            let selecting = items.filter { $0.keySlot == key.slot }
            if selecting.count > 1 {
                throw .error("The projection contains a key column (`\(key.name)`) more than once, aliased as: "
                    + selecting.map(\.name).joined(separator: " and ") + ".", at: selecting[1].range)
            }
            if let item = selecting.first { keyItems.append(item) } else { missing.append(key) }
        }
        if !missing.isEmpty && !newPlanner {
            throw missingKeys(missing, sinkName: sinkName, range: selectRange)
        }
        if newPlanner {
            keyItems.sort { $0.position < $1.position }
        }
        let keySlots = Set(keyColumns.map(\.slot))
        let valueItems = items.filter { item in item.keySlot.map { !keySlots.contains($0) } ?? true }
        if valueItems.isEmpty {
            throw .error("The projection contains no value columns.", at: selectItems.first?.range ?? SourceRange(at: 0))
        }
        try checkDuplicates((keyItems + valueItems).map { ($0.name, $0.range) })
        let columns = keyItems.map { Column($0.name, $0.type, kind: .key) } + valueItems.map { Column($0.name, $0.type) }
        return ((keyItems + valueItems).map(\.plan), Schema(columns))
    }

    private func missingKeys(_ missing: [ScopeColumn], sinkName: String, range: SourceRange) -> Diagnostic {
        if let key = partitionKeys.first(where: { key in missing.contains { $0.slot == key.slot } }),
            !isColumnReference(key.expr)
        {
            let text = key.expr.description
            return .error("The query used to build `\(sinkName)` must include the partitioning expression \(text) in its "
                + "projection (eg, SELECT \(text)...).", at: key.expr.range)
        }
        let names = missing.map(\.name)
        let listed = names.count == 1 ? "key column \(names[0])" : "key columns " + names.joined(separator: " and ")
        return .error("The query used to build `\(sinkName)` must include the \(listed) in its projection "
            + "(eg, SELECT \(names.joined(separator: ", "))...).", at: range)
    }

    private func isColumnReference(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .column, .qualifiedColumn: true
        default: false
        }
    }

    private mutating func expand(_ selectItems: [SelectItem]) throws(Diagnostic) -> [Item] {
        var analyzer = ExpressionAnalyzer(scope: scope, registry: context.registry, types: context.types, clause: "SELECT")
        analyzer.tableFunctionSlots = tableFunctionSlots
        var items: [Item] = []
        for selectItem in selectItems {
            switch selectItem.kind {
            case .all:
                for column in scope.starColumns() { items.append(item(for: column, range: selectItem.range)) }
            case .allFrom(let source):
                guard scope.hasSource(source.value) else {
                    throw .error("Unknown source in \(source.value).*", at: selectItem.range)
                }
                for column in scope.starColumns(of: source.value) { items.append(item(for: column, range: selectItem.range)) }
            case .structAll(let expr):
                let (plan, type) = try analyzer.analyzeTyped(expr)
                guard case .struct(let fields) = type else {
                    throw .error("Expected STRUCT type for '->*' but \(expr) is \(type)", at: expr.range)
                }
                for (index, field) in fields.enumerated() {
                    items.append(Item(name: field.name, plan: .field(operand: plan, index: index, type: field.type),
                                      type: field.type, keySlot: nil, range: selectItem.range))
                }
            case .expr(let expr, let alias):
                if let alias, reservedColumnNames.contains(alias.value.uppercased()) {
                    throw .error("`\(alias.value)` is a reserved column name. You cannot use it as an alias for a column.",
                                 at: alias.range)
                }
                let (plan, type) = try analyzer.analyzeTyped(expr)
                let keySlot = selectedKeySlot(expr)
                let name = alias?.value ?? derivedName(expr, keySlot: keySlot, taken: items)
                items.append(Item(name: name, plan: plan, type: type, keySlot: keySlot, range: expr.range))
            }
        }
        for index in items.indices { items[index].position = index }
        return items
    }

    private func item(for column: ScopeColumn, range: SourceRange) -> Item {
        Item(name: column.name, plan: .column(index: column.slot, type: column.type), type: column.type,
             keySlot: column.kind == .key ? column.slot : nil, range: range)
    }

    /// The key column an item selects unchanged: a reference to a key column, or an expression equal
    /// to a PARTITION BY expression. `AS_VALUE(...)` never selects a key.
    private func selectedKeySlot(_ expr: Expr) -> Int? {
        if let key = partitionKeys.first(where: { $0.expr == expr }) { return key.slot }
        let column: ScopeColumn?
        switch expr.kind {
        case .column(let name): column = try? scope.lookup(name.value, source: nil, range: expr.range)
        case .qualifiedColumn(let source, let name): column = try? scope.lookup(name.value, source: source.value, range: expr.range)
        default: column = nil
        }
        guard let column, column.kind == .key else { return nil }
        return column.slot
    }

    private mutating func derivedName(_ expr: Expr, keySlot: Int?, taken: [Item]) -> String {
        if let keySlot, let key = scope.columns.first(where: { $0.slot == keySlot && $0.kind == .key }) { return key.name }
        switch expr.kind {
        case .column(let name): return name.value
        case .qualifiedColumn(_, let name): return name.value
        case .dereference(_, let field):
            // A field named like a source column or an earlier result column gets a suffix:
            // `SELECT B, A->B, C->B` names its columns B, B_1, B_2.
            let used = Set(scope.columns.map(\.name) + taken.map(\.name))
            guard used.contains(field.value) else { return field.value }
            var suffix = 1
            while used.contains("\(field.value)_\(suffix)") { suffix += 1 }
            return "\(field.value)_\(suffix)"
        default: return names.make()
        }
    }

    private func checkDuplicates(_ columns: [(String, SourceRange)]) throws(Diagnostic) {
        var seen = Set<String>()
        for (name, range) in columns where !seen.insert(name).inserted {
            throw .error("Cannot create a stream with duplicate column names: \(name)", at: range)
        }
    }
}
