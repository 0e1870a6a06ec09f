import SluiceCore

/// Options for parsing.
public struct ParserOptions: Sendable {
    /// Variables to substitute for `${name}`; nil keeps references as written (what `format` does).
    public var substitution: VariableSubstitution?
    /// Accept the statements only test files and the CLI use: ASSERT VALUES, ASSERT NULL VALUES,
    /// ASSERT STREAM, ASSERT TABLE and RUN SCRIPT (ksqlDB's `testStatement` rule).
    public var allowsTestStatements: Bool
    /// The deepest expression or type accepted; deeper input gets "expression nested too deeply".
    public var maxDepth: Int

    /// The default depth limit, far beyond hand-written SQL.
    ///
    /// It bounds both the parser's recursion and the height of the trees it builds. Measured in a
    /// release build, the parser needs 1.7 KiB of stack per level of parentheses and at most
    /// 2.7 KiB per level of the costliest nesting (CASE, calls, lambdas), so 128 levels use under
    /// 350 KiB and fit a 512 KiB thread stack. A debug build needs up to 14 KiB per level (under
    /// 2 MiB at the limit), which the 8 MiB main and Linux thread stacks provide.
    public static let defaultMaxDepth = 128

    public init(
        substitution: VariableSubstitution? = nil,
        allowsTestStatements: Bool = true,
        maxDepth: Int = defaultMaxDepth
    ) {
        self.substitution = substitution
        self.allowsTestStatements = allowsTestStatements
        self.maxDepth = maxDepth
    }
}

/// A recursive-descent parser for ksqlDB's SQL, with a Pratt parser for expressions.
///
/// Each parse function implements one production of `Grammar/sluice.ebnf` and names it in its doc
/// comment. Errors are ``Diagnostic``s thrown with typed throws; the first error ends the statement
/// (``ScriptParser`` then resumes after the next `;`). Use the static entry points
/// (``parseScript(_:options:)``, ``parseStatement(_:options:)``, ``parseExpression(_:options:)``,
/// ``parseType(_:options:)``) rather than an instance.
public struct Parser {
    /// The bytes tokens point into: the source, then any substituted variable values.
    let text: TextBuffer
    let tokens: [Token]
    var position: Int
    let options: ParserOptions
    /// How many nested productions are open; guards the stack against deep input.
    var depth = 0

    init(text: TextBuffer, tokens: [Token], position: Int = 0, options: ParserOptions) {
        self.text = text
        self.tokens = tokens
        self.position = position
        self.options = options
    }

    // MARK: Tokens

    var current: Token {
        @inline(__always) get { tokens[position] }
    }

    /// The token `offset` places ahead, stopping at the statement's end.
    func peek(_ offset: Int = 1) -> Token {
        var index = position
        for _ in 0..<offset {
            let kind = tokens[index].kind
            if kind == .endOfInput || kind == .semicolon { break }
            index += 1
        }
        return tokens[index]
    }

    /// Moves past the current token and returns it. Never moves past `;` or the end of input, so
    /// a statement cannot swallow the next one.
    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if token.kind != .endOfInput && token.kind != .semicolon { position += 1 }
        return token
    }

    /// The end offset of the last token consumed.
    var previousEnd: Int {
        position > 0 ? Int(tokens[position - 1].sourceEnd) : 0
    }

    /// The range from `start` to the end of the last token consumed.
    func range(from start: Int) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    @inline(__always)
    func at(_ kind: TokenKind) -> Bool { tokens[position].kind == kind }

    @inline(__always)
    func at(_ keyword: Keyword) -> Bool { tokens[position].isKeyword(keyword) }

    mutating func consume(_ kind: TokenKind) -> Token? {
        guard at(kind) else { return nil }
        return advance()
    }

    mutating func consume(_ keyword: Keyword) -> Token? {
        guard at(keyword) else { return nil }
        return advance()
    }

    /// Consumes `kind` or throws "expected `what`, found ...".
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: @autoclosure () -> String) throws(Diagnostic) -> Token {
        guard at(kind) else { throw expected(what(), found: current) }
        return advance()
    }

    /// Consumes `keyword` or throws "expected KEYWORD, found ...".
    @discardableResult
    mutating func expect(_ keyword: Keyword) throws(Diagnostic) -> Token {
        guard at(keyword) else { throw expected(keyword.text, found: current) }
        return advance()
    }

    // MARK: Depth

    /// Enters a nested production; throws once the nesting passes the limit.
    mutating func enter() throws(Diagnostic) {
        depth += 1
        if depth > options.maxDepth { throw tooDeep(at: current.range) }
    }

    mutating func leave() { depth -= 1 }

    @inline(never)
    func tooDeep(at range: SourceRange) -> Diagnostic {
        .error(
            "expression nested too deeply",
            at: range,
            notes: [.init("the limit is \(options.maxDepth) levels of nesting")]
        )
    }

    /// Builds an expression node, refusing trees deeper than the limit (a long chain such as
    /// `a + b + c + ...` is deep without nesting parentheses).
    // Never inlined: the parse functions on the recursive path keep small stack frames.
    @inline(never)
    func node(_ kind: Expr.Kind, from start: Int) throws(Diagnostic) -> Expr {
        let expr = Expr(kind, range: range(from: start))
        if expr.depth > options.maxDepth { throw tooDeep(at: expr.range) }
        return expr
    }

    // MARK: Diagnostics

    /// The one way to build a syntax error: "expected X, found Y", with a caret under Y.
    @inline(never)
    func expected(_ what: String, found token: Token) -> Diagnostic {
        .error("expected \(what), found \(describe(token))", at: token.range)
    }

    /// How a token is named in a diagnostic: "keyword GROUP", "identifier FOO", "';'", "end of input".
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfInput: return "end of input"
        case .keyword: return "keyword \(token.keyword?.text ?? "")"
        case .identifier, .digitIdentifier: return "identifier \(truncated(Identifier.normalize(tokenText(token))))"
        case .quotedIdentifier, .backquotedIdentifier: return "identifier \(truncated(tokenText(token)))"
        case .variable: return "variable \(tokenText(token))"
        case .string: return "string \(truncated(tokenText(token)))"
        case .integer, .decimal, .double: return "number \(truncated(tokenText(token)))"
        case .invalidCharacter:
            let character = tokenText(token)
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            {
                return "character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            }
            return "character '\(character)'"
        case .unterminatedString: return "unterminated string literal"
        case .unterminatedIdentifier: return "unterminated quoted identifier"
        case .unterminatedComment: return "unterminated comment"
        default: return "'\(tokenText(token))'"
        }
    }

    private func truncated(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    /// The characters of a token, as the parser reads them.
    func tokenText(_ token: Token) -> String {
        String(decoding: text.bytes(token.text), as: UTF8.self)
    }
}

/// The bytes tokens point into: the source text, then text that variable substitution added.
struct TextBuffer: Sendable {
    let source: [UInt8]
    var added: [UInt8] = []

    init(source: [UInt8]) {
        self.source = source
    }

    /// The offset the next added byte will have.
    var end: Int { source.count + added.count }

    /// The bytes at `range`, in the source or in the added text.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        if range.lowerBound >= source.count {
            return added[(range.lowerBound - source.count)..<(range.upperBound - source.count)]
        }
        return source[range]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
