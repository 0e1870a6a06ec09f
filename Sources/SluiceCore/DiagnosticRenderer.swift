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
        // Control characters (an escape sequence in garbage input) are not sent to the terminal.
        let line = String(lineText(start.line).map { Self.isControl($0) ? "\u{FFFD}" : $0 })
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let characters = Array(line)
        let lastColumn = end.line == start.line ? end.column : characters.count + 1
        let underlined = characters[min(start.column - 1, characters.count)..<min(max(lastColumn - 1, start.column - 1), characters.count)]
        let width = max(1, underlined.reduce(0) { $0 + Self.displayWidth($1) })
        // Tabs in the prefix stay tabs, and wide characters take two columns, so the caret lines up.
        let prefix = characters.prefix(start.column - 1).map { $0 == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth($0)) }.joined()
        let marker = "^" + String(repeating: "~", count: width - 1)
        return "\(gutter) | \(line)\n\(pad) | \(prefix)\(marker)"
    }

    static func isControl(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character != "\t" else { return false }
        return scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    /// Terminal columns a character takes: two for East Asian wide and fullwidth ones, else one.
    static func displayWidth(_ character: Character) -> Int {
        guard let value = character.unicodeScalars.first?.value else { return 1 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }
}
