import Foundation
import SluiceState
import Testing

@Suite struct WriteBatchTests {
    @Test func countsOperationsAndEmptiesForReuse() {
        var batch = StateWriteBatch()
        #expect(batch.isEmpty)
        batch.put(bytes("a"), bytes("1"))
        batch.delete(bytes("b"))
        batch.put(bytes("c"), [], in: StateTable(id: 3))
        #expect(batch.count == 3)
        batch.removeAll()
        #expect(batch.isEmpty && batch.count == 0)
    }

    @Test(arguments: StoreKind.all)
    func operationsApplyInOrder(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("c"), bytes("old"))
        var batch = StateWriteBatch()
        batch.put(bytes("a"), bytes("1"))
        batch.delete(bytes("a"))
        batch.put(bytes("b"), bytes("2"))
        batch.put(bytes("b"), bytes("3"))
        batch.delete(bytes("c"))
        batch.put([], [])
        batch.put(bytes("t"), bytes("in table"), in: StateTable(id: 9))
        batch.delete(bytes("u"), in: StateTable(id: 9))
        try store.commit(batch)
        #expect(try store.get(bytes("a")) == nil)
        #expect(try store.get(bytes("b")) == bytes("3"))
        #expect(try store.get(bytes("c")) == nil)
        #expect(try store.get([]) == [])
        #expect(try store.entries(of: StateTable(id: 9)) == [entry("t", "in table")])
    }

    @Test(arguments: StoreKind.all)
    func aBatchIsAllOrNothingAcrossAReopen(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let offsets = StateTable(id: 0)
        let counts = StateTable(id: 1)
        do {
            let store = try kind.open(directory.path)
            var committed = StateWriteBatch()
            committed.put(bytes("partition-0"), bytes("41"), in: offsets)
            for key in 0..<100 {
                committed.put([UInt8(key)], [1], in: counts)
            }
            try store.commit(committed, sync: true)
            var uncommitted = StateWriteBatch()
            uncommitted.put(bytes("partition-0"), bytes("99"), in: offsets)
            uncommitted.delete([0], in: counts)
            try store.close()
        }
        let reopened = try kind.open(directory.path)
        #expect(try reopened.get(bytes("partition-0"), in: offsets) == bytes("41"))
        #expect(try reopened.entries(of: counts).count == 100)
    }

    /// Copies the files of an open store right after a synced commit, as a crash would leave them,
    /// and opens the copy: the whole batch must be there.
    @Test(arguments: StoreKind.all)
    func aSyncedBatchSurvivesACrash(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let live = directory.appending("live")
        let crashed = directory.appending("crashed")
        let store = try kind.open(live)
        try store.put(bytes("before"), bytes("flushed"))
        try store.flush()
        var batch = StateWriteBatch()
        for key in 0..<1000 {
            batch.put(Array("key-\(key)".utf8), Array("value-\(key)".utf8))
        }
        batch.delete(bytes("before"))
        try store.commit(batch, sync: true)
        try FileManager.default.createDirectory(atPath: crashed, withIntermediateDirectories: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: live) where name != "LOCK" {
            try FileManager.default.copyItem(atPath: live + "/" + name, toPath: crashed + "/" + name)
        }
        let recovered = try kind.open(crashed)
        #expect(try recovered.get(bytes("before")) == nil)
        #expect(try recovered.entries().count == 1000)
        #expect(try recovered.get(bytes("key-999")) == bytes("value-999"))
        try store.close()
    }
}
