// SPDX-License-Identifier: Apache-2.0
import CCRC32C
import Testing

@testable import SluiceLog

@Suite struct ChecksumAndHashTests {
    @Test func crc32cMatchesTheISCSIVectors() {
        // RFC 3720 B.4 test vectors, plus the classic "123456789" check value.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    @Test func hardwareAndTableImplementationsAgree() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 255, 767, 768, 769, 4095, 12_288, 12_289, 40_000, 100_003] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let table = bytes.withUnsafeBytes { sluice_crc32c_portable(0, $0.baseAddress, $0.count) }
            #expect(CRC32C.checksum(bytes) == table, "length \(length)")
            // Chaining two halves gives the CRC of the whole.
            let half = length / 2
            let chained = bytes.withUnsafeBytes { raw in
                CRC32C.checksum(
                    UnsafeRawBufferPointer(rebasing: raw[half...]),
                    continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<half])))
            }
            #expect(chained == table)
        }
    }

    @Test(arguments: [
        ("21", Int32(-973_932_308)),
        ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
        ("", 275_646_681),
        ("kafka", Int32(bitPattern: 0xd067_cf64)),
        ("giberish123456789", Int32(bitPattern: 0x8f55_2b0c)),
        ("1234", Int32(bitPattern: 0x9fc9_7b14)),
        ("234", Int32(bitPattern: 0xe7c0_09ca)),
        ("34", Int32(bitPattern: 0x8739_30da)),
        ("4", Int32(bitPattern: 0x5a4b_5ca1)),
    ])
    func murmur2MatchesKafka(key: String, expected: Int32) {
        // Vectors from Kafka's UtilsTest.testMurmur2 and librdkafka's java_murmur2_results.
        #expect(KeyPartitioner.murmur2(Array(key.utf8)) == expected)
    }

    @Test func partitionIsThePositiveHashModuloTheCount() {
        // toPositive(-790332482) = 1357151166; 1357151166 % 10 = 6.
        #expect(LogStore.partition(forKey: Array("foobar".utf8), partitionCount: 10) == 6)
        #expect(KeyPartitioner.partition(forKey: Array("21".utf8), partitionCount: 1) == 0)
    }

    @Test func varintsRoundTrip() {
        let values: [Int64] = [0, 1, -1, 63, -64, 64, 300, -300, Int64(Int32.max), Int64(Int32.min), .max, .min]
        var buffer = [UInt8](repeating: 0, count: 16)
        for value in values {
            buffer.withUnsafeMutableBytes { raw in
                let written = Varint.writeSigned(value, to: raw.baseAddress!)
                #expect(written == Varint.signedSize(value))
                var position = 0
                #expect(Varint.readSigned(raw.baseAddress!, &position, written) == value)
                #expect(position == written)
                var short = 0
                if written > 1 { #expect(Varint.readSigned(raw.baseAddress!, &short, written - 1) == nil) }
            }
        }
    }
}

@Suite struct RecordBatchTests {
    @Test func builderEncodesKafkaRecordBatchV2() throws {
        let builder = RecordBatchBuilder(capacity: 16)
        builder.append(key: Array("k".utf8), value: Array("v1".utf8), timestamp: 1_000)
        builder.append(
            key: nil, value: nil, timestamp: 999, headers: [RecordHeader("h", [1, 2]), RecordHeader("n", nil)])
        builder.append(key: [], value: Array(repeating: 7, count: 5000), timestamp: 1_005)
        let batch = builder.batch
        RecordBatchHeader.seal(
            batch.baseAddress!, totalSize: batch.count, baseOffset: 42, attributes: 0, lastOffsetDelta: 2,
            baseTimestamp: builder.baseTimestamp, maxTimestamp: builder.maxTimestamp, producer: .none, recordCount: 3)
        let header = RecordBatchHeader(parsing: batch.baseAddress!)
        #expect(header.framingProblem(available: batch.count) == nil)
        #expect(header.magicByte == 2 && header.totalSize == batch.count)
        #expect(header.baseTimestamp == 1_000 && header.maxTimestamp == 1_005)
        #expect(RecordBatchHeader.hasValidChecksum(batch.baseAddress!, totalSize: batch.count))
        var seen: [(Int64, Int64, Int?, Int?, [RecordHeader])] = []
        try forEachRecord(in: batch.baseAddress!, header: header, skipBelow: 43) { record in
            seen.append(
                (record.offset, record.timestamp, record.key?.count, record.value?.count, record.headers.decoded))
        }
        #expect(seen.count == 2)
        #expect(seen[0].0 == 43 && seen[0].1 == 999 && seen[0].2 == nil && seen[0].3 == nil)
        #expect(seen[0].4 == [RecordHeader("h", [1, 2]), RecordHeader("n", nil)])
        #expect(seen[1].0 == 44 && seen[1].2 == 0 && seen[1].3 == 5000)
        // A flipped byte anywhere in the CRC's range is caught.
        batch[100] ^= 0x40
        #expect(!RecordBatchHeader.hasValidChecksum(batch.baseAddress!, totalSize: batch.count))
    }
}

@Suite struct ByteHashTests {
    @Test func hashesEveryByteAndLength() {
        var seen: Set<UInt64> = []
        var bytes = [UInt8](repeating: 0, count: 200)
        for length in 0...200 {
            let hash = bytes.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            #expect(seen.insert(hash).inserted, "length \(length) collides")
        }
        // Flipping any single bit of a 100-byte input changes the hash.
        for index in [0, 7, 8, 50, 95, 99] {
            let before = bytes.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[0..<100])) }
            bytes[index] ^= 1
            let after = bytes.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[0..<100])) }
            bytes[index] ^= 1
            #expect(before != after, "byte \(index)")
        }
        #expect(
            ByteHash.hash(UnsafeRawBufferPointer(start: nil, count: 0), seed: 1)
                != ByteHash.hash(UnsafeRawBufferPointer(start: nil, count: 0), seed: 2))
    }
}
