import SluiceCore

/// Writes rows as JSON records: an object with the declared column names (compact, in column
/// order, NULLs included), or the single column's bare value when unwrapped. Each row costs one
/// capacity check of the output buffer.
public final class JSONRowEncoder: RowEncoder, @unchecked Sendable {
    // Unchecked: the raw pointers are written once in init and only read afterwards.
    public let columns: [Column]
    public let sources: [Int]
    /// Whether the record is the single column's bare value rather than an object.
    public let isUnwrapped: Bool
    /// Keys whose columns are all NULL are null keys.
    public let isKey: Bool
    let table: JSONFieldTable
    private let sourceTable: UnsafeMutablePointer<Int>
    private let highestSource: Int

    /// - Parameters:
    ///   - columns: the columns to write, with the names used as keys.
    ///   - sources: the row index of each column's value; `nil` means `0..<columns.count`.
    ///   - unwrapped: write the single column's bare value instead of an object.
    ///   - isKey: whether this writes record keys (all-NULL keys are then null records).
    public init(columns: [Column], sources: [Int]? = nil, unwrapped: Bool, isKey: Bool) {
        precondition(!unwrapped || columns.count == 1, "only a single column can be unwrapped")
        let sources = sources ?? Array(columns.indices)
        precondition(sources.count == columns.count, "one source per column")
        self.columns = columns
        self.sources = sources
        self.isUnwrapped = unwrapped
        self.isKey = isKey
        table = JSONFieldTable(
            columns.map { ($0.name, $0.type) },
            typeName: SQLType.struct(columns.map { SQLType.StructField($0.name, $0.type) }).canonicalText)
        sourceTable = UnsafeMutablePointer<Int>.allocate(capacity: max(sources.count, 1))
        sourceTable.initialize(from: sources, count: sources.count)
        highestSource = sources.max() ?? -1
    }

    deinit { sourceTable.deallocate() }

    public func encode(_ row: UnsafeBufferPointer<Value>, into buffer: inout OutputBuffer) throws(SerdeError) -> Bool {
        precondition(highestSource < row.count, "the row has fewer values than the encoder reads")
        let count = table.count
        let fields = table.fields
        let values = row.baseAddress!
        if isUnwrapped {
            let value = values + sourceTable[0]
            if value.pointee.isNull { return false }
            buffer.reserve(JSONWriter.bound(at: value, fields[0].plan))
            var writer = JSONWriter(cursor: buffer.cursor)
            writer.write(at: value, fields[0].plan)
            buffer.commit(upTo: writer.cursor)
            return true
        }
        // A key of several columns is always an object, even when every column is NULL (ksqlDB writes {"A":null,"B":null}).
        // One pass: each field makes sure of room for itself, exactly for text, generously for
        // numbers (whose switch then also writes them).
        buffer.reserve(2)
        var writer = JSONWriter(cursor: buffer.cursor)
        writer.byte(UInt8(ascii: "{"))
        for index in 0..<count {
            let field = fields[index]
            let value = values + sourceTable[index]
            let prefix = index == 0 ? field.prefix + 1 : field.prefix
            let prefixCount = index == 0 ? field.prefixCount - 1 : field.prefixCount
            // Text is read in place (the row holds it), without a retain around the escaping call.
            if let raw = value.pointee.unsafeStringBytes {
                writer.ensureRoom(prefixCount + 3 + JSONEscaping.maxEscapedLength(raw.count), in: &buffer)
                writer.prefix(prefix, prefixCount)
                writer.byte(0x22)
                writer.cursor = JSONEscaping.writeEscaped(raw, to: writer.cursor)
                writer.byte(0x22)
                continue
            }
            switch value.pointee {
            case .bigint(let number):
                writer.ensureRoom(prefixCount + 21, in: &buffer)
                writer.prefix(prefix, prefixCount)
                writer.cursor += IntegerText.write(number, to: writer.cursor)
            case .integer(let number):
                writer.ensureRoom(prefixCount + 21, in: &buffer)
                writer.prefix(prefix, prefixCount)
                writer.cursor += IntegerText.write(Int64(number), to: writer.cursor)
            case .null:
                writer.ensureRoom(prefixCount + 5, in: &buffer)
                writer.prefix(prefix, prefixCount)
                writer.literal("null")
            default:
                writer.ensureRoom(prefixCount + 1 + JSONWriter.bound(value.pointee, field.plan), in: &buffer)
                writer.prefix(prefix, prefixCount)
                writer.write(value.pointee, field.plan)
            }
        }
        writer.byte(UInt8(ascii: "}"))
        buffer.commit(upTo: writer.cursor)
        return true
    }
}
