import SluiceCore

/// Which schemas each format can carry, with ksqlDB's messages for those it cannot.
enum FormatValidation {
    /// `The 'DELIMITED' format does not support type 'ARRAY', column: `K`` (KAFKA names no column).
    static func unsupportedTypeReason(_ kind: FormatKind, column: Column) -> String {
        let base = "The '\(kind.rawValue)' format does not support type '\(column.type.baseName)'"
        return kind == .delimited ? base + ", column: " + quotedName(column.name) : base
    }

    static func kafkaReason(_ columns: [Column]) -> String? {
        guard columns.count == 1 else {
            return "The 'KAFKA' format only supports a single field. Got: [\(columnList(columns))]"
        }
        guard KafkaFieldKind(columns[0].type) != nil else { return unsupportedTypeReason(.kafka, column: columns[0]) }
        return nil
    }

    /// Why `format` cannot carry these columns, without the envelope; `nil` when it can.
    static func formatReason(_ format: FormatSpec, columns: [Column]) -> String? {
        switch format.kind {
        case .json:
            if columns.contains(where: { hasNonStringMapKey($0.type) }) { return "JSON only supports MAP types with STRING keys" }
        case .delimited:
            if let column = columns.first(where: { DelimitedFieldKind($0.type) == nil }) {
                return unsupportedTypeReason(.delimited, column: column)
            }
        case .kafka:
            return columns.isEmpty ? nil : kafkaReason(columns)
        case .none:
            if !columns.isEmpty {
                return "The 'NONE' format can only be used when no columns are defined. Got: [\(columnList(columns))]"
            }
        default:
            return "Sluice does not support the '\(format.kind.rawValue)' format"
        }
        return nil
    }

    /// ksqlDB's envelope around a format's reason.
    static func schemaMessage(_ format: FormatSpec, columns: [Column], isKey: Bool, reason: String) -> String {
        var features = ""
        if !isKey, let wrap = format.wrapSingleValue { features = wrap ? "WRAP_SINGLES" : "UNWRAP_SINGLES" }
        return "\(isKey ? "Key" : "Value") format does not support schema.\nformat: \(format.kind.rawValue)\n"
            + "schema: Persistence{columns=[\(columnList(columns))], features=[\(features)]}\nreason: \(reason)"
    }

    static func mapKeyMessage(_ column: Column) -> String {
        "Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior "
            + "due to inconsistent serialization. Key column name: \(quotedName(column.name)). Column type: "
            + "\(column.type.canonicalText). See https://github.com/confluentinc/ksql/issues/6621 for more."
    }

    /// `` `K1` INTEGER KEY, `V` STRING `` as ksqlDB lists a persistence schema's columns.
    static func columnList(_ columns: [Column]) -> String {
        columns.map { "\(quotedName($0.name)) \($0.type.canonicalText)\($0.isKey ? " KEY" : "")" }.joined(separator: ", ")
    }

    static func quotedName(_ name: String) -> String {
        "`" + name.doublingBackquotes + "`"
    }

    static func containsMap(_ type: SQLType) -> Bool {
        switch type {
        case .map: true
        case .array(let element): containsMap(element)
        case .struct(let fields): fields.contains { containsMap($0.type) }
        default: false
        }
    }

    static func hasNonStringMapKey(_ type: SQLType) -> Bool {
        switch type {
        case .map(let key, let value): key != .string || hasNonStringMapKey(value)
        case .array(let element): hasNonStringMapKey(element)
        case .struct(let fields): fields.contains { hasNonStringMapKey($0.type) }
        default: false
        }
    }
}
