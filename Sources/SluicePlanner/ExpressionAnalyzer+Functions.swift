import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceSQL

/// Aggregate functions: they need a GROUP BY, which stream aggregation plans handle.
let aggregateFunctionNames: Set<String> = [
    "ATTR", "AVG", "COLLECT_LIST", "COLLECT_SET", "CORRELATION", "COUNT", "COUNT_DISTINCT", "EARLIEST_BY_OFFSET",
    "HISTOGRAM", "LATEST_BY_OFFSET", "MAX", "MIN", "STDDEV_SAMP", "STDDEV_SAMPLE", "SUM", "SUM_LIST", "TOPK",
    "TOPKDISTINCT",
]

extension ExpressionAnalyzer {
    func analyzeFunction(_ name: String, _ arguments: [Expr], expr: Expr) throws(Diagnostic) -> TypedExpr {
        // AS_VALUE(x) is x; it only tells a C*AS projection to put a key column's copy in the value.
        if name == "AS_VALUE" {
            guard arguments.count == 1 else {
                throw .error("Function 'AS_VALUE' accepts exactly one argument, found \(arguments.count)", at: expr.range)
            }
            return try analyze(arguments[0])
        }
        if registry.function(named: name)?.isTableFunction == true {
            throw .error("Table function \(name) can only be used in the SELECT list of a query over a stream, "
                + "not in \(clause == "SELECT" ? "another function's arguments" : clause).", at: expr.range)
        }
        if aggregateFunctionNames.contains(name) && registry.function(named: name) == nil {
            throw .error("Use of aggregate function \(name) requires a GROUP BY clause.", at: expr.range)
        }
        return try analyzeCall(name, arguments, expr: expr)
    }

    /// A call with lambda arguments (`TRANSFORM(xs, x => x + 1)`): the other arguments are typed
    /// first, which tells each lambda its parameter types; then each body is typed with its
    /// parameters in scope, and the overload is resolved with the lambdas' result types.
    func analyzeHigherOrderCall(_ name: String, _ arguments: [Expr], expr: Expr) throws(Diagnostic) -> TypedExpr {
        var typed: [TypedExpr?] = []
        var argumentTypes: [ArgumentType?] = []
        for argument in arguments {
            if case .lambda = argument.kind {
                typed.append(nil)
                argumentTypes.append(nil)
            } else {
                let value = try analyze(argument)
                typed.append(value)
                argumentTypes.append(.value(value.type))
            }
        }
        var plans: [PlanExpr?] = typed.map { $0?.plan }
        for (position, argument) in arguments.enumerated() {
            guard case .lambda(let parameters, let body) = argument.kind else { continue }
            let parameterTypes: [SQLType]
            do {
                parameterTypes = try registry.lambdaParameterTypes(
                    name, arguments: argumentTypes, lambdaAt: position, arity: parameters.count)
            } catch {
                throw .error(error.message, at: argument.range)
            }
            let first = lambdaSlots.take(parameters.count)
            var inner = self
            for (offset, parameter) in parameters.enumerated() {
                inner.lambdaParameters[parameter.value] = (first + offset, parameterTypes[offset])
            }
            let (bodyPlan, bodyType) = try inner.analyzeTyped(body)
            argumentTypes[position] = .lambda(parameters: parameterTypes, result: bodyType)
            plans[position] = .lambda(firstParameter: first, parameterTypes: parameterTypes, body: bodyPlan)
        }
        let resolved: ResolvedCall
        do {
            resolved = try registry.resolve(name, arguments: argumentTypes.map { $0 ?? .value(nil) })
        } catch {
            throw .error(error.message, at: expr.range)
        }
        let final = plans.enumerated().map { index, plan -> PlanExpr in
            guard let value = typed[index] else { return plan! }
            return value.coerced(to: index < resolved.argumentTypes.count ? resolved.argumentTypes[index] : value.type ?? .string)
        }
        return TypedExpr(plan: .call(function: resolved.function.name, arguments: final, type: resolved.returnType),
                         type: resolved.returnType)
    }

    /// A scalar function call: resolves the overload and casts each argument to its parameter type.
    func analyzeCall(_ name: String, _ arguments: [Expr], expr: Expr) throws(Diagnostic) -> TypedExpr {
        if arguments.contains(where: { if case .lambda = $0.kind { true } else { false } }) {
            return try analyzeHigherOrderCall(name, arguments, expr: expr)
        }
        let typed = try arguments.map { (argument) throws(Diagnostic) in try analyze(argument) }
        let resolved: ResolvedCall
        do {
            resolved = try registry.resolve(name, argumentTypes: typed.map(\.type))
        } catch {
            throw .error(error.message, at: expr.range)
        }
        let plans = typed.enumerated().map { index, argument in
            argument.coerced(to: index < resolved.argumentTypes.count ? resolved.argumentTypes[index] : argument.type ?? .string)
        }
        return TypedExpr(
            plan: .call(function: resolved.function.name, arguments: plans, type: resolved.returnType),
            type: resolved.returnType)
    }
}
