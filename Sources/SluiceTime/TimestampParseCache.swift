import SluiceCore

/// Remembers the text and the minute a `DateTimePattern` parsed last, so that the same text
/// again costs a comparison, and a text of the same minute (the common case for a stream's event
/// times) only has its seconds and fraction read.
///
/// It applies to fixed-layout patterns without a zone whose seconds and fraction come after the
/// date, hour and minute (`yyyy-MM-dd HH:mm:ss.SSS`); for others it is simply unused. Results are
/// the same as without the cache: equal leading bytes mean the same minute. One cache per pattern
/// and thread (keep it next to the pattern in a task's state).
public struct TimestampParseCache: Sendable {
    /// The zone of texts that name none.
    public let defaultZone: DateTimeZone
    /// Its offset when fixed; the cache is only used then.
    let defaultOffset: Int?
    /// The whole text parsed last (up to 32 bytes), as `words` reads it, its length (0 when
    /// nothing is cached) and its value.
    @usableFromInline var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    @usableFromInline var textCount = 0
    @usableFromInline var textMillis: Int64 = 0
    /// The leading bytes (up to the seconds) of the text parsed last, as `words` reads them.
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// How many leading bytes are cached; 0 when nothing is.
    var prefixCount = 0
    /// Epoch milliseconds of the cached minute's start.
    var minuteMillis: Int64 = 0

    public init(defaultZone: DateTimeZone = .utc) {
        self.defaultZone = defaultZone
        defaultOffset = defaultZone.fixedOffset
    }

    /// The longest text the cache holds.
    static let maxPrefix = 32

    /// The value of `text` when it is the text parsed last, else nil. Inlined into callers: the
    /// common case of a stream's event times, the same text again, costs a few compares.
    @inlinable public func lastValue(of text: UnsafeRawBufferPointer) -> Int64? {
        guard textCount != 0, text.count == textCount else { return nil }
        return TimestampParseCache.words(text, count: textCount) == self.text ? textMillis : nil
    }

    /// The first `count` (8 to 32) bytes of `text` as four words, read in place: whole words from
    /// the start, then the last eight bytes (overlapping), zeros for words past `count`.
    @inlinable
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
    /// `parse`, answered from `cache` for the text or the minute parsed last.
    @inline(__always)
    func parse(_ text: UnsafeRawBufferPointer, literals: [UInt8], cache: inout TimestampParseCache) -> Int64? {
        let defaultOffset = cache.defaultOffset
        guard let prefix = cacheablePrefix, let defaultOffset, text.count == template.count,
            text.count <= TimestampParseCache.maxPrefix
        else {
            return parse(text, literals: literals, defaultOffset: defaultOffset)
        }
        let whole = TimestampParseCache.words(text, count: text.count)
        if cache.prefixCount == prefix {
            if cache.textCount == text.count, whole == cache.text { return cache.textMillis }
            if TimestampParseCache.words(text, count: prefix) == cache.prefix,
                let millis = millisOfMinute(text, from: prefix)
            {
                cache.text = whole
                cache.textCount = text.count
                cache.textMillis = cache.minuteMillis + millis
                return cache.textMillis
            }
        }
        guard let millis = parse(text, literals: literals, defaultOffset: defaultOffset),
            let withinMinute = millisOfMinute(text, from: prefix)
        else { return nil }
        cache.prefix = TimestampParseCache.words(text, count: prefix)
        cache.prefixCount = prefix
        cache.minuteMillis = millis - withinMinute
        cache.text = whole
        cache.textCount = text.count
        cache.textMillis = millis
        return millis
    }

    /// The seconds and fraction as milliseconds, checking the template from `start` on; nil when
    /// the text does not fit it there.
    @inline(__always)
    private func millisOfMinute(_ text: UnsafeRawBufferPointer, from start: Int) -> Int64? {
        guard fits(text, from: start) else { return nil }
        let seconds = Int64(text[second] &- 0x30) * 10 + Int64(text[second + 1] &- 0x30)
        guard seconds <= 59 else { return nil }
        var millis: Int64 = 0
        for i in 0..<min(fractionWidth, 3) { millis = millis * 10 + Int64(text[fraction + i] &- 0x30) }
        for _ in min(fractionWidth, 3)..<3 { millis *= 10 }
        return seconds * 1000 + millis
    }
}
