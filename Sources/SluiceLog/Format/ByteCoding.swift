// SPDX-License-Identifier: Apache-2.0

/// Reads a big-endian integer at a byte offset; the address need not be aligned.
@inline(__always)
func loadBigEndian<T: FixedWidthInteger>(_ base: UnsafeRawPointer, _ offset: Int, as type: T.Type) -> T {
    T(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
}

/// Writes a big-endian integer at a byte offset; the address need not be aligned.
@inline(__always)
func storeBigEndian<T: FixedWidthInteger>(_ value: T, _ base: UnsafeMutableRawPointer, _ offset: Int) {
    base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: T.self)
}

/// Kafka's variable-length integers: zig-zag encoded, then 7 bits per byte, low bits first.
@usableFromInline
enum Varint {
    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inlinable @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// The number of bytes `value` takes once encoded (1...10).
    @inline(__always)
    static func size(_ value: UInt64) -> Int {
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    /// The encoded size of a signed value.
    @inline(__always)
    static func signedSize(_ value: Int64) -> Int {
        size(zigzag(value))
    }

    /// Writes `value` at `target`; returns the number of bytes written.
    @inline(__always)
    static func write(_ value: UInt64, to target: UnsafeMutableRawPointer) -> Int {
        if value < 0x80 {
            target.storeBytes(of: UInt8(value), as: UInt8.self)
            return 1
        }
        if value < 0x4000 {
            // Two bytes, the other common case (lengths and offset deltas up to 8191).
            target.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
            target.storeBytes(of: UInt8(truncatingIfNeeded: value &>> 7), toByteOffset: 1, as: UInt8.self)
            return 2
        }
        var remaining = value
        var index = 0
        while remaining >= 0x80 {
            target.storeBytes(of: UInt8(truncatingIfNeeded: remaining) | 0x80, toByteOffset: index, as: UInt8.self)
            remaining >>= 7
            index += 1
        }
        target.storeBytes(of: UInt8(remaining), toByteOffset: index, as: UInt8.self)
        return index + 1
    }

    /// Writes a signed value zig-zag encoded; returns the number of bytes written.
    @inline(__always)
    static func writeSigned(_ value: Int64, to target: UnsafeMutableRawPointer) -> Int {
        write(zigzag(value), to: target)
    }

    /// Reads a signed varint at `position`, never past `end`; nil when it is truncated or longer than 10 bytes.
    @inlinable @inline(__always)
    static func readSigned(_ base: UnsafeRawPointer, _ position: inout Int, _ end: Int) -> Int64? {
        guard position < end else { return nil }
        let first = base.load(fromByteOffset: position, as: UInt8.self)
        if first < 0x80 {
            position += 1
            return unzigzag(UInt64(first))
        }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end && shift < 64 {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return unzigzag(result) }
            shift += 7
        }
        return nil
    }
}
