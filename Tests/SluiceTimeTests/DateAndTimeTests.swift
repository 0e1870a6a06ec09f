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
    ])
    func parsesDates(pattern: String, text: String, days: Int64) throws {
        #expect(try DateTimePattern(pattern).parseDate(text) == days)
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
                "Unable to obtain LocalTime from TemporalAccessor: {MinuteOfHour=6, HourOfAmPm=5},ISO of type java.time.format.Parsed")
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
