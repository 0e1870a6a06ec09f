import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceSQL

/// An analyzed expression: its plan and type. A bare `NULL` literal has no type until its context
/// gives it one (`coerced(to:)`).
struct TypedExpr {
    var plan: PlanExpr
    /// `nil` only for an untyped NULL literal.
    var type: SQLType?
    /// The literal it came from, for lenient coercion (`'10'` joining numbers).
    var literal: Literal?

    static func null() -> TypedExpr {
        TypedExpr(plan: .literal(value: .null, type: .string), type: nil, literal: .null)
    }

    /// The plan with a cast to `target` where the type differs (a NULL literal just takes the type).
    func coerced(to target: SQLType) -> PlanExpr {
        guard let type else { return .literal(value: .null, type: target) }
        if type == target { return plan }
        if case .literal(let value, _) = plan, value.isNull { return .literal(value: .null, type: target) }
        return .cast(operand: plan, type: target)
    }

    /// How this operand takes part in finding a common type (CASE arms, IN lists, ARRAY elements).
    var coercionOperand: CoercionOperand {
        switch literal {
        case .null?: return .null
        case .string(let text)?: return .stringLiteral(text)
        case .some: return .literal(type ?? .string)
        case nil: return .expression(type ?? .string)
        }
    }
}

/// Hands out lambda parameter slots; shared by the analyzers of one expression tree.
final class LambdaSlotCounter {
    private(set) var next = 0

    func take(_ count: Int) -> Int {
        defer { next += count }
        return next
    }
}

/// Resolves names, checks types and inserts implicit casts, turning SQL expressions into plan
/// expressions over the columns of a `Scope`.
struct ExpressionAnalyzer {
    let scope: Scope
    let registry: FunctionRegistry
    let types: TypeResolver
    /// What the expression is for, in ksqlDB's error wording: "WHERE", "SELECT", "PARTITION BY".
    let clause: String
    /// Parameters of the lambdas the expression is inside, by name.
    var lambdaParameters: [String: (index: Int, type: SQLType)] = [:]
    /// Numbers lambda parameters across one expression, so nested lambdas use distinct slots.
    var lambdaSlots = LambdaSlotCounter()
    /// Table function calls the flat-map step before the projection computed: each occurrence
    /// reads the slot holding its value instead.
    var tableFunctionSlots: [ObjectIdentifier: (slot: Int, type: SQLType)] = [:]

    init(scope: Scope, registry: FunctionRegistry, types: TypeResolver, clause: String) {
        self.scope = scope
        self.registry = registry
        self.types = types
        self.clause = clause
    }

    /// Analyzes `expr`; a bare NULL gets a diagnostic (ksqlDB can't infer its type either).
    func analyzeTyped(_ expr: Expr) throws(Diagnostic) -> (plan: PlanExpr, type: SQLType) {
        let typed = try analyze(expr)
        guard let type = typed.type else {
            throw .error(
                "Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).",
                at: expr.range)
        }
        return (typed.plan, type)
    }

    func analyze(_ expr: Expr) throws(Diagnostic) -> TypedExpr {
        switch expr.kind {
        case .literal(let literal):
            return try analyzeLiteral(literal, range: expr.range)
        case .typedLiteral(let type, let text):
            return try analyzeTypedLiteral(type, text, range: expr.range)
        case .column(let name):
            return try resolveColumn(name.value, source: nil, range: expr.range)
        case .qualifiedColumn(let source, let column):
            return try resolveColumn(column.value, source: source.value, range: expr.range)
        case .unary(let op, let operand):
            let (plan, type) = try analyzeTyped(operand)
            let result = try typeCheck(expr) { () throws(SQLTypeError) in try TypeRules.negationType(type) }
            return TypedExpr(plan: op == .minus ? .negate(operand: plan, type: result) : plan, type: result)
        case .arithmetic(let op, let left, let right):
            return try analyzeArithmetic(op, left, right, expr: expr)
        case .concat(let left, let right):
            let l = try analyzeTyped(left)
            let r = try analyzeTyped(right)
            let result = try typeCheck(expr) { () throws(SQLTypeError) in try TypeRules.concatenationType(l.type, r.type) }
            if result == .string { return TypedExpr(plan: .concat(left: l.plan, right: r.plan), type: .string) }
            return try analyzeCall("CONCAT", [left, right], expr: expr)
        case .comparison(let op, let left, let right):
            return try analyzeComparison(op, left, right, expr: expr)
        case .and(let operands):
            return TypedExpr(plan: .and(try operands.map { (operand) throws(Diagnostic) in try booleanOperand(operand) }), type: .boolean)
        case .or(let operands):
            return TypedExpr(plan: .or(try operands.map { (operand) throws(Diagnostic) in try booleanOperand(operand) }), type: .boolean)
        case .not(let operand):
            return TypedExpr(plan: .not(try booleanOperand(operand)), type: .boolean)
        case .between(let operand, let lower, let upper, let negated):
            return try analyzeBetween(operand, lower, upper, negated: negated, expr: expr)
        case .inList(let operand, let list, let negated):
            return try analyzeIn(operand, list, negated: negated, expr: expr)
        case .like(let operand, let pattern, let escape, let negated):
            let value = try stringOperand(operand)
            let patternPlan = try stringOperand(pattern)
            if let escape, escape.count != 1 {
                throw .error("ESCAPE clause must be a single character, found '\(escape)'", at: expr.range)
            }
            return TypedExpr(
                plan: .like(operand: value, pattern: patternPlan, escape: escape, negated: negated), type: .boolean)
        case .isNull(let operand, let negated):
            let typed = try analyze(operand)
            return TypedExpr(plan: .isNull(operand: typed.coerced(to: typed.type ?? .string), negated: negated), type: .boolean)
        case .isDistinctFrom(let left, let right, let negated):
            let (l, r) = try comparisonOperands(.equal, left, right, expr: expr)
            return TypedExpr(plan: .isDistinctFrom(left: l, right: r, negated: negated), type: .boolean)
        case .atTimeZone(let operand, let zone):
            return try analyzeFunction("CONVERT_TZ", [operand, Expr(.literal(.string("UTC"))), Expr(.literal(.string(zone)))],
                                       expr: expr)
        case .simpleCase(let operand, let whens, let elseResult):
            return try analyzeSimpleCase(operand, whens, elseResult, expr: expr)
        case .searchedCase(let whens, let elseResult):
            return try analyzeSearchedCase(whens, elseResult, expr: expr)
        case .cast(let operand, let typeSyntax):
            let target = try types.resolve(typeSyntax)
            let typed = try analyze(operand)
            guard let source = typed.type else { return TypedExpr(plan: .literal(value: .null, type: target), type: target) }
            try typeCheck(expr) { () throws(SQLTypeError) in try TypeRules.checkCast(source, to: target) }
            return TypedExpr(plan: source == target ? typed.plan : .cast(operand: typed.plan, type: target), type: target)
        case .array(let elements):
            return try analyzeArray(elements, expr: expr)
        case .map(let entries):
            return try analyzeMap(entries, expr: expr)
        case .structConstructor(let entries):
            var fields: [SQLType.StructField] = []
            var plans: [PlanExpr] = []
            for entry in entries {
                let typed = try analyze(entry.value)
                let type = typed.type ?? .string
                fields.append(SQLType.StructField(entry.name.value, type))
                plans.append(typed.coerced(to: type))
            }
            let type = SQLType.struct(fields)
            return TypedExpr(plan: .makeStruct(fields: plans, type: type), type: type)
        case .functionCall(let name, let arguments):
            if let computed = tableFunctionSlots[expr.occurrence] {
                return TypedExpr(plan: .column(index: computed.slot, type: computed.type), type: computed.type)
            }
            return try analyzeFunction(name.value, arguments, expr: expr)
        case .functionCallStar(let name):
            return try analyzeFunction(name.value, [], expr: expr)
        case .lambda:
            throw .error("Lambda expressions are only allowed as arguments of higher-order functions", at: expr.range)
        case .timeUnit(let unit):
            return TypedExpr(plan: .literal(value: .string(unit.rawValue), type: .string), type: .string,
                             literal: .string(unit.rawValue))
        case .subscript(let base, let index):
            return try analyzeSubscript(base, index, expr: expr)
        case .dereference(let base, let field):
            let (plan, type) = try analyzeTyped(base)
            guard case .struct(let fields) = type else {
                throw .error("Expected STRUCT type for '->' but \(base) is \(type)", at: expr.range)
            }
            guard let index = type.fieldIndex(field.value) else {
                throw .error("Could not find field '\(field.value)' in '\(base)'.", at: field.range)
            }
            return TypedExpr(plan: .field(operand: plan, index: index, type: fields[index].type), type: fields[index].type)
        }
    }

    private func resolveColumn(_ name: String, source: String?, range: SourceRange) throws(Diagnostic) -> TypedExpr {
        if source == nil, let parameter = lambdaParameters[name] {
            return TypedExpr(plan: .lambdaParameter(index: parameter.index, type: parameter.type), type: parameter.type)
        }
        if let source, !scope.hasSource(source) {
            throw .error("\(clause) column '\(source).\(name)' cannot be resolved.", at: range)
        }
        guard let column = try scope.lookup(name, source: source, range: range) else {
            let shown = source.map { "\($0).\(name)" } ?? name
            throw .error("\(clause) column '\(shown)' cannot be resolved.", at: range)
        }
        return TypedExpr(plan: .column(index: column.slot, type: column.type), type: column.type)
    }

    /// Runs a type rule and turns its error into a diagnostic at `expr`.
    @discardableResult
    func typeCheck<T>(_ expr: Expr, _ rule: () throws(SQLTypeError) -> T) throws(Diagnostic) -> T {
        do {
            return try rule()
        } catch {
            throw .error(error.message, at: expr.range)
        }
    }

    func booleanOperand(_ expr: Expr) throws(Diagnostic) -> PlanExpr {
        let typed = try analyze(expr)
        guard let type = typed.type else { return .literal(value: .null, type: .boolean) }
        guard type == .boolean else {
            throw .error("Type error in \(clause) expression: Should evaluate to boolean but is \(expr) (\(type)) instead.",
                         at: expr.range)
        }
        return typed.plan
    }

    func stringOperand(_ expr: Expr) throws(Diagnostic) -> PlanExpr {
        let typed = try analyze(expr)
        guard let type = typed.type else { return .literal(value: .null, type: .string) }
        guard type == .string else {
            throw .error("Expected a STRING but \(expr) is \(type)", at: expr.range)
        }
        return typed.plan
    }
}
