/// The numbered checkpoints of one state store, kept as subdirectories of `directory`.
///
/// Checkpoint `n` lives in `directory/<n as 20 digits>`, so names sort like numbers. A checkpoint
/// is written under a `.tmp` name and renamed when complete, so a crash never leaves a partial
/// checkpoint that looks finished.
public struct StateCheckpoints: Sendable {
    /// The directory holding the checkpoints.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The directory of checkpoint `id`.
    public func path(of id: UInt64) -> String {
        let digits = String(id)
        return directory + "/" + String(repeating: "0", count: 20 - digits.count) + digits
    }

    /// The ids of the finished checkpoints, oldest first; none when the directory does not exist.
    public func ids() throws(StateStoreError) -> [UInt64] {
        guard StateFiles.exists(directory) else { return [] }
        return try StateFiles.contents(of: directory, operation: "list checkpoints")
            .compactMap { $0.count == 20 ? UInt64($0) : nil }
            .sorted()
    }

    /// The id of the newest checkpoint, if any.
    public func latest() throws(StateStoreError) -> UInt64? {
        try ids().last
    }

    /// Writes checkpoint `id` of `store` and returns its directory.
    ///
    /// - Throws: `StateStoreError` when checkpoint `id` exists already or the snapshot fails.
    @discardableResult
    public func create(_ id: UInt64, of store: any StateStore) throws(StateStoreError) -> String {
        let final = path(of: id)
        guard !StateFiles.exists(final) else {
            throw StateStoreError(operation: "checkpoint", message: "\(final): already exists")
        }
        let temporary = final + ".tmp"
        try StateFiles.makeDirectories(directory, operation: "checkpoint")
        try StateFiles.removeTree(temporary, operation: "checkpoint")
        try store.checkpoint(to: temporary)
        try StateFiles.move(temporary, to: final, operation: "checkpoint")
        StateFiles.syncDirectory(directory)
        return final
    }

    /// Deletes all but the newest `count` checkpoints and any unfinished one; returns the ids deleted.
    @discardableResult
    public func prune(keepingLatest count: Int) throws(StateStoreError) -> [UInt64] {
        guard StateFiles.exists(directory) else { return [] }
        for name in try StateFiles.contents(of: directory, operation: "prune checkpoints")
        where name.hasSuffix(".tmp") {
            try StateFiles.removeTree(directory + "/" + name, operation: "prune checkpoints")
        }
        let doomed = try ids().dropLast(max(count, 0))
        for id in doomed {
            try StateFiles.removeTree(path(of: id), operation: "prune checkpoints")
        }
        return Array(doomed)
    }

    /// Replaces the live directory `live` with the contents of checkpoint `id`; open the store there next.
    public func restore(_ id: UInt64, into live: String) throws(StateStoreError) {
        try Self.restore(from: path(of: id), into: live)
    }

    /// Replaces the live directory `live` with the contents of the checkpoint directory `checkpoint`.
    /// The store that used `live` must be closed.
    ///
    /// Immutable table files (`*.sst`) are hard-linked, everything else is copied, so the restored
    /// store can be written without changing the checkpoint. The copy is assembled beside `live` and
    /// renamed into place. A crash part way never touches the checkpoint, so restoring again finishes
    /// the job.
    public static func restore(from checkpoint: String, into live: String) throws(StateStoreError) {
        guard StateFiles.isDirectory(checkpoint) else {
            throw StateStoreError(operation: "restore", message: "\(checkpoint): no such checkpoint")
        }
        let staging = live + ".restoring"
        try StateFiles.removeTree(staging, operation: "restore")
        try StateFiles.makeDirectories(staging, operation: "restore")
        for name in try StateFiles.contents(of: checkpoint, operation: "restore") {
            let source = checkpoint + "/" + name
            let destination = staging + "/" + name
            if name.hasSuffix(".sst") {
                try StateFiles.linkOrCopy(source, to: destination, operation: "restore")
            } else {
                try StateFiles.copyFile(source, to: destination, operation: "restore")
            }
        }
        StateFiles.syncDirectory(staging)
        try StateFiles.removeTree(live, operation: "restore")
        try StateFiles.move(staging, to: live, operation: "restore")
        StateFiles.syncDirectory(StateFiles.parentDirectory(of: live))
    }
}
