import SluiceCore

extension FunctionRegistry {
    /// The types of the parameters of the lambda at `position` in a call of `name`, so the
    /// planner can type the lambda's body before resolving the call:
    ///
    ///     TRANSFORM(xs, x => x + 1)           xs ARRAY<INT>            → [INT]
    ///     REDUCE(m, 0, (s, k, v) => s + v)    m MAP<STRING, BIGINT>    → [INT, STRING, BIGINT]
    ///
    /// - Parameters:
    ///   - arguments: the call's arguments: `.value` for the analyzed ones, `.lambda` for lambdas
    ///     already typed, `nil` for lambdas not typed yet (the one at `position` among them).
    ///   - arity: how many parameters the lambda declares.
    /// - Throws: `SQLTypeError` when no overload takes a lambda of that arity there for these
    ///   arguments, when several disagree, or when a NULL leaves a parameter type unknown.
    public func lambdaParameterTypes(_ name: String, arguments: [ArgumentType?], lambdaAt position: Int, arity: Int)
        throws(SQLTypeError) -> [SQLType]
    {
        guard let function = function(named: name) else {
            throw SQLTypeError("Can't find any functions with the name '\(name)'")
        }
        var unbound = false
        for allowCasts in [false, true] {
            var candidates: [[SQLType]] = []
            for overload in function.overloads {
                guard let bindings = FunctionResolution.match(overload, arguments, allowCasts: allowCasts),
                    case .lambda(let declared, _) = FunctionResolution.parameterType(overload, at: position),
                    declared.count == arity
                else { continue }
                let types = declared.compactMap { FunctionResolution.concreteType($0, nil, bindings) }
                guard types.count == declared.count else {
                    unbound = true
                    continue
                }
                if !candidates.contains(types) { candidates.append(types) }
            }
            if candidates.count == 1 { return candidates[0] }
            if candidates.count > 1 { throw FunctionResolution.ambiguous(function, arguments) }
        }
        if unbound { throw FunctionResolution.cannotInferNull }
        throw FunctionResolution.noMatch(function, arguments)
    }
}
