import SluiceCore

/// Puts a statement typed over several lines on one line (for a history file that keeps an entry
/// per line) without changing what it means.
public enum SingleLineSQL {
    /// `text` on one line: each `-- comment` becomes `/* comment */` (so it does not swallow the
    /// lines joined after it; `--` inside quotes is left alone), then the lines are trimmed and
    /// joined with spaces.
    /// Whether `flatten` keeps the meaning: not when a string literal or quoted name spans lines
    /// (joining would put a space where its newline is).
    public static func canFlatten(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        bytes.withUnsafeBufferPointer { Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: false) }
        return !tokens.contains { token in
            [.string, .quotedIdentifier, .backquotedIdentifier].contains(token.kind)
                && bytes[Int(token.sourceStart)..<Int(token.sourceEnd)].contains { $0 == 0x0a || $0 == 0x0d }
        }
    }

    public static func flatten(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        bytes.withUnsafeBufferPointer { Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: true) }
        let dash = UInt8(ascii: "-"), star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        for range in comments.reversed() where bytes[range.start...].starts(with: [dash, dash]) {
            var body: [UInt8] = []
            for byte in bytes[(range.start + 2)..<range.end] where byte != 0x0a && byte != 0x0d {
                // A `*/` inside the comment would end the block early.
                if byte == slash, body.last == star { body.append(0x20) }
                body.append(byte)
            }
            var stop = range.start + 2
            while stop < range.end && bytes[stop] != 0x0a && bytes[stop] != 0x0d { stop += 1 }
            bytes.replaceSubrange(range.start..<stop, with: [slash, star] + body + [0x20, star, slash])
        }
        var lines: [String] = []
        for line in bytes.split(whereSeparator: { $0 == 0x0a || $0 == 0x0d }) {
            let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 }).reversed().drop(while: { $0 == 0x20 || $0 == 0x09 })
            if !trimmed.isEmpty { lines.append(String(decoding: trimmed.reversed(), as: UTF8.self)) }
        }
        return lines.joined(separator: " ")
    }
}
