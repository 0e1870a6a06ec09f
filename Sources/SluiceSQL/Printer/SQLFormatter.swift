import SluiceCore

/// Formats a whole script: every statement in canonical form, one per line, with the script's
/// comments kept.
///
/// A comment on the line where a statement ends stays at the end of that line; any other comment
/// goes on its own line before the statement that follows it (a comment written inside a statement
/// moves before it). A blank line in the input between two statements or comments stays one blank
/// line. This is what `sluice format` prints.
public enum SQLFormatter {
    /// The formatted script, or nil when a statement has errors (`result.diagnostics`).
    public static func format(_ result: ScriptResult, of file: SourceFile) -> String? {
        guard result.diagnostics.isEmpty else { return nil }
        let bytes = Array(file.text.utf8)
        var output = ""
        var previousEnd: Int?
        var comments = result.comments[...]

        // A comment continues the previous line only if nothing but spaces separates them.
        func followsOnSameLine(_ comment: SourceRange) -> Bool {
            guard let end = previousEnd, comment.start >= end else { return false }
            return bytes[end..<comment.start].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }
        func hasBlankLine(from start: Int, to end: Int) -> Bool {
            start < end && bytes[start..<end].filter { $0 == 0x0A }.count >= 2
        }
        func startLine(at start: Int) {
            guard let end = previousEnd else { return }
            output += "\n"
            if hasBlankLine(from: end, to: start) { output += "\n" }
        }

        for statement in result.statements {
            guard let parsed = statement.statement else { continue }
            while let comment = comments.first, comment.start < statement.range.end {
                comments.removeFirst()
                if followsOnSameLine(comment) {
                    output += " " + file.slice(comment).trimmedTrailingWhitespace()
                } else {
                    startLine(at: comment.start)
                    output += file.slice(comment).trimmedTrailingWhitespace()
                }
                previousEnd = comment.end
            }
            startLine(at: statement.range.start)
            output += SQLPrinter.print(parsed) + ";"
            previousEnd = statement.range.end
        }
        for comment in comments {
            if followsOnSameLine(comment) {
                output += " " + file.slice(comment).trimmedTrailingWhitespace()
            } else {
                startLine(at: comment.start)
                output += file.slice(comment).trimmedTrailingWhitespace()
            }
            previousEnd = comment.end
        }
        return output.isEmpty ? "" : output + "\n"
    }
}

extension String {
    fileprivate func trimmedTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return result
    }
}
