import Foundation

/// English time-zone names as Java 17 prints them for pattern letter `z` (`PDT`, `British Summer
/// Time`) and the zone each name parses to.
///
/// Java's names come from CLDR with the JRE's legacy abbreviations as fallback; this table holds the
/// zones people actually put in pipelines. Zones outside it print Foundation's abbreviation or name.
enum ZoneNames {
    struct Group {
        let standardShort: String
        let daylightShort: String
        let standardLong: String
        let daylightLong: String
        /// The first zone is the one a name parses to (Java's metazone default for the name).
        let zones: [String]
    }

    static let groups: [Group] = [
        Group(
            standardShort: "UTC",
            daylightShort: "UTC",
            standardLong: "Coordinated Universal Time",
            daylightLong: "Coordinated Universal Time",
            zones: ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu", "Etc/Universal", "Etc/Zulu"]
        ),
        Group(
            standardShort: "GMT",
            daylightShort: "GMT",
            standardLong: "Greenwich Mean Time",
            daylightLong: "Greenwich Mean Time",
            zones: [
                "GMT", "Etc/GMT", "Greenwich", "GMT0", "Etc/GMT0", "Etc/Greenwich", "GMT+0", "GMT-0",
                "Etc/GMT+0", "Etc/GMT-0", "Africa/Abidjan", "Africa/Accra", "Atlantic/Reykjavik",
            ]
        ),
        Group(
            standardShort: "PST",
            daylightShort: "PDT",
            standardLong: "Pacific Standard Time",
            daylightLong: "Pacific Daylight Time",
            zones: ["America/Los_Angeles", "America/Vancouver", "America/Tijuana", "US/Pacific", "PST8PDT"]
        ),
        Group(
            standardShort: "MST",
            daylightShort: "MDT",
            standardLong: "Mountain Standard Time",
            daylightLong: "Mountain Daylight Time",
            zones: [
                "America/Denver", "America/Phoenix", "America/Edmonton", "America/Boise", "US/Mountain",
                "US/Arizona", "MST7MDT", "MST",
            ]
        ),
        Group(
            standardShort: "CST",
            daylightShort: "CDT",
            standardLong: "Central Standard Time",
            daylightLong: "Central Daylight Time",
            zones: [
                "America/Chicago", "America/Winnipeg", "America/Mexico_City", "America/Regina",
                "US/Central", "CST6CDT",
            ]
        ),
        Group(
            standardShort: "EST",
            daylightShort: "EDT",
            standardLong: "Eastern Standard Time",
            daylightLong: "Eastern Daylight Time",
            zones: [
                "America/New_York", "America/Toronto", "America/Detroit", "America/Indiana/Indianapolis",
                "America/Kentucky/Louisville", "US/Eastern", "EST5EDT", "EST",
            ]
        ),
        Group(
            standardShort: "AKST",
            daylightShort: "AKDT",
            standardLong: "Alaska Standard Time",
            daylightLong: "Alaska Daylight Time",
            zones: ["America/Anchorage", "America/Juneau", "US/Alaska"]
        ),
        Group(
            standardShort: "HST",
            daylightShort: "HDT",
            standardLong: "Hawaii-Aleutian Standard Time",
            daylightLong: "Hawaii-Aleutian Daylight Time",
            zones: ["Pacific/Honolulu", "US/Hawaii", "HST"]
        ),
        Group(
            standardShort: "AST",
            daylightShort: "ADT",
            standardLong: "Atlantic Standard Time",
            daylightLong: "Atlantic Daylight Time",
            zones: ["America/Halifax", "America/Puerto_Rico", "Atlantic/Bermuda"]
        ),
        Group(
            standardShort: "NST",
            daylightShort: "NDT",
            standardLong: "Newfoundland Standard Time",
            daylightLong: "Newfoundland Daylight Time",
            zones: ["America/St_Johns"]
        ),
        Group(
            standardShort: "BRT",
            daylightShort: "BRST",
            standardLong: "Brasilia Standard Time",
            daylightLong: "Brasilia Summer Time",
            zones: ["America/Sao_Paulo"]
        ),
        Group(
            standardShort: "ART",
            daylightShort: "ARST",
            standardLong: "Argentina Standard Time",
            daylightLong: "Argentina Summer Time",
            zones: ["America/Argentina/Buenos_Aires", "America/Buenos_Aires"]
        ),
        Group(
            standardShort: "GMT",
            daylightShort: "BST",
            standardLong: "Greenwich Mean Time",
            daylightLong: "British Summer Time",
            zones: ["Europe/London", "GB", "Europe/Belfast"]
        ),
        Group(
            standardShort: "WET",
            daylightShort: "WEST",
            standardLong: "Western European Standard Time",
            daylightLong: "Western European Summer Time",
            zones: ["Europe/Lisbon", "Atlantic/Canary", "WET"]
        ),
        Group(
            standardShort: "CET",
            daylightShort: "CEST",
            standardLong: "Central European Standard Time",
            daylightLong: "Central European Summer Time",
            zones: [
                "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam",
                "Europe/Brussels", "Europe/Vienna", "Europe/Zurich", "Europe/Stockholm", "Europe/Oslo",
                "Europe/Copenhagen", "Europe/Warsaw", "Europe/Prague", "Europe/Budapest", "Europe/Belgrade",
                "Europe/Luxembourg", "Europe/Monaco", "Africa/Lagos", "CET", "MET",
            ]
        ),
        Group(
            standardShort: "EET",
            daylightShort: "EEST",
            standardLong: "Eastern European Standard Time",
            daylightLong: "Eastern European Summer Time",
            zones: [
                "Europe/Bucharest", "Europe/Athens", "Europe/Helsinki", "Europe/Kiev", "Europe/Kyiv",
                "Europe/Sofia", "Europe/Riga", "Europe/Vilnius", "Europe/Tallinn", "Africa/Cairo", "EET",
            ]
        ),
        Group(
            standardShort: "MSK",
            daylightShort: "MSD",
            standardLong: "Moscow Standard Time",
            daylightLong: "Moscow Summer Time",
            zones: ["Europe/Moscow", "W-SU"]
        ),
        Group(
            standardShort: "TRT",
            daylightShort: "TRT",
            standardLong: "Turkey Time",
            daylightLong: "Turkey Time",
            zones: ["Europe/Istanbul", "Turkey"]
        ),
        Group(
            standardShort: "IST",
            daylightShort: "IDT",
            standardLong: "India Standard Time",
            daylightLong: "India Daylight Time",
            zones: ["Asia/Kolkata", "Asia/Calcutta"]
        ),
        Group(
            standardShort: "GST",
            daylightShort: "GST",
            standardLong: "Gulf Standard Time",
            daylightLong: "Gulf Standard Time",
            zones: ["Asia/Dubai", "Asia/Muscat"]
        ),
        Group(
            standardShort: "PKT",
            daylightShort: "PKST",
            standardLong: "Pakistan Standard Time",
            daylightLong: "Pakistan Summer Time",
            zones: ["Asia/Karachi"]
        ),
        Group(
            standardShort: "ICT",
            daylightShort: "ICT",
            standardLong: "Indochina Time",
            daylightLong: "Indochina Time",
            zones: ["Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Saigon"]
        ),
        Group(
            standardShort: "WIB",
            daylightShort: "WIB",
            standardLong: "Western Indonesia Time",
            daylightLong: "Western Indonesia Time",
            zones: ["Asia/Jakarta"]
        ),
        Group(
            standardShort: "SGT",
            daylightShort: "SGT",
            standardLong: "Singapore Standard Time",
            daylightLong: "Singapore Standard Time",
            zones: ["Asia/Singapore", "Singapore"]
        ),
        Group(
            standardShort: "HKT",
            daylightShort: "HKST",
            standardLong: "Hong Kong Standard Time",
            daylightLong: "Hong Kong Summer Time",
            zones: ["Asia/Hong_Kong", "Hongkong"]
        ),
        Group(
            standardShort: "CST",
            daylightShort: "CDT",
            standardLong: "China Standard Time",
            daylightLong: "China Daylight Time",
            zones: ["Asia/Shanghai", "Asia/Chongqing", "PRC", "Asia/Taipei"]
        ),
        Group(
            standardShort: "JST",
            daylightShort: "JDT",
            standardLong: "Japan Standard Time",
            daylightLong: "Japan Daylight Time",
            zones: ["Asia/Tokyo", "Japan"]
        ),
        Group(
            standardShort: "KST",
            daylightShort: "KDT",
            standardLong: "Korean Standard Time",
            daylightLong: "Korean Daylight Time",
            zones: ["Asia/Seoul", "ROK"]
        ),
        Group(
            standardShort: "AWST",
            daylightShort: "AWDT",
            standardLong: "Australian Western Standard Time",
            daylightLong: "Australian Western Daylight Time",
            zones: ["Australia/Perth"]
        ),
        Group(
            standardShort: "ACST",
            daylightShort: "ACDT",
            standardLong: "Australian Central Standard Time",
            daylightLong: "Australian Central Daylight Time",
            zones: ["Australia/Adelaide", "Australia/Darwin"]
        ),
        Group(
            standardShort: "AEST",
            daylightShort: "AEDT",
            standardLong: "Australian Eastern Standard Time",
            daylightLong: "Australian Eastern Daylight Time",
            zones: [
                "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Hobart",
                "Australia/Canberra",
            ]
        ),
        Group(
            standardShort: "NZST",
            daylightShort: "NZDT",
            standardLong: "New Zealand Standard Time",
            daylightLong: "New Zealand Daylight Time",
            zones: ["Pacific/Auckland", "NZ"]
        ),
        Group(
            standardShort: "SAST",
            daylightShort: "SAST",
            standardLong: "South Africa Standard Time",
            daylightLong: "South Africa Standard Time",
            zones: ["Africa/Johannesburg"]
        ),
        Group(
            standardShort: "EAT",
            daylightShort: "EAT",
            standardLong: "East Africa Time",
            daylightLong: "East Africa Time",
            zones: ["Africa/Nairobi", "Africa/Addis_Ababa"]
        ),
    ]

    private static let groupByZone: [String: Group] = {
        var map: [String: Group] = [:]
        for group in groups { for zone in group.zones where map[zone] == nil { map[zone] = group } }
        return map
    }()

    /// Name (upper-cased) → zone identifier, separately for short and long names.
    private static let zoneByName: (short: [String: String], long: [String: String]) = {
        var short: [String: String] = [:]
        var long: [String: String] = [:]
        for group in groups {
            let zone = group.zones[0]
            for name in [group.standardShort, group.daylightShort] where short[name.uppercased()] == nil {
                short[name.uppercased()] = zone
            }
            for name in [group.standardLong, group.daylightLong] where long[name.uppercased()] == nil {
                long[name.uppercased()] = zone
            }
        }
        return (short, long)
    }()

    /// The longest name of any zone, which bounds how far the zone-name parser looks ahead.
    static let maxNameLength = groups.map { max($0.standardLong.utf8.count, $0.daylightLong.utf8.count) }.max() ?? 0

    /// Java's `z` (`full == false`) or `zzzz` text for a zone at an instant.
    static func name(of zone: DateTimeZone, atEpochSecond second: Int64, full: Bool) -> String {
        if zone.isOffset { return zone.identifier }
        let daylight = zone.isDaylightSaving(atEpochSecond: second)
        if let group = groupByZone[zone.identifier] {
            switch (full, daylight) {
            case (false, false): return group.standardShort
            case (false, true): return group.daylightShort
            case (true, false): return group.standardLong
            case (true, true): return group.daylightLong
            }
        }
        guard case .region(let timeZone) = zone.rules else { return zone.identifier }
        let date = Date(timeIntervalSince1970: Double(second))
        if full {
            let style: NSTimeZone.NameStyle = daylight ? .daylightSaving : .standard
            return timeZone.localizedName(for: style, locale: Locale(identifier: "en_US")) ?? zone.identifier
        }
        return timeZone.abbreviation(for: date) ?? zone.identifier
    }

    /// The zone a name parses to; `name` is compared without regard to case.
    static func zone(named name: String, full: Bool) -> String? {
        (full ? zoneByName.long : zoneByName.short)[name.uppercased()]
    }

}
