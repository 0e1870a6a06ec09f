// SPDX-License-Identifier: Apache-2.0
import CCRC32C

/// The 61-byte header of a record batch, laid out exactly as Kafka's RecordBatch v2 (magic 2).
///
///     offset  size  field
///          0     8  baseOffset
///          8     4  batchLength            bytes after this field
///         12     4  partitionLeaderEpoch   always 0 here
///         16     1  magic                  2
///         17     4  crc                    CRC32C of bytes 21..<end
///         21     2  attributes             bit 4 transactional, bit 5 control
///         23     4  lastOffsetDelta
///         27     8  baseTimestamp          epoch ms of the first record
///         35     8  maxTimestamp
///         43     8  producerId             -1 without a producer
///         51     2  producerEpoch
///         53     4  baseSequence
///         57     4  recordCount
///
/// Integers are big-endian. Keeping Kafka's layout means segments could later be served to Kafka
/// clients unchanged (DESIGN.md section 9).
struct RecordBatchHeader: Equatable {
    static let size = 61
    static let magic: UInt8 = 2
    /// Bytes of the header that `batchLength` does not count (baseOffset and batchLength).
    static let lengthFieldEnd = 12
    static let magicOffset = 16
    static let crcOffset = 17
    /// The CRC covers the batch from the attributes to its end.
    static let crcStart = 21

    static let transactionalFlag: Int16 = 0x10
    static let controlFlag: Int16 = 0x20

    var baseOffset: Int64
    var batchLength: Int32
    var leaderEpoch: Int32
    var crc: UInt32
    var attributes: Int16
    var lastOffsetDelta: Int32
    var baseTimestamp: Int64
    var maxTimestamp: Int64
    var producerId: Int64
    var producerEpoch: Int16
    var baseSequence: Int32
    var recordCount: Int32
    var magicByte: UInt8

    /// The whole batch, header included.
    var totalSize: Int { Int(batchLength) + Self.lengthFieldEnd }
    var lastOffset: Int64 { baseOffset + Int64(lastOffsetDelta) }
    var nextOffset: Int64 { lastOffset + 1 }
    var isTransactional: Bool { attributes & Self.transactionalFlag != 0 }
    var isControl: Bool { attributes & Self.controlFlag != 0 }

    /// Reads a header; the caller guarantees `size` readable bytes.
    init(parsing base: UnsafeRawPointer) {
        baseOffset = loadBigEndian(base, 0, as: Int64.self)
        batchLength = loadBigEndian(base, 8, as: Int32.self)
        leaderEpoch = loadBigEndian(base, 12, as: Int32.self)
        magicByte = base.load(fromByteOffset: Self.magicOffset, as: UInt8.self)
        crc = loadBigEndian(base, 17, as: UInt32.self)
        attributes = loadBigEndian(base, 21, as: Int16.self)
        lastOffsetDelta = loadBigEndian(base, 23, as: Int32.self)
        baseTimestamp = loadBigEndian(base, 27, as: Int64.self)
        maxTimestamp = loadBigEndian(base, 35, as: Int64.self)
        producerId = loadBigEndian(base, 43, as: Int64.self)
        producerEpoch = loadBigEndian(base, 51, as: Int16.self)
        baseSequence = loadBigEndian(base, 53, as: Int32.self)
        recordCount = loadBigEndian(base, 57, as: Int32.self)
    }

    /// Why a header cannot start a batch that ends within `available` bytes, or nil when it can.
    func framingProblem(available: Int) -> String? {
        if magicByte != Self.magic { return "unknown magic byte \(magicByte)" }
        // The CRC does not cover the first 17 bytes. Our writer always stores 0 as the leader epoch,
        // so checking it catches a flipped bit there too.
        if leaderEpoch != 0 { return "unexpected partition leader epoch \(leaderEpoch)" }
        if Int(batchLength) < Self.size - Self.lengthFieldEnd { return "batch length \(batchLength) is too small" }
        if totalSize > available { return "batch of \(totalSize) bytes runs past the end of the segment" }
        if lastOffsetDelta < 0 || recordCount < 0 || Int64(recordCount) > Int64(lastOffsetDelta) + 1 {
            return "record count \(recordCount) does not fit offset delta \(lastOffsetDelta)"
        }
        if baseOffset < 0 { return "negative base offset \(baseOffset)" }
        return nil
    }

    /// Computes the CRC32C of a whole batch in memory, as stored at `crcOffset`.
    static func checksum(of batch: UnsafeRawPointer, totalSize: Int) -> UInt32 {
        sluice_crc32c(0, batch + crcStart, totalSize - crcStart)
    }

    /// Whether the stored CRC matches the bytes.
    static func hasValidChecksum(_ batch: UnsafeRawPointer, totalSize: Int) -> Bool {
        loadBigEndian(batch, crcOffset, as: UInt32.self) == checksum(of: batch, totalSize: totalSize)
    }

    /// Fills in every header field of a batch whose records are already in place, then its CRC.
    static func seal(
        _ batch: UnsafeMutableRawPointer, totalSize: Int, baseOffset: Int64, attributes: Int16,
        lastOffsetDelta: Int32, baseTimestamp: Int64, maxTimestamp: Int64, producer: ProducerStamp,
        recordCount: Int32
    ) {
        storeBigEndian(baseOffset, batch, 0)
        storeBigEndian(Int32(totalSize - lengthFieldEnd), batch, 8)
        storeBigEndian(Int32(0), batch, 12)
        batch.storeBytes(of: magic, toByteOffset: 16, as: UInt8.self)
        storeBigEndian(attributes, batch, 21)
        storeBigEndian(lastOffsetDelta, batch, 23)
        storeBigEndian(baseTimestamp, batch, 27)
        storeBigEndian(maxTimestamp, batch, 35)
        storeBigEndian(producer.producerId, batch, 43)
        storeBigEndian(producer.epoch, batch, 51)
        storeBigEndian(producer.baseSequence, batch, 53)
        storeBigEndian(recordCount, batch, 57)
        storeBigEndian(checksum(of: batch, totalSize: totalSize), batch, crcOffset)
    }
}

/// The producer fields a batch carries.
struct ProducerStamp: Equatable {
    var producerId: Int64
    var epoch: Int16
    var baseSequence: Int32

    /// A batch written without a producer identity.
    static let none = ProducerStamp(producerId: -1, epoch: -1, baseSequence: -1)
}
