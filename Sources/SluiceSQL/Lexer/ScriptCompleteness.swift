/// Tells an interactive reader whether the text typed so far can run, or needs more lines.
///
/// Text is complete when its last token is a `;`. A `;` inside a string, a quoted identifier or a
/// comment is not a token, so it does not end anything:
///
///     SELECT 'a;b' FROM s        -- incomplete: no ';' token yet
///     SELECT 'a;b' FROM s;       -- complete
///     SELECT * FROM s; /* x      -- incomplete: the comment is still open
public enum ScriptCompleteness {
    /// Whether `text` ends with a statement terminator outside any string, identifier or comment.
    public static func isComplete(_ text: String) -> Bool {
        var last = TokenKind.endOfInput
        for token in Lexer.tokenize(text) {
            switch token.kind {
            case .unterminatedString, .unterminatedIdentifier, .unterminatedComment: return false
            case .endOfInput: break
            default: last = token.kind
            }
        }
        return last == .semicolon
    }

    /// Whether `text` holds no tokens at all (only whitespace and comments).
    public static func isBlank(_ text: String) -> Bool {
        Lexer.tokenize(text).allSatisfy { $0.kind == .endOfInput }
    }
}
