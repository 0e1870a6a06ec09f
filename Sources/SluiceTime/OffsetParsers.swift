// Offset and zone parsers: Java's `OffsetIdPrinterParser`, `LocalizedOffsetIdPrinterParser`,
// `ZoneIdPrinterParser` and `ZoneTextPrinterParser`, case-insensitive and strict.

/// Two digits from 00 to 59 (Java's `parseDigits`), optionally after a colon; nil when absent.
@inline(__always)
private func twoDigits(_ text: UnsafeRawBufferPointer, _ pos: inout Int, _ end: Int, colon: Bool) -> Int? {
    var p = pos
    if colon {
        guard p < end, text[p] == UInt8(ascii: ":") else { return nil }
        p += 1
    }
    guard p + 2 <= end else { return nil }
    let d1 = text[p] &- 0x30
    let d2 = text[p + 1] &- 0x30
    guard d1 <= 9, d2 <= 9 else { return nil }
    let value = Int(d1) * 10 + Int(d2)
    guard value <= 59 else { return nil }
    pos = p + 2
    return value
}

/// `OffsetIdPrinterParser.parse`: the zero text (`Z`, `+0000` ...) or a signed offset.
func parseOffset(
    _ style: OffsetStyle,
    noOffset: UnsafeBufferPointer<UInt8>,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ fields: inout ParsedFields
) throws(ResolveFailure) -> Int {
    guard position < end else { return ~position }
    if parseLiteral(noOffset, text, position, end) >= 0 {
        return fields.set(.offsetSeconds, 0) ? position + noOffset.count : ~position
    }
    let sign = text[position]
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return ~position }
    var pos = position + 1
    guard let hours = twoDigits(text, &pos, end, colon: false) else { return ~position }
    var minutes = 0
    var seconds = 0
    let colon = style.hasColon
    switch style {
    case .hhmmOptional:
        minutes = twoDigits(text, &pos, end, colon: false) ?? 0
    case .hhmm, .hhColonMm:
        guard let m = twoDigits(text, &pos, end, colon: colon) else { return ~position }
        minutes = m
    case .hhmmssOptional, .hhColonMmColonSsOptional:
        guard let m = twoDigits(text, &pos, end, colon: colon) else { return ~position }
        minutes = m
        seconds = twoDigits(text, &pos, end, colon: colon) ?? 0
    }
    guard hours <= 23 else { throw ResolveFailure("Value out of range: Hour[0-23], Minute[0-59], Second[0-59]") }
    let total = (sign == UInt8(ascii: "-") ? -1 : 1) * Int64(hours * 3600 + minutes * 60 + seconds)
    return fields.set(.offsetSeconds, total) ? pos : ~position
}

/// `LocalizedOffsetIdPrinterParser.parse`: `GMT`, `GMT+8`, `GMT+08:00`.
func parseLocalizedOffset(
    full: Bool,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ fields: inout ParsedFields
) -> Int {
    let gmt: [UInt8] = Array("GMT".utf8)
    let afterGMT = gmt.withUnsafeBufferPointer { parseLiteral($0, text, position, end) }
    guard afterGMT >= 0 else { return ~position }
    var pos = afterGMT
    func finish(_ seconds: Int64, _ at: Int) -> Int { fields.set(.offsetSeconds, seconds) ? at : ~position }
    guard pos < end else { return finish(0, pos) }
    let negative: Int64
    switch text[pos] {
    case UInt8(ascii: "+"): negative = 1
    case UInt8(ascii: "-"): negative = -1
    default: return finish(0, pos)
    }
    pos += 1
    func digit(_ at: Int) -> Int64? {
        guard at < end, text[at] &- 0x30 <= 9 else { return nil }
        return Int64(text[at] &- 0x30)
    }
    var (h, m, s): (Int64, Int64, Int64) = (0, 0, 0)
    if full {
        guard let h1 = digit(pos), let h2 = digit(pos + 1), pos + 2 < end, text[pos + 2] == UInt8(ascii: ":"),
            let m1 = digit(pos + 3), let m2 = digit(pos + 4)
        else { return ~position }
        h = h1 * 10 + h2
        m = m1 * 10 + m2
        pos += 5
        if pos + 2 < end, text[pos] == UInt8(ascii: ":"), let s1 = digit(pos + 1), let s2 = digit(pos + 2) {
            s = s1 * 10 + s2
            pos += 3
        }
    } else {
        guard let h1 = digit(pos) else { return ~position }
        h = h1
        pos += 1
        if pos < end {
            if let h2 = digit(pos) {
                h = h * 10 + h2
                pos += 1
            }
            // Java requires a character beyond the two minute digits here (`pos + 2 < end`).
            if pos + 2 < end, text[pos] == UInt8(ascii: ":"), let m1 = digit(pos + 1), let m2 = digit(pos + 2) {
                m = m1 * 10 + m2
                pos += 3
                if pos + 2 < end, text[pos] == UInt8(ascii: ":"), let s1 = digit(pos + 1), let s2 = digit(pos + 2) {
                    s = s1 * 10 + s2
                    pos += 3
                }
            }
        }
    }
    return finish(negative * (h * 3600 + m * 60 + s), pos)
}

/// `ZoneIdPrinterParser.parse` (`VV`, `names == false`) and `ZoneTextPrinterParser.parse` (`z`).
func parseZone(
    names: Bool,
    full: Bool,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ zone: inout DateTimeZone?
) throws(ResolveFailure) -> Int {
    guard position < end else { return ~position }
    func eq(_ at: Int, _ c: Character) -> Bool { asciiEqualIgnoringCase(text[at], c.asciiValue!) }
    let next = text[position]
    if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
        return try parseOffsetBasedZone(text, prefixStart: position, position, end, zeroText: "Z", &zone)
    }
    if end >= position + 2 {
        if eq(position, "U") && eq(position + 1, "T") {
            if end >= position + 3 && eq(position + 2, "C") {
                // Zone names such as "UTC" go through the name table below instead.
                if !names {
                    return try parseOffsetBasedZone(
                        text,
                        prefixStart: position,
                        position + 3,
                        end,
                        zeroText: "0",
                        &zone
                    )
                }
            } else {
                return try parseOffsetBasedZone(text, prefixStart: position, position + 2, end, zeroText: "0", &zone)
            }
        } else if end >= position + 3 && eq(position, "G") && eq(position + 1, "M") && eq(position + 2, "T") {
            if end >= position + 4 && text[position + 3] == UInt8(ascii: "0") {
                zone = try? DateTimeZone(identifier: "GMT0")
                return position + 4
            }
            return try parseOffsetBasedZone(text, prefixStart: position, position + 3, end, zeroText: "0", &zone)
        }
    }
    let longest = min(end - position, max(ZoneIdentifiers.maxLength, names ? ZoneNames.maxNameLength : 0))
    var length = longest
    while length > 0 {
        let candidate = String(
            decoding: UnsafeRawBufferPointer(rebasing: text[position..<(position + length)]),
            as: UTF8.self
        )
        // A zone name (`EST`) wins over a zone id with the same spelling for `z`.
        let name = names ? ZoneNames.zone(named: candidate, full: full) : nil
        let id = name ?? ZoneIdentifiers.canonical(candidate)
        if let id, let found = try? DateTimeZone(identifier: id) {
            zone = found
            return position + length
        }
        length -= 1
    }
    if eq(position, "Z") {
        zone = try? DateTimeZone.offset(seconds: 0)
        return position + 1
    }
    return ~position
}

/// `ZoneIdPrinterParser.parseOffsetBased`: `UTC`, `GMT+2`, `UT-05:00`, or a bare offset.
private func parseOffsetBasedZone(
    _ text: UnsafeRawBufferPointer,
    prefixStart: Int,
    _ position: Int,
    _ end: Int,
    zeroText: String,
    _ zone: inout DateTimeZone?
) throws(ResolveFailure) -> Int {
    let prefix = String(decoding: UnsafeRawBufferPointer(rebasing: text[prefixStart..<position]), as: UTF8.self)
        .uppercased()
    if position >= end || text[position] == UInt8(ascii: "0")
        || asciiEqualIgnoringCase(text[position], UInt8(ascii: "Z"))
    {
        zone = try? DateTimeZone(identifier: prefix)
        return position
    }
    var scratch = ParsedFields()
    let zero = Array(zeroText.utf8)
    let endPos = try zero.withUnsafeBufferPointer { zeroBytes throws(ResolveFailure) in
        try parseOffset(.hhColonMmColonSsOptional, noOffset: zeroBytes, text, position, end, &scratch)
    }
    if endPos < 0 {
        if prefix.isEmpty { return ~prefixStart }
        zone = try? DateTimeZone(identifier: prefix)
        return position
    }
    let seconds = Int(scratch[.offsetSeconds])
    guard abs(seconds) <= 64800 else { return ~prefixStart }
    zone =
        prefix.isEmpty
        ? try? DateTimeZone.offset(seconds: seconds) : DateTimeZone.prefixedRegion(prefix, offsetSeconds: seconds)
    return endPos
}
