import SluiceSQL

/// One user's settings: SET properties and DEFINE variables. The REPL has one for its lifetime,
/// `sluice exec` and `sluice run` one per invocation.
public final class Session: @unchecked Sendable {
    /// Properties set with `SET 'name' = 'value'` (and `--property` flags).
    public var properties: [String: String]
    /// Variables defined with `DEFINE` (and `--define` flags), substituted into `${name}`.
    public var variables: VariableSubstitution
    /// The directory `RUN SCRIPT` resolves relative paths against.
    public var workingDirectory: String

    public init(properties: [String: String] = [:], variables: [String: String] = [:], workingDirectory: String = ".") {
        self.properties = properties
        self.variables = VariableSubstitution(variables)
        self.workingDirectory = workingDirectory
    }

    /// `auto.offset.reset`: where a new query starts reading, `latest` (ksqlDB's default) or `earliest`.
    public var startsFromEarliest: Bool {
        let value = properties.first { $0.key.lowercased() == "auto.offset.reset" || $0.key.lowercased() == "ksql.streams.auto.offset.reset" }?.value
        return value?.lowercased() == "earliest"
    }
}
