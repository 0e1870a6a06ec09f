/// A pattern that Java's `DateTimeFormatter.ofPattern` would reject.
///
/// `message` is Java's `IllegalArgumentException` text, for example `Unknown pattern letter: b` or
/// `Too many pattern letters: a`.
public struct DateTimePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Text that does not match a pattern, or whose fields do not make a valid date or time.
///
/// `message` follows Java: `Text '2021-13-01' could not be parsed: Invalid value for MonthOfYear
/// (valid values 1 - 12): 13`, `Text 'x' could not be parsed at index 0`, or, for failures ksqlDB
/// raises itself while applying fields, the bare reason.
public struct DateTimeParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A value that a pattern cannot print, such as an hour field in a date-only format
/// (`Unsupported field: HourOfDay`).
public struct DateTimeFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A time-zone identifier that Java's `ZoneId.of` would reject (`Unknown time-zone ID: Mars/Base`).
public struct DateTimeZoneError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
