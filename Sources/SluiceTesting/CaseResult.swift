/// How one test case ended.
public enum CaseOutcome: Sendable, Equatable {
    case passed
    /// What went wrong, and a readable diff when outputs differ.
    case failed(String)
    /// Only for cases that need a format Sluice does not have (AVRO, PROTOBUF, a schema registry).
    case skipped(String)
}

/// The result of running one test case.
public struct CaseResult: Sendable {
    public var name: String
    public var file: String
    public var outcome: CaseOutcome
    /// Whether the case expected an error.
    public var expectsError: Bool
    /// For a passing error case: whether our message contained ksqlDB's expected message.
    public var messageMatched: Bool?
    /// Wall time in milliseconds.
    public var milliseconds: Int

    public init(
        name: String, file: String, outcome: CaseOutcome, expectsError: Bool, messageMatched: Bool?, milliseconds: Int
    ) {
        self.name = name
        self.file = file
        self.outcome = outcome
        self.expectsError = expectsError
        self.messageMatched = messageMatched
        self.milliseconds = milliseconds
    }

    public var passed: Bool { outcome == .passed }
    public var skipped: Bool { if case .skipped = outcome { true } else { false } }
}
