import SluiceCore

extension ArrayFunctions {
    /// The longest series GENERATE_SERIES builds; a longer one is a record error rather than an
    /// allocation that could take the process down.
    static let maxSeriesLength = 10_000_000

    static let generateSeries = ScalarFunction(
        "GENERATE_SERIES", category: .array,
        description:
            "Returns the integers from start to end, both inclusive, stepping by 1 (or -1 when end is below "
            + "start) or by the given step, whose sign must lead from start towards end.",
        overloads: [
            series(.integer, step: false), series(.integer, step: true),
            series(.bigint, step: false), series(.bigint, step: true),
        ])

    static func series(_ type: ParameterType, step: Bool) -> FunctionOverload {
        let wide = type == .bigint
        var parameters: [FunctionParameter] = [.p("start", type), .p("end", type)]
        if step { parameters.append(.p("step", .integer)) }
        let returns = ReturnTypeRule.fixed(.array(type.fixedType!))
        if step {
            return FunctionOverload(
                parameters, returns: returns,
                kernel: .strict { start, end, step throws(RecordError) in
                    try generate(start.int64Value!, end.int64Value!, Int64(step.int32Value!), wide: wide)
                })
        }
        return FunctionOverload(
            parameters, returns: returns,
            kernel: .strict { start, end throws(RecordError) in
                let from = start.int64Value!
                let to = end.int64Value!
                return try generate(from, to, to > from ? 1 : -1, wide: wide)
            })
    }

    /// `start`, `start + step`, ... up to `end`, as INT or BIGINT values.
    static func generate(_ start: Int64, _ end: Int64, _ step: Int64, wide: Bool) throws(RecordError) -> Value {
        guard step != 0 else { throw RecordError("GENERATE_SERIES step cannot be zero") }
        let (difference, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow else { throw RecordError("GENERATE_SERIES range is too large") }
        if difference > 0 && step < 0 || difference < 0 && step > 0 {
            throw RecordError("GENERATE_SERIES step has wrong sign")
        }
        let (steps, stepOverflow) = difference.dividedReportingOverflow(by: step)
        let (count, countOverflow) = steps.addingReportingOverflow(1)
        guard !stepOverflow, !countOverflow, count <= Int64(maxSeriesLength) else {
            throw RecordError("GENERATE_SERIES would return more than \(maxSeriesLength) elements")
        }
        var elements: [Value] = []
        elements.reserveCapacity(Int(count))
        var current = start
        for _ in 0..<count {
            elements.append(wide ? .bigint(current) : .integer(Int32(truncatingIfNeeded: current)))
            current &+= step
        }
        return .array(elements)
    }
}
