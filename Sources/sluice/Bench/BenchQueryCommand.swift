import ArgumentParser
import Foundation
import SluiceDatagen
import SluiceEngine
import SluiceLog
import SluicePlanner

/// `sluice bench query FILE.sql`: runs a query file over Nexmark data and reports rows per CPU-second.
struct BenchQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Measure a query file: rows per CPU-second from source decode to committed sink output.",
        discussion: """
            The file's statements run in a fresh data directory; then the input is appended to the source \
            topics (Nexmark events from the generator, or JSON-lines files), and the clock runs only while \
            the persistent queries process it, single-threaded, up to their final commit. Use a release build.
            """
    )

    @Argument(help: "The query file (its RUN SCRIPT paths are relative to it).")
    var file: String

    @Option(help: "Generate this many Nexmark events into the topics person, auction and bid.")
    var events: Int64?

    @Option(help: "Nexmark generator seed.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Load TOPIC from PATH (a JSON-lines file or a folder of them); repeatable.")
    var input: [String] = []

    @Option(help: "How many times to run; the median is reported too.")
    var runs: Int = 1

    @Option(help: "Scratch directory for the data (default: /dev/shm when it exists, else the temporary directory).")
    var scratch: String?

    func validate() throws {
        guard events != nil || !input.isEmpty else { throw ValidationError("give --events N or --input TOPIC=PATH") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let sql = try String(contentsOfFile: file, encoding: .utf8)
        var rates: [Double] = []
        for index in 1...runs {
            let result = try measure(sql)
            rates.append(result.rowsPerCPUSecond)
            CommandOutput.standardOutput.write(String(
                format: "run %d: input rows %d, output rows %d, CPU %.2f s (user %.2f, sys %.2f), wall %.2f s, "
                    + "%.0f rows per CPU-second, %.0f rows/s\n",
                index, result.inputRows, result.outputRows, result.cpuSeconds, result.userSeconds, result.systemSeconds,
                result.wallSeconds, result.rowsPerCPUSecond, Double(result.inputRows) / max(result.wallSeconds, 1e-9)))
        }
        if runs > 1 {
            let sorted = rates.sorted()
            CommandOutput.standardOutput.write(String(format: "median of %d runs: %.0f rows per CPU-second\n", runs, sorted[sorted.count / 2]))
        }
    }

    struct Measurement {
        var inputRows: Int64
        var outputRows: Int64
        var userSeconds: Double
        var systemSeconds: Double
        var wallSeconds: Double
        var cpuSeconds: Double { userSeconds + systemSeconds }
        var rowsPerCPUSecond: Double { Double(inputRows) / max(cpuSeconds, 1e-9) }
    }

    private func measure(_ sql: String) throws -> Measurement {
        // tmpfs by default: the figure is the engine's CPU cost, not this machine's ext4 write path
        // (which costs ~5x tmpfs per byte here); --scratch measures any other place.
        let root = scratch ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let directory = root + "/sluice-bench-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var logOptions = LogStoreOptions(syncMode: .never)
        logOptions.runsBackgroundMaintenance = false
        let engine = try Engine(options: EngineOptions(
            dataDirectory: directory, execution: .deterministic, log: logOptions, inMemoryState: true))
        defer { engine.close() }
        let session = Session(workingDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        var failure: String?
        engine.execute(sql, name: file, session: session) { outcome in
            if case .failure(let error) = outcome.result { failure = error.description }
        }
        if let failure { throw CommandFailure(failure, exitCode: 1) }
        let sourceTopics = Set(engine.catalog.queries.values.compactMap { $0.plan.sources.first?.topic })
        let sinkTopics = Set(engine.catalog.queries.values.compactMap { engine.catalog.source(named: $0.sink)?.topic })
        if let events { try BenchInput.generateNexmark(events: events, seed: seed, into: engine.store) }
        for spec in input { try BenchInput.load(spec, into: engine.store) }
        let inputRows = try sourceTopics.reduce(Int64(0)) { $0 + (try BenchInput.recordCount($1, store: engine.store)) }

        let before = BenchInput.resourceUsage()
        let start = ContinuousClock.now
        engine.runUntilIdle()
        let wall = ContinuousClock.now - start
        let after = BenchInput.resourceUsage()
        let outputRows = try sinkTopics.reduce(Int64(0)) { $0 + (try BenchInput.recordCount($1, store: engine.store)) }
        return Measurement(
            inputRows: inputRows, outputRows: outputRows, userSeconds: after.user - before.user,
            systemSeconds: after.system - before.system,
            wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
    }
}
