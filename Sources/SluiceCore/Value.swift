/// One SQL value. Its meaning comes with the `SQLType` of the column or expression that holds it.
///
/// `STRUCT` values are positional: field `i` of a `.struct` belongs to field `i` of the struct type.
/// Maps keep insertion order, as ksqlDB's `LinkedHashMap`s do.
public enum Value: Sendable {
    case null
    case boolean(Bool)
    case integer(Int32)
    case bigint(Int64)
    case double(Double)
    case decimal(SQLDecimal)
    case string(ByteString)
    case bytes(ByteString)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Milliseconds since midnight.
    case time(Int32)
    /// Milliseconds since the epoch, UTC.
    case timestamp(Int64)
    case array([Value])
    case map(MapValue)
    case `struct`([Value])

    @inlinable public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether the value refers to storage (text, bytes, collections), so that overwriting it
    /// must release that storage; other values are plain bits.
    @inlinable public var holdsReference: Bool {
        switch self {
        case .string, .bytes, .array, .map, .struct: return true
        default: return false
        }
    }

    /// The bytes of a `STRING` value, else nil, without keeping them alive: valid only while the
    /// value stays where it is (in a row). The copy of the string ends inside this accessor, so
    /// a caller that then calls out of line pays no retain and release for it.
    @inlinable public var unsafeStringBytes: UnsafeRawBufferPointer? {
        if case .string(let text) = self { return text.unsafeBytes }
        return nil
    }

    /// A `STRING` value holding `text`.
    public static func string(_ text: String) -> Value { .string(ByteString(text)) }
}

/// The entries of a `MAP` value, in insertion order, with unique keys.
public struct MapValue: Sendable, Hashable {
    public private(set) var keys: [Value]
    public private(set) var values: [Value]

    public init() {
        keys = []
        values = []
    }

    /// Builds a map from entries; a later duplicate key replaces the earlier value in place.
    public init(_ entries: [(Value, Value)]) {
        self.init()
        for (key, value) in entries { self[key] = value }
    }

    public var count: Int { keys.count }

    public subscript(key: Value) -> Value? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public var entries: Zip2Sequence<[Value], [Value]> { zip(keys, values) }
}

extension Value: Hashable {
    /// Equality as Java's `equals` has it, which is what GROUP BY keys, joins and DISTINCT use:
    /// values of different kinds differ, doubles compare by bits (NaN equals NaN, 0.0 differs from
    /// -0.0), decimals compare with their scale (`1.10 != 1.1`). SQL's `=` lives in the evaluator.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.boolean(let a), .boolean(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.bigint(let a), .bigint(let b)): return a == b
        case (.double(let a), .double(let b)): return javaBits(a) == javaBits(b)
        case (.decimal(let a), .decimal(let b)): return a.isIdentical(to: b)
        case (.string(let a), .string(let b)): return a == b
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.time(let a), .time(let b)): return a == b
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.struct(let a), .struct(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .boolean(let v): hasher.combine(v)
        case .integer(let v): hasher.combine(v)
        case .bigint(let v): hasher.combine(v)
        case .double(let v): hasher.combine(Value.javaBits(v))
        case .decimal(let v):
            hasher.combine(v.unscaled)
            hasher.combine(v.scale)
        case .string(let v): hasher.combine(v)
        case .bytes(let v): hasher.combine(v)
        case .date(let v): hasher.combine(v)
        case .time(let v): hasher.combine(v)
        case .timestamp(let v): hasher.combine(v)
        case .array(let v): hasher.combine(v)
        case .map(let v): hasher.combine(v)
        case .struct(let v): hasher.combine(v)
        }
    }

    private static func javaBits(_ value: Double) -> UInt64 {
        value.isNaN ? 0x7ff8_0000_0000_0000 : value.bitPattern
    }
}
