import SluiceCore

/// Reads JSON records into rows, driven by the schema.
///
/// A wrapped record is an object whose keys are matched to the columns (exactly, then
/// case-insensitively; unknown keys skipped, missing ones NULL). An unwrapped record (one column,
/// `WRAP_SINGLE_VALUE=false`, or a single key column) is the column's bare value. The JSON
/// literal `null` (or no bytes) is a null record. Content after the first value is ignored, as
/// ksqlDB's parser ignores it.
public final class JSONRowDecoder: RowDecoder, @unchecked Sendable {
    // Unchecked: the raw pointers are written once in init and only read afterwards.
    public let columns: [Column]
    public let slots: [Int]
    /// Whether the record is the single column's bare value rather than an object.
    public let isUnwrapped: Bool
    let table: JSONFieldTable
    private let slotTable: UnsafeMutablePointer<Int>
    private let highestSlot: Int

    /// - Parameters:
    ///   - columns: the columns to fill; their names are matched against JSON keys.
    ///   - slots: the row slot of each column; `nil` means `0..<columns.count`.
    ///   - unwrapped: read the single column's bare value instead of an object.
    ///   - skipping: indexes of columns whose values the caller does not need: their keys are
    ///     still recognized (which keeps the prediction of the next key right) but their values
    ///     are stepped over, checked for syntax only, and their slots are not written.
    public init(columns: [Column], slots: [Int]? = nil, unwrapped: Bool, skipping: Set<Int> = []) {
        precondition(!unwrapped || columns.count == 1, "only a single column can be unwrapped")
        let slots = slots ?? Array(columns.indices)
        precondition(slots.count == columns.count, "one slot per column")
        self.columns = columns
        self.slots = slots
        self.isUnwrapped = unwrapped
        table = JSONFieldTable(
            columns.map { ($0.name, $0.type) },
            typeName: SQLType.struct(columns.map { SQLType.StructField($0.name, $0.type) }).canonicalText,
            skipping: skipping)
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
            setNull(row)
            return false
        }
        do {
            return try decodePresent(bytes, into: row, arena: &arena)
        } catch {
            // Jackson parses the whole document before ksqlDB converts a value, so malformed JSON
            // anywhere is reported ahead of a value that does not convert.
            if !error.isSyntaxError {
                var validator = JSONScanner(bytes)
                validator.skipByteOrderMark()
                try validator.skipValue()
            }
            throw error
        }
    }

    private func decodePresent(
        _ bytes: UnsafeRawBufferPointer, into row: UnsafeMutableBufferPointer<Value>, arena: inout ByteArena
    ) throws(SerdeError) -> Bool {
        var scanner = JSONScanner(bytes)
        scanner.skipByteOrderMark()
        let first = try scanner.peekToken()
        if first == UInt8(ascii: "n") {
            try scanner.consumeLiteral("null")
            setNull(row)
            return false
        }
        if table.decodedCount == 0 {
            try scanner.skipValue()
            return true
        }
        let slotTable = self.slotTable
        if isUnwrapped {
            do {
                row[slotTable[0]] = try scanner.decodeValue(table.fields[0].plan, arena: &arena)
            } catch {
                throw error.prefixingPath("$")
            }
            return true
        }
        do throws(SerdeError) {
            guard first == UInt8(ascii: "{") else { throw try scanner.conversionError(first, table.typeName) }
            let base = row.baseAddress!
            if table.isQuicklyDecodable, scanner.decodeObjectQuickly(table, into: base, slots: slotTable, arena: &arena) {
                return true
            }
            try scanner.decodeObject(table, arena: &arena) { index, value, replacing in
                // A first store finds a value without references (see `RowDecoder.decode`), so
                // it need not be read and released: the row's slots are often not in cache.
                if replacing {
                    base[slotTable[index]] = value
                } else {
                    (base + slotTable[index]).initialize(to: value)
                }
            }
        } catch {
            throw error.prefixingPath("$")
        }
        return true
    }

    private func setNull(_ row: UnsafeMutableBufferPointer<Value>) {
        for index in 0..<table.count { row[slotTable[index]] = .null }
    }
}

extension JSONScanner {
    /// Steps over a UTF-8 byte order mark, which Jackson ignores.
    mutating func skipByteOrderMark() {
        if end - position >= 3, position[0] == 0xEF, position[1] == 0xBB, position[2] == 0xBF { position += 3 }
    }
}
