import SluiceCore

@testable import SluiceFunctions

/// Typed arguments for the collection, JSON and bytes function tests.
func array(_ elements: [Value], of element: SQLType) -> (Value, SQLType?) { (.array(elements), .array(element)) }
func ints(_ values: Int32?...) -> (Value, SQLType?) {
    (.array(values.map { $0.map(Value.integer) ?? .null }), .array(.integer))
}
func strings(_ values: String?...) -> (Value, SQLType?) {
    (.array(values.map { $0.map { Value.string($0) } ?? .null }), .array(.string))
}
func stringMap(_ entries: [(String, Value)], value: SQLType) -> (Value, SQLType?) {
    (.map(MapValue(entries.map { (Value.string($0.0), $0.1) })), .map(key: .string, value: value))
}
func bytes(_ values: [UInt8]) -> (Value, SQLType?) { (.bytes(ByteString(values)), .bytes) }
func bool(_ flag: Bool) -> (Value, SQLType?) { (.boolean(flag), .boolean) }

/// An array of STRING values.
func stringValues(_ values: String?...) -> Value { .array(values.map { $0.map { Value.string($0) } ?? .null }) }

/// Calls `name` with no literal arguments, so kernels take their per-row path (patterns, zones
/// and units prepared through a cache rather than once).
func callRowByRow(_ name: String, _ arguments: [(Value, SQLType?)]) throws -> Value {
    let registry = FunctionRegistry.standard
    let resolved = try registry.resolve(name, argumentTypes: arguments.map(\.1))
    let values = arguments.map(\.0)
    let kernel = try registry.kernel(for: resolved, constantArguments: values.map { _ in nil })
    switch kernel {
    case .nullary(let f): return try f()
    case .unary(let f): return try f(values[0])
    case .binary(let f): return try f(values[0], values[1])
    case .ternary(let f): return try f(values[0], values[1], values[2])
    case .variadic(let f): return try values.withUnsafeBufferPointer { buffer throws(RecordError) in try f(buffer) }
    case .higherOrder: throw SQLTypeError("\(name) takes lambdas; test it through the expression compiler")
    }
}

/// The result type the registry resolves for `name` on `types`.
func returnType(_ name: String, _ types: [SQLType?]) throws -> SQLType {
    try FunctionRegistry.standard.resolve(name, argumentTypes: types).returnType
}
