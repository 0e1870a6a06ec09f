// SPDX-License-Identifier: Apache-2.0
import Testing

@testable import SluiceLog

@Suite struct TransactionTests {
    let first = TopicPartition("out", 0)
    let second = TopicPartition("out", 1)

    func makeStore(
        _ directory: String, fileSystem: (any LogFileSystem)? = nil, clock: ManualClock? = nil
    ) throws -> LogStore {
        try LogStore(directory: directory, options: testOptions(sync: .always, fileSystem: fileSystem, clock: clock))
    }

    func batch(_ values: [String]) -> RecordBatchBuilder {
        let builder = RecordBatchBuilder()
        for value in values { builder.append(key: nil, value: Array(value.utf8), timestamp: 1) }
        return builder
    }

    func values(
        _ store: LogStore, _ partition: TopicPartition, _ isolation: IsolationLevel = .readCommitted
    ) throws -> [String] {
        try store.records(partition, isolation: isolation).map { $0.value ?? "nil" }
    }

    @Test func committedDataAppearsAtomicallyAtCommit() throws {
        let store = try makeStore("/data", fileSystem: SimulatedFileSystem())
        defer { try? store.close() }
        try store.createTopic("out", config: TopicConfig(partitions: 2))
        try store.appendStrings([(nil, "before")], to: first)
        let producer = try store.transactionalProducer(id: "job")
        #expect(producer.pendingTransaction == nil)
        try producer.begin()
        #expect(producer.transactionNumber == 1)
        #expect(try producer.append(batch(["t1", "t2"]), to: first) == 1)
        _ = try producer.append(batch(["t3"]), to: second)
        try store.appendStrings([(nil, "plain")], to: first)
        // Open transaction: read-committed readers stop at its first offset.
        #expect(try store.lastStableOffset(first) == 1)
        #expect(try store.endOffset(first) == 4)
        #expect(try values(store, first) == ["before"])
        #expect(try values(store, second).isEmpty)
        #expect(try values(store, first, .readUncommitted) == ["before", "t1", "t2", "plain"])
        try producer.commit()
        #expect(producer.transactionNumber == nil)
        #expect(try values(store, first) == ["before", "t1", "t2", "plain"])
        #expect(try values(store, second) == ["t3"])
        // The marker takes an offset but is never shown.
        #expect(try store.endOffset(first) == 5)
        #expect(try store.lastStableOffset(first) == 5)
    }

    @Test func abortedDataIsNeverReadCommitted() throws {
        let store = try makeStore("/data", fileSystem: SimulatedFileSystem())
        defer { try? store.close() }
        try store.createTopic("out", config: TopicConfig(partitions: 2))
        let producer = try store.transactionalProducer(id: "job")
        try producer.begin()
        _ = try producer.append(batch(["a1"]), to: first)
        _ = try producer.append(batch(["a2"]), to: first)
        try producer.abort()
        try producer.begin()
        _ = try producer.append(batch(["c1"]), to: first)
        try producer.commit()
        try store.appendStrings([(nil, "after")], to: first)
        #expect(try values(store, first) == ["c1", "after"])
        #expect(try values(store, first, .readUncommitted) == ["a1", "a2", "c1", "after"])
        // Reading from the middle of the aborted range still skips it.
        #expect(try store.records(first, from: 1).map { $0.value! } == ["c1", "after"])
        #expect(throws: LogError.self) { try producer.commit() }
    }

    @Test func transactionLeftOpenByACrashIsAbortedByTheNextInstance() throws {
        let fileSystem = SimulatedFileSystem()
        do {
            let store = try makeStore("/data", fileSystem: fileSystem)
            try store.createTopic("out", config: TopicConfig(partitions: 2))
            let producer = try store.transactionalProducer(id: "job")
            try producer.begin()
            _ = try producer.append(batch(["lost"]), to: first)
            _ = try producer.append(batch(["lost too"]), to: second)
            store.simulateCrash()
            fileSystem.simulatePowerLoss()
        }
        let store = try makeStore("/data", fileSystem: fileSystem)
        defer { try? store.close() }
        try store.appendStrings([(nil, "plain")], to: first)
        // Recovery rebuilt the open transaction: the last stable offset still waits for it.
        #expect(try store.lastStableOffset(first) == 0)
        #expect(try values(store, first).isEmpty)
        let producer = try store.transactionalProducer(id: "job")
        let pending = try #require(producer.pendingTransaction)
        #expect(pending.transactionNumber == 1)
        #expect(Set(pending.partitions) == [first, second])
        try producer.begin()
        #expect(try values(store, first) == ["plain"])
        #expect(try values(store, second).isEmpty)
        #expect(try store.lastStableOffset(second) == store.endOffset(second))
    }

    @Test func pendingTransactionCanBeRolledForward() throws {
        let fileSystem = SimulatedFileSystem()
        do {
            let store = try makeStore("/data", fileSystem: fileSystem)
            try store.createTopic("out", config: TopicConfig(partitions: 2))
            let producer = try store.transactionalProducer(id: "job")
            try producer.begin()
            _ = try producer.append(batch(["decided"]), to: first)
            store.simulateCrash()
        }
        let store = try makeStore("/data", fileSystem: fileSystem)
        defer { try? store.close() }
        let producer = try store.transactionalProducer(id: "job")
        #expect(producer.pendingTransaction?.transactionNumber == 1)
        try producer.completePending(commit: true)
        #expect(producer.pendingTransaction == nil)
        #expect(try values(store, first) == ["decided"])
        try producer.begin()
        #expect(producer.transactionNumber == 2)
    }

    @Test func newerInstanceFencesTheOlderOne() throws {
        let store = try makeStore("/data", fileSystem: SimulatedFileSystem())
        defer { try? store.close() }
        try store.createTopic("out", config: TopicConfig(partitions: 2))
        let zombie = try store.transactionalProducer(id: "job")
        try zombie.begin()
        _ = try zombie.append(batch(["zombie"]), to: first)
        let current = try store.transactionalProducer(id: "job")
        #expect(current.epoch == zombie.epoch + 1)
        #expect(current.producerId == zombie.producerId)
        let fenced = LogError.producerFenced(transactionalId: "job", epoch: zombie.epoch, currentEpoch: current.epoch)
        #expect(throws: fenced) { try zombie.append(batch(["late"]), to: first) }
        #expect(throws: fenced) { try zombie.append(batch(["late"]), to: second) }
        #expect(throws: fenced) { try zombie.commit() }
        #expect(throws: fenced) { try zombie.abort() }
        #expect(throws: fenced) { try zombie.begin() }
        try current.begin()  // aborts the zombie's transaction
        _ = try current.append(batch(["current"]), to: first)
        try current.commit()
        #expect(try values(store, first) == ["current"])
    }

    @Test func abandonedTransactionsTimeOut() throws {
        let clock = ManualClock()
        let store = try makeStore("/data", fileSystem: SimulatedFileSystem(), clock: clock)
        defer { try? store.close() }
        try store.createTopic("out", config: TopicConfig(partitions: 2))
        let producer = try store.transactionalProducer(id: "gone")
        try producer.begin()
        _ = try producer.append(batch(["stuck"]), to: first)
        try store.appendStrings([(nil, "later")], to: first)
        #expect(try store.abortTimedOutTransactions().isEmpty)
        #expect(try values(store, first).isEmpty)
        clock.advance(by: 61_000)
        #expect(try store.abortTimedOutTransactions() == ["gone"])
        #expect(try values(store, first) == ["later"])
        #expect(throws: LogError.self) { try producer.append(batch(["zombie"]), to: first) }
        #expect(throws: LogError.self) { try producer.commit() }
    }

    @Test func transactionsOlderThanTheTimeoutAtOpenAreAbortedWhenDowntimeCounts() throws {
        let fileSystem = SimulatedFileSystem()
        let clock = ManualClock()
        var options = testOptions(sync: .always, fileSystem: fileSystem, clock: clock)
        do {
            let store = try LogStore(directory: "/data", options: options)
            try store.createTopic("out", config: TopicConfig(partitions: 2))
            let producer = try store.transactionalProducer(id: "gone")
            try producer.begin()
            _ = try producer.append(batch(["stuck"]), to: first)
            store.simulateCrash()
        }
        clock.advance(by: 120_000)
        // By default the clock restarts at open, so the job can still roll its transaction forward.
        var store = try LogStore(directory: "/data", options: options)
        #expect(try store.lastStableOffset(first) == 0)
        store.simulateCrash()
        options.transactionTimeoutCountsDowntime = true
        clock.advance(by: 120_000)
        store = try LogStore(directory: "/data", options: options)
        defer { try? store.close() }
        #expect(try store.lastStableOffset(first) == store.endOffset(first))
        #expect(try values(store, first).isEmpty)
    }

    @Test func commitDecisionIsRolledForwardAfterACrashBetweenMarkers() throws {
        let fileSystem = FaultyFileSystem(SimulatedFileSystem())
        do {
            let store = try makeStore("/data", fileSystem: fileSystem)
            try store.createTopic("out", config: TopicConfig(partitions: 2))
            let producer = try store.transactionalProducer(id: "job")
            try producer.begin()
            _ = try producer.append(batch(["one"]), to: first)
            _ = try producer.append(batch(["two"]), to: second)
            // The decision reaches transactions.log, then writing the markers fails: the process dies.
            fileSystem.failWrites(under: "/data/topics/")
            #expect(throws: LogError.self) { try producer.commit() }
            store.simulateCrash()
            fileSystem.failWrites(under: nil)
        }
        let messages = MessageLog()
        var options = testOptions(sync: .always, fileSystem: fileSystem)
        options.log = messages.record
        let store = try LogStore(directory: "/data", options: options)
        defer { try? store.close() }
        #expect(try values(store, first) == ["one"])
        #expect(try values(store, second) == ["two"])
        #expect(messages.all.contains { $0.contains("completed the commit of transaction 1 of 'job'") })
        let producer = try store.transactionalProducer(id: "job")
        #expect(producer.pendingTransaction == nil)
    }

    @Test func producerStateSurvivesSegmentRollsAndReopen() throws {
        let fileSystem = SimulatedFileSystem()
        let options = testOptions(sync: .always, fileSystem: fileSystem, segmentBytes: 1024, indexInterval: 128)
        do {
            let store = try LogStore(directory: "/data", options: options)
            try store.createTopic("out", config: TopicConfig(partitions: 2))
            let producer = try store.transactionalProducer(id: "job")
            try producer.begin()
            _ = try producer.append(batch(["open"]), to: first)
            for index in 0..<60 { try store.appendStrings([(nil, "filler-\(index)")], to: first) }
            #expect(try store.describe("out").partitions[0].segmentCount > 3)
            store.simulateCrash()
        }
        let store = try LogStore(directory: "/data", options: options)
        defer { try? store.close() }
        #expect(try store.lastStableOffset(first) == 0)
        let producer = try store.transactionalProducer(id: "job")
        try producer.completePending(commit: false)
        #expect(try values(store, first).count == 60)
    }
}
