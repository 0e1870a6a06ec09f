import SluiceCore

extension Value {
    /// The payload of an INTEGER.
    @inlinable package var int32Value: Int32? {
        if case .integer(let v) = self { return v }
        return nil
    }

    /// An INTEGER or BIGINT as a 64-bit integer.
    @inlinable package var int64Value: Int64? {
        switch self {
        case .integer(let v): Int64(v)
        case .bigint(let v): v
        default: nil
        }
    }

    /// Any number as a double (DECIMAL rounds to the nearest double).
    @inlinable package var doubleValue: Double? {
        switch self {
        case .double(let v): v
        case .integer(let v): Double(v)
        case .bigint(let v): Double(v)
        case .decimal(let v): v.doubleValue
        default: nil
        }
    }

    /// The bytes of a STRING or BYTES value.
    @inlinable package var byteStringValue: ByteString? {
        switch self {
        case .string(let s), .bytes(let s): s
        default: nil
        }
    }
}

/// New byte strings for function results.
package enum Bytes {
    /// A byte string of at most `capacity` bytes, written by `body`, which returns the count; one
    /// allocation.
    package static func make(capacity: Int, _ body: (UnsafeMutableRawPointer) -> Int) -> ByteString {
        if capacity == 0 { return .empty }
        var arena = ByteArena(chunkSize: capacity)
        return arena.append(capacity: capacity, body)
    }

    /// A byte string holding `bytes`.
    package static func make(_ bytes: [UInt8]) -> ByteString {
        bytes.withUnsafeBytes { ByteString(copying: $0) }
    }
}

/// Shorthands for declaring overloads.
extension FunctionParameter {
    static func p(_ name: String, _ type: ParameterType, _ description: String = "") -> FunctionParameter {
        FunctionParameter(name, type, description: description)
    }
}

extension ScalarKernel {
    /// A one-argument kernel that returns NULL for a NULL argument.
    static func strict(_ body: @escaping @Sendable (Value) throws(RecordError) -> Value) -> ScalarKernel {
        .unary { value throws(RecordError) in value.isNull ? .null : try body(value) }
    }

    /// A two-argument kernel that returns NULL when either argument is NULL.
    static func strict(_ body: @escaping @Sendable (Value, Value) throws(RecordError) -> Value) -> ScalarKernel {
        .binary { a, b throws(RecordError) in a.isNull || b.isNull ? .null : try body(a, b) }
    }

    /// A three-argument kernel that returns NULL when any argument is NULL.
    static func strict(_ body: @escaping @Sendable (Value, Value, Value) throws(RecordError) -> Value) -> ScalarKernel {
        .ternary { a, b, c throws(RecordError) in a.isNull || b.isNull || c.isNull ? .null : try body(a, b, c) }
    }

    /// A DOUBLE function of one number.
    static func double(_ body: @escaping @Sendable (Double) -> Double) -> ScalarKernel {
        .unary { value in value.doubleValue.map { .double(body($0)) } ?? .null }
    }

    /// A DOUBLE function of two numbers.
    static func double(_ body: @escaping @Sendable (Double, Double) -> Double) -> ScalarKernel {
        .binary { a, b in
            guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
            return .double(body(x, y))
        }
    }
}

extension FunctionOverload {
    /// An overload for each of INTEGER, BIGINT and DOUBLE taking one number and returning a
    /// DOUBLE, as ksqlDB declares its math functions.
    static func doubleOfNumber(_ name: String, _ description: String, _ body: @escaping @Sendable (Double) -> Double)
        -> [FunctionOverload]
    {
        [ParameterType.integer, .bigint, .double].map { type in
            FunctionOverload(
                [.p(name, type)], returns: .fixed(.double), description: description, kernel: .double(body))
        }
    }
}

extension ByteString {
    /// `withBytes` for a body with a typed error, which `rethrows` would widen to `any Error`.
    func withTypedBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = withBytes { bytes in Result { () throws(E) in try body(bytes) } }
        return try result.get()
    }
}
