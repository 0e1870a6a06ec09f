import SluiceCore

/// Writes values as ksqlDB's JSON serializer does, into memory reserved beforehand.
///
/// `bound` gives an upper limit of a value's size so a row needs one capacity check; `write`
/// then stores bytes without checks. Integers, `DATE` (days), `TIME` (ms) and `TIMESTAMP` (ms) are
/// numbers; doubles are Java's `Double.toString` (NaN and infinities as strings, as Jackson quotes
/// them); decimals `BigDecimal.toString()`; `BYTES` base64 strings; structs objects with the
/// declared field names; maps objects.
struct JSONWriter {
    var cursor: UnsafeMutablePointer<UInt8>

    /// The most bytes `write(value, plan)` can produce.
    static func bound(_ value: Value, _ plan: JSONTypePlan) -> Int {
        switch value {
        case .null: return 4
        case .boolean: return 5
        case .integer, .date, .time: return 11
        case .bigint, .timestamp: return 20
        case .double: return JavaDoubleText.maxLength + 2
        case .decimal(let decimal): return DecimalText.maxLength(decimal)
        case .string(let text): return 2 + JSONEscaping.maxEscapedLength(Int(text.count))
        case .bytes(let bytes): return 2 + Base64.encodedLength(Int(bytes.count))
        case .array(let elements):
            let element = plan.elementPlan
            return elements.reduce(2) { $0 + 1 + bound($1, element) }
        case .map(let map):
            let valuePlan = plan.mapValuePlan
            return map.entries.reduce(2) { $0 + 2 + keyBound($1.0) + bound($1.1, valuePlan) }
        case .struct(let fields):
            guard case .structure(let reference) = plan else {
                return fields.reduce(2) { $0 + 1 + bound($1, .string) }
            }
            let table = reference.takeUnretainedValue()
            var total = 2
            for index in 0..<table.count {
                let field = index < fields.count ? fields[index] : .null
                total += table.fields[index].prefixCount + bound(field, table.fields[index].plan)
            }
            return total
        }
    }

    /// `bound` for a value in a row. Reading through the pointer, rather than taking the value as
    /// an argument, spares the reference counting of a copy for text and bytes.
    @inline(__always) static func bound(at value: UnsafePointer<Value>, _ plan: JSONTypePlan) -> Int {
        switch value.pointee {
        case .null: return 4
        case .boolean: return 5
        case .integer, .date, .time: return 11
        case .bigint, .timestamp: return 20
        case .double: return JavaDoubleText.maxLength + 2
        case .string(let text): return 2 + JSONEscaping.maxEscapedLength(Int(text.count))
        case .bytes(let bytes): return 2 + Base64.encodedLength(Int(bytes.count))
        default: return bound(value.pointee, plan)
        }
    }

    /// `write` for a value in a row (see `bound(at:_:)`). The row keeps the value, and so its
    /// bytes, alive while they are copied out.
    @inline(__always) mutating func write(at value: UnsafePointer<Value>, _ plan: JSONTypePlan) {
        switch value.pointee {
        case .string(let text):
            let raw = text.unsafeBytes
            byte(0x22)
            cursor = JSONEscaping.writeEscaped(raw, to: cursor)
            byte(0x22)
        case .bigint(let number): cursor += IntegerText.write(number, to: cursor)
        case .integer(let number): cursor += IntegerText.write(Int64(number), to: cursor)
        case .null: literal("null")
        case .bytes(let bytes):
            let raw = bytes.unsafeBytes
            byte(0x22)
            cursor += Base64.encode(raw, to: cursor)
            byte(0x22)
        default:
            write(value.pointee, plan)
        }
    }

    /// Makes sure `buffer`, which this writer writes into, has room for `count` more bytes (and
    /// one byte after them), moving the cursor to the buffer's new memory if it grows.
    @inline(__always) mutating func ensureRoom(_ count: Int, in buffer: inout OutputBuffer) {
        buffer.commit(upTo: cursor)
        // Sixteen more than asked: `prefix` stores whole words.
        if buffer.capacity - buffer.count < count + 16 {
            buffer.reserve(count + 16)
            cursor = buffer.cursor
        }
    }

    /// Writes a field's `,"NAME":` prefix (`count` bytes of a field table's pool, which has
    /// readable bytes after every prefix). Up to 16 bytes are copied as two words, whatever the
    /// count, so room for 16 bytes must be ensured (see `ensureRoom`).
    @inline(__always) mutating func prefix(_ start: UnsafePointer<UInt8>, _ count: Int) {
        if count <= 16 {
            let source = UnsafeRawPointer(start)
            let target = UnsafeMutableRawPointer(cursor)
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            cursor += count
        } else {
            bytes(start, count)
        }
    }

    @inline(__always) mutating func byte(_ byte: UInt8) {
        cursor.pointee = byte
        cursor += 1
    }

    @inline(__always) mutating func bytes(_ start: UnsafePointer<UInt8>, _ count: Int) {
        cursor.update(from: start, count: count)
        cursor += count
    }

    @inline(__always) mutating func literal(_ text: StaticString) {
        bytes(text.utf8Start, text.utf8CodeUnitCount)
    }

    @inline(__always) mutating func string(_ text: ByteString) {
        byte(0x22)
        text.withBytes { cursor = JSONEscaping.writeEscaped($0, to: cursor) }
        byte(0x22)
    }

    mutating func write(_ value: Value, _ plan: JSONTypePlan) {
        switch value {
        case .null: literal("null")
        case .boolean(let flag): flag ? literal("true") : literal("false")
        case .integer(let number): cursor += IntegerText.write(Int64(number), to: cursor)
        case .bigint(let number): cursor += IntegerText.write(number, to: cursor)
        case .date(let days): cursor += IntegerText.write(Int64(days), to: cursor)
        case .time(let millis): cursor += IntegerText.write(Int64(millis), to: cursor)
        case .timestamp(let millis): cursor += IntegerText.write(millis, to: cursor)
        case .double(let number):
            if number.isFinite {
                cursor += JavaDoubleText.write(number, to: cursor)
            } else {
                byte(0x22)
                cursor += JavaDoubleText.write(number, to: cursor)
                byte(0x22)
            }
        case .decimal(let decimal): cursor += DecimalText.writeJava(decimal, to: cursor)
        case .string(let text): string(text)
        case .bytes(let bytes):
            byte(0x22)
            bytes.withBytes { cursor += Base64.encode($0, to: cursor) }
            byte(0x22)
        case .array(let elements):
            let element = plan.elementPlan
            byte(UInt8(ascii: "["))
            for (index, item) in elements.enumerated() {
                if index > 0 { byte(UInt8(ascii: ",")) }
                write(item, element)
            }
            byte(UInt8(ascii: "]"))
        case .map(let map):
            let valuePlan = plan.mapValuePlan
            byte(UInt8(ascii: "{"))
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { byte(UInt8(ascii: ",")) }
                writeKey(entry.0)
                byte(UInt8(ascii: ":"))
                write(entry.1, valuePlan)
            }
            byte(UInt8(ascii: "}"))
        case .struct(let fields):
            writeStruct(fields, plan)
        }
    }

    private mutating func writeStruct(_ fields: [Value], _ plan: JSONTypePlan) {
        guard case .structure(let reference) = plan else {
            // A struct value without its type has no names; write its fields positionally.
            write(.array(fields), .string)
            return
        }
        let table = reference.takeUnretainedValue()
        byte(UInt8(ascii: "{"))
        // A struct value shorter than its type (never made by the engine) gets NULL for the rest.
        for index in 0..<table.count {
            let field = table.fields[index]
            if index == 0 {
                bytes(field.prefix + 1, field.prefixCount - 1)
            } else {
                bytes(field.prefix, field.prefixCount)
            }
            write(index < fields.count ? fields[index] : .null, field.plan)
        }
        byte(UInt8(ascii: "}"))
    }

    /// Map keys are strings in JSON; a key of another kind is written as its JSON text, quoted.
    private mutating func writeKey(_ key: Value) {
        switch key {
        case .string(let text):
            string(text)
        case .array, .map, .struct:
            var scratch = OutputBuffer(capacity: JSONWriter.bound(key, .string))
            var inner = JSONWriter(cursor: scratch.cursor)
            inner.write(key, .string)
            scratch.commit(upTo: inner.cursor)
            byte(0x22)
            scratch.withUnsafeBytes { cursor = JSONEscaping.writeEscaped($0, to: cursor) }
            byte(0x22)
        default:
            byte(0x22)
            let start = cursor
            write(key, .string)
            if start.pointee == 0x22 {
                // The key wrote its own quotes (bytes, a non-finite double); drop the inner pair.
                let count = cursor - start - 2
                for index in 0..<count { start[index] = start[index + 1] }
                cursor = start + count
            }
            byte(0x22)
        }
    }

    /// The most bytes `writeKey` can produce.
    static func keyBound(_ key: Value) -> Int {
        if case .string = key { return bound(key, .string) }
        return 2 + JSONEscaping.maxEscapedLength(bound(key, .string))
    }
}

extension JSONTypePlan {
    /// The element plan of an array type (`.string` when this plan is not an array's).
    var elementPlan: JSONTypePlan {
        if case .array(let nested) = self { return nested.takeUnretainedValue().inner }
        return .string
    }

    /// The value plan of a map type (`.string` when this plan is not a map's).
    var mapValuePlan: JSONTypePlan {
        if case .map(let nested) = self { return nested.takeUnretainedValue().inner }
        return .string
    }
}
