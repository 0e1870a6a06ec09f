// SPDX-License-Identifier: Apache-2.0
import Foundation
import Synchronization
import Testing

@testable import SluiceLog

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/sluice-log-test-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: created!)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A record as tests compare it.
struct StoredRecord: Equatable, CustomStringConvertible {
    var offset: Int64
    var key: String?
    var value: String?
    var timestamp: Int64 = 0
    var headers: [RecordHeader] = []

    var description: String { "\(offset):\(key ?? "nil")=\(value ?? "nil")" }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let now: Mutex<Int64>

    init(_ start: Int64 = 1_700_000_000_000) { now = Mutex(start) }

    var milliseconds: Int64 { now.withLock { $0 } }

    func advance(by milliseconds: Int64) { now.withLock { $0 += milliseconds } }

    var function: @Sendable () -> Int64 { { [self] in milliseconds } }
}

extension LogStore {
    /// Every record of a partition from `offset` to the visible end.
    func records(
        _ topicPartition: TopicPartition, from offset: Int64? = nil, isolation: IsolationLevel = .readCommitted,
        maxBytes: Int = 1 << 20
    ) throws -> [StoredRecord] {
        var next = try offset ?? startOffset(topicPartition)
        var result: [StoredRecord] = []
        let buffer = FetchBuffer(capacity: 4096)
        while true {
            let fetch = try read(topicPartition, from: next, maxBytes: maxBytes, isolation: isolation, buffer: buffer)
            try fetch.forEach { record in
                result.append(
                    StoredRecord(
                        offset: record.offset, key: record.key.map { String(decoding: $0, as: UTF8.self) },
                        value: record.value.map { String(decoding: $0, as: UTF8.self) }, timestamp: record.timestamp,
                        headers: record.headers.decoded))
            }
            if fetch.nextOffset == next { return result }
            next = fetch.nextOffset
        }
    }

    /// Appends string records as one batch.
    @discardableResult
    func appendStrings(
        _ pairs: [(String?, String?)], to topicPartition: TopicPartition, timestamp: Int64 = 1_000
    ) throws -> Int64 {
        let builder = RecordBatchBuilder()
        for (key, value) in pairs {
            builder.append(key: key.map { Array($0.utf8) }, value: value.map { Array($0.utf8) }, timestamp: timestamp)
        }
        return try append(builder, to: topicPartition)
    }
}

/// Options for tests: no background thread, an optional simulated file system and clock.
func testOptions(
    sync: SyncMode = .never, fileSystem: (any LogFileSystem)? = nil, clock: ManualClock? = nil,
    segmentBytes: Int = 128 << 20, indexInterval: Int = 4096
) -> LogStoreOptions {
    var options = LogStoreOptions(syncMode: sync)
    options.runsBackgroundMaintenance = false
    if let fileSystem { options.fileSystem = fileSystem }
    if let clock { options.clock = clock.function }
    options.segmentBytes = segmentBytes
    options.indexIntervalBytes = indexInterval
    return options
}

/// Collects the store's log messages.
final class MessageLog: Sendable {
    private let messages = Mutex<[String]>([])

    var record: @Sendable (String) -> Void { { [self] message in messages.withLock { $0.append(message) } } }

    var all: [String] { messages.withLock { $0 } }
}
