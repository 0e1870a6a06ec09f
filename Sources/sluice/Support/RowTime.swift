/// Formats epoch milliseconds in UTC without Foundation's date formatters (they are slow per record).
enum RowTime {
    /// ksqlDB's PRINT format: `2026/11/25 10:00:00.000 Z`, or `N/A` for a missing timestamp (-1).
    static func ksql(_ milliseconds: Int64) -> String {
        guard milliseconds != -1 else { return "N/A" }
        let parts = civil(milliseconds)
        return "\(pad(parts.year, 4))/\(pad(parts.month, 2))/\(pad(parts.day, 2)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3)) Z"
    }

    /// ISO 8601: `2026-11-25T10:00:00.000Z`.
    static func iso8601(_ milliseconds: Int64) -> String {
        let parts = civil(milliseconds)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Splits epoch milliseconds into a proleptic Gregorian date and time (UTC).
    static func civil(
        _ milliseconds: Int64
    ) -> (
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64
    ) {
        let millisecondsPerDay: Int64 = 86_400_000
        var days = milliseconds / millisecondsPerDay
        var rest = milliseconds % millisecondsPerDay
        if rest < 0 {
            rest += millisecondsPerDay
            days -= 1
        }
        // Days since 1970-01-01 to a civil date, counting in 400-year eras that start on March 1st.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000)
    }
}
