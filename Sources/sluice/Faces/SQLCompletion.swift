import SluiceEngine
import SluicePlanner
import SluiceSQL

/// Tab completion for the REPL: keywords, type names, streams and tables, their columns and functions.
///
/// Candidates follow the case of the word typed so far (`sel` completes to `select`, `SEL` to
/// `SELECT`). Right after FROM, JOIN, INTO, DESCRIBE, STREAM or TABLE only streams and tables are
/// offered; columns are those of the sources the statement names, or of every source if it names none.
struct SQLCompletion: Sendable {
    let engine: Engine
    /// The lines of the statement typed before the current line.
    let pendingText: @Sendable () -> String

    func candidates(linePrefix: String, word: String) -> [String] {
        let catalog = engine.catalogSnapshot()
        let statement = pendingText() + "\n" + linePrefix
        let sources = catalog.sources.keys.sorted()
        let lowercase = word.contains(where: \.isLowercase) && !word.contains(where: \.isUppercase)
        var shownNames: [String]
        if Self.expectsSource(after: statement) {
            shownNames = sources.map { Self.spelling($0, lowercase: lowercase) }
        } else {
            let mentioned = Self.words(in: statement).filter { catalog.sources[$0] != nil }
            let columnSources = mentioned.isEmpty ? sources : mentioned
            // The pseudo columns every stream row has, and a windowed source's bounds.
            let pseudo = ["ROWTIME", "ROWPARTITION", "ROWOFFSET"]
                + (columnSources.contains { catalog.sources[$0]!.window != nil } ? ["WINDOWSTART", "WINDOWEND"] : [])
            let columns = columnSources.flatMap { catalog.sources[$0]!.schema.columns.map(\.name) } + pseudo
            shownNames = (sources + columns).map { Self.spelling($0, lowercase: lowercase) }
            shownNames += (Self.keywords + engine.registry.functions.map(\.name)).map { lowercase ? $0.lowercased() : $0 }
        }
        var seen = Set<String>()
        var result: [String] = []
        for shown in shownNames {
            guard shown.uppercased().hasPrefix(word.uppercased()) || shown.hasPrefix(word), seen.insert(shown).inserted
            else { continue }
            result.append(shown)
        }
        return result.sorted()
    }

    /// Keywords and the type and property names statements use.
    static let keywords: [String] = Keyword.allCases.map(\.text) + [
        "BIGINT", "INT", "DOUBLE", "BOOLEAN", "VARCHAR", "BYTES", "KAFKA_TOPIC", "KEY_FORMAT", "VALUE_FORMAT",
        "FORMAT", "TIMESTAMP_FORMAT", "REPLICAS", "QUERY_ID", "JSON", "DELIMITED", "KAFKA",
    ]

    /// A name as the user would type it: unquoted when it reads back the same, else backquoted.
    private static func spelling(_ name: String, lowercase: Bool) -> String {
        let plain = SQLPrinter.name(name)
        guard plain == name else { return plain }
        return lowercase ? name.lowercased() : name
    }

    private static func expectsSource(after text: String) -> Bool {
        guard let last = words(in: text).last else { return false }
        return ["FROM", "JOIN", "INTO", "DESCRIBE", "STREAM", "TABLE"].contains(last)
    }

    /// The identifiers and keywords of `text`, upper-cased as unquoted names are.
    private static func words(in text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map { Identifier.normalize(String($0)) }
    }
}
