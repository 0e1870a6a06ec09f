import Foundation
import SluiceCore
import SluiceEngine
import SluiceLog
import SluiceTestSupport
import Testing

/// Runs `Tests/SluiceGoldenTests/plans/*.test`, one fresh engine per file. Commands:
/// - `statement`: runs the input (DDL, SET, ...); the output is each statement's message, or its
///   diagnostic exactly as the user sees it.
/// - `explain`: the dataflow a query compiles to, one step per line, the sink on top.
/// `SLUICE_REWRITE=1 swift test` rewrites the expected outputs; review the diff like code.
@Suite struct PlanGoldenTests {
    static let directory =
        #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/plans"

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".test") }.sorted()
    }

    @Test(arguments: files)
    func golden(file name: String) throws {
        let path = Self.directory + "/" + name
        let golden = DataDrivenFile(parsing: try String(contentsOfFile: path, encoding: .utf8))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-plans-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var log = LogStoreOptions(syncMode: .never)
        log.fileSystem = SimulatedFileSystem(clock: { 0 })
        log.runsBackgroundMaintenance = false
        let engine = try Engine(options: EngineOptions(dataDirectory: scratch, execution: .deterministic, log: log,
                                                       inMemoryState: true))
        defer { engine.close() }
        let session = Session()
        var outputs: [String] = []
        for testCase in golden.cases {
            let text = testCase.command == "explain" ? "EXPLAIN " + testCase.input : testCase.input
            var lines: [String] = []
            engine.execute(text, name: "<input>", session: session, stopOnError: false) { outcome in
                switch outcome.result {
                case .success(.message(let message)): lines.append(message)
                case .success(.text(let text)): lines.append(text)
                case .success(.table(_, let headers, let rows)):
                    lines.append(([headers] + rows).map { $0.joined(separator: " | ") }.joined(separator: "\n"))
                case .success(.stream): lines.append("(stream)")
                case .success(.results(let results)): lines.append("(\(results.count) results)")
                case .success(.rows(let columns, let rows, _)):
                    lines += rows.map { row in zip(row, columns).map { ValueRenderer.text($0, $1.type) }.joined(separator: "|") }
                case .failure(let error): lines.append(error.description)
                }
            }
            let output = lines.joined(separator: "\n")
            outputs.append(output)
            if ProcessInfo.processInfo.environment["SLUICE_REWRITE"] == nil {
                #expect(output == testCase.expected, "\(name):\(testCase.line): \(testCase.command)\n\(testCase.input)")
            }
        }
        if ProcessInfo.processInfo.environment["SLUICE_REWRITE"] != nil {
            try golden.rewritten(with: outputs).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
