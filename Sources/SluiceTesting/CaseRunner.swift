import Foundation
import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceFunctions
import SluiceLog
import SluicePlanner
import SluiceRuntime
import SluiceSQL

/// Runs test cases, each isolated in a fresh engine over an in-memory log, in the deterministic
/// mode: statements in order, inputs appended in order, jobs run until idle, outputs read as a
/// committed reader sees them and compared as ksqlDB compares them.
public struct CaseRunner: Sendable {
    /// Where each case's (small) command log goes; the log itself lives in memory.
    let scratchDirectory: String

    /// Whether a case expecting an error also needs the error to contain its expected message
    /// (a user's own tests); ksqlDB's suites are scored by the rejection alone, with the message
    /// matches counted apart.
    let requiresExpectedMessage: Bool

    public init(scratchDirectory: String = NSTemporaryDirectory() + "sluice-test-\(getpid())", requiresExpectedMessage: Bool = false) {
        self.scratchDirectory = scratchDirectory
        self.requiresExpectedMessage = requiresExpectedMessage
    }

    static let unsupportedFormats = ["AVRO", "PROTOBUF_NOSR", "PROTOBUF", "JSON_SR"]

    /// Why the case needs a format Sluice does not have, if it does.
    public static func unsupportedFormat(of testCase: TestCase) -> String? {
        if testCase.topics.contains(where: \.usesSchemaRegistry) { return "needs a schema registry" }
        let pattern = #"(?i)(KEY_|VALUE_)?FORMAT\s*=\s*'(AVRO|PROTOBUF_NOSR|PROTOBUF|JSON_SR)'"#
        for statement in testCase.statements {
            if let match = statement.range(of: pattern, options: .regularExpression) {
                let text = statement[match].uppercased()
                return "needs the \(unsupportedFormats.first { text.contains($0) } ?? "?") format"
            }
        }
        for (name, value) in testCase.properties where name.lowercased().hasPrefix("ksql.persistence.default.format") {
            if unsupportedFormats.contains(value.uppercased()) { return "needs the \(value.uppercased()) format" }
        }
        return nil
    }

    public func run(_ testCase: TestCase) -> CaseResult {
        let started = Date()
        var result = CaseResult(name: testCase.name, file: testCase.file, outcome: .passed, expectsError: testCase.expectsError,
                                messageMatched: nil, milliseconds: 0)
        if let reason = Self.unsupportedFormat(of: testCase) {
            result.outcome = .skipped(reason)
        } else {
            do {
                (result.outcome, result.messageMatched) = try execute(testCase)
            } catch {
                result.outcome = .failed("runner error: \(error)")
            }
        }
        result.milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        return result
    }

    private func execute(_ testCase: TestCase) throws -> (CaseOutcome, Bool?) {
        let directory = scratchDirectory + "/" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logOptions = LogStoreOptions(syncMode: .never)
        logOptions.fileSystem = SimulatedFileSystem(clock: { 0 })
        logOptions.runsBackgroundMaintenance = false
        logOptions.segmentBytes = 1 << 20
        var options = EngineOptions(dataDirectory: directory, execution: .deterministic, log: logOptions, inMemoryState: true)
        options.extraFunctions = KsqlTestFunctions.all
        let engine = try Engine(options: options)
        defer { engine.close() }
        // QTT cases append their inputs after every statement, so queries read from the start. In a
        // script, as in ksqlDB's SQL tests, a query sees only what is inserted after it was created.
        let offsetReset = testCase.isScript && testCase.inputs.isEmpty ? "latest" : "earliest"
        let session = Session(properties: testCase.properties.merging(["auto.offset.reset": offsetReset]) { old, _ in old })

        try createTopics(testCase, engine: engine)
        let order = ProductionOrder()
        if testCase.isScript {
            var script = ScriptExecution(engine: engine, session: session, order: order)
            for statement in testCase.statements {
                guard let failure = script.run(statement, name: testCase.file) else { continue }
                guard testCase.expectsError else { return (.failed(failure.message), nil) }
                return judgeExpectedError(testCase, message: failure.message, atLastStatement: failure.isLast)
            }
            if testCase.expectsError {
                return (.failed("expected an error (\(testCase.expectedErrorMessage ?? testCase.expectedErrorType ?? "")), "
                    + "but every statement succeeded"), nil)
            }
            // A ksql-test-runner case (-s/-i/-o) then appends its inputs and checks its outputs.
            if testCase.inputs.isEmpty && testCase.outputs.isEmpty { return (.passed, nil) }
            try produce(testCase.inputs, engine: engine, order: order)
            if let problem = compareOutputs(testCase, engine: engine, order: order) { return (.failed(problem), nil) }
            return (.passed, nil)
        }
        for (index, statement) in testCase.statements.enumerated() {
            var failure: StatementError?
            engine.execute(statement, name: "statement \(index + 1)", session: session, cliStatements: false) { outcome in
                if case .failure(let error) = outcome.result { failure = error }
            }
            if let failure {
                guard testCase.expectsError else {
                    return (.failed("statement \(index + 1) failed: \(failure.message)\n  \(statement)"), nil)
                }
                return judgeExpectedError(
                    testCase, message: failure.message, atLastStatement: index == testCase.statements.count - 1)
            }
            engine.runUntilIdle()
            try order.observe(engine.store)
        }
        try produce(testCase.inputs, engine: engine, order: order)
        if testCase.expectsError {
            let failedJob = engine.catalog.queries.keys.compactMap { engine.job($0) }.first { job in
                if case .error = job.status { return true }
                return false
            }
            if let failedJob, case .error(let message) = failedJob.status {
                return judgeExpectedError(testCase, message: message, atLastStatement: true)
            }
            return (.failed("expected an error (\(testCase.expectedErrorMessage ?? testCase.expectedErrorType ?? "")), "
                + "but every statement succeeded"), nil)
        }
        if let problem = compareOutputs(testCase, engine: engine, order: order) { return (.failed(problem), nil) }
        if let problem = PostConditions.check(testCase.post, catalog: engine.catalog) { return (.failed(problem), nil) }
        if let problem = PostConditions.checkTopics(testCase, store: engine.store) { return (.failed(problem), nil) }
        return (.passed, nil)
    }

    /// A case expecting an error passes when the statement it is about fails: the last statement
    /// (where ksqlDB's cases put the bad one), or any statement whose error carries ksqlDB's message.
    func judgeExpectedError(_ testCase: TestCase, message: String, atLastStatement: Bool) -> (CaseOutcome, Bool?) {
        let matched = testCase.expectedErrorMessage.map { message.contains($0) } ?? true
        if requiresExpectedMessage && !matched {
            return (.failed("the statement was rejected, but its error does not contain the expected message\n"
                + "  expected: \(testCase.expectedErrorMessage ?? "")\n  actual:   \(message)"), false)
        }
        guard atLastStatement || matched else {
            return (.failed("expected an error at the last statement (\(testCase.expectedErrorMessage ?? "")), "
                + "but an earlier one failed: \(message)"), nil)
        }
        return (.passed, matched)
    }

    /// Creates the topics the case's sources and inputs use, as ksqlDB's test harness does.
    private func createTopics(_ testCase: TestCase, engine: Engine) throws {
        var partitions: [String: Int] = [:]
        for topic in testCase.topics { partitions[topic.name] = topic.partitions ?? 1 }
        // A CREATE's topic gets the statement's PARTITIONS (ksqlDB's harness creates it so), and a
        // script's statements count as well as a QTT case's.
        for text in testCase.statements {
            for parsed in Parser.parseScript(SourceFile(name: testCase.file, text: text)).statements {
                guard case .createSource(let create)? = parsed.statement,
                    case .string(let topic)? = create.properties["KAFKA_TOPIC"], partitions[topic] == nil
                else { continue }
                if case .integer(let count)? = create.properties["PARTITIONS"], count >= 1 {
                    partitions[topic] = Int(count)
                } else {
                    partitions[topic] = 1
                }
            }
        }
        for record in testCase.inputs where partitions[record.topic] == nil {
            partitions[record.topic] = 1
        }
        for (topic, count) in partitions.sorted(by: { $0.key < $1.key }) where !engine.store.hasTopic(topic) {
            try engine.store.createTopic(topic, config: TopicConfig(partitions: count))
        }
    }

    /// Appends the inputs one at a time, letting the queries process each before the next (so
    /// outputs come in input order, as ksqlDB's test driver produces them).
    private func produce(_ records: [TestRecord], engine: Engine, order: ProductionOrder) throws {
        for record in records {
            defer {
                engine.runUntilIdle()
                try? order.observe(engine.store)
            }
            if !engine.store.hasTopic(record.topic) {
                try engine.store.createTopic(record.topic, config: TopicConfig(partitions: 1))
            }
            let source = Self.source(reading: record.topic, in: engine.catalog)
            let headers = (record.headers ?? []).map { header in
                RecordHeader(header.key, header.value.flatMap { text in Array(text.utf8).withUnsafeBytes { try? Base64.decode($0) } })
            }
            _ = try engine.store.append(
                [ProducerRecord(key: RecordCodec.encodeKey(record.key, window: record.window, source: source),
                                value: RecordCodec.encodeValue(record.value, source: source),
                                timestamp: record.timestamp ?? 0, headers: headers)],
                to: record.topic)
        }
    }

    /// The source a topic belongs to: the one that writes it if any (a C*AS sink), else the first declared.
    static func source(reading topic: String, in catalog: Catalog) -> SourceDefinition? {
        let candidates = catalog.sources.values.filter { $0.topic == topic }.sorted { $0.name < $1.name }
        return candidates.first { $0.writtenByQuery != nil } ?? candidates.first
    }

    private func compareOutputs(_ testCase: TestCase, engine: Engine, order: ProductionOrder) -> String? {
        var topics: [String] = []
        for record in testCase.outputs where !topics.contains(record.topic) { topics.append(record.topic) }
        let insertOnly = testCase.inputs.isEmpty
        for topic in topics {
            let expected = testCase.outputs.filter { $0.topic == topic }
            let source = Self.source(reading: topic, in: engine.catalog)
            let actual = TopicReader.decode(order.records(of: topic), source: source)
            if let problem = OutputDiff.compare(expected: expected, actual: actual, source: source, insertOnly: insertOnly) {
                return "topic \(topic): \(problem)"
            }
        }
        return nil
    }
}
