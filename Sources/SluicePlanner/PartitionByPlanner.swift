import SluiceCore
import SluicePlan
import SluiceSQL

/// A key column computed by `PARTITION BY`.
struct PartitionKey {
    /// The expression as written; a projection item equal to it selects this key.
    var expr: Expr
    var name: String
    var type: SQLType
    var slot: Int
}

/// Plans `PARTITION BY e1, e2, ...` (or `PARTITION BY NULL`, which makes the result keyless).
///
/// The new keys come first in the row; the old key columns become value columns after the old
/// value columns, as ksqlDB's repartition orders them. A value column whose name a new key takes
/// (`PARTITION BY name`) is replaced by the key.
struct PartitionByPlanner {
    let context: PlannerContext
    var names: ColumnNameGenerator

    struct Result {
        var step: PlanStep
        var scope: Scope
        var keys: [PartitionKey]
        var names: ColumnNameGenerator
    }

    mutating func plan(_ exprs: [Expr], scope: Scope, input: PlanStep, range: SourceRange) throws(Diagnostic) -> Result {
        let analyzer = ExpressionAnalyzer(scope: scope, registry: context.registry, types: context.types, clause: "PARTITION BY")
        guard !exprs.isEmpty else {
            throw .error("PARTITION BY requires at least one expression", at: range)
        }
        let keyless = exprs.count == 1 && exprs[0].kind == .literal(.null)
        var keys: [PartitionKey] = []
        var plans: [PlanExpr] = []
        if !keyless {
            for expr in exprs {
                if case .literal(.null) = expr.kind {
                    throw .error("PARTITION BY NULL cannot be combined with other expressions", at: expr.range)
                }
                let (plan, type) = try analyzer.analyzeTyped(expr)
                let name = keyName(expr)
                if keys.contains(where: { $0.name == name }) {
                    throw .error("Duplicate PARTITION BY expression: \(expr)", at: expr.range)
                }
                keys.append(PartitionKey(expr: expr, name: name, type: type, slot: keys.count))
                plans.append(plan)
            }
        }
        let shift = keys.count
        let keyNames = Set(keys.map(\.name))
        var columns = keys.map { key in
            ScopeColumn(name: key.name, type: key.type, slot: key.slot, source: nil, kind: .key, isPseudo: false)
        }
        let old = scope.columns.filter { !keyNames.contains($0.name) || $0.isPseudo }
        for column in old where column.kind != .key && !column.isPseudo {
            columns.append(shifted(column, by: shift, kind: column.kind))
        }
        for column in old where column.kind == .key {
            columns.append(shifted(column, by: shift, kind: .value))
        }
        for column in old where column.isPseudo {
            columns.append(shifted(column, by: shift, kind: .value))
        }
        let valueSlots = Set(scope.columns.filter { $0.kind != .key }.map(\.slot))
        let readsValue = plans.map { $0.columnSlots.contains { valueSlots.contains($0) } }
        let step = PlanStep.partitionBy(PartitionByStep(
            input: input, keys: plans, text: exprs.map(\.description), readsValue: readsValue))
        return Result(step: step, scope: Scope(columns: columns), keys: keys, names: names)
    }

    private func shifted(_ column: ScopeColumn, by shift: Int, kind: ColumnKind) -> ScopeColumn {
        var copy = column
        copy.slot += shift
        copy.kind = kind
        return copy
    }

    /// A column keeps its name, a struct field its field name; anything else gets `KSQL_COL_n`.
    private mutating func keyName(_ expr: Expr) -> String {
        switch expr.kind {
        case .column(let name): return name.value
        case .qualifiedColumn(_, let name): return name.value
        case .dereference(_, let field): return field.value
        default: return names.make()
        }
    }
}
