extension SourceFile {
    /// Renders a diagnostic as the user sees it:
    ///
    ///     Queries/clicks.sql:2:54: error: expected ')', found keyword GROUP
    ///     2 |   SELECT * FROM views WINDOW TUMBLING (SIZE 1 MINUTE GROUP BY region;
    ///       |                                                      ^~~~~
    ///
    /// Only the offending line is echoed; the caret spans the range on that line.
    public func render(_ diagnostic: Diagnostic) -> String {
        guard let range = diagnostic.range else {
            var out = "\(name): \(diagnostic.severity.rawValue): \(diagnostic.message)"
            for note in diagnostic.notes { out += "\n" + renderNote(note) }
            return out
        }
        let start = location(of: range.start)
        var out = "\(name):\(start): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        out += excerpt(range)
        for note in diagnostic.notes { out += "\n" + renderNote(note) }
        return out
    }

    /// Renders every diagnostic, separated by newlines.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) }.joined(separator: "\n")
    }

    private func renderNote(_ note: Diagnostic.Note) -> String {
        guard let range = note.range else { return "note: \(note.message)" }
        return "note: \(note.message) at \(location(of: range.start))"
    }

    /// The line holding `range.start`, and a caret line under the range.
    private func excerpt(_ range: SourceRange) -> String {
        let start = location(of: range.start)
        let end = location(of: range.end)
        let line = lineText(start.line)
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let lineLength = line.count
        let width: Int
        if end.line == start.line {
            width = max(1, end.column - start.column)
        } else {
            width = max(1, lineLength - start.column + 1)
        }
        // Tabs in the prefix stay tabs so the caret lines up in a terminal.
        let prefix = line.prefix(start.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        let marker = "^" + String(repeating: "~", count: width - 1)
        return "\(gutter) | \(line)\n\(pad) | \(prefix)\(marker)"
    }
}
