import SluiceCore
import SluiceFunctions
import SluicePlan

/// A compiled lambda argument: the context slots of its parameters and its body.
final class CompiledLambda: Sendable {
    let firstParameter: Int
    let arity: Int
    let body: ValueCode

    init(firstParameter: Int, arity: Int, body: @escaping ValueCode) {
        self.firstParameter = firstParameter
        self.arity = arity
        self.body = body
    }
}

extension Compilation {
    /// The most parameters a lambda can have (REDUCE over a map takes state, key and value).
    static let maxLambdaArity = 3

    /// A call of a higher-order function (TRANSFORM, FILTER, REDUCE). Its value arguments are
    /// evaluated into context slots, as for a variadic call; its lambdas are compiled bodies
    /// that the kernel calls through a non-escaping invoker, which binds the parameters in their
    /// slots (numbered by the planner so nested lambdas don't collide) and evaluates the body for
    /// the current row. Nothing is allocated per row beyond what the kernel builds.
    func higherOrderCall(
        _ function: @escaping @Sendable (UnsafeBufferPointer<Value>, LambdaInvoker) throws(RecordError) -> Value,
        _ arguments: [PlanExpr]
    ) throws -> ValueCode {
        var codes: [CodeBox?] = []
        var lambdas: [CompiledLambda] = []
        for argument in arguments {
            if case .lambda(let first, let parameterTypes, let body) = argument {
                guard parameterTypes.count <= Compilation.maxLambdaArity else {
                    throw SQLTypeError(
                        "a lambda takes at most \(Compilation.maxLambdaArity) parameters, found \(parameterTypes.count)"
                    )
                }
                lambdas.append(
                    CompiledLambda(firstParameter: first, arity: parameterTypes.count, body: try value(body)))
                codes.append(nil)
            } else {
                codes.append(CodeBox(try self.argument(argument)))
            }
        }
        let base = allocateSlots(codes.count)
        let count = codes.count
        let values = codes
        let bodies = lambdas
        return { row, context throws(RecordError) in
            for (offset, box) in values.enumerated() {
                context.slots[base + offset] = try box?.code(row, context) ?? .null
            }
            return try function(UnsafeBufferPointer(start: context.slots + base, count: count)) {
                index, first, second, third throws(RecordError) in
                let lambda = bodies[index]
                context.slots[lambda.firstParameter] = first
                if lambda.arity > 1 { context.slots[lambda.firstParameter + 1] = second }
                if lambda.arity > 2 { context.slots[lambda.firstParameter + 2] = third }
                return try lambda.body(row, context)
            }
        }
    }
}
