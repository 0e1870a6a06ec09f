import SluiceCore
import Testing

@testable import SluiceSQL

@Suite struct LexerTests {
    /// The kinds and texts of the tokens of `text`, without the final end-of-input token.
    private func lex(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Lexer.tokenize(text).dropLast().map { token in
            let written = String(decoding: bytes[token.text], as: UTF8.self)
            switch token.kind {
            case .keyword: return "kw:\(token.keyword!.text)"
            default: return "\(token.kind):\(written)"
            }
        }
    }

    @Test func keywordsAreCaseInsensitiveAndIdentifiersAreNot() {
        #expect(lex("select Select SELECT selected") == ["kw:SELECT", "kw:SELECT", "kw:SELECT", "identifier:selected"])
        #expect(
            lex("MILLISECONDS materialized x_1 a@b _z") == [
                "kw:MILLISECONDS", "kw:MATERIALIZED", "identifier:x_1", "identifier:a@b", "identifier:_z",
            ]
        )
    }

    @Test func everyKeywordIsFoundByItsSpelling() {
        for keyword in Keyword.allCases {
            #expect(KeywordTable.keyword(keyword.text) == keyword)
            #expect(KeywordTable.keyword(keyword.text.lowercased()) == keyword)
        }
        #expect(KeywordTable.keyword("SELECTS") == nil)
    }

    @Test func numbersFollowTheLongestMatchAsInAntlr() {
        #expect(
            lex("42 1.5 .5 1. 1.5E0 2e-3 1E5") == [
                "integer:42", "decimal:1.5", "decimal:.5", "decimal:1.", "double:1.5E0", "double:2e-3", "double:1E5",
            ]
        )
        // A digit identifier wins only when it is longer than the number.
        #expect(
            lex("1abc 1E5X 1e+5 12_ 3") == [
                "digitIdentifier:1abc", "digitIdentifier:1E5X", "double:1e+5", "digitIdentifier:12_", "integer:3",
            ]
        )
        #expect(lex("1.5abc") == ["decimal:1.5", "identifier:abc"])
    }

    @Test func stringsAndQuotedIdentifiersDoubleTheirQuotes() {
        #expect(
            lex("'it''s' \"a\"\"b\" `c``d` ''") == [
                "string:'it''s'", "quotedIdentifier:\"a\"\"b\"", "backquotedIdentifier:`c``d`", "string:''",
            ]
        )
    }

    @Test func operatorsTakeTheirLongestSpelling() {
        #expect(
            lex("<> != <= >= < > = => -> := || - + * / % ( ) [ ] , ; .").map { $0.split(separator: ":")[0] } == [
                "notEqual", "notEqual", "lessOrEqual", "greaterOrEqual", "less", "greater", "equal", "lambdaArrow",
                "arrow",
                "assign", "concat", "minus", "plus", "star", "slash", "percent", "leftParen", "rightParen",
                "leftBracket",
                "rightBracket", "comma", "semicolon", "dot",
            ]
        )
    }

    @Test func commentsProduceNoTokensButAreRecorded() {
        let text = "a -- line\n/* block */ b --@test: directive\nc"
        var tokens: [Token] = []
        var comments: [SourceRange] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { Lexer.tokenize($0, into: &tokens, comments: &comments, recordComments: true) }
        bytes = []
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .identifier, .endOfInput])
        #expect(
            comments.map { SourceFile(name: "", text: text).slice($0) } == [
                "-- line", "/* block */", "--@test: directive",
            ]
        )
    }

    @Test func variablesAreTokensOfTheirOwn() {
        #expect(
            lex("${topic} ${_x1} $ ${1x} ${a") == [
                "variable:${topic}", "variable:${_x1}", "invalidCharacter:$", "invalidCharacter:$",
                "invalidCharacter:{",
                "digitIdentifier:1x", "invalidCharacter:}", "invalidCharacter:$", "invalidCharacter:{", "identifier:a",
            ]
        )
    }

    @Test func nonAsciiLettersMakeIdentifiersOtherCharactersAreInvalid() {
        #expect(
            lex("café ñandú 名前 x€") == [
                "identifier:café", "identifier:ñandú", "identifier:名前", "identifier:x", "invalidCharacter:€",
            ]
        )
    }

    @Test func unterminatedTokensRunToTheEnd() {
        #expect(lex("a 'open") == ["identifier:a", "unterminatedString:'open"])
        #expect(lex("`open") == ["unterminatedIdentifier:`open"])
        #expect(lex("a /* open") == ["identifier:a", "unterminatedComment:/* open"])
        #expect(lex("# | :") == ["invalidCharacter:#", "invalidCharacter:|", "invalidCharacter::"])
    }

    @Test func tokenRangesAreByteOffsets() {
        let tokens = Lexer.tokenize("é = 'ü'")
        #expect(
            tokens.map(\.range) == [
                SourceRange(start: 0, end: 2), SourceRange(start: 3, end: 4), SourceRange(start: 5, end: 9),
                SourceRange(at: 9),
            ]
        )
    }
}
