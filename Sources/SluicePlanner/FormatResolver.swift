import SluiceCore
import SluiceFormats
import SluiceSQL

/// Picks the key and value formats of a new source from its WITH clause, what it inherits (a
/// C*AS inherits its source's formats) and the session's defaults, with ksqlDB's checks.
struct FormatResolver {
    let reader: WithPropertiesReader
    let context: PlannerContext

    func resolve(inherited: (key: FormatSpec, value: FormatSpec)?, keyColumns: [Column], valueColumns: [Column],
                 isCreateAsSelect: Bool) throws(Diagnostic) -> (key: FormatSpec, value: FormatSpec) {
        let both = try reader.string("FORMAT")
        for single in ["KEY_FORMAT", "VALUE_FORMAT"] where both != nil && reader.has(single) {
            throw .error("Cannot supply both '\(single)' and 'FORMAT' properties, as 'FORMAT' sets both key and value "
                + "formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.", at: reader.range(of: single))
        }
        let keyProperty = try reader.string("KEY_FORMAT")
        let valueProperty = try reader.string("VALUE_FORMAT")
        let explicitKey = both ?? keyProperty
        let explicitValue = both ?? valueProperty
        var key: FormatSpec
        if let name = explicitKey {
            key = FormatSpec(try kind(name, property: both != nil ? "FORMAT" : "KEY_FORMAT"))
        } else if let inherited {
            key = inherited.key
            if key.kind == .none && !keyColumns.isEmpty {
                key = FormatSpec(try defaultKeyFormat())
            }
        } else {
            key = FormatSpec(try defaultKeyFormat())
        }
        var value: FormatSpec
        if let name = explicitValue {
            value = FormatSpec(try kind(name, property: both != nil ? "FORMAT" : "VALUE_FORMAT"))
        } else if let inherited {
            value = FormatSpec(inherited.value.kind, delimiter: inherited.value.delimiter)
        } else if let name = context.property("ksql.persistence.default.format.value") {
            value = FormatSpec(try kind(name, property: "ksql.persistence.default.format.value"))
        } else {
            throw .error("Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or "
                + "set a default via the 'ksql.persistence.default.format.value' config.", at: reader.statementRange)
        }
        if keyColumns.isEmpty {
            if isCreateAsSelect && reader.has("KEY_FORMAT") {
                throw .error("Key format specified for stream without key columns.", at: reader.range(of: "KEY_FORMAT"))
            }
            // A keyless source keeps a key format it was given explicitly (a later PARTITION BY
            // inherits it); otherwise its key format is NONE.
            if isCreateAsSelect || explicitKey == nil { key = .none }
        }
        try applyDelimiter("KEY_DELIMITER", to: &key)
        try applyDelimiter("VALUE_DELIMITER", to: &value)
        try applyWrapping(to: &value, valueColumns: valueColumns)
        try validate(key, keyColumns, isKey: true)
        try validate(value, valueColumns, isKey: false)
        return (key, value)
    }

    private func defaultKeyFormat() throws(Diagnostic) -> FormatKind {
        guard let name = context.property("ksql.persistence.default.format.key") else { return .kafka }
        return try kind(name, property: "ksql.persistence.default.format.key")
    }

    private func kind(_ name: String, property: String) throws(Diagnostic) -> FormatKind {
        guard let kind = FormatKind(name: name) else {
            throw .error("Unknown format: \(name.uppercased())", at: reader.range(of: property))
        }
        return kind
    }

    private func applyDelimiter(_ property: String, to format: inout FormatSpec) throws(Diagnostic) {
        guard let text = try reader.string(property) else { return }
        guard format.kind == .delimited else {
            throw .error("\(format.kind.rawValue) does not support the following configs: [delimiter]", at: reader.range(of: property))
        }
        do {
            format.delimiter = try Serdes.parseDelimiter(text, property: property)
        } catch {
            throw .error("Failed to prepare statement: \(error)", at: reader.range(of: property))
        }
    }

    private func applyWrapping(to format: inout FormatSpec, valueColumns: [Column]) throws(Diagnostic) {
        var wrap = try reader.boolean("WRAP_SINGLE_VALUE")
        let explicit = wrap != nil
        if wrap == nil, let session = context.property("ksql.persistence.wrap.single.values") {
            wrap = session.lowercased() == "true"
        }
        guard let wrap else { return }
        if explicit && valueColumns.count != 1 {
            throw .error("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas", at: reader.range(of: "WRAP_SINGLE_VALUE"))
        }
        if explicit && wrap && (format.kind == .delimited || format.kind == .kafka) {
            throw .error("Format '\(format.kind.rawValue)' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
                         at: reader.range(of: "WRAP_SINGLE_VALUE"))
        }
        if valueColumns.count == 1 && format.kind == .json { format.wrapSingleValue = wrap }
    }

    private func validate(_ format: FormatSpec, _ columns: [Column], isKey: Bool) throws(Diagnostic) {
        if let problem = Serdes.validate(format, columns: columns, isKey: isKey) {
            throw .error(problem, at: reader.statementRange)
        }
    }
}
