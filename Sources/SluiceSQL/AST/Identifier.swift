import SluiceCore

/// A name as ksqlDB reads it: a stream, table, column, alias, function, type or query id.
///
///     views        -> VIEWS   (unquoted: upper-cased)
///     `Views`      -> Views   (backquoted: kept)
///     "Views"      -> Views   (double-quoted: kept)
///     ${source}    -> a variable reference, replaced before parsing when substitution is on
///
/// Upper-casing is locale-independent (Java's `Locale.ROOT`), so `ß` becomes `SS` and `i` becomes
/// `I` on every machine. Two identifiers are equal when their values are: `FOO`, `foo` and `` `FOO` ``
/// name the same thing. `isQuoted` and `range` only record how and where it was written.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The normalized name (or the variable name, for a variable reference).
    public var value: String
    /// Written in quotes or backquotes (so its case was kept).
    public var isQuoted: Bool
    /// Written as `${name}`: an unsubstituted variable reference.
    public var isVariableReference: Bool
    @SyntaxRange public var range: SourceRange

    public init(_ value: String, isQuoted: Bool = false, isVariableReference: Bool = false, range: SourceRange = .none)
    {
        self.value = value
        self.isQuoted = isQuoted
        self.isVariableReference = isVariableReference
        self.range = range
    }

    /// An identifier written unquoted: `value` is upper-cased as ksqlDB does.
    public static func unquoted(_ text: String, range: SourceRange = .none) -> Identifier {
        Identifier(Identifier.normalize(text), range: range)
    }

    public static func == (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.value == rhs.value && lhs.isVariableReference == rhs.isVariableReference
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(isVariableReference)
    }

    /// The identifier as canonical SQL writes it (quoted only when it must be).
    public var description: String { SQLPrinter.identifier(self) }

    /// Upper-cases an unquoted name as Java's `toUpperCase(Locale.ROOT)` does: ASCII directly,
    /// anything else with Unicode's full, locale-independent case mapping.
    public static func normalize(_ text: String) -> String {
        var needsUnicode = false
        var needsChange = false
        for byte in text.utf8 {
            if byte >= 0x80 { needsUnicode = true; break }
            if byte >= 0x61 && byte <= 0x7A { needsChange = true }
        }
        if needsUnicode { return text.uppercased() }
        if !needsChange { return text }
        return String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// Upper-cases the UTF-8 bytes of an unquoted name (see ``normalize(_:)``).
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var needsUnicode = false
        for byte in bytes where byte >= 0x80 {
            needsUnicode = true
            break
        }
        if needsUnicode { return String(decoding: bytes, as: UTF8.self).uppercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[index] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            }
            return bytes.count
        }
    }
}
