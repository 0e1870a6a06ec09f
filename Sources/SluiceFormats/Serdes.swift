import SluiceCore

/// Entry points for formats: building decoders and encoders, checking schemas, reading the
/// `*_DELIMITER` property.
public enum Serdes {
    /// Whether a record of these columns is a single bare value: a single key column always is
    /// (unless `WRAP_SINGLE_VALUE` is explicitly true), a single value column when
    /// `WRAP_SINGLE_VALUE` is false.
    public static func isUnwrapped(_ format: FormatSpec, columnCount: Int, isKey: Bool) -> Bool {
        guard format.kind == .json, columnCount == 1 else { return false }
        return isKey ? format.wrapSingleValue != true : format.wrapSingleValue == false
    }

    /// A decoder for the key (`isKey`) or value of records in `format` with `columns`.
    ///
    ///     let decoder = try Serdes.makeDecoder(format: source.valueFormat, columns: valueColumns, isKey: false,
    ///                                          slots: valueColumns.indices.map { $0 + keyColumns.count })
    ///     let present = try decoder.decode(valueBytes, into: row, arena: &batchArena)
    ///
    /// - Parameters:
    ///   - columns: the key columns or the value columns, in schema order (header columns belong to
    ///     neither: they come from the record's headers).
    ///   - slots: the row slot each column is written to; `nil` means `0..<columns.count`.
    ///   - skipping: indexes of columns the caller does not read. JSON objects step over their
    ///     values and leave their slots alone; positional formats decode them anyway.
    /// - Throws: `SerdeError` with `validate`'s message when the format cannot carry the columns.
    public static func makeDecoder(
        format: FormatSpec, columns: [Column], isKey: Bool, slots: [Int]? = nil, skipping: Set<Int> = []
    ) throws(SerdeError) -> any RowDecoder {
        if let problem = validate(format, columns: columns, isKey: isKey) { throw SerdeError(problem) }
        switch format.kind {
        case .json:
            if isKey && columns.isEmpty { return NoneRowDecoder() }
            let unwrapped = isUnwrapped(format, columnCount: columns.count, isKey: isKey)
            return JSONRowDecoder(columns: columns, slots: slots, unwrapped: unwrapped, skipping: skipping)
        case .delimited:
            return try DelimitedRowDecoder(columns: columns, slots: slots, delimiter: format.delimiter)
        case .kafka:
            return columns.isEmpty ? NoneRowDecoder() : try KafkaRowDecoder(columns: columns, slots: slots)
        default:
            return NoneRowDecoder()
        }
    }

    /// An encoder for the key (`isKey`) or value of records in `format` with `columns`.
    ///
    ///     var out = OutputBuffer()                  // reused for the whole batch
    ///     let start = out.count
    ///     if try encoder.encode(row, into: &out) { /* bytes start..<out.count */ } else { /* null */ }
    ///
    /// - Parameters:
    ///   - sources: the row index of each column's value; `nil` means `0..<columns.count`.
    /// - Throws: `SerdeError` with `validate`'s message when the format cannot carry the columns.
    public static func makeEncoder(
        format: FormatSpec, columns: [Column], isKey: Bool, sources: [Int]? = nil
    ) throws(SerdeError) -> any RowEncoder {
        if let problem = validate(format, columns: columns, isKey: isKey) { throw SerdeError(problem) }
        switch format.kind {
        case .json:
            if isKey && columns.isEmpty { return NoneRowEncoder() }
            let unwrapped = isUnwrapped(format, columnCount: columns.count, isKey: isKey)
            return JSONRowEncoder(columns: columns, sources: sources, unwrapped: unwrapped, isKey: isKey)
        case .delimited:
            return try DelimitedRowEncoder(columns: columns, sources: sources, delimiter: format.delimiter, isKey: isKey)
        case .kafka:
            return columns.isEmpty ? NoneRowEncoder() : try KafkaRowEncoder(columns: columns, sources: sources)
        default:
            return NoneRowEncoder()
        }
    }

    /// ksqlDB's error message when `format` cannot carry `columns` as a key or value, or `nil`.
    ///
    /// Checks, in order: a format Sluice lacks; map types in key columns; `WRAP_SINGLE_VALUE` on a
    /// format that is always unwrapped (DELIMITED, KAFKA) or on several value columns; the types
    /// each format supports (JSON: maps need STRING keys; DELIMITED: no ARRAY/MAP/STRUCT; KAFKA: one
    /// INT, BIGINT, DOUBLE, STRING or BYTES column; NONE: no columns). Format-level reasons come
    /// in ksqlDB's envelope (`Key format does not support schema.` … `reason: …`).
    public static func validate(_ format: FormatSpec, columns: [Column], isKey: Bool) -> String? {
        guard format.kind.isSupported else { return "Sluice does not support the '\(format.kind.rawValue)' format" }
        if isKey, let column = columns.first(where: { FormatValidation.containsMap($0.type) }) {
            return FormatValidation.mapKeyMessage(column)
        }
        if !isKey, let wrap = format.wrapSingleValue {
            if wrap, format.kind == .delimited || format.kind == .kafka {
                return "Format '\(format.kind.rawValue)' does not support 'WRAP_SINGLE_VALUE' set to 'true'."
            }
            if columns.count != 1, format.kind != .none {
                return "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas"
            }
        }
        guard let reason = FormatValidation.formatReason(format, columns: columns) else { return nil }
        return FormatValidation.schemaMessage(format, columns: columns, isKey: isKey, reason: reason)
    }

    /// Reads a `VALUE_DELIMITER` / `KEY_DELIMITER` value: one character, or `TAB` or `SPACE`.
    ///
    /// - Parameter property: the property's name; when given, the message reads
    ///   `Configuration VALUE_DELIMITER is invalid: …` as ksqlDB's does.
    /// - Throws: `SerdeError` for an empty or blank value (which asks for `TAB`/`SPACE`), several
    ///   characters, or a character outside ASCII (Sluice delimiters are single bytes).
    public static func parseDelimiter(_ text: String, property: String? = nil) throws(SerdeError) -> UInt8 {
        let prefix = property.map { "Configuration \($0) is invalid: " } ?? ""
        let example = "\nExample valid value: ';'"
        if text.unicodeScalars.allSatisfy({ $0.value <= 0x20 }) {
            throw SerdeError(
                prefix + "Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use "
                    + "the special values 'TAB' or 'SPACE'" + example)
        }
        switch text {
        case "TAB": return 0x09
        case "SPACE": return 0x20
        default: break
        }
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
            throw SerdeError(
                prefix + "Invalid delimiter value: '\(text)'. Delimiter must be a single character or TAB,SPACE" + example)
        }
        guard scalar.isASCII else {
            throw SerdeError(prefix + "Invalid delimiter value: '\(text)'. Sluice delimiters must be ASCII characters" + example)
        }
        return UInt8(scalar.value)
    }
}
