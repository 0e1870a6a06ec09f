import SluiceCore
import SluiceTime

extension DateTimeFunctions {
    static let parseDate = ScalarFunction(
        "PARSE_DATE", category: .dateTime,
        description:
            "Parses a string in a DateTimeFormatter pattern into a DATE; missing fields default to 1970-01-01 and "
            + "a pattern with time fields is an error.",
        overloads: [
            parsing("date", returns: .date) { pattern, text throws(RecordError) in .date(try days(pattern, text)) }
        ])

    static let stringToDate = ScalarFunction(
        "STRINGTODATE", category: .dateTime,
        description: "Parses a string in a DateTimeFormatter pattern into days since 1970-01-01 (INT).",
        overloads: [
            parsing("date", returns: .integer) { pattern, text throws(RecordError) in
                .integer(try days(pattern, text))
            }
        ])

    static let parseTime = ScalarFunction(
        "PARSE_TIME", category: .dateTime,
        description:
            "Parses a string in a DateTimeFormatter pattern into a TIME; a pattern with date fields is an error.",
        overloads: [
            parsing("time", returns: .time) { pattern, text throws(RecordError) in
                do throws(DateTimeParseError) {
                    return .time(Int32(try pattern.parseTime(text)))
                } catch {
                    throw RecordError(error.message)
                }
            }
        ])

    static func days(_ pattern: DateTimePattern, _ text: UnsafeRawBufferPointer) throws(RecordError) -> Int32 {
        do throws(DateTimeParseError) {
            let days = try pattern.parseDate(text)
            guard let narrow = Int32(exactly: days) else { throw DateTimeParseError("Date out of range: \(days)") }
            return narrow
        } catch {
            throw RecordError(error.message)
        }
    }

    /// An overload `(text STRING, pattern STRING)` that parses with `body`.
    static func parsing(
        _ noun: String, returns: SQLType,
        _ body: @escaping @Sendable (DateTimePattern, UnsafeRawBufferPointer) throws(RecordError) -> Value
    ) -> FunctionOverload {
        FunctionOverload(
            [.p("formatted" + noun.capitalized, .string), .p("formatPattern", .string)], returns: .fixed(returns)
        ) { (site: CallSite) -> ScalarKernel in
            let patterns = pattern(site, 1)
            return .strict { text, format throws(RecordError) in
                let bytes = text.byteStringValue!
                do throws(RecordError) {
                    let pattern = try patterns.get(format)
                    return try bytes.withTypedBytes { (raw) throws(RecordError) in try body(pattern, raw) }
                } catch {
                    throw RecordError(
                        "Failed to parse \(noun) '\(bytes.string)' with formatter '\(format.byteStringValue!.string)': "
                            + error.message)
                }
            }
        }
    }

    static let formatDate = ScalarFunction(
        "FORMAT_DATE", category: .dateTime, description: "Formats a DATE with a DateTimeFormatter pattern.",
        overloads: [formatting("date", .date)])

    static let dateToString = ScalarFunction(
        "DATETOSTRING", category: .dateTime,
        description: "Formats days since 1970-01-01 (INT) with a DateTimeFormatter pattern.",
        overloads: [formatting("date", .integer)])

    static let formatTime = ScalarFunction(
        "FORMAT_TIME", category: .dateTime, description: "Formats a TIME with a DateTimeFormatter pattern.",
        overloads: [formatting("time", .time)])

    /// An overload `(value, pattern STRING)` for a DATE, INT days or TIME value.
    static func formatting(_ noun: String, _ type: ParameterType) -> FunctionOverload {
        FunctionOverload([.p(noun, type), .p("formatPattern", .string)], returns: .fixed(.string)) {
            (site: CallSite) -> ScalarKernel in
            let patterns = pattern(site, 1)
            return .strict { value, format throws(RecordError) in
                do throws(RecordError) {
                    let pattern = try patterns.get(format)
                    do throws(DateTimeFormatError) {
                        switch value {
                        case .time(let millis): return .string(try pattern.format(timeMillis: Int64(millis)))
                        case .date(let days), .integer(let days): return .string(try pattern.format(days: Int64(days)))
                        default: return .null
                        }
                    } catch {
                        throw RecordError(error.message)
                    }
                } catch {
                    let shown = ValueText.castString(value, type: type.fixedType!) ?? "null"
                    throw RecordError(
                        "Failed to format \(noun) \(shown) with formatter '\(format.byteStringValue!.string)': "
                            + error.message)
                }
            }
        }
    }
}
