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
        let count = literal.utf8CodeUnitCount
        position.update(from: literal.utf8Start, count: count)
        position += count
    }

    @inline(__always)
    mutating func write(byte: UInt8) {
        position.pointee = byte
        position += 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafePointer<UInt8>, count: Int) {
        position.update(from: bytes, count: count)
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
