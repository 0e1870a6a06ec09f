import SluiceCore
import SluiceTime

/// PARSE_TIMESTAMP, FORMAT_TIMESTAMP, PARSE_DATE, FORMAT_DATE, PARSE_TIME, FORMAT_TIME and their
/// older BIGINT/INT forms STRINGTOTIMESTAMP, TIMESTAMPTOSTRING, STRINGTODATE, DATETOSTRING. Patterns
/// are Java `DateTimeFormatter` patterns; the default zone is UTC.
enum DateTimeFunctions {
    static let all: [ScalarFunction] =
        [
            parseTimestamp, stringToTimestamp, formatTimestamp, timestampToString, parseDate, stringToDate,
            formatDate, dateToString, parseTime, formatTime,
        ] + DateTimeFunctions.arithmetic + DateTimeFunctions.conversions

    /// The zone ksqlDB's single-zone overloads use (`ZoneId.systemDefault()` on a UTC server).
    static let defaultZoneName = "UTC"

    static func pattern(_ site: CallSite, _ index: Int) -> PreparedArgument<DateTimePattern> {
        PreparedArgument(site, index) { text throws(RecordError) in
            do throws(DateTimePatternError) {
                return try DateTimePattern(text)
            } catch {
                throw RecordError(error.message)
            }
        }
    }

    static func zone(_ site: CallSite, _ index: Int) -> PreparedArgument<DateTimeZone> {
        PreparedArgument(site, index) { text throws(RecordError) in try zone(named: text) }
    }

    static func zone(named name: String) throws(RecordError) -> DateTimeZone {
        do throws(DateTimeZoneError) {
            return try DateTimeZone(identifier: name)
        } catch {
            throw RecordError(error.message)
        }
    }

    // MARK: - Timestamps

    static let parseTimestamp = ScalarFunction(
        "PARSE_TIMESTAMP", category: .dateTime,
        description:
            "Parses a string in a DateTimeFormatter pattern into a TIMESTAMP, in UTC or the given zone unless the "
            + "text has its own. Quote literal text in the pattern: 'yyyy-MM-dd''T''HH:mm:ssX'.",
        overloads: [
            parsingTimestamp(zoned: false, returns: .timestamp), parsingTimestamp(zoned: true, returns: .timestamp),
        ])

    static let stringToTimestamp = ScalarFunction(
        "STRINGTOTIMESTAMP", category: .dateTime,
        description:
            "Parses a string in a DateTimeFormatter pattern into milliseconds since the epoch (BIGINT), in UTC or "
            + "the given zone unless the text has its own.",
        overloads: [parsingTimestamp(zoned: false, returns: .bigint), parsingTimestamp(zoned: true, returns: .bigint)])

    static func parsingTimestamp(zoned: Bool, returns: SQLType) -> FunctionOverload {
        var parameters: [FunctionParameter] = [.p("formattedTimestamp", .string), .p("formatPattern", .string)]
        if zoned { parameters.append(.p("timeZone", .string)) }
        let isTimestamp = returns == .timestamp
        return FunctionOverload(parameters, returns: .fixed(returns)) { (site: CallSite) -> ScalarKernel in
            let patterns = pattern(site, 1)
            guard zoned else {
                return .strict { text, format throws(RecordError) in
                    let millis = try parse(text, format, patterns, zoneName: defaultZoneName) { .utc }
                    return isTimestamp ? .timestamp(millis) : .bigint(millis)
                }
            }
            let zones = zone(site, 2)
            return .strict { text, format, zoneName throws(RecordError) in
                let millis = try parse(text, format, patterns, zoneName: zoneName.byteStringValue!.string) {
                    () throws(RecordError) in try zones.get(zoneName)
                }
                return isTimestamp ? .timestamp(millis) : .bigint(millis)
            }
        }
    }

    /// Parses straight from the value's UTF-8 bytes; the text is only turned into a `String` for
    /// an error message.
    static func parse(
        _ text: Value, _ format: Value, _ patterns: PreparedArgument<DateTimePattern>,
        zoneName: @autoclosure () -> String, zone: () throws(RecordError) -> DateTimeZone
    ) throws(RecordError) -> Int64 {
        let bytes = text.byteStringValue!
        do throws(RecordError) {
            let pattern = try patterns.get(format)
            let defaultZone = try zone()
            do throws(DateTimeParseError) {
                return try bytes.withTypedBytes { (raw) throws(DateTimeParseError) in
                    try pattern.parseTimestamp(raw, defaultZone: defaultZone)
                }
            } catch {
                throw RecordError(error.message)
            }
        } catch {
            throw RecordError(
                "Failed to parse timestamp '\(bytes.string)' at timezone '\(zoneName())' with formatter "
                    + "'\(format.byteStringValue!.string)': " + error.message)
        }
    }

    static let formatTimestamp = ScalarFunction(
        "FORMAT_TIMESTAMP", category: .dateTime,
        description: "Formats a TIMESTAMP with a DateTimeFormatter pattern, in UTC or the given zone.",
        overloads: [formattingTimestamp(zoned: false, .timestamp), formattingTimestamp(zoned: true, .timestamp)])

    static let timestampToString = ScalarFunction(
        "TIMESTAMPTOSTRING", category: .dateTime,
        description:
            "Formats milliseconds since the epoch (BIGINT) with a DateTimeFormatter pattern, in UTC or the given "
            + "zone.",
        overloads: [formattingTimestamp(zoned: false, .bigint), formattingTimestamp(zoned: true, .bigint)])

    static func formattingTimestamp(zoned: Bool, _ type: ParameterType) -> FunctionOverload {
        var parameters: [FunctionParameter] = [.p("timestamp", type), .p("formatPattern", .string)]
        if zoned { parameters.append(.p("timeZone", .string)) }
        return FunctionOverload(parameters, returns: .fixed(.string)) { (site: CallSite) -> ScalarKernel in
            let patterns = pattern(site, 1)
            guard zoned else {
                return .strict { value, format throws(RecordError) in
                    try self.format(value, format, patterns, zoneName: nil) { .utc }
                }
            }
            let zones = zone(site, 2)
            return .strict { value, format, zoneName throws(RecordError) in
                try self.format(value, format, patterns, zoneName: zoneName.byteStringValue!.string) {
                    () throws(RecordError) in try zones.get(zoneName)
                }
            }
        }
    }

    static func format(
        _ value: Value, _ format: Value, _ patterns: PreparedArgument<DateTimePattern>,
        zoneName: @autoclosure () -> String?, zone: () throws(RecordError) -> DateTimeZone
    ) throws(RecordError) -> Value {
        let millis = value.timestampMillis ?? value.int64Value!
        do throws(RecordError) {
            let pattern = try patterns.get(format)
            let target = try zone()
            do throws(DateTimeFormatError) {
                return .string(try pattern.format(epochMillis: millis, zone: target))
            } catch {
                throw RecordError(error.message)
            }
        } catch {
            let shown = value.timestampMillis.map(ValueText.sqlTimestampString) ?? String(millis)
            let zoneText = zoneName().map { " at timeZone '\($0)'" } ?? ""
            throw RecordError(
                "Failed to format timestamp \(shown)\(zoneText) with formatter '\(format.byteStringValue!.string)': "
                    + error.message)
        }
    }
}
