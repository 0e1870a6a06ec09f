import SluiceTime
import Testing

@Suite struct DateTimeZoneTests {
    @Test(arguments: [
        ("Z", "Z", 0),
        ("+5", "+05:00", 18000),
        ("-03:30", "-03:30", -12600),
        ("+0130", "+01:30", 5400),
        ("+01:30:15", "+01:30:15", 5415),
        ("UTC", "UTC", 0),
        ("GMT", "GMT", 0),
        ("UT", "UT", 0),
        ("UTC+2", "UTC+02:00", 7200),
        ("GMT-05:00", "GMT-05:00", -18000),
        ("UTC+0", "UTC", 0),
    ])
    func parsesFixedZones(id: String, identifier: String, offset: Int) throws {
        let zone = try DateTimeZone(identifier: id)
        #expect(zone.identifier == identifier)
        #expect(zone.isFixedOffset)
        #expect(zone.offsetSeconds(atEpochSecond: 1_600_000_000) == offset)
    }

    @Test func parsesRegions() throws {
        let london = try DateTimeZone(identifier: "Europe/London")
        #expect(!london.isFixedOffset)
        #expect(london.offsetSeconds(atEpochSecond: 1_625_140_800) == 3600)  // 2021-07-01
        #expect(london.offsetSeconds(atEpochSecond: 1_609_502_400) == 0)  // 2021-01-01
        #expect(try DateTimeZone(identifier: "US/Pacific").identifier == "US/Pacific")
        #expect(try DateTimeZone(identifier: "Etc/UTC").offsetSeconds(atEpochSecond: 0) == 0)
    }

    @Test(arguments: [
        ("Mars/Base", "Unknown time-zone ID: Mars/Base"),
        ("PST", "Unknown time-zone ID: PST"),
        ("america/los_angeles", "Unknown time-zone ID: america/los_angeles"),
        ("1abc", "Invalid ID for region-based ZoneId, invalid format: 1abc"),
        ("", "Invalid ID for ZoneOffset, invalid format: "),
        ("+25:00", "Zone offset hours not in valid range: value 25 is not in the range -18 to 18"),
        ("+18:30", "Zone offset not in valid range: -18:00 to +18:00"),
        ("+1:30", "Invalid ID for ZoneOffset, non numeric characters found: +1:30"),
        ("UTC+99", "Invalid ID for offset-based ZoneId: UTC+99"),
    ])
    func rejectsBadIdentifiers(id: String, message: String) {
        #expect(throws: DateTimeZoneError(message)) { try DateTimeZone(identifier: id) }
    }
}
