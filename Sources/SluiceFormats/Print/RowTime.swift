import SluiceCore

/// Formats epoch milliseconds in UTC without Foundation's date formatters (they are slow per record).
public enum RowTime {
    /// ksqlDB's PRINT format: `2026/11/25 10:00:00.000 Z`, or `N/A` for a missing timestamp (-1).
    public static func ksql(_ milliseconds: Int64) -> String {
        guard milliseconds != -1 else { return "N/A" }
        let parts = fields(milliseconds)
        return "\(pad(parts.year, 4))/\(pad(parts.month, 2))/\(pad(parts.day, 2)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3)) Z"
    }

    /// ISO 8601: `2026-11-25T10:00:00.000Z`.
    public static func iso8601(_ milliseconds: Int64) -> String {
        let parts = fields(milliseconds)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func fields(_ milliseconds: Int64) -> (
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64
    ) {
        let days = Temporal.floorDiv(milliseconds, Temporal.millisPerDay)
        let rest = Temporal.floorMod(milliseconds, Temporal.millisPerDay)
        let date = Temporal.civil(days: days)
        return (Int64(date.year), Int64(date.month), Int64(date.day), rest / 3_600_000, rest / 60_000 % 60,
                rest / 1000 % 60, rest % 1000)
    }
}
