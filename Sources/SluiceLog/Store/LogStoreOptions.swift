// SPDX-License-Identifier: Apache-2.0

/// When appended bytes are forced to stable storage (fsync).
public enum SyncMode: String, Sendable, CaseIterable {
    /// Every append is synced before it is acknowledged: a power loss loses nothing acknowledged.
    case always
    /// A background thread syncs every `LogStoreOptions.syncInterval`: a power loss loses at most that window.
    case interval
    /// Never synced by the store; the kernel writes back when it likes (about 30 s on Linux).
    case never
}

/// Settings of a `LogStore`. Topic-level settings (`TopicConfig`) override the segment size.
public struct LogStoreOptions: Sendable {
    public var syncMode: SyncMode = .interval
    /// How often `SyncMode.interval` syncs.
    public var syncInterval: Duration = .seconds(1)
    /// A segment is rolled when the next batch would make it larger than this.
    public var segmentBytes: Int = 128 << 20
    /// A segment is rolled when it is older than this (so time retention can delete it), in ms.
    public var segmentMilliseconds: Int64 = 7 * 24 * 3_600_000
    /// Bytes between two entries of a segment's sparse offset index.
    public var indexIntervalBytes: Int = 4096
    /// The largest batch an append accepts.
    public var maxBatchBytes: Int = 64 << 20
    /// Open transactions older than this are aborted (their producer is presumed gone). Checked when
    /// the store opens and every `maintenanceInterval`.
    public var transactionTimeout: Duration = .seconds(60)
    /// Whether the time the store was closed counts toward `transactionTimeout`. Off by default: the
    /// producers (the engine's jobs) were down too, and a job may roll its transaction forward after
    /// a restart, so open transactions get a full timeout again when the store opens.
    public var transactionTimeoutCountsDowntime = false
    /// How often retention, compaction and transaction timeouts run in the background.
    public var maintenanceInterval: Duration = .seconds(30)
    /// Whether the store runs a background thread for interval syncs and maintenance.
    public var runsBackgroundMaintenance = true
    /// The file layer; tests use `SimulatedFileSystem`.
    public var fileSystem: any LogFileSystem = PosixFileSystem()
    /// The wall clock in epoch milliseconds (tests inject their own).
    public var clock: @Sendable () -> Int64 = { wallClockMilliseconds() }
    /// Where recovery and maintenance messages go (truncated tails, rebuilt indexes, aborted transactions).
    public var log: @Sendable (String) -> Void = { _ in }

    public init() {}

    /// Options with a given sync mode.
    public init(syncMode: SyncMode) {
        self.syncMode = syncMode
    }
}

/// What one partition needs to know about its topic and store.
struct PartitionContext: Sendable {
    let topic: String
    let partition: Int
    let directory: String
    let fileSystem: any LogFileSystem
    let syncMode: SyncMode
    let segmentBytes: Int64
    let segmentMilliseconds: Int64
    let indexIntervalBytes: Int64
    let maxBatchBytes: Int
    let compacted: Bool
    let clock: @Sendable () -> Int64
    let log: @Sendable (String) -> Void

    var name: String { "\(topic)-\(partition)" }
    var syncsOnRoll: Bool { syncMode != .never }
}
