import SluiceCore

/// What kind of token the lexer found.
public enum TokenKind: UInt8, Sendable {
    case endOfInput
    /// `name`, `_x1`, `a@b`: upper-cased when it becomes an ``Identifier``.
    case identifier
    /// `"Name"`: keeps its case; `""` inside stands for one `"`.
    case quotedIdentifier
    /// `` `Name` ``: keeps its case; ` `` ` inside stands for one backquote.
    case backquotedIdentifier
    /// `1abc`, `2_x`: an identifier that starts with a digit.
    case digitIdentifier
    /// A word in ``Keyword``; ``Token/keyword`` says which.
    case keyword
    /// `${name}`: a variable reference.
    case variable
    /// `'text'`: `''` inside stands for one quote.
    case string
    /// `42`
    case integer
    /// `1.5`, `.5`, `1.`: a DECIMAL literal.
    case decimal
    /// `1.5E0`, `2e-3`: a DOUBLE literal (it has an exponent).
    case double
    case leftParen, rightParen, leftBracket, rightBracket, comma, semicolon, dot
    case star, slash, percent, plus, minus
    /// `||`
    case concat
    /// `:=`
    case assign
    /// `->`
    case arrow
    /// `=>`
    case lambdaArrow
    case equal
    /// `<>` or `!=`
    case notEqual
    case less, lessOrEqual, greater, greaterOrEqual
    /// A character that starts no token (`#`, a lone `|`).
    case invalidCharacter
    /// A `'` string that reaches the end of the input.
    case unterminatedString
    /// A `"` or `` ` `` identifier that reaches the end of the input.
    case unterminatedIdentifier
    /// A `/*` comment that reaches the end of the input.
    case unterminatedComment
}

/// One token: its kind and where it is.
///
/// Offsets are UTF-8 byte offsets. `text` locates the token's characters in the buffer the parser
/// reads (the source, followed by any substituted variable values); `range` is where the user wrote
/// it. They differ only for a token that replaced a `${name}` reference, so diagnostics always point
/// at what the user typed.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// The keyword, when `kind == .keyword`.
    public var keyword: Keyword?
    var textStart: UInt32
    var textEnd: UInt32
    var sourceStart: UInt32
    var sourceEnd: UInt32

    init(_ kind: TokenKind, keyword: Keyword? = nil, start: Int, end: Int) {
        self.kind = kind
        self.keyword = keyword
        self.textStart = UInt32(truncatingIfNeeded: start)
        self.textEnd = UInt32(truncatingIfNeeded: end)
        self.sourceStart = textStart
        self.sourceEnd = textEnd
    }

    /// Where the user wrote the token.
    public var range: SourceRange { SourceRange(start: Int(sourceStart), end: Int(sourceEnd)) }

    /// Where the token's characters are in the parser's text buffer.
    public var text: Range<Int> { Int(textStart)..<Int(textEnd) }

    /// Whether this token is the keyword `keyword`.
    @inline(__always)
    public func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword && self.keyword == keyword }

    /// Whether this token can stand for an identifier: a plain, quoted or digit identifier, a
    /// variable reference, or a non-reserved keyword.
    public var canBeIdentifier: Bool {
        switch kind {
        case .identifier, .quotedIdentifier, .backquotedIdentifier, .digitIdentifier, .variable: true
        case .keyword: !(keyword?.isReserved ?? true)
        default: false
        }
    }

    /// Whether the token is a number literal.
    public var isNumber: Bool { kind == .integer || kind == .decimal || kind == .double }
}
