import Foundation

/// A time zone as Java's `ZoneId` sees it: a fixed offset (`Z`, `+05:30`), a fixed-offset region
/// (`UTC`, `GMT`, `UTC+01:00`) or a named region with daylight-saving rules (`Europe/London`).
///
/// Fixed offsets never touch Foundation. Named regions look their offsets up through
/// `TimeZone(identifier:)`, so they cost a Foundation call per conversion.
public struct DateTimeZone: Sendable, Hashable, CustomStringConvertible {
    enum Rules: Sendable, Hashable {
        case fixed(offsetSeconds: Int)
        case region(TimeZone)
    }

    /// The identifier Java's `ZoneId.getId()` returns (`Z`, `+05:30`, `UTC`, `Europe/London`).
    public let identifier: String
    let rules: Rules
    /// True for a `ZoneOffset` (as opposed to a `ZoneRegion`); zone-name letters print its id.
    let isOffset: Bool
    /// The offset ksqlDB's 1970-01-01T00:00 starting point has in this zone; it decides overlaps.
    let offsetAtEpochStart: Int

    /// The `UTC` region, ksqlDB's default zone for parsing.
    public static let utc = DateTimeZone(identifier: "UTC", rules: .fixed(offsetSeconds: 0), isOffset: false)

    init(identifier: String, rules: Rules, isOffset: Bool) {
        self.identifier = identifier
        self.rules = rules
        self.isOffset = isOffset
        switch rules {
        case .fixed(let offset):
            offsetAtEpochStart = offset
        case .region(let zone):
            let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))
            offsetAtEpochStart = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(-guess)))
        }
    }

    /// A `ZoneOffset` of `seconds` east of UTC; its identifier is `Z` or `+hh:mm[:ss]`.
    ///
    /// - Throws: `DateTimeZoneError` outside -18:00 ... +18:00.
    public static func offset(seconds: Int) throws(DateTimeZoneError) -> DateTimeZone {
        guard abs(seconds) <= 64800 else {
            throw DateTimeZoneError("Zone offset not in valid range: -18:00 to +18:00")
        }
        return DateTimeZone(
            identifier: offsetIdentifier(seconds),
            rules: .fixed(offsetSeconds: seconds),
            isOffset: true
        )
    }

    /// Parses a zone identifier as `ZoneId.of` does: `Z`, `+5`, `-03:30`, `UTC`, `GMT+2`, `UT-05:00`,
    /// or a region such as `America/Los_Angeles`.
    ///
    /// - Throws: `DateTimeZoneError` with Java's message for malformed or unknown identifiers.
    public init(identifier id: String) throws(DateTimeZoneError) {
        if id.utf8.count <= 1 || id.hasPrefix("+") || id.hasPrefix("-") {
            self = try DateTimeZone.offset(seconds: DateTimeZone.parseOffsetIdentifier(id))
        } else if id.hasPrefix("UTC") || id.hasPrefix("GMT") {
            self = try DateTimeZone.prefixed(id, prefixLength: 3)
        } else if id.hasPrefix("UT") {
            self = try DateTimeZone.prefixed(id, prefixLength: 2)
        } else {
            self = try DateTimeZone.region(id)
        }
    }

    public var description: String { identifier }

    /// True when the zone's offset never changes.
    public var isFixedOffset: Bool {
        if case .fixed = rules { return true }
        return false
    }

    /// The offset of a fixed zone, nil for a region with rules.
    @inline(__always)
    var fixedOffset: Int? {
        if case .fixed(let offset) = rules { return offset }
        return nil
    }

    /// Seconds east of UTC at an instant.
    public func offsetSeconds(atEpochSecond second: Int64) -> Int {
        switch rules {
        case .fixed(let offset): offset
        case .region(let zone): zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
        }
    }

    /// True when daylight-saving time is in effect at an instant.
    func isDaylightSaving(atEpochSecond second: Int64) -> Bool {
        switch rules {
        case .fixed: false
        case .region(let zone): zone.isDaylightSavingTime(for: Date(timeIntervalSince1970: Double(second)))
        }
    }

    /// The instant (epoch second) of a local date-time given as seconds since 1970-01-01T00:00 local.
    ///
    /// Follows `ZonedDateTime.ofLocal`: in a gap the local time moves forward by the gap's length; in
    /// an overlap `preferredOffset` wins when it is one of the two valid offsets, else the earlier one.
    func epochSecond(forLocalSecond local: Int64, preferredOffset: Int? = nil) -> Int64 {
        guard case .region = rules else { return local - Int64(offsetSeconds(atEpochSecond: local)) }
        // At most one transition falls within a day of any local time, so the offsets a day either
        // side are the offsets before and after it.
        let before = offsetSeconds(atEpochSecond: local - 86400)
        let after = offsetSeconds(atEpochSecond: local + 86400)
        if before == after { return local - Int64(before) }
        let beforeValid = offsetSeconds(atEpochSecond: local - Int64(before)) == before
        let afterValid = offsetSeconds(atEpochSecond: local - Int64(after)) == after
        switch (beforeValid, afterValid) {
        case (true, true): return local - Int64(preferredOffset == after ? after : before)
        case (false, true): return local - Int64(after)
        default: return local - Int64(before)
        }
    }

    // MARK: - ZoneId.of

    private static func prefixed(_ id: String, prefixLength: Int) throws(DateTimeZoneError) -> DateTimeZone {
        let prefix = String(id.prefix(prefixLength))
        let rest = String(id.dropFirst(prefixLength))
        if rest.isEmpty { return DateTimeZone(identifier: prefix, rules: .fixed(offsetSeconds: 0), isOffset: false) }
        guard rest.hasPrefix("+") || rest.hasPrefix("-") else { return try region(id) }
        let seconds: Int
        do {
            seconds = try offset(seconds: parseOffsetIdentifier(rest)).offsetSeconds(atEpochSecond: 0)
        } catch {
            throw DateTimeZoneError("Invalid ID for offset-based ZoneId: \(id)")
        }
        return prefixedRegion(prefix, offsetSeconds: seconds)
    }

    /// `ZoneId.ofOffset(prefix, offset)`: `UTC`, `GMT+02:00`, ...
    static func prefixedRegion(_ prefix: String, offsetSeconds seconds: Int) -> DateTimeZone {
        let id = seconds == 0 ? prefix : prefix + offsetIdentifier(seconds)
        return DateTimeZone(identifier: id, rules: .fixed(offsetSeconds: seconds), isOffset: false)
    }

    static func region(_ id: String) throws(DateTimeZoneError) -> DateTimeZone {
        guard isValidRegionSyntax(id) else {
            throw DateTimeZoneError("Invalid ID for region-based ZoneId, invalid format: \(id)")
        }
        guard ZoneIdentifiers.isKnown(id), let zone = TimeZone(identifier: id) else {
            throw DateTimeZoneError("Unknown time-zone ID: \(id)")
        }
        return DateTimeZone(identifier: id, rules: .region(zone), isOffset: false)
    }

    /// A known region identifier matched without regard to case, under its canonical spelling.
    static func knownRegion(caseInsensitive id: String) -> DateTimeZone? {
        guard let canonical = ZoneIdentifiers.canonical(id), let zone = TimeZone(identifier: canonical) else {
            return nil
        }
        return DateTimeZone(identifier: canonical, rules: .region(zone), isOffset: false)
    }

    private static func isValidRegionSyntax(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count >= 2, isASCIILetter(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { b in
            isASCIILetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "~") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        }
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// `ZoneOffset.of(String)`: `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss`, `Z`.
    static func parseOffsetIdentifier(_ text: String) throws(DateTimeZoneError) -> Int {
        if text == "Z" { return 0 }
        var chars = Array(text.utf8)
        func number(_ at: Int, colon: Bool) throws(DateTimeZoneError) -> Int {
            if colon && chars[at - 1] != UInt8(ascii: ":") {
                throw DateTimeZoneError("Invalid ID for ZoneOffset, colon not found when expected: \(text)")
            }
            let d1 = Int(chars[at]) - 48
            let d2 = Int(chars[at + 1]) - 48
            guard (0...9).contains(d1), (0...9).contains(d2) else {
                throw DateTimeZoneError("Invalid ID for ZoneOffset, non numeric characters found: \(text)")
            }
            return d1 * 10 + d2
        }
        if chars.count == 2 { chars.insert(UInt8(ascii: "0"), at: 1) }
        var (hours, minutes, seconds) = (0, 0, 0)
        switch chars.count {
        case 3: hours = try number(1, colon: false)
        case 5: (hours, minutes) = (try number(1, colon: false), try number(3, colon: false))
        case 6: (hours, minutes) = (try number(1, colon: false), try number(4, colon: true))
        case 7:
            (hours, minutes, seconds) = (
                try number(1, colon: false), try number(3, colon: false), try number(5, colon: false)
            )
        case 9:
            (hours, minutes, seconds) = (
                try number(1, colon: false), try number(4, colon: true), try number(7, colon: true)
            )
        default: throw DateTimeZoneError("Invalid ID for ZoneOffset, invalid format: \(text)")
        }
        let sign: Int
        switch chars[0] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: throw DateTimeZoneError("Invalid ID for ZoneOffset, plus/minus not found when expected: \(text)")
        }
        guard hours <= 18 else {
            throw DateTimeZoneError(
                "Zone offset hours not in valid range: value \(sign * hours) is not in the range -18 to 18"
            )
        }
        guard minutes <= 59 else {
            throw DateTimeZoneError(
                "Zone offset minutes not in valid range: value \(sign * minutes) is not in the range -59 to 59"
            )
        }
        guard seconds <= 59 else {
            throw DateTimeZoneError(
                "Zone offset seconds not in valid range: value \(sign * seconds) is not in the range -59 to 59"
            )
        }
        guard hours < 18 || (minutes == 0 && seconds == 0) else {
            throw DateTimeZoneError("Zone offset not in valid range: -18:00 to +18:00")
        }
        return sign * (hours * 3600 + minutes * 60 + seconds)
    }

    /// `ZoneOffset.getId()`: `Z` for zero, else `+hh:mm` with `:ss` when the seconds are not zero.
    static func offsetIdentifier(_ seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        let a = abs(seconds)
        var text = (seconds < 0 ? "-" : "+") + twoDigits(a / 3600) + ":" + twoDigits(a / 60 % 60)
        if a % 60 != 0 { text += ":" + twoDigits(a % 60) }
        return text
    }

    private static func twoDigits(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
