// SPDX-License-Identifier: Apache-2.0

/// Reusable memory for reads, so a reader that fetches in a loop allocates nothing per fetch.
///
/// A `FetchResult` points into its buffer and stays valid until the buffer is used for the next
/// read. Not thread-safe: one buffer per reading thread.
public final class FetchBuffer {
    private(set) var storage: UnsafeMutableRawBufferPointer
    /// Bumped by every read, so a stale `FetchResult` notices it was overwritten.
    private(set) var generation = 0

    /// - Parameter capacity: initial size; grows to hold the largest batch read. Reads from memory-mapped
    ///   segments (the default file layer) do not copy, so the buffer is only filled by other file layers.
    public init(capacity: Int = 1 << 20) {
        storage = .allocate(byteCount: max(capacity, 0), alignment: 16)
    }

    deinit { storage.deallocate() }

    var capacity: Int { storage.count }

    /// Starts a new read; returns its generation.
    func claim(minimumCapacity: Int) -> Int {
        if minimumCapacity > storage.count {
            storage.deallocate()
            storage = .allocate(byteCount: minimumCapacity, alignment: 16)
        }
        generation += 1
        return generation
    }

    /// Grows the buffer, keeping its first `keeping` bytes.
    func grow(to capacity: Int, keeping: Int) {
        guard capacity > storage.count else { return }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        if keeping > 0 { grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: keeping) }
        storage.deallocate()
        storage = grown
    }
}

/// Batches read from one partition, checked and ready to visit without copying.
public struct FetchResult {
    /// The partition read.
    public let topicPartition: TopicPartition
    /// Where the next read should start.
    public let nextOffset: Int64
    /// The partition's end offset (high watermark) when the read happened.
    public let endOffset: Int64
    /// The partition's last stable offset when the read happened.
    public let lastStableOffset: Int64
    /// Whether any batch was read (a read-committed fetch may still yield no records when every batch
    /// it read was a control marker or aborted data).
    public var isEmpty: Bool { byteCount == 0 }
    /// Bytes of batches read.
    public let byteCount: Int

    /// The first batch (nil when empty), in a file mapping or in `buffer`.
    let base: UnsafeRawPointer?
    /// Keeps the memory `base` points into alive.
    let owner: AnyObject?
    /// Set when the batches were copied into a reusable buffer, which a later read overwrites.
    let buffer: FetchBuffer?
    let generation: Int
    @usableFromInline let firstOffset: Int64
    let isolation: IsolationLevel
    let aborted: [AbortedTransaction]

    /// Visits every record from the requested offset on, in offset order.
    ///
    /// Control markers are never visited. Under `.readCommitted` neither is data of aborted
    /// transactions. - Throws: `LogError.corruptBatch` if a record inside a batch is malformed,
    /// and rethrows what `body` throws.
    @inlinable
    public func forEach(_ body: (RecordView) throws -> Void) throws {
        try checkBuffer()
        var position = 0
        while let batch = decodableBatch(at: position) {
            position = batch.nextPosition
            do {
                try decodeRecords(
                    batch.bytes, end: batch.end, count: batch.recordCount, baseOffset: batch.baseOffset,
                    baseTimestamp: batch.baseTimestamp, skipBelow: firstOffset, body)
            } catch let malformed as MalformedRecord {
                throw corruption(malformed, batch: batch)
            }
        }
    }

    /// A batch whose records `forEach` visits.
    @usableFromInline
    struct DecodableBatch {
        @usableFromInline let bytes: UnsafeRawPointer
        @usableFromInline let end: Int
        @usableFromInline let recordCount: Int
        @usableFromInline let baseOffset: Int64
        @usableFromInline let baseTimestamp: Int64
        /// Where the batch after this one starts in the fetch.
        @usableFromInline let nextPosition: Int
    }

    /// The first batch at or after `position` whose records are visible: control batches are never
    /// visible, nor, under read-committed, batches of aborted transactions.
    @usableFromInline
    func decodableBatch(at start: Int) -> DecodableBatch? {
        guard let base else { return nil }
        let skipsAborted = isolation == .readCommitted && !aborted.isEmpty
        var position = start
        while position < byteCount {
            let batch = base + position
            let header = RecordBatchHeader(parsing: batch)
            position += header.totalSize
            if header.isControl || (skipsAborted && header.isTransactional && isAborted(header)) { continue }
            return DecodableBatch(
                bytes: batch, end: header.totalSize, recordCount: Int(header.recordCount),
                baseOffset: header.baseOffset, baseTimestamp: header.baseTimestamp, nextPosition: position)
        }
        return nil
    }

    @usableFromInline
    func corruption(_ malformed: MalformedRecord, batch: DecodableBatch) -> LogError {
        LogError.corruptBatch(
            topic: topicPartition.topic, partition: topicPartition.partition,
            offset: batch.baseOffset + Int64(malformed.offsetDelta), reason: malformed.reason)
    }

    /// Visits every batch read, control batches and aborted data included (for tools and protocols).
    public func forEachBatch(_ body: (BatchView) throws -> Void) throws {
        try checkBuffer()
        guard byteCount > 0, let base else { return }
        var position = 0
        while position < byteCount {
            let header = RecordBatchHeader(parsing: base + position)
            try body(BatchView(header: header, bytes: base + position))
            position += header.totalSize
        }
    }

    /// The number of records (control markers included) in the batches read.
    public var batchRecordCount: Int {
        var total = 0
        try? forEachBatch { total += Int($0.header.recordCount) }
        return total
    }

    @usableFromInline
    func checkBuffer() throws(LogError) {
        if let buffer, buffer.generation != generation {
            throw LogError.invalidArgument("this fetch result's buffer was reused by a later read")
        }
    }

    private func isAborted(_ header: RecordBatchHeader) -> Bool {
        for entry in aborted
        where entry.producerId == header.producerId && entry.firstOffset <= header.baseOffset
            && header.baseOffset <= entry.lastOffset
        {
            return true
        }
        return false
    }
}

/// One batch of a fetch result.
public struct BatchView {
    let header: RecordBatchHeader
    /// The batch's bytes, header included (Kafka's RecordBatch v2 layout).
    public let bytes: UnsafeRawPointer

    public var baseOffset: Int64 { header.baseOffset }
    public var lastOffset: Int64 { header.lastOffset }
    public var recordCount: Int { Int(header.recordCount) }
    public var byteCount: Int { header.totalSize }
    public var producerId: Int64 { header.producerId }
    public var producerEpoch: Int16 { header.producerEpoch }
    public var baseSequence: Int32 { header.baseSequence }
    public var isTransactional: Bool { header.isTransactional }
    public var isControl: Bool { header.isControl }
    public var maxTimestamp: Int64 { header.maxTimestamp }

    /// Visits the batch's records (control records included when this is a control batch).
    public func forEachRecord(_ body: (RecordView) throws -> Void) throws {
        do {
            try SluiceLog.forEachRecord(in: bytes, header: header, skipBelow: Int64.min, body)
        } catch let malformed as MalformedRecord {
            throw LogError.invalidBatch(
                "record \(malformed.offsetDelta) of batch \(header.baseOffset): \(malformed.reason)")
        }
    }
}
