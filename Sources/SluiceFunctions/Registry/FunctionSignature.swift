import SluiceCore

/// ksqlDB's function categories, as `SHOW FUNCTIONS` and `DESCRIBE FUNCTION` print them.
public enum FunctionCategory: String, Hashable, Sendable, CaseIterable {
    case mathematical = "MATHEMATICAL"
    case string = "STRING"
    case regularExpression = "REGULAR EXPRESSION"
    case json = "JSON"
    case array = "ARRAY"
    case map = "MAP"
    case dateTime = "DATE / TIME"
    case url = "URL"
    case conditional = "CONDITIONAL"
    case conversions = "CONVERSIONS"
    case lambda = "LAMBDA"
    case aggregate = "AGGREGATE"
    case table = "TABLE"
    case other = "OTHER"
}

/// The declared type of a function parameter.
public indirect enum ParameterType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case integer
    case bigint
    case double
    /// Any DECIMAL(p, s); INTEGER and BIGINT arguments widen to DECIMAL(10, 0) and DECIMAL(19, 0).
    case decimal
    case string
    case bytes
    case date
    case time
    case timestamp
    case array(ParameterType)
    case map(key: ParameterType, value: ParameterType)
    /// Any STRUCT.
    case anyStruct
    /// A type variable (`T`): every argument bound to it gets one common type.
    case generic(String)
    /// A lambda argument (`x => x + 1`) taking `parameters` and producing `result`.
    case lambda(parameters: [ParameterType], result: ParameterType)

    /// The parameter type of a concrete SQL type (any DECIMAL becomes `.decimal`).
    public init(_ type: SQLType) {
        switch type {
        case .boolean: self = .boolean
        case .integer: self = .integer
        case .bigint: self = .bigint
        case .double: self = .double
        case .decimal: self = .decimal
        case .string: self = .string
        case .bytes: self = .bytes
        case .date: self = .date
        case .time: self = .time
        case .timestamp: self = .timestamp
        case .array(let element): self = .array(ParameterType(element))
        case .map(let key, let value): self = .map(key: ParameterType(key), value: ParameterType(value))
        case .struct: self = .anyStruct
        }
    }

    /// The SQL type when the parameter has one fixed type (not DECIMAL, STRUCT or a generic).
    public var fixedType: SQLType? {
        switch self {
        case .boolean: .boolean
        case .integer: .integer
        case .bigint: .bigint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .date: .date
        case .time: .time
        case .timestamp: .timestamp
        case .array(let element): element.fixedType.map { .array($0) }
        case .map(let key, let value):
            key.fixedType.flatMap { k in value.fixedType.map { .map(key: k, value: $0) } }
        case .decimal, .anyStruct, .generic, .lambda: nil
        }
    }

    /// Whether a type variable occurs in the type.
    public var hasGenerics: Bool {
        switch self {
        case .generic: true
        case .array(let element): element.hasGenerics
        case .map(let key, let value): key.hasGenerics || value.hasGenerics
        case .lambda(let parameters, let result): result.hasGenerics || parameters.contains { $0.hasGenerics }
        default: false
        }
    }

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .integer: "INT"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .decimal: "DECIMAL"
        case .string: "VARCHAR"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .array(let element): "ARRAY<\(element)>"
        case .map(let key, let value): "MAP<\(key), \(value)>"
        case .anyStruct: "STRUCT"
        case .generic(let name): name
        case .lambda(let parameters, let result):
            "LAMBDA (" + parameters.map(\.description).joined(separator: ", ") + ") => \(result)"
        }
    }
}

/// One parameter of an overload.
public struct FunctionParameter: Hashable, Sendable {
    public var name: String
    public var type: ParameterType
    public var description: String

    public init(_ name: String, _ type: ParameterType, description: String = "") {
        self.name = name
        self.type = type
        self.description = description
    }
}

/// How an overload's result type follows from its arguments.
public enum ReturnTypeRule: Sendable {
    /// Always this type.
    case fixed(SQLType)
    /// A parameter type with its type variables replaced by what the arguments bound
    /// (`.generic("T")`, `.array(.generic("T"))`).
    case parameter(ParameterType)
    /// Computed from the argument types after resolution (nil for NULL arguments), as ksqlDB's
    /// schema providers do; `text` is what DESCRIBE FUNCTION shows.
    case computed(text: String, @Sendable ([SQLType?]) throws(SQLTypeError) -> SQLType)

    /// The return type as DESCRIBE FUNCTION prints it.
    public var text: String {
        switch self {
        case .fixed(let type): type.description
        case .parameter(let type): type.description
        case .computed(let text, _): text
        }
    }
}

/// The implementation of one call site: a closure of the call's arity, chosen when the expression
/// is compiled so that evaluating a call allocates no argument array.
public enum ScalarKernel: Sendable {
    case nullary(@Sendable () throws(RecordError) -> Value)
    case unary(@Sendable (Value) throws(RecordError) -> Value)
    case binary(@Sendable (Value, Value) throws(RecordError) -> Value)
    case ternary(@Sendable (Value, Value, Value) throws(RecordError) -> Value)
    /// Any number of arguments, passed in scratch storage owned by the evaluation context.
    case variadic(@Sendable (UnsafeBufferPointer<Value>) throws(RecordError) -> Value)
    /// A higher-order function (TRANSFORM, FILTER, REDUCE): the arguments as for `variadic`, with
    /// NULL in the place of each lambda, and a way to call the lambdas for the current row.
    case higherOrder(@Sendable (UnsafeBufferPointer<Value>, LambdaInvoker) throws(RecordError) -> Value)

    /// The argument count the kernel takes, or `nil` for any.
    public var arity: Int? {
        switch self {
        case .nullary: 0
        case .unary: 1
        case .binary: 2
        case .ternary: 3
        case .variadic, .higherOrder: nil
        }
    }
}

/// Calls lambda argument `lambda` (0 for a call's first lambda, 1 for its second) with its
/// parameters bound to `first`, `second` and `third` (those past the lambda's arity are ignored)
/// and returns the value of its body for the current row.
public typealias LambdaInvoker = (_ lambda: Int, _ first: Value, _ second: Value, _ third: Value) throws(RecordError)
    -> Value

/// The type of one argument of a call, as overload resolution sees it.
public enum ArgumentType: Hashable, Sendable {
    /// A value of this type; `nil` for an untyped NULL literal.
    case value(SQLType?)
    /// A lambda whose parameters have these types and whose body has type `result`.
    case lambda(parameters: [SQLType], result: SQLType)
}

/// What a kernel factory knows about the call site it implements.
public struct CallSite: Sendable {
    /// The type of each argument, after the planner's casts.
    public var argumentTypes: [SQLType]
    /// The call's result type.
    public var returnType: SQLType
    /// The value of each argument that is a literal, so a kernel can prepare it once (a pattern,
    /// a format).
    public var constantArguments: [Value?]

    public init(argumentTypes: [SQLType], returnType: SQLType, constantArguments: [Value?]) {
        self.argumentTypes = argumentTypes
        self.returnType = returnType
        self.constantArguments = constantArguments
    }
}

/// One signature of a function and its implementation.
public struct FunctionOverload: Sendable {
    /// The parameters; when `isVariadic`, the last one repeats zero or more times.
    public var parameters: [FunctionParameter]
    public var isVariadic: Bool
    public var returnType: ReturnTypeRule
    public var description: String
    /// Builds the kernel for one call site. It may throw for constant arguments it rejects.
    public var makeKernel: @Sendable (CallSite) throws(SQLTypeError) -> ScalarKernel

    public init(
        _ parameters: [FunctionParameter], variadic: Bool = false, returns: ReturnTypeRule,
        description: String = "", kernel: @escaping @Sendable (CallSite) throws(SQLTypeError) -> ScalarKernel
    ) {
        self.parameters = parameters
        self.isVariadic = variadic
        self.returnType = returns
        self.description = description
        self.makeKernel = kernel
    }

    /// A signature whose kernel does not depend on the call site.
    public init(
        _ parameters: [FunctionParameter], variadic: Bool = false, returns: ReturnTypeRule,
        description: String = "", kernel: ScalarKernel
    ) {
        self.init(parameters, variadic: variadic, returns: returns, description: description) { _ in kernel }
    }

    /// `NAME(name TYPE, name TYPE...)`, as ksqlDB lists valid alternatives.
    public func signature(name: String) -> String {
        let rendered = parameters.enumerated().map { index, parameter in
            let repeated = isVariadic && index == parameters.count - 1
            let type = parameter.type.description + (repeated ? "..." : "")
            return parameter.name.isEmpty ? type : "\(type) \(parameter.name)"
        }
        return "\(name)(\(rendered.joined(separator: ", ")))"
    }
}

/// A scalar function: a name, what DESCRIBE FUNCTION shows, and its overloads.
public struct ScalarFunction: Sendable {
    /// The name in upper case, as SHOW FUNCTIONS lists it (`SUBSTRING`).
    public var name: String
    /// The name as ksqlDB's error messages spell it (`substring`, `COALESCE`).
    public var displayName: String
    public var category: FunctionCategory
    public var description: String
    public var overloads: [FunctionOverload]

    public init(
        _ name: String, displayName: String? = nil, category: FunctionCategory, description: String,
        overloads: [FunctionOverload]
    ) {
        self.name = name.uppercased()
        self.displayName = displayName ?? name.lowercased()
        self.category = category
        self.description = description
        self.overloads = overloads
    }
}
