// Parsers for the individual elements, over UTF-8 bytes. Each follows the `parse` method of the Java
// printer-parser it stands for, in strict mode with case-insensitive matching (ksqlDB builds its
// formatters with `parseCaseInsensitive()`), and returns the position after the match or, on a
// mismatch, the bitwise complement of the error position, as Java does.

/// `NumberPrinterParser.parse` (and `ReducedPrinterParser` when `reduced`).
@inline(__always)
func parseNumber(
    _ spec: NumberSpec,
    reduced: Bool,
    _ text: UnsafeRawBufferPointer,
    _ start: Int,
    _ end: Int,
    _ fields: inout ParsedFields
) -> Int {
    var position = start
    guard position < end else { return ~position }
    let sign = text[position]
    var negative = false
    var positive = false
    if sign == UInt8(ascii: "+") {
        guard spec.sign.allowsSign(positive: true) else { return ~position }
        positive = true
        position += 1
    } else if sign == UInt8(ascii: "-") {
        guard spec.sign.allowsSign(positive: false) else {
            return ~position
        }
        negative = true
        position += 1
    } else if spec.sign == .always {
        return ~position
    }
    let minEnd = position + spec.minWidth
    guard minEnd <= end else { return ~position }
    var maxWidth = spec.maxWidth + max(spec.subsequentWidth, 0)
    var total: UInt64 = 0
    var previous: UInt64 = 0
    var pos = position
    for pass in 0..<2 {
        let maxEnd = min(pos + maxWidth, end)
        while pos < maxEnd {
            let digit = text[pos] &- 0x30
            if digit > 9 {
                if pos < minEnd { return ~position }
                break
            }
            pos += 1
            previous = total
            total = total &* 10 &+ UInt64(digit)
        }
        if spec.subsequentWidth > 0 && pass == 0 {
            // Now that the run of digits is known, leave the reserved digits to the fields after.
            maxWidth = max(spec.minWidth, pos - position - spec.subsequentWidth)
            pos = position
            total = 0
        } else {
            break
        }
    }
    if total > UInt64(Int64.max) {
        // Java keeps what fits in a long by giving back the last digit.
        total = previous
        pos -= 1
    }
    var value = Int64(total)
    let length = pos - position
    if negative {
        if value == 0 { return ~(position - 1) }
        value = -value
    } else if spec.sign == .exceedsPad {
        if positive && length <= spec.minWidth { return ~(position - 1) }
        if !positive && length > spec.minWidth { return ~position }
    }
    if reduced && length == spec.minWidth && value >= 0 {
        value += 2000
    }
    return fields.set(spec.field, value) ? pos : ~position
}

/// `FractionPrinterParser.parse` without a decimal point: `minWidth` to `maxWidth` digits.
@inline(__always)
func parseFraction(
    _ spec: NumberSpec,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ fields: inout ParsedFields
) -> Int {
    let minEnd = position + spec.minWidth
    guard minEnd <= end else { return ~position }
    let maxEnd = min(position + spec.maxWidth, end)
    var total: Int64 = 0
    var pos = position
    while pos < maxEnd {
        let digit = text[pos] &- 0x30
        pos += 1
        if digit > 9 {
            // Java checks the minimum after stepping past the non-digit, so one digit short passes.
            if pos < minEnd { return ~position }
            pos -= 1
            break
        }
        total = total * 10 + Int64(digit)
    }
    var scale = pos - position
    while scale < 9 {
        total *= 10
        scale += 1
    }
    return fields.set(.nanoOfSecond, total) ? pos : ~position
}

/// `CharLiteralPrinterParser` / `StringLiteralPrinterParser`.
@inline(__always)
func parseLiteral(
    _ literal: UnsafeBufferPointer<UInt8>,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int
) -> Int {
    guard position + literal.count <= end else { return ~position }
    for i in 0..<literal.count where !asciiEqualIgnoringCase(text[position + i], literal[i]) {
        return ~position
    }
    return position + literal.count
}

/// `TextPrinterParser.parse` in strict mode: only names of the pattern's style match.
func parseText(
    _ field: TemporalField,
    _ style: TextStyle,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ fields: inout ParsedFields
) -> Int {
    guard position < end, let match = TextNames.match(field, style, in: text, at: position, end: end) else {
        return ~position
    }
    return fields.set(field, match.value) ? position + match.length : ~position
}

/// `PadPrinterParserDecorator.parse` (strict): skips leading spaces within `width` characters,
/// then the padded element must end exactly at the end of the padded width.
func parsePadded(
    width: Int,
    _ text: UnsafeRawBufferPointer,
    _ position: Int,
    _ end: Int,
    _ inner: (Int, Int) throws(ResolveFailure) -> Int
) throws(ResolveFailure) -> Int {
    guard position < end else { return ~position }
    let padEnd = position + width
    guard padEnd <= end else { return ~position }
    var pos = position
    while pos < padEnd && text[pos] == UInt8(ascii: " ") { pos += 1 }
    let result = try inner(pos, padEnd)
    return result == padEnd ? result : ~(pos + position)
}
