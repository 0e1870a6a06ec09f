import SluiceCore
import Testing

@testable import SluiceFunctions

@Suite struct URLAndOtherFunctionTests {
    let url = "http://user@www.test.com:8080/nested/p%20ath?query=a%26b&flag&q2=c#frag%21"

    @Test func extractsComponentsAsJavaURIDecodesThem() throws {
        #expect(try call("URL_EXTRACT_PROTOCOL", [str(url)]) == .string("http"))
        #expect(try call("URL_EXTRACT_HOST", [str(url)]) == .string("www.test.com"))
        #expect(try call("URL_EXTRACT_PORT", [str(url)]) == .integer(8080))
        #expect(try call("URL_EXTRACT_PATH", [str(url)]) == .string("/nested/p ath"))
        #expect(try call("URL_EXTRACT_QUERY", [str(url)]) == .string("query=a&b&flag&q2=c"))
        #expect(try call("URL_EXTRACT_FRAGMENT", [str(url)]) == .string("frag!"))
        #expect(try call("URL_EXTRACT_PARAMETER", [str(url), str("q2")]) == .string("c"))
        #expect(try call("URL_EXTRACT_PARAMETER", [str(url), str("flag")]) == .string(""))
        #expect(try call("URL_EXTRACT_PARAMETER", [str(url), str("missing")]) == .null)
    }

    @Test func missingComponentsAreNull() throws {
        #expect(try call("URL_EXTRACT_PORT", [str("http://test.com/")]) == .null)
        #expect(try call("URL_EXTRACT_QUERY", [str("http://test.com/")]) == .null)
        #expect(try call("URL_EXTRACT_FRAGMENT", [str("http://test.com/")]) == .null)
        #expect(try call("URL_EXTRACT_PATH", [str("http://test.com")]) == .string(""))
        #expect(try call("URL_EXTRACT_HOST", [str("mailto:someone@example.com")]) == .null)
        #expect(try call("URL_EXTRACT_PATH", [str("mailto:someone@example.com")]) == .null)
        #expect(try call("URL_EXTRACT_HOST", [str("http://under_score.com/")]) == .null)
        #expect(try call("URL_EXTRACT_HOST", [str("http://[::1]:80/")]) == .string("[::1]"))
        #expect(try call("URL_EXTRACT_HOST", [null(.string)]) == .null)
        #expect(try call("URL_EXTRACT_PARAMETER", [null(.string), str("a")]) == .null)
    }

    @Test func invalidURLsAreRecordErrors() throws {
        #expect(
            errorMessage { _ = try call("URL_EXTRACT_HOST", [str("http://a b.com")]) }
                == "URL input has invalid syntax: http://a b.com")
        #expect(errorMessage { _ = try call("URL_EXTRACT_PATH", [str("http://x.com/%zz")]) } != nil)
        #expect(errorMessage { _ = try call("URL_EXTRACT_PATH", [str("http:")]) } != nil)
    }

    @Test func encodingAndDecodingParameters() throws {
        #expect(try call("URL_ENCODE_PARAM", [str("a b&c=é*-_.~")]) == .string("a+b%26c%3D%C3%A9*-_.%7E"))
        #expect(try call("URL_DECODE_PARAM", [str("a+b%26c%3D%C3%A9")]) == .string("a b&c=é"))
        #expect(try call("URL_DECODE_PARAM", [null(.string)]) == .null)
        #expect(errorMessage { _ = try call("URL_DECODE_PARAM", [str("100%")]) } != nil)
        #expect(errorMessage { _ = try call("URL_DECODE_PARAM", [str("%zz")]) } != nil)
    }

    @Test func geoDistance() throws {
        let points = [dbl(37.4439), dbl(-122.1663), dbl(51.5257), dbl(-0.1122)]
        #expect(try call("GEO_DISTANCE", points) == .double(8634.659796579544))
        #expect(try call("GEO_DISTANCE", points + [str("KM")]) == .double(8634.659796579544))
        #expect(try call("GEO_DISTANCE", points + [str(" miles ")]) == .double(5365.659729188262))
        #expect(try call("GEO_DISTANCE", points + [null(.string)]) == .double(8634.659796579544))
        #expect(try call("GEO_DISTANCE", [null(.double), dbl(0), dbl(0), dbl(0)]) == .null)
        #expect(
            errorMessage { _ = try call("GEO_DISTANCE", points + [str("furlongs")]) }?
                .hasPrefix("GeoDistance function units parameter must be one of") == true)
        let near = [dbl(39.18660374), dbl(-76.73262144), dbl(39.18660374), dbl(-76.73222145)]
        #expect(try call("GEO_DISTANCE", near) == .double(0.03447366811448324))
        #expect(
            errorMessage { _ = try call("GEO_DISTANCE", [dbl(91), dbl(0), dbl(0), dbl(0)]) }?
                .hasPrefix("valid latitude values") == true)
    }

    @Test func eltAndField() throws {
        #expect(try call("ELT", [int(2), str("a"), str("b")]) == .string("b"))
        #expect(try call("ELT", [int(3), str("a"), str("b")]) == .null)
        #expect(try call("ELT", [int(0), str("a")]) == .null)
        #expect(try call("ELT", [null(.integer), str("a")]) == .null)
        #expect(try call("FIELD", [str("hello"), str("world"), str("hello")]) == .integer(2))
        #expect(try call("FIELD", [str("hello"), null(.string)]) == .integer(0))
        #expect(try call("FIELD", [null(.string), null(.string)]) == .integer(0))
    }
}
