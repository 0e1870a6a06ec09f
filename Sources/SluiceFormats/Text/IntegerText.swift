/// Writes integers as decimal text straight into output memory.
enum IntegerText {
    private static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The number of decimal digits of `value` (1 for zero).
    @inline(__always) static func digitCount(_ value: UInt64) -> Int {
        // Comparisons in a tree: a column's numbers mostly have similar lengths, so the
        // branches predict well, and there is no loop-carried multiplication.
        if value < 100_000_000 {
            if value < 10_000 { return value < 100 ? (value < 10 ? 1 : 2) : (value < 1000 ? 3 : 4) }
            return value < 1_000_000 ? (value < 100_000 ? 5 : 6) : (value < 10_000_000 ? 7 : 8)
        }
        var count = 9
        var threshold: UInt64 = 1_000_000_000
        while count < 20, value >= threshold {
            count += 1
            threshold = threshold &* 10
        }
        return count
    }

    /// Writes `value`'s digits at `out`; returns how many bytes were written (at most 20).
    @inline(__always) static func write(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(value)
        let pairs = digitPairs.utf8Start
        var rest = value
        var index = count
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            index -= 2
            UnsafeMutableRawPointer(out + index).storeBytes(
                of: UnsafeRawPointer(pairs + pair).loadUnaligned(as: UInt16.self), as: UInt16.self)
        }
        if rest >= 10 {
            let pair = Int(rest) &* 2
            UnsafeMutableRawPointer(out).storeBytes(
                of: UnsafeRawPointer(pairs + pair).loadUnaligned(as: UInt16.self), as: UInt16.self)
        } else {
            out[0] = UInt8(truncatingIfNeeded: rest) &+ 0x30
        }
        return count
    }

    /// Writes `value` with a leading `-` when negative; returns the byte count (at most 20).
    @inline(__always) static func write(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 0 {
            out[0] = UInt8(ascii: "-")
            return 1 + write(value.magnitude, to: out + 1)
        }
        return write(UInt64(value), to: out)
    }

    /// Writes the digits of a 128-bit magnitude; returns the byte count (at most 39).
    static func write(_ value: UInt128, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if let small = UInt64(exactly: value) { return write(small, to: out) }
        // Split into 19-digit chunks from the right; the high part has at most 20 digits.
        let chunk: UInt128 = 10_000_000_000_000_000_000
        var parts: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var rest = value
        parts.2 = UInt64(rest % chunk)
        rest /= chunk
        parts.1 = UInt64(rest % chunk)
        rest /= chunk
        parts.0 = UInt64(rest)
        var written = 0
        if parts.0 != 0 {
            written = write(parts.0, to: out)
            written += writePadded(parts.1, to: out + written)
        } else {
            written = write(parts.1, to: out)
        }
        written += writePadded(parts.2, to: out + written)
        return written
    }

    /// Writes exactly 19 digits, with leading zeros.
    private static func writePadded(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = write(value, to: out + 19 - digitCount(value))
        for index in 0..<(19 - digits) { out[index] = 0x30 }
        return 19
    }
}
