/// Finding bytes eight at a time (SWAR): the DELIMITED reader and writer look for delimiters,
/// quotes and line breaks this way.
enum ByteSearch {
    /// High bit set in each byte of `word` equal to `byte`; the lowest flagged byte is exact.
    @inline(__always) static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & 0x8080_8080_8080_8080
    }

    /// The first byte in `start..<end` that is `a`, `b` or `c`, or `end`.
    @inline(__always) static func first(
        of a: UInt8, _ b: UInt8, _ c: UInt8, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>
    ) -> UnsafePointer<UInt8> {
        var position = start
        while end - position >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(position).loadUnaligned(as: UInt64.self))
            let found = matches(word, a) | matches(word, b) | matches(word, c)
            if found != 0 { return position + found.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < end {
            let byte = position.pointee
            if byte == a || byte == b || byte == c { return position }
            position += 1
        }
        return end
    }

    /// Whether `bytes` holds `a`, `b`, `c` or `d`.
    @inline(__always) static func contains(
        _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard var position = bytes.baseAddress else { return false }
        let end = position + bytes.count
        while end - position >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(position).loadUnaligned(as: UInt64.self))
            if matches(word, a) | matches(word, b) | matches(word, c) | matches(word, d) != 0 { return true }
            position += 8
        }
        while position < end {
            let byte = position.pointee
            if byte == a || byte == b || byte == c || byte == d { return true }
            position += 1
        }
        return false
    }
}
