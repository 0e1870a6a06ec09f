/// Turns a pattern string into the flat element list, following
/// `DateTimeFormatterBuilder.appendPattern` letter by letter.
struct PatternCompiler {
    private(set) var elements: [PatternElement] = []
    private(set) var literals: [UInt8] = []
    /// Index of the number element that later fixed-width numbers reserve digits from.
    private var activeValue: Int?
    private var openSections: [Int] = []

    static func compile(_ pattern: String) throws(DateTimePatternError) -> PatternCompiler {
        var compiler = PatternCompiler()
        try compiler.run(Array(pattern.unicodeScalars), pattern: pattern)
        for start in compiler.openSections.reversed() {
            compiler.elements[start] = .optional(end: compiler.elements.count)
        }
        return compiler
    }

    private mutating func run(_ chars: [Unicode.Scalar], pattern: String) throws(DateTimePatternError) {
        var pos = 0
        while pos < chars.count {
            let cur = chars[pos]
            if isLetter(cur) {
                var count = run(of: cur, in: chars, from: &pos)
                var letter = cur
                var padWidth = 0
                if letter == "p" {
                    if pos < chars.count, isLetter(chars[pos]) {
                        padWidth = count
                        letter = chars[pos]
                        count = run(of: letter, in: chars, from: &pos)
                    }
                    guard padWidth > 0 else {
                        throw DateTimePatternError("Pad letter 'p' must be followed by valid pad pattern: \(pattern)")
                    }
                    elements.append(.pad(width: padWidth))
                }
                try appendLetter(Character(letter), count: count, padded: padWidth > 0)
            } else if cur == "'" {
                let start = pos
                pos += 1
                while pos < chars.count {
                    if chars[pos] == "'" {
                        if pos + 1 < chars.count && chars[pos + 1] == "'" {
                            pos += 1
                        } else {
                            break
                        }
                    }
                    pos += 1
                }
                guard pos < chars.count else {
                    throw DateTimePatternError("Pattern ends with an incomplete string literal: \(pattern)")
                }
                var text = String.UnicodeScalarView()
                var i = start + 1
                while i < pos {
                    text.append(chars[i])
                    // Inside quotes, '' stands for one quote.
                    i += chars[i] == "'" ? 2 : 1
                }
                appendLiteral(text.isEmpty ? "'" : String(text))
                pos += 1
            } else if cur == "[" {
                openSections.append(elements.count)
                elements.append(.optional(end: 0))
                activeValue = nil
                pos += 1
            } else if cur == "]" {
                guard let start = openSections.popLast() else {
                    throw DateTimePatternError("Pattern invalid as it contains ] without previous [")
                }
                elements[start] = .optional(end: elements.count)
                activeValue = nil
                pos += 1
            } else if cur == "{" || cur == "}" || cur == "#" {
                throw DateTimePatternError("Pattern includes reserved character: '\(cur)'")
            } else {
                appendLiteral(String(cur))
                pos += 1
            }
        }
    }

    private func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") }

    private func run(of letter: Unicode.Scalar, in chars: [Unicode.Scalar], from pos: inout Int) -> Int {
        let start = pos
        while pos < chars.count && chars[pos] == letter { pos += 1 }
        return pos - start
    }

    private mutating func appendLiteral(_ text: String) {
        let bytes = Array(text.utf8)
        if bytes.count == 1 {
            elements.append(.byte(bytes[0]))
        } else {
            elements.append(.literal(start: literals.count, count: bytes.count))
            literals.append(contentsOf: bytes)
        }
        activeValue = nil
    }

    private mutating func append(_ element: PatternElement) {
        elements.append(element)
        activeValue = nil
    }

    private func tooMany(_ letter: Character) -> DateTimePatternError {
        DateTimePatternError("Too many pattern letters: \(letter)")
    }

    private func textStyle(_ count: Int, _ letter: Character) throws(DateTimePatternError) -> TextStyle {
        switch count {
        case ...3: return .short
        case 4: return .full
        case 5: return .narrow
        default: throw tooMany(letter)
        }
    }

    private mutating func appendLetter(_ letter: Character, count: Int, padded: Bool) throws(DateTimePatternError) {
        switch letter {
        case "G":
            append(.text(.era, try textStyle(count, letter)))
        case "y", "u", "Y":
            let field: TemporalField = letter == "u" ? .year : .yearOfEra
            if count == 2 {
                try appendNumber(
                    NumberSpec(field: field, minWidth: 2, maxWidth: 2, sign: .notNegative),
                    padded,
                    reduced: true
                )
            } else {
                try appendNumber(field, count, 19, count < 4 ? .normal : .exceedsPad, padded)
            }
        case "M", "L", "Q", "q":
            let field: TemporalField = (letter == "M" || letter == "L") ? .monthOfYear : .quarterOfYear
            switch count {
            case 1: try appendNumber(field, 1, 19, .normal, padded)
            case 2: try appendNumber(field, 2, 2, .notNegative, padded)
            default: append(.text(field, try textStyle(count, letter)))
            }
        case "D":
            switch count {
            case 1: try appendNumber(.dayOfYear, 1, 19, .normal, padded)
            case 2, 3: try appendNumber(.dayOfYear, count, 3, .notNegative, padded)
            default: throw tooMany(letter)
            }
        case "d", "h", "H", "k", "K", "m", "s", "F":
            let field: TemporalField =
                switch letter {
                case "d": .dayOfMonth
                case "h": .clockHourOfAmPm
                case "H": .hourOfDay
                case "k": .clockHourOfDay
                case "K": .hourOfAmPm
                case "m": .minuteOfHour
                case "s": .secondOfMinute
                default: .alignedDayOfWeekInMonth
                }
            switch count {
            case 1: try appendNumber(field, 1, 19, .normal, padded)
            case 2 where letter != "F": try appendNumber(field, 2, 2, .notNegative, padded)
            default: throw tooMany(letter)
            }
        case "g":
            try appendNumber(.modifiedJulianDay, count, 19, .normal, padded)
        case "E":
            append(.text(.dayOfWeek, try textStyle(count, letter)))
        case "e", "c":
            if count == 2 && letter == "c" { throw DateTimePatternError("Invalid pattern \"cc\"") }
            if count <= 2 {
                try appendNumber(.localizedDayOfWeek, count, count, .notNegative, padded)
            } else {
                append(.text(.dayOfWeek, try textStyle(count, letter)))
            }
        case "a":
            guard count == 1 else { throw tooMany(letter) }
            append(.text(.amPmOfDay, .short))
        case "S":
            guard count <= 9 else {
                throw DateTimePatternError("Minimum width must be from 0 to 9 inclusive but was \(count)")
            }
            try appendNumber(
                NumberSpec(field: .nanoOfSecond, minWidth: count, maxWidth: count, sign: .notNegative),
                padded,
                fraction: true
            )
        case "A", "n", "N":
            let field: TemporalField = letter == "A" ? .milliOfDay : letter == "n" ? .nanoOfSecond : .nanoOfDay
            try appendNumber(field, count, 19, .notNegative, padded)
        case "V":
            guard count == 2 else { throw DateTimePatternError("Pattern letter count must be 2: V") }
            append(.zoneId)
        case "z":
            guard count <= 4 else { throw tooMany(letter) }
            append(.zoneText(full: count == 4))
        case "Z":
            switch count {
            case ...3: appendOffset(.hhmm, noOffsetText: "+0000")
            case 4: append(.localizedOffset(full: true))
            case 5: appendOffset(.hhColonMmColonSsOptional, noOffsetText: "Z")
            default: throw tooMany(letter)
            }
        case "O":
            guard count == 1 || count == 4 else { throw DateTimePatternError("Pattern letter count must be 1 or 4: O") }
            append(.localizedOffset(full: count == 4))
        case "X", "x":
            guard count <= 5 else { throw tooMany(letter) }
            let styles: [OffsetStyle] = [.hhmmOptional, .hhmm, .hhColonMm, .hhmmssOptional, .hhColonMmColonSsOptional]
            let zero = letter == "X" ? "Z" : count == 1 ? "+00" : count % 2 == 0 ? "+0000" : "+00:00"
            appendOffset(styles[count - 1], noOffsetText: zero)
        case "v", "w", "W", "B":
            throw DateTimePatternError("Pattern letter not supported: \(letter)")
        default:
            throw DateTimePatternError("Unknown pattern letter: \(letter)")
        }
    }

    private mutating func appendOffset(_ style: OffsetStyle, noOffsetText: String) {
        let bytes = Array(noOffsetText.utf8)
        elements.append(.offset(style, noOffsetStart: literals.count, noOffsetCount: bytes.count))
        literals.append(contentsOf: bytes)
        activeValue = nil
    }

    private mutating func appendNumber(
        _ field: TemporalField,
        _ minWidth: Int,
        _ maxWidth: Int,
        _ sign: SignStyle,
        _ padded: Bool
    ) throws(DateTimePatternError) {
        guard minWidth >= 1 && minWidth <= 19 else {
            throw DateTimePatternError("The minimum width must be from 1 to 19 inclusive but was \(minWidth)")
        }
        try appendNumber(NumberSpec(field: field, minWidth: minWidth, maxWidth: maxWidth, sign: sign), padded)
    }

    /// `DateTimeFormatterBuilder.appendValue(NumberPrinterParser)`: a fixed-width number right after
    /// another number lends its width to that number's parse; anything else starts a new run.
    private mutating func appendNumber(
        _ spec: NumberSpec,
        _ padded: Bool,
        reduced: Bool = false,
        fraction: Bool = false
    ) throws(DateTimePatternError) {
        let element: PatternElement = reduced ? .reducedYear(spec) : fraction ? .fraction(spec) : .number(spec)
        elements.append(element)
        // A padded number sits behind its pad marker, so it cannot share digits with its neighbours.
        if padded {
            activeValue = nil
            return
        }
        if let active = activeValue, spec.isFixedWidth {
            lendWidth(spec.maxWidth, to: active)
        } else {
            // A variable-width number ends the run; Java then makes the previous number fixed-width,
            // which drops any digits lent to it so far.
            if let active = activeValue { lendWidth(nil, to: active) }
            activeValue = elements.count - 1
        }
    }

    /// Adds `width` reserved digits to the number at `index`, or with nil marks it fixed-width
    /// (Java's `withFixedWidth`, subsequent width -1).
    private mutating func lendWidth(_ width: Int?, to index: Int) {
        func lent(_ base: NumberSpec) -> NumberSpec {
            var base = base
            if let width { base.subsequentWidth = max(base.subsequentWidth, 0) + width } else { base.subsequentWidth = -1 }
            return base
        }
        switch elements[index] {
        case .number(let base):
            elements[index] = .number(lent(base))
        case .reducedYear(let base):
            elements[index] = .reducedYear(lent(base))
        default:
            // Java's fraction parser ignores the reserved width when parsing strictly.
            break
        }
    }
}
