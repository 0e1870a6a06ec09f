import SluiceCore
import SluicePlan
import SluicePlanner

/// A change to the catalog, as the command log records it. Replaying the commands in order
/// rebuilds the catalog without re-planning any SQL.
public enum CatalogCommand: Hashable, Sendable, Codable {
    /// CREATE [OR REPLACE] STREAM/TABLE, or the sink of a C*AS.
    case putSource(SourceDefinition)
    case dropSource(name: String)
    case putType(name: String, type: SQLType)
    case dropType(name: String)
    /// A persistent query started; `startOffsets` are the input offsets resolved when it was
    /// created (`topic` → offset per partition), so a crash before its first commit neither skips
    /// nor repeats input.
    case startQuery(QueryDefinition, startOffsets: [String: [Int64]])
    case terminateQuery(id: String)
    /// A statement of a `sluice run` file was applied (for recognising it when the file runs again).
    case appliedFileStatement(file: String, index: Int, text: String)

    /// Applies the command to a catalog.
    func apply(to catalog: inout Catalog) {
        switch self {
        case .putSource(let source): catalog.put(source)
        case .dropSource(let name): catalog.removeSource(named: name)
        case .putType(let name, let type): catalog.putType(name, type)
        case .dropType(let name): catalog.removeType(named: name)
        case .startQuery(let query, _): catalog.put(query)
        case .terminateQuery(let id): catalog.removeQuery(id: id)
        case .appliedFileStatement: break
        }
    }
}

/// One entry of `commands.log`.
struct CommandLogEntry: Codable, Sendable {
    var sequence: Int
    /// Wall-clock milliseconds when it was applied (informational).
    var appliedAt: Int64
    /// The statement text that caused it.
    var statement: String
    var commands: [CatalogCommand]
}
