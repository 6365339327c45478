import PythonSyntax
import Testing

@Suite struct JSONParserTests {
    @Test func readsWhatTheSerializerWrites() throws {
        let value: JSONValue = [
            "int": 3, "double": .double(1.0), "small": .double(1e-7), "negative": -12, "text": "tab\t\"quote\" é \u{1}",
            "list": [.null, true, false, [], [:]], "nested": ["a": ["b": [1, 2.5]]],
        ]
        for indent in [nil, 2] as [Int?] {
            let text = value.serialized(indent: indent)
            let parsed = try JSONValue.parse(text)
            #expect(parsed == value)
            #expect(parsed.serialized(indent: indent) == text)
        }
    }

    @Test func keepsIntegersAndDoublesApart() throws {
        #expect(try JSONValue.parse("[1, 1.0, 1e2, -0]") == [.int(1), .double(1.0), .double(100), .int(0)])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue.parse(#""a\u00e9\ud83d\ude00\/\n""#) == .string("aé😀/\n"))
    }

    @Test func errorsNameLineAndColumn() {
        #expect(throws: JSONParseError(message: "expected ',' or '}'", line: 2, column: 10)) {
            try JSONValue.parse("{\n  \"a\": 1 \"b\"}")
        }
        #expect(throws: JSONParseError(message: "unterminated string", line: 1, column: 2)) { try JSONValue.parse("[\"ab") }
        #expect(throws: JSONParseError(message: "unexpected text after the value", line: 1, column: 4)) {
            try JSONValue.parse("{} x")
        }
        #expect(throws: JSONParseError(message: "unexpected character", line: 1, column: 2)) { try JSONValue.parse("[tru]") }
    }
}
