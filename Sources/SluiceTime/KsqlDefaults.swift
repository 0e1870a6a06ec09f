import SluiceCore

/// ksqlDB's `StringToTimestampParser.parseZoned`: start from 1970-01-01T00:00 in the parsed zone
/// (or the default zone), then apply every field Java resolved, in `ChronoField` order, with
/// `ZonedDateTime.with(field, value)`.
///
/// A resolved date or time replaces the whole date or time (its EPOCH_DAY / NANO_OF_DAY step
/// overrides the earlier ones); fields that resolved into neither are applied one by one, which
/// is how `MMM-yyyy` becomes the first of the month and `hh:mm` without `a` a morning time.
enum KsqlDefaults {
    static func epochMillis(_ r: ResolvedFields, zone parsedZone: DateTimeZone?, defaultZone: DateTimeZone)
        throws(ResolveFailure) -> Int64
    {
        var nanoOfDay = r.time ?? 0
        if r.time == nil { nanoOfDay = try applyTimeFields(r.fields) }
        var epochDay = r.date ?? 0
        if r.date == nil { epochDay = try applyDateFields(r.fields) }
        let local = epochDay * 86_400 + nanoOfDay / CivilFields.nanosPerSecond
        let nanos = nanoOfDay % CivilFields.nanosPerSecond
        let second: Int64
        let offset = r.fields.get(.offsetSeconds)
        if let offset, parsedZone == nil || (r.date != nil && r.time != nil) {
            // With a date, a time and an offset Java derives INSTANT_SECONDS from the offset.
            second = local - offset
        } else if let zone = parsedZone {
            second = zone.epochSecond(forLocalSecond: local, preferredOffset: zone.offsetAtEpochStart)
        } else if case .fixed(let fixed) = defaultZone.rules {
            second = local - Int64(fixed)
        } else {
            second = defaultZone.epochSecond(forLocalSecond: local, preferredOffset: defaultZone.offsetAtEpochStart)
        }
        let (millis, overflow) = second.multipliedReportingOverflow(by: 1000)
        let (sum, overflow2) = millis.addingReportingOverflow(nanos / 1_000_000)
        guard !overflow && !overflow2 else { throw ResolveFailure("long overflow", insideFormatter: false) }
        return sum
    }

    /// Time fields that did not resolve to a time, applied to midnight.
    private static func applyTimeFields(_ f: ParsedFields) throws(ResolveFailure) -> Int64 {
        var nano: Int64 = 0
        var second: Int64 = 0
        var minute: Int64 = 0
        var hour: Int64 = 0
        guard f.mask & TemporalField.timeBasedMask != 0 else { return 0 }
        for field in TemporalField.allCases where field.isTimeBased && f.has(field) {
            let value = try checked(field, f[field])
            switch field {
            case .nanoOfSecond: nano = value
            case .nanoOfDay:
                (hour, minute, second, nano) = (
                    value / 3_600_000_000_000, value / 60_000_000_000 % 60, value / 1_000_000_000 % 60,
                    value % 1_000_000_000
                )
            case .milliOfSecond: nano = value * 1_000_000
            case .secondOfMinute: second = value
            case .minuteOfHour: minute = value
            case .hourOfAmPm: hour = hour / 12 * 12 + value
            case .clockHourOfAmPm: hour = hour / 12 * 12 + value % 12
            case .hourOfDay: hour = value
            case .clockHourOfDay: hour = value % 24
            case .amPmOfDay: hour = hour % 12 + 12 * value
            default: break
            }
        }
        return ((hour * 60 + minute) * 60 + second) * CivilFields.nanosPerSecond + nano
    }

    /// Date fields that did not resolve to a date, applied to 1970-01-01 (Java's `LocalDate.with`).
    private static func applyDateFields(_ f: ParsedFields) throws(ResolveFailure) -> Int64 {
        var day: Int64 = 0
        let dateMask = f.mask & ~TemporalField.timeBasedMask & ~TemporalField.offsetSeconds.bit
        guard dateMask != 0 else { return 0 }
        for field in TemporalField.allCases where field.isDateBased && f.has(field) {
            let value = try checked(field, f[field])
            let (y, m, d) = Temporal.civil(days: day)
            switch field {
            case .dayOfWeek:
                day += value - CivilFields.dayOfWeek(day)
            case .alignedDayOfWeekInMonth:
                day += value - Int64((d - 1) % 7 + 1)
            case .dayOfMonth:
                day = try date(y, m, Int(value))
            case .dayOfYear:
                var year = y
                if value == 366 {
                    guard let parsedYear = f.get(.year) else {
                        throw ResolveFailure(
                            "Leap day cannot be parsed without supplying the year field",
                            insideFormatter: false
                        )
                    }
                    // ksqlDB sets the year first so that day 366 of a leap year is not rejected.
                    year = Int(parsedYear)
                    if !Temporal.isLeapYear(year) {
                        throw ResolveFailure(
                            "Invalid date 'DayOfYear 366' as '\(year)' is not a leap year",
                            insideFormatter: false
                        )
                    }
                }
                day = Temporal.days(year: year, month: 1, day: 1) + value - 1
            case .epochDay:
                day = value
            case .monthOfYear:
                day = Temporal.days(
                    year: y,
                    month: Int(value),
                    day: min(d, Temporal.daysInMonth(year: y, month: Int(value)))
                )
            case .yearOfEra:
                day = withYear(y >= 1 ? Int(value) : 1 - Int(value), m, d)
            case .year:
                day = withYear(Int(value), m, d)
            case .era:
                if (y >= 1 ? 1 : 0) != value { day = withYear(1 - y, m, d) }
            default:
                break
            }
        }
        return day
    }

    /// `ZonedDateTime.with` validates every value against the field's range first.
    private static func checked(_ field: TemporalField, _ value: Int64) throws(ResolveFailure) -> Int64 {
        do {
            return try field.check(value)
        } catch {
            throw ResolveFailure(error.message, insideFormatter: false)
        }
    }

    private static func withYear(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        Temporal.days(year: year, month: month, day: min(day, Temporal.daysInMonth(year: year, month: month)))
    }

    /// `LocalDate.of`, which rejects a day past the end of its month.
    private static func date(_ year: Int, _ month: Int, _ day: Int) throws(ResolveFailure) -> Int64 {
        guard day <= Temporal.daysInMonth(year: year, month: month) else {
            if month == 2 && day == 29 {
                throw ResolveFailure(
                    "Invalid date 'February 29' as '\(year)' is not a leap year",
                    insideFormatter: false
                )
            }
            throw ResolveFailure("Invalid date '\(CivilFields.monthNames[month - 1]) \(day)'", insideFormatter: false)
        }
        return Temporal.days(year: year, month: month, day: day)
    }
}
