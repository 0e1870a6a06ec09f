import SluiceCore
import SluiceFormats
import SluicePlanner

/// Compares a topic's expected records with the actual ones, in order, and explains the first
/// difference field by field.
enum OutputDiff {
    static func compare(expected: [TestRecord], actual: [ActualRecord], source: SourceDefinition?, insertOnly: Bool) -> String? {
        for (index, record) in expected.enumerated() {
            guard index < actual.count else {
                return "expected \(expected.count) records, got \(actual.count); first missing:\n  expected \(describe(record))"
            }
            if let problem = difference(record, actual[index], source: source, insertOnly: insertOnly) {
                return "record \(index + 1) differs: \(problem)\n  expected \(describe(record))\n  actual   \(describe(actual[index]))"
            }
        }
        if actual.count > expected.count {
            return "expected \(expected.count) records, got \(actual.count); first extra:\n  actual   \(describe(actual[expected.count]))"
        }
        return nil
    }

    private static func difference(_ expected: TestRecord, _ actual: ActualRecord, source: SourceDefinition?,
                                   insertOnly: Bool) -> String? {
        let keyType = source?.schema.keyColumns.count == 1 ? source?.schema.keyColumns.first?.type : keyStruct(source)
        switch (expected.key, actual.key) {
        case (nil, nil), (nil, .null?): break
        case (let e?, let a?):
            if !RecordComparator.matches(e, a, type: keyType) { return "key \(e.compactText) != \(a.compactText)" }
        case (let e, let a):
            return "key \(e?.compactText ?? "null") != \(a?.compactText ?? "null")"
        }
        if expected.window != actual.window {
            return "window \(expected.window.map(describe) ?? "none") != \(actual.window.map(describe) ?? "none")"
        }
        let valueType: SQLType? = source.map { source in
            let columns = source.schema.valueColumns
            if columns.count == 1, case .json = source.valueFormat.kind, source.valueFormat.wrapSingleValue == false {
                return columns[0].type
            }
            return .struct(columns.map { SQLType.StructField($0.name, $0.type) })
        }
        let valueTypeForScalar = source?.schema.valueColumns.count == 1 ? source?.schema.valueColumns.first?.type : nil
        if !RecordComparator.matches(expected.value, actual.value, type: isObject(expected.value) ? valueType : valueTypeForScalar) {
            return "value" + fieldDifferences(expected.value, actual.value, type: valueType)
        }
        if let timestamp = expected.timestamp, timestamp != actual.timestamp, !(insertOnly && timestamp == 0) {
            return "timestamp \(timestamp) != \(actual.timestamp)"
        }
        let expectedHeaders = (expected.headers ?? []).map { "\($0.key)=\($0.value ?? "null")" }
        let actualHeaders = actual.headers.map { "\($0.key)=\($0.value ?? "null")" }
        if expectedHeaders != actualHeaders { return "headers \(expectedHeaders) != \(actualHeaders)" }
        return nil
    }

    /// For two objects, the fields that differ: `; PRICE: expected 3.0, actual 3.5; NAME: missing`.
    private static func fieldDifferences(_ expected: JSONValue, _ actual: JSONValue, type: SQLType?) -> String {
        guard case .object(let e) = expected, case .object(let a) = actual else { return "" }
        var differences: [String] = []
        for member in e {
            let fieldType: SQLType? = if case .struct(let fields)? = type {
                fields.first { $0.name == member.key || $0.name == member.key.uppercased() }?.type
            } else { nil }
            guard let value = a[member.key] ?? a[member.key.uppercased()] else {
                differences.append("\(member.key): missing")
                continue
            }
            if !RecordComparator.matches(member.value, value, type: fieldType) {
                differences.append("\(member.key): expected \(member.value.compactText), actual \(value.compactText)")
            }
        }
        for member in a where e[member.key] == nil && e.first(where: { $0.key.uppercased() == member.key }) == nil {
            differences.append("\(member.key): unexpected (\(member.value.compactText))")
        }
        return differences.isEmpty ? "" : " (" + differences.joined(separator: "; ") + ")"
    }

    private static func keyStruct(_ source: SourceDefinition?) -> SQLType? {
        guard let columns = source?.schema.keyColumns, columns.count > 1 else { return nil }
        return .struct(columns.map { SQLType.StructField($0.name, $0.type) })
    }

    private static func isObject(_ json: JSONValue) -> Bool {
        if case .object = json { return true }
        return false
    }

    static func describe(_ record: TestRecord) -> String {
        "key=\(record.key?.compactText ?? "null") value=\(record.value.compactText)"
            + (record.timestamp.map { " timestamp=\($0)" } ?? "")
            + (record.window.map { " window=\(describe($0))" } ?? "")
    }

    static func describe(_ record: ActualRecord) -> String {
        "key=\(record.key?.compactText ?? "null") value=\(record.value.compactText) timestamp=\(record.timestamp)"
            + (record.window.map { " window=\(describe($0))" } ?? "")
            + " (partition \(record.partition), offset \(record.offset))"
    }

    static func describe(_ window: TestWindow) -> String {
        "\(window.type)[\(window.start), \(window.end)]"
    }
}
