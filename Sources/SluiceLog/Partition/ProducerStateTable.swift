// SPDX-License-Identifier: Apache-2.0

/// A transaction that ended with an ABORT marker in one partition: read-committed readers skip
/// the producer's transactional batches in `firstOffset...lastOffset`.
struct AbortedTransaction: Equatable, BitwiseCopyable {
    var producerId: Int64
    var firstOffset: Int64
    /// The offset of the ABORT marker.
    var lastOffset: Int64
}

/// What one partition knows about the producers writing to it (Kafka's ProducerStateManager, reduced).
///
/// It tracks each producer's latest epoch, to fence older instances, and the first offset of every
/// open transaction, which bounds the last stable offset. It is rebuilt on open from a snapshot
/// taken when the active segment was created plus a replay of that segment.
struct ProducerStateTable: Equatable {
    struct Entry: Equatable {
        var epoch: Int16
        var lastSequence: Int32
        /// The first offset of the producer's open transaction in this partition.
        var openTransactionStart: Int64?
    }

    private(set) var producers: [Int64: Entry] = [:]

    /// The smallest first offset of an open transaction, which the last stable offset may not pass.
    var firstUnstableOffset: Int64? {
        producers.values.compactMap(\.openTransactionStart).min()
    }

    func openTransactionStart(of producerId: Int64) -> Int64? {
        producers[producerId]?.openTransactionStart
    }

    func epoch(of producerId: Int64) -> Int16? {
        producers[producerId]?.epoch
    }

    /// Throws when `epoch` is older than the newest epoch seen for the producer.
    func checkEpoch(producerId: Int64, epoch: Int16) throws(LogError) {
        if let current = producers[producerId]?.epoch, epoch < current {
            throw LogError.producerFenced(
                transactionalId: "producer \(producerId)", epoch: epoch, currentEpoch: current)
        }
    }

    /// Raises the producer's epoch so that older instances are fenced.
    mutating func fence(producerId: Int64, epoch: Int16) {
        var entry = producers[producerId] ?? Entry(epoch: epoch, lastSequence: -1, openTransactionStart: nil)
        entry.epoch = max(entry.epoch, epoch)
        producers[producerId] = entry
    }

    /// Applies an appended (or replayed) batch; returns the aborted transaction an ABORT marker closes.
    mutating func apply(_ header: RecordBatchHeader, marker: TransactionMarker?) -> AbortedTransaction? {
        guard header.producerId >= 0 else { return nil }
        var entry =
            producers[header.producerId]
            ?? Entry(epoch: header.producerEpoch, lastSequence: -1, openTransactionStart: nil)
        entry.epoch = max(entry.epoch, header.producerEpoch)
        var aborted: AbortedTransaction?
        if header.isControl {
            if let start = entry.openTransactionStart, marker == .abort {
                aborted = AbortedTransaction(
                    producerId: header.producerId, firstOffset: start, lastOffset: header.baseOffset)
            }
            entry.openTransactionStart = nil
        } else {
            if header.baseSequence >= 0 {
                entry.lastSequence = header.baseSequence &+ header.lastOffsetDelta
            }
            if header.isTransactional && entry.openTransactionStart == nil {
                entry.openTransactionStart = header.baseOffset
            }
        }
        producers[header.producerId] = entry
        return aborted
    }

    // Snapshot file: "SLPS", version 1, entry count (UInt32), then per producer: id (Int64), epoch (Int16),
    // last sequence (Int32), open transaction start (Int64, -1 for none); then a CRC32C of all of it.
    private static let magic: [UInt8] = Array("SLPS".utf8)

    func encodeSnapshot() -> [UInt8] {
        var bytes = Self.magic + [1]
        appendBigEndian(UInt32(producers.count), to: &bytes)
        for (id, entry) in producers.sorted(by: { $0.key < $1.key }) {
            appendBigEndian(id, to: &bytes)
            appendBigEndian(entry.epoch, to: &bytes)
            appendBigEndian(entry.lastSequence, to: &bytes)
            appendBigEndian(entry.openTransactionStart ?? -1, to: &bytes)
        }
        appendBigEndian(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    static func decodeSnapshot(_ bytes: [UInt8]) -> ProducerStateTable? {
        guard bytes.count >= 13, Array(bytes[0..<4]) == magic, bytes[4] == 1 else { return nil }
        let body = Array(bytes[0..<(bytes.count - 4)])
        return bytes.withUnsafeBytes { raw -> ProducerStateTable? in
            let base = raw.baseAddress!
            guard loadBigEndian(base, bytes.count - 4, as: UInt32.self) == CRC32C.checksum(body) else { return nil }
            let count = Int(loadBigEndian(base, 5, as: UInt32.self))
            guard bytes.count == 9 + count * 22 + 4 else { return nil }
            var table = ProducerStateTable()
            for index in 0..<count {
                let at = 9 + index * 22
                let start = loadBigEndian(base, at + 14, as: Int64.self)
                table.producers[loadBigEndian(base, at, as: Int64.self)] = Entry(
                    epoch: loadBigEndian(base, at + 8, as: Int16.self),
                    lastSequence: loadBigEndian(base, at + 10, as: Int32.self),
                    openTransactionStart: start < 0 ? nil : start)
            }
            return table
        }
    }
}

/// Appends a big-endian integer to a byte array.
func appendBigEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
}

/// The partition's `aborted.txnindex`: fixed 28-byte entries (producer id, first offset, last offset, CRC32C of
/// the 24 bytes before it). A torn last entry fails its CRC and is ignored.
enum AbortedTransactionFile {
    static let entrySize = 28

    static func encode(_ entry: AbortedTransaction) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entrySize)
        appendBigEndian(entry.producerId, to: &bytes)
        appendBigEndian(entry.firstOffset, to: &bytes)
        appendBigEndian(entry.lastOffset, to: &bytes)
        appendBigEndian(CRC32C.checksum(bytes), to: &bytes)
        return bytes
    }

    /// The valid entries at the start of the file.
    static func decode(_ bytes: [UInt8]) -> [AbortedTransaction] {
        var entries: [AbortedTransaction] = []
        bytes.withUnsafeBytes { raw in
            var at = 0
            while at + entrySize <= bytes.count {
                let base = raw.baseAddress! + at
                let crc = CRC32C.checksum(UnsafeRawBufferPointer(start: base, count: 24))
                guard crc == loadBigEndian(base, 24, as: UInt32.self) else { break }
                entries.append(
                    AbortedTransaction(
                        producerId: loadBigEndian(base, 0, as: Int64.self),
                        firstOffset: loadBigEndian(base, 8, as: Int64.self),
                        lastOffset: loadBigEndian(base, 16, as: Int64.self)))
                at += entrySize
            }
        }
        return entries
    }
}
