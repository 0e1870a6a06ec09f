import SluiceCore
import SluiceFunctions

/// Functions that exist only on ksqlDB's test classpath but that its test files call. The
/// conformance runner registers them so those cases test the engine, not the function library.
public enum KsqlTestFunctions {
    public static let all: [ScalarFunction] = [whenCondition, whenResult, badUDF, testUDF, testUDTF, throwingUDTF]

    /// `WHENCONDITION(result, shouldBeEvaluated)`: `result`, or an error when it was evaluated but
    /// should not have been (CASE must evaluate its branches lazily).
    static let whenCondition = ScalarFunction(
        "WHENCONDITION", category: .other, description: "Test function: fails when evaluated unexpectedly.",
        overloads: [
            .init([FunctionParameter("result", .boolean), FunctionParameter("shouldBeEvaluated", .boolean)],
                  returns: .fixed(.boolean), kernel: .binary { result, expected throws(RecordError) in
                      guard case .boolean(true) = expected else { throw RecordError("WHENCONDITION should not be evaluated") }
                      return result
                  }),
        ])

    /// `WHENRESULT(result, shouldBeEvaluated)`: the same for a CASE branch's value.
    static let whenResult = ScalarFunction(
        "WHENRESULT", category: .other, description: "Test function: fails when evaluated unexpectedly.",
        overloads: [
            .init([FunctionParameter("result", .integer), FunctionParameter("shouldBeEvaluated", .boolean)],
                  returns: .fixed(.integer), kernel: .binary { result, expected throws(RecordError) in
                      guard case .boolean(true) = expected else { throw RecordError("WHENRESULT should not be evaluated") }
                      return result
                  }),
        ])

    /// `BAD_UDF(shouldThrow)`: 0, or an error when asked to fail.
    static let badUDF = ScalarFunction(
        "BAD_UDF", category: .other, description: "Test function: fails when its argument is true.",
        overloads: [
            .init([FunctionParameter("shouldThrow", .boolean)], returns: .fixed(.integer),
                  kernel: .unary { shouldThrow throws(RecordError) in
                      if case .boolean(true) = shouldThrow { throw RecordError("boom!") }
                      return .integer(0)
                  }),
        ])

    /// `TEST_UDF(x, s)`: names the overload chosen, to test implicit-cast resolution.
    static let testUDF = ScalarFunction(
        "TEST_UDF", category: .other, description: "Test function: returns the name of the overload it resolved to.",
        overloads: [
            .init([FunctionParameter("x", .integer), FunctionParameter("s", .string)], returns: .fixed(.string),
                  kernel: .binary { _, _ throws(RecordError) in .string("doStuffIntString") }),
            .init([FunctionParameter("x", .bigint), FunctionParameter("s", .string)], returns: .fixed(.string),
                  kernel: .binary { _, _ throws(RecordError) in .string("doStuffLongString") }),
            .init([FunctionParameter("x", .double), FunctionParameter("s", .string)], returns: .fixed(.string),
                  kernel: .binary { _, _ throws(RecordError) in .string("doStuffDoubleString") }),
        ])
}
