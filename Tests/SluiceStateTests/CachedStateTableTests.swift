import SluiceState
import Testing

@Suite struct CachedStateTableTests {
    let table = StateTable(id: 5)

    @Test(arguments: StoreKind.all)
    func readsTheStoreOncePerKeyIncludingMisses(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("present"), bytes("1"), in: table)
        let cache = CachedStateTable(table: table, store: store)
        #expect(try cache.get(bytes("present")) == bytes("1"))
        #expect(try cache.get(bytes("absent")) == nil)
        // The store changes behind the cache's back; the cache answers from memory, proving it
        // did not go back to the store.
        try store.delete(bytes("present"), in: table)
        try store.put(bytes("absent"), bytes("2"), in: table)
        #expect(try cache.get(bytes("present")) == bytes("1"))
        #expect(try cache.get(bytes("absent")) == nil)
        #expect(cache.count == 2 && cache.dirtyCount == 0)
    }

    @Test(arguments: StoreKind.all)
    func writesReachTheStoreOnlyThroughTheFlushedBatch(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("doomed"), bytes("x"), in: table)
        let cache = CachedStateTable(table: table, store: store)
        for round in 0..<1000 {
            cache.put(bytes("hot"), Array(String(round).utf8))
        }
        cache.delete(bytes("doomed"))
        #expect(try cache.get(bytes("hot")) == bytes("999"))
        #expect(try cache.get(bytes("doomed")) == nil)
        #expect(cache.dirtyCount == 2)
        #expect(try store.entries(of: table) == [entry("doomed", "x")])

        var batch = StateWriteBatch()
        cache.flush(into: &batch)
        #expect(batch.count == 2)
        #expect(cache.dirtyCount == 0)
        #expect(try store.entries(of: table) == [entry("doomed", "x")])
        try store.commit(batch, sync: true)
        #expect(try store.entries(of: table) == [entry("hot", "999")])

        var empty = StateWriteBatch()
        cache.flush(into: &empty)
        #expect(empty.isEmpty)
    }

    @Test(arguments: StoreKind.all)
    func updateChangesDeletesAndCreatesValues(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("count"), [41], in: table)
        try store.put(bytes("drop"), [1], in: table)
        let cache = CachedStateTable(table: table, store: store)
        try cache.update(bytes("count")) { $0![0] += 1 }
        try cache.update(bytes("drop")) { $0 = nil }
        try cache.update(bytes("new")) { value in
            #expect(value == nil)
            value = [7]
        }
        try cache.update(bytes("never")) { $0 = nil }
        #expect(cache.dirtyCount == 3)
        var batch = StateWriteBatch()
        cache.flush(into: &batch)
        try store.commit(batch)
        #expect(
            try store.entries(of: table) == [
                StateEntry(key: bytes("count"), value: [42]), StateEntry(key: bytes("new"), value: [7]),
            ]
        )
    }

    @Test(arguments: StoreKind.all)
    func scansMergeUnflushedAndUncommittedChangesOverTheStore(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        for key in ["a", "b", "c", "e"] {
            try store.put(bytes(key), bytes("stored"), in: table)
        }
        try store.put(bytes("other table"), [], in: StateTable(id: 6))
        let cache = CachedStateTable(table: table, store: store)
        cache.put(bytes("b"), bytes("cached"))
        cache.delete(bytes("c"))
        cache.put(bytes("d"), bytes("cached"))
        cache.delete(bytes("zz"))
        cache.put(bytes("f"), bytes("cached"))
        let expected = [
            entry("a", "stored"), entry("b", "cached"), entry("d", "cached"), entry("e", "stored"),
            entry("f", "cached"),
        ]
        #expect(try cache.entries() == expected)
        #expect(
            try cache.entries(in: StateKeyRange(from: bytes("b"), to: bytes("e"))) == [
                entry("b", "cached"), entry("d", "cached"),
            ]
        )

        var batch = StateWriteBatch()
        cache.flush(into: &batch)
        cache.put(bytes("b"), bytes("again"))
        #expect(try cache.entries().map(\.value) == ["stored", "again", "cached", "stored", "cached"].map(bytes))
        try store.commit(batch)
        #expect(
            try store.entries(of: table) == [
                entry("a", "stored"), entry("b", "cached"), entry("d", "cached"), entry("e", "stored"),
                entry("f", "cached"),
            ]
        )
    }

    @Test(arguments: StoreKind.all)
    func flushEvictsCleanEntriesButNeverDirtyOnes(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        for key in 0..<10 {
            try store.put([UInt8(key)], [UInt8(key)], in: table)
        }
        let cache = CachedStateTable(table: table, store: store, capacity: 4)
        for key in 0..<10 {
            _ = try cache.get([UInt8(key)])
        }
        for key in 20..<26 {
            cache.put([UInt8(key)], [UInt8(key)])
        }
        var batch = StateWriteBatch()
        cache.flush(into: &batch)
        #expect(cache.count == 6)
        #expect(batch.count == 6)
        try store.commit(batch)

        var next = StateWriteBatch()
        cache.flush(into: &next)
        #expect(cache.count == 4)
        for key in Array(0..<10) + Array(20..<26) {
            #expect(try cache.get([UInt8(key)]) == [UInt8(key)])
        }
    }
}
