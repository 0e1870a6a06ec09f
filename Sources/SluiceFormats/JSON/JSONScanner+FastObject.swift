import SluiceCore

extension JSONScanner {
    /// Reads an object (its `{` at the current position) straight into row slots when it holds no
    /// surprises; returns false, with the position and the row as they were, when it does.
    ///
    /// It serves tables whose names have no lower-case letters (so a key feeds at most one field)
    /// and at most 64 fields, and covers what records usually are: keys in any case, mostly in
    /// table order, unknown keys skipped, fields missing. It gives up (and `decodeObject`, which
    /// knows every rule, reads the object again) on a key seen twice, on a value that does not
    /// convert and on malformed JSON, so it never has to defer or report an error itself. The
    /// slots must hold values without references, as for `RowDecoder.decode`.
    ///
    /// - Parameters:
    ///   - row: the row's first slot; `slots[i]` is where field `i` goes.
    mutating func decodeObjectQuickly(
        _ table: JSONFieldTable, into row: UnsafeMutablePointer<Value>, slots: UnsafePointer<Int>,
        arena: inout ByteArena
    ) -> Bool {
        let objectStart = position
        var stored: UInt64 = 0
        if readObject(table, into: row, slots: slots, stored: &stored, arena: &arena) { return true }
        // Put everything back as it was for the full reader.
        var remaining = stored
        while remaining != 0 {
            let field = remaining.trailingZeroBitCount
            row[slots[field]] = .null
            remaining &= remaining &- 1
        }
        position = objectStart
        return false
    }

    /// The loop of `decodeObjectQuickly`; `stored` collects the fields it stored.
    @inline(__always)
    private mutating func readObject(
        _ table: JSONFieldTable, into row: UnsafeMutablePointer<Value>, slots: UnsafePointer<Int>,
        stored: inout UInt64, arena: inout ByteArena
    ) -> Bool {
        position += 1
        skipWhitespace()
        guard position < end else { return false }
        if position.pointee == UInt8(ascii: "}") {
            position += 1
            return true
        }
        let fields = table.fields
        let count = table.count
        defer {
            // Fields the object lacks are NULL.
            var missing = table.decodedMask & ~stored
            while missing != 0 {
                let field = missing.trailingZeroBitCount
                (row + slots[field]).initialize(to: .null)
                missing &= missing &- 1
            }
        }
        var hint = 0
        while true {
            guard position < end, position.pointee == 0x22 else { return false }
            var field = -1
            if hint < count, JSONFieldTable.keyMatchesInAnyCase(at: position, end: end, field: fields + hint) == true {
                field = hint
                position += fields[hint].nameCount + 2
            } else {
                guard let key = try? scanString() else { return false }
                let (exact, caseInsensitive) = JSONScanner.match(key, readable: end - key.start, in: table, hint: hint)
                field = exact >= 0 ? exact : caseInsensitive
            }
            if position < end, position.pointee == UInt8(ascii: ":") {
                position += 1
            } else {
                skipWhitespace()
                guard position < end, position.pointee == UInt8(ascii: ":") else { return false }
                position += 1
            }
            if field >= 0 {
                let bit: UInt64 = 1 << UInt64(field)
                // A key seen twice needs the precedence rules of `decodeObject`.
                if stored & bit != 0 { return false }
                if fields[field].isSkipped {
                    guard (try? skipCheckedValue(fields[field].plan, arena: &arena)) != nil else { return false }
                } else {
                    guard let value = try? decodeField(fields[field].plan, arena: &arena) else { return false }
                    (row + slots[field]).initialize(to: value)
                    stored |= bit
                }
                hint = field + 1
            } else {
                guard skipValueQuickly() else { return false }
            }
            skipWhitespace()
            guard position < end else { return false }
            let next = position.pointee
            position += 1
            if next == UInt8(ascii: "}") { return true }
            guard next == UInt8(ascii: ",") else { return false }
            skipWhitespace()
        }
    }

    /// Steps over a value, a string directly (the usual case); false when it is malformed.
    @inline(__always)
    private mutating func skipValueQuickly() -> Bool {
        if position < end, position.pointee == 0x22 { return (try? scanString()) != nil }
        return (try? skipValue()) != nil
    }
}
