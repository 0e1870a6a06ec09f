import SluiceCore

/// Field values of an ISO date (as an epoch day) and a time (as a nano of day), and Java's
/// `toString` forms of both for error messages.
enum CivilFields {
    static let nanosPerSecond: Int64 = 1_000_000_000
    static let nanosPerDay: Int64 = 86_400 * nanosPerSecond

    /// ISO day of week, 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    @inline(__always)
    static func dayOfWeek(_ epochDay: Int64) -> Int64 { Temporal.floorMod(epochDay + 3, 7) + 1 }

    static func dayOfYear(_ epochDay: Int64, year: Int) -> Int64 {
        epochDay - Temporal.days(year: year, month: 1, day: 1) + 1
    }

    /// A date field's value, or nil when a date does not have the field.
    static func dateValue(_ field: TemporalField, epochDay: Int64, weekStartsSunday: Bool = false) -> Int64? {
        let (y, m, d) = Temporal.civil(days: epochDay)
        return dateValue(field, epochDay: epochDay, year: y, month: m, day: d, weekStartsSunday: weekStartsSunday)
    }

    /// A date field's value when the civil date is already known.
    @inline(__always)
    static func dateValue(
        _ field: TemporalField,
        epochDay: Int64,
        year y: Int,
        month m: Int,
        day d: Int,
        weekStartsSunday: Bool
    ) -> Int64? {
        switch field {
        case .dayOfWeek: return dayOfWeek(epochDay)
        case .localizedDayOfWeek:
            let iso = dayOfWeek(epochDay)
            return weekStartsSunday ? iso % 7 + 1 : iso
        case .alignedDayOfWeekInMonth: return Int64((d - 1) % 7 + 1)
        case .dayOfMonth: return Int64(d)
        case .dayOfYear: return dayOfYear(epochDay, year: y)
        case .epochDay: return epochDay
        case .monthOfYear: return Int64(m)
        case .quarterOfYear: return Int64((m - 1) / 3 + 1)
        case .yearOfEra: return Int64(y >= 1 ? y : 1 - y)
        case .year: return Int64(y)
        case .era: return y >= 1 ? 1 : 0
        case .modifiedJulianDay: return epochDay + 40587
        default: return nil
        }
    }

    /// A time field's value, or nil when a time does not have the field.
    static func timeValue(_ field: TemporalField, nanoOfDay: Int64) -> Int64? {
        let hour = nanoOfDay / (3600 * nanosPerSecond)
        switch field {
        case .nanoOfSecond: return nanoOfDay % nanosPerSecond
        case .nanoOfDay: return nanoOfDay
        case .milliOfSecond: return nanoOfDay % nanosPerSecond / 1_000_000
        case .milliOfDay: return nanoOfDay / 1_000_000
        case .secondOfMinute: return nanoOfDay / nanosPerSecond % 60
        case .minuteOfHour: return nanoOfDay / (60 * nanosPerSecond) % 60
        case .hourOfAmPm: return hour % 12
        case .clockHourOfAmPm: return hour % 12 == 0 ? 12 : hour % 12
        case .hourOfDay: return hour
        case .clockHourOfDay: return hour == 0 ? 24 : hour
        case .amPmOfDay: return hour / 12
        default: return nil
        }
    }

    /// `LocalDate.toString()`: `2021-03-04`, `+10000-01-01`, `-0001-12-31`.
    static func dateString(_ epochDay: Int64) -> String {
        let (y, m, d) = Temporal.civil(days: epochDay)
        var text: String
        if abs(y) < 1000 {
            text = (y < 0 ? "-" : "") + pad(abs(y), 4)
        } else {
            text = (y > 9999 ? "+" : "") + String(y)
        }
        text += "-" + pad(m, 2) + "-" + pad(d, 2)
        return text
    }

    /// `LocalTime.toString()`: `HH:mm`, then `:ss` and a 3, 6 or 9 digit fraction only when needed.
    static func timeString(_ nanoOfDay: Int64) -> String {
        let hour = Int(nanoOfDay / (3600 * nanosPerSecond))
        let minute = Int(nanoOfDay / (60 * nanosPerSecond) % 60)
        let second = Int(nanoOfDay / nanosPerSecond % 60)
        let nano = Int(nanoOfDay % nanosPerSecond)
        var text = pad(hour, 2) + ":" + pad(minute, 2)
        if second > 0 || nano > 0 {
            text += ":" + pad(second, 2)
            if nano > 0 {
                if nano % 1_000_000 == 0 {
                    text += "." + pad(nano / 1_000_000, 3)
                } else if nano % 1000 == 0 {
                    text += "." + pad(nano / 1000, 6)
                } else {
                    text += "." + pad(nano, 9)
                }
            }
        }
        return text
    }

    static let monthNames = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
        "NOVEMBER", "DECEMBER",
    ]

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
