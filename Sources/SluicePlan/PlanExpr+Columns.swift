extension PlanExpr {
    /// The input slots the expression reads.
    public var columnSlots: Set<Int> {
        var slots = Set<Int>()
        collectSlots(into: &slots)
        return slots
    }

    private func collectSlots(into slots: inout Set<Int>) {
        switch self {
        case .column(let index, _): slots.insert(index)
        case .literal, .lambdaParameter: break
        case .cast(let operand, _), .negate(let operand, _), .not(let operand), .isNull(let operand, _),
            .field(let operand, _, _):
            operand.collectSlots(into: &slots)
        case .arithmetic(_, let left, let right, _), .concat(let left, let right), .comparison(_, let left, let right),
            .isDistinctFrom(let left, let right, _), .element(let left, let right, _):
            left.collectSlots(into: &slots)
            right.collectSlots(into: &slots)
        case .and(let operands), .or(let operands), .makeArray(let operands, _), .makeStruct(let operands, _),
            .call(_, let operands, _):
            for operand in operands { operand.collectSlots(into: &slots) }
        case .between(let operand, let low, let high, _):
            for part in [operand, low, high] { part.collectSlots(into: &slots) }
        case .inList(let operand, let list, _):
            for part in [operand] + list { part.collectSlots(into: &slots) }
        case .like(let operand, let pattern, _, _):
            operand.collectSlots(into: &slots)
            pattern.collectSlots(into: &slots)
        case .searchedCase(let whens, let elseResult, _):
            for when in whens {
                when.condition.collectSlots(into: &slots)
                when.result.collectSlots(into: &slots)
            }
            elseResult?.collectSlots(into: &slots)
        case .makeMap(let keys, let values, _):
            for part in keys + values { part.collectSlots(into: &slots) }
        case .lambda(_, _, let body):
            body.collectSlots(into: &slots)
        }
    }
}
