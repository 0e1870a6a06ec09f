import Foundation
import SluiceState
import Testing

/// A state store implementation the shared tests run against.
struct StoreKind: Sendable, CustomTestStringConvertible {
    let name: String
    /// Opens (creating if needed) the store persisted in a directory.
    let open: @Sendable (String) throws -> any StateStore
    /// Restores a checkpoint directory into a live directory and opens the store there.
    let restore: @Sendable (_ checkpoint: String, _ live: String) throws -> any StateStore

    var testDescription: String { name }

    static let inMemory = StoreKind(
        name: "InMemoryStateStore",
        open: { try InMemoryStateStore(directory: $0) },
        restore: { try InMemoryStateStore.restore(from: $0, into: $1) }
    )

    static let rocksDB = StoreKind(
        name: "RocksDBStateStore",
        open: { try RocksDBStateStore(path: $0, options: .init(blockCacheBytes: 1 << 20)) },
        restore: { try RocksDBStateStore.restore(from: $0, into: $1, options: .init(blockCacheBytes: 1 << 20)) }
    )

    static let all = [inMemory, rocksDB]
}

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/sluice-state-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The UTF-8 bytes of a string, to keep test keys readable.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func entry(_ key: String, _ value: String) -> StateEntry { StateEntry(key: bytes(key), value: bytes(value)) }
