import SluiceCore
import SluiceSQL

/// Reads and checks the properties of a `WITH (...)` clause.
struct WithPropertiesReader {
    let properties: WithProperties
    let statementRange: SourceRange

    /// The properties CREATE STREAM/TABLE and C*AS accept (ksqlDB's CommonCreateConfigs and CreateConfigs).
    static let createProperties: Set<String> = [
        "KAFKA_TOPIC", "PARTITIONS", "REPLICAS", "RETENTION_MS", "CLEANUP_POLICY", "TIMESTAMP", "TIMESTAMP_FORMAT",
        "FORMAT", "KEY_FORMAT", "VALUE_FORMAT", "WRAP_SINGLE_VALUE", "VALUE_DELIMITER", "KEY_DELIMITER", "KEY_SCHEMA_ID",
        "VALUE_SCHEMA_ID", "KEY_SCHEMA_FULL_NAME", "VALUE_SCHEMA_FULL_NAME", "VALUE_AVRO_SCHEMA_FULL_NAME",
        "KEY_PROTOBUF_NULLABLE_REPRESENTATION", "VALUE_PROTOBUF_NULLABLE_REPRESENTATION", "WINDOW_TYPE", "WINDOW_SIZE",
        "SOURCE_CONNECTOR", "SOURCED_BY_CONNECTOR",
    ]

    /// Rejects names outside `allowed`, as ksqlDB does.
    func checkNames(allowed: Set<String>) throws(Diagnostic) {
        let unknown = properties.entries.filter { !allowed.contains(Identifier.normalize($0.name)) }
        guard let first = unknown.first else { return }
        throw .error("Invalid config variable(s) in the WITH clause: "
            + unknown.map { Identifier.normalize($0.name) }.joined(separator: ","), at: first.range)
    }

    func has(_ name: String) -> Bool { properties.entry(named: name) != nil }

    func range(of name: String) -> SourceRange { properties.entry(named: name)?.range ?? statementRange }

    /// A property that must be text (a string literal; other literals are read as their text).
    func string(_ name: String) throws(Diagnostic) -> String? {
        guard let entry = properties.entry(named: name) else { return nil }
        switch entry.value {
        case .string(let text): return text
        case .integer(let value): return String(value)
        case .decimal(let text): return text
        case .boolean(let value): return value ? "true" : "false"
        case .double(let value): return String(value)
        case .null: return nil
        case .variable(let name): throw .error("Undefined variable: \(name)", at: entry.range)
        }
    }

    func integer(_ name: String) throws(Diagnostic) -> Int64? {
        guard let entry = properties.entry(named: name) else { return nil }
        switch entry.value {
        case .integer(let value): return value
        case .string(let text):
            guard let value = Int64(text.trimmingSpaces) else {
                throw .error("Invalid value for \(Identifier.normalize(entry.name)): '\(text)' is not a number", at: entry.range)
            }
            return value
        default:
            throw .error("Invalid value for \(Identifier.normalize(entry.name)): expected a number", at: entry.range)
        }
    }

    func boolean(_ name: String) throws(Diagnostic) -> Bool? {
        guard let entry = properties.entry(named: name) else { return nil }
        switch entry.value {
        case .boolean(let value): return value
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default:
            throw .error("Invalid value for \(Identifier.normalize(entry.name)): expected true or false", at: entry.range)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
