import SluiceCore

/// Writes rows as DELIMITED records: fields joined by the delimiter, no line end, NULL as an
/// empty field.
///
/// Quoting is Apache Commons CSV's minimal mode as ksqlDB's output shows it: a field is quoted when
/// it is empty and first, when it is first and does not start with a letter or digit (so a
/// leading `-1` is `"-1"`), when it starts with a byte up to `#`, when it holds the delimiter, a
/// quote or a line break, or when it ends with a byte up to space. Quotes inside are doubled.
/// Values: doubles as Java's `Double.toString`, decimals plain with their scale, `BYTES` base64,
/// `DATE` days, `TIME` and `TIMESTAMP` milliseconds.
public final class DelimitedRowEncoder: RowEncoder, @unchecked Sendable {
    // Unchecked: the raw pointers are written once in init and only read afterwards.
    public let columns: [Column]
    public let sources: [Int]
    public let delimiter: UInt8
    /// Keys whose columns are all NULL are null keys.
    public let isKey: Bool
    private let sourceTable: UnsafeMutablePointer<Int>
    private let highestSource: Int

    /// - Throws: `SerdeError` when a column's type has no DELIMITED form (ARRAY, MAP, STRUCT).
    public init(columns: [Column], sources: [Int]? = nil, delimiter: UInt8, isKey: Bool) throws(SerdeError) {
        let sources = sources ?? Array(columns.indices)
        precondition(sources.count == columns.count, "one source per column")
        for column in columns where DelimitedFieldKind(column.type) == nil {
            throw SerdeError(FormatValidation.unsupportedTypeReason(.delimited, column: column))
        }
        self.columns = columns
        self.sources = sources
        self.delimiter = delimiter
        self.isKey = isKey
        sourceTable = UnsafeMutablePointer<Int>.allocate(capacity: max(sources.count, 1))
        sourceTable.initialize(from: sources, count: sources.count)
        highestSource = sources.max() ?? -1
    }

    deinit { sourceTable.deallocate() }

    public func encode(_ row: UnsafeBufferPointer<Value>, into buffer: inout OutputBuffer) throws(SerdeError) -> Bool {
        precondition(highestSource < row.count, "the row has fewer values than the encoder reads")
        let count = columns.count
        let values = row.baseAddress!
        if isKey, (0..<count).allSatisfy({ values[sourceTable[$0]].isNull }) { return false }
        var bound = count
        for index in 0..<count { bound += Self.bound(at: values + sourceTable[index]) }
        buffer.reserve(bound)
        var cursor = buffer.cursor
        for index in 0..<count {
            if index > 0 {
                cursor.pointee = delimiter
                cursor += 1
            }
            cursor = try write(at: values + sourceTable[index], isFirst: index == 0, column: index, to: cursor)
        }
        buffer.commit(upTo: cursor)
        return true
    }

    /// The most bytes a field can take, quotes included. Values are read through pointers into
    /// the row: the row keeps them alive, and no copy needs reference counting.
    @inline(__always) private static func bound(at value: UnsafePointer<Value>) -> Int {
        switch value.pointee {
        case .string(let text): 2 + 2 * Int(text.count)
        case .bytes(let bytes): 2 + Base64.encodedLength(Int(bytes.count))
        case .decimal(let decimal): 2 + DecimalText.maxLength(decimal)
        default: 2 + JavaDoubleText.maxLength
        }
    }

    @inline(__always) private func write(
        at value: UnsafePointer<Value>, isFirst: Bool, column: Int, to out: UnsafeMutablePointer<UInt8>
    ) throws(SerdeError) -> UnsafeMutablePointer<UInt8> {
        let length: Int
        switch value.pointee {
        case .null: return out
        case .string(let text):
            let raw = text.withBytes { $0 }
            let bytes = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: raw.count)
            guard needsQuotes(bytes, isFirst: isFirst) else {
                if let base = bytes.baseAddress { out.update(from: base, count: bytes.count) }
                return out + bytes.count
            }
            return writeQuoted(bytes, to: out)
        case .boolean(let flag):
            let text: StaticString = flag ? "true" : "false"
            out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            length = text.utf8CodeUnitCount
        case .integer(let number): length = IntegerText.write(Int64(number), to: out)
        case .bigint(let number): length = IntegerText.write(number, to: out)
        case .date(let days): length = IntegerText.write(Int64(days), to: out)
        case .time(let millis): length = IntegerText.write(Int64(millis), to: out)
        case .timestamp(let millis): length = IntegerText.write(millis, to: out)
        case .double(let number): length = JavaDoubleText.write(number, to: out)
        case .decimal(let decimal): length = DecimalText.writePlain(decimal, to: out)
        case .bytes(let bytes): length = bytes.withBytes { Base64.encode($0, to: out) }
        case .array, .map, .struct:
            throw SerdeError(FormatValidation.unsupportedTypeReason(.delimited, column: columns[column]))
        }
        // These texts hold no quotes, so quoting only wraps them: shift right by one.
        guard needsQuotes(UnsafeBufferPointer(start: out, count: length), isFirst: isFirst) else { return out + length }
        var index = length
        while index > 0 {
            out[index] = out[index - 1]
            index -= 1
        }
        out[0] = 0x22
        out[length + 1] = 0x22
        return out + length + 2
    }

    private func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var cursor = out
        cursor.pointee = 0x22
        cursor += 1
        for byte in bytes {
            cursor.pointee = byte
            cursor += 1
            if byte == 0x22 {
                cursor.pointee = 0x22
                cursor += 1
            }
        }
        cursor.pointee = 0x22
        return cursor + 1
    }

    @inline(__always) private func needsQuotes(_ text: UnsafeBufferPointer<UInt8>, isFirst: Bool) -> Bool {
        guard let first = text.first else { return isFirst }
        if isFirst {
            let isAlphanumeric = (first &- 0x30 < 10) || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A)
            if !isAlphanumeric { return true }
        } else if first <= UInt8(ascii: "#") {
            return true
        }
        if ByteSearch.contains(0x0A, 0x0D, 0x22, delimiter, in: text) { return true }
        return text[text.count - 1] <= 0x20
    }
}
