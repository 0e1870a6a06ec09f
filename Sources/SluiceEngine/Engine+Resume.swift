import SluiceCore
import SluicePlanner
import SluiceSQL

extension Engine {
    /// Runs a query file for `sluice run`, recognising what an earlier run already applied, so the
    /// same file can run again after a stop and resume its jobs instead of failing or duplicating them.
    ///
    /// - CREATE STREAM/TABLE/TYPE and CREATE ... AS SELECT whose canonical SQL equals the definition
    ///   the data directory holds are skipped; a different definition under the same name is an
    ///   error naming it, unless the statement says `OR REPLACE` (then it runs) or `IF NOT EXISTS`.
    /// - INSERT INTO ... SELECT is skipped when a running query writing the same sink has the same
    ///   canonical SQL; when the statement at the same place in the file started a query with other
    ///   SQL last time, it is an error naming that query.
    /// - INSERT ... VALUES, DROP, ALTER and TERMINATE run only the first time: each run records the
    ///   ones it applied in the command log (``CatalogCommand/appliedFileStatement(file:index:text:)``).
    /// - Everything else (SET, DEFINE, SELECT, SHOW, ...) runs every time.
    ///
    /// Statements run until the first failure; a failing statement applies nothing.
    /// - Parameters:
    ///   - name: the file name diagnostics show.
    ///   - fileKey: what identifies the file across runs (its absolute path).
    /// - Returns: whether every statement succeeded.
    public func executeFile(
        _ text: String, name: String, fileKey: String, session: Session, handle: (StatementOutcome) -> Void
    ) -> Bool {
        var occurrences: [String: Int] = [:]
        return executeScript(text, name: name, session: session, cliStatements: true, stopOnError: true,
                             handle: handle) { ast, statement, file in
            try runFileStatement(ast, statement, file: file, fileKey: fileKey, session: session, occurrences: &occurrences)
        }
    }

    /// What to do with one statement of a run file.
    private enum FileStatementAction {
        /// Run it; `record` notes it in the command log afterwards.
        case run(record: Bool)
        /// Already applied: report this instead.
        case skip(String)
    }

    private func runFileStatement(
        _ ast: Statement, _ statement: ParsedStatement, file: SourceFile, fileKey: String, session: Session,
        occurrences: inout [String: Int]
    ) throws -> StatementResult {
        let canonical = SQLPrinter.print(ast)
        switch try action(for: ast, canonical: canonical, index: statement.index, fileKey: fileKey, session: session,
                          occurrences: &occurrences) {
        case .skip(let message):
            return .message(message)
        case .run(let record):
            let result = try run(ast, text: statement.text, file: file, session: session)
            if record {
                try apply([.appliedFileStatement(file: fileKey, index: statement.index, text: canonical)],
                          statement: statement.text)
            }
            return result
        }
    }

    private func action(
        for ast: Statement, canonical: String, index: Int, fileKey: String, session: Session,
        occurrences: inout [String: Int]
    ) throws -> FileStatementAction {
        switch ast {
        case .createSource(let create):
            return try recognizeSource(
                create.name, kind: create.kind.rawValue, ast, orReplace: create.orReplace,
                ifNotExists: create.ifNotExists, session: session)
        case .createAsSelect(let create):
            return try recognizeSource(
                create.name, kind: create.kind.rawValue, ast, orReplace: create.orReplace,
                ifNotExists: create.ifNotExists, session: session)
        case .createType(let create):
            guard let existing = catalog.types[create.name.value] else { return .run(record: true) }
            if create.ifNotExists { return .run(record: false) }
            if try plannerContext(session).resolveType(create.type) == existing {
                return .skip("Type \(create.name.value) is registered already, unchanged.")
            }
            throw Diagnostic.error(
                "type \(create.name.value) differs from the one in the data directory", at: create.name.range,
                notes: [.init("the data directory holds \(create.name.value) AS \(existing)"),
                        .init("drop the type first to change it")])
        case .insertInto(let insert):
            return try recognizeInsert(insert, ast, index: index, fileKey: fileKey, session: session)
        case .insertValues, .dropSource, .dropType, .alterSource, .terminate:
            let occurrence = (occurrences[canonical] ?? 0) + 1
            occurrences[canonical] = occurrence
            let applied = fileRecords(fileKey).filter { $0.text == canonical }.count
            return occurrence <= applied ? .skip("Applied by an earlier run of this file; not applied again.")
                : .run(record: true)
        default:
            return .run(record: false)
        }
    }

    /// CREATE STREAM/TABLE [AS SELECT] against the source the data directory holds under that name.
    private func recognizeSource(
        _ name: Identifier, kind: String, _ ast: Statement, orReplace: Bool, ifNotExists: Bool, session: Session
    ) throws -> FileStatementAction {
        guard let existing = catalog.source(named: name.value) else { return .run(record: true) }
        if ifNotExists { return .run(record: false) }
        let stored = creatingStatement(of: name.value, session: session)
        let noun = kind.lowercased()
        if let stored, Self.definitionText(stored) == Self.definitionText(ast) {
            let query = existing.writtenByQuery.map { catalog.queries[$0] != nil ? "; query \($0) resumed" : "" } ?? ""
            return .skip("\(kind.prefix(1))\(noun.dropFirst()) \(name.value) exists already, unchanged\(query).")
        }
        if orReplace { return .run(record: true) }
        let held = stored.map { SQLPrinter.print($0) } ?? existing.sql
        throw Diagnostic.error(
            "\(noun) \(name.value) differs from the one in the data directory", at: name.range,
            notes: [.init("the data directory holds: \(held)"),
                    .init("use CREATE OR REPLACE to change it, or drop \(name.value) first")])
    }

    /// INSERT INTO ... SELECT against the queries writing its target.
    private func recognizeInsert(
        _ insert: InsertIntoStatement, _ ast: Statement, index: Int, fileKey: String, session: Session
    ) throws -> FileStatementAction {
        let text = Self.definitionText(ast)
        let running = catalog.queriesWriting(insert.target.value).map { query in
            (query, startingStatement(of: query.id, session: session).map(Self.definitionText))
        }
        if let (query, _) = running.first(where: { $0.1 == text }) {
            return .skip("Query \(query.id) runs this statement already; resumed.")
        }
        let requestedID = insert.properties.entries.first { $0.name.uppercased() == "QUERY_ID" }
            .flatMap { property -> String? in
                if case .string(let id) = property.value { return id.uppercased() }
                return nil
            }
        var conflicting = requestedID.flatMap { id in running.first { $0.0.id == id } }
        if conflicting == nil, let previous = fileRecords(fileKey).last(where: { $0.index == index }),
            previous.text != SQLPrinter.print(ast), let parsed = Self.parse(previous.text, substitution: nil)
        {
            let previousText = Self.definitionText(parsed)
            conflicting = running.first { $0.1 == previousText }
        }
        guard let (query, held) = conflicting else { return .run(record: true) }
        throw Diagnostic.error(
            "query \(query.id) into \(insert.target.value) differs from this statement", at: insert.target.range,
            notes: [.init("the data directory runs: \(held ?? query.sql)"),
                    .init("terminate \(query.id) first to replace it")])
    }

    /// The statements this file applied in earlier runs, as recorded.
    private func fileRecords(_ fileKey: String) -> [(index: Int, text: String)] {
        commandLog.entries.flatMap { entry in
            entry.commands.compactMap { command -> (index: Int, text: String)? in
                guard case .appliedFileStatement(let file, let index, let text) = command, file == fileKey else {
                    return nil
                }
                return (index, text)
            }
        }
    }

    /// The CREATE statement behind the catalog's source `name` (not a later ALTER).
    private func creatingStatement(of name: String, session: Session) -> Statement? {
        appliedStatement(session: session) { command in
            if case .putSource(let source) = command { return source.name == name }
            return false
        } accept: { statement in
            switch statement {
            case .createSource(let create): create.name.value == name
            case .createAsSelect(let create): create.name.value == name
            default: false
            }
        }
    }

    /// The statement that started the persistent query `id`.
    private func startingStatement(of id: String, session: Session) -> Statement? {
        appliedStatement(session: session) { command in
            if case .startQuery(let query, _) = command { return query.id == id }
            return false
        } accept: { _ in true }
    }

    /// The latest command-log statement with a command matching `matches` that `accept` takes.
    ///
    /// A run file's statement is followed by its record holding the canonical text with the
    /// variables substituted as they were then; that text is used when present. Otherwise the
    /// statement as written is parsed again with the session's variables.
    private func appliedStatement(
        session: Session, matching matches: (CatalogCommand) -> Bool, accept: (Statement) -> Bool
    ) -> Statement? {
        let entries = commandLog.entries
        for index in entries.indices.reversed() where entries[index].commands.contains(where: matches) {
            var statement: Statement?
            if index + 1 < entries.count, entries[index + 1].statement == entries[index].statement,
                case .appliedFileStatement(_, _, let text)? = entries[index + 1].commands.first
            {
                statement = Self.parse(text, substitution: nil)
            }
            if statement == nil { statement = Self.parse(entries[index].statement, substitution: session.variables) }
            if let statement, accept(statement) { return statement }
        }
        return nil
    }

    private static func parse(_ text: String, substitution: VariableSubstitution?) -> Statement? {
        var parser = ScriptParser(SourceFile(name: "<stored>", text: text),
                                  options: ParserOptions(substitution: substitution, allowsTestStatements: true))
        return parser.next()?.statement
    }

    /// Canonical SQL of what a statement defines: `OR REPLACE` and `IF NOT EXISTS` say how to apply
    /// a definition, not what it is, so they are left out.
    private static func definitionText(_ statement: Statement) -> String {
        switch statement {
        case .createSource(var create):
            create.orReplace = false
            create.ifNotExists = false
            return SQLPrinter.print(.createSource(create))
        case .createAsSelect(var create):
            create.orReplace = false
            create.ifNotExists = false
            return SQLPrinter.print(.createAsSelect(create))
        default:
            return SQLPrinter.print(statement)
        }
    }
}
