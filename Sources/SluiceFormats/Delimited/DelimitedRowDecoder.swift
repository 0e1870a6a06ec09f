import SluiceCore

/// Reads DELIMITED records (one line of fields, no header) into rows.
///
/// Parsing follows Apache Commons CSV's default format, which ksqlDB uses: a field starting with
/// `"` is quoted (`""` inside is one quote; after the closing quote only spaces may come before the
/// delimiter), other fields run to the next delimiter or line end; only the first record counts.
/// An empty field is NULL. The field count must equal the column count.
public final class DelimitedRowDecoder: RowDecoder, @unchecked Sendable {
    // Unchecked: the raw pointers are written once in init and only read afterwards.
    public let columns: [Column]
    public let slots: [Int]
    public let delimiter: UInt8
    private let kinds: [DelimitedFieldKind]
    private let slotTable: UnsafeMutablePointer<Int>
    private let highestSlot: Int

    /// - Throws: `SerdeError` when a column's type has no DELIMITED form (ARRAY, MAP, STRUCT).
    public init(columns: [Column], slots: [Int]? = nil, delimiter: UInt8) throws(SerdeError) {
        let slots = slots ?? Array(columns.indices)
        precondition(slots.count == columns.count, "one slot per column")
        var kinds: [DelimitedFieldKind] = []
        for column in columns {
            guard let kind = DelimitedFieldKind(column.type) else {
                throw SerdeError(FormatValidation.unsupportedTypeReason(.delimited, column: column))
            }
            kinds.append(kind)
        }
        self.columns = columns
        self.slots = slots
        self.delimiter = delimiter
        self.kinds = kinds
        slotTable = UnsafeMutablePointer<Int>.allocate(capacity: max(slots.count, 1))
        slotTable.initialize(from: slots, count: slots.count)
        highestSlot = slots.max() ?? -1
    }

    deinit { slotTable.deallocate() }

    public func decode(
        _ bytes: UnsafeRawBufferPointer?, into row: UnsafeMutableBufferPointer<Value>, arena: inout ByteArena
    ) throws(SerdeError) -> Bool {
        precondition(highestSlot < row.count, "the row has fewer slots than the decoder fills")
        guard let bytes else {
            for index in 0..<columns.count { row[slotTable[index]] = .null }
            return false
        }
        var reader = DelimitedFieldReader(bytes, delimiter: delimiter)
        guard reader.skipEmptyLines() else { throw SerdeError("Error deserializing delimited: No fields in record") }
        var fieldCount = 0
        var more = true
        while more {
            let field = try reader.nextField()
            more = field.hasMore
            if fieldCount < kinds.count {
                let slot = slotTable[fieldCount]
                if field.count == 0 {
                    row[slot] = .null
                } else {
                    do {
                        row[slot] = try field.withText { (text) throws(SerdeError) -> Value in
                            try kinds[fieldCount].parse(text, arena: &arena)
                        }
                    } catch {
                        throw SerdeError("Error deserializing delimited: " + error.reason, path: "$." + columns[fieldCount].name)
                    }
                }
            }
            fieldCount += 1
        }
        guard fieldCount == kinds.count else {
            throw SerdeError("Error deserializing delimited: " + SerdeError.columnCountMismatch(expected: kinds.count, got: fieldCount).reason)
        }
        return true
    }
}

/// Splits the first record of DELIMITED bytes into fields.
struct DelimitedFieldReader {
    private var position: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>
    private let delimiter: UInt8

    init(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8) {
        let start = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
            ?? UnsafeRawPointer(bitPattern: 1)!.assumingMemoryBound(to: UInt8.self)
        position = start
        end = start + bytes.count
        self.delimiter = delimiter
    }

    /// Skips leading blank lines (Commons CSV ignores empty lines); `false` if nothing is left.
    mutating func skipEmptyLines() -> Bool {
        while position < end, position.pointee == 0x0A || position.pointee == 0x0D { position += 1 }
        return position < end
    }

    struct Field {
        var start: UnsafePointer<UInt8>
        var count: Int
        /// Whether the text holds `""` pairs that stand for one quote each.
        var hasDoubledQuotes: Bool
        /// Whether a delimiter followed, so another field comes.
        var hasMore: Bool

        /// Calls `body` with the field's text, undoubling quotes when needed.
        func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(SerdeError) -> R) throws(SerdeError) -> R {
            let raw = UnsafeBufferPointer(start: start, count: count)
            guard hasDoubledQuotes else { return try body(raw) }
            var text: [UInt8] = []
            text.reserveCapacity(count)
            var index = 0
            while index < count {
                text.append(raw[index])
                index += raw[index] == 0x22 ? 2 : 1
            }
            var result: Result<R, SerdeError>?
            text.withUnsafeBufferPointer { buffer in
                result = Result { () throws(SerdeError) -> R in try body(buffer) }
            }
            return try result!.get()
        }
    }

    mutating func nextField() throws(SerdeError) -> Field {
        if position < end, position.pointee == 0x22 { return try quotedField() }
        let start = position
        position = ByteSearch.first(of: delimiter, 0x0A, 0x0D, from: position, to: end)
        return Field(start: start, count: position - start, hasDoubledQuotes: false, hasMore: consumeSeparator())
    }

    private mutating func quotedField() throws(SerdeError) -> Field {
        position += 1
        let start = position
        var doubled = false
        while true {
            guard position < end else {
                throw SerdeError("Error deserializing delimited: EOF reached before encapsulated token finished")
            }
            if position.pointee == 0x22 {
                if position + 1 < end, position[1] == 0x22 {
                    doubled = true
                    position += 2
                    continue
                }
                break
            }
            position += 1
        }
        let count = position - start
        position += 1
        while position < end, position.pointee != delimiter, position.pointee == 0x20 || position.pointee == 0x09
            || position.pointee == 0x0B || position.pointee == 0x0C
        {
            position += 1
        }
        if position < end, position.pointee != delimiter, position.pointee != 0x0A, position.pointee != 0x0D {
            throw SerdeError("Error deserializing delimited: invalid char between encapsulated token and delimiter")
        }
        return Field(start: start, count: count, hasDoubledQuotes: doubled, hasMore: consumeSeparator())
    }

    /// After a field: steps over a delimiter and reports it; a line end or the end stops the record.
    private mutating func consumeSeparator() -> Bool {
        guard position < end, position.pointee == delimiter else { return false }
        position += 1
        return true
    }
}
