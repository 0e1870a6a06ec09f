/// The field values read from one text: Java's `Parsed.fieldValues` without a hash map.
///
/// One `Int64` slot per `TemporalField` plus a bit mask of the slots that are set. A plain value
/// type, so an optional section can snapshot and restore it by copying.
struct ParsedFields {
    private var slots: (
        Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64,
        Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var mask: UInt32 = 0
    /// A zone read by `VV` or `z` (Java keeps it apart from the fields).
    var zone: DateTimeZone?

    init() {}

    @inline(__always)
    func has(_ field: TemporalField) -> Bool { mask & field.bit != 0 }

    @inline(__always)
    subscript(_ field: TemporalField) -> Int64 {
        get {
            withUnsafeBytes(of: slots) { $0.load(fromByteOffset: Int(field.rawValue) &* 8, as: Int64.self) }
        }
        set {
            withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: newValue, toByteOffset: Int(field.rawValue) &* 8, as: Int64.self) }
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
    mutating func update(_ field: TemporalField, _ value: Int64, resolving target: TemporalField) throws(ResolveFailure) {
        if let old = get(field), old != value {
            throw ResolveFailure(
                "Conflict found: \(field.description) \(old) differs from \(field.description) \(value) while resolving  \(target.description)")
        }
        self[field] = value
    }

    /// `AbstractChronology.addFieldValue`: store, failing when a different value is already there.
    mutating func add(_ field: TemporalField, _ value: Int64) throws(ResolveFailure) {
        if let old = get(field), old != value {
            throw ResolveFailure("Conflict found: \(field.description) \(old) differs from \(field.description) \(value)")
        }
        self[field] = value
    }

    /// The set fields in Java's `Map.toString` form, `{MonthOfYear=1, Year=2022}`.
    var description: String {
        let parts = TemporalField.allCases.filter(has).map { "\($0.description)=\(self[$0])" }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
