import SluiceTime
import Testing

@Suite struct DateAndTimeTests {
    @Test(arguments: [
        ("yyyy-MM-dd'Lit'", "2018-05-11Lit", Int64(17662)),
        ("dd/MM/yyyy", "11/05/2019", 18027),
        ("dd-MMM-yyyy", "01-Jan-2022", 18993),
        ("dd-MM-yyyy", "01-01-1970", 0),
        ("dd-MMM-yyyy", "01-JAN-2022", 18993),
        ("MMM-yyyy", "JAN-2022", 18993),
        ("yyyy-MM-dd", "1969-12-31", -1),
        ("yyyyMMdd", "20031224", 12410),
        // Text after the pattern is ignored, as ksqlDB's SimpleDateFormat ignores it.
        ("yyyy-MM-dd", "2003-12-24-01-01", 12410),
        ("yyyy-MM-dd", "2004-01-01-01-01", 12418),
    ])
    func parsesDates(pattern: String, text: String, days: Int64) throws {
        #expect(try DateTimePattern(pattern).parseDate(text) == days)
    }

    @Test func rejectsIncompleteDates() throws {
        #expect(throws: DateTimeParseError("Text '2004' could not be parsed at index 4")) {
            try DateTimePattern("yyyy-MM-dd").parseDate("2004")
        }
    }

    @Test func rejectsTimeOfDayInDates() throws {
        #expect(throws: DateTimeParseError("Date format contains time field.")) {
            try DateTimePattern("yyyy-MM-dd HH").parseDate("2021-03-04 05")
        }
        #expect(try DateTimePattern("yyyy-MM-dd HH").parseDate("2021-03-04 00") == 18690)
    }

    @Test(arguments: [
        ("HH:mm:ss'Lit'", "00:01:05Lit", Int64(65000)),
        ("HH/mm/ss", "11/05/19", 39_919_000),
        ("hh:mm:ss a", "01:00:00 PM", 46_800_000),
        ("hh:mm:ss a", "01:00:00 Pm", 46_800_000),
        ("HH:mm:ss.SSS", "23:59:59.999", 86_399_999),
        ("HH", "07", 25_200_000),
        ("HH:mm:ss", "24:00:00", 0),
        ("A", "3600000", 3_600_000),
        ("HH:mmX", "05:06+01", 18_360_000),
    ])
    func parsesTimes(pattern: String, text: String, millis: Int64) throws {
        #expect(try DateTimePattern(pattern).parseTime(text) == millis)
    }

    @Test func rejectsDateFieldsAndIncompleteTimes() throws {
        #expect(throws: DateTimeParseError("Time format contains date field.")) {
            try DateTimePattern("yyyy HH:mm").parseTime("2021 05:06")
        }
        #expect(throws: DateTimeParseError("Time format contains date field.")) {
            try DateTimePattern("EEE HH:mm").parseTime("Mon 05:06")
        }
        #expect(
            throws: DateTimeParseError(
                "Unable to obtain LocalTime from TemporalAccessor: {MinuteOfHour=6, HourOfAmPm=5},ISO of type java.time.format.Parsed"
            )
        ) {
            try DateTimePattern("hh:mm").parseTime("05:06")
        }
    }

    @Test func patternsKnowWhetherTheyCarryAZone() throws {
        #expect(try DateTimePattern("yyyy-MM-dd'T'HH:mm:ssX").hasZone)
        #expect(try DateTimePattern("yyyy-MM-dd HH:mm VV").hasZone)
        #expect(try !DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS").hasZone)
    }

    @Test func roundTripsThroughFormatAndParse() throws {
        let pattern = try DateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX")
        let zone = try DateTimeZone(identifier: "Asia/Kolkata")
        for millis: Int64 in [0, -1, 1_614_863_109_123, 253_402_300_799_999, -62_135_596_800_000] {
            let text = try pattern.format(epochMillis: millis, zone: zone)
            #expect(try pattern.parseTimestamp(text) == millis, "\(text)")
        }
    }
}

@Suite struct FixedLayoutTests {
    /// The fixed-layout fast path must agree with the general element-by-element path; an empty
    /// optional section keeps a pattern off the fast path without changing its meaning.
    @Test(arguments: [
        "yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss.SSSX", "yyyyMMddHHmmss", "uuuu-MM-dd'T'HH:mm:ssXXX",
        "dd.MM.yyyy HH:mm:ss.S",
    ])
    func agreesWithGeneralPath(pattern: String) throws {
        let fast = try DateTimePattern(pattern)
        let general = try DateTimePattern(pattern + "[]")
        let zones = try ["UTC", "+05:30", "-08:00", "Europe/Berlin"].map { try DateTimeZone(identifier: $0) }
        var millis: Int64 = -62_135_596_800_000  // 0001-01-01
        while millis < 253_402_300_799_999 {  // 9999-12-31
            for zone in zones {
                let text = try fast.format(epochMillis: millis, zone: zone)
                #expect(text == (try general.format(epochMillis: millis, zone: zone)))
                #expect(
                    try fast.parseTimestamp(text, defaultZone: zone)
                        == (try general.parseTimestamp(text, defaultZone: zone))
                )
            }
            millis += 98_765_432_109
        }
    }

    @Test(arguments: [
        "2021-02-30 05:06:07.890", "2021-03-04 24:00:00.000", "2021-13-04 05:06:07.890", "+2021-03-04 05:06:07.890",
        "2021-03-04 05:06:07.89", "2021-03-04 05:06:07.8901", "2021-03-04T05:06:07.890", "0000-03-04 05:06:07.890",
    ])
    func fallsBackWhereTheLayoutDoesNotFit(text: String) throws {
        let fast = try DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS")
        let general = try DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS[]")
        let a = Result { () throws(DateTimeParseError) in try fast.parseTimestamp(text) }
        let b = Result { () throws(DateTimeParseError) in try general.parseTimestamp(text) }
        #expect(a == b)
    }
}
