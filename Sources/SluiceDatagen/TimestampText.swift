import SluiceCore

/// Writes epoch milliseconds as `yyyy-MM-dd HH:mm:ss.SSS` in UTC (Flink JSON's SQL timestamp format).
///
/// Consecutive Nexmark events share their second (10,000 per second at the default rate), so the
/// text up to the seconds is cached and only the milliseconds are written per call.
struct TimestampText {
    private var cachedSecond = Int64.min
    /// The cached `yyyy-MM-dd HH:mm:ss.` text; 32 bytes hold years of up to 12 digits.
    private var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var prefixCount = 0

    @inline(__always)
    mutating func write(millis: Int64, to cursor: inout ByteCursor) {
        let second = Temporal.floorDiv(millis, 1000)
        if second != cachedSecond { cache(second: second) }
        withUnsafeBytes(of: prefix) { bytes in
            cursor.write(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: prefixCount)
        }
        cursor.write(decimal: Int(millis - second * 1000), width: 3)
    }

    private mutating func cache(second: Int64) {
        let days = Temporal.floorDiv(second, 86_400)
        let secondOfDay = Int(second - days * 86_400)
        let (year, month, day) = Temporal.civil(days: days)
        var count = 0
        withUnsafeMutableBytes(of: &prefix) { bytes in
            let start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var cursor = ByteCursor(start)
            if year < 0 {
                cursor.write(byte: UInt8(ascii: "-"))
            }
            cursor.write(decimal: abs(year), width: 4)
            cursor.write(byte: UInt8(ascii: "-"))
            cursor.write(decimal: month, width: 2)
            cursor.write(byte: UInt8(ascii: "-"))
            cursor.write(decimal: day, width: 2)
            cursor.write(byte: UInt8(ascii: " "))
            cursor.write(decimal: secondOfDay / 3600, width: 2)
            cursor.write(byte: UInt8(ascii: ":"))
            cursor.write(decimal: secondOfDay / 60 % 60, width: 2)
            cursor.write(byte: UInt8(ascii: ":"))
            cursor.write(decimal: secondOfDay % 60, width: 2)
            cursor.write(byte: UInt8(ascii: "."))
            count = cursor.position - start
        }
        prefixCount = count
        cachedSecond = second
    }
}
