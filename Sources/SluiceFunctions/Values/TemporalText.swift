import SluiceCore

/// The text forms of DATE, TIME and TIMESTAMP that ksqlDB's `SqlTimeTypes` reads and writes: what
/// CAST uses, and what comparisons with string literals parse.
public enum TemporalText {
    static let timestampHelp =
        "\nRequired format is: \"yyyy-MM-dd'T'HH:mm:ss.SSS\", with an optional numeric 4-digit timezone, "
        + "for example: '2020-05-26T23:59:58.000' or with tz: '2020-05-26T23:59:58.000+0200'. "
        + "A trailing 'Z' instead of tz indicates the zero UTC offset. Partials are also supported, "
        + "for example \"2020-05-26\""

    /// Parses a timestamp the way ksqlDB's `PartialStringToTimestampParser` does, to epoch milliseconds.
    ///
    /// `2020-05-26T23:59:58.123` with optional `Z` or offset (`+0200`, `-01:00`); missing trailing
    /// parts default to zero (`2020-05-26T23`, `2020-05-26`, `2020-05`, `2020`).
    public static func parseTimestamp(_ text: String) throws(RecordError) -> Int64 {
        let failure = RecordError("Failed to parse timestamp '\(text)'" + timestampHelp)
        var date: Substring
        var time: Substring
        var zone: Substring = ""
        if let t = text.firstIndex(of: "T") {
            date = text[..<t]
            let withZone = text[text.index(after: t)...]
            if let sign = withZone.firstIndex(where: { $0 == "+" }) ?? withZone.firstIndex(where: { $0 == "-" }) {
                zone = withZone[sign...]
                time = withZone[..<sign]
            } else {
                time = withZone
            }
            if time.hasSuffix("Z") { time = time.dropLast() }
        } else {
            date = Substring(completeDate(text))
            time = ""
        }
        guard let offsetSeconds = zone.isEmpty ? 0 : parseOffset(zone),
            let days = parseDateFields(Array(date.utf8), strict: false),
            let millis = parseTimeFields(Array(completeTime(time).utf8))
        else { throw failure }
        return days * Temporal.millisPerDay + Int64(millis) - Int64(offsetSeconds) * 1000
    }

    /// Parses `HH:mm[:ss[.fraction]]` (Java's `LocalTime.parse`) to milliseconds since midnight.
    public static func parseTime(_ text: String) throws(RecordError) -> Int32 {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, let hour = twoDigits(bytes, 0), bytes[2] == UInt8(ascii: ":"),
            let minute = twoDigits(bytes, 3), hour < 24, minute < 60
        else { throw timeFailure(text) }
        var millis = (hour * 60 + minute) * 60_000
        if bytes.count > 5 {
            guard bytes[5] == UInt8(ascii: ":"), let second = twoDigits(bytes, 6), second < 60 else {
                throw timeFailure(text)
            }
            millis += second * 1000
            if bytes.count > 8 {
                guard bytes[8] == UInt8(ascii: "."), bytes.count <= 18 else { throw timeFailure(text) }
                var fraction = 0
                var digits = 0
                for byte in bytes[9...] {
                    guard byte >= 0x30, byte <= 0x39 else { throw timeFailure(text) }
                    if digits < 3 { fraction = fraction * 10 + Int(byte - 0x30) }
                    digits += 1
                }
                while digits < 3 {
                    fraction *= 10
                    digits += 1
                }
                millis += fraction
            }
        }
        return Int32(millis)
    }

    static func timeFailure(_ text: String) -> RecordError {
        RecordError(
            "Failed to parse time '\(text)'\nRequired format is: \"HH:mm:ss.SSS\", for example: "
                + "'01:34:20.123' or '01:34:20'. Partials are also supported, for example '01:34'"
        )
    }

    /// Parses `yyyy-MM-dd` (Java's `LocalDate.parse`, strict), also accepting `yyyy-MM` and
    /// `yyyy`, to days since the epoch.
    public static func parseDate(_ text: String) throws(RecordError) -> Int32 {
        guard let days = parseDateFields(Array(completeDate(text).utf8), strict: true),
            let result = Int32(exactly: days)
        else {
            throw RecordError(
                "Failed to parse date '\(text)'\nRequired format is: \"yyyy-MM-dd\", for example "
                    + "'2020-05-26'. Partials are also supported, for example '2020-05'"
            )
        }
        return result
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS` in UTC (ksqlDB's `SqlTimeTypes.formatTimestamp`).
    public static func formatTimestamp(_ millis: Int64) -> String {
        Temporal.formatTimestamp(millis: millis)
    }

    /// `HH:mm`, or `HH:mm:ss` when the seconds are not zero; milliseconds are dropped (ksqlDB's
    /// `SqlTimeTypes.formatTime`, which goes through `LocalTime.ofSecondOfDay`).
    public static func formatTime(_ millis: Int32) -> String {
        let seconds = Int(Temporal.floorMod(Int64(millis), Temporal.millisPerDay) / 1000)
        let base = pad2(seconds / 3600) + ":" + pad2(seconds / 60 % 60)
        return seconds % 60 == 0 ? base : base + ":" + pad2(seconds % 60)
    }

    /// `yyyy-MM-dd` as Java's `LocalDate.toString` (`+10000-01-01` beyond year 9999).
    public static func formatDate(_ days: Int32) -> String {
        let (year, month, day) = Temporal.civil(days: Int64(days))
        var yearText = String(year.magnitude)
        if yearText.count < 4 { yearText = String(repeating: "0", count: 4 - yearText.count) + yearText }
        if year < 0 { yearText = "-" + yearText } else if year > 9999 { yearText = "+" + yearText }
        return yearText + "-" + pad2(month) + "-" + pad2(day)
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// ksqlDB's `completeDate`: `2020` → `2020-01-01`, `2020-05` → `2020-05-01`.
    static func completeDate(_ text: String) -> String {
        // Java's split drops trailing empty strings.
        var parts = text.split(separator: "-", omittingEmptySubsequences: false)
        while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        if parts.count == 1 { return text + "-01-01" }
        if parts.count == 2 { return text + "-01" }
        return text
    }

    /// ksqlDB's `completeTime`: pads `HH:mm:ss.SSS` with zeros from the end of `text`.
    static func completeTime(_ text: Substring) -> String {
        let pattern = Array("00:00:00.000".utf8)
        let bytes = Array(text.utf8)
        if bytes.count >= pattern.count { return String(text) }
        return String(decoding: bytes + pattern[bytes.count...], as: UTF8.self)
    }

    static func twoDigits(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at + 1 < bytes.count else { return nil }
        let a = bytes[at] &- 0x30
        let b = bytes[at + 1] &- 0x30
        guard a < 10, b < 10 else { return nil }
        return Int(a) * 10 + Int(b)
    }

    /// `yyyy-MM-dd`; `strict` rejects days past the month's end, otherwise they clamp to it (as
    /// the SMART resolver of ksqlDB's timestamp formatter does).
    static func parseDateFields(_ bytes: [UInt8], strict: Bool) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y1 = twoDigits(bytes, 0), let y2 = twoDigits(bytes, 2), let month = twoDigits(bytes, 5),
            let day = twoDigits(bytes, 8), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let year = y1 * 100 + y2
        let last = Temporal.daysInMonth(year: year, month: month)
        if day > last, strict { return nil }
        return Temporal.days(year: year, month: month, day: min(day, last))
    }

    /// `HH:mm:ss.SSS` exactly.
    static func parseTimeFields(_ bytes: [UInt8]) -> Int? {
        guard bytes.count == 12, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
            bytes[8] == UInt8(ascii: "."), let hour = twoDigits(bytes, 0), let minute = twoDigits(bytes, 3),
            let second = twoDigits(bytes, 6), let f1 = twoDigits(bytes, 9), hour < 24, minute < 60, second < 60
        else { return nil }
        let f2 = bytes[11] &- 0x30
        guard f2 < 10 else { return nil }
        return ((hour * 60 + minute) * 60 + second) * 1000 + f1 * 10 + Int(f2)
    }

    /// A zone offset as Java's `ZoneOffset.of` reads it: `±h`, `±hh`, `±hh:mm`, `±hhmm`,
    /// `±hh:mm:ss`, `±hhmmss`; seconds east of UTC.
    static func parseOffset(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        guard let signByte = bytes.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else {
            return nil
        }
        let body = Array(bytes.dropFirst())
        var hours = 0
        var minutes = 0
        var seconds = 0
        switch body.count {
        case 1:
            guard body[0] >= 0x30, body[0] <= 0x39 else { return nil }
            hours = Int(body[0] - 0x30)
        case 2:
            guard let h = twoDigits(body, 0) else { return nil }
            hours = h
        case 4, 5, 6, 8:
            guard let h = twoDigits(body, 0) else { return nil }
            hours = h
            let colon = body.count == 5 || body.count == 8
            if colon, body[2] != UInt8(ascii: ":") { return nil }
            let m = colon ? 3 : 2
            guard let mm = twoDigits(body, m) else { return nil }
            minutes = mm
            if body.count >= 6 {
                let s = colon ? 6 : 4
                if colon, body[5] != UInt8(ascii: ":") { return nil }
                guard let ss = twoDigits(body, s) else { return nil }
                seconds = ss
            }
        default:
            return nil
        }
        guard hours <= 18, minutes < 60, seconds < 60 else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        guard total <= 18 * 3600 else { return nil }
        return signByte == UInt8(ascii: "-") ? -total : total
    }
}
