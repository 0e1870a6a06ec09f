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
        if aggregateFunctionNames.contains(name) && registry.function(named: name) == nil {
            throw .error("Use of aggregate function \(name) requires a GROUP BY clause.", at: expr.range)
        }
        return try analyzeCall(name, arguments, expr: expr)
    }

    /// A scalar function call: resolves the overload and casts each argument to its parameter type.
    func analyzeCall(_ name: String, _ arguments: [Expr], expr: Expr) throws(Diagnostic) -> TypedExpr {
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
