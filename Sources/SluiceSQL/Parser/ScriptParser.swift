import SluiceCore

/// One statement of a script, parsed or not.
public struct ParsedStatement: Sendable {
    /// The statement; nil when it has an error.
    public var statement: Statement?
    /// The statement's error. When the script has several statements, a note names which one.
    public var diagnostic: Diagnostic?
    /// From the statement's first token to its `;` (inclusive, when there is one).
    public var range: SourceRange
    /// The source text of `range`.
    public var text: String
    /// 1-based position of the statement in the script.
    public var index: Int
}

/// Everything ``Parser/parseScript(_:options:)`` found.
public struct ScriptResult: Sendable {
    /// Every statement, in order, including those with errors.
    public var statements: [ParsedStatement]
    /// The error of each bad statement, in order.
    public var diagnostics: [Diagnostic]
    /// The ranges of all comments, in order (a formatter keeps them).
    public var comments: [SourceRange]
    /// The variables after the script's DEFINE and UNDEFINE statements, when substituting.
    public var substitution: VariableSubstitution?

    /// The statements, when every one parsed.
    public var parsedStatements: [Statement]? {
        diagnostics.isEmpty ? statements.compactMap(\.statement) : nil
    }
}

/// Parses a script one statement at a time, so a caller can run each statement before the next
/// is parsed.
///
/// The script is lexed once and split at `;` tokens. A bad statement yields its diagnostic and
/// parsing resumes after its `;`. With ``ParserOptions/substitution`` set, each statement's
/// `${name}` references are substituted with the variables as they are *then*; by default a
/// parsed `DEFINE` or `UNDEFINE` updates them for the statements after it (ksqlDB's behaviour). A
/// caller that runs statements itself may instead change ``options`` between calls to ``next()``.
public struct ScriptParser {
    public let file: SourceFile
    public var options: ParserOptions
    /// Apply each parsed DEFINE / UNDEFINE to `options.substitution`.
    public var appliesDefinitions = true
    /// The ranges of all comments in the file.
    public let comments: [SourceRange]
    /// How many non-empty statements the file holds.
    public let statementCount: Int

    private let text: TextBuffer
    private let tokens: [Token]
    private var position = 0
    private var index = 0

    public init(_ file: SourceFile, options: ParserOptions = ParserOptions()) {
        self.file = file
        self.options = options
        var bytes = Array(file.text.utf8)
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        bytes.withUnsafeBufferPointer { Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: true) }
        self.text = TextBuffer(source: bytes)
        bytes = []
        self.tokens = tokens
        self.comments = comments
        var count = 0
        var previous = TokenKind.semicolon
        for token in tokens {
            if previous == .semicolon, token.kind != .semicolon, token.kind != .endOfInput { count += 1 }
            previous = token.kind
        }
        self.statementCount = count
    }

    /// Parses the next statement, or returns nil at the end of the script.
    public mutating func next() -> ParsedStatement? {
        while tokens[position].kind == .semicolon { position += 1 }
        let first = tokens[position]
        guard first.kind != .endOfInput else { return nil }
        var end = position
        while tokens[end].kind != .semicolon, tokens[end].kind != .endOfInput { end += 1 }
        let last = tokens[end].kind == .semicolon ? tokens[end] : tokens[end - 1]
        let range = SourceRange(start: Int(first.sourceStart), end: Int(last.sourceEnd))
        index += 1
        let start = position
        position = tokens[end].kind == .semicolon ? end + 1 : end

        var parsed = ParsedStatement(
            statement: nil,
            diagnostic: nil,
            range: range,
            text: file.slice(range),
            index: index
        )
        do {
            let statement = try parseStatement(tokens: start...end)
            parsed.statement = statement
            if appliesDefinitions { options.substitution?.apply(statement) }
        } catch {
            var diagnostic = error
            if statementCount > 1 {
                diagnostic.notes.append(.init("in statement \(index)", range: SourceRange(at: range.start)))
            }
            parsed.diagnostic = diagnostic
        }
        return parsed
    }

    private func parseStatement(tokens slice: ClosedRange<Int>) throws(Diagnostic) -> Statement {
        var parser: Parser
        if let substitution = options.substitution, VariableSubstitution.needsSubstitution(tokens[slice], text: text) {
            var buffer = text
            let substituted = try substitution.substitute(tokens[slice], text: &buffer)
            parser = Parser(text: buffer, tokens: substituted, options: options)
        } else {
            parser = Parser(text: text, tokens: tokens, position: slice.lowerBound, options: options)
        }
        let statement = try parser.parseStatement()
        guard parser.at(.semicolon) || parser.at(.endOfInput) else {
            throw parser.expected("';'", found: parser.current)
        }
        return statement
    }

    /// Parses every remaining statement.
    public mutating func parseAll() -> ScriptResult {
        var statements: [ParsedStatement] = []
        var diagnostics: [Diagnostic] = []
        while let parsed = next() {
            if let diagnostic = parsed.diagnostic { diagnostics.append(diagnostic) }
            statements.append(parsed)
        }
        return ScriptResult(
            statements: statements,
            diagnostics: diagnostics,
            comments: comments,
            substitution: options.substitution
        )
    }
}
