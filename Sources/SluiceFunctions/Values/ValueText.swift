import SluiceCore

/// Values as text, the way ksqlDB's CAST to STRING writes them.
package enum ValueText {
    /// `CAST(value AS STRING)` for a value of `type`; `nil` for NULL.
    ///
    /// Primitives use ksqlDB's SQL forms (`Double.toString`, plain decimals, ISO-like temporal
    /// text). Arrays, maps and structs use the Java `toString` of the objects ksqlDB holds them in:
    /// `[1, 3]`, `{a=1}`, `Struct{F0=1,f1=3}`.
    package static func castString(_ value: Value, type: SQLType) -> String? {
        switch value {
        case .null: return nil
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let v): return String(v)
        case .bigint(let v): return String(v)
        case .double(let v): return JavaDoubleFormat.string(v)
        case .decimal(let v): return v.description
        case .string(let s): return s.string
        case .bytes: return javaString(value, type: type)
        case .date(let days): return TemporalText.formatDate(days)
        case .time(let millis): return TemporalText.formatTime(millis)
        case .timestamp(let millis): return TemporalText.formatTimestamp(millis)
        case .array, .map, .struct: return javaString(value, type: type)
        }
    }

    /// The Java `toString` of the object ksqlDB holds `value` in (`String.valueOf` for NULL).
    package static func javaString(_ value: Value, type: SQLType) -> String {
        var output = ""
        appendJava(value, type: type, to: &output)
        return output
    }

    static func appendJava(_ value: Value, type: SQLType, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .boolean(let b): output += b ? "true" : "false"
        case .integer(let v): output += String(v)
        case .bigint(let v): output += String(v)
        case .double(let v): output += JavaDoubleFormat.string(v)
        case .decimal(let v): output += DecimalMath.javaString(v)
        case .string(let s): output += s.string
        case .bytes(let b): output += "java.nio.HeapByteBuffer[pos=0 lim=\(b.count) cap=\(b.count)]"
        case .date(let days): output += TemporalText.formatDate(days)
        case .time(let millis):
            // java.sql.Time prints hh:mm:ss.
            let seconds = Int(Temporal.floorMod(Int64(millis), Temporal.millisPerDay) / 1000)
            output +=
                TemporalText.pad2(seconds / 3600) + ":" + TemporalText.pad2(seconds / 60 % 60) + ":"
                + TemporalText.pad2(seconds % 60)
        case .timestamp(let millis): output += sqlTimestampString(millis)
        case .array(let elements):
            let elementType: SQLType
            if case .array(let e) = type { elementType = e } else { elementType = .string }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += ", " }
                appendJava(element, type: elementType, to: &output)
            }
            output += "]"
        case .map(let map):
            var keyType = SQLType.string
            var valueType = SQLType.string
            if case .map(let k, let v) = type {
                keyType = k
                valueType = v
            }
            output += "{"
            for (index, (key, entry)) in map.entries.enumerated() {
                if index > 0 { output += ", " }
                appendJava(key, type: keyType, to: &output)
                output += "="
                appendJava(entry, type: valueType, to: &output)
            }
            output += "}"
        case .struct(let fields):
            // Kafka Connect's Struct.toString lists only the fields that are set.
            let declared: [SQLType.StructField]
            if case .struct(let f) = type { declared = f } else { declared = [] }
            output += "Struct{"
            var first = true
            for (index, field) in fields.enumerated() where !field.isNull {
                if !first { output += "," }
                first = false
                let name = index < declared.count ? declared[index].name : "f\(index)"
                output += name + "="
                appendJava(field, type: index < declared.count ? declared[index].type : .string, to: &output)
            }
            output += "}"
        }
    }

    /// `java.sql.Timestamp.toString` in UTC: `2022-01-01 10:00:00.0`, `2022-01-01 10:00:00.123`.
    static func sqlTimestampString(_ millis: Int64) -> String {
        let iso = Temporal.formatTimestamp(millis: millis)
        var text = iso.replacingFirst("T", with: " ")
        while text.hasSuffix("0"), !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}
