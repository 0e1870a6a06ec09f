import Foundation
import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceLog
import SluicePlanner
import SluiceSQL

/// Runs a test script statement by statement, checking ASSERT statements against what the
/// queries wrote so far.
struct ScriptExecution {
    let engine: Engine
    let session: Session
    /// Every topic's records in the order the statements produced them.
    let order: ProductionOrder
    /// The next unread record per topic.
    private var cursors: [String: Int] = [:]

    init(engine: Engine, session: Session, order: ProductionOrder) {
        self.engine = engine
        self.session = session
        self.order = order
    }

    /// Runs the script. Returns the first failing statement's message (a statement error, or an
    /// assertion that did not hold) prefixed with `FILE:LINE:COLUMN:` of the statement, and whether
    /// it was the script's last statement, or nil when everything ran and held.
    mutating func run(_ script: String, name: String) -> (message: String, isAssertion: Bool, isLast: Bool)? {
        let file = SourceFile(name: name, text: script)
        var parser = ScriptParser(file, options: ParserOptions(substitution: session.variables, allowsTestStatements: true))
        let count = parser.statementCount
        while let parsed = parser.next() {
            let isLast = parsed.index == count
            let location = file.location(of: parsed.range.start)
            let at = "\(name):\(location.line):\(location.column): "
            if let diagnostic = parsed.diagnostic {
                let place = file.location(of: diagnostic.range?.start ?? parsed.range.start)
                return ("\(name):\(place.line):\(place.column): \(diagnostic.message)", false, isLast)
            }
            guard let statement = parsed.statement else { continue }
            if let failure = runStatement(statement, parsed: parsed, name: name) {
                return (at + failure.message, failure.isAssertion, isLast)
            }
        }
        return nil
    }

    /// Runs one statement of the script; the failure, if it failed.
    private mutating func runStatement(
        _ statement: Statement, parsed: ParsedStatement, name: String
    ) -> (message: String, isAssertion: Bool)? {
        do {
            switch statement {
            case .createSource(let create):
                // The test tool runs against a simulated broker that creates topics on demand.
                if case .string(let topic)? = create.properties["KAFKA_TOPIC"], create.properties["PARTITIONS"] == nil,
                    !engine.store.hasTopic(topic)
                {
                    try engine.store.createTopic(topic, config: TopicConfig(partitions: 1))
                }
                try execute(parsed.text, name: name)
            case .assertValues(let assert):
                try assertValues(assert)
            case .assertTombstone(let assert):
                try assertTombstone(assert)
            case .assertSource(let assert):
                try assertSource(assert)
            default:
                try execute(parsed.text, name: name)
            }
        } catch let failure as AssertionFailure {
            return (failure.message, true)
        } catch let error as StatementError {
            return (error.message, false)
        } catch let diagnostic as Diagnostic {
            return (diagnostic.message, false)
        } catch {
            return ("\(error)", false)
        }
        return nil
    }

    private func execute(_ text: String, name: String) throws {
        var failure: StatementError?
        engine.execute(text, name: name, session: session) { outcome in
            if case .failure(let error) = outcome.result { failure = error }
        }
        if let failure { throw failure }
        engine.runUntilIdle()
        try order.observe(engine.store)
    }

    struct AssertionFailure: Error {
        var message: String
    }

    private mutating func nextRecord(of source: SourceDefinition) throws -> RawRecord {
        engine.runUntilIdle()
        try order.observe(engine.store)
        let records = order.records(of: source.topic).map { RawRecord(key: $0.key, value: $0.value, timestamp: $0.timestamp) }
        let index = cursors[source.topic, default: 0]
        guard index < records.count else {
            throw AssertionFailure(message: "Expected another record in \(source.name), but there were only \(index)")
        }
        cursors[source.topic] = index + 1
        return records[index]
    }

    private mutating func assertValues(_ assert: AssertValuesStatement) throws {
        let (source, expected, rowtime) = try engine.rowValues(
            of: InsertValuesStatement(target: assert.source, columns: assert.columns, values: assert.values), session: session)
        let record = try nextRecord(of: source)
        guard let actual = try record.row(of: source) else {
            throw AssertionFailure(message: "Expected a record with a value in \(source.name), found a tombstone")
        }
        let names = assert.columns.isEmpty ? source.schema.columns.filter { !$0.isHeader }.map(\.name) : assert.columns.map(\.value)
        let indexes = names.filter { $0 != "ROWTIME" }.compactMap { source.schema.index(of: $0) }
        let differing = indexes.filter { !ValueMatch.matches(expected[$0], actual[$0]) }
        if !differing.isEmpty {
            let render = { (row: [Value], index: Int) in
                "\(source.schema.columns[index].name)=\(ValueRenderer.text(row[index], source.schema.columns[index].type))"
            }
            throw AssertionFailure(message: "Record \(cursors[source.topic, default: 1]) of \(source.name) differs in "
                + differing.map { source.schema.columns[$0].name }.joined(separator: ", ")
                + "\n  expected " + indexes.map { render(expected, $0) }.joined(separator: ", ")
                + "\n  actual   " + indexes.map { render(actual, $0) }.joined(separator: ", "))
        }
        if let rowtime, rowtime != record.timestamp {
            throw AssertionFailure(message: "Expected ROWTIME \(rowtime) in \(source.name), found \(record.timestamp)")
        }
    }

    private mutating func assertTombstone(_ assert: AssertTombstoneStatement) throws {
        let (source, expected, _) = try engine.rowValues(
            of: InsertValuesStatement(target: assert.source, columns: assert.columns, values: assert.keys), session: session)
        let record = try nextRecord(of: source)
        guard record.value == nil else {
            throw AssertionFailure(message: "Expected a tombstone in \(source.name), found a record with a value")
        }
        let actualKey = try record.key(of: source)
        for (index, column) in source.schema.columns.enumerated() where column.isKey {
            let keyIndex = source.schema.keyColumns.firstIndex { $0.name == column.name }!
            if !ValueMatch.matches(expected[index], actualKey[keyIndex]) {
                throw AssertionFailure(message: "Expected tombstone key \(column.name)="
                    + "\(ValueRenderer.text(expected[index], column.type)), found "
                    + ValueRenderer.text(actualKey[keyIndex], column.type))
            }
        }
    }

    private func assertSource(_ assert: AssertSourceStatement) throws {
        guard let source = engine.catalog.source(named: assert.name.value) else {
            throw AssertionFailure(message: "Expected \(assert.kind.rawValue) \(assert.name.value) to exist")
        }
        guard source.kind.rawValue == assert.kind.rawValue else {
            throw AssertionFailure(message: "Expected \(assert.name.value) to be a \(assert.kind.rawValue)")
        }
        var expected: [Column] = []
        for element in assert.elements {
            let kind: ColumnKind
            switch element.constraint {
            case .key?, .primaryKey?: kind = .key
            case .headers?: kind = .headers
            case .header(let name)?: kind = .header(name)
            case nil: kind = .value
            }
            expected.append(Column(element.name.value, try engine.resolveType(element.type, session: session), kind: kind))
        }
        let ordered = expected.filter(\.isKey) + expected.filter { !$0.isKey }
        if !assert.elements.isEmpty && ordered != source.schema.columns {
            throw AssertionFailure(message: "Expected schema \(Schema(ordered).description) for \(source.name), "
                + "found \(source.schema.description)")
        }
        for property in assert.properties.entries {
            let name = Identifier.normalize(property.name)
            let wanted: String
            switch property.value {
            case .string(let text): wanted = text
            case .integer(let number): wanted = String(number)
            case .boolean(let flag) where name == "WRAP_SINGLE_VALUE":
                if (source.valueFormat.wrapSingleValue ?? true) != flag {
                    throw AssertionFailure(message: "Expected value serde features does not match actual for source \(source.name)")
                }
                continue
            default: continue
            }
            let actual: String?
            switch name {
            case "KAFKA_TOPIC": actual = source.topic
            case "KEY_FORMAT": actual = source.keyFormat.kind.rawValue
            case "VALUE_FORMAT": actual = source.valueFormat.kind.rawValue
            case "FORMAT": actual = source.valueFormat.kind.rawValue
            case "TIMESTAMP": actual = source.timestampColumn
            case "TIMESTAMP_FORMAT":
                if source.timestampFormat != wanted {
                    throw AssertionFailure(message: "Expected timestamp format does not match actual for source \(source.name).")
                }
                actual = nil
            default: actual = nil
            }
            if let actual, actual.uppercased() != wanted.uppercased() {
                throw AssertionFailure(message: "Expected \(name)=\(wanted) for \(source.name), found \(actual)")
            }
        }
    }
}

/// A record as stored, for assertions that decode it with the source's formats.
struct RawRecord {
    var key: [UInt8]?
    var value: [UInt8]?
    var timestamp: Int64

    /// The key column values.
    func key(of source: SourceDefinition) throws -> [Value] {
        let columns = source.schema.keyColumns
        let decoder = try Serdes.makeDecoder(format: source.keyFormat, columns: columns, isKey: true)
        var arena = ByteArena()
        return try decoder.decodeRow(key, arena: &arena) ?? columns.map { _ in .null }
    }

    /// The whole row in schema order, or nil for a tombstone.
    func row(of source: SourceDefinition) throws -> [Value]? {
        let columns = source.schema.columns
        let valueColumns = columns.filter { $0.kind == .value }
        let decoder = try Serdes.makeDecoder(format: source.valueFormat, columns: valueColumns, isKey: false)
        var arena = ByteArena()
        guard let values = try decoder.decodeRow(value, arena: &arena) else { return nil }
        let keys = try key(of: source)
        var row: [Value] = []
        var keyIndex = 0
        var valueIndex = 0
        for column in columns {
            switch column.kind {
            case .key:
                row.append(keys[keyIndex])
                keyIndex += 1
            case .value:
                row.append(values[valueIndex])
                valueIndex += 1
            default:
                row.append(.null)
            }
        }
        return row
    }
}

/// Value equality for assertions: doubles within 1e-6, decimals by numeric value, the rest exactly.
enum ValueMatch {
    static func matches(_ expected: Value, _ actual: Value) -> Bool {
        switch (expected, actual) {
        case (.double(let e), .double(let a)): return e == a || abs(e - a) <= 1e-6 || (e.isNaN && a.isNaN)
        case (.decimal(let e), .decimal(let a)): return e == a
        case (.array(let e), .array(let a)): return e.count == a.count && zip(e, a).allSatisfy { matches($0, $1) }
        case (.struct(let e), .struct(let a)): return e.count == a.count && zip(e, a).allSatisfy { matches($0, $1) }
        default: return expected == actual
        }
    }
}
