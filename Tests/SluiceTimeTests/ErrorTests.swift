import SluiceTime
import Testing

/// A pattern, or a pattern and a text, and the error message Java gives for it.
struct ErrorCase: CustomStringConvertible, Sendable {
    let pattern: String
    let text: String
    let message: String

    init(_ pattern: String, _ text: String, _ message: String) {
        (self.pattern, self.text, self.message) = (pattern, text, message)
    }

    init(_ pattern: String, _ message: String) {
        self.init(pattern, "", message)
    }

    var description: String { "\(pattern) <- \(text)" }
}

@Suite struct ErrorTests {
    static let patternErrors: [ErrorCase] = [
        ErrorCase("yyyy-MM-dd b", "Unknown pattern letter: b"),
        // SQL's '' escape must be undone before the pattern gets here: '' alone is a quote character.
        ErrorCase("yyyy-MM-dd''T''HH:mm:ssX", "Unknown pattern letter: T"),
        ErrorCase("HH:mm aa", "Too many pattern letters: a"),
        ErrorCase("ddd", "Too many pattern letters: d"),
        ErrorCase("HHH", "Too many pattern letters: H"),
        ErrorCase("DDDD", "Too many pattern letters: D"),
        ErrorCase("MMMMMM", "Too many pattern letters: M"),
        ErrorCase("EEEEEE", "Too many pattern letters: E"),
        ErrorCase("XXXXXX", "Too many pattern letters: X"),
        ErrorCase("zzzzz", "Too many pattern letters: z"),
        ErrorCase("ZZZZZZ", "Too many pattern letters: Z"),
        ErrorCase("V", "Pattern letter count must be 2: V"),
        ErrorCase("OO", "Pattern letter count must be 1 or 4: O"),
        ErrorCase("cc", "Invalid pattern \"cc\""),
        ErrorCase("SSSSSSSSSS", "Minimum width must be from 0 to 9 inclusive but was 10"),
        ErrorCase("yyyyyyyyyyyyyyyyyyyy", "The minimum width must be from 1 to 19 inclusive but was 20"),
        ErrorCase("yyyy#", "Pattern includes reserved character: '#'"),
        ErrorCase("{yyyy}", "Pattern includes reserved character: '{'"),
        ErrorCase("yyyy'T", "Pattern ends with an incomplete string literal: yyyy'T"),
        ErrorCase("yyyy]", "Pattern invalid as it contains ] without previous ["),
        ErrorCase("pp", "Pad letter 'p' must be followed by valid pad pattern: pp"),
        ErrorCase("p-", "Pad letter 'p' must be followed by valid pad pattern: p-"),
    ]

    @Test(arguments: patternErrors)
    func rejectsPattern(_ c: ErrorCase) {
        #expect(throws: DateTimePatternError(c.message)) { try DateTimePattern(c.pattern) }
    }

    @Test func acceptsUnclosedOptionalSection() throws {
        let pattern = try DateTimePattern("yyyy-MM-dd[ HH:mm")
        #expect(try pattern.parseTimestamp("2021-03-04") == utc(2021, 3, 4))
        #expect(try pattern.parseTimestamp("2021-03-04 05:06") == utc(2021, 3, 4, 5, 6))
    }

    static let parseErrors: [ErrorCase] = [
        ErrorCase(
            "yyyy-MM-dd",
            "2021-13-01",
            "Text '2021-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13"
        ),
        ErrorCase(
            "yyyy-MM-dd",
            "2021-02-32",
            "Text '2021-02-32' could not be parsed: Invalid value for DayOfMonth (valid values 1 - 28/31): 32"
        ),
        ErrorCase(
            "yyyy-MM-dd",
            "2021-00-10",
            "Text '2021-00-10' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 0"
        ),
        ErrorCase("yy-MM-dd HH:mm:ssX", "!!!!!!!!!!!!!!!!!", "Text '!!!!!!!!!!!!!!!!!' could not be parsed at index 0"),
        ErrorCase("yyyy-MM-dd", "2021-3-04", "Text '2021-3-04' could not be parsed at index 5"),
        ErrorCase(
            "yyyy-MM-dd",
            "2021-03-04x",
            "Text '2021-03-04x' could not be parsed, unparsed text found at index 10"
        ),
        ErrorCase("yyyy-MM-dd", "", "Text '' could not be parsed at index 0"),
        ErrorCase("yyyy", "12345", "Text '12345' could not be parsed at index 0"),
        ErrorCase("yyyy", "21", "Text '21' could not be parsed at index 0"),
        ErrorCase(
            "HH:mm",
            "25:00",
            "Text '25:00' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 25"
        ),
        ErrorCase(
            "HH:mm:ss",
            "10:61:00",
            "Text '10:61:00' could not be parsed: Invalid value for MinuteOfHour (valid values 0 - 59): 61"
        ),
        ErrorCase(
            "hh:mm a",
            "13:00 PM",
            "Text '13:00 PM' could not be parsed: Invalid value for ClockHourOfAmPm (valid values 1 - 12): 13"
        ),
        ErrorCase(
            "HH:mm a",
            "13:00 AM",
            "Text '13:00 AM' could not be parsed: Conflict found: Field AmPmOfDay 1 differs from AmPmOfDay 0 derived from 13:00"
        ),
        ErrorCase(
            "yyyy-MM-dd EEE",
            "2021-03-04 Mon",
            "Text '2021-03-04 Mon' could not be parsed: Conflict found: Field DayOfWeek 4 differs from DayOfWeek 1 derived from 2021-03-04"
        ),
        ErrorCase(
            "yyyy-MM-dd QQQ",
            "2021-03-04 Q2",
            "Text '2021-03-04 Q2' could not be parsed: Conflict found: Field QuarterOfYear 1 differs from QuarterOfYear 2 derived from 2021-03-04"
        ),
        ErrorCase(
            "yyyy-MM-dd D",
            "2021-03-04 64",
            "Text '2021-03-04 64' could not be parsed: Conflict found: Field DayOfYear 63 differs from DayOfYear 64 derived from 2021-03-04"
        ),
        ErrorCase("yyyy-MM-dd yyyy", "2021-03-04 2022", "Text '2021-03-04 2022' could not be parsed at index 11"),
        ErrorCase(
            "D yyyy",
            "366 2021",
            "Text '366 2021' could not be parsed: Invalid date 'DayOfYear 366' as '2021' is not a leap year"
        ),
        ErrorCase(
            "yyyy-MM-dd HH:mmXXX",
            "2021-03-04 05:06+24:00",
            "Text '2021-03-04 05:06+24:00' could not be parsed: Value out of range: Hour[0-23], Minute[0-59], Second[0-59]"
        ),
        ErrorCase(
            "yyyy-MM-dd HH:mmXXX",
            "2021-03-04 05:06+19:00",
            "Text '2021-03-04 05:06+19:00' could not be parsed: Zone offset not in valid range: -18:00 to +18:00"
        ),
        ErrorCase(
            "G y",
            "AD 0",
            "Text 'AD 0' could not be parsed: Invalid value for YearOfEra (valid values 1 - 999999999/1000000000): 0"
        ),
        ErrorCase("MMM yyyy", "Jun. 2021", "Text 'Jun. 2021' could not be parsed at index 3"),
        ErrorCase(
            "yyyy-MM-dd HH:mm VV",
            "2021-03-04 05:06 Mars/Base",
            "Text '2021-03-04 05:06 Mars/Base' could not be parsed at index 17"
        ),
        // Failures ksqlDB raises itself while applying fields to 1970-01-01 are not prefixed.
        ErrorCase("MM", "13", "Invalid value for MonthOfYear (valid values 1 - 12): 13"),
        ErrorCase("dd", "32", "Invalid value for DayOfMonth (valid values 1 - 28/31): 32"),
        ErrorCase("D", "366", "Leap day cannot be parsed without supplying the year field"),
        ErrorCase("u", "1000000000", "Invalid value for Year (valid values -999999999 - 999999999): 1000000000"),
    ]

    @Test(arguments: parseErrors)
    func rejectsText(_ c: ErrorCase) throws {
        let pattern = try DateTimePattern(c.pattern)
        #expect(throws: DateTimeParseError(c.message)) { try pattern.parseTimestamp(c.text) }
    }

    @Test func abbreviatesLongTextInMessages() throws {
        let text = String(repeating: "x", count: 70)
        let expected = "Text '\(String(repeating: "x", count: 64))...' could not be parsed at index 0"
        #expect(throws: DateTimeParseError(expected)) { try DateTimePattern("yyyy").parseTimestamp(text) }
    }

    @Test func reportsPositionsInUTF16Units() throws {
        #expect(throws: DateTimeParseError("Text 'é2021x' could not be parsed, unparsed text found at index 5")) {
            try DateTimePattern("'é'yyyy").parseTimestamp("é2021x")
        }
    }
}
