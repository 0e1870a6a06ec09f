import SluiceCore

extension JSONScanner {
    /// Reads an object (its `{` at the current position) into the fields of `table`, calling
    /// `store` once or more per field, and with NULL for each field the object lacks (skipped
    /// fields excepted: their values are stepped over and `store` never sees them). The third
    /// argument of `store` tells whether the field was stored before (a case-insensitive match
    /// that an exact one overrides), so the first store can initialize rather than replace.
    ///
    /// ksqlDB looks each field up by its exact name, then among the upper-cased keys; unknown keys
    /// are skipped. Streaming, that means: a key feeds the field it names exactly and the field
    /// named by its upper-cased form; a case-insensitive match never overrides an exact one; among
    /// several matches of one kind the last wins. A value that fails to convert for a
    /// case-insensitive match only fails the record if no exact match for that field follows.
    @inline(__always)
    mutating func decodeObject(
        _ table: JSONFieldTable, arena: inout ByteArena, store: (Int, Value, Bool) -> Void
    ) throws(SerdeError) {
        position += 1
        var states = FieldStates(count: table.count)
        var pending = PendingFailures()
        defer {
            states.discard()
            pending.discard()
        }
        var hint = 0
        if try peekToken() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard try peekToken() == 0x22 else { throw JSONScanner.unexpected(position.pointee, expected: "a field name") }
                var exact = -1
                var caseInsensitive = -1
                var recognized = false
                if hint < table.count {
                    let field = UnsafePointer(table.fields + hint)
                    let nameCount = field.pointee.nameCount
                    let match = JSONFieldTable.matchKeyWords(at: position, end: end, field: field)
                        ?? table.comparePredicted(at: position, end: end, with: hint)
                    switch match {
                    case .exact:
                        (exact, caseInsensitive) = (hint, field.pointee.upperCasePartner)
                        recognized = true
                    case .caseInsensitive:
                        exact = table.exactPartner(of: UnsafeBufferPointer(start: position + 1, count: nameCount))
                        caseInsensitive = hint
                        recognized = true
                    case .none:
                        break
                    }
                    if recognized { position += nameCount + 2 }
                }
                if !recognized {
                    let key = try scanString()
                    (exact, caseInsensitive) = JSONScanner.match(key, readable: end - key.start, in: table, hint: hint)
                }
                // A skipped field feeds nothing, but the key after it is predicted to be its successor,
                // and its value must still convert (checked below).
                let checkedSkip = exact >= 0 && table.fields[exact].isSkipped
                    ? exact
                    : (exact < 0 && caseInsensitive >= 0 && table.fields[caseInsensitive].isSkipped ? caseInsensitive : -1)
                let checkedIsExact = checkedSkip >= 0 && checkedSkip == exact
                let skippedExact = exact >= 0 && table.fields[exact].isSkipped
                let skippedCaseInsensitive = caseInsensitive >= 0 && table.fields[caseInsensitive].isSkipped
                if skippedExact || skippedCaseInsensitive {
                    hint = (skippedExact ? exact : caseInsensitive) + 1
                    if skippedExact { exact = -1 }
                    if skippedCaseInsensitive { caseInsensitive = -1 }
                }
                try expect(UInt8(ascii: ":"), "':'")
                let valueStart = position
                // The value is decoded once for the field it feeds first (its exact match, else its
                // case-insensitive one) and, rarely, again for the other.
                let ciStillOpen = caseInsensitive >= 0 && !states.isExact(caseInsensitive)
                let primary = exact >= 0 ? exact : (ciStillOpen ? caseInsensitive : -1)
                if primary < 0 && checkedSkip >= 0 {
                    do {
                        try skipCheckedValue(table.fields[checkedSkip].plan, arena: &arena)
                        if checkedIsExact && !pending.isEmpty { pending.remove(field: checkedSkip) }
                    } catch {
                        let located = error.prefixingPath("." + table.names[checkedSkip])
                        // As for a read field: a case-insensitive match's failure waits for an exact match.
                        if checkedIsExact { throw located }
                        try deferFailure(
                            located, field: checkedSkip, replacing: true, from: valueStart, pending: &pending,
                            store: { _, _, _ in })
                    }
                } else if primary < 0 {
                    try skipValue()
                } else {
                    let isExact = primary == exact
                    do {
                        store(primary, try decodeField(table.fields[primary].plan, arena: &arena), states.isAssigned(primary))
                        if !pending.isEmpty { pending.remove(field: primary) }
                    } catch {
                        let located = error.prefixingPath("." + table.names[primary])
                        if isExact { throw located }
                        try deferFailure(
                            located, field: primary, replacing: states.isAssigned(primary), from: valueStart,
                            pending: &pending, store: store)
                    }
                    states.mark(primary, exact: isExact)
                    hint = primary + 1
                    if isExact, ciStillOpen, caseInsensitive != exact {
                        position = valueStart
                        do {
                            store(
                                caseInsensitive, try decodeValue(table.fields[caseInsensitive].plan, arena: &arena),
                                states.isAssigned(caseInsensitive))
                            if !pending.isEmpty { pending.remove(field: caseInsensitive) }
                        } catch {
                            let located = error.prefixingPath("." + table.names[caseInsensitive])
                            try deferFailure(
                                located, field: caseInsensitive, replacing: states.isAssigned(caseInsensitive),
                                from: valueStart, pending: &pending, store: store)
                        }
                        states.mark(caseInsensitive, exact: false)
                    }
                }
                skipWhitespace()
                guard position < end else { throw .invalidJSON("unexpected end-of-input: expected close marker for OBJECT") }
                let next = position.pointee
                position += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw JSONScanner.unexpected(next, expected: "',' or '}'") }
            }
        }
        if let failure = pending.first { throw failure }
        if states.assignedCount < table.decodedCount {
            for index in 0..<table.count where !states.isAssigned(index) && !table.fields[index].isSkipped {
                store(index, .null, false)
            }
        }
    }

    /// A case-insensitive match's value did not convert: an exact match later in the object would
    /// take precedence, so the error waits, the field is NULL for now, and the value is skipped.
    private mutating func deferFailure(
        _ error: SerdeError, field: Int, replacing: Bool, from valueStart: UnsafePointer<UInt8>,
        pending: inout PendingFailures, store: (Int, Value, Bool) -> Void
    ) throws(SerdeError) {
        if error.isSyntaxError { throw error }
        pending.append(field: field, error)
        store(field, .null, replacing)
        position = valueStart
        try skipValue()
    }

    /// The fields a key token feeds (`-1` for none), decoding its escapes first if it has any.
    @inline(__always)
    static func match(
        _ key: StringToken, readable: Int, in table: JSONFieldTable, hint: Int
    ) -> (exact: Int, caseInsensitive: Int) {
        if !key.hasEscapes { return table.match(key.raw, readable: readable, hint: hint) }
        return matchEscaped(key, in: table, hint: hint)
    }

    @inline(never)
    private static func matchEscaped(_ key: StringToken, in table: JSONFieldTable, hint: Int) -> (exact: Int, caseInsensitive: Int) {
        var decoded = [UInt8](repeating: 0, count: key.count)
        let count = decoded.withUnsafeMutableBytes { JSONEscaping.unescape(key.raw, to: $0.baseAddress!) }
        return decoded.withUnsafeBufferPointer {
            table.match(UnsafeBufferPointer(rebasing: $0[..<count]), readable: count, hint: hint)
        }
    }
}

/// Conversion failures of case-insensitive matches that an exact match may still override.
///
/// Rare, so the list is only created for the first one, and held without reference counting:
/// even an absent array costs a release call per object. `discard()` frees it.
struct PendingFailures {
    private final class List {
        var entries: [(field: Int, error: SerdeError)] = []
    }

    private var list: Unmanaged<List>?

    var isEmpty: Bool { list == nil }

    var first: SerdeError? { list?.takeUnretainedValue().entries.first?.error }

    @inline(never) mutating func append(field: Int, _ error: SerdeError) {
        if list == nil { list = Unmanaged.passRetained(List()) }
        list!.takeUnretainedValue().entries.append((field, error))
    }

    @inline(never) mutating func remove(field: Int) {
        guard let box = list?.takeUnretainedValue() else { return }
        box.entries.removeAll { $0.field == field }
        if box.entries.isEmpty { discard() }
    }

    mutating func discard() {
        list?.release()
        list = nil
    }
}

/// Which fields of an object have been assigned, and whether by an exact name match.
/// Bit masks for up to 64 fields; beyond, a byte per field in memory allocated only then and
/// freed by `discard()` (no array: even an absent one costs a release call per object).
struct FieldStates {
    private var assigned: UInt64 = 0
    private var exact: UInt64 = 0
    private var wide: UnsafeMutableBufferPointer<UInt8>?
    private(set) var assignedCount = 0

    init(count: Int) {
        if count > 64 {
            wide = .allocate(capacity: count)
            wide!.initialize(repeating: 0)
        }
    }

    mutating func discard() {
        wide?.deallocate()
        wide = nil
    }

    @inline(__always) func isAssigned(_ index: Int) -> Bool {
        if let wide { return wide[index] != 0 }
        return assigned & (1 << UInt64(index)) != 0
    }

    @inline(__always) func isExact(_ index: Int) -> Bool {
        if let wide { return wide[index] == 2 }
        return exact & (1 << UInt64(index)) != 0
    }

    @inline(__always) mutating func mark(_ index: Int, exact isExact: Bool) {
        if !isAssigned(index) { assignedCount += 1 }
        if let wide {
            if isExact || wide[index] == 0 { wide[index] = isExact ? 2 : 1 }
        } else {
            let bit: UInt64 = 1 << UInt64(index)
            assigned |= bit
            if isExact { exact |= bit }
        }
    }
}
