import SluiceCore

/// A function call the planner resolved: the overload, the type each argument must be cast to,
/// and the result type.
public struct ResolvedCall: Sendable {
    public let function: ScalarFunction
    public let overloadIndex: Int
    /// The type each argument must have. The planner casts arguments whose type differs and gives
    /// NULL literals this type; the compiled call then finds the same overload by exact match.
    public let argumentTypes: [SQLType]
    public let returnType: SQLType

    public var overload: FunctionOverload { function.overloads[overloadIndex] }
}

/// The scalar functions a query can call, by name.
///
/// The registry is a value: build one from `standard` plus further functions with `adding(_:)`.
public struct FunctionRegistry: Sendable {
    /// Every built-in scalar function.
    public static let standard = FunctionRegistry(StandardFunctions.all)

    /// The functions, sorted by name (what SHOW FUNCTIONS lists).
    public let functions: [ScalarFunction]
    let positions: [String: Int]

    /// A registry of `functions`; a later function replaces an earlier one with the same name.
    public init(_ functions: [ScalarFunction]) {
        var byName: [String: ScalarFunction] = [:]
        for function in functions { byName[function.name] = function }
        self.functions = byName.values.sorted { $0.name < $1.name }
        var positions: [String: Int] = [:]
        for (index, function) in self.functions.enumerated() { positions[function.name] = index }
        self.positions = positions
    }

    /// This registry with `functions` added (replacing same-named ones).
    public func adding(_ functions: [ScalarFunction]) -> FunctionRegistry {
        FunctionRegistry(self.functions + functions)
    }

    /// The function called `name`, in any case.
    public func function(named name: String) -> ScalarFunction? {
        positions[name.uppercased()].map { functions[$0] }
    }

    /// Picks the overload of `name` for arguments of the given types (`nil` for a NULL literal),
    /// as ksqlDB's `UdfIndex` does:
    ///
    /// 1. Overloads whose parameters match the argument types exactly (NULL matches anything).
    /// 2. If none, overloads reachable by implicit casts (`TypeRules.canImplicitlyCast`); a type
    ///    variable bound by several arguments takes their `TypeRules.widerType`.
    ///
    /// Among the candidates of a step, a fixed-arity overload beats a variadic one, then more
    /// parameters beat fewer, then fewer type variables beat more; a tie is ambiguous.
    ///
    /// - Throws: `SQLTypeError` when no function has the name, no overload accepts the
    ///   arguments, the choice is ambiguous, or a NULL argument's type can't be inferred.
    public func resolve(_ name: String, argumentTypes: [SQLType?]) throws(SQLTypeError) -> ResolvedCall {
        try resolve(name, arguments: argumentTypes.map { .value($0) })
    }

    /// `resolve(_:argumentTypes:)` for calls that may pass lambdas (`TRANSFORM(xs, x => x + 1)`).
    ///
    /// A lambda matches a lambda parameter of the same arity whose parameter types are exactly
    /// the lambda's (the planner typed its body with them, so no cast may change them); its body's
    /// type binds the parameter's result type like any argument. In the `ResolvedCall`, a lambda's
    /// argument type is its body's type.
    public func resolve(_ name: String, arguments: [ArgumentType]) throws(SQLTypeError) -> ResolvedCall {
        guard let function = function(named: name) else {
            throw SQLTypeError("Can't find any functions with the name '\(name)'")
        }
        for allowCasts in [false, true] {
            var candidates: [(index: Int, bindings: [String: SQLType])] = []
            for (index, overload) in function.overloads.enumerated() {
                if let bindings = FunctionResolution.match(overload, arguments, allowCasts: allowCasts) {
                    candidates.append((index, bindings))
                }
            }
            guard !candidates.isEmpty else { continue }
            let ranked = candidates.sorted {
                FunctionResolution.rank(function.overloads[$0.index])
                    > FunctionResolution.rank(function.overloads[$1.index])
            }
            if ranked.count > 1,
                FunctionResolution.rank(function.overloads[ranked[0].index])
                    == FunctionResolution.rank(function.overloads[ranked[1].index])
            {
                throw FunctionResolution.ambiguous(function, arguments)
            }
            let chosen = ranked[0]
            return try FunctionResolution.resolved(function, chosen.index, arguments, chosen.bindings)
        }
        throw FunctionResolution.noMatch(function, arguments)
    }

    /// The kernel for a resolved call; `constantArguments` holds the value of each literal argument.
    public func kernel(for call: ResolvedCall, constantArguments: [Value?]) throws(SQLTypeError) -> ScalarKernel {
        let site = CallSite(
            argumentTypes: call.argumentTypes, returnType: call.returnType, constantArguments: constantArguments)
        return try call.overload.makeKernel(site)
    }
}

/// The steps of overload resolution.
enum FunctionResolution {
    /// ksqlDB's preference order: fixed arity, then more parameters, then fewer type variables.
    static func rank(_ overload: FunctionOverload) -> (Int, Int, Int) {
        (overload.isVariadic ? 0 : 1, overload.parameters.count, -overload.parameters.filter(\.type.hasGenerics).count)
    }

    static func parameterType(_ overload: FunctionOverload, at index: Int) -> ParameterType {
        index < overload.parameters.count
            ? overload.parameters[index].type : overload.parameters[overload.parameters.count - 1].type
    }

    /// The type-variable bindings under which the overload accepts the arguments, or `nil`. A `nil`
    /// argument is a lambda not typed yet (while the planner types lambdas one by one): any lambda
    /// parameter takes it.
    static func match(_ overload: FunctionOverload, _ arguments: [ArgumentType?], allowCasts: Bool)
        -> [String: SQLType]?
    {
        let count = overload.parameters.count
        if overload.isVariadic {
            guard arguments.count >= count - 1 else { return nil }
        } else {
            guard arguments.count == count else { return nil }
        }
        var bindings: [String: SQLType] = [:]
        for (index, argument) in arguments.enumerated() {
            let parameter = parameterType(overload, at: index)
            switch argument {
            case nil:
                guard case .lambda = parameter else { return nil }
            case .value(nil)?:
                if case .lambda = parameter { return nil }
            case .value(let type?)?:
                guard accepts(parameter, type, allowCasts, &bindings) else { return nil }
            case .lambda(let parameters, let result)?:
                guard acceptsLambda(parameter, parameters, result, allowCasts, &bindings) else { return nil }
            }
        }
        // A lambda's parameters were typed before resolution: a binding widened by a later
        // argument would change them under the compiled body.
        for (index, argument) in arguments.enumerated() {
            guard case .lambda(let parameters, let result)? = argument,
                case .lambda(let declared, let declaredResult) = parameterType(overload, at: index)
            else { continue }
            for (parameter, actual) in zip(declared, parameters)
            where concreteType(parameter, actual, bindings) != actual {
                return nil
            }
            if concreteType(declaredResult, result, bindings) != result { return nil }
        }
        return bindings
    }

    /// Whether a lambda of these parameter and result types fits a lambda parameter.
    static func acceptsLambda(
        _ parameter: ParameterType, _ parameters: [SQLType], _ result: SQLType, _ allowCasts: Bool,
        _ bindings: inout [String: SQLType]
    ) -> Bool {
        guard case .lambda(let declared, let declaredResult) = parameter, declared.count == parameters.count else {
            return false
        }
        for (declaredParameter, actual) in zip(declared, parameters) {
            guard accepts(declaredParameter, actual, false, &bindings) else { return false }
        }
        return accepts(declaredResult, result, allowCasts, &bindings)
    }

    static func accepts(
        _ parameter: ParameterType, _ argument: SQLType, _ allowCasts: Bool, _ bindings: inout [String: SQLType]
    ) -> Bool {
        switch parameter {
        case .generic(let name):
            guard let bound = bindings[name] else {
                bindings[name] = argument
                return true
            }
            if bound == argument { return true }
            guard allowCasts, let wider = TypeRules.widerType(bound, argument) else { return false }
            bindings[name] = wider
            return true
        case .array(let element):
            guard case .array(let actual) = argument else { return false }
            return accepts(element, actual, allowCasts, &bindings)
        case .map(let key, let value):
            guard case .map(let actualKey, let actualValue) = argument else { return false }
            return accepts(key, actualKey, allowCasts, &bindings) && accepts(value, actualValue, allowCasts, &bindings)
        case .anyStruct:
            if case .struct = argument { return true }
            return false
        case .lambda:
            return false
        case .decimal:
            if case .decimal = argument { return true }
            return allowCasts && (argument == .integer || argument == .bigint)
        default:
            guard let fixed = parameter.fixedType else { return false }
            if fixed == argument { return true }
            return allowCasts && TypeRules.baseCanImplicitlyCast(argument, to: fixed)
        }
    }

    /// The concrete type of a parameter for an argument (nil for NULL), or `nil` if unknown.
    static func concreteType(_ parameter: ParameterType, _ argument: SQLType?, _ bindings: [String: SQLType])
        -> SQLType?
    {
        switch parameter {
        case .generic(let name): return bindings[name]
        case .decimal: return argument.flatMap(TypeRules.decimalType(holding:))
        case .anyStruct: return argument
        case .array(let element):
            var inner: SQLType?
            if case .array(let actual) = argument { inner = actual }
            return concreteType(element, inner, bindings).map { .array($0) }
        case .map(let key, let value):
            var actualKey: SQLType?
            var actualValue: SQLType?
            if case .map(let k, let v) = argument {
                actualKey = k
                actualValue = v
            }
            guard let k = concreteType(key, actualKey, bindings), let v = concreteType(value, actualValue, bindings)
            else {
                return nil
            }
            return .map(key: k, value: v)
        case .lambda: return argument
        default: return parameter.fixedType
        }
    }

    static let cannotInferNull = SQLTypeError(
        "Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).")

    static func resolved(
        _ function: ScalarFunction, _ index: Int, _ arguments: [ArgumentType], _ bindings: [String: SQLType]
    ) throws(SQLTypeError) -> ResolvedCall {
        let overload = function.overloads[index]
        var types: [SQLType] = []
        var known: [SQLType?] = []
        for (position, argument) in arguments.enumerated() {
            let parameter = parameterType(overload, at: position)
            guard case .value(let argument) = argument else {
                if case .lambda(_, let result) = argument {
                    types.append(result)
                    known.append(result)
                }
                continue
            }
            var type = concreteType(parameter, argument, bindings)
            if type == nil, argument == nil {
                // A NULL in a DECIMAL or STRUCT position takes the narrowest such type.
                if parameter == .decimal { type = .decimal(precision: 1, scale: 0) }
                if parameter == .anyStruct { type = .struct([]) }
            }
            guard let type else { throw cannotInferNull }
            types.append(type)
            known.append(argument == nil ? nil : type)
        }
        let returnType: SQLType
        switch overload.returnType {
        case .fixed(let type): returnType = type
        case .parameter(let parameter):
            guard let type = concreteType(parameter, nil, bindings) else { throw cannotInferNull }
            returnType = type
        case .computed(_, let compute): returnType = try compute(known)
        }
        return ResolvedCall(function: function, overloadIndex: index, argumentTypes: types, returnType: returnType)
    }

    static func argumentList(_ arguments: [ArgumentType?]) -> String {
        let texts = arguments.map { argument -> String in
            switch argument {
            case .value(let type?)?: type.description
            case .value(nil)?: "null"
            case .lambda(let parameters, let result)?:
                "LAMBDA (" + parameters.map(\.description).joined(separator: ", ") + ") => \(result)"
            case nil: "LAMBDA"
            }
        }
        return "(" + texts.joined(separator: ", ") + ")"
    }

    static func alternatives(_ function: ScalarFunction) -> String {
        function.overloads.map { $0.signature(name: function.displayName) }.joined(separator: "\n")
    }

    static func noMatch(_ function: ScalarFunction, _ arguments: [ArgumentType?]) -> SQLTypeError {
        SQLTypeError(
            "Function '\(function.displayName)' does not accept parameters \(argumentList(arguments)).\n"
                + "Valid alternatives are:\n\(alternatives(function))\n"
                + "For detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;")
    }

    static func ambiguous(_ function: ScalarFunction, _ arguments: [ArgumentType?]) -> SQLTypeError {
        SQLTypeError(
            "Function '\(function.displayName)' cannot be resolved due to ambiguous method parameters "
                + "\(argumentList(arguments)).\n"
                + "Use CAST() to explicitly cast your parameters to one of the supported function calls.\n"
                + "Valid function calls are:\n\(alternatives(function))\n"
                + "For detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;")
    }
}
