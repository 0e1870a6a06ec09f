import SluiceCore

/// A literal value as written in SQL (ksqlDB's `literal` rule).
public enum Literal: Hashable, Sendable {
    /// `NULL`
    case null
    /// `TRUE`, `FALSE`
    case boolean(Bool)
    /// `42`, `-7`: a whole number without a decimal point. ksqlDB types it INT when it fits in 32
    /// bits and BIGINT otherwise.
    case integer(Int64)
    /// `1.50`, `.5`, `-2.`: a DECIMAL whose scale is the number of digits after the point.
    ///
    /// The text is normalized (no leading zeros, a `0` before the point, a leading `-` when
    /// negative) and keeps every fraction digit: `1.50` has scale 2.
    case decimal(String)
    /// `1.5E0`, `2e-3`: a DOUBLE (a number with an exponent).
    case double(Double)
    /// `'it''s'`: the text with quotes undoubled (`it's`).
    case string(String)
    /// `${name}` in a literal position, left as written (substitution off).
    case variable(String)
}

/// A time unit in window sizes, join windows, timeouts and time-unit function arguments.
///
/// ksqlDB accepts the singular and the plural of each (`1 SECOND`, `10 SECONDS`); both mean the same.
public enum TimeUnit: String, Hashable, Sendable, CaseIterable {
    case milliseconds = "MILLISECONDS"
    case seconds = "SECONDS"
    case minutes = "MINUTES"
    case hours = "HOURS"
    case days = "DAYS"

    /// The unit of a keyword, singular or plural.
    public init?(keyword: Keyword) {
        switch keyword {
        case .millisecond, .milliseconds: self = .milliseconds
        case .second, .seconds: self = .seconds
        case .minute, .minutes: self = .minutes
        case .hour, .hours: self = .hours
        case .day, .days: self = .days
        default: return nil
        }
    }

    /// The unit's length in milliseconds.
    public var milliseconds: Int64 {
        switch self {
        case .milliseconds: 1
        case .seconds: 1000
        case .minutes: 60_000
        case .hours: 3_600_000
        case .days: 86_400_000
        }
    }

    /// The singular keyword (`SECOND`), used for a count of 1.
    public var singular: String { String(rawValue.dropLast()) }
}

/// A length of time: a count and a unit.
///
///     SIZE 30 SECONDS      ADVANCE BY 1 MINUTE      WITHIN 2 HOURS      TIMEOUT 10 SECONDS
public struct DurationSyntax: Hashable, Sendable {
    /// The count as written; the parser accepts any integer, and the planner rejects what makes no
    /// sense (a negative window size).
    public var value: Int64
    public var unit: TimeUnit
    @SyntaxRange public var range: SourceRange

    public init(_ value: Int64, _ unit: TimeUnit, range: SourceRange = .none) {
        self.value = value
        self.unit = unit
        self.range = range
    }

    /// The length in milliseconds, or nil when it overflows 64 bits.
    public var milliseconds: Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
        return overflow ? nil : product
    }
}
