import SluiceCore

/// A resolved, typed expression inside a stored plan.
///
/// The planner has already bound every name to a column position, chosen every function overload
/// and inserted every implicit cast: operands of a comparison or arithmetic node have the types the
/// operator needs. The runtime compiles a `PlanExpr` into closures once per job.
public indirect enum PlanExpr: Hashable, Sendable, Codable {
    /// A column of the operator's input row, by position.
    case column(index: Int, type: SQLType)
    /// A constant. `NULL` literals carry the type the context gave them.
    case literal(value: Value, type: SQLType)
    /// `CAST(operand AS type)`, or an implicit widening the planner inserted.
    case cast(operand: PlanExpr, type: SQLType)
    /// `left op right`; `type` is `TypeRules.arithmeticType` of the operands. Operands are of
    /// `type` or a narrower number the compiler widens: INTEGER in BIGINT arithmetic, INTEGER or
    /// BIGINT in DOUBLE arithmetic. For a DECIMAL `type`, each operand keeps its own DECIMAL
    /// precision and scale, and INTEGER or BIGINT operands may stay uncast. `STRING + STRING`
    /// concatenates as Java does (`type` STRING).
    case arithmetic(op: ArithmeticOperator, left: PlanExpr, right: PlanExpr, type: SQLType)
    /// `-operand`.
    case negate(operand: PlanExpr, type: SQLType)
    /// `left || right` on two STRINGs or two BYTES: ksqlDB's `CONCAT(left, right)`, which skips
    /// NULLs.
    case concat(left: PlanExpr, right: PlanExpr)
    /// `left op right`; the operands have the types `TypeRules.comparisonOperandTypes` gave
    /// (one comparable type, except that DECIMAL against DOUBLE stays mixed). NULL on either side
    /// is FALSE, as in ksqlDB.
    case comparison(op: ComparisonOperator, left: PlanExpr, right: PlanExpr)
    /// `a AND b AND ...`, with SQL's three-valued logic.
    case and([PlanExpr])
    /// `a OR b OR ...`, with SQL's three-valued logic.
    case or([PlanExpr])
    case not(PlanExpr)
    /// `operand IS [NOT] NULL`.
    case isNull(operand: PlanExpr, negated: Bool)
    /// `left IS [NOT] DISTINCT FROM right`.
    case isDistinctFrom(left: PlanExpr, right: PlanExpr, negated: Bool)
    /// `operand [NOT] BETWEEN low AND high`.
    case between(operand: PlanExpr, low: PlanExpr, high: PlanExpr, negated: Bool)
    /// `operand [NOT] IN (list...)`.
    case inList(operand: PlanExpr, list: [PlanExpr], negated: Bool)
    /// `operand [NOT] LIKE pattern [ESCAPE 'c']`.
    case like(operand: PlanExpr, pattern: PlanExpr, escape: String?, negated: Bool)
    /// `CASE WHEN c THEN v ... [ELSE e] END` (a simple CASE is planned as a searched one).
    case searchedCase(whens: [WhenClause], elseResult: PlanExpr?, type: SQLType)
    /// A scalar function call; the overload is the one whose parameters match the argument types
    /// exactly (the planner casts arguments to `ResolvedCall.argumentTypes`).
    case call(function: String, arguments: [PlanExpr], type: SQLType)
    /// `operand->field` on a struct, by field position.
    case field(operand: PlanExpr, index: Int, type: SQLType)
    /// `operand[index]`: 1-based (negative from the end) for arrays, by key for maps.
    case element(operand: PlanExpr, index: PlanExpr, type: SQLType)
    /// `ARRAY[...]`.
    case makeArray(elements: [PlanExpr], type: SQLType)
    /// `MAP(k := v, ...)`.
    case makeMap(keys: [PlanExpr], values: [PlanExpr], type: SQLType)
    /// `STRUCT(f := v, ...)`, fields in the order of `type`.
    case makeStruct(fields: [PlanExpr], type: SQLType)
    /// A lambda argument to a higher-order function (`x => x + 1`): its parameters are read with
    /// `lambdaParameter`, numbered from `firstParameter` so nested lambdas don't collide.
    case lambda(firstParameter: Int, parameterTypes: [SQLType], body: PlanExpr)
    /// Parameter `index` of an enclosing lambda.
    case lambdaParameter(index: Int, type: SQLType)

    /// One `WHEN condition THEN result` arm.
    public struct WhenClause: Hashable, Sendable, Codable {
        public var condition: PlanExpr
        public var result: PlanExpr

        public init(condition: PlanExpr, result: PlanExpr) {
            self.condition = condition
            self.result = result
        }
    }

    /// The type the expression evaluates to.
    public var type: SQLType {
        switch self {
        case .column(_, let type), .literal(_, let type), .cast(_, let type), .arithmetic(_, _, _, let type),
            .negate(_, let type), .searchedCase(_, _, let type), .call(_, _, let type), .field(_, _, let type),
            .element(_, _, let type), .makeArray(_, let type), .makeMap(_, _, let type), .makeStruct(_, let type),
            .lambdaParameter(_, let type):
            return type
        case .concat: return .string
        case .lambda(_, _, let body): return body.type
        case .comparison, .and, .or, .not, .isNull, .isDistinctFrom, .between, .inList, .like: return .boolean
        }
    }
}
