import Foundation
import SluiceCore
import SluicePlanner
import SluiceSQL

extension Engine {
    /// Parses and runs a script's statements in order, calling `handle` with each outcome as soon as
    /// it is known (so a face can run a push query before the next statement).
    ///
    /// When any statement has a syntax error, every syntax error is reported and nothing runs.
    /// Otherwise statements run until the first that fails (when `stopOnError`); a failing
    /// statement applies nothing.
    /// - Returns: whether every statement succeeded.
    @discardableResult
    /// - Parameter cliStatements: accept RUN SCRIPT (and parse ASSERT statements, which only test files run),
    ///   as ksqlDB's CLI does; ksqlDB's server rejects them.
    public func execute(_ text: String, name: String, session: Session, stopOnError: Bool = true, cliStatements: Bool = true,
                        handle: (StatementOutcome) -> Void) -> Bool {
        executeScript(text, name: name, session: session, cliStatements: cliStatements, stopOnError: stopOnError,
                      handle: handle) { statement, parsed, file in
            try run(statement, text: parsed.text, file: file, session: session)
        }
    }

    /// Parses a script and runs its statements through `body`, one at a time under the engine lock,
    /// turning every failure into an outcome: syntax errors are all reported and nothing runs;
    /// otherwise statements run in order until one fails (when `stopOnError`).
    func executeScript(
        _ text: String, name: String, session: Session, cliStatements: Bool, stopOnError: Bool,
        handle: (StatementOutcome) -> Void,
        _ body: (Statement, ParsedStatement, SourceFile) throws -> StatementResult
    ) -> Bool {
        let file = SourceFile(name: name, text: text)
        var parser = ScriptParser(file, options: ParserOptions(substitution: session.variables, allowsTestStatements: cliStatements))
        let parsed = parser.parseAll()
        if !parsed.diagnostics.isEmpty {
            for statement in parsed.statements {
                guard let diagnostic = statement.diagnostic else { continue }
                handle(StatementOutcome(text: statement.text, range: statement.range,
                                        result: .failure(.diagnostic(diagnostic, file))))
            }
            return false
        }
        var succeeded = true
        for statement in parsed.statements {
            guard let ast = statement.statement else { continue }
            let result: Result<StatementResult, StatementError>
            do {
                result = .success(try lock.withLock { () throws -> StatementResult in try body(ast, statement, file) })
            } catch let diagnostic as Diagnostic {
                result = .failure(.diagnostic(diagnostic, file))
            } catch let error as StatementError {
                result = .failure(error)
            } catch {
                result = .failure(.engine("\(error)"))
            }
            handle(StatementOutcome(text: statement.text, range: statement.range, result: result))
            if case .failure = result {
                succeeded = false
                if stopOnError { break }
            }
        }
        return succeeded
    }

    /// Runs one parsed statement.
    func run(_ statement: Statement, text: String, file: SourceFile, session: Session) throws -> StatementResult {
        switch statement {
        case .createSource(let create): return try createSource(create, text: text, session: session)
        case .createAsSelect(let create): return try createAsSelect(create, text: text, session: session)
        case .insertInto(let insert): return try insertInto(insert, text: text, session: session)
        case .insertValues(let insert): return try insertValues(insert, session: session)
        case .select(let select): return try runSelect(select, text: text, session: session)
        case .list(let list): return try show(list, session: session)
        case .describe(let describe): return try self.describe(describe)
        case .explain(let explain): return try self.explain(explain, session: session)
        case .print(let print): return try printTopic(print)
        case .terminate(let terminate): return try self.terminate(terminate, text: text)
        case .pause(let pause): return try setPaused(pause.target, paused: true)
        case .resume(let resume): return try setPaused(resume.target, paused: false)
        case .setProperty(let set):
            let (name, value) = (try resolved(set.name, session), try resolved(set.value, session))
            try Self.checkProperty(name, value, range: set.range)
            session.properties[name] = value
            return .message("Successfully changed local property '\(name)' to '\(value)'.")
        case .unsetProperty(let unset):
            let name = try resolved(unset.name, session)
            let old = session.properties.removeValue(forKey: name)
            return .message(old == nil ? "Property '\(name)' was not set." : "Successfully unset local property '\(name)' (value was '\(old!)').")
        case .alterSystem(let alter):
            throw Diagnostic.error("ALTER SYSTEM is not available: Sluice has no cluster-wide configuration; use SET for this session",
                                   at: alter.range)
        case .defineVariable(let define):
            session.variables.define(define.name, as: define.value)
            return .message("Defined variable \(define.name).")
        case .undefineVariable(let undefine):
            session.variables.undefine(undefine.name)
            return .message("Undefined variable \(undefine.name).")
        case .dropSource(let drop): return try dropSource(drop, text: text)
        case .dropType(let drop): return try dropType(drop, text: text)
        case .createType(let create): return try createType(create, text: text, session: session)
        case .alterSource(let alter): return try alterSource(alter, text: text, session: session)
        case .runScript(let run): return try runScript(run, session: session)
        case .assertTopic(let assert): return try assertTopic(assert)
        case .createConnector(let connector):
            throw Diagnostic.error("Sluice has no Kafka Connect: connectors cannot be created", at: connector.range)
        case .dropConnector(let connector):
            throw Diagnostic.error("Sluice has no Kafka Connect: connectors cannot be dropped", at: connector.range)
        case .assertSchema(let assert):
            throw Diagnostic.error("Sluice has no schema registry, so schemas cannot be asserted", at: assert.range)
        case .assertValues(let assert):
            throw Diagnostic.error("ASSERT VALUES is only valid in test files (sluice test)", at: assert.range)
        case .assertTombstone(let assert):
            throw Diagnostic.error("ASSERT NULL VALUES is only valid in test files (sluice test)", at: assert.range)
        case .assertSource(let assert):
            throw Diagnostic.error("ASSERT \(assert.kind.rawValue) is only valid in test files (sluice test)", at: assert.range)
        }
    }

    private func resolved(_ value: StringOrVariable, _ session: Session) throws -> String {
        switch value {
        case .string(let text): return text
        case .variable(let name):
            guard let text = session.variables.value(of: name) else { throw StatementError.engine("Undefined variable: \(name)") }
            return text
        }
    }
}

extension Engine {
    /// Prefixes of the properties SET accepts, as ksqlDB accepts ksql, streams, consumer and
    /// producer properties (a misspelled name is an error rather than silently ignored).
    static let propertyPrefixes = ["ksql.", "auto.offset.reset", "consumer.", "producer.", "streams.", "processing.guarantee",
                                   "commit.interval.ms", "cache.max.bytes.buffering", "num.stream.threads", "use.exact.numeric.comparison"]

    static func checkProperty(_ name: String, _ value: String, range: SourceRange) throws {
        guard propertyPrefixes.contains(where: { name.hasPrefix($0) }) else {
            throw Diagnostic.error("Not recognizable as ksql, streams, consumer, or producer property: '\(name)'", at: range)
        }
        if name == "auto.offset.reset", !["earliest", "latest", "none"].contains(value.lowercased()) {
            throw Diagnostic.error("Invalid value \(value) for configuration auto.offset.reset: String must be one of: "
                + "latest, earliest, none", at: range)
        }
    }
}
