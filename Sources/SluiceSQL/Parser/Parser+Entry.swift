import SluiceCore

extension Parser {
    /// Parses a script of `;`-terminated statements.
    ///
    /// Never throws and never stops early: each bad statement contributes one diagnostic (with a
    /// note "in statement N" when the script has several) and parsing resumes after its `;`.
    /// Ranges are offsets into `file`, so `file.render(diagnostic)` shows the user's text.
    public static func parseScript(_ file: SourceFile, options: ParserOptions = ParserOptions()) -> ScriptResult {
        var parser = ScriptParser(file, options: options)
        return parser.parseAll()
    }

    /// Parses exactly one statement; a final `;` is optional.
    ///
    /// - Throws: a ``Diagnostic`` (ranges are offsets into `text`).
    public static func parseStatement(_ text: String, options: ParserOptions = ParserOptions()) throws -> Statement {
        try withParser(text, options: options) { (parser: inout Parser) throws(Diagnostic) in
            let statement = try parser.parseStatement()
            // `advance()` never passes a `;`; step over the final one directly.
            if parser.at(.semicolon) { parser.position += 1 }
            try parser.expectEndOfInput()
            return statement
        }
    }

    /// Parses one expression, such as `price * 2 > 10`.
    ///
    /// - Throws: a ``Diagnostic`` (ranges are offsets into `text`).
    public static func parseExpression(_ text: String, options: ParserOptions = ParserOptions()) throws -> Expr {
        try withParser(text, options: options) { (parser: inout Parser) throws(Diagnostic) in
            let expression = try parser.parseExpression()
            try parser.expectEndOfInput()
            return expression
        }
    }

    /// Parses one type, such as `MAP<STRING, ARRAY<INT>>`.
    ///
    /// - Throws: a ``Diagnostic`` (ranges are offsets into `text`).
    public static func parseType(_ text: String, options: ParserOptions = ParserOptions()) throws -> TypeSyntax {
        try withParser(text, options: options) { (parser: inout Parser) throws(Diagnostic) in
            let type = try parser.parseType()
            try parser.expectEndOfInput()
            return type
        }
    }

    private mutating func expectEndOfInput() throws(Diagnostic) {
        guard at(.endOfInput) else { throw expected("end of input", found: current) }
    }

    private static func withParser<T>(
        _ text: String,
        options: ParserOptions,
        _ body: (inout Parser) throws(Diagnostic) -> T
    ) throws(Diagnostic) -> T {
        var bytes = Array(text.utf8)
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        bytes.withUnsafeBufferPointer { Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: false) }
        var buffer = TextBuffer(source: bytes)
        bytes = []
        if let substitution = options.substitution, VariableSubstitution.needsSubstitution(tokens[...], text: buffer) {
            tokens = try substitution.substitute(tokens[...], text: &buffer)
        }
        var parser = Parser(text: buffer, tokens: tokens, options: options)
        return try body(&parser)
    }
}
