/// Calendar arithmetic for `DATE`, `TIME` and `TIMESTAMP` values (proleptic Gregorian, UTC).
public enum Temporal {
    public static let millisPerDay: Int64 = 86_400_000

    /// Days since 1970-01-01 for a civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Floor division that rounds toward negative infinity.
    @inlinable public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inlinable public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
        a - floorDiv(a, b) * b
    }

    /// `yyyy-MM-dd`.
    public static func formatDate(days: Int64) -> String {
        let (y, m, d) = civil(days: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `HH:mm:ss`, with `.SSS` when the milliseconds are not zero (ksqlDB's `TIME` to string).
    public static func formatTime(millis: Int64) -> String {
        let ms = floorMod(millis, millisPerDay)
        let h = Int(ms / 3_600_000)
        let mi = Int(ms / 60000 % 60)
        let s = Int(ms / 1000 % 60)
        let frac = Int(ms % 1000)
        let base = "\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        return frac == 0 ? base : base + "." + pad(frac, 3)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS` in UTC, as ksqlDB casts a `TIMESTAMP` to `STRING`.
    public static func formatTimestamp(millis: Int64) -> String {
        let days = floorDiv(millis, millisPerDay)
        let ms = floorMod(millis, millisPerDay)
        let (y, m, d) = civil(days: days)
        let h = Int(ms / 3_600_000)
        let mi = Int(ms / 60000 % 60)
        let s = Int(ms / 1000 % 60)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(Int(ms % 1000), 3))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let negative = value < 0
        var text = String(value.magnitude)
        if text.count < width { text = String(repeating: "0", count: width - text.count) + text }
        return negative ? "-" + text : text
    }
}
