import SluiceCore
import SluiceSQL

/// A column an expression can refer to: where it is in the row and which source it came from.
struct ScopeColumn {
    var name: String
    var type: SQLType
    /// Position in the operator's input row.
    var slot: Int
    /// The source (alias, or name when unaliased) the column belongs to.
    var source: String?
    var kind: ColumnKind
    /// ROWTIME, ROWPARTITION, ROWOFFSET: usable in expressions, not part of `SELECT *`.
    var isPseudo: Bool
}

/// The names visible to an expression: the columns of the row an operator sees.
struct Scope {
    var columns: [ScopeColumn]

    /// Finds a column by name, optionally qualified by its source; `nil` when there is none.
    /// - Throws: a diagnostic when an unqualified name matches columns of several sources.
    func lookup(_ name: String, source: String?, range: SourceRange) throws(Diagnostic) -> ScopeColumn? {
        let matches = columns.filter { $0.name == name && (source == nil || $0.source == source) }
        if matches.count > 1, source == nil, Set(matches.map(\.source)).count > 1 {
            throw .error("Column '\(name)' is ambiguous. Could be any of: "
                + matches.map { "\($0.source ?? "").\(name)" }.joined(separator: ", "), at: range)
        }
        return matches.first
    }

    /// Whether a source name or alias is known in this scope.
    func hasSource(_ name: String) -> Bool {
        columns.contains { $0.source == name }
    }

    /// The columns `SELECT *` expands to (pseudo columns excluded), optionally of one source.
    func starColumns(of source: String? = nil) -> [ScopeColumn] {
        columns.filter { !$0.isPseudo && (source == nil || $0.source == source) }
    }
}
