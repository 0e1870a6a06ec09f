/// Java's `SignStyle`: when a number may or must carry a sign.
enum SignStyle: UInt8, Sendable {
    case normal
    case always
    case never
    case notNegative
    case exceedsPad

    /// `SignStyle.parse(positive, strict: true, fixedWidth)`: may this sign appear? (In strict mode
    /// the width does not matter.)
    func allowsSign(positive: Bool) -> Bool {
        switch self {
        case .normal: !positive
        case .always, .exceedsPad: true
        case .never, .notNegative: false
        }
    }
}

/// A numeric field: Java's `NumberPrinterParser` (also used for reduced years and fractions).
struct NumberSpec: Sendable {
    var field: TemporalField
    var minWidth: Int
    var maxWidth: Int
    var sign: SignStyle
    /// Digits reserved for the fixed-width fields that directly follow ("adjacent value parsing":
    /// `yyyyMMdd` reads the year with 4 digits left for `MMdd`).
    var subsequentWidth: Int = 0

    var isFixedWidth: Bool { minWidth == maxWidth && sign == .notNegative }
}

/// The forms of Java's `OffsetIdPrinterParser` that pattern letters use; the raw value is the
/// form's index in Java's `PATTERNS` table, which its printing rules refer to.
enum OffsetStyle: UInt8, Sendable {
    /// `+HHmm` (`X`): minutes only when not zero.
    case hhmmOptional = 1
    /// `+HHMM` (`XX`, `Z`).
    case hhmm = 3
    /// `+HH:MM` (`XXX`).
    case hhColonMm = 4
    /// `+HHMMss` (`XXXX`): seconds only when not zero.
    case hhmmssOptional = 5
    /// `+HH:MM:ss` (`XXXXX`, `ZZZZZ`).
    case hhColonMmColonSsOptional = 6

    var hasColon: Bool { self == .hhColonMm || self == .hhColonMmColonSsOptional }
}

/// One step of a compiled pattern. A pattern compiles to a flat array of these; an optional section
/// is a marker followed by its elements, with the index just past its end.
enum PatternElement: Sendable {
    /// One literal byte (non-letter characters and one-character quoted text).
    case byte(UInt8)
    /// Literal bytes `literals[start ..< start + count]`.
    case literal(start: Int, count: Int)
    case number(NumberSpec)
    /// `yy`, `uu`, `YY`: two digits, read relative to the base year 2000.
    case reducedYear(NumberSpec)
    /// `S...`: the first `minWidth` digits of the fraction of a second.
    case fraction(NumberSpec)
    case text(TemporalField, TextStyle)
    /// `X`, `x`, `Z`: an offset in one of Java's `+HH:MM` forms, with the text for zero
    /// (`literals[noOffsetStart ..< noOffsetStart + noOffsetCount]`, `Z` or `+0000` ...).
    case offset(OffsetStyle, noOffsetStart: Int, noOffsetCount: Int)
    /// `O`, `ZZZZ`: `GMT+8` (short) or `GMT+08:00` (full).
    case localizedOffset(full: Bool)
    /// `VV`: a zone identifier.
    case zoneId
    /// `z`, `zzzz`: a zone name.
    case zoneText(full: Bool)
    /// `[`: elements up to index `end` (exclusive) form an optional section.
    case optional(end: Int)
    /// `p`: the next element is padded with spaces to `width` characters.
    case pad(width: Int)
}
