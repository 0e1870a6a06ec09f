/// How a text field is spelled: `TextStyle.SHORT` (3 letters), `FULL` (4) or `NARROW` (5).
enum TextStyle: UInt8, Sendable {
    case short
    case full
    case narrow
}

/// English month, day, era, AM/PM and quarter names, as Java prints them for Locale.ROOT and en_US.
enum TextNames {
    private static let months: [[String]] = [
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ],
        ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
    ]
    private static let days: [[String]] = [
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["M", "T", "W", "T", "F", "S", "S"],
    ]
    private static let eras: [[String]] = [["BC", "AD"], ["Before Christ", "Anno Domini"], ["B", "A"]]
    private static let amPm: [[String]] = [["AM", "PM"], ["AM", "PM"], ["a", "p"]]
    private static let quarters: [[String]] = [
        ["Q1", "Q2", "Q3", "Q4"], ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"], ["1", "2", "3", "4"],
    ]

    /// The names of a field in a style, indexed from the field's smallest value.
    private static func table(_ field: TemporalField, _ style: TextStyle) -> (names: [String], first: Int64) {
        let s = Int(style.rawValue)
        switch field {
        case .monthOfYear: return (months[s], 1)
        case .dayOfWeek: return (days[s], 1)
        case .era: return (eras[s], 0)
        case .amPmOfDay: return (amPm[s], 0)
        default: return (quarters[s], 1)
        }
    }

    /// The text for a value, or nil when the value has no name.
    static func text(_ field: TemporalField, _ style: TextStyle, value: Int64) -> String? {
        let (names, first) = table(field, style)
        let index = value - first
        guard index >= 0 && index < Int64(names.count) else { return nil }
        return names[Int(index)]
    }

    /// The longest name matching the input at `pos` (ASCII case-insensitively), as (value, length).
    ///
    /// Java tries names longest first; for narrow names that several values share (`J`), the value
    /// Java's reverse map keeps is the last one put, the highest.
    static func match(
        _ field: TemporalField,
        _ style: TextStyle,
        in bytes: UnsafeRawBufferPointer,
        at pos: Int,
        end: Int
    ) -> (value: Int64, length: Int)? {
        let (names, first) = table(field, style)
        var best: (value: Int64, length: Int)?
        for (index, name) in names.enumerated() {
            let length = name.utf8.count
            guard pos + length <= end, length >= (best?.length ?? 0) else { continue }
            var matches = true
            var i = pos
            for byte in name.utf8 {
                if !asciiEqualIgnoringCase(bytes[i], byte) {
                    matches = false
                    break
                }
                i += 1
            }
            if matches { best = (Int64(index) + first, length) }
        }
        return best
    }
}

@inline(__always)
func asciiEqualIgnoringCase(_ a: UInt8, _ b: UInt8) -> Bool {
    if a == b { return true }
    let la = a | 0x20
    return la == (b | 0x20) && la >= 0x61 && la <= 0x7A
}
