import SluiceCore

/// A SQL type as written in a column definition, `CAST`, `CREATE TYPE` or `ALTER ... ADD COLUMN`.
///
/// Primitive names are resolved by the parser (`INT` and `INTEGER` are ``Kind/integer``, `VARCHAR`
/// and `STRING` are ``Kind/string``); any other name is a ``Kind/custom(_:)`` type that
/// `CREATE TYPE` defined. Nesting is bounded by the parser's depth limit.
public struct TypeSyntax: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// `BOOLEAN`
        case boolean
        /// `INT`, `INTEGER`: 32-bit signed.
        case integer
        /// `BIGINT`: 64-bit signed.
        case bigint
        /// `DOUBLE`
        case double
        /// `STRING`, `VARCHAR`
        case string
        /// `BYTES`
        case bytes
        /// `DATE`
        case date
        /// `TIME`
        case time
        /// `TIMESTAMP`
        case timestamp
        /// `DECIMAL(10, 2)`: precision and scale as written.
        case decimal(precision: Int, scale: Int)
        /// `ARRAY<INT>`
        case array(TypeSyntax)
        /// `MAP<STRING, INT>`
        case map(key: TypeSyntax, value: TypeSyntax)
        /// `STRUCT<name STRING, age INT>`; `STRUCT<>` has no fields.
        case `struct`([StructField])
        /// `ADDRESS`: a type that `CREATE TYPE` defined.
        case custom(Identifier)
    }

    /// One field of a `STRUCT<...>` type.
    public struct StructField: Hashable, Sendable {
        public var name: Identifier
        public var type: TypeSyntax
        @SyntaxRange public var range: SourceRange

        public init(name: Identifier, type: TypeSyntax, range: SourceRange = .none) {
            self.name = name
            self.type = type
            self.range = range
        }
    }

    public var kind: Kind
    @SyntaxRange public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = .none) {
        self.kind = kind
        self.range = range
    }

    /// The primitive type a base type name stands for (`INT`, `VARCHAR`, ...), if it is one.
    public static func primitive(named name: String) -> Kind? {
        switch name {
        case "BOOLEAN": .boolean
        case "INT", "INTEGER": .integer
        case "BIGINT": .bigint
        case "DOUBLE": .double
        case "STRING", "VARCHAR": .string
        case "BYTES": .bytes
        case "DATE": .date
        case "TIME": .time
        case "TIMESTAMP": .timestamp
        default: nil
        }
    }
}
