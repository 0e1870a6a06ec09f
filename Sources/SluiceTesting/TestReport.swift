import SluiceFormats

/// Counts results and renders them: one line per case, a closing summary.
public struct TestReport: Sendable {
    public private(set) var passed = 0
    public private(set) var failed = 0
    public private(set) var skipped = 0
    /// Passing error cases whose message also matched ksqlDB's.
    public private(set) var messagesMatched = 0
    public private(set) var errorCasesPassed = 0
    public private(set) var results: [CaseResult] = []

    public init() {}

    public mutating func add(_ result: CaseResult) {
        results.append(result)
        switch result.outcome {
        case .passed:
            passed += 1
            if result.expectsError {
                errorCasesPassed += 1
                if result.messageMatched == true { messagesMatched += 1 }
            }
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }

    /// `N passed, N failed, N skipped`, plus how many error cases matched ksqlDB's message.
    public var summary: String {
        var text = "\(passed) passed, \(failed) failed, \(skipped) skipped"
        if errorCasesPassed > 0 { text += " (\(messagesMatched) of \(errorCasesPassed) expected errors match ksqlDB's message)" }
        return text
    }

    /// `pass  name`, `FAIL  name` with the reason indented below, `skip  name (reason)`.
    public static func line(_ result: CaseResult) -> String {
        switch result.outcome {
        case .passed where result.expectsError && result.messageMatched == false:
            return "pass  \(result.name) (rejected, with a message other than the expected one)"
        case .passed: return "pass  \(result.name)"
        case .skipped(let reason): return "skip  \(result.name) (\(reason))"
        case .failed(let reason):
            return "FAIL  \(result.name)\n" + reason.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "      " + $0 }.joined(separator: "\n")
        }
    }

    public static func json(_ result: CaseResult) -> String {
        var members: [JSONObject.Member] = [
            .init("name", .string(result.name)), .init("file", .string(result.file)),
        ]
        switch result.outcome {
        case .passed: members.append(.init("status", "pass"))
        case .failed(let reason): members += [.init("status", "fail"), .init("reason", .string(reason))]
        case .skipped(let reason): members += [.init("status", "skip"), .init("reason", .string(reason))]
        }
        members.append(.init("expectsError", .bool(result.expectsError)))
        if let matched = result.messageMatched { members.append(.init("messageMatched", .bool(matched))) }
        members.append(.init("milliseconds", .number(result.milliseconds)))
        return JSONValue.object(JSONObject(members)).compactText
    }
}
