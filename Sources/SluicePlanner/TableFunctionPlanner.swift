import SluiceCore
import SluicePlan
import SluiceSQL

/// Plans the table function calls of a select list (`SELECT id, EXPLODE(tags) AS tag`): a flat-map
/// step before the projection computes every call, and the projection reads each call's value
/// from the slot the step appends for it.
struct TableFunctionPlanner {
    let context: PlannerContext

    /// - Parameters:
    ///   - items: the select list.
    ///   - width: the number of slots of the rows `input` produces (the flat-map step appends after them).
    /// - Returns: the step to project from (`input` itself when the list calls no table function),
    ///   and for each call, the slot and type of its value.
    func plan(
        _ items: [SelectItem], scope: Scope, input: PlanStep, width: Int
    ) throws(Diagnostic) -> (step: PlanStep, slots: [ObjectIdentifier: (slot: Int, type: SQLType)]) {
        let registry = context.registry
        let isTableCall = { (expr: Expr) -> Bool in
            guard case .functionCall(let name, _) = expr.kind else { return false }
            return registry.function(named: name.value)?.isTableFunction == true
        }
        var calls: [Expr] = []
        for item in items {
            switch item.kind {
            case .expr(let expr, _): calls += expr.subexpressions(where: isTableCall)
            case .structAll(let expr): calls += expr.subexpressions(where: isTableCall)
            case .all, .allFrom: break
            }
        }
        guard !calls.isEmpty else { return (input, [:]) }
        let analyzer = ExpressionAnalyzer(scope: scope, registry: registry, types: context.types, clause: "SELECT")
        var functions: [PlanExpr] = []
        var slots: [ObjectIdentifier: (slot: Int, type: SQLType)] = [:]
        for call in calls {
            guard case .functionCall(let name, let arguments) = call.kind else { continue }
            let typed = try analyzer.analyzeCall(name.value, arguments, expr: call)
            guard let type = typed.type else {
                throw .error("Can't infer the type of \(call)", at: call.range)
            }
            slots[call.occurrence] = (width + functions.count, type)
            functions.append(typed.plan)
        }
        let step = PlanStep.flatMap(FlatMapStep(input: input, functions: functions, text: calls.map(\.description)))
        return (step, slots)
    }
}
