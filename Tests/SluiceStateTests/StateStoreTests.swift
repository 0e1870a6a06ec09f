import Foundation
import SluiceState
import Testing

@Suite struct StateStoreTests {
    @Test(arguments: StoreKind.all)
    func putGetAndDelete(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("k"), bytes("one"))
        try store.put(bytes("k"), bytes("two"))
        try store.put(bytes("empty"), [])
        #expect(try store.get(bytes("k")) == bytes("two"))
        #expect(try store.get(bytes("empty")) == [])
        #expect(try store.get(bytes("missing")) == nil)
        try store.delete(bytes("k"))
        try store.delete(bytes("never-there"))
        #expect(try store.get(bytes("k")) == nil)
        try store.close()
    }

    @Test(arguments: StoreKind.all)
    func iterationIsInUnsignedByteOrder(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        let keys: [[UInt8]] = [[0xFF], [1, 0], [], [0x80], [1], [0], [1, 2], [0x7F, 0xFF]]
        for (index, key) in keys.enumerated() {
            try store.put(key, [UInt8(index)])
        }
        let expected: [[UInt8]] = [[], [0], [1], [1, 0], [1, 2], [0x7F, 0xFF], [0x80], [0xFF]]
        #expect(try store.entries().map(\.key) == expected)
        #expect(try store.entries().map(\.value) == expected.map { [UInt8(keys.firstIndex(of: $0)!)] })
    }

    @Test(arguments: StoreKind.all)
    func prefixRangeStopsAtTheEndOfThePrefix(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        for key: [UInt8] in [
            [1], [1, 0xFF], [1, 0xFF, 0xFF], [1, 0xFF, 0], [2], [0, 9], [0xFF, 0xFF], [0xFF, 0xFF, 3],
        ] {
            try store.put(key, [])
        }
        #expect(try store.entries(in: .prefix([1, 0xFF])).map(\.key) == [[1, 0xFF], [1, 0xFF, 0], [1, 0xFF, 0xFF]])
        #expect(try store.entries(in: .prefix([0xFF, 0xFF])).map(\.key) == [[0xFF, 0xFF], [0xFF, 0xFF, 3]])
        #expect(try store.entries(in: .prefix([3])).isEmpty)
        #expect(try store.entries(in: .prefix([])).count == 8)
    }

    @Test(arguments: StoreKind.all)
    func rangesIncludeTheLowerBoundAndExcludeTheUpper(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        for key in ["a", "b", "c", "c\u{7F}", "d", "e"] {
            try store.put(bytes(key), bytes(key))
        }
        let range = StateKeyRange(from: bytes("b"), to: bytes("d"))
        #expect(try store.entries(in: range) == [entry("b", "b"), entry("c", "c"), entry("c\u{7F}", "c\u{7F}")])
        #expect(try store.entries(in: StateKeyRange(from: bytes("d"), to: nil)).map(\.key) == [bytes("d"), bytes("e")])
        #expect(try store.entries(in: StateKeyRange(from: bytes("d"), to: bytes("b"))).isEmpty)
        #expect(try store.entries(in: StateKeyRange(from: bytes("c"), to: bytes("c"))).isEmpty)
    }

    @Test(arguments: StoreKind.all)
    func cursorSeesTheStoreAsItWasWhenMade(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("a"), bytes("1"))
        try store.put(bytes("c"), bytes("3"))
        let cursor = try store.makeCursor(over: .all)
        try store.put(bytes("b"), bytes("2"))
        try store.put(bytes("c"), bytes("changed"))
        try store.delete(bytes("a"))
        #expect(try cursor.collectAll() == [entry("a", "1"), entry("c", "3")])
        #expect(try store.entries() == [entry("b", "2"), entry("c", "changed")])
    }

    @Test(arguments: StoreKind.all)
    func tablesKeepTheirKeysApart(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        let counts = StateTable(id: 1)
        let sums = StateTable(id: 2)
        let last = StateTable(id: .max)
        try store.put(bytes("page"), bytes("7"), in: counts)
        try store.put(bytes("page"), bytes("700"), in: sums)
        try store.put(bytes("page2"), bytes("1"), in: sums)
        try store.put(bytes("z"), bytes("end"), in: last)
        #expect(try store.get(bytes("page"), in: counts) == bytes("7"))
        #expect(try store.get(bytes("page"), in: sums) == bytes("700"))
        #expect(try store.entries(of: counts) == [entry("page", "7")])
        #expect(try store.entries(of: sums) == [entry("page", "700"), entry("page2", "1")])
        #expect(try store.entries(in: .prefix(bytes("page2")), of: sums) == [entry("page2", "1")])
        #expect(try store.entries(of: last) == [entry("z", "end")])
        try store.delete(bytes("page"), in: counts)
        #expect(try store.entries(of: counts).isEmpty)
        #expect(try store.get(bytes("page"), in: sums) == bytes("700"))
    }

    @Test(arguments: StoreKind.all)
    func reopeningAfterCloseKeepsTheData(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let expected = (0..<500).map {
            StateEntry(
                key: [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)],
                value: Array(repeating: UInt8(truncatingIfNeeded: $0), count: $0 % 7)
            )
        }
        do {
            let store = try kind.open(directory.path)
            for entry in expected.reversed() {
                try store.put(entry.key, entry.value)
            }
            try store.put(bytes("gone"), [])
            try store.delete(bytes("gone"))
            try store.close()
        }
        let reopened = try kind.open(directory.path)
        #expect(try reopened.entries() == expected)
        try reopened.close()
    }

    @Test(arguments: StoreKind.all)
    func flushKeepsTheDataReadable(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.put(bytes("a"), bytes("1"))
        try store.flush()
        try store.put(bytes("b"), bytes("2"))
        #expect(try store.entries() == [entry("a", "1"), entry("b", "2")])
    }

    @Test(arguments: StoreKind.all)
    func operationsAfterCloseThrow(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try store.close()
        try store.close()
        #expect(throws: StateStoreError(operation: "get", message: "the store is closed")) {
            try store.get(bytes("k"))
        }
        #expect(throws: StateStoreError.self) { try store.put(bytes("k"), []) }
        #expect(throws: StateStoreError.self) { try store.commit(StateWriteBatch()) }
        #expect(throws: StateStoreError.self) { try store.makeCursor(over: .all) }
        #expect(throws: StateStoreError.self) { try store.checkpoint(to: directory.appending("cp")) }
    }

    @Test(arguments: StoreKind.all)
    func openingUnderARegularFileThrows(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        let file = directory.appending("file")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        let error = #expect(throws: StateStoreError.self) { try kind.open(file + "/state") }
        #expect(error?.operation == "open")
        #expect(error?.message.contains(file) == true)
    }
}

@Suite struct StateStoreSharingTests {
    @Test(arguments: StoreKind.all)
    func aCursorOutlivesCloseAndThenReleasesTheStore(kind: StoreKind) throws {
        let directory = try TemporaryDirectory()
        var cursor: (any StateCursor)?
        do {
            let store = try kind.open(directory.path)
            try store.put(bytes("a"), bytes("1"))
            try store.put(bytes("b"), bytes("2"))
            cursor = try store.makeCursor(over: .all)
            try store.close()
        }
        #expect(try cursor?.collectAll() == [entry("a", "1"), entry("b", "2")])
        cursor = nil
        let reopened = try kind.open(directory.path)
        #expect(try reopened.get(bytes("b")) == bytes("2"))
    }

    @Test(arguments: StoreKind.all)
    func tasksShareOneStore(kind: StoreKind) async throws {
        let directory = try TemporaryDirectory()
        let store = try kind.open(directory.path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<4 {
                group.addTask {
                    let table = StateTable(id: UInt32(task))
                    for key in 0..<250 {
                        var batch = StateWriteBatch()
                        batch.put([UInt8(key)], [UInt8(task)], in: table)
                        try store.commit(batch)
                        #expect(try store.get([UInt8(key)], in: table) == [UInt8(task)])
                    }
                }
            }
            try await group.waitForAll()
        }
        for task in 0..<4 {
            #expect(try store.entries(of: StateTable(id: UInt32(task))).count == 250)
        }
    }
}
