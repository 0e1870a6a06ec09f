import Foundation
import SluiceEngine
import SluiceLog
import Testing

/// Every query file users submit (`Queries/**/*.sql`) must parse, plan and start in a fresh data directory.
@Suite struct QueryFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Queries").path

    static var files: [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".sql") { found.append(path) }
        }
        return found.sorted()
    }

    @Test func thereAreQueryFiles() {
        #expect(Self.files.count >= 5)
    }

    @Test(arguments: files)
    func runs(_ file: String) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-queries-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var log = LogStoreOptions(syncMode: .never)
        log.fileSystem = SimulatedFileSystem(clock: { 0 })
        log.runsBackgroundMaintenance = false
        let engine = try Engine(options: EngineOptions(dataDirectory: scratch, execution: .deterministic, log: log,
                                                       inMemoryState: true))
        defer { engine.close() }
        let path = Self.root + "/" + file
        let session = Session(workingDirectory: (path as NSString).deletingLastPathComponent)
        var failures: [String] = []
        engine.execute(try String(contentsOfFile: path, encoding: .utf8), name: path, session: session) { outcome in
            if case .failure(let error) = outcome.result { failures.append(error.description) }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
