import SluiceCore

/// Remembers the minute a `DateTimePattern` parsed last, so that a following text of the same
/// minute (the common case for a stream's event times) only has its seconds and fraction read.
///
/// It applies to fixed-layout patterns without a zone whose seconds and fraction come after the
/// date, hour and minute (`yyyy-MM-dd HH:mm:ss.SSS`); for others it is simply unused. Results are
/// the same as without the cache: a text whose leading bytes equal those of a text that parsed is
/// the same minute. One cache per thread (keep it next to the pattern in a task's state).
public struct TimestampParseCache: Sendable {
    /// The leading bytes (up to the seconds) of the text parsed last, as `words` reads them.
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// How many leading bytes are cached; 0 when nothing is.
    var prefixCount = 0
    /// The default zone offset the cached minute was computed with.
    var offsetSeconds = 0
    /// Epoch milliseconds of the cached minute's start.
    var minuteMillis: Int64 = 0

    public init() {}

    static let maxPrefix = 32

    /// The first `count` (8 to 32) bytes of `text` as four words, read in place: whole words from
    /// the start, then the last eight bytes (overlapping), zeros for words past `count`.
    @inline(__always)
    static func words(_ text: UnsafeRawBufferPointer, count: Int) -> (UInt64, UInt64, UInt64, UInt64) {
        let base = text.baseAddress!
        return (
            base.loadUnaligned(as: UInt64.self),
            count > 16 ? base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : 0,
            count > 24 ? base.loadUnaligned(fromByteOffset: 16, as: UInt64.self) : 0,
            base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        )
    }
}

extension FixedLayout {
    /// Where the seconds start, when the cache can be used: no offset element, and every field
    /// before the seconds except the fraction.
    var cacheablePrefix: Int? {
        guard offset == nil, second >= 8, second <= TimestampParseCache.maxPrefix,
            year < second, month < second, day < second, hour < second, minute < second,
            fractionWidth == 0 || fraction > second
        else { return nil }
        return second
    }

    /// `parse`, reading only the seconds and fraction when the text's minute is the cached one.
    @inline(__always)
    func parse(
        _ text: UnsafeRawBufferPointer, literals: [UInt8], defaultOffset: Int?, cache: inout TimestampParseCache
    ) -> Int64? {
        guard let prefix = cacheablePrefix, let defaultOffset, text.count == template.count else {
            return parse(text, literals: literals, defaultOffset: defaultOffset)
        }
        let words = TimestampParseCache.words(text, count: prefix)
        if cache.prefixCount == prefix, cache.offsetSeconds == defaultOffset, words == cache.prefix,
            let millis = millisOfMinute(text, from: prefix)
        {
            return cache.minuteMillis + millis
        }
        guard let millis = parse(text, literals: literals, defaultOffset: defaultOffset),
            let withinMinute = millisOfMinute(text, from: prefix)
        else { return nil }
        cache.prefix = words
        cache.prefixCount = prefix
        cache.offsetSeconds = defaultOffset
        cache.minuteMillis = millis - withinMinute
        return millis
    }

    /// The seconds and fraction as milliseconds, checking the template from `start` on; nil when
    /// the text does not fit it there.
    @inline(__always)
    private func millisOfMinute(_ text: UnsafeRawBufferPointer, from start: Int) -> Int64? {
        let matches = template.withUnsafeBufferPointer { template in
            for i in start..<template.count {
                let expected = template[i]
                let byte = text[i]
                if expected == 0 {
                    if byte &- 0x30 > 9 { return false }
                } else if !asciiEqualIgnoringCase(byte, expected) {
                    return false
                }
            }
            return true
        }
        guard matches else { return nil }
        let seconds = Int64(text[second] &- 0x30) * 10 + Int64(text[second + 1] &- 0x30)
        guard seconds <= 59 else { return nil }
        var millis: Int64 = 0
        for i in 0..<min(fractionWidth, 3) { millis = millis * 10 + Int64(text[fraction + i] &- 0x30) }
        for _ in min(fractionWidth, 3)..<3 { millis *= 10 }
        return seconds * 1000 + millis
    }
}
