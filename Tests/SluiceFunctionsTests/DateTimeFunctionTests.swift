import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct DateTimeFunctionTests {
    func timestamp(_ millis: Int64) -> (Value, SQLType?) { (.timestamp(millis), .timestamp) }
    func date(_ days: Int32) -> (Value, SQLType?) { (.date(days), .date) }
    func time(_ millis: Int32) -> (Value, SQLType?) { (.time(millis), .time) }

    @Test func parseTimestamp() throws {
        #expect(
            try call("PARSE_TIMESTAMP", [str("2018-05-11T21:58:33"), str("yyyy-MM-dd'T'HH:mm:ss")])
                == .timestamp(1_526_075_913_000))
        #expect(
            try call("PARSE_TIMESTAMP", [str("2018-05-11T21:58:33"), str("yyyy-MM-dd'T'HH:mm:ss"), str("+0200")])
                == .timestamp(1_526_068_713_000))
        #expect(
            try call("STRINGTOTIMESTAMP", [str("2018-05-11T21:58:33Z"), str("yyyy-MM-dd'T'HH:mm:ssX")])
                == .bigint(1_526_075_913_000))
        #expect(
            try callRowByRow("PARSE_TIMESTAMP", [str("11/05/2018"), str("dd/MM/yyyy"), str("UTC")])
                == .timestamp(1_525_996_800_000))
        #expect(try call("PARSE_TIMESTAMP", [null(.string), str("yyyy")]) == .null)
    }

    @Test func parseFailuresNameTheTextAndPattern() throws {
        let message = errorMessage { _ = try call("PARSE_TIMESTAMP", [str("nope"), str("yyyy")]) }
        #expect(
            message?.hasPrefix("Failed to parse timestamp 'nope' at timezone 'UTC' with formatter 'yyyy': ") == true)
        let badPattern = errorMessage { _ = try call("PARSE_DATE", [str("2020"), str("yyyyb")]) }
        #expect(badPattern == "Failed to parse date '2020' with formatter 'yyyyb': Unknown pattern letter: b")
        let badZone = errorMessage { _ = try call("PARSE_TIMESTAMP", [str("2020"), str("yyyy"), str("Mars/Base")]) }
        #expect(badZone?.contains("Mars/Base") == true)
    }

    @Test func formatTimestamp() throws {
        #expect(
            try call("FORMAT_TIMESTAMP", [timestamp(1_526_075_913_000), str("yyyy-MM-dd HH:mm:ss")])
                == .string("2018-05-11 21:58:33"))
        #expect(
            try call(
                "FORMAT_TIMESTAMP",
                [timestamp(1_526_075_913_000), str("yyyy-MM-dd HH:mm:ss zzz"), str("America/Los_Angeles")])
                == .string("2018-05-11 14:58:33 PDT"))
        #expect(
            try call("TIMESTAMPTOSTRING", [big(1_526_075_913_000), str("HH:mm"), str("Europe/London")])
                == .string("22:58"))
        #expect(try callRowByRow("TIMESTAMPTOSTRING", [big(0), str("yyyy")]) == .string("1970"))
        #expect(try call("FORMAT_TIMESTAMP", [null(.timestamp), str("yyyy")]) == .null)
    }

    @Test func datesAndTimes() throws {
        #expect(try call("PARSE_DATE", [str("2018-05-11Lit"), str("yyyy-MM-dd'Lit'")]) == .date(17662))
        #expect(try call("PARSE_DATE", [str("JAN-2022"), str("MMM-yyyy")]) == .date(18993))
        #expect(try call("STRINGTODATE", [str("01-Jan-2022"), str("dd-MMM-yyyy")]) == .integer(18993))
        #expect(try call("FORMAT_DATE", [date(17662), str("dd/MM/yyyy")]) == .string("11/05/2018"))
        #expect(try call("DATETOSTRING", [int(17662), str("yyyy-MM-dd")]) == .string("2018-05-11"))
        #expect(try call("PARSE_TIME", [str("01:00:00 PM"), str("hh:mm:ss a")]) == .time(46_800_000))
        #expect(try call("FORMAT_TIME", [time(65000), str("HH_mm_ss_SSS")]) == .string("00_01_05_000"))
        #expect(try call("FORMAT_TIME", [time(1_234_567), str("HHmmss'AAAAA'")]) == .string("002034AAAAA"))
        #expect(try call("FORMAT_DATE", [null(.date), str("yyyy")]) == .null)
        let message = errorMessage { _ = try call("FORMAT_DATE", [date(0), str("HH")]) }
        #expect(message?.hasPrefix("Failed to format date 1970-01-01 with formatter 'HH': ") == true)
    }

    @Test func addingAndSubtractingUnits() throws {
        #expect(try call("DATEADD", [str("DAYS"), int(10), date(10)]) == .date(20))
        #expect(try call("DATEADD", [str("DAYS"), int(-5), date(2)]) == .date(-3))
        #expect(try call("DATESUB", [str("DAYS"), int(5), date(2)]) == .date(-3))
        // A DATE moves in whole days, truncating towards zero as ksqlDB's TimeUnit arithmetic does.
        #expect(try call("DATEADD", [str("HOURS"), int(47), date(0)]) == .date(1))
        #expect(try call("DATEADD", [str("HOURS"), int(-47), date(0)]) == .date(-1))
        #expect(try call("TIMEADD", [str("MILLISECONDS"), int(10), time(86_399_995)]) == .time(5))
        #expect(try call("TIMESUB", [str("MILLISECONDS"), int(10), time(5)]) == .time(86_399_995))
        #expect(try call("TIMEADD", [str("HOUR"), int(25), time(0)]) == .time(3_600_000))
        #expect(try call("TIMESTAMPADD", [str("SECONDS"), int(2), timestamp(10)]) == .timestamp(2010))
        #expect(try call("TIMESTAMPSUB", [str("MILLISECONDS"), int(-5), timestamp(-100)]) == .timestamp(-95))
        #expect(try callRowByRow("TIMESTAMPADD", [str("minutes"), int(1), timestamp(0)]) == .timestamp(60_000))
        #expect(try call("TIMESTAMPADD", [str("DAYS"), null(.integer), timestamp(0)]) == .null)
        #expect(
            errorMessage { _ = try call("TIMEADD", [str("FORTNIGHTS"), int(1), time(0)]) }
                == "Unknown time unit 'FORTNIGHTS'")
        #expect(
            errorMessage { _ = try returnType("DATEADD", [.date, .integer, .date]) }?
                .hasPrefix("Function 'dateadd' does not accept parameters (DATE, INTEGER, DATE).") == true)
    }

    @Test func epochConversions() throws {
        #expect(try call("UNIX_TIMESTAMP", [timestamp(1_589_234_313_000)]) == .bigint(1_589_234_313_000))
        #expect(try call("UNIX_DATE", [date(18993)]) == .integer(18993))
        #expect(try call("FROM_UNIXTIME", [big(100)]) == .timestamp(100))
        #expect(try call("FROM_DAYS", [int(-10)]) == .date(-10))
        #expect(try call("FROM_DAYS", [null(.integer)]) == .null)
        // The current time is after 2020-01-01 and before 2200.
        guard case .bigint(let now) = try call("UNIX_TIMESTAMP", []) else {
            Issue.record("not a BIGINT")
            return
        }
        #expect(now > 1_577_836_800_000 && now < 7_258_118_400_000)
        guard case .integer(let today) = try call("UNIX_DATE", []) else {
            Issue.record("not an INT")
            return
        }
        #expect(Int64(today) == now / 86_400_000 || Int64(today) == now / 86_400_000 + 1)
    }

    @Test func convertTimeZones() throws {
        #expect(try call("CONVERT_TZ", [timestamp(100), str("+0200"), str("+0500")]) == .timestamp(10_800_100))
        #expect(
            try call("CONVERT_TZ", [timestamp(1_589_234_313_000), str("America/Los_Angeles"), str("America/New_York")])
                == .timestamp(1_589_245_113_000))
        #expect(try call("CONVERT_TZ", [null(.timestamp), str("UTC"), str("UTC")]) == .null)
        #expect(
            errorMessage { _ = try call("CONVERT_TZ", [timestamp(0), str("Nowhere/Zone"), str("UTC")]) }?
                .hasPrefix("Invalid time zone: ") == true)
    }
}
