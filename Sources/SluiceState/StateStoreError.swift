/// A state store failed: an I/O error, a corrupt file, a lock held by another process, or use after `close()`.
///
/// This is a system error: the task that sees it fails and restarts from its last checkpoint.
public struct StateStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done (`"open"`, `"put"`, `"commit"`, `"checkpoint"`, ...).
    public var operation: String
    /// Why it failed, as reported by RocksDB or the operating system, usually naming the path.
    public var message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "state store \(operation) failed: \(message)" }

    static func closed(_ operation: String) -> StateStoreError {
        StateStoreError(operation: operation, message: "the store is closed")
    }
}
