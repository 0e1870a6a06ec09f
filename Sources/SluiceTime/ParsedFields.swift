/// The field values read from one text: Java's `Parsed.fieldValues` without a hash map.
///
/// One `Int64` per `TemporalField` plus a bit mask of the fields that are set. Plain data, so an
/// optional section can snapshot and restore it by copying. A zone read by `VV` or `z` travels
/// beside it (Java also keeps the zone apart from the field map).
struct ParsedFields {
    // One stored property per field: a switch over them compiles to a jump table, where an
    // indexed tuple would be copied whole on every read.
    private var nanoOfSecond: Int64 = 0
    private var nanoOfDay: Int64 = 0
    private var milliOfSecond: Int64 = 0
    private var milliOfDay: Int64 = 0
    private var secondOfMinute: Int64 = 0
    private var minuteOfHour: Int64 = 0
    private var hourOfAmPm: Int64 = 0
    private var clockHourOfAmPm: Int64 = 0
    private var hourOfDay: Int64 = 0
    private var clockHourOfDay: Int64 = 0
    private var amPmOfDay: Int64 = 0
    private var dayOfWeek: Int64 = 0
    private var alignedDayOfWeekInMonth: Int64 = 0
    private var dayOfMonth: Int64 = 0
    private var dayOfYear: Int64 = 0
    private var epochDay: Int64 = 0
    private var monthOfYear: Int64 = 0
    private var yearOfEra: Int64 = 0
    private var year: Int64 = 0
    private var era: Int64 = 0
    private var offsetSeconds: Int64 = 0
    private var quarterOfYear: Int64 = 0
    private var localizedDayOfWeek: Int64 = 0
    private var modifiedJulianDay: Int64 = 0
    private(set) var mask: UInt32 = 0

    init() {}

    @inline(__always)
    func has(_ field: TemporalField) -> Bool { mask & field.bit != 0 }

    @inline(__always)
    subscript(_ field: TemporalField) -> Int64 {
        get {
            switch field {
            case .nanoOfSecond: nanoOfSecond
            case .nanoOfDay: nanoOfDay
            case .milliOfSecond: milliOfSecond
            case .milliOfDay: milliOfDay
            case .secondOfMinute: secondOfMinute
            case .minuteOfHour: minuteOfHour
            case .hourOfAmPm: hourOfAmPm
            case .clockHourOfAmPm: clockHourOfAmPm
            case .hourOfDay: hourOfDay
            case .clockHourOfDay: clockHourOfDay
            case .amPmOfDay: amPmOfDay
            case .dayOfWeek: dayOfWeek
            case .alignedDayOfWeekInMonth: alignedDayOfWeekInMonth
            case .dayOfMonth: dayOfMonth
            case .dayOfYear: dayOfYear
            case .epochDay: epochDay
            case .monthOfYear: monthOfYear
            case .yearOfEra: yearOfEra
            case .year: year
            case .era: era
            case .offsetSeconds: offsetSeconds
            case .quarterOfYear: quarterOfYear
            case .localizedDayOfWeek: localizedDayOfWeek
            case .modifiedJulianDay: modifiedJulianDay
            }
        }
        set {
            switch field {
            case .nanoOfSecond: nanoOfSecond = newValue
            case .nanoOfDay: nanoOfDay = newValue
            case .milliOfSecond: milliOfSecond = newValue
            case .milliOfDay: milliOfDay = newValue
            case .secondOfMinute: secondOfMinute = newValue
            case .minuteOfHour: minuteOfHour = newValue
            case .hourOfAmPm: hourOfAmPm = newValue
            case .clockHourOfAmPm: clockHourOfAmPm = newValue
            case .hourOfDay: hourOfDay = newValue
            case .clockHourOfDay: clockHourOfDay = newValue
            case .amPmOfDay: amPmOfDay = newValue
            case .dayOfWeek: dayOfWeek = newValue
            case .alignedDayOfWeekInMonth: alignedDayOfWeekInMonth = newValue
            case .dayOfMonth: dayOfMonth = newValue
            case .dayOfYear: dayOfYear = newValue
            case .epochDay: epochDay = newValue
            case .monthOfYear: monthOfYear = newValue
            case .yearOfEra: yearOfEra = newValue
            case .year: year = newValue
            case .era: era = newValue
            case .offsetSeconds: offsetSeconds = newValue
            case .quarterOfYear: quarterOfYear = newValue
            case .localizedDayOfWeek: localizedDayOfWeek = newValue
            case .modifiedJulianDay: modifiedJulianDay = newValue
            }
            mask |= field.bit
        }
    }

    /// The value if set.
    @inline(__always)
    func get(_ field: TemporalField) -> Int64? { has(field) ? self[field] : nil }

    /// `DateTimeParseContext.setParsedField`: stores a value, or reports false when the field
    /// already holds a different one (the same field twice in a pattern must agree).
    @inline(__always)
    mutating func set(_ field: TemporalField, _ value: Int64) -> Bool {
        if has(field) { return self[field] == value }
        self[field] = value
        return true
    }

    mutating func remove(_ field: TemporalField) -> Int64? {
        guard has(field) else { return nil }
        mask &= ~field.bit
        return self[field]
    }

    mutating func removeAll(_ bits: UInt32) { mask &= ~bits }

    /// Java's `Map.put` followed by a conflict check, as in `Parsed.updateCheckConflict`.
    mutating func update(_ field: TemporalField, _ value: Int64, resolving target: TemporalField) throws(ResolveFailure)
    {
        if let old = get(field), old != value {
            throw ResolveFailure(
                "Conflict found: \(field.description) \(old) differs from \(field.description) \(value)"
                    // Java's message has two spaces here.
                    + " while resolving  \(target.description)"
            )
        }
        self[field] = value
    }

    /// `AbstractChronology.addFieldValue`: store, failing when a different value is already there.
    mutating func add(_ field: TemporalField, _ value: Int64) throws(ResolveFailure) {
        if let old = get(field), old != value {
            throw ResolveFailure(
                "Conflict found: \(field.description) \(old) differs from \(field.description) \(value)"
            )
        }
        self[field] = value
    }

    /// The set fields in Java's `Map.toString` form, `{MonthOfYear=1, Year=2022}`.
    var description: String {
        let parts = TemporalField.allCases.filter(has).map { "\($0.description)=\(self[$0])" }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
