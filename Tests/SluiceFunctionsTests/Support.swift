import SluiceCore

@testable import SluiceFunctions

/// A DECIMAL value from its text.
func dec(_ text: String) -> Value { .decimal(SQLDecimal(text)!) }

/// Calls `name` through the standard registry on typed arguments (`nil` type for an untyped NULL).
func call(_ name: String, _ arguments: [(Value, SQLType?)]) throws -> Value {
    let registry = FunctionRegistry.standard
    let resolved = try registry.resolve(name, argumentTypes: arguments.map(\.1))
    let values = arguments.map(\.0)
    let kernel = try registry.kernel(for: resolved, constantArguments: values.map { Optional($0) })
    switch kernel {
    case .nullary(let f): return try f()
    case .unary(let f): return try f(values[0])
    case .binary(let f): return try f(values[0], values[1])
    case .ternary(let f): return try f(values[0], values[1], values[2])
    case .variadic(let f): return try values.withUnsafeBufferPointer { buffer throws(RecordError) in try f(buffer) }
    case .higherOrder: throw SQLTypeError("\(name) takes lambdas; test it through the expression compiler")
    }
}

/// Shorthands for typed arguments.
func str(_ text: String) -> (Value, SQLType?) { (.string(text), .string) }
func int(_ v: Int32) -> (Value, SQLType?) { (.integer(v), .integer) }
func big(_ v: Int64) -> (Value, SQLType?) { (.bigint(v), .bigint) }
func dbl(_ v: Double) -> (Value, SQLType?) { (.double(v), .double) }
func null(_ type: SQLType) -> (Value, SQLType?) { (.null, type) }

/// The message of the error `body` throws, or `nil`.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as RecordError {
        return error.message
    } catch let error as SQLTypeError {
        return error.message
    } catch {
        return "\(error)"
    }
}
