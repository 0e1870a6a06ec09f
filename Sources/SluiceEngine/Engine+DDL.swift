import Foundation
import SluiceCore
import SluiceLog
import SluicePlanner
import SluiceSQL

extension Engine {
    func createSource(_ statement: CreateSourceStatement, text: String, session: Session) throws -> StatementResult {
        let name = statement.name.value
        let noun = statement.kind == .stream ? "Stream" : "Table"
        if let existing = catalog.source(named: name) {
            if statement.ifNotExists { return .message("A \(existing.kind.rawValue.lowercased()) named \(name) already exists.") }
            guard statement.orReplace else {
                throw Diagnostic.error("Cannot add \(noun.lowercased()) '\(name)': A \(existing.kind.rawValue.lowercased()) "
                    + "with the same name already exists", at: statement.name.range)
            }
            if let writer = existing.writtenByQuery ?? catalog.queriesWriting(name).first?.id {
                throw Diagnostic.error("Cannot replace \(name): it is written by query \(writer); terminate it first",
                                       at: statement.name.range)
            }
        }
        let plan = try SourcePlanner(context: plannerContext(session)).plan(statement, text: text)
        if let existing = catalog.source(named: name), statement.orReplace {
            try checkUpgrade(from: existing.schema, to: plan.definition.schema, name: name, range: statement.range)
        }
        if let topic = plan.topicToCreate {
            try createTopic(topic.name, partitions: topic.partitions, retentionMs: topic.retentionMs, range: statement.range)
        }
        try apply([.putSource(plan.definition)], statement: text)
        return .message("\(noun) created")
    }

    func createType(_ statement: CreateTypeStatement, text: String, session: Session) throws -> StatementResult {
        let name = statement.name.value
        if catalog.types[name] != nil {
            if statement.ifNotExists { return .message("Type \(name) already exists.") }
            throw Diagnostic.error("Cannot register custom type '\(name)' since it is already registered with type: "
                + "\(catalog.types[name]!)", at: statement.name.range)
        }
        if TypeSyntax.primitive(named: name) != nil || ["DECIMAL", "ARRAY", "MAP", "STRUCT"].contains(name) {
            throw Diagnostic.error("Cannot register custom type '\(name)': it is the name of a built-in type", at: statement.name.range)
        }
        let type = try plannerContext(session).resolveType(statement.type)
        try apply([.putType(name: name, type: type)], statement: text)
        return .message("Registered custom type with name '\(name)' and SQL type \(type)")
    }

    func dropType(_ statement: DropTypeStatement, text: String) throws -> StatementResult {
        let name = statement.name.value
        guard catalog.types[name] != nil else {
            if statement.ifExists { return .message("Type \(name) does not exist.") }
            throw Diagnostic.error("Type \(name) does not exist.", at: statement.name.range)
        }
        try apply([.dropType(name: name)], statement: text)
        return .message("Dropped type '\(name)'")
    }

    func dropSource(_ statement: DropSourceStatement, text: String) throws -> StatementResult {
        let name = statement.name.value
        let noun = statement.kind == .stream ? "Stream" : "Table"
        guard let source = catalog.source(named: name) else {
            if statement.ifExists { return .message("\(noun) \(name) does not exist.") }
            throw Diagnostic.error("\(noun) \(name) does not exist.", at: statement.name.range)
        }
        guard source.kind.rawValue == statement.kind.rawValue else {
            throw Diagnostic.error("Incompatible data source type is \(source.kind.rawValue), but statement was DROP "
                + "\(statement.kind.rawValue)", at: statement.range)
        }
        let readers = catalog.queriesReading(name).map(\.id)
        // The query that created the source (C*AS) goes with it, as in ksqlDB; other writers block the drop.
        let creator = source.writtenByQuery.flatMap { id in readers.isEmpty ? id : nil }
        let writers = catalog.queriesWriting(name).map(\.id).filter { $0 != creator }
        if !readers.isEmpty || !writers.isEmpty {
            var message = "Cannot drop \(name).\n"
            if !readers.isEmpty { message += "The following queries read from this source: [\(readers.joined(separator: ", "))].\n" }
            if !writers.isEmpty { message += "The following queries write into this source: [\(writers.joined(separator: ", "))].\n" }
            message += "You need to terminate them before dropping \(name)."
            throw Diagnostic.error(message, at: statement.name.range)
        }
        if statement.deleteTopic && source.isReadOnly {
            throw Diagnostic.error("Cannot delete topic for read-only source: \(name)", at: statement.range)
        }
        var commands: [CatalogCommand] = []
        if let creator, catalog.queries[creator] != nil {
            stopJob(creator, deleteState: true)
            commands.append(.terminateQuery(id: creator))
        }
        try apply(commands + [.dropSource(name: name)], statement: text)
        let sharedTopic = catalog.sources.values.contains { $0.topic == source.topic }
        if statement.deleteTopic, !sharedTopic, store.hasTopic(source.topic) {
            try store.deleteTopic(source.topic)
        }
        return .message("Source `\(name)` (topic: \(source.topic)) was dropped.")
    }

    func alterSource(_ statement: AlterSourceStatement, text: String, session: Session) throws -> StatementResult {
        let name = statement.name.value
        guard var source = catalog.source(named: name) else {
            throw Diagnostic.error("Source \(name) does not exist.", at: statement.name.range)
        }
        guard source.kind.rawValue == statement.kind.rawValue else {
            throw Diagnostic.error("Incompatible data source type is \(source.kind.rawValue), but statement was ALTER "
                + "\(statement.kind.rawValue)", at: statement.range)
        }
        if let writer = source.writtenByQuery {
            throw Diagnostic.error("ALTER command is not supported for CREATE ... AS statements (\(name) is written by \(writer)).",
                                   at: statement.range)
        }
        let context = plannerContext(session)
        for column in statement.addedColumns {
            if source.schema.column(named: column.name.value) != nil {
                throw Diagnostic.error("Cannot add column `\(column.name.value)` to schema. A column with the same name "
                    + "already exists.", at: column.name.range)
            }
            source.schema.columns.append(Column(column.name.value, try context.resolveType(column.type)))
        }
        source.sql += "\n" + text
        try apply([.putSource(source)], statement: text)
        return .message("Stream \(name) altered.")
    }

    func assertTopic(_ statement: AssertTopicStatement) throws -> StatementResult {
        let topic = statement.topic.value
        let exists = store.hasTopic(topic)
        if statement.exists && !exists { throw Diagnostic.error("Topic \(topic) does not exist", at: statement.range) }
        if !statement.exists && exists { throw Diagnostic.error("Topic \(topic) exists", at: statement.range) }
        if exists, let wanted = statement.properties["PARTITIONS"], case .integer(let partitions) = wanted {
            let actual = try store.partitionCount(of: topic)
            if actual != Int(partitions) {
                throw Diagnostic.error("Mismatched configuration for topic \(topic): For config partitions, expected "
                    + "\(partitions) got \(actual)", at: statement.range)
            }
        }
        return .message(statement.exists ? "Topic \(topic) exists" : "Topic \(topic) does not exist")
    }

    func runScript(_ statement: RunScriptStatement, session: Session) throws -> StatementResult {
        let path = statement.path.hasPrefix("/") ? statement.path : session.workingDirectory + "/" + statement.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Diagnostic.error("Cannot read script file: \(path)", at: statement.range)
        }
        let previousDirectory = session.workingDirectory
        session.workingDirectory = (path as NSString).deletingLastPathComponent
        defer { session.workingDirectory = previousDirectory }
        var failure: StatementError?
        var results: [StatementResult] = []
        execute(text, name: path, session: session) { outcome in
            switch outcome.result {
            case .success(let result): results.append(result)
            case .failure(let error): failure = error
            }
        }
        if let failure { throw failure }
        return .results(results)
    }
}
