import SluiceCore
import SluiceTime
import Testing

/// One row of the parse table: pattern, text, default zone, expected epoch milliseconds.
struct ParseCase: CustomStringConvertible, Sendable {
    let pattern: String
    let text: String
    let zone: String
    let millis: Int64

    init(_ pattern: String, _ text: String, _ millis: Int64, zone: String = "UTC") {
        (self.pattern, self.text, self.millis, self.zone) = (pattern, text, millis, zone)
    }

    var description: String { "\(pattern) <- \(text)" }
}

/// Milliseconds of a UTC date-time, for rows whose expectation is easier to read as a date.
func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int64 = 0, _ mi: Int64 = 0, _ s: Int64 = 0, _ ms: Int64 = 0) -> Int64 {
    Temporal.days(year: y, month: mo, day: d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + ms
}

@Suite struct ParseTimestampTests {
    static let cases: [ParseCase] = [
        // The two hot-path shapes and ksqlDB's own examples.
        ParseCase("yyyy-MM-dd HH:mm:ss.SSS", "2021-03-04 05:06:07.890", 1_614_834_367_890),
        ParseCase("yyyy-MM-dd'T'HH:mm:ss.SSSX", "2021-03-04T05:06:07.890Z", 1_614_834_367_890),
        ParseCase("yyyy-MM-dd'T'HH:mm:ss.SSSX", "2021-03-04T05:06:07.890+0530", 1_614_814_567_890),
        ParseCase("yyyy-MM-dd'T'HH:mm:ss.SSSX", "2021-03-04T05:06:07.890-08", 1_614_863_167_890),
        ParseCase("yy-MM-dd HH:mm:ssX", "10-04-19 12:00:17Z", 1_271_678_417_000),
        ParseCase("yyyy-MM-dd'T'HH:mm:ssX", "2018-05-11T21:58:33Z", 1_526_075_913_000),
        ParseCase("yyyy-MM-dd'T'HH:mm:ssX", "2020-05-11T21:58:33z", 1_589_234_313_000),
        ParseCase("yyyy-MM-dd'T'HH:mm:ss", "2019-05-11T21:58:33", 1_557_611_913_000),
        ParseCase("yyyy-MM-dd'T'HH:mm:ss zzz", "2018-05-11T21:58:33 PST", 1_526_101_113_000),
        // Literals: quoted text, a doubled quote, case-insensitive matching.
        ParseCase("yyyy-MM-dd'Lit'", "2018-05-11lit", utc(2018, 5, 11)),
        ParseCase("'It''s' yyyy", "it's 2021", utc(2021, 1, 1)),
        ParseCase("yyyy''MM", "2021'03", utc(2021, 3, 1)),
        // Missing fields default to 1970-01-01T00:00.
        ParseCase("HH:mm", "13:45", utc(1970, 1, 1, 13, 45)),
        ParseCase("MMM-yyyy", "JAN-2022", utc(2022, 1, 1)),
        ParseCase("dd-MMM-yyyy", "01-Jan-2022", utc(2022, 1, 1)),
        ParseCase("dd", "15", utc(1970, 1, 15)),
        ParseCase("yyyy", "2020", utc(2020, 1, 1)),
        ParseCase("MM-dd", "02-30", utc(1970, 2, 28)),
        ParseCase("mm:ss", "05:07", utc(1970, 1, 1, 0, 5, 7)),
        ParseCase("EEE", "Mon", utc(1969, 12, 29)),
        ParseCase("c", "4", 0),
        // SMART resolution moves a day past the month's end back to its last day.
        ParseCase("yyyy-MM-dd", "2021-02-30", utc(2021, 2, 28)),
        ParseCase("yyyy-MM-dd", "2020-02-31", utc(2020, 2, 29)),
        ParseCase("yyyy-MM-dd", "2021-04-31", utc(2021, 4, 30)),
        // 12-hour clocks.
        ParseCase("hh:mm a", "01:30 PM", utc(1970, 1, 1, 13, 30)),
        ParseCase("hh:mm a", "01:30 pm", utc(1970, 1, 1, 13, 30)),
        ParseCase("hh:mm a", "12:00 AM", 0),
        ParseCase("hh:mm a", "12:15 PM", utc(1970, 1, 1, 12, 15)),
        ParseCase("h:mm a", "9:05 am", utc(1970, 1, 1, 9, 5)),
        ParseCase("KK:mm a", "11:00 PM", utc(1970, 1, 1, 23)),
        ParseCase("hh:mm", "01:30", utc(1970, 1, 1, 1, 30)),
        ParseCase("hh:mm", "12:30", utc(1970, 1, 1, 0, 30)),
        ParseCase("kk:mm", "24:00", 0),
        ParseCase("a", "PM", utc(1970, 1, 1, 18)),
        ParseCase("yyyy-MM-dd a", "2021-03-04 am", utc(2021, 3, 4, 6)),
        ParseCase("a mm", "PM 30", utc(1970, 1, 1, 12, 30)),
        ParseCase("yyyy-MM-dd HH:mm", "2021-03-04 24:00", utc(2021, 3, 5)),
        // Numbers: variable width, adjacent fixed-width fields, signs, reduced years.
        ParseCase("yyyyMMddHHmmss", "20210304050607", utc(2021, 3, 4, 5, 6, 7)),
        ParseCase("yyyyMMddHHmmssSSS", "20210304050607123", utc(2021, 3, 4, 5, 6, 7, 123)),
        ParseCase("y-M-d H:m:s", "2021-3-4 5:6:7", utc(2021, 3, 4, 5, 6, 7)),
        ParseCase("uuuu-MM-dd", "2021-03-04", utc(2021, 3, 4)),
        ParseCase("YYYY-MM-dd", "2021-03-04", utc(2021, 3, 4)),
        ParseCase("yyyy", "+12345", utc(12345, 1, 1)),
        ParseCase("yy", "99", utc(2099, 1, 1)),
        ParseCase("yy", "00", utc(2000, 1, 1)),
        ParseCase("uu-MM-dd", "21-03-04", utc(2021, 3, 4)),
        // Eras, days of year, quarters, text months and days.
        ParseCase("G yyyy-MM-dd", "BC 0001-01-01", utc(0, 1, 1)),
        ParseCase("yyyy G", "2021 AD", utc(2021, 1, 1)),
        ParseCase("GGGG yyyy", "Anno Domini 2021", utc(2021, 1, 1)),
        ParseCase("D yyyy", "60 2021", utc(2021, 3, 1)),
        ParseCase("DDD yyyy", "366 2020", utc(2020, 12, 31)),
        ParseCase("Q yyyy", "2 2021", utc(2021, 1, 1)),
        ParseCase("yyyy-MM-dd QQQ", "2021-03-04 Q1", utc(2021, 3, 4)),
        ParseCase("LLL yyyy", "Mar 2021", utc(2021, 3, 1)),
        ParseCase("MMMM d, yyyy", "March 4, 2021", utc(2021, 3, 4)),
        ParseCase("EEE, dd MMM yyyy HH:mm:ss", "Thu, 04 Mar 2021 05:06:07", utc(2021, 3, 4, 5, 6, 7)),
        ParseCase("EEEE MMMM d yyyy", "thursday MARCH 4 2021", utc(2021, 3, 4)),
        ParseCase("yyyy-MM-dd e", "2021-03-04 4", utc(2021, 3, 4)),
        ParseCase("yyyy-MM-dd F", "2021-03-04 4", utc(2021, 3, 4)),
        ParseCase("g", "59277", utc(2021, 3, 4)),
        // Fractions and day-fraction fields.
        ParseCase("HH:mm:ss.S", "05:06:07.8", utc(1970, 1, 1, 5, 6, 7, 800)),
        ParseCase("HH:mm:ss.SSSSSS", "05:06:07.123456", utc(1970, 1, 1, 5, 6, 7, 123)),
        ParseCase("HH:mm:ss.SSS'x'", "05:06:07.12x", utc(1970, 1, 1, 5, 6, 7, 120)),
        ParseCase("HH:mm:ss.n", "05:06:07.5000000", utc(1970, 1, 1, 5, 6, 7, 5)),
        ParseCase("A", "3600000", utc(1970, 1, 1, 1)),
        ParseCase("N", "3723000000000", utc(1970, 1, 1, 1, 2, 3)),
        // Optional sections and padding.
        ParseCase("yyyy-MM-dd['T'HH:mm[:ss]]", "2021-03-04", utc(2021, 3, 4)),
        ParseCase("yyyy-MM-dd['T'HH:mm[:ss]]", "2021-03-04T05:06", utc(2021, 3, 4, 5, 6)),
        ParseCase("yyyy-MM-dd['T'HH:mm[:ss]]", "2021-03-04T05:06:07", utc(2021, 3, 4, 5, 6, 7)),
        ParseCase("yyyy-MM-dd[ HH:mm][X]", "2021-03-04+01", utc(2021, 3, 3, 23)),
        ParseCase("ppH:mm", " 5:06", utc(1970, 1, 1, 5, 6)),
        ParseCase("ppH:mm", "15:06", utc(1970, 1, 1, 15, 6)),
        // Offsets in every form.
        ParseCase("yyyy-MM-dd HH:mmXXX", "2021-03-04 05:06+05:30", utc(2021, 3, 3, 23, 36)),
        ParseCase("yyyy-MM-dd HH:mmXX", "2021-03-04 05:06-0800", utc(2021, 3, 4, 13, 6)),
        ParseCase("yyyy-MM-dd HH:mmXXXXX", "2021-03-04 05:06+01:00:30", utc(2021, 3, 4, 4, 5, 30)),
        ParseCase("yyyy-MM-dd HH:mmxx", "2021-03-04 05:06+0000", utc(2021, 3, 4, 5, 6)),
        ParseCase("yyyy-MM-dd HH:mmx", "2021-03-04 05:06+02", utc(2021, 3, 4, 3, 6)),
        ParseCase("yyyy-MM-dd HH:mm Z", "2021-03-04 05:06 +0100", utc(2021, 3, 4, 4, 6)),
        ParseCase("yyyy-MM-dd HH:mm ZZZZ", "2021-03-04 05:06 GMT+01:00", utc(2021, 3, 4, 4, 6)),
        ParseCase("yyyy-MM-dd HH:mm ZZZZZ", "2021-03-04 05:06 Z", utc(2021, 3, 4, 5, 6)),
        ParseCase("yyyy-MM-dd HH:mm O", "2021-03-04 05:06 GMT+8", utc(2021, 3, 3, 21, 6)),
        ParseCase("yyyy-MM-dd HH:mm O", "2021-03-04 05:06 GMT", utc(2021, 3, 4, 5, 6)),
        ParseCase("HH:mmX", "05:06+01", utc(1970, 1, 1, 4, 6)),
        // Zones by identifier and by name; the text's zone wins over the default zone.
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 Europe/London", utc(2021, 7, 1, 11)),
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 europe/london", utc(2021, 7, 1, 11)),
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 UTC+02:00", utc(2021, 7, 1, 10)),
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 Z", utc(2021, 7, 1, 12)),
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 -03:00", utc(2021, 7, 1, 15)),
        ParseCase("yyyy-MM-dd HH:mm VV", "2021-07-01 12:00 UTC", utc(2021, 7, 1, 12), zone: "Asia/Tokyo"),
        ParseCase("yyyy-MM-dd HH:mm z", "2021-07-01 12:00 EDT", utc(2021, 7, 1, 16)),
        ParseCase("yyyy-MM-dd HH:mm z", "2021-07-01 12:00 GMT+08:00", utc(2021, 7, 1, 4)),
        ParseCase("yyyy-MM-dd HH:mm z", "2021-07-01 12:00 UTC", utc(2021, 7, 1, 12)),
        ParseCase("yyyy-MM-dd HH:mm zzzz", "2021-01-01 12:00 Central European Standard Time", utc(2021, 1, 1, 11)),
        ParseCase("yyyy-MM-dd HH:mm", "2021-01-15 08:00", utc(2021, 1, 15, 13), zone: "America/New_York"),
        ParseCase("yyyy-MM-dd HH:mm", "2021-07-15 08:00", utc(2021, 7, 15, 12), zone: "America/New_York"),
        ParseCase("yyyy-MM-dd HH:mm", "2021-03-04 05:06", utc(2021, 3, 4, 4, 6), zone: "+01:00"),
        ParseCase("yyyy-MM-dd HH:mmX", "2021-03-04 05:06Z", utc(2021, 3, 4, 5, 6), zone: "America/New_York"),
        // In a spring-forward gap the local time moves forward by the gap.
        ParseCase("yyyy-MM-dd HH:mm", "2021-03-14 02:30", utc(2021, 3, 14, 7, 30), zone: "America/New_York"),
        // In an overlap ksqlDB keeps the offset of its 1970-01-01 starting point (EST here).
        ParseCase("yyyy-MM-dd HH:mm", "2021-11-07 01:30", utc(2021, 11, 7, 6, 30), zone: "America/New_York"),
    ]

    @Test(arguments: cases)
    func parsesTimestamp(_ c: ParseCase) throws {
        let pattern = try DateTimePattern(c.pattern)
        let zone = try DateTimeZone(identifier: c.zone)
        #expect(try pattern.parseTimestamp(c.text, defaultZone: zone) == c.millis)
    }

    @Test func parsesFromUTF8Bytes() throws {
        let pattern = try DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS")
        let bytes = Array("2021-03-04 05:06:07.890".utf8)
        let millis = try bytes.withUnsafeBytes { buffer throws(DateTimeParseError) in
            try pattern.parseTimestamp(buffer, defaultZone: .utc)
        }
        #expect(millis == 1_614_834_367_890)
    }

    /// Every case parses the same with a cache shared by all of them, parsed twice in a row so the
    /// second parse of each comes from the cached minute.
    @Test func cachedParsingAgreesWithUncached() throws {
        var caches: [String: TimestampParseCache] = [:]
        for c in Self.cases {
            let pattern = try DateTimePattern(c.pattern)
            let zone = try DateTimeZone(identifier: c.zone)
            let key = c.pattern + " " + c.zone
            for _ in 0..<2 {
                let millis = try Array(c.text.utf8).withUnsafeBytes { bytes throws(DateTimeParseError) in
                    try pattern.parseTimestamp(bytes, cache: &caches[key, default: TimestampParseCache(defaultZone: zone)])
                }
                #expect(millis == c.millis, "\(c)")
            }
        }
    }

    /// Texts of one minute reuse it; other seconds, other minutes, other zones and bad seconds do not mislead it.
    @Test func cacheKeepsSecondsAndMinutesApart() throws {
        let pattern = try DateTimePattern("yyyy-MM-dd HH:mm:ss.SSS")
        var utcCache = TimestampParseCache()
        var plusOneCache = TimestampParseCache(defaultZone: try DateTimeZone(identifier: "+01:00"))
        func parse(_ text: String, _ cache: inout TimestampParseCache) throws -> Int64 {
            try Array(text.utf8).withUnsafeBytes { bytes throws(DateTimeParseError) in
                try pattern.parseTimestamp(bytes, cache: &cache)
            }
        }
        #expect(try parse("2023-11-14 22:13:20.000", &utcCache) == utc(2023, 11, 14, 22, 13, 20, 0))
        #expect(try parse("2023-11-14 22:13:20.000", &utcCache) == utc(2023, 11, 14, 22, 13, 20, 0))
        #expect(try parse("2023-11-14 22:13:59.999", &utcCache) == utc(2023, 11, 14, 22, 13, 59, 999))
        #expect(try parse("2023-11-14 22:13:05.120", &utcCache) == utc(2023, 11, 14, 22, 13, 5, 120))
        #expect(try parse("2023-11-14 22:14:05.120", &utcCache) == utc(2023, 11, 14, 22, 14, 5, 120))
        #expect(try parse("2023-11-14 22:14:05.120", &plusOneCache) == utc(2023, 11, 14, 21, 14, 5, 120))
        #expect(try parse("2023-11-14 22:14:05.120", &utcCache) == utc(2023, 11, 14, 22, 14, 5, 120))
        #expect(throws: DateTimeParseError.self) { try parse("2023-11-14 22:14:60.000", &utcCache) }
        #expect(throws: DateTimeParseError.self) { try parse("2023-11-14 22:14:0x.000", &utcCache) }
        #expect(throws: DateTimeParseError.self) { try parse("2023-11-14 22:14:05.12", &utcCache) }
        #expect(try parse("2023-11-14 22:14:05.121", &utcCache) == utc(2023, 11, 14, 22, 14, 5, 121))
    }
}
