import SluiceCore
import SluiceFunctions
import SluicePlan

extension Compilation {
    /// `CAST(operand AS type)`. Numeric casts run unboxed; a literal operand is cast once, here.
    /// A failing cast (or operand) gives NULL and a suppressed error, as ksqlDB does.
    func cast(_ operand: PlanExpr, to type: SQLType) throws -> ValueCode {
        let expression = PlanExpr.cast(operand: operand, type: type)
        let numericSource = operand.type == .integer || operand.type == .bigint || operand.type == .double
        switch type {
        case .integer where numericSource: return try self.operand(expression, Int32.self).boxed
        case .bigint where numericSource: return try self.operand(expression, Int64.self).boxed
        case .double where numericSource: return try self.operand(expression, Double.self).boxed
        case .decimal where operand.type == .integer || operand.type == .bigint || operand.type.isDecimal:
            return try decimalOperand(expression).boxed
        default:
            break
        }
        let caster = try ValueCasts.caster(from: operand.type, to: type)
        if case .literal(let literal, _) = operand {
            do throws(RecordError) {
                let constant = try caster(literal)
                return { _, _ in constant }
            } catch {
                let failure = error
                return { _, context in
                    context.suppress(failure)
                    return .null
                }
            }
        }
        let code = try value(operand)
        return recovering { row, context throws(RecordError) in try caster(try code(row, context)) }
    }

    /// A call of `name`. Its overload is the one whose parameters the argument types match
    /// exactly (the planner cast them). An argument that is a call or a field access turns NULL
    /// when it fails, as ksqlDB's nested error handling does.
    func call(_ name: String, _ arguments: [PlanExpr]) throws -> ValueCode {
        let argumentTypes = arguments.map { argument -> ArgumentType in
            if case .lambda(_, let parameterTypes, let body) = argument {
                return .lambda(parameters: parameterTypes, result: body.type)
            }
            return .value(argument.type)
        }
        let resolved = try registry.resolve(name, arguments: argumentTypes)
        let constants = arguments.map { argument -> Value? in
            if case .literal(let value, _) = argument { return value }
            return nil
        }
        let kernel = try registry.kernel(for: resolved, constantArguments: constants)
        if let arity = kernel.arity, arity != arguments.count {
            throw SQLTypeError(
                "the implementation of \(resolved.function.name) takes \(arity) arguments, the call "
                    + "passes \(arguments.count)"
            )
        }
        switch kernel {
        case .nullary(let function):
            return { _, _ throws(RecordError) in try function() }
        case .unary(let function):
            if case .column(let index, _) = arguments[0] {
                return { row, _ throws(RecordError) in try function(row[index]) }
            }
            let a = try argument(arguments[0])
            return { row, context throws(RecordError) in try function(try a(row, context)) }
        case .binary(let function):
            let a = try argument(arguments[0])
            let b = try argument(arguments[1])
            return { row, context throws(RecordError) in try function(try a(row, context), try b(row, context)) }
        case .ternary(let function):
            let a = try argument(arguments[0])
            let b = try argument(arguments[1])
            let c = try argument(arguments[2])
            return { row, context throws(RecordError) in
                try function(try a(row, context), try b(row, context), try c(row, context))
            }
        case .variadic(let function):
            let codes = try arguments.map { CodeBox(try argument($0)) }
            let base = allocateSlots(codes.count)
            let count = codes.count
            return { row, context throws(RecordError) in
                for (offset, box) in codes.enumerated() { context.slots[base + offset] = try box.code(row, context) }
                return try function(UnsafeBufferPointer(start: context.slots + base, count: count))
            }
        case .higherOrder(let function):
            return try higherOrderCall(function, arguments)
        }
    }

    /// Code for a function argument: a call or a field access that fails becomes NULL.
    func argument(_ argument: PlanExpr) throws -> ValueCode {
        let code = try value(argument)
        switch argument {
        case .call, .field: return recovering(code)
        default: return code
        }
    }
}

extension SQLType {
    var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }
}
