extension JSONScanner {
    /// Steps over one complete value of any kind, checking its syntax.
    ///
    /// Iterative, so a deeply nested value cannot overflow the stack; nesting beyond `maxDepth`
    /// is rejected. Containers open on the stack are tracked one bit each (1 = object).
    mutating func skipValue() throws(SerdeError) {
        var stack = ContainerStack()
        defer { stack.discard() }
        while true {
            // A value starts here.
            let byte = try peekToken()
            switch byte {
            case UInt8(ascii: "{"):
                position += 1
                if try peekToken() == UInt8(ascii: "}") {
                    position += 1
                } else {
                    try stack.push(isObject: true)
                    try skipMemberName()
                    continue
                }
            case UInt8(ascii: "["):
                position += 1
                if try peekToken() == UInt8(ascii: "]") {
                    position += 1
                } else {
                    try stack.push(isObject: false)
                    continue
                }
            default:
                try skipScalar(startingWith: byte)
            }
            // A value ended: close containers until one continues with `,`.
            while true {
                guard let isObject = stack.top else { return }
                skipWhitespace()
                guard position < end else { throw .invalidJSON("unexpected end-of-input: expected close marker") }
                let next = position.pointee
                position += 1
                if next == UInt8(ascii: ",") {
                    if isObject { try skipMemberName() }
                    break
                }
                if next == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    stack.pop()
                    continue
                }
                throw JSONScanner.unexpected(next, expected: isObject ? "',' or '}'" : "',' or ']'")
            }
        }
    }

    /// Steps over `"name" :` inside an object.
    private mutating func skipMemberName() throws(SerdeError) {
        guard try peekToken() == 0x22 else { throw JSONScanner.unexpected(position.pointee, expected: "a field name") }
        _ = try scanString()
        try expect(UInt8(ascii: ":"), "':'")
    }

    /// Steps over a string, number or literal starting with `byte` at the current position.
    mutating func skipScalar(startingWith byte: UInt8) throws(SerdeError) {
        switch byte {
        case 0x22: _ = try scanString()
        case UInt8(ascii: "t"): try consumeLiteral("true")
        case UInt8(ascii: "f"): try consumeLiteral("false")
        case UInt8(ascii: "n"): try consumeLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: throw JSONScanner.unexpected(byte, expected: "a value")
        }
    }
}

/// Which containers are open while scanning: a bit per level, object or array.
///
/// Levels beyond 64 go to memory allocated only then and freed by `discard()` (no array: even
/// an absent one costs a release call per value skipped).
struct ContainerStack {
    private var low: UInt64 = 0
    private var deeper: UnsafeMutableBufferPointer<Bool>?
    private(set) var depth = 0

    var top: Bool? {
        guard depth > 0 else { return nil }
        return depth <= 64 ? (low >> UInt64(depth - 1)) & 1 == 1 : deeper![depth - 65]
    }

    mutating func push(isObject: Bool) throws(SerdeError) {
        guard depth < JSONScanner.maxDepth else {
            throw .invalidJSON("document nesting depth exceeds the maximum allowed (\(JSONScanner.maxDepth))")
        }
        if depth < 64 {
            let bit: UInt64 = 1 << UInt64(depth)
            low = isObject ? low | bit : low & ~bit
        } else {
            if deeper == nil { deeper = .allocate(capacity: JSONScanner.maxDepth - 64) }
            deeper![depth - 64] = isObject
        }
        depth += 1
    }

    mutating func pop() {
        depth -= 1
    }

    mutating func discard() {
        deeper?.deallocate()
        deeper = nil
    }
}
