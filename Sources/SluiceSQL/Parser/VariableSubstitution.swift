import SluiceCore

/// The variables `DEFINE` creates, and their substitution into statements.
///
///     DEFINE topic = 'clicks';
///     CREATE STREAM s (id INT KEY) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');
///
/// Substitution works on tokens, so every token keeps the range the user wrote and a diagnostic
/// points at `${topic}`, not at the text put in its place:
/// - a `${name}` token is replaced by the tokens of its value, which must be one identifier or
///   literal (optionally a negative number), as ksqlDB requires;
/// - inside a string literal every `${name}` is replaced by the value's text (`$${name}` stays
///   `${name}`; an undefined name stays as written).
/// Names are case-insensitive. The value is the DEFINE string's content: `DEFINE t = '''x'''`
/// holds `'x'`, which substitutes as a string literal.
public struct VariableSubstitution: Hashable, Sendable {
    /// The defined variables by upper-cased name.
    public private(set) var variables: [String: String]

    /// Substitution with `variables` (names are case-insensitive).
    public init(_ variables: [String: String] = [:]) {
        self.variables = [:]
        for (name, value) in variables { define(name, as: value) }
    }

    /// Defines or redefines a variable.
    public mutating func define(_ name: String, as value: String) {
        variables[Identifier.normalize(name)] = value
    }

    /// Removes a variable.
    public mutating func undefine(_ name: String) {
        variables[Identifier.normalize(name)] = nil
    }

    /// The value of a variable, if defined.
    public func value(of name: String) -> String? {
        variables[Identifier.normalize(name)]
    }

    /// Applies `DEFINE` and `UNDEFINE`; returns whether `statement` was one of them.
    @discardableResult
    public mutating func apply(_ statement: Statement) -> Bool {
        switch statement {
        case .defineVariable(let define):
            self.define(define.name, as: define.value)
            return true
        case .undefineVariable(let undefine):
            self.undefine(undefine.name)
            return true
        default:
            return false
        }
    }

    /// Whether a statement's tokens need substitution at all (the fast path skips the copy).
    static func needsSubstitution(_ tokens: ArraySlice<Token>, text: TextBuffer) -> Bool {
        tokens.contains { token in
            token.kind == .variable || (token.kind == .string && containsReference(text.bytes(token.text)))
        }
    }

    private static func containsReference(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    /// Substitutes the variables in `tokens` (one statement, up to its `;`). New token text goes at
    /// the end of `text`; every token keeps its source range.
    func substitute(_ tokens: ArraySlice<Token>, text: inout TextBuffer) throws(Diagnostic) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        for token in tokens {
            switch token.kind {
            case .variable:
                result.append(contentsOf: try replacement(for: token, text: &text))
            case .string where VariableSubstitution.containsReference(text.bytes(token.text)):
                result.append(substituteInString(token, text: &text))
            default:
                result.append(token)
            }
        }
        return result
    }

    /// The tokens that replace a `${name}` token.
    private func replacement(for token: Token, text: inout TextBuffer) throws(Diagnostic) -> [Token] {
        let name = String(decoding: text.bytes(token.text).dropFirst(2).dropLast(), as: UTF8.self)
        guard let value = value(of: name) else {
            throw Diagnostic.error(
                "undefined variable ${\(name)}",
                at: token.range,
                notes: [.init("define it first: DEFINE \(name) = '...';")]
            )
        }
        let base = text.end
        var valueTokens: [Token] = []
        var comments: [SourceRange] = []
        var bytes = Array(value.utf8)
        bytes.withUnsafeBufferPointer {
            Lexer.tokenize($0, into: &valueTokens, comments: &comments, recordComments: false)
        }
        valueTokens.removeLast()  // end of input
        let kinds = valueTokens.map(\.kind)
        let isSingle: Bool
        switch kinds.count {
        case 1: isSingle = VariableSubstitution.substitutable.contains(kinds[0])
        case 2: isSingle = kinds[0] == .minus && [.integer, .decimal, .double].contains(kinds[1])
        default: isSingle = false
        }
        guard isSingle else {
            throw Diagnostic.error(
                "variable ${\(name)} must hold one identifier or literal, but holds '\(value)'",
                at: token.range
            )
        }
        text.added.append(contentsOf: bytes)
        bytes.removeAll()
        return valueTokens.map { valueToken in
            var moved = valueToken
            moved.textStart = UInt32(truncatingIfNeeded: base + Int(valueToken.textStart))
            moved.textEnd = UInt32(truncatingIfNeeded: base + Int(valueToken.textEnd))
            moved.sourceStart = token.sourceStart
            moved.sourceEnd = token.sourceEnd
            return moved
        }
    }

    private static let substitutable: Set<TokenKind> = [
        .identifier, .quotedIdentifier, .backquotedIdentifier, .digitIdentifier, .keyword, .string, .integer, .decimal,
        .double,
    ]

    /// A string token with the `${name}` references inside it replaced.
    private func substituteInString(_ token: Token, text: inout TextBuffer) -> Token {
        let content = Array(
            Parser.unquoted(text.bytes(token.text).dropFirst().dropLast(), quote: UInt8(ascii: "'")).utf8
        )
        var output: [UInt8] = [UInt8(ascii: "'")]
        var index = 0
        while index < content.count {
            let byte = content[index]
            if byte == UInt8(ascii: "$"), index + 2 < content.count, content[index + 1] == UInt8(ascii: "$"),
                content[index + 2] == UInt8(ascii: "{")
            {
                // `$${name}` is an escaped reference: it stays `${name}`.
                output.append(UInt8(ascii: "$"))
                index += 2
                continue
            }
            if byte == UInt8(ascii: "$"), index + 1 < content.count, content[index + 1] == UInt8(ascii: "{"),
                let close = content[(index + 2)...].firstIndex(of: UInt8(ascii: "}")),
                let value = value(of: String(decoding: content[(index + 2)..<close], as: UTF8.self))
            {
                for valueByte in value.utf8 { appendEscaped(valueByte, to: &output) }
                index = close + 1
                continue
            }
            appendEscaped(byte, to: &output)
            index += 1
        }
        output.append(UInt8(ascii: "'"))
        var moved = token
        moved.textStart = UInt32(truncatingIfNeeded: text.end)
        text.added.append(contentsOf: output)
        moved.textEnd = UInt32(truncatingIfNeeded: text.end)
        return moved
    }

    private func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(byte)
        if byte == UInt8(ascii: "'") { output.append(byte) }
    }
}
