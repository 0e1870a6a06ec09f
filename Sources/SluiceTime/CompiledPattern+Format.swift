import SluiceCore

/// What is being printed: a timestamp (date, time and zone), a date, or a time.
struct FormatValues {
    let epochDay: Int64?
    let nanoOfDay: Int64?
    let zone: DateTimeZone?
    let offsetSeconds: Int?
    /// The instant, for zone names that differ between standard and daylight time.
    let epochSecond: Int64
    private let civil: (year: Int, month: Int, day: Int)

    init(epochDay: Int64?, nanoOfDay: Int64?, zone: DateTimeZone?, offsetSeconds: Int?, epochSecond: Int64) {
        (self.epochDay, self.nanoOfDay, self.zone, self.offsetSeconds, self.epochSecond) =
            (epochDay, nanoOfDay, zone, offsetSeconds, epochSecond)
        civil = epochDay.map { Temporal.civil(days: $0) } ?? (0, 0, 0)
    }

    /// The value of a field, or nil when the printed kind of value does not have it.
    func value(_ field: TemporalField) -> Int64? {
        if field == .offsetSeconds { return offsetSeconds.map(Int64.init) }
        if field.isTimeBased {
            guard let nanoOfDay else { return nil }
            return CivilFields.timeValue(field, nanoOfDay: nanoOfDay)
        }
        guard let epochDay else { return nil }
        // ksqlDB formats with DateTimeFormatter.ofPattern's default locale, en_US, whose weeks
        // start on Sunday (parsing uses Locale.ROOT, whose weeks start on Monday).
        return CivilFields.dateValue(
            field,
            epochDay: epochDay,
            year: civil.year,
            month: civil.month,
            day: civil.day,
            weekStartsSunday: true
        )
    }

    /// Java's `toString()` of the printed value, for "Unable to extract ZoneId from temporal ...".
    var temporalDescription: String {
        if let epochDay { return CivilFields.dateString(epochDay) }
        return CivilFields.timeString(nanoOfDay ?? 0)
    }
}

/// An output buffer with room for the whole result, sized before printing.
struct FormatWriter {
    let base: UnsafeMutablePointer<UInt8>
    var count = 0

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    mutating func append(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    mutating func append<C: Collection<UInt8>>(bytes: C) {
        for byte in bytes { append(byte) }
    }

    /// `value` in decimal, zero-padded to `width` digits.
    @inline(__always)
    mutating func appendDigits(_ value: UInt64, width: Int) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let total = max(digits, width)
        var v = value
        var i = count + total - 1
        while i >= count {
            base[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
            i -= 1
        }
        count += total
    }
}

extension CompiledPattern {
    func format(_ values: FormatValues) throws(DateTimeFormatError) -> String {
        let zoneBound = (values.zone?.identifier.utf8.count ?? 0) + 96
        let capacity = formatBound.fixed + formatBound.zoneElements * zoneBound
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) {
            buffer throws(DateTimeFormatError) in
            var writer = FormatWriter(base: buffer.baseAddress!)
            _ = try format(0..<elements.count, values, &writer, optional: false)
            return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress!, count: writer.count), as: UTF8.self)
        }
    }

    /// An upper bound of the printed length: a fixed part plus one zone text per zone element.
    static func formatBound(_ elements: [PatternElement]) -> (fixed: Int, zoneElements: Int) {
        var fixed = 0
        var zoneElements = 0
        for element in elements {
            if case .zoneId = element { zoneElements += 1 }
            if case .zoneText = element { zoneElements += 1 }
            fixed += bound(of: element, zoneBound: 0)
        }
        return (fixed, zoneElements)
    }

    private static func bound(of element: PatternElement, zoneBound: Int) -> Int {
        switch element {
        case .byte: 1
        case .literal(_, let count): count
        case .number(let spec), .reducedYear(let spec), .fraction(let spec): max(spec.minWidth, 20) + 1
        case .text: 16
        case .offset, .localizedOffset: 16
        case .zoneId, .zoneText: zoneBound
        case .optional: 0
        case .pad(let width): width
        }
    }

    /// `CompositePrinterParser.format`; returns false when an optional section lacks a field.
    private func format(
        _ range: Range<Int>,
        _ values: FormatValues,
        _ writer: inout FormatWriter,
        optional: Bool
    ) throws(DateTimeFormatError) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let start = writer.count
            var printed = true
            switch elements[i] {
            case .optional(let end):
                if try !format((i + 1)..<end, values, &writer, optional: true) { writer.count = start }
                i = end
                continue
            case .pad(let width):
                printed = try formatElement(elements[i + 1], values, &writer, optional: optional)
                if printed { try pad(&writer, from: start, width: width) }
                i += 2
            default:
                printed = try formatElement(elements[i], values, &writer, optional: optional)
                i += 1
            }
            if !printed { return false }
        }
        return true
    }

    /// `PadPrinterParserDecorator.format`: right-aligns what the element printed within `width`.
    private func pad(_ writer: inout FormatWriter, from start: Int, width: Int) throws(DateTimeFormatError) {
        let length = writer.count - start
        guard length <= width else {
            throw DateTimeFormatError("Cannot print as output of \(length) characters exceeds pad width of \(width)")
        }
        let shift = width - length
        guard shift > 0 else { return }
        var i = writer.count - 1
        while i >= start {
            writer.base[i + shift] = writer.base[i]
            i -= 1
        }
        for j in start..<(start + shift) { writer.base[j] = UInt8(ascii: " ") }
        writer.count += shift
    }

    private func unsupported(_ field: TemporalField, optional: Bool) throws(DateTimeFormatError) -> Bool {
        guard optional else {
            throw DateTimeFormatError("Unsupported field: \(field.name(weekStart: "SUNDAY"))")
        }
        return false
    }

    private func formatElement(
        _ element: PatternElement,
        _ values: FormatValues,
        _ writer: inout FormatWriter,
        optional: Bool
    ) throws(DateTimeFormatError) -> Bool {
        switch element {
        case .byte(let byte):
            writer.append(byte)
        case .literal(let start, let count):
            writer.append(bytes: literals[start..<(start + count)])
        case .number(let spec), .reducedYear(let spec):
            guard let raw = values.value(spec.field) else { return try unsupported(spec.field, optional: optional) }
            var value = raw
            if case .reducedYear = element { value = abs(value) % 100 }
            try formatNumber(spec, value, &writer)
        case .fraction(let spec):
            guard let nano = values.value(.nanoOfSecond) else {
                return try unsupported(.nanoOfSecond, optional: optional)
            }
            var divisor: Int64 = 1
            for _ in spec.minWidth..<9 { divisor *= 10 }
            writer.appendDigits(UInt64(nano / divisor), width: spec.minWidth)
        case .text(let field, let style):
            guard let value = values.value(field) else { return try unsupported(field, optional: optional) }
            if let name = TextNames.text(field, style, value: value) {
                writer.append(name)
            } else {
                try formatNumber(NumberSpec(field: field, minWidth: 1, maxWidth: 19, sign: .normal), value, &writer)
            }
        case .offset(let style, let start, let count):
            guard let offset = values.offsetSeconds else { return try unsupported(.offsetSeconds, optional: optional) }
            formatOffset(style, offset, noOffset: literals[start..<(start + count)], &writer)
        case .localizedOffset(let full):
            guard let offset = values.offsetSeconds else { return try unsupported(.offsetSeconds, optional: optional) }
            formatLocalizedOffset(full: full, offset, &writer)
        case .zoneId, .zoneText:
            guard let zone = values.zone else {
                guard optional else {
                    throw DateTimeFormatError("Unable to extract ZoneId from temporal \(values.temporalDescription)")
                }
                return false
            }
            if case .zoneText(let full) = element {
                writer.append(ZoneNames.name(of: zone, atEpochSecond: values.epochSecond, full: full))
            } else {
                writer.append(zone.identifier)
            }
        case .optional, .pad:
            break
        }
        return true
    }

    /// `NumberPrinterParser.format`.
    private func formatNumber(_ spec: NumberSpec, _ value: Int64, _ writer: inout FormatWriter)
        throws(DateTimeFormatError)
    {
        let magnitude = value.magnitude
        var digits = 1
        var v = magnitude
        while v >= 10 {
            v /= 10
            digits += 1
        }
        guard digits <= spec.maxWidth else {
            throw DateTimeFormatError(
                "Field \(spec.field.name(weekStart: "SUNDAY")) cannot be printed as the value \(value)"
                    + " exceeds the maximum print width of \(spec.maxWidth)"
            )
        }
        if value >= 0 {
            if spec.sign == .always || (spec.sign == .exceedsPad && spec.minWidth < 19 && digits > spec.minWidth) {
                writer.append(UInt8(ascii: "+"))
            }
        } else {
            guard spec.sign != .notNegative else {
                throw DateTimeFormatError(
                    "Field \(spec.field.name(weekStart: "SUNDAY")) cannot be printed as the value \(value)"
                        + " cannot be negative according to the SignStyle"
                )
            }
            writer.append(UInt8(ascii: "-"))
        }
        writer.appendDigits(magnitude, width: spec.minWidth)
    }
}

/// `OffsetIdPrinterParser.format`.
func formatOffset(_ style: OffsetStyle, _ total: Int, noOffset: ArraySlice<UInt8>, _ writer: inout FormatWriter) {
    let start = writer.count
    let hours = abs(total / 3600) % 100
    let minutes = abs(total / 60 % 60)
    let seconds = abs(total % 60)
    let type = Int(style.rawValue)
    var output = hours
    if total != 0 {
        writer.append(UInt8(ascii: total < 0 ? "-" : "+"))
        writer.appendDigits(UInt64(hours), width: 2)
        if (type >= 3 && type <= 8) || (type >= 1 && minutes > 0) {
            if style.hasColon { writer.append(UInt8(ascii: ":")) }
            writer.appendDigits(UInt64(minutes), width: 2)
            output += minutes
            if type >= 5 && seconds > 0 {
                if style.hasColon { writer.append(UInt8(ascii: ":")) }
                writer.appendDigits(UInt64(seconds), width: 2)
                output += seconds
            }
        }
    }
    if output == 0 {
        writer.count = start
        writer.append(bytes: noOffset)
    }
}

/// `LocalizedOffsetIdPrinterParser.format`: `GMT`, `GMT+8`, `GMT+5:30` (short), `GMT+08:00` (full).
func formatLocalizedOffset(full: Bool, _ total: Int, _ writer: inout FormatWriter) {
    writer.append("GMT")
    guard total != 0 else { return }
    let hours = abs(total / 3600) % 100
    let minutes = abs(total / 60 % 60)
    let seconds = abs(total % 60)
    writer.append(UInt8(ascii: total < 0 ? "-" : "+"))
    if full {
        writer.appendDigits(UInt64(hours), width: 2)
        writer.append(UInt8(ascii: ":"))
        writer.appendDigits(UInt64(minutes), width: 2)
    } else {
        writer.appendDigits(UInt64(hours), width: 1)
        if minutes != 0 || seconds != 0 {
            writer.append(UInt8(ascii: ":"))
            writer.appendDigits(UInt64(minutes), width: 2)
        }
    }
    if seconds != 0 {
        writer.append(UInt8(ascii: ":"))
        writer.appendDigits(UInt64(seconds), width: 2)
    }
}
