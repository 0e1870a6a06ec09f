import SluiceCore

/// What Java's `Parsed.resolve` makes of the parsed fields under `ResolverStyle.SMART`: a date
/// when year, month and day (or year and day-of-year) are all there, a time when the hour is, and
/// the fields that did not combine into either.
struct ResolvedFields {
    var fields: ParsedFields
    /// The resolved date as days since 1970-01-01.
    var date: Int64?
    /// The resolved time as nanoseconds since midnight.
    var time: Int64?
    /// One day when `24:00` was read as the midnight that ends a day.
    var excessDays: Int64 = 0
}

/// `Parsed.resolve` for the ISO chronology and the SMART resolver style.
enum FieldResolver {
    private static let dateTimeBits: UInt32 =
        TemporalField.monthOfYear.bit | TemporalField.dayOfMonth.bit
        | TemporalField.hourOfDay.bit | TemporalField.minuteOfHour.bit | TemporalField.secondOfMinute.bit

    /// The common case without the general machinery: year (or year-of-era), month, day, hour,
    /// minute, second, optionally nanos and an offset, all in range. Nil sends the fields through
    /// `resolve`, which also produces the error messages.
    @inline(__always)
    static func resolveDateTime(_ f: ParsedFields) -> ResolvedFields? {
        let rest = f.mask & ~(dateTimeBits | TemporalField.nanoOfSecond.bit | TemporalField.offsetSeconds.bit)
        guard f.mask & dateTimeBits == dateTimeBits,
            rest == TemporalField.yearOfEra.bit || rest == TemporalField.year.bit
        else { return nil }
        let year = rest == TemporalField.year.bit ? f[.year] : f[.yearOfEra]
        let (month, day, hour, minute, second) = (
            f[.monthOfYear], f[.dayOfMonth], f[.hourOfDay], f[.minuteOfHour], f[.secondOfMinute]
        )
        let nano = f.has(.nanoOfSecond) ? f[.nanoOfSecond] : 0
        guard year >= 1 && year <= 999_999_999, month >= 1 && month <= 12, day >= 1 && day <= 31,
            hour >= 0 && hour <= 23, minute >= 0 && minute <= 59, second >= 0 && second <= 59,
            nano >= 0 && nano <= 999_999_999, abs(f.has(.offsetSeconds) ? f[.offsetSeconds] : 0) <= 64800
        else { return nil }
        let y = Int(year)
        let m = Int(month)
        let date = Temporal.days(year: y, month: m, day: min(Int(day), Temporal.daysInMonth(year: y, month: m)))
        var left = ParsedFields()
        if f.has(.offsetSeconds) { left[.offsetSeconds] = f[.offsetSeconds] }
        let time = ((hour * 60 + minute) * 60 + second) * CivilFields.nanosPerSecond + nano
        return ResolvedFields(fields: left, date: date, time: time)
    }

    static func resolve(_ parsed: ParsedFields) throws(ResolveFailure) -> ResolvedFields {
        var r = ResolvedFields(fields: parsed)
        try resolveDateFields(&r)
        try resolveTimeFields(&r)
        if try resolveOtherFields(&r) {
            try resolveDateFields(&r)
            try resolveTimeFields(&r)
        }
        try resolveTimeLeniently(&r)
        try crossCheck(&r)
        if let date = r.date, r.time != nil, r.excessDays != 0 {
            r.date = date + r.excessDays
            r.excessDays = 0
        }
        if let offset = r.fields.get(.offsetSeconds), abs(offset) > 64800 {
            throw ResolveFailure(
                "Zone offset not in valid range: -18:00 to +18:00",
                insideFormatter: r.date != nil && r.time != nil
            )
        }
        return r
    }

    private static func setDate(_ date: Int64, _ r: inout ResolvedFields) throws(ResolveFailure) {
        if let existing = r.date, existing != date {
            throw ResolveFailure(
                "Conflict found: Fields resolved to two different dates: "
                    + "\(CivilFields.dateString(existing)) \(CivilFields.dateString(date))"
            )
        }
        r.date = date
    }

    /// `IsoChronology.resolveDate`: era and year-of-era to year, then year-month-day or year-day.
    private static func resolveDateFields(_ r: inout ResolvedFields) throws(ResolveFailure) {
        let dateMask: UInt32 =
            TemporalField.epochDay.bit | TemporalField.yearOfEra.bit | TemporalField.era.bit | TemporalField.year.bit
        guard r.fields.mask & dateMask != 0 else { return }
        if let epochDay = r.fields.remove(.epochDay) {
            try setDate(try TemporalField.epochDay.check(epochDay), &r)
            return
        }
        if let yearOfEra = r.fields.remove(.yearOfEra) {
            _ = try TemporalField.yearOfEra.check(yearOfEra)
            if let era = r.fields.remove(.era) {
                switch era {
                case 1: try r.fields.add(.year, yearOfEra)
                case 0: try r.fields.add(.year, 1 - yearOfEra)
                default: throw ResolveFailure("Invalid value for era: \(era)")
                }
            } else {
                let year = r.fields.get(.year)
                try r.fields.add(.year, year == nil || year! > 0 ? yearOfEra : 1 - yearOfEra)
            }
        } else if let era = r.fields.get(.era) {
            _ = try TemporalField.era.check(era)
        }
        guard r.fields.has(.year) else { return }
        if r.fields.has(.monthOfYear) && r.fields.has(.dayOfMonth) {
            let year = Int(try TemporalField.year.check(r.fields.remove(.year)!))
            let month = Int(try TemporalField.monthOfYear.check(r.fields.remove(.monthOfYear)!))
            var day = Int(try TemporalField.dayOfMonth.check(r.fields.remove(.dayOfMonth)!))
            // SMART moves a day past the end of the month back to the month's last day.
            day = min(day, Temporal.daysInMonth(year: year, month: month))
            try setDate(Temporal.days(year: year, month: month, day: day), &r)
        } else if r.fields.has(.dayOfYear) {
            let year = Int(try TemporalField.year.check(r.fields.remove(.year)!))
            let dayOfYear = try TemporalField.dayOfYear.check(r.fields.remove(.dayOfYear)!)
            if dayOfYear == 366 && !Temporal.isLeapYear(year) {
                throw ResolveFailure("Invalid date 'DayOfYear 366' as '\(year)' is not a leap year")
            }
            try setDate(Temporal.days(year: year, month: 1, day: 1) + dayOfYear - 1, &r)
        }
    }

    /// `Parsed.resolveTimeFields`: clock hours and AM/PM to hour-of-day, day fractions to their
    /// parts, and hour-minute-second-nano to a time when all four are there.
    private static func resolveTimeFields(_ r: inout ResolvedFields) throws(ResolveFailure) {
        var f = r.fields
        if let ch = f.remove(.clockHourOfDay) {
            if ch != 0 { _ = try TemporalField.clockHourOfDay.check(ch) }
            try f.update(.hourOfDay, ch == 24 ? 0 : ch, resolving: .clockHourOfDay)
        }
        if let ch = f.remove(.clockHourOfAmPm) {
            if ch != 0 { _ = try TemporalField.clockHourOfAmPm.check(ch) }
            try f.update(.hourOfAmPm, ch == 12 ? 0 : ch, resolving: .clockHourOfAmPm)
        }
        if f.has(.amPmOfDay) && f.has(.hourOfAmPm) {
            let amPm = try TemporalField.amPmOfDay.check(f.remove(.amPmOfDay)!)
            let hour = try TemporalField.hourOfAmPm.check(f.remove(.hourOfAmPm)!)
            try f.update(.hourOfDay, amPm * 12 + hour, resolving: .amPmOfDay)
        }
        if let nod = f.remove(.nanoOfDay) {
            _ = try TemporalField.nanoOfDay.check(nod)
            try f.update(.hourOfDay, nod / 3_600_000_000_000, resolving: .nanoOfDay)
            try f.update(.minuteOfHour, nod / 60_000_000_000 % 60, resolving: .nanoOfDay)
            try f.update(.secondOfMinute, nod / 1_000_000_000 % 60, resolving: .nanoOfDay)
            try f.update(.nanoOfSecond, nod % 1_000_000_000, resolving: .nanoOfDay)
        }
        if let mod = f.remove(.milliOfDay) {
            _ = try TemporalField.milliOfDay.check(mod)
            // Java goes through SECOND_OF_DAY, so conflicts name that field.
            let secondOfDay = mod / 1000
            try f.update(.hourOfDay, secondOfDay / 3600, resolving: .milliOfDay)
            try f.update(.minuteOfHour, secondOfDay / 60 % 60, resolving: .milliOfDay)
            try f.update(.secondOfMinute, secondOfDay % 60, resolving: .milliOfDay)
            try f.update(.milliOfSecond, mod % 1000, resolving: .milliOfDay)
        }
        if let nos = f.get(.nanoOfSecond) {
            _ = try TemporalField.nanoOfSecond.check(nos)
            if let los = f.remove(.milliOfSecond) {
                try f.update(.nanoOfSecond, los * 1_000_000 + nos % 1_000_000, resolving: .milliOfSecond)
            }
        }
        let hms =
            TemporalField.hourOfDay.bit | TemporalField.minuteOfHour.bit | TemporalField.secondOfMinute.bit
            | TemporalField.nanoOfSecond.bit
        r.fields = f
        if f.mask & hms == hms {
            let (h, m, s, n) = (f[.hourOfDay], f[.minuteOfHour], f[.secondOfMinute], f[.nanoOfSecond])
            r.fields.removeAll(hms)
            try resolveTime(h, m, s, n, &r)
        }
    }

    private static func resolveTime(_ h: Int64, _ m: Int64, _ s: Int64, _ n: Int64, _ r: inout ResolvedFields)
        throws(ResolveFailure)
    {
        _ = try TemporalField.minuteOfHour.check(m)
        _ = try TemporalField.nanoOfSecond.check(n)
        if h == 24 && m == 0 && s == 0 && n == 0 {
            r.time = 0
            r.excessDays = 1
        } else {
            _ = try TemporalField.hourOfDay.check(h)
            _ = try TemporalField.secondOfMinute.check(s)
            r.time = ((h * 60 + m) * 60 + s) * CivilFields.nanosPerSecond + n
        }
    }

    /// The non-`ChronoField` fields: localized day-of-week becomes DAY_OF_WEEK and the modified
    /// Julian day becomes a date. Returns true when something changed.
    private static func resolveOtherFields(_ r: inout ResolvedFields) throws(ResolveFailure) -> Bool {
        var changed = false
        if let local = r.fields.remove(.localizedDayOfWeek) {
            // Locale.ROOT weeks start on Monday, so the local number is the ISO number.
            r.fields[.dayOfWeek] = try TemporalField.localizedDayOfWeek.check(local)
            changed = true
        }
        if let mjd = r.fields.remove(.modifiedJulianDay) {
            try setDate(try TemporalField.modifiedJulianDay.check(mjd) - 40587, &r)
            changed = true
        }
        return changed
    }

    /// `Parsed.resolveTimeLenient`: an hour alone or with minutes makes a time, the rest defaulting
    /// to zero; remaining time fields must at least be in range.
    private static func resolveTimeLeniently(_ r: inout ResolvedFields) throws(ResolveFailure) {
        if r.time == nil {
            if let los = r.fields.remove(.milliOfSecond) { r.fields[.nanoOfSecond] = los * 1_000_000 }
            let clockBits = TemporalField.hourOfDay.bit | TemporalField.minuteOfHour.bit
                | TemporalField.secondOfMinute.bit | TemporalField.nanoOfSecond.bit
            if r.fields.mask & clockBits == 0, let amPm = r.fields.remove(.amPmOfDay) {
                // AM or PM alone stands for the middle of that half of the day (Java 16+).
                try resolveTime(try TemporalField.amPmOfDay.check(amPm) * 12 + 6, 0, 0, 0, &r)
            }
            if let h = r.fields.get(.hourOfDay) {
                let m = r.fields.get(.minuteOfHour)
                let s = r.fields.get(.secondOfMinute)
                let n = r.fields.get(.nanoOfSecond)
                let cannotDefault = (m == nil && (s != nil || n != nil)) || (m != nil && s == nil && n != nil)
                if !cannotDefault {
                    try resolveTime(h, m ?? 0, s ?? 0, n ?? 0, &r)
                    r.fields.removeAll(
                        TemporalField.hourOfDay.bit | TemporalField.minuteOfHour.bit
                            | TemporalField.secondOfMinute.bit | TemporalField.nanoOfSecond.bit
                    )
                }
            }
        }
        guard r.fields.mask & TemporalField.timeBasedMask != 0 else { return }
        for field in TemporalField.allCases where field.isTimeBased && r.fields.has(field) {
            _ = try field.check(r.fields[field])
        }
    }

    /// `Parsed.crossCheck`: fields left over beside a resolved date or time must agree with it; the
    /// date's fields are checked first.
    private static func crossCheck(_ r: inout ResolvedFields) throws(ResolveFailure) {
        guard r.fields.mask & ~TemporalField.offsetSeconds.bit != 0 else { return }
        if let date = r.date {
            try crossCheck(&r.fields, against: CivilFields.dateString(date)) {
                CivilFields.dateValue($0, epochDay: date)
            }
        }
        if let time = r.time {
            try crossCheck(&r.fields, against: CivilFields.timeString(time)) {
                CivilFields.timeValue($0, nanoOfDay: time)
            }
        }
    }

    private static func crossCheck(
        _ fields: inout ParsedFields, against target: String, _ derive: (TemporalField) -> Int64?
    ) throws(ResolveFailure) {
        for field in TemporalField.allCases where fields.has(field) {
            guard let derived = derive(field) else { continue }
            let parsed = fields[field]
            if derived != parsed {
                throw ResolveFailure(
                    "Conflict found: Field \(field.description) \(derived) differs from \(field.description) \(parsed)"
                        + " derived from \(target)"
                )
            }
            _ = fields.remove(field)
        }
    }
}
