/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Codable {
    case error
    case warning
    case note
}

/// A user mistake in SQL or in a command-line argument, pointing at the text that caused it.
///
/// Diagnostics are values: the lexer, parser, analyzer and planner return or throw them and
/// never crash. Messages read *expected X, found Y*, lower case, with no trailing period.
public struct Diagnostic: Error, Hashable, Sendable {
    /// A secondary message, optionally pointing at another place.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var range: SourceRange?

        public init(_ message: String, range: SourceRange? = nil) {
            self.message = message
            self.range = range
        }
    }

    public var severity: DiagnosticSeverity
    public var message: String
    /// Where the mistake is; `nil` when it has no place in the text (a missing file, say).
    public var range: SourceRange?
    public var notes: [Note]

    public init(_ severity: DiagnosticSeverity = .error, _ message: String, range: SourceRange?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// An error diagnostic.
    public static func error(_ message: String, at range: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, range: range, notes: notes)
    }

    /// The same diagnostic moved by `delta` bytes (for a statement cut out of a larger file).
    public func shifted(by delta: Int) -> Diagnostic {
        var copy = self
        copy.range = range.map { SourceRange(start: $0.start + delta, end: $0.end + delta) }
        copy.notes = notes.map { Note($0.message, range: $0.range.map { SourceRange(start: $0.start + delta, end: $0.end + delta) }) }
        return copy
    }
}

/// Several diagnostics reported together (one per bad statement of a script).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
