import Foundation
import SluiceState
import Testing

@Suite struct CheckpointTests {
    @Test(arguments: StoreKind.all)
    func restoringACheckpointBringsBackItsState(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let checkpoints = StateCheckpoints(directory: directory.appending("checkpoints"))
        let store = try kind.open(directory.appending("live"))
        try store.put(bytes("a"), bytes("1"))
        try store.put(bytes("b"), bytes("2"))
        let first = try checkpoints.create(1, of: store)
        try store.put(bytes("a"), bytes("changed"))
        try store.delete(bytes("b"))
        try store.put(bytes("c"), bytes("3"))
        try checkpoints.create(2, of: store)
        #expect(first == checkpoints.path(of: 1))
        #expect(try checkpoints.ids() == [1, 2])
        #expect(try checkpoints.latest() == 2)

        let restored = try kind.restore(checkpoints.path(of: 1), directory.appending("restored"))
        #expect(try restored.entries() == [entry("a", "1"), entry("b", "2")])
        // Writing the restored store leaves the checkpoint as it was.
        try restored.put(bytes("z"), bytes("new"))
        try restored.close()
        let again = try kind.restore(checkpoints.path(of: 1), directory.appending("restored"))
        #expect(try again.entries() == [entry("a", "1"), entry("b", "2")])

        let second = try kind.restore(checkpoints.path(of: 2), directory.appending("second"))
        #expect(try second.entries() == [entry("a", "changed"), entry("c", "3")])
        #expect(try store.entries() == [entry("a", "changed"), entry("c", "3")])
    }

    @Test(arguments: StoreKind.all)
    func restoringOverTheLiveDirectoryReplacesIt(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let live = directory.appending("live")
        let checkpoints = StateCheckpoints(directory: directory.appending("checkpoints"))
        do {
            let store = try kind.open(live)
            try store.put(bytes("kept"), bytes("yes"))
            try checkpoints.create(7, of: store)
            try store.put(bytes("after"), bytes("rolled back"))
            try store.close()
        }
        try checkpoints.restore(7, into: live)
        let reopened = try kind.open(live)
        #expect(try reopened.entries() == [entry("kept", "yes")])
    }

    @Test(arguments: StoreKind.all)
    func pruningKeepsTheNewestCheckpoints(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let checkpoints = StateCheckpoints(directory: directory.appending("checkpoints"))
        let store = try kind.open(directory.appending("live"))
        for id: UInt64 in [3, 10, 1, 2, 11] {
            try store.put(bytes("id"), Array(String(id).utf8))
            try checkpoints.create(id, of: store)
        }
        let leftover = checkpoints.path(of: 12) + ".tmp"
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: false)
        #expect(try checkpoints.ids() == [1, 2, 3, 10, 11])
        #expect(try checkpoints.prune(keepingLatest: 2) == [1, 2, 3])
        #expect(try checkpoints.ids() == [10, 11])
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try checkpoints.prune(keepingLatest: 5).isEmpty)
        let restored = try kind.restore(checkpoints.path(of: 10), directory.appending("restored"))
        #expect(try restored.get(bytes("id")) == bytes("10"))
    }

    @Test(arguments: StoreKind.all)
    func checkpointingTwiceUnderOneIdThrows(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let checkpoints = StateCheckpoints(directory: directory.appending("checkpoints"))
        let store = try kind.open(directory.appending("live"))
        try checkpoints.create(1, of: store)
        #expect(throws: StateStoreError.self) { try checkpoints.create(1, of: store) }
        #expect(throws: StateStoreError.self) { try store.checkpoint(to: checkpoints.path(of: 1)) }
    }

    @Test(arguments: StoreKind.all)
    func restoringAMissingCheckpointThrows(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: StateStoreError.self) {
            try kind.restore(directory.appending("nope"), directory.appending("live"))
        }
        #expect(error?.operation == "restore")
    }

    @Test func listingCheckpointsOfAMissingDirectoryFindsNone() throws {
        let directory = try TemporaryDirectory()
        let checkpoints = StateCheckpoints(directory: directory.appending("missing"))
        #expect(try checkpoints.ids().isEmpty)
        #expect(try checkpoints.prune(keepingLatest: 1).isEmpty)
    }
}

@Suite struct StoreFailureTests {
    @Test func rocksDBWithoutCreateIfMissingThrowsOnAMissingDatabase() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: StateStoreError.self) {
            try RocksDBStateStore(path: directory.appending("absent"), options: .init(createIfMissing: false))
        }
        #expect(error?.operation == "open")
    }

    @Test func rocksDBRefusesASecondOpenOfTheSameDirectory() throws {
        let directory = try TemporaryDirectory()
        let first = try RocksDBStateStore(path: directory.path)
        #expect(throws: StateStoreError.self) { try RocksDBStateStore(path: directory.path) }
        try first.close()
        let second = try RocksDBStateStore(path: directory.path)
        try second.close()
    }

    @Test func aDamagedSnapshotIsReportedNotLoaded() throws {
        let directory = try TemporaryDirectory()
        let store = try InMemoryStateStore(directory: directory.path)
        try store.put(bytes("key"), bytes("value"))
        try store.close()
        let file = directory.appending("state.snapshot")
        var contents = try Data(contentsOf: URL(fileURLWithPath: file))
        contents[contents.count - 12] ^= 0x01
        try contents.write(to: URL(fileURLWithPath: file))
        let error = #expect(throws: StateStoreError.self) { try InMemoryStateStore(directory: directory.path) }
        #expect(error?.message.contains("checksum mismatch") == true)
        try Data(contents.prefix(10)).write(to: URL(fileURLWithPath: file))
        #expect(throws: StateStoreError.self) { try InMemoryStateStore(directory: directory.path) }
    }

    @Test func anEphemeralStoreCheckpointsAndRestores() throws {
        let directory = try TemporaryDirectory()
        let store = InMemoryStateStore()
        try store.put(bytes("k"), bytes("v"))
        try store.flush()
        try store.checkpoint(to: directory.appending("cp"))
        let restored = try InMemoryStateStore.restore(
            from: directory.appending("cp"),
            into: directory.appending("live")
        )
        #expect(try restored.entries() == [entry("k", "v")])
    }
}
