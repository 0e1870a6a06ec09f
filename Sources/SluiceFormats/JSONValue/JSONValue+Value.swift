import SluiceCore

extension JSONValue {
    /// Reads this JSON as a value of `type`, with exactly the coercions the JSON format applies to
    /// records (`"12"` into INT, base64 text into BYTES, `1.5` into `DECIMAL(4, 2)` as `1.50`…).
    ///
    /// - Parameter arena: where text and bytes values are stored.
    /// - Throws: `SerdeError` when the JSON does not convert, with ksqlDB's message.
    public func toValue(_ type: SQLType, arena: inout ByteArena) throws(SerdeError) -> SluiceCore.Value {
        let decoder = JSONRowDecoder(columns: [Column("VALUE", type)], unwrapped: true)
        let text = Array(compactText.utf8)
        var slot = [SluiceCore.Value.null]
        var result: Result<Bool, SerdeError> = .success(false)
        slot.withUnsafeMutableBufferPointer { row in
            text.withUnsafeBytes { bytes in
                result = Result { () throws(SerdeError) -> Bool in try decoder.decode(bytes, into: row, arena: &arena) }
            }
        }
        _ = try result.get()
        return slot[0]
    }

    /// `toValue(_:arena:)` with an arena of its own.
    public func toValue(_ type: SQLType) throws(SerdeError) -> SluiceCore.Value {
        var arena = ByteArena(chunkSize: 1024)
        return try toValue(type, arena: &arena)
    }

    /// The JSON the JSON format writes for `value`: integers and temporal values as numbers,
    /// doubles as Java prints them (non-finite ones as strings), decimals with their scale, BYTES
    /// as base64, structs as objects named by `type`'s fields, maps as objects.
    public init(_ value: SluiceCore.Value, type: SQLType) {
        var owners: [AnyObject] = []
        let plan = JSONTypePlan(type, owners: &owners)
        self = withExtendedLifetime(owners) { JSONValue(value, plan: plan) }
    }

    init(_ value: SluiceCore.Value, plan: JSONTypePlan) {
        switch value {
        case .null: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .integer, .bigint, .date, .time, .timestamp, .decimal: self = .number(Self.text(value))
        case .double(let number): self = number.isFinite ? .number(Self.text(value)) : .string(JavaDoubleFormat.string(number))
        case .string(let text): self = .string(text.string)
        case .bytes: self = .string(String(Self.text(value).dropFirst().dropLast()))
        case .array(let elements):
            let element = plan.elementPlan
            self = .array(elements.map { JSONValue($0, plan: element) })
        case .map(let map):
            let valuePlan = plan.mapValuePlan
            self = .object(
                JSONObject(map.entries.map { key, item in
                    let name: String
                    if case .string(let text) = key { name = text.string } else { name = JSONValue(key, plan: .string).keyText }
                    return JSONObject.Member(name, JSONValue(item, plan: valuePlan))
                }))
        case .struct(let fields):
            guard case .structure(let reference) = plan else {
                self = .array(fields.map { JSONValue($0, plan: .string) })
                return
            }
            let table = reference.takeUnretainedValue()
            self = .object(
                JSONObject(
                    zip(table.names.indices, fields).map { index, field in
                        JSONObject.Member(table.names[index], JSONValue(field, plan: table.fields[index].plan))
                    }))
        }
    }

    /// A scalar's text as the JSON writer produces it.
    private static func text(_ value: SluiceCore.Value) -> String {
        var buffer = OutputBuffer(capacity: JSONWriter.bound(value, .string))
        var writer = JSONWriter(cursor: buffer.cursor)
        writer.write(value, .string)
        buffer.commit(upTo: writer.cursor)
        return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The text of a map key that is not a string.
    private var keyText: String {
        switch self {
        case .string(let text): text
        case .number(let text): text
        default: compactText
        }
    }
}
