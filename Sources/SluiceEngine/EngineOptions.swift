import SluiceFunctions
import SluiceLog
import SluiceRuntime

/// How an engine opens its data directory and runs its jobs.
public struct EngineOptions: Sendable {
    public var dataDirectory: String
    /// Threads per job and the commit interval, or deterministic stepping for tests.
    public var execution: ExecutionMode
    public var log: LogStoreOptions
    /// Keep job state in memory instead of RocksDB (tests and throwaway data dirs).
    public var inMemoryState: Bool
    /// Scalar functions to offer besides the built-in ones (the conformance runner adds ksqlDB's
    /// test functions).
    public var extraFunctions: [ScalarFunction] = []

    public init(dataDirectory: String, execution: ExecutionMode = .threaded(threads: 2, commitIntervalMilliseconds: 100),
                log: LogStoreOptions = LogStoreOptions(), inMemoryState: Bool = false) {
        self.dataDirectory = dataDirectory
        self.execution = execution
        self.log = log
        self.inMemoryState = inMemoryState
    }
}
