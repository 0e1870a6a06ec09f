// SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization
import Testing

@testable import SluiceLog

@Suite struct ConcurrencyTests {
    @Test func tailingReadersSeeEveryRecordInOrderWhileAppending() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(
            directory: directory.path, options: testOptions(segmentBytes: 64 << 10, indexInterval: 1024))
        defer { try? store.close() }
        try store.createTopic("feed", config: TopicConfig(partitions: 2))
        let total = 20_000
        let partitions = [TopicPartition("feed", 0), TopicPartition("feed", 1)]

        let readers = (0..<4).map { _ in
            Thread.detachedResult { () throws -> [Int] in
                let waiter = LogWaiter()
                let buffer = FetchBuffer(capacity: 8192)
                var next: [TopicPartition: Int64] = [partitions[0]: 0, partitions[1]: 0]
                var seen: [[Int]] = [[], []]
                while seen[0].count + seen[1].count < total {
                    for (index, partition) in partitions.enumerated() {
                        let fetch = try store.read(partition, from: next[partition]!, maxBytes: 4096, buffer: buffer)
                        try fetch.forEach { record in
                            seen[index].append(Int(String(decoding: record.value!, as: UTF8.self))!)
                        }
                        next[partition] = fetch.nextOffset
                    }
                    if seen[0].count + seen[1].count < total {
                        _ = try store.waitForData(next, timeout: .seconds(5), waiter: waiter)
                    }
                }
                return seen[0] + seen[1]
            }
        }
        let asyncReader = Task { () throws -> Int in
            var next: Int64 = 0
            var count = 0
            while count < total / 2 {
                let fetch = try store.read(partitions[1], from: next)
                try fetch.forEach { _ in count += 1 }
                next = fetch.nextOffset
                if count < total / 2 {
                    _ = try await store.waitForData([partitions[1]: next], timeout: .seconds(5))
                }
            }
            return count
        }
        // The writer: batches of 1 to 50 records, alternating partitions.
        var value = 0
        while value < total {
            let builder = RecordBatchBuilder()
            let partition = partitions[value % 2]
            for _ in 0..<min(Int.random(in: 1...50), total - value) {
                if partition != partitions[value % 2] { break }
                builder.append(key: nil, value: Array(String(value).utf8), timestamp: 0)
                value += 1
            }
            _ = try store.append(builder, to: partition)
        }
        for reader in readers {
            let seen = try reader.value()
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            #expect(seen.filter { $0 % 2 == 0 } == seen.filter { $0 % 2 == 0 }.sorted())
        }
        #expect(try await asyncReader.value == total / 2)
    }

    @Test func waitersTimeOutAndCanBeCancelled() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(directory: directory.path, options: testOptions())
        defer { try? store.close() }
        try store.createTopic("quiet")
        let partition = TopicPartition("quiet", 0)
        let waiter = LogWaiter()
        let start = monotonicNanoseconds()
        #expect(try store.waitForData([partition: 0], timeout: .milliseconds(50), waiter: waiter) == .timedOut)
        #expect(monotonicNanoseconds() - start >= 50_000_000)

        let blocked = Thread.detachedResult {
            try store.waitForData([partition: 0], timeout: .seconds(30), waiter: waiter)
        }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        #expect(try blocked.value() == .cancelled)
        waiter.reset()

        let woken = Thread.detachedResult {
            try store.waitForData([partition: 0], timeout: .seconds(30), waiter: waiter)
        }
        try await Task.sleep(for: .milliseconds(50))
        try store.appendStrings([(nil, "x")], to: partition)
        #expect(try woken.value() == .ready([partition]))

        let task = Task { try await store.waitForData([partition: 1], timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(try await task.value == .cancelled)
        #expect(try await store.waitForData([partition: 1], timeout: .milliseconds(20)) == .timedOut)
        #expect(try await store.waitForData([partition: 0], timeout: .milliseconds(20)) == .ready([partition]))
    }

    @Test func closingTheStoreWakesWaiters() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try LogStore(directory: directory.path, options: testOptions())
        try store.createTopic("quiet")
        let partition = TopicPartition("quiet", 0)
        _ = try store.endOffset(partition)
        let blocked = Thread.detachedResult {
            try store.waitForData([partition: 0], timeout: .seconds(30), waiter: LogWaiter())
        }
        Thread.sleep(forTimeInterval: 0.05)
        try store.close()
        #expect(throws: LogError.closed) { try blocked.value() }
    }
}

/// A thread's result, for tests that need real threads (blocking waits) rather than tasks.
final class ThreadResult<T: Sendable>: Sendable {
    private let outcome = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ result: Result<T, any Error>) {
        outcome.withLock { $0 = result }
        done.signal()
    }

    func value() throws -> T {
        done.wait()
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}

extension Thread {
    static func detachedResult<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> ThreadResult<T> {
        let result = ThreadResult<T>()
        Thread.detachNewThread { result.finish(Result { try body() }) }
        return result
    }
}
