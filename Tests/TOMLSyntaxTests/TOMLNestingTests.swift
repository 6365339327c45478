import NestingLimit
import Testing
import TOMLSyntax

/// An acme.toml nested 100,000 deep gives a located error, not a stack overflow.
@Suite struct TOMLNestingTests {
    static let deep = 100_000

    func error(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLDocument.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func deeplyNestedArraysAreALocatedError() {
        let text = "name = 'x'\nvalue = " + String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep) + "\n"
        #expect(error(text) == TOMLError("arrays and inline tables nested more than 1000 deep",
            at: TOMLLocation(line: 2, column: 9 + NestingDepth.limit)))
    }

    @Test func deeplyNestedInlineTablesAreALocatedError() {
        let text = "value = " + String(repeating: "{a = ", count: Self.deep) + "1" + String(repeating: "}", count: Self.deep) + "\n"
        #expect(error(text) == TOMLError("arrays and inline tables nested more than 1000 deep",
            at: TOMLLocation(line: 1, column: 9 + 5 * NestingDepth.limit)))
    }

    @Test func longDottedKeysAreALocatedError() {
        for text in [String(repeating: "a.", count: Self.deep) + "b = 1\n", "[" + String(repeating: "a.", count: Self.deep) + "b]\n"] {
            let column = (text.hasPrefix("[") ? 2 : 1) + 2 * NestingDepth.limit
            #expect(error(text) == TOMLError("a key has more than 1000 dotted parts", at: TOMLLocation(line: 1, column: column)))
        }
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        let depth = NestingDepth.limit
        let table = try TOMLDocument.parse("value = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        var value = try #require(table["value"]?.value)
        var levels = 0
        while case .array(let items) = value {
            levels += 1
            guard let first = items.first else { break }
            value = first.value
        }
        #expect(levels == depth)
    }
}
