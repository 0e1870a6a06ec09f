import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct BytesFunctionTests {
    func bytesValue(_ values: [UInt8]) -> Value { .bytes(ByteString(values)) }

    @Test func toAndFromBytesInEachEncoding() throws {
        #expect(try call("TO_BYTES", [str("1aB2"), str("hex")]) == bytesValue([0x1A, 0xB2]))
        #expect(try call("FROM_BYTES", [bytes([0x1A, 0xB2]), str("HEX")]) == .string("1AB2"))
        #expect(try call("TO_BYTES", [str("é!"), str("utf8")]) == bytesValue([0xC3, 0xA9, 0x21]))
        #expect(try call("TO_BYTES", [str("é!"), str("ascii")]) == bytesValue([0x3F, 0x21]))
        #expect(try call("FROM_BYTES", [bytes([0x21, 0xC3]), str("ascii")]) == .string("!\u{FFFD}"))
        #expect(try call("TO_BYTES", [str("IQ=="), str("base64")]) == bytesValue([0x21]))
        #expect(try call("FROM_BYTES", [bytes([0x21]), str("base64")]) == .string("IQ=="))
        #expect(try callRowByRow("FROM_BYTES", [bytes([0x23]), str("utf8")]) == .string("#"))
        #expect(try call("TO_BYTES", [null(.string), str("hex")]) == .null)
        #expect(errorMessage { _ = try call("TO_BYTES", [str("abc"), str("hex")]) } != nil)
        #expect(
            errorMessage { _ = try call("FROM_BYTES", [bytes([1]), str("ebcdic")]) }
                == "Unknown encoding type 'ebcdic'. Supported formats are 'hex', 'utf8', 'ascii', and 'base64'.")
    }

    @Test func numbersFromBytes() throws {
        #expect(try call("INT_FROM_BYTES", [bytes([0, 0, 0x07, 0xE5])]) == .integer(2021))
        #expect(try call("INT_FROM_BYTES", [bytes([0xE5, 0x07, 0, 0]), str("LITTLE_ENDIAN")]) == .integer(2021))
        #expect(try call("INT_FROM_BYTES", [bytes([0xFF, 0xFF, 0xFF, 0xFE])]) == .integer(-2))
        #expect(try call("BIGINT_FROM_BYTES", [bytes([0, 0, 0, 1, 0x2A, 0x05, 0xF2, 0])]) == .bigint(5_000_000_000))
        #expect(
            try call("DOUBLE_FROM_BYTES", [bytes([0x40, 0x80, 0xA6, 0xFD, 0x9B, 0xC9, 0xF5, 0x82])])
                == .double(532.8738323))
        #expect(
            try callRowByRow("BIGINT_FROM_BYTES", [bytes([1, 0, 0, 0, 0, 0, 0, 0]), str("little_endian")]) == .bigint(1)
        )
        #expect(try call("INT_FROM_BYTES", [null(.bytes)]) == .null)
        #expect(
            errorMessage { _ = try call("INT_FROM_BYTES", [bytes([1, 2, 3])]) }
                == "Number of bytes must be equal to 4, but found 3")
        #expect(errorMessage { _ = try call("INT_FROM_BYTES", [bytes([1, 2, 3, 4]), str("MIDDLE")]) } != nil)
    }

    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"), ("r1", "7c92cf1eee8d99cc85f8355a3d6e4b86"),
        (" ", "7215ee9c7d9dc229d2921a40e899ec5f"),
        ("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6"),
        (String(repeating: "a", count: 64), "014842d480b571495a4a0363793f7367"),
    ])
    func md5(input: String, digest: String) throws {
        #expect(try call("MD5", [str(input)]) == .string(digest))
    }

    @Test func md5OfNullIsNull() throws {
        #expect(try call("MD5", [null(.string)]) == .null)
    }

    @Test(arguments: [
        ("4578616d706C6521", "hex", "ascii", "Example!"), ("0x4578616d706C6521", "hex", "utf8", "Example!"),
        ("X'4578616d706C6521'", "hex", "base64", "RXhhbXBsZSE="), ("x''", "hex", "utf8", ""),
        ("0x578616d706C6521", "hex", "utf8", "\u{05}xample!"),
        ("c39c6265726d656e736368", "hex", "ascii", "\u{FFFD}\u{FFFD}bermensch"),
        ("Example!", "ascii", "hex", "4578616d706c6521"), ("Ελλάδα", "ascii", "utf8", "??????"),
        ("zpXOu867zqzOtM6x", "base64", "utf8", "Ελλάδα"), ("Ελλάδα", "utf8", "base64", "zpXOu867zqzOtM6x"),
    ])
    func encode(input: String, from: String, to: String, expected: String) throws {
        #expect(try call("ENCODE", [str(input), str(from), str(to)]) == .string(expected))
    }

    @Test func encodeFailures() throws {
        for bad in ["X'", "x'4578616d706C6521", "578616d706C6521", "0x0x"] {
            #expect(errorMessage { _ = try call("ENCODE", [str(bad), str("hex"), str("utf8")]) } != nil)
        }
        #expect(
            errorMessage { _ = try call("ENCODE", [str("a"), str("hex"), str("hex")]) }
                == "Supported input and output encodings are: hex, utf8, ascii and base64")
        #expect(try call("ENCODE", [null(.string), str("hex"), str("utf8")]) == .null)
        #expect(try call("ENCODE", [str("a"), null(.string), str("utf8")]) == .null)
    }

    @Test func uuidOfBytes() throws {
        let value = (0..<16).map { UInt8($0) }
        #expect(try call("UUID", [bytes(value)]) == .string("00010203-0405-0607-0809-0a0b0c0d0e0f"))
        #expect(try call("UUID", [bytes([1, 2])]) == .null)
        guard case .string(let random) = try call("UUID", []) else {
            Issue.record("not a string")
            return
        }
        #expect(random.count == 36)
    }
}
