import SluiceTime
import Testing

/// One row of the format table: pattern, epoch milliseconds, zone, expected text.
struct FormatCase: CustomStringConvertible, Sendable {
    let pattern: String
    let millis: Int64
    let zone: String
    let text: String

    init(_ pattern: String, _ millis: Int64, _ text: String, zone: String = "UTC") {
        (self.pattern, self.millis, self.text, self.zone) = (pattern, millis, text, zone)
    }

    var description: String { "\(pattern) @ \(millis) \(zone)" }
}

@Suite struct FormatTests {
    static let afternoon = utc(2021, 3, 4, 13, 5, 9, 123)  // a Thursday
    static let pastMidnight = utc(2021, 3, 4, 0, 5, 9, 123)

    static let cases: [FormatCase] = [
        // ksqlDB's examples.
        FormatCase(
            "yyyy-MM-dd HH:mm:ss zzz",
            1_526_075_913_000,
            "2018-05-11 14:58:33 PDT",
            zone: "America/Los_Angeles"
        ),
        FormatCase("yyyy-MM-dd HH:mm:ss zzz", 1_526_075_913_000, "2018-05-11 22:58:33 BST", zone: "Europe/London"),
        FormatCase("yyyy-MM-dd HH:mm:ss", 1_526_075_913_000, "2018-05-11 21:58:33"),
        FormatCase("yyyy-MM-dd HH:mm:ss Z", 1_580_223_282_000, "2020-01-28 14:54:42 +0000"),
        FormatCase("zzzz", 1_526_075_913_000, "Pacific Daylight Time", zone: "America/Los_Angeles"),
        FormatCase("zzz zzzz", utc(2021, 1, 1), "PST Pacific Standard Time", zone: "America/Los_Angeles"),
        FormatCase("zzz", utc(2021, 1, 1), "CET", zone: "Europe/Berlin"),
        FormatCase("yyyy-MM-dd'T'HH:mm:ss.SSSX", afternoon, "2021-03-04T13:05:09.123Z"),
        // Every letter.
        FormatCase("G GGGG GGGGG", afternoon, "AD Anno Domini A"),
        FormatCase("u uu uuu uuuu uuuuu", afternoon, "2021 21 2021 2021 02021"),
        FormatCase("y yy yyy yyyy yyyyy", afternoon, "2021 21 2021 2021 02021"),
        FormatCase("Y YY YYYY", afternoon, "2021 21 2021"),
        FormatCase("Q QQ QQQ QQQQ QQQQQ", afternoon, "1 01 Q1 1st quarter 1"),
        FormatCase("q qq qqq qqqq", utc(2021, 11, 1), "4 04 Q4 4th quarter"),
        FormatCase("M MM MMM MMMM MMMMM", afternoon, "3 03 Mar March M"),
        FormatCase("L LL LLL LLLL", afternoon, "3 03 Mar March"),
        FormatCase("d dd D DD DDD", afternoon, "4 04 63 63 063"),
        FormatCase("D DD DDD", utc(2021, 1, 9), "9 09 009"),
        FormatCase("E EEE EEEE EEEEE", afternoon, "Thu Thu Thursday T"),
        FormatCase("e ee eee eeee c ccc cccc", afternoon, "5 05 Thu Thursday 5 Thu Thursday"),
        FormatCase("F g", afternoon, "4 59277"),
        FormatCase("a h hh K KK k kk H HH", afternoon, "PM 1 01 1 01 13 13 13 13"),
        FormatCase("a h hh K KK k kk H HH", pastMidnight, "AM 12 12 0 00 24 24 0 00"),
        FormatCase("m mm s ss", afternoon, "5 05 9 09"),
        FormatCase("S SS SSS SSSS SSSSSSSSS", afternoon, "1 12 123 1230 123000000"),
        FormatCase("A n N", afternoon, "47109123 123000000 47109123000000"),
        FormatCase("SSS", utc(2021, 3, 4), "000"),
        // Years before year 1 and after 9999.
        FormatCase("y u G uuuu yyyy", utc(0, 1, 1), "1 0 BC 0000 0001"),
        FormatCase("y u uuuu yyyy", utc(-1, 6, 1), "2 -1 -0001 0002"),
        FormatCase("yyyy y yy", utc(10000, 1, 1), "+10000 10000 00"),
        FormatCase("yyyy-MM-dd HH:mm:ss.SSS", -1, "1969-12-31 23:59:59.999"),
        // Zones and offsets.
        FormatCase("VV z zzzz", afternoon, "UTC UTC Coordinated Universal Time"),
        FormatCase("VV z", afternoon, "GMT GMT", zone: "GMT"),
        FormatCase("VV", afternoon, "America/Los_Angeles", zone: "America/Los_Angeles"),
        FormatCase("X XX XXX XXXX XXXXX", afternoon, "Z Z Z Z Z"),
        FormatCase("x xx xxx xxxx xxxxx", afternoon, "+00 +0000 +00:00 +0000 +00:00"),
        FormatCase("Z ZZZZ ZZZZZ O OOOO", afternoon, "+0000 GMT Z GMT GMT"),
        FormatCase("HH:mm X XX XXX XXXX XXXXX", afternoon, "18:35 +0530 +0530 +05:30 +0530 +05:30", zone: "+05:30"),
        FormatCase("O OOOO Z ZZZZ ZZZZZ", afternoon, "GMT+5:30 GMT+05:30 +0530 GMT+05:30 +05:30", zone: "+05:30"),
        FormatCase("VV z", afternoon, "+05:30 +05:30", zone: "+05:30"),
        FormatCase("VV z", afternoon, "UTC+05:30 UTC+05:30", zone: "UTC+05:30"),
        FormatCase("X XXX x O", afternoon, "-08 -08:00 -08 GMT-8", zone: "-08:00"),
        FormatCase("XXXX XXXXX", afternoon, "+013015 +01:30:15", zone: "+01:30:15"),
        FormatCase("HH:mm XXX", utc(2021, 7, 1, 12), "14:00 +02:00", zone: "Europe/Paris"),
        // Literals, optional sections, padding.
        FormatCase("'It''s' yyyy", afternoon, "It's 2021"),
        FormatCase("''yyyy''", afternoon, "'2021'"),
        FormatCase("yyyy-MM-dd[ HH:mm]", afternoon, "2021-03-04 13:05"),
        FormatCase("ppH:mm", utc(2021, 3, 4, 5, 6), " 5:06"),
        FormatCase("pppMMM", afternoon, "Mar"),
        FormatCase("ppppMMM", afternoon, " Mar"),
    ]

    @Test(arguments: cases)
    func formatsTimestamp(_ c: FormatCase) throws {
        let pattern = try DateTimePattern(c.pattern)
        #expect(try pattern.format(epochMillis: c.millis, zone: DateTimeZone(identifier: c.zone)) == c.text)
    }

    @Test func formatsDates() throws {
        let days: Int64 = 18690  // 2021-03-04
        #expect(try DateTimePattern("yyyy-MM-dd").format(days: days) == "2021-03-04")
        #expect(try DateTimePattern("EEEE, MMMM d, yyyy G").format(days: days) == "Thursday, March 4, 2021 AD")
        #expect(try DateTimePattern("yyyy-MM-dd[ HH:mm][ VV]").format(days: days) == "2021-03-04")
        #expect(try DateTimePattern("dd/MM/yy").format(days: -1) == "31/12/69")
    }

    @Test func formatsTimes() throws {
        #expect(try DateTimePattern("HH_mm_ss_SSS").format(timeMillis: 65000) == "00_01_05_000")
        #expect(try DateTimePattern("HHmmss'AAAAA'").format(timeMillis: 1_234_567) == "002034AAAAA")
        #expect(try DateTimePattern("HH:mm:ss").format(timeMillis: 0) == "00:00:00")
        #expect(try DateTimePattern("hh:mm a").format(timeMillis: 46_800_000) == "01:00 PM")
        #expect(try DateTimePattern("[yyyy-MM-dd ]HH:mm[X]").format(timeMillis: 47_100_000) == "13:05")
    }

    @Test func reportsFieldsTheValueDoesNotHave() throws {
        #expect(throws: DateTimeFormatError("Unsupported field: HourOfDay")) {
            try DateTimePattern("yyyy-MM-dd HH").format(days: 18690)
        }
        #expect(throws: DateTimeFormatError("Unsupported field: YearOfEra")) {
            try DateTimePattern("yyyy HH").format(timeMillis: 0)
        }
        #expect(throws: DateTimeFormatError("Unsupported field: OffsetSeconds")) {
            try DateTimePattern("yyyy X").format(days: 18690)
        }
        #expect(throws: DateTimeFormatError("Unable to extract ZoneId from temporal 2021-03-04")) {
            try DateTimePattern("yyyy VV").format(days: 18690)
        }
        #expect(throws: DateTimeFormatError("Unable to extract ZoneId from temporal 00:00:01.234")) {
            try DateTimePattern("HH z").format(timeMillis: 1234)
        }
        #expect(throws: DateTimeFormatError("Cannot print as output of 2 characters exceeds pad width of 1")) {
            try DateTimePattern("pH").format(timeMillis: 46_800_000)
        }
    }
}
