/// The date and time fields a pattern can read or write.
///
/// The cases up to `offsetSeconds` are Java's `ChronoField`s in `ChronoField`'s declaration order:
/// ksqlDB applies parsed fields to its 1970-01-01 default in exactly that order, so the order is
/// part of the behaviour. The last three are the non-`ChronoField` fields some letters use.
enum TemporalField: UInt8, CaseIterable, Sendable {
    case nanoOfSecond
    case nanoOfDay
    case milliOfSecond
    case milliOfDay
    case secondOfMinute
    case minuteOfHour
    case hourOfAmPm
    case clockHourOfAmPm
    case hourOfDay
    case clockHourOfDay
    case amPmOfDay
    case dayOfWeek
    case alignedDayOfWeekInMonth
    case dayOfMonth
    case dayOfYear
    case epochDay
    case monthOfYear
    case yearOfEra
    case year
    case era
    case offsetSeconds
    /// `IsoFields.QUARTER_OF_YEAR` (letters `Q`, `q`).
    case quarterOfYear
    /// `WeekFields.dayOfWeek()` (numeric `e`, `c`).
    case localizedDayOfWeek
    /// `JulianFields.MODIFIED_JULIAN_DAY` (letter `g`).
    case modifiedJulianDay

    var bit: UInt32 { 1 << UInt32(rawValue) }

    static let timeBasedMask: UInt32 = (TemporalField.amPmOfDay.bit << 1) - 1

    var isTimeBased: Bool { rawValue <= TemporalField.amPmOfDay.rawValue }

    /// Date-based `ChronoField`s (what `ChronoField.isDateBased()` reports).
    var isDateBased: Bool {
        rawValue >= TemporalField.dayOfWeek.rawValue && rawValue <= TemporalField.era.rawValue
    }

    /// Java's `toString()` of the field, as it appears in error messages.
    func name(weekStart: String = "MONDAY") -> String {
        switch self {
        case .nanoOfSecond: "NanoOfSecond"
        case .nanoOfDay: "NanoOfDay"
        case .milliOfSecond: "MilliOfSecond"
        case .milliOfDay: "MilliOfDay"
        case .secondOfMinute: "SecondOfMinute"
        case .minuteOfHour: "MinuteOfHour"
        case .hourOfAmPm: "HourOfAmPm"
        case .clockHourOfAmPm: "ClockHourOfAmPm"
        case .hourOfDay: "HourOfDay"
        case .clockHourOfDay: "ClockHourOfDay"
        case .amPmOfDay: "AmPmOfDay"
        case .dayOfWeek: "DayOfWeek"
        case .alignedDayOfWeekInMonth: "AlignedDayOfWeekInMonth"
        case .dayOfMonth: "DayOfMonth"
        case .dayOfYear: "DayOfYear"
        case .epochDay: "EpochDay"
        case .monthOfYear: "MonthOfYear"
        case .yearOfEra: "YearOfEra"
        case .year: "Year"
        case .era: "Era"
        case .offsetSeconds: "OffsetSeconds"
        case .quarterOfYear: "QuarterOfYear"
        case .localizedDayOfWeek: "DayOfWeek[WeekFields[\(weekStart),1]]"
        case .modifiedJulianDay: "ModifiedJulianDay"
        }
    }

    var description: String { name() }

    /// The field's `ValueRange`: its smallest minimum and largest maximum.
    var range: (min: Int64, max: Int64) {
        switch self {
        case .nanoOfSecond: (0, 999_999_999)
        case .nanoOfDay: (0, 86_399_999_999_999)
        case .milliOfSecond: (0, 999)
        case .milliOfDay: (0, 86_399_999)
        case .secondOfMinute, .minuteOfHour: (0, 59)
        case .hourOfAmPm: (0, 11)
        case .clockHourOfAmPm: (1, 12)
        case .hourOfDay: (0, 23)
        case .clockHourOfDay: (1, 24)
        case .amPmOfDay, .era: (0, 1)
        case .dayOfWeek, .alignedDayOfWeekInMonth, .localizedDayOfWeek: (1, 7)
        case .dayOfMonth: (1, 31)
        case .dayOfYear: (1, 366)
        case .epochDay: (-365_243_219_162, 365_241_780_471)
        case .monthOfYear: (1, 12)
        case .yearOfEra: (1, 1_000_000_000)
        case .year: (-999_999_999, 999_999_999)
        case .offsetSeconds: (-64800, 64800)
        case .quarterOfYear: (1, 4)
        case .modifiedJulianDay: (-365_243_178_575, 365_241_821_058)
        }
    }

    /// The range as Java prints it: `1 - 12`, or `1 - 28/31` where the largest maximum varies.
    var rangeText: String {
        switch self {
        case .dayOfMonth: "1 - 28/31"
        case .dayOfYear: "1 - 365/366"
        case .yearOfEra: "1 - 999999999/1000000000"
        default: "\(range.min) - \(range.max)"
        }
    }

    /// `ChronoField.checkValidValue`: the value, or Java's "Invalid value for ..." message.
    func check(_ value: Int64) throws(ResolveFailure) -> Int64 {
        let r = range
        guard value >= r.min && value <= r.max else {
            throw ResolveFailure("Invalid value for \(description) (valid values \(rangeText)): \(value)")
        }
        return value
    }
}

/// A resolution step failed; `message` is the text of the Java exception.
struct ResolveFailure: Error {
    var message: String
    /// True when Java raises the error inside `DateTimeFormatter.parse`, which prefixes
    /// "Text '...' could not be parsed: "; ksqlDB's own field overrides raise it bare.
    var insideFormatter: Bool

    init(_ message: String, insideFormatter: Bool = true) {
        self.message = message
        self.insideFormatter = insideFormatter
    }
}
