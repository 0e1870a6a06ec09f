/// An expression failing on one record: a bad cast, a division by zero, a function rejecting its
/// input.
///
/// The job keeps running. The runtime turns an error in a SELECT expression into NULL and an error
/// in a WHERE clause into a dropped row, and writes both to the processing log.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in the words of the Java exception ksqlDB would log (`/ by zero`).
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The processing-log text ksqlDB writes when a projected expression fails.
    ///
    ///     Error computing expression (PRICE / QTY) for column KSQL_COL_0 with index 1: / by zero
    public func computing(expression: String, column: String, index: Int) -> String {
        "Error computing expression \(expression) for column \(column) with index \(index): \(message)"
    }
}

/// A type mistake found while planning: an operator, cast or function applied to types it does
/// not accept. The planner attaches the source range and reports it as a `Diagnostic`.
public struct SQLTypeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
