import SluiceCore
import SluiceTime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DateTimeFunctions {
    static let arithmetic: [ScalarFunction] = [
        shifting("DATEADD", "Adds a number of time units to a DATE; the result is truncated to whole days.", .date, 1),
        shifting(
            "DATESUB", "Subtracts a number of time units from a DATE; the result is truncated to whole days.", .date, -1
        ),
        shifting("TIMEADD", "Adds a number of time units to a TIME, wrapping around midnight.", .time, 1),
        shifting("TIMESUB", "Subtracts a number of time units from a TIME, wrapping around midnight.", .time, -1),
        shifting("TIMESTAMPADD", "Adds a number of time units to a TIMESTAMP.", .timestamp, 1),
        shifting("TIMESTAMPSUB", "Subtracts a number of time units from a TIMESTAMP.", .timestamp, -1),
    ]

    /// A Java `TimeUnit` as its length in nanoseconds. The planner passes a time-unit keyword
    /// (`DAYS`, `SECOND`) as its name in a STRING literal.
    static func nanoseconds(ofUnit name: String) throws(RecordError) -> Int64 {
        var unit = name.uppercased()
        if !unit.hasSuffix("S") { unit += "S" }
        switch unit {
        case "NANOSECONDS": return 1
        case "MICROSECONDS": return 1000
        case "MILLISECONDS": return 1_000_000
        case "SECONDS": return 1_000_000_000
        case "MINUTES": return 60_000_000_000
        case "HOURS": return 3_600_000_000_000
        case "DAYS": return 86_400_000_000_000
        default: throw RecordError("Unknown time unit '\(name)'")
        }
    }

    /// `interval` units in the resolution `perUnit` nanoseconds stand for, as `TimeUnit.convert`
    /// computes it: truncated towards zero, saturated on overflow.
    static func convert(_ interval: Int64, unitNanos: Int64, toNanos resolution: Int64) -> Int64 {
        if unitNanos >= resolution {
            let (product, overflow) = interval.multipliedReportingOverflow(by: unitNanos / resolution)
            return overflow ? (interval < 0 ? .min : .max) : product
        }
        return interval / (resolution / unitNanos)
    }

    static func shifting(_ name: String, _ description: String, _ type: ParameterType, _ sign: Int64)
        -> ScalarFunction
    {
        ScalarFunction(
            name, category: .dateTime, description: description,
            overloads: [
                FunctionOverload(
                    [.p("unit", .string), .p("interval", .integer), .p(type.description.lowercased(), type)],
                    returns: .fixed(type.fixedType!)
                ) { (site: CallSite) -> ScalarKernel in
                    let units = PreparedArgument(site, 0) { text throws(RecordError) in try nanoseconds(ofUnit: text) }
                    return .strict { unit, interval, value throws(RecordError) in
                        let nanos = try units.get(unit)
                        let count = sign * Int64(interval.int32Value!)
                        switch value {
                        case .date(let days):
                            let millis = Int64(days) * Temporal.millisPerDay
                            let shifted = millis &+ convert(count, unitNanos: nanos, toNanos: 1_000_000)
                            return .date(Int32(truncatingIfNeeded: shifted / Temporal.millisPerDay))
                        case .time(let millis):
                            let nanosOfDay = Int64(millis) * 1_000_000 &+ convert(count, unitNanos: nanos, toNanos: 1)
                            let wrapped = Temporal.floorMod(nanosOfDay, Temporal.millisPerDay * 1_000_000)
                            return .time(Int32(wrapped / 1_000_000))
                        case .timestamp(let millis):
                            return .timestamp(millis &+ convert(count, unitNanos: nanos, toNanos: 1_000_000))
                        default:
                            return .null
                        }
                    }
                }
            ])
    }

    static let conversions: [ScalarFunction] = [unixTimestamp, unixDate, fromUnixTime, fromDays, convertTZ]

    /// The wall-clock time in milliseconds since the epoch.
    static func currentMillis() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    static let unixTimestamp = ScalarFunction(
        "UNIX_TIMESTAMP", category: .dateTime,
        description:
            "Returns milliseconds since the epoch (BIGINT) of a TIMESTAMP, or of the current time without an "
            + "argument.",
        overloads: [
            FunctionOverload([], returns: .fixed(.bigint), kernel: .nullary { .bigint(currentMillis()) }),
            FunctionOverload(
                [.p("timestamp", .timestamp)], returns: .fixed(.bigint),
                kernel: .strict { value in value.timestampMillis.map { .bigint($0) } ?? .null }),
        ])

    static let unixDate = ScalarFunction(
        "UNIX_DATE", category: .dateTime,
        description: "Returns days since 1970-01-01 (INT) of a DATE, or of the current date (UTC) without an argument.",
        overloads: [
            FunctionOverload(
                [], returns: .fixed(.integer),
                kernel: .nullary { .integer(Int32(Temporal.floorDiv(currentMillis(), Temporal.millisPerDay))) }),
            FunctionOverload(
                [.p("date", .date)], returns: .fixed(.integer),
                kernel: .strict { value in
                    guard case .date(let days) = value else { return .null }
                    return .integer(days)
                }),
        ])

    static let fromUnixTime = ScalarFunction(
        "FROM_UNIXTIME", category: .dateTime,
        description: "Converts milliseconds since the epoch (BIGINT) into a TIMESTAMP.",
        overloads: [
            FunctionOverload(
                [.p("milliseconds", .bigint)], returns: .fixed(.timestamp),
                kernel: .strict { value in .timestamp(value.int64Value!) })
        ])

    static let fromDays = ScalarFunction(
        "FROM_DAYS", category: .dateTime, description: "Converts days since 1970-01-01 (INT) into a DATE.",
        overloads: [
            FunctionOverload(
                [.p("days", .integer)], returns: .fixed(.date), kernel: .strict { value in .date(value.int32Value!) })
        ])

    static let convertTZ = ScalarFunction(
        "CONVERT_TZ", category: .dateTime,
        description:
            "Shifts a TIMESTAMP by the difference between two time zones' offsets at that instant, turning a local "
            + "time in the first zone into the same instant's local time in the second.",
        overloads: [
            FunctionOverload(
                [.p("timestamp", .timestamp), .p("fromTimeZone", .string), .p("toTimeZone", .string)],
                returns: .fixed(.timestamp)
            ) { (site: CallSite) -> ScalarKernel in
                let sources = zone(site, 1)
                let targets = zone(site, 2)
                return .strict { value, from, to throws(RecordError) in
                    guard let millis = value.timestampMillis else { return .null }
                    let second = Temporal.floorDiv(millis, 1000)
                    do throws(RecordError) {
                        let shift =
                            try targets.get(to).offsetSeconds(atEpochSecond: second)
                            - sources.get(from).offsetSeconds(atEpochSecond: second)
                        return .timestamp(millis + Int64(shift) * 1000)
                    } catch {
                        throw RecordError("Invalid time zone: " + error.message)
                    }
                }
            }
        ])
}

extension Value {
    /// The payload of a TIMESTAMP.
    var timestampMillis: Int64? {
        if case .timestamp(let millis) = self { return millis }
        return nil
    }
}
