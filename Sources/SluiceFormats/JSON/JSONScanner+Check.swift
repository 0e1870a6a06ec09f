import SluiceCore

extension JSONScanner {
    /// Steps over the value of a field the query does not read, but fails as decoding it would:
    /// ksqlDB decodes every column of a record, so a value that does not convert drops the record
    /// whichever columns a query reads. Values whose JSON kind converts as it is (a number for a
    /// DOUBLE, anything for a STRING, `null` for any type) are only stepped over; the others are
    /// decoded and dropped.
    @inline(__always)
    mutating func skipCheckedValue(_ plan: JSONTypePlan, arena: inout ByteArena) throws(SerdeError) {
        if valueConvertsAsItIs(plan) {
            if position < end, position.pointee == 0x22 {
                _ = try scanString()
            } else {
                try skipValue()
            }
            return
        }
        _ = try decodeField(plan, arena: &arena)
    }

    /// Whether the value at the current position converts to `plan` without being looked at.
    @inline(__always)
    private func valueConvertsAsItIs(_ plan: JSONTypePlan) -> Bool {
        guard position < end else { return false }
        let first = position.pointee
        if first == UInt8(ascii: "n") { return true }
        switch plan {
        case .string: return true
        case .double: return first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        case .boolean: return first == UInt8(ascii: "t") || first == UInt8(ascii: "f")
        default: return false
        }
    }
}
