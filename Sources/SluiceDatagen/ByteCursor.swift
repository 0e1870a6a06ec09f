/// A write position in a buffer the caller sized: the JSON writer's only way to emit bytes.
///
/// No bounds are checked per byte. The generator sizes its scratch buffer for the largest record
/// the rules can produce (see `NexmarkGenerator.scratchCapacity`) and writes one record at a time.
struct ByteCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { position = start }

    /// Writes a literal such as `,"price":`.
    @inline(__always)
    mutating func write(_ literal: StaticString) {
        write(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    @inline(__always)
    mutating func write(byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    /// Copies `count` bytes from `bytes`.
    ///
    /// Records are made of short pieces (field names, numbers, slices under 100 bytes), where a
    /// `memmove` call costs more than the copy: profiling put 43% of generation time in it. Pieces
    /// up to 128 bytes are copied as unaligned 8-byte words, the last word overlapping the one
    /// before, so nothing outside `bytes ..< bytes + count` is read.
    @inline(__always)
    mutating func write(_ bytes: UnsafePointer<UInt8>, count: Int) {
        let source = UnsafeRawPointer(bytes)
        let target = UnsafeMutableRawPointer(position)
        if count >= 8 && count <= 128 {
            var offset = 0
            while offset < count - 8 {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                                  toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self),
                              toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 && count < 8 {
            target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self),
                              toByteOffset: count - 4, as: UInt32.self)
        } else if count < 4 {
            for index in 0..<count { position[index] = bytes[index] }
        } else {
            position.update(from: bytes, count: count)
        }
        position += count
    }

    /// Writes `value` in decimal.
    @inline(__always)
    mutating func write(decimal value: Int64) {
        if value < 0 {
            write(byte: UInt8(ascii: "-"))
            write(magnitude: value.magnitude, minimumDigits: 1)
        } else {
            write(magnitude: UInt64(value), minimumDigits: 1)
        }
    }

    /// Writes a non-negative `value` in decimal, left-padded with zeros to `width` digits.
    @inline(__always)
    mutating func write(decimal value: Int, width: Int) {
        write(magnitude: UInt64(value), minimumDigits: width)
    }

    @inline(__always)
    private mutating func write(magnitude: UInt64, minimumDigits: Int) {
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        digits = max(digits, minimumDigits)
        var rest = magnitude
        var index = digits - 1
        while index >= 0 {
            position[index] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
            index -= 1
        }
        position += digits
    }
}
