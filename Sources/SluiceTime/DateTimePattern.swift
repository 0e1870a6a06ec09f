import SluiceCore

/// A Java `DateTimeFormatter` pattern (`yyyy-MM-dd'T'HH:mm:ss.SSSX`), compiled once and then used to
/// parse and print timestamps, dates and times the way ksqlDB does on Java 17.
///
/// Parsing is strict and ASCII case-insensitive, resolves fields like Java's SMART resolver, and
/// fills what the text leaves out from 1970-01-01T00:00 in the pattern's zone or the default zone
/// (ksqlDB's `StringToTimestampParser`). Text names are English. The compiled form is a flat list
/// of field parsers over UTF-8 bytes; patterns shaped like `yyyy-MM-dd HH:mm:ss.SSS` also get a
/// fixed-position fast path. Parsing allocates nothing unless the pattern reads a zone name or id
/// (`z`, `VV`); only zones with daylight-saving rules call into Foundation.
///
///     let pattern = try DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS")
///     let millis = try pattern.parseTimestamp("2021-03-04 05:06:07.890")      // 1614834367890
///     let text = try pattern.format(epochMillis: millis, zone: .utc)          // "2021-03-04 05:06:07.890"
public struct DateTimePattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern text as given.
    public let pattern: String
    let compiled: CompiledPattern

    /// Compiles a pattern.
    ///
    /// - Throws: `DateTimePatternError` with Java's message, for example `Unknown pattern letter: b`,
    ///   `Too many pattern letters: a` or `Pattern includes reserved character: '#'`.
    public init(_ pattern: String) throws(DateTimePatternError) {
        self.pattern = pattern
        let compiler = try PatternCompiler.compile(pattern)
        compiled = CompiledPattern(elements: compiler.elements, literals: compiler.literals)
    }

    public var description: String { pattern }

    public static func == (a: DateTimePattern, b: DateTimePattern) -> Bool { a.pattern == b.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// True when the pattern reads or writes a zone or an offset (`VV`, `z`, `O`, `X`, `x`, `Z`).
    public var hasZone: Bool { compiled.hasZone }

    // MARK: - Parsing

    /// Parses a timestamp from UTF-8 bytes into milliseconds since the epoch.
    ///
    /// Missing date fields default to 1970-01-01 and missing time fields to zero. A zone or offset
    /// in the text wins over `defaultZone`.
    ///
    /// - Throws: `DateTimeParseError` when the text does not match or its fields are invalid.
    public func parseTimestamp(_ text: UnsafeRawBufferPointer, defaultZone: DateTimeZone = .utc)
        throws(DateTimeParseError) -> Int64
    {
        if let layout = compiled.layout,
            let millis = layout.parse(text, literals: compiled.literals, defaultOffset: defaultZone.fixedOffset)
        {
            return millis
        }
        var zone: DateTimeZone?
        let resolved = try compiled.resolve(text, zone: &zone)
        do {
            return try KsqlDefaults.epochMillis(resolved, zone: zone, defaultZone: defaultZone)
        } catch {
            throw compiled.error(error, text)
        }
    }

    /// `parseTimestamp(_:defaultZone:)` with the cache's default zone, answered from the cache
    /// for the text or the minute it saw last.
    public func parseTimestamp(
        _ text: UnsafeRawBufferPointer, cache: inout TimestampParseCache
    ) throws(DateTimeParseError) -> Int64 {
        // Optional chaining reads the layout in place; binding it would copy (and retain) its arrays.
        if let millis = compiled.layout?.parse(text, literals: compiled.literals, cache: &cache) { return millis }
        return try parseTimestamp(text, defaultZone: cache.defaultZone)
    }

    /// Parses a timestamp from a string; see `parseTimestamp(_:defaultZone:)` for bytes.
    public func parseTimestamp(_ text: String, defaultZone: DateTimeZone = .utc) throws(DateTimeParseError) -> Int64 {
        try withUTF8(text) { bytes throws(DateTimeParseError) in try parseTimestamp(bytes, defaultZone: defaultZone) }
    }

    /// Parses a date into days since 1970-01-01 (`PARSE_DATE`): as a timestamp in UTC that must
    /// fall on midnight. Text after the pattern is ignored, as ksqlDB's PARSE_DATE (which uses
    /// `SimpleDateFormat`) ignores it: `2003-12-24-01-01` is 2003-12-24 for `yyyy-MM-dd`.
    ///
    /// - Throws: `DateTimeParseError`; `Date format contains time field.` when the text has a time of day.
    public func parseDate(_ text: UnsafeRawBufferPointer) throws(DateTimeParseError) -> Int64 {
        let millis: Int64
        if let layout = compiled.layout, let fixed = layout.parse(text, literals: compiled.literals, defaultOffset: DateTimeZone.utc.fixedOffset) {
            millis = fixed
        } else {
            var zone: DateTimeZone?
            let resolved = try compiled.resolve(text, zone: &zone, ignoringTrailingText: true)
            do {
                millis = try KsqlDefaults.epochMillis(resolved, zone: zone, defaultZone: .utc)
            } catch {
                throw compiled.error(error, text)
            }
        }
        guard millis % 86_400_000 == 0 else { throw DateTimeParseError("Date format contains time field.") }
        return millis / 86_400_000
    }

    /// Parses a date from a string; see `parseDate(_:)` for bytes.
    public func parseDate(_ text: String) throws(DateTimeParseError) -> Int64 {
        try withUTF8(text) { bytes throws(DateTimeParseError) in try parseDate(bytes) }
    }

    /// Parses a time of day into milliseconds since midnight (`PARSE_TIME`): the text must resolve
    /// to a time (an hour at least) and have no date fields.
    ///
    /// - Throws: `DateTimeParseError`; `Time format contains date field.` when it has date fields.
    public func parseTime(_ text: UnsafeRawBufferPointer) throws(DateTimeParseError) -> Int64 {
        var zone: DateTimeZone?
        let resolved = try compiled.resolve(text, zone: &zone)
        let dateFields =
            resolved.fields.mask & ~TemporalField.timeBasedMask & ~TemporalField.offsetSeconds.bit
            & ~TemporalField.quarterOfYear.bit
        guard resolved.date == nil && dateFields == 0 else {
            throw DateTimeParseError("Time format contains date field.")
        }
        guard let time = resolved.time else {
            throw DateTimeParseError(
                "Unable to obtain LocalTime from TemporalAccessor: \(resolved.fields.description),ISO"
                    + (zone.map { ",\($0.identifier)" } ?? "") + " of type java.time.format.Parsed"
            )
        }
        return time / 1_000_000
    }

    /// Parses a time from a string; see `parseTime(_:)` for bytes.
    public func parseTime(_ text: String) throws(DateTimeParseError) -> Int64 {
        try withUTF8(text) { bytes throws(DateTimeParseError) in try parseTime(bytes) }
    }

    // MARK: - Formatting

    /// Prints a timestamp (`FORMAT_TIMESTAMP`, `TIMESTAMPTOSTRING`) as seen in `zone`.
    ///
    /// - Throws: `DateTimeFormatError` only when a padded field (`p`) is wider than its padding.
    public func format(epochMillis: Int64, zone: DateTimeZone = .utc) throws(DateTimeFormatError) -> String {
        let second = Temporal.floorDiv(epochMillis, 1000)
        let offset = zone.fixedOffset ?? zone.offsetSeconds(atEpochSecond: second)
        let local = epochMillis + Int64(offset) * 1000
        if let layout = compiled.layout,
            let text = layout.format(localMillis: local, offsetSeconds: offset, literals: compiled.literals)
        {
            return text
        }
        let values = FormatValues(
            epochDay: Temporal.floorDiv(local, 86_400_000),
            nanoOfDay: Temporal.floorMod(local, 86_400_000) * 1_000_000,
            zone: zone,
            offsetSeconds: offset,
            epochSecond: second
        )
        return try compiled.format(values)
    }

    /// Prints a date given as days since 1970-01-01 (`FORMAT_DATE`).
    ///
    /// - Throws: `DateTimeFormatError` when the pattern has time or zone fields outside an optional
    ///   section (`Unsupported field: HourOfDay`).
    public func format(days: Int64) throws(DateTimeFormatError) -> String {
        try compiled.format(FormatValues(epochDay: days, nanoOfDay: nil, zone: nil, offsetSeconds: nil, epochSecond: 0))
    }

    /// Prints a time given as milliseconds since midnight (`FORMAT_TIME`).
    ///
    /// - Throws: `DateTimeFormatError` when the pattern has date or zone fields outside an optional
    ///   section (`Unsupported field: YearOfEra`).
    public func format(timeMillis: Int64) throws(DateTimeFormatError) -> String {
        let nanoOfDay = Temporal.floorMod(timeMillis, 86_400_000) * 1_000_000
        return try compiled.format(
            FormatValues(epochDay: nil, nanoOfDay: nanoOfDay, zone: nil, offsetSeconds: nil, epochSecond: 0)
        )
    }

    private func withUTF8<R>(_ text: String, _ body: (UnsafeRawBufferPointer) throws(DateTimeParseError) -> R)
        throws(DateTimeParseError) -> R
    {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(DateTimeParseError) in try body(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }
}
