import SluiceCore
import SluiceFunctions
import SluicePlan
import SluiceSQL

extension ExpressionAnalyzer {
    func analyzeLiteral(_ literal: Literal, range: SourceRange) throws(Diagnostic) -> TypedExpr {
        switch literal {
        case .null:
            return .null()
        case .boolean(let value):
            return TypedExpr(plan: .literal(value: .boolean(value), type: .boolean), type: .boolean, literal: literal)
        case .integer(let value):
            if let small = Int32(exactly: value) {
                return TypedExpr(plan: .literal(value: .integer(small), type: .integer), type: .integer, literal: literal)
            }
            return TypedExpr(plan: .literal(value: .bigint(value), type: .bigint), type: .bigint, literal: literal)
        case .decimal(let text):
            guard let decimal = SQLDecimal(text) else {
                throw .error("Invalid DECIMAL literal \(text): more than \(SQLType.maxDecimalPrecision) digits", at: range)
            }
            let scale = Int(decimal.scale)
            let type = SQLType.decimal(precision: max(decimal.precision, scale), scale: scale)
            return TypedExpr(plan: .literal(value: .decimal(decimal), type: type), type: type, literal: literal)
        case .double(let value):
            return TypedExpr(plan: .literal(value: .double(value), type: .double), type: .double, literal: literal)
        case .string(let text):
            return TypedExpr(plan: .literal(value: .string(text), type: .string), type: .string, literal: literal)
        case .variable(let name):
            throw .error("Undefined variable: \(name)", at: range)
        }
    }

    /// `TIMESTAMP '2024-01-01T00:00:00'`, `DATE '2024-01-01'`, `DECIMAL '1.5'`: a cast of a string constant.
    func analyzeTypedLiteral(_ typeName: Identifier, _ text: String, range: SourceRange) throws(Diagnostic) -> TypedExpr {
        guard let kind = TypeSyntax.primitive(named: typeName.value) else {
            throw .error("Unknown type in typed literal: \(typeName.value)", at: range)
        }
        let target = try types.resolve(TypeSyntax(kind, range: range))
        let source = PlanExpr.literal(value: .string(text), type: .string)
        return TypedExpr(plan: target == .string ? source : .cast(operand: source, type: target), type: target)
    }

    func analyzeArithmetic(_ op: ArithmeticOperator, _ left: Expr, _ right: Expr, expr: Expr) throws(Diagnostic) -> TypedExpr {
        let l = try analyze(left)
        let r = try analyze(right)
        // A NULL operand takes the other side's type: `x + NULL` is NULL of x's type.
        let leftType = l.type ?? r.type ?? .integer
        let rightType = r.type ?? leftType
        let result: SQLType
        do {
            result = try TypeRules.arithmeticType(op, leftType, rightType)
        } catch {
            throw .error("Error processing expression: \(expr). \(error.message)", at: expr.range)
        }
        if result == .string {
            return TypedExpr(plan: .concat(left: l.coerced(to: .string), right: r.coerced(to: .string)), type: .string)
        }
        func operand(_ typed: TypedExpr, _ type: SQLType) -> PlanExpr {
            if case .decimal = result {
                // Decimal arithmetic keeps each decimal operand's own shape; integers become decimals.
                if case .decimal = type { return typed.coerced(to: type) }
                return typed.coerced(to: TypeRules.decimalType(holding: type) ?? result)
            }
            return typed.coerced(to: result)
        }
        return TypedExpr(
            plan: .arithmetic(op: op, left: operand(l, leftType), right: operand(r, rightType), type: result), type: result)
    }

    func analyzeComparison(_ op: ComparisonOperator, _ left: Expr, _ right: Expr, expr: Expr) throws(Diagnostic) -> TypedExpr {
        let (l, r) = try comparisonOperands(op, left, right, expr: expr)
        return TypedExpr(plan: .comparison(op: op, left: l, right: r), type: .boolean)
    }

    /// Both sides of a comparison, cast to the types `TypeRules` compares them as.
    func comparisonOperands(_ op: ComparisonOperator, _ left: Expr, _ right: Expr, expr: Expr) throws(Diagnostic)
        -> (PlanExpr, PlanExpr)
    {
        var l = try analyze(left)
        var r = try analyze(right)
        if l.type == nil && r.type == nil {
            throw .error("Comparison with NULL not supported: \(expr)", at: expr.range)
        }
        try convertTimestampString(&l, against: left, other: &r, otherExpr: right)
        try convertTimestampString(&r, against: right, other: &l, otherExpr: left)
        let leftType = l.type ?? r.type!
        let rightType = r.type ?? leftType
        let (lt, rt): (SQLType, SQLType)
        do {
            (lt, rt) = try TypeRules.comparisonOperandTypes(
                op, leftType, rightType, leftText: left.description, rightText: right.description)
        } catch {
            throw .error("Error in \(clause) expression: \(error.message)", at: expr.range)
        }
        return (l.coerced(to: lt), r.coerced(to: rt))
    }

    /// ROWTIME (and window bounds) are BIGINT milliseconds, but ksqlDB lets a string be compared
    /// with them by reading the string as a timestamp: `WHERE ROWTIME > '2020-01-01T00:00:00'`.
    private func convertTimestampString(
        _ typed: inout TypedExpr, against expr: Expr, other: inout TypedExpr, otherExpr: Expr
    ) throws(Diagnostic) {
        guard case .string(let text)? = other.literal, typed.type == .bigint, isTimeColumn(expr) else { return }
        let millis: Int64
        do {
            millis = try TemporalText.parseTimestamp(text)
        } catch {
            throw .error("Failed to parse timestamp '\(text)' to compare with \(expr): \(error.message)", at: otherExpr.range)
        }
        other = TypedExpr(plan: .literal(value: .bigint(millis), type: .bigint), type: .bigint, literal: .integer(millis))
    }

    private func isTimeColumn(_ expr: Expr) -> Bool {
        let name: String
        switch expr.kind {
        case .column(let column): name = column.value
        case .qualifiedColumn(_, let column): name = column.value
        default: return false
        }
        return name == "ROWTIME" || name == "WINDOWSTART" || name == "WINDOWEND"
    }

    func analyzeBetween(_ operand: Expr, _ lower: Expr, _ upper: Expr, negated: Bool, expr: Expr) throws(Diagnostic)
        -> TypedExpr
    {
        let (value, low) = try comparisonOperands(.greaterOrEqual, operand, lower, expr: expr)
        let (value2, high) = try comparisonOperands(.lessOrEqual, operand, upper, expr: expr)
        // Both comparisons must see the operand as the same type; otherwise compare via the wider one.
        if value == value2 {
            return TypedExpr(plan: .between(operand: value, low: low, high: high, negated: negated), type: .boolean)
        }
        let both = PlanExpr.and([
            .comparison(op: .greaterOrEqual, left: value, right: low), .comparison(op: .lessOrEqual, left: value2, right: high),
        ])
        return TypedExpr(plan: negated ? .not(both) : both, type: .boolean)
    }

    func analyzeIn(_ operand: Expr, _ list: [Expr], negated: Bool, expr: Expr) throws(Diagnostic) -> TypedExpr {
        let value = try analyze(operand)
        let items = try list.map { (item) throws(Diagnostic) in try analyze(item) }
        let common = try commonType([value] + items, expr: expr, what: "IN")
        return TypedExpr(
            plan: .inList(operand: value.coerced(to: common), list: items.map { $0.coerced(to: common) }, negated: negated),
            type: .boolean)
    }

    /// The type every operand is cast to, as ksqlDB's coercion of user lists finds it.
    func commonType(_ operands: [TypedExpr], expr: Expr, what: String) throws(Diagnostic) -> SQLType {
        let common: SQLType?
        do {
            common = try TypeRules.commonType(of: operands.map(\.coercionOperand))
        } catch {
            throw .error(error.message, at: expr.range)
        }
        guard let common else {
            throw .error("Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).",
                         at: expr.range)
        }
        return common
    }

    func analyzeSimpleCase(_ operand: Expr, _ whens: [WhenClause], _ elseResult: Expr?, expr: Expr) throws(Diagnostic)
        -> TypedExpr
    {
        var conditions: [PlanExpr] = []
        for when in whens {
            let (l, r) = try comparisonOperands(.equal, operand, when.condition, expr: when.condition)
            conditions.append(.comparison(op: .equal, left: l, right: r))
        }
        return try caseResult(conditions, whens.map(\.result), elseResult, expr: expr)
    }

    func analyzeSearchedCase(_ whens: [WhenClause], _ elseResult: Expr?, expr: Expr) throws(Diagnostic) -> TypedExpr {
        var conditions: [PlanExpr] = []
        for when in whens {
            let typed = try analyze(when.condition)
            guard typed.type == nil || typed.type == .boolean else {
                throw .error("WHEN operand type should be boolean. Type for '\(when.condition)' is \(typed.type!)",
                             at: when.condition.range)
            }
            conditions.append(typed.coerced(to: .boolean))
        }
        return try caseResult(conditions, whens.map(\.result), elseResult, expr: expr)
    }

    private func caseResult(_ conditions: [PlanExpr], _ results: [Expr], _ elseResult: Expr?, expr: Expr) throws(Diagnostic)
        -> TypedExpr
    {
        let typedResults = try results.map { (result) throws(Diagnostic) in try analyze(result) }
        let typedElse = try elseResult.map { (result) throws(Diagnostic) in try analyze(result) }
        let common = try commonType(typedResults + (typedElse.map { [$0] } ?? []), expr: expr, what: "CASE")
        let whens = zip(conditions, typedResults).map { PlanExpr.WhenClause(condition: $0, result: $1.coerced(to: common)) }
        return TypedExpr(
            plan: .searchedCase(whens: whens, elseResult: typedElse?.coerced(to: common), type: common), type: common)
    }

    func analyzeArray(_ elements: [Expr], expr: Expr) throws(Diagnostic) -> TypedExpr {
        guard !elements.isEmpty else {
            throw .error("Array constructor cannot be empty. Please supply at least one element "
                + "(see https://github.com/confluentinc/ksql/issues/4239).", at: expr.range)
        }
        let typed = try elements.map { (element) throws(Diagnostic) in try analyze(element) }
        let common = try commonType(typed, expr: expr, what: "ARRAY")
        let type = SQLType.array(common)
        return TypedExpr(plan: .makeArray(elements: typed.map { $0.coerced(to: common) }, type: type), type: type)
    }

    func analyzeMap(_ entries: [MapEntry], expr: Expr) throws(Diagnostic) -> TypedExpr {
        guard !entries.isEmpty else {
            throw .error("Map constructor cannot be empty. Please supply at least one key value pair "
                + "(see https://github.com/confluentinc/ksql/issues/4239).", at: expr.range)
        }
        let keys = try entries.map { (entry) throws(Diagnostic) in try analyze(entry.key) }
        let values = try entries.map { (entry) throws(Diagnostic) in try analyze(entry.value) }
        let keyType = try commonType(keys, expr: expr, what: "MAP")
        let valueType = try commonType(values, expr: expr, what: "MAP")
        let type = SQLType.map(key: keyType, value: valueType)
        return TypedExpr(
            plan: .makeMap(keys: keys.map { $0.coerced(to: keyType) }, values: values.map { $0.coerced(to: valueType) },
                           type: type),
            type: type)
    }

    func analyzeSubscript(_ base: Expr, _ index: Expr, expr: Expr) throws(Diagnostic) -> TypedExpr {
        let (plan, type) = try analyzeTyped(base)
        let typedIndex = try analyze(index)
        switch type {
        case .array(let element):
            guard typedIndex.type == nil || typedIndex.type == .integer || typedIndex.type == .bigint else {
                throw .error("Array index must be an INTEGER, found \(typedIndex.type!)", at: index.range)
            }
            return TypedExpr(plan: .element(operand: plan, index: typedIndex.coerced(to: .integer), type: element), type: element)
        case .map(let key, let value):
            return TypedExpr(plan: .element(operand: plan, index: typedIndex.coerced(to: key), type: value), type: value)
        default:
            throw .error("Subscript expression ([]) can only be used on ARRAY or MAP, but \(base) is \(type)", at: expr.range)
        }
    }
}
