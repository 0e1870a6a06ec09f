import SluiceCore

/// Holds a syntax node's source range, and keeps it out of `==` and `hash(into:)`.
///
/// AST equality is structural: `SELECT a FROM t` parsed from two places compares equal, which is
/// what the round-trip check `parse(print(ast)) == ast` and a planner's "same expression" tests
/// need. The range is still there for diagnostics (`node.range`).
@propertyWrapper
public struct SyntaxRange: Hashable, Sendable {
    public var wrappedValue: SourceRange

    public init(wrappedValue: SourceRange) {
        self.wrappedValue = wrappedValue
    }

    public static func == (lhs: SyntaxRange, rhs: SyntaxRange) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension SourceRange {
    /// The empty range at offset 0, for nodes built in code rather than parsed.
    public static let none = SourceRange(at: 0)
}
