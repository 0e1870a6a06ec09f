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
/// Not cryptographic. It folds 16 bytes per 64×64→128-bit multiply (the structure of wyhash: three
/// independent lanes over 48-byte stripes, then 16-byte steps and one final fold), so a 100-byte
/// record hashes in a handful of multiplies. Compaction keys records by this hash, as Kafka's cleaner
/// keys them by a digest; a collision between two live keys (odds about n²/2⁶⁵) would make the older
/// key look superseded.
public enum ByteHash {
    // Computed, not stored: a stored static goes through a lazy-initialization check on every use.
    @usableFromInline static var secret0: UInt64 { 0xA076_1D64_78BD_642F }
    @usableFromInline static var secret1: UInt64 { 0xE703_7ED1_A0B4_28DB }
    @usableFromInline static var secret2: UInt64 { 0x8EBC_6AF0_9C88_C6E3 }
    @usableFromInline static var secret3: UInt64 { 0x5899_65CC_7537_4CC3 }

    /// Hashes `bytes`, mixing in `seed`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        var state = seed ^ fold(seed ^ secret0, secret1)
        var a: UInt64 = 0
        var b: UInt64 = 0
        if let base = bytes.baseAddress {
            if count <= 16 {
                if count >= 4 {
                    let quarter = (count >> 3) << 2
                    a = UInt64(load32(base, 0)) << 32 | UInt64(load32(base, quarter))
                    b = UInt64(load32(base, count - 4)) << 32 | UInt64(load32(base, count - 4 - quarter))
                } else if count > 0 {
                    a =
                        UInt64(base.load(as: UInt8.self)) << 16
                        | UInt64(base.load(fromByteOffset: count >> 1, as: UInt8.self)) << 8
                        | UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
                }
            } else {
                var remaining = count
                var position = base
                if remaining > 48 {
                    var lane1 = state
                    var lane2 = state
                    repeat {
                        state = fold(load64(position, 0) ^ secret1, load64(position, 8) ^ state)
                        lane1 = fold(load64(position, 16) ^ secret2, load64(position, 24) ^ lane1)
                        lane2 = fold(load64(position, 32) ^ secret3, load64(position, 40) ^ lane2)
                        position += 48
                        remaining -= 48
                    } while remaining > 48
                    state ^= lane1 ^ lane2
                }
                while remaining > 16 {
                    state = fold(load64(position, 0) ^ secret1, load64(position, 8) ^ state)
                    position += 16
                    remaining -= 16
                }
                a = load64(position, remaining - 16)
                b = load64(position, remaining - 8)
            }
        }
        let product = (a ^ secret1).multipliedFullWidth(by: b ^ state)
        return fold(product.low ^ secret0 ^ UInt64(count), product.high ^ secret1)
    }

    /// Multiplies to 128 bits and folds the halves together.
    @inlinable @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inlinable @inline(__always)
    static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always)
    static func load32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
