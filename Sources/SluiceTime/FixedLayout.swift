import SluiceCore

/// The shape of the patterns pipelines use most, such as `yyyy-MM-dd HH:mm:ss.SSS` and
/// `yyyy-MM-dd'T'HH:mm:ssX`: a fixed-width year, month, day, hour, minute and second (and maybe a
/// fraction) between one-byte literals, optionally followed by an offset.
///
/// Every field sits at a known byte position, so parsing checks the bytes against a template in one
/// loop and reads the numbers in place, and printing fills the template. Whenever the text does not
/// fit exactly (a sign before the year, an out-of-range value, a different length), parsing falls
/// back to the general element-by-element path, which gives the same answer or Java's error.
struct FixedLayout: Sendable {
    /// One byte per position: the literal expected there, or 0 where a digit belongs.
    let template: [UInt8]
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    /// Position and width of the fraction of a second, width 0 when absent.
    let fraction: Int
    let fractionWidth: Int
    /// The trailing offset element, if any.
    let offset: (style: OffsetStyle, noOffsetStart: Int, noOffsetCount: Int)?
    /// Where the seconds start when everything before them is the date, hour and minute, so a
    /// `TimestampParseCache` can remember the minute (nil otherwise).
    let cacheablePrefix: Int?

    /// The layout of a compiled pattern, or nil when the pattern is not of this shape.
    init?(_ elements: [PatternElement]) {
        var template: [UInt8] = []
        var positions: [TemporalField: Int] = [:]
        var fraction = (position: 0, width: 0)
        var offset: (OffsetStyle, Int, Int)?
        for (index, element) in elements.enumerated() {
            guard offset == nil else { return nil }
            switch element {
            case .byte(let byte):
                // A digit literal could be read as part of a neighbouring number.
                guard byte != 0, byte &- 0x30 > 9 else { return nil }
                template.append(byte)
            case .number(let spec):
                let width: Int
                switch spec.field {
                case .yearOfEra, .year:
                    guard spec.minWidth == 4 && spec.sign == .exceedsPad else { return nil }
                    width = 4
                case .monthOfYear, .dayOfMonth, .hourOfDay, .minuteOfHour, .secondOfMinute:
                    guard spec.minWidth == 2 && spec.maxWidth == 2 else { return nil }
                    width = 2
                default:
                    return nil
                }
                // `uuuu` and `yyyy` agree on years 1 to 9999, the only ones this layout reads or prints.
                let key: TemporalField = spec.field == .year ? .yearOfEra : spec.field
                guard positions[key] == nil else { return nil }
                positions[key] = template.count
                template.append(contentsOf: repeatElement(0, count: width))
            case .fraction(let spec):
                guard fraction.width == 0 else { return nil }
                fraction = (template.count, spec.minWidth)
                template.append(contentsOf: repeatElement(0, count: spec.minWidth))
            case .offset(let style, let start, let count):
                guard index == elements.count - 1 else { return nil }
                offset = (style, start, count)
            default:
                return nil
            }
        }
        guard let year = positions[.yearOfEra], let month = positions[.monthOfYear], let day = positions[.dayOfMonth],
            let hour = positions[.hourOfDay], let minute = positions[.minuteOfHour],
            let second = positions[.secondOfMinute]
        else { return nil }
        self.template = template
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
        (self.fraction, fractionWidth) = fraction
        self.offset = offset.map { (style: $0.0, noOffsetStart: $0.1, noOffsetCount: $0.2) }
        let beforeSeconds = [year, month, day, hour, minute].allSatisfy { $0 < second }
        let cacheable = offset == nil && beforeSeconds && second >= 8 && second <= TimestampParseCache.maxPrefix
            && (fraction.width == 0 || fraction.position > second)
        cacheablePrefix = cacheable ? second : nil
    }

    @inline(__always)
    private static func number(_ text: UnsafeRawBufferPointer, _ at: Int, _ width: Int) -> Int64 {
        var value: Int64 = 0
        for i in at..<(at + width) { value = value &* 10 &+ Int64(text[i] &- 0x30) }
        return value
    }

    /// Whether `text` fits the template from position `start` to the template's end: a digit
    /// where the template has 0, the template's byte (in any case) elsewhere.
    @inline(__always)
    func fits(_ text: UnsafeRawBufferPointer, from start: Int) -> Bool {
        template.withUnsafeBufferPointer { template in
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
    }

    /// Epoch milliseconds, or nil when the text needs the general path.
    @inline(__always)
    func parse(_ text: UnsafeRawBufferPointer, literals: [UInt8], defaultOffset: Int?) -> Int64? {
        let length = template.count
        guard text.count >= length, offset != nil || text.count == length else { return nil }
        guard fits(text, from: 0) else { return nil }
        let year = Self.number(text, self.year, 4)
        let month = Self.number(text, self.month, 2)
        let day = Self.number(text, self.day, 2)
        let hour = Self.number(text, self.hour, 2)
        let minute = Self.number(text, self.minute, 2)
        let second = Self.number(text, self.second, 2)
        guard year >= 1, month >= 1 && month <= 12, day >= 1 && day <= 31, hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var nanos: Int64 = 0
        if fractionWidth > 0 {
            nanos = Self.number(text, fraction, fractionWidth)
            for _ in fractionWidth..<9 { nanos *= 10 }
        }
        var offsetSeconds: Int64
        if let offset {
            var fields = ParsedFields()
            let end = literals.withUnsafeBufferPointer { literals in
                let noOffset = UnsafeBufferPointer(
                    rebasing: literals[offset.noOffsetStart..<(offset.noOffsetStart + offset.noOffsetCount)]
                )
                return try? parseOffset(offset.style, noOffset: noOffset, text, length, text.count, &fields)
            }
            guard end == text.count, abs(fields[.offsetSeconds]) <= 64800 else { return nil }
            offsetSeconds = fields[.offsetSeconds]
        } else {
            guard let defaultOffset else { return nil }
            offsetSeconds = Int64(defaultOffset)
        }
        let m = Int(month)
        let y = Int(year)
        // SMART resolution moves a day past the end of the month back to its last day.
        let days = Temporal.days(year: y, month: m, day: min(Int(day), Temporal.daysInMonth(year: y, month: m)))
        let seconds = days * 86_400 + (hour * 60 + minute) * 60 + second - offsetSeconds
        return seconds * 1000 + nanos / 1_000_000
    }

    /// The text for a local date-time (milliseconds since 1970-01-01T00:00 local) and its offset,
    /// or nil for years outside 1 ... 9999, which the general path prints with signs.
    @inline(__always)
    func format(localMillis: Int64, offsetSeconds: Int, literals: [UInt8]) -> String? {
        let days = Temporal.floorDiv(localMillis, 86_400_000)
        let millisOfDay = localMillis - days * 86_400_000
        let (y, m, d) = Temporal.civil(days: days)
        guard y >= 1 && y <= 9999 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: template.count + 16) { buffer in
            var writer = FormatWriter(base: buffer.baseAddress!)
            template.withUnsafeBufferPointer { template in
                for byte in template { writer.append(byte) }
            }
            func put(_ value: Int64, at position: Int, width: Int) {
                var v = value
                var i = position + width - 1
                while i >= position {
                    buffer[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                    v /= 10
                    i -= 1
                }
            }
            put(Int64(y), at: year, width: 4)
            put(Int64(m), at: month, width: 2)
            put(Int64(d), at: day, width: 2)
            put(millisOfDay / 3_600_000, at: hour, width: 2)
            put(millisOfDay / 60_000 % 60, at: minute, width: 2)
            put(millisOfDay / 1000 % 60, at: second, width: 2)
            if fractionWidth > 0 {
                // Digits past the milliseconds are zero.
                var value = millisOfDay % 1000
                var width = 3
                while width > fractionWidth {
                    value /= 10
                    width -= 1
                }
                put(value, at: fraction, width: width)
                for i in (fraction + width)..<(fraction + fractionWidth) { buffer[i] = 0x30 }
            }
            if let offset {
                formatOffset(
                    offset.style,
                    offsetSeconds,
                    noOffset: literals[offset.noOffsetStart..<(offset.noOffsetStart + offset.noOffsetCount)],
                    &writer
                )
            }
            return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress!, count: writer.count), as: UTF8.self)
        }
    }
}
