/// `+ - * / %`.
public enum ArithmeticOperator: String, Hashable, Sendable, Codable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}

/// `= <> < <= > >=`.
public enum ComparisonOperator: String, Hashable, Sendable, Codable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator only tests (in)equality, which is all BOOLEAN and structured types support.
    public var isEquality: Bool { self == .equal || self == .notEqual }

    /// ksqlDB's name for the operator in type errors (`GREATER_THAN_OR_EQUAL`).
    public var ksqlName: String {
        switch self {
        case .equal: "EQUAL"
        case .notEqual: "NOT_EQUAL"
        case .less: "LESS_THAN"
        case .lessOrEqual: "LESS_THAN_OR_EQUAL"
        case .greater: "GREATER_THAN"
        case .greaterOrEqual: "GREATER_THAN_OR_EQUAL"
        }
    }
}
