import Foundation

/// The region identifiers Java's `ZoneId.getAvailableZoneIds()` knows, read once from the system
/// time-zone database.
///
/// Foundation's `TimeZone(identifier:)` alone is too lenient (it accepts abbreviations such as
/// `PST`), and `TimeZone.knownTimeZoneIdentifiers` omits links such as `US/Pacific` and `Etc/UTC`,
/// so the zones and links of `tzdata.zi` are the reference, as they are for Java's `tzdb.dat`.
enum ZoneIdentifiers {
    /// Lower-cased identifier → canonical spelling.
    private static let byLowercase: [String: String] = {
        var ids = Set(TimeZone.knownTimeZoneIdentifiers)
        ids.formUnion(["UTC", "GMT", "Etc/UTC", "Etc/GMT"])
        for path in ["/usr/share/zoneinfo/tzdata.zi", "/usr/share/zoneinfo.default/tzdata.zi"] {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count >= 2 && parts[0] == "Z" { ids.insert(String(parts[1])) }
                if parts.count >= 3 && parts[0] == "L" { ids.insert(String(parts[2])) }
            }
            break
        }
        var map: [String: String] = [:]
        for id in ids { map[id.lowercased()] = id }
        return map
    }()

    /// The longest identifier length, which bounds how far a zone-id parser looks ahead.
    static let maxLength: Int = byLowercase.keys.map(\.utf8.count).max() ?? 32

    static func isKnown(_ id: String) -> Bool { byLowercase[id.lowercased()] == id }

    static func canonical(_ id: String) -> String? { byLowercase[id.lowercased()] }
}
