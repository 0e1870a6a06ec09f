import SluiceCore
import SluiceFunctions
import SluicePlan

/// Compiles `PlanExpr` trees into closures, once per job.
///
/// The shape of the code follows the types: INTEGER, BIGINT, DOUBLE, DECIMAL and BOOLEAN
/// subexpressions pass unboxed machine values between nodes, and the common shapes (a column
/// against a literal, arithmetic on two columns) get closures of their own, so they don't go
/// through generic dispatch. Other nodes pass `Value`s.
///
/// Semantics are ksqlDB's: NULL propagates through arithmetic and functions; comparisons with
/// NULL are FALSE (not NULL); AND, OR and NOT use three-valued logic; an error in a CAST, in a
/// function argument that is itself a call or a field access, or in an element of an ARRAY, MAP
/// or STRUCT constructor makes that part NULL and is recorded in the context's
/// `suppressedErrors` (ksqlDB's nested error handling); any other error fails the expression.
public enum ExpressionCompiler {
    /// Compiles `expression`, resolving function calls in `registry`.
    ///
    /// - Throws: `SQLTypeError` when the expression is malformed for its types (an unknown
    ///   function, an unsupported cast, a lambda outside a higher-order function).
    public static func compile(_ expression: PlanExpr, registry: FunctionRegistry = .standard) throws
        -> CompiledExpression
    {
        let compilation = Compilation(registry: registry, lambdaSlots: lambdaSlotCount(expression))
        let code = try compilation.value(expression)
        let predicate: BoolCode
        if expression.type == .boolean {
            predicate = try compilation.predicate(expression)
        } else {
            predicate = { row, context throws(RecordError) in Compilation.boolean(try code(row, context)) }
        }
        return CompiledExpression(
            type: expression.type, slotCount: compilation.slotCount, code: code, predicate: predicate)
    }

    /// One more than the largest lambda parameter index in the tree.
    static func lambdaSlotCount(_ expression: PlanExpr) -> Int {
        var count = 0
        switch expression {
        case .lambdaParameter(let index, _): count = index + 1
        case .lambda(let first, let types, _): count = first + types.count
        default: break
        }
        return expression.children.reduce(count) { max($0, lambdaSlotCount($1)) }
    }
}

extension PlanExpr {
    /// The direct subexpressions.
    var children: [PlanExpr] {
        switch self {
        case .column, .literal, .lambdaParameter: []
        case .cast(let operand, _), .negate(let operand, _), .not(let operand), .isNull(let operand, _),
            .field(let operand, _, _):
            [operand]
        case .arithmetic(_, let l, let r, _), .concat(let l, let r), .comparison(_, let l, let r),
            .isDistinctFrom(let l, let r, _), .element(let l, let r, _), .like(let l, let r, _, _):
            [l, r]
        case .and(let list), .or(let list), .makeArray(let list, _), .makeStruct(let list, _), .call(_, let list, _):
            list
        case .between(let operand, let low, let high, _): [operand, low, high]
        case .inList(let operand, let list, _): [operand] + list
        case .searchedCase(let whens, let otherwise, _):
            whens.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .makeMap(let keys, let values, _): keys + values
        case .lambda(_, _, let body): [body]
        }
    }
}

/// Compiled code in a class, so arrays of it hold references: closures stored directly in an
/// array are kept abstracted and called through reabstraction thunks.
final class CodeBox: Sendable {
    let code: ValueCode

    init(_ code: @escaping ValueCode) {
        self.code = code
    }

    static func evaluate(_ boxes: [CodeBox], _ row: Row, _ context: EvaluationContext) throws(RecordError) -> [Value] {
        var result: [Value] = []
        result.reserveCapacity(boxes.count)
        for box in boxes { result.append(try box.code(row, context)) }
        return result
    }
}

/// The state of one compilation: the registry and the context slots handed out so far.
final class Compilation {
    let registry: FunctionRegistry
    private(set) var slotCount: Int

    init(registry: FunctionRegistry, lambdaSlots: Int) {
        self.registry = registry
        self.slotCount = lambdaSlots
    }

    /// Reserves `count` consecutive context slots and returns the first.
    func allocateSlots(_ count: Int) -> Int {
        defer { slotCount += count }
        return slotCount
    }

    /// Code producing the expression's value.
    func value(_ expression: PlanExpr) throws -> ValueCode {
        switch expression {
        case .column(let index, _):
            return { row, _ in row[index] }
        case .literal(let value, _):
            return { _, _ in value }
        case .lambdaParameter(let index, _):
            return { _, context in context.slots[index] }
        case .arithmetic(_, _, _, let type), .negate(_, let type):
            return try numeric(expression, type)
        case .cast(let operand, let type):
            return try cast(operand, to: type)
        case .comparison, .and, .or, .not, .isNull, .isDistinctFrom, .between, .inList, .like:
            let code = try predicate(expression)
            return { row, context throws(RecordError) in try code(row, context).map { .boolean($0) } ?? .null }
        case .concat(let left, let right):
            return try call("CONCAT", [left, right])
        case .call(let name, let arguments, _):
            return try call(name, arguments)
        case .searchedCase(let whens, let otherwise, _):
            return try searchedCase(whens, otherwise)
        case .field(let operand, let index, _):
            let code = try value(operand)
            return { row, context throws(RecordError) in
                guard case .struct(let fields) = try code(row, context), index < fields.count else { return .null }
                return fields[index]
            }
        case .element(let operand, let index, _):
            return try element(operand, index)
        case .makeArray(let elements, _):
            let codes = try elements.map { CodeBox(recovering(try value($0))) }
            return { row, context throws(RecordError) in .array(try CodeBox.evaluate(codes, row, context)) }
        case .makeMap(let keys, let values, _):
            let keyCodes = try keys.map { CodeBox(recovering(try value($0))) }
            let valueCodes = try values.map { CodeBox(recovering(try value($0))) }
            return { row, context throws(RecordError) in
                var map = MapValue()
                for (key, value) in zip(keyCodes, valueCodes) {
                    map[try key.code(row, context)] = try value.code(row, context)
                }
                return .map(map)
            }
        case .makeStruct(let fields, _):
            let codes = try fields.map { CodeBox(recovering(try value($0))) }
            return { row, context throws(RecordError) in .struct(try CodeBox.evaluate(codes, row, context)) }
        case .lambda:
            throw SQLTypeError("a lambda can only be an argument of a higher-order function")
        }
    }

    /// Code that turns an error of `code` into NULL, keeping the error for the processing log.
    func recovering(_ code: @escaping ValueCode) -> ValueCode {
        { row, context in
            do throws(RecordError) {
                return try code(row, context)
            } catch {
                context.suppress(error)
                return .null
            }
        }
    }

    /// `operand[index]`: 1-based and negative-from-the-end for arrays (NULL out of range), by key
    /// for maps.
    func element(_ operand: PlanExpr, _ index: PlanExpr) throws -> ValueCode {
        let base = try value(operand)
        let key = try value(index)
        if case .map = operand.type {
            return { row, context throws(RecordError) in
                guard case .map(let map) = try base(row, context) else { return .null }
                return map[try key(row, context)] ?? .null
            }
        }
        return { row, context throws(RecordError) in
            guard case .array(let elements) = try base(row, context) else { return .null }
            let position: Int
            switch try key(row, context) {
            case .integer(let v): position = Int(v)
            case .bigint(let v): position = Int(truncatingIfNeeded: Int32(truncatingIfNeeded: v))
            default: return .null
            }
            let offset = position >= 0 ? position - 1 : elements.count + position
            return offset >= 0 && offset < elements.count ? elements[offset] : .null
        }
    }

    /// `CASE WHEN ... THEN ... ELSE ... END`: the first arm whose condition is TRUE.
    func searchedCase(_ whens: [PlanExpr.WhenClause], _ otherwise: PlanExpr?) throws -> ValueCode {
        // Arms nest from the last: each one tests its condition and falls through to the rest,
        // so no closure sits in an array.
        var rest: ValueCode
        if let otherwise {
            rest = try value(otherwise)
        } else {
            rest = { _, _ in .null }
        }
        for when in whens.reversed() {
            let condition = try predicate(when.condition)
            let result = try value(when.result)
            let next = rest
            rest = { row, context throws(RecordError) in
                try condition(row, context) == true ? try result(row, context) : try next(row, context)
            }
        }
        return rest
    }
}
