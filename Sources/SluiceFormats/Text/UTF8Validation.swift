/// Checks UTF-8 sequences the way a strict decoder does: no overlong forms, no surrogates,
/// nothing above U+10FFFF.
enum UTF8Validation {
    /// The length of the valid sequence starting at `start` (a byte ≥ 0x80), or 0 when invalid.
    @inline(__always) static func sequenceLength(_ start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int {
        let lead = start.pointee
        let available = end - start
        @inline(__always) func isContinuation(_ index: Int) -> Bool { start[index] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return available >= 2 && isContinuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard available >= 3, isContinuation(1), isContinuation(2) else { return 0 }
            let second = start[1]
            if lead == 0xE0 && second < 0xA0 { return 0 }
            if lead == 0xED && second > 0x9F { return 0 }
            return 3
        case 0xF0...0xF4:
            guard available >= 4, isContinuation(1), isContinuation(2), isContinuation(3) else { return 0 }
            let second = start[1]
            if lead == 0xF0 && second < 0x90 { return 0 }
            if lead == 0xF4 && second > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}
