// SPDX-License-Identifier: Apache-2.0
import CCRC32C

/// CRC32C (Castagnoli), hardware-accelerated when the CPU has SSE4.2.
public enum CRC32C {
    /// The CRC32C of `bytes`, continuing from `previous` (0 to start).
    @inline(__always)
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return previous }
        return sluice_crc32c(previous, base, bytes.count)
    }

    /// The CRC32C of an array.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// Whether the SSE4.2 instruction is in use.
    public static var usesHardware: Bool { sluice_crc32c_uses_hardware() != 0 }
}

/// Kafka's default partitioner for keyed records: `toPositive(murmur2(key)) % partitionCount`.
///
/// This is the murmur2 variant of Kafka's `Utils.murmur2` (seed `0x9747b28c`), so a key lands in the
/// same partition as it would in Kafka.
public enum KeyPartitioner {
    /// Kafka's murmur2 hash of `key`, as a signed 32-bit value (what Java returns).
    public static func murmur2(_ key: UnsafeRawBufferPointer) -> Int32 {
        let m: UInt32 = 0x5bd1_e995
        let length = key.count
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        guard let base = key.baseAddress else { return finish(h, m) }
        let blocks = length / 4
        for index in 0..<blocks {
            var k = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            k = k &* m
            k ^= k >> 24
            k = k &* m
            h = h &* m
            h ^= k
        }
        let tail = blocks * 4
        let byte = { (index: Int) in UInt32(base.load(fromByteOffset: tail + index, as: UInt8.self)) }
        switch length & 3 {
        case 3:
            h ^= byte(2) << 16
            h ^= byte(1) << 8
            h ^= byte(0)
            h = h &* m
        case 2:
            h ^= byte(1) << 8
            h ^= byte(0)
            h = h &* m
        case 1:
            h ^= byte(0)
            h = h &* m
        default:
            break
        }
        return finish(h, m)
    }

    /// Kafka's murmur2 of an array.
    public static func murmur2(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBytes { murmur2($0) }
    }

    /// The partition Kafka's default partitioner picks for `key`.
    public static func partition(forKey key: UnsafeRawBufferPointer, partitionCount: Int) -> Int {
        precondition(partitionCount > 0, "partitionCount must be positive")
        return Int(UInt32(bitPattern: murmur2(key)) & 0x7fff_ffff) % partitionCount
    }

    /// The partition Kafka's default partitioner picks for `key`.
    public static func partition(forKey key: [UInt8], partitionCount: Int) -> Int {
        key.withUnsafeBytes { partition(forKey: $0, partitionCount: partitionCount) }
    }

    private static func finish(_ hash: UInt32, _ m: UInt32) -> Int32 {
        var h = hash
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }
}

/// A fast 64-bit hash of byte strings (compaction's key map, the read benchmark's checksum).
///
/// Not cryptographic: eight bytes per multiply-rotate step, then a final avalanche. Compaction keys
/// records by this hash, as Kafka's cleaner keys them by a digest; a collision between two live keys
/// (odds about n²/2⁶⁵) would make the older key look superseded.
public enum ByteHash {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    /// Hashes `bytes`, mixing in `seed`.
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var h = seed ^ (UInt64(count) &* prime1)
        guard let base = bytes.baseAddress else { return avalanche(h) }
        var index = 0
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            h ^= rotate(word &* prime2, 31) &* prime1
            h = rotate(h, 27) &* prime1 &+ prime3
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
            h ^= rotate(tail &* prime2, 31) &* prime1
            h = rotate(h, 27) &* prime1 &+ prime3
        }
        return avalanche(h)
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    @inline(__always)
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* prime2
        h ^= h >> 29
        h = h &* prime3
        h ^= h >> 32
        return h
    }
}
