import Foundation
import SluiceCore
import SluiceFunctions
import SluiceLog
import SluicePlan
import SluicePlanner
import SluiceRuntime
import SluiceState
import SluiceSQL

/// Sluice over one data directory: the log store, the catalog and its command log, and the
/// persistent queries, which resume from their checkpoints when the engine opens.
///
/// Statements run one at a time (`execute`); jobs run on their own threads, or are stepped by
/// `runUntilIdle()` in deterministic mode.
public final class Engine: @unchecked Sendable {
    public let options: EngineOptions
    public let store: LogStore
    public let registry: FunctionRegistry
    let commandLog: CommandLog
    let processingLog: ProcessingLogWriter
    /// Serializes statements and job management.
    let lock = NSRecursiveLock()
    /// The catalog as of the last applied command.
    public internal(set) var catalog = Catalog()
    var jobs: [String: PersistentJob] = [:]
    var jobStates: [String: any StateStore] = [:]
    var transientQueries = 0
    /// What recovery found and fixed when the engine opened (torn logs, resumed queries).
    public private(set) var recoveryReports: [String] = []

    public init(options: EngineOptions) throws {
        self.options = options
        self.registry = FunctionRegistry.standard.adding(options.extraFunctions)
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        store = try LogStore(directory: options.dataDirectory, options: options.log)
        commandLog = try CommandLog(path: options.dataDirectory + "/commands.log")
        processingLog = try ProcessingLogWriter(store: store)
        recoveryReports += store.recoveryReports.map { "\($0)" }
        if let report = commandLog.recoveryReport { recoveryReports.append(report) }
        for entry in commandLog.entries {
            for command in entry.commands { command.apply(to: &catalog) }
        }
        for query in catalog.queries.values.sorted(by: { $0.id < $1.id }) {
            do {
                try startJob(query, startOffsets: startOffsets(recordedFor: query.id))
            } catch {
                recoveryReports.append("query \(query.id) could not resume: \(error)")
            }
        }
    }

    /// Stops every job with a final commit and closes the store.
    public func close() {
        lock.withLock {
            for job in jobs.values { job.stop() }
            jobs.removeAll()
            for state in jobStates.values { try? state.close() }
            jobStates.removeAll()
            try? store.close()
        }
    }

    /// Deterministic mode: steps every job until no job has input left. Returns whether anything ran.
    @discardableResult
    public func runUntilIdle() -> Bool {
        lock.withLock {
            var any = false
            var progress = true
            while progress {
                progress = false
                for id in jobs.keys.sorted() where jobs[id]!.runUntilIdle() {
                    progress = true
                    any = true
                }
            }
            return any
        }
    }

    /// The running job of a persistent query.
    public func job(_ id: String) -> PersistentJob? {
        lock.withLock { jobs[id] }
    }

    /// Processing-log entries a query reported since the engine opened.
    public func processingLogCount(_ queryID: String) -> Int {
        processingLog.count(for: queryID)
    }

    // MARK: Jobs

    /// The start offsets a query recorded when it was created.
    func startOffsets(recordedFor id: String) -> [Int64] {
        for entry in commandLog.entries.reversed() {
            for case .startQuery(let query, let offsets) in entry.commands where query.id == id {
                return offsets[query.plan.sources.first?.topic ?? ""] ?? []
            }
        }
        return []
    }

    /// Starts (or resumes) a persistent query's job.
    func startJob(_ query: QueryDefinition, startOffsets: [Int64]) throws {
        let state = try openState(for: query.id)
        let job = try PersistentJob(
            id: query.id, plan: query.plan, store: store, state: state, registry: registry, startOffsets: startOffsets,
            processingLog: processingLog, onError: { [log = options.log.log] message in log("query \(query.id): \(message)") })
        jobs[query.id] = job
        job.start(options.execution)
    }

    private func openState(for id: String) throws -> any StateStore {
        if let existing = jobStates[id] { return existing }
        let state: any StateStore
        if options.inMemoryState {
            state = InMemoryStateStore()
        } else {
            let path = options.dataDirectory + "/jobs/" + id + "/state"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            state = try RocksDBStateStore(path: path)
        }
        jobStates[id] = state
        return state
    }

    /// Stops a job and forgets its state (TERMINATE).
    func stopJob(_ id: String, deleteState: Bool) {
        jobs.removeValue(forKey: id)?.stop()
        if let state = jobStates.removeValue(forKey: id) { try? state.close() }
        if deleteState { try? FileManager.default.removeItem(atPath: options.dataDirectory + "/jobs/" + id) }
    }

    /// A planner context over the current catalog and a session's properties.
    func plannerContext(_ session: Session) -> PlannerContext {
        let store = self.store
        return PlannerContext(catalog: catalog, properties: session.properties, registry: registry) { topic in
            store.hasTopic(topic) ? try? store.partitionCount(of: topic) : nil
        }
    }

    /// Appends commands to the command log, then applies them to the catalog.
    func apply(_ commands: [CatalogCommand], statement: String) throws {
        try commandLog.append(statement: statement, commands: commands)
        for command in commands { command.apply(to: &catalog) }
    }
}

extension Engine {
    /// Resolves written type syntax against the catalog's custom types (for test assertions).
    public func resolveType(_ syntax: SluiceSQL.TypeSyntax, session: Session) throws -> SQLType {
        try lock.withLock { try plannerContext(session).resolveType(syntax) }
    }
}
