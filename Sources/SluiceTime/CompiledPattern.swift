/// The compiled form of a pattern: the element list and the literal bytes it refers to.
final class CompiledPattern: Sendable {
    let elements: [PatternElement]
    let literals: [UInt8]
    let hasZone: Bool
    /// Set when the pattern has the fixed shape of `yyyy-MM-dd HH:mm:ss.SSS` and friends.
    let layout: FixedLayout?
    let formatBound: (fixed: Int, zoneElements: Int)

    init(elements: [PatternElement], literals: [UInt8]) {
        self.elements = elements
        self.literals = literals
        layout = FixedLayout(elements)
        formatBound = CompiledPattern.formatBound(elements)
        hasZone = elements.contains { element in
            switch element {
            case .offset, .localizedOffset, .zoneId, .zoneText: true
            default: false
            }
        }
    }

    /// Reads the text and resolves its fields (`DateTimeFormatter.parse`); the zone is the one
    /// `VV` or `z` read, if any. With `ignoringTrailingText`, text after the pattern's end is
    /// left unread, as `SimpleDateFormat.parse` leaves it.
    func resolve(
        _ text: UnsafeRawBufferPointer, zone: inout DateTimeZone?, ignoringTrailingText: Bool = false
    ) throws(DateTimeParseError) -> ResolvedFields {
        var fields = ParsedFields()
        let end: Int
        do {
            end = try elements.withUnsafeBufferPointer { elements throws(ResolveFailure) in
                try literals.withUnsafeBufferPointer { literals throws(ResolveFailure) in
                    try parse(elements, literals, 0..<elements.count, text, 0, text.count, &fields, &zone)
                }
            }
        } catch {
            throw self.error(error, text)
        }
        if end < 0 {
            throw DateTimeParseError(
                "Text '\(quoted(text))' could not be parsed at index \(utf16Offset(~end, in: text))"
            )
        }
        if end < text.count && !ignoringTrailingText {
            throw DateTimeParseError(
                "Text '\(quoted(text))' could not be parsed, unparsed text found at index \(utf16Offset(end, in: text))"
            )
        }
        if let resolved = FieldResolver.resolveDateTime(fields) { return resolved }
        do {
            return try FieldResolver.resolve(fields)
        } catch {
            throw self.error(error, text)
        }
    }

    /// Runs `range` of the elements from `position`; the new position, or `~index` on a mismatch.
    private func parse(
        _ elements: UnsafeBufferPointer<PatternElement>,
        _ literals: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        _ text: UnsafeRawBufferPointer,
        _ position: Int,
        _ end: Int,
        _ fields: inout ParsedFields,
        _ zone: inout DateTimeZone?
    ) throws(ResolveFailure) -> Int {
        var pos = position
        var i = range.lowerBound
        while i < range.upperBound {
            switch elements[i] {
            case .optional(let sectionEnd):
                // A failed optional section leaves no trace: position and fields roll back.
                let (savedFields, savedZone) = (fields, zone)
                let result = try parse(elements, literals, (i + 1)..<sectionEnd, text, pos, end, &fields, &zone)
                if result < 0 {
                    (fields, zone) = (savedFields, savedZone)
                } else {
                    pos = result
                }
                i = sectionEnd
                continue
            case .pad(let width):
                let inner = i + 1
                pos = try parsePadded(width: width, text, pos, end) { start, padEnd throws(ResolveFailure) in
                    try parseElement(elements[inner], literals, text, start, padEnd, &fields, &zone)
                }
                i += 2
            default:
                pos = try parseElement(elements[i], literals, text, pos, end, &fields, &zone)
                i += 1
            }
            if pos < 0 { return pos }
        }
        return pos
    }

    @inline(__always)
    private func parseElement(
        _ element: PatternElement,
        _ literals: UnsafeBufferPointer<UInt8>,
        _ text: UnsafeRawBufferPointer,
        _ pos: Int,
        _ end: Int,
        _ fields: inout ParsedFields,
        _ zone: inout DateTimeZone?
    ) throws(ResolveFailure) -> Int {
        switch element {
        case .byte(let byte):
            return pos < end && asciiEqualIgnoringCase(text[pos], byte) ? pos + 1 : ~pos
        case .literal(let start, let count):
            return parseLiteral(UnsafeBufferPointer(rebasing: literals[start..<(start + count)]), text, pos, end)
        case .number(let spec):
            return parseNumber(spec, reduced: false, text, pos, end, &fields)
        case .reducedYear(let spec):
            return parseNumber(spec, reduced: true, text, pos, end, &fields)
        case .fraction(let spec):
            return parseFraction(spec, text, pos, end, &fields)
        case .text(let field, let style):
            return parseText(field, style, text, pos, end, &fields)
        case .offset(let style, let start, let count):
            let noOffset = UnsafeBufferPointer(rebasing: literals[start..<(start + count)])
            return try parseOffset(style, noOffset: noOffset, text, pos, end, &fields)
        case .localizedOffset(let full):
            return parseLocalizedOffset(full: full, text, pos, end, &fields)
        case .zoneId:
            return try parseZone(names: false, full: false, text, pos, end, &zone)
        case .zoneText(let full):
            return try parseZone(names: true, full: full, text, pos, end, &zone)
        case .optional, .pad:
            return pos
        }
    }

    // MARK: - Error messages

    /// A resolution failure as Java reports it: inside `DateTimeFormatter.parse` the message is
    /// prefixed with the text; ksqlDB's own failures are bare.
    func error(_ failure: ResolveFailure, _ text: UnsafeRawBufferPointer) -> DateTimeParseError {
        guard failure.insideFormatter else { return DateTimeParseError(failure.message) }
        return DateTimeParseError("Text '\(quoted(text))' could not be parsed: \(failure.message)")
    }

    /// The text as Java quotes it in messages: cut to 64 UTF-16 units followed by `...`.
    private func quoted(_ text: UnsafeRawBufferPointer) -> String {
        let string = String(decoding: text, as: UTF8.self)
        let units = Array(string.utf16)
        guard units.count > 64 else { return string }
        return String(decoding: units[0..<64], as: UTF16.self) + "..."
    }

    /// Java reports positions in UTF-16 units; convert from a UTF-8 byte offset.
    private func utf16Offset(_ byteOffset: Int, in text: UnsafeRawBufferPointer) -> Int {
        let prefix = String(
            decoding: UnsafeRawBufferPointer(rebasing: text[0..<min(byteOffset, text.count)]),
            as: UTF8.self
        )
        return prefix.utf16.count
    }
}
