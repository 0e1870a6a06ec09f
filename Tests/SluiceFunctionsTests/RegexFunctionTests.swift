import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct RegexFunctionTests {
    @Test func extractFirstMatchOrGroup() throws {
        #expect(try call("REGEXP_EXTRACT", [str("test."), str("some_test_string")]) == .string("test_"))
        #expect(try call("REGEXP_EXTRACT", [str("test."), str("anothertest")]) == .null)
        #expect(try call("REGEXP_EXTRACT", [str("(.*) (.*)"), str("steven zhang"), int(2)]) == .string("zhang"))
        #expect(try call("REGEXP_EXTRACT", [str("(.*) (.*)"), str("steven zhang"), int(3)]) == .null)
        #expect(try call("REGEXP_EXTRACT", [str("(a)|(b)"), str("b"), int(1)]) == .null)
        #expect(try call("REGEXP_EXTRACT", [str("é."), str("xéy")]) == .string("éy"))
        #expect(try callRowByRow("REGEXP_EXTRACT", [str("\\d+"), str("ab123c")]) == .string("123"))
        #expect(try call("REGEXP_EXTRACT", [null(.string), str("x")]) == .null)
        #expect(try call("REGEXP_EXTRACT", [str("x"), null(.string)]) == .null)
    }

    @Test func extractAllMatches() throws {
        #expect(
            try call("REGEXP_EXTRACT_ALL", [str("test."), str("some_test_string_testabab")])
                == stringValues("test_", "testa"))
        #expect(
            try call("REGEXP_EXTRACT_ALL", [str("(\\w+) (\\w*)"), str("apurva mehta agavra "), int(2)])
                == stringValues("mehta", ""))
        #expect(try call("REGEXP_EXTRACT_ALL", [str("x*"), str("axb")]) == stringValues("", "x", "", ""))
        #expect(try call("REGEXP_EXTRACT_ALL", [str("test."), str("nothing")]) == .array([]))
        #expect(try call("REGEXP_EXTRACT_ALL", [str("(a)"), str("a"), int(2)]) == .null)
    }

    @Test func invalidPatternsAreRecordErrors() throws {
        let message = errorMessage { _ = try call("REGEXP_EXTRACT", [str("(unclosed"), str("x")]) }
        #expect(message?.hasPrefix("Invalid regular expression pattern: (unclosed") == true)
        #expect(errorMessage { _ = try callRowByRow("REGEXP_REPLACE", [str("x"), str("["), str("y")]) } != nil)
    }

    @Test func javaSyntaxIsTranslated() throws {
        #expect(try call("REGEXP_EXTRACT", [str("\\p{Alpha}+"), str("12abc3")]) == .string("abc"))
        #expect(try call("REGEXP_EXTRACT", [str("[\\p{Digit}x]+"), str("ab1x2c")]) == .string("1x2"))
        #expect(try call("REGEXP_EXTRACT", [str("\\P{Alpha}+"), str("ab12c")]) == .string("12"))
        #expect(try call("REGEXP_EXTRACT", [str("\\u00e9+"), str("aééb")]) == .string("éé"))
        #expect(try call("REGEXP_EXTRACT", [str("\\p{javaLowerCase}+"), str("ABcdE")]) == .string("cd"))
        #expect(try call("REGEXP_EXTRACT", [str("\\Q.*\\E"), str("a.*b")]) == .string(".*"))
        // Java's `.` stops at CR as well as LF.
        #expect(try call("REGEXP_EXTRACT", [str("a.*"), str("abc\rdef")]) == .string("abc"))
    }

    @Test(arguments: [
        ("a1b22c", "\\d+", "#", "a#b#c"), ("abc", "x*", "-", "-a-b-c-"), ("aab", "a*", "-", "--b-"),
        ("john smith", "(\\w+) (\\w+)", "$2, $1", "smith, john"),
        ("john smith", "(?<first>\\w+) \\w+", "${first}!", "john!"),
        ("a.b", "\\.", "\\$", "a$b"), ("abc", "z", "$9", "abc"), ("quick", "(q)(u)(i)(c)(k)", "$10", "q0"),
    ])
    func replace(input: String, pattern: String, replacement: String, expected: String) throws {
        #expect(try call("REGEXP_REPLACE", [str(input), str(pattern), str(replacement)]) == .string(expected))
    }

    @Test func replaceFailsOnBadGroupReferencesOnlyWhenSomethingMatches() throws {
        #expect(errorMessage { _ = try call("REGEXP_REPLACE", [str("abc"), str("b"), str("$2")]) } == "No group 2")
        #expect(
            errorMessage { _ = try call("REGEXP_REPLACE", [str("abc"), str("b"), str("x\\")]) }
                == "character to be escaped is missing")
        #expect(try call("REGEXP_REPLACE", [null(.string), str("b"), str("c")]) == .null)
    }

    @Test(arguments: [
        ("a-b--c", "-", ["a", "b", "", "c"]), ("-a-", "-", ["", "a", ""]), ("abc", "x", ["abc"]), ("", "x", [""]),
        ("abc", "", ["a", "b", "c"]), ("a1b22", "\\d*", ["a", "", "b"]), ("a,b;c", "[,;]", ["a", "b", "c"]),
    ])
    func splitToArray(input: String, pattern: String, expected: [String]) throws {
        #expect(try call("REGEXP_SPLIT_TO_ARRAY", [str(input), str(pattern)]) == .array(expected.map { .string($0) }))
    }

    @Test func splitOfNullIsNull() throws {
        #expect(try call("REGEXP_SPLIT_TO_ARRAY", [null(.string), str("a")]) == .null)
        #expect(try call("REGEXP_SPLIT_TO_ARRAY", [str("a"), null(.string)]) == .null)
    }
}
