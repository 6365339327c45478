import PythonSyntax
import Testing

@Suite struct LiteralEvaluatorTests {
    func evaluate(_ source: String, _ name: String = "x") throws -> JSONValue? {
        let parsed = try Parsed(source)
        return LiteralEvaluator(scope: parsed.scope).evaluate(try #require(parsed.value(of: name)))
    }

    @Test func scalars() throws {
        #expect(try evaluate("x = 'a'") == "a")
        #expect(try evaluate("x = 12_000") == 12000)
        #expect(try evaluate("x = 0x1f") == 31)
        #expect(try evaluate("x = -2.5") == .double(-2.5))
        #expect(try evaluate("x = True") == true)
        #expect(try evaluate("x = None") == .null)
    }

    @Test func containers() throws {
        #expect(try evaluate("x = [1, 'a', (2, 3)]") == [1, "a", [2, 3]])
        #expect(try evaluate("x = {'k': [1], 2: None}") == ["k": [1], "2": .null])
    }

    @Test func moduleConstantsAndConcatenation() throws {
        let source = "A = 'acme'\nB = A + '-' + 'etl'\nx = f'{B}-{A}'\n"
        #expect(try evaluate(source) == "acme-etl-acme")
    }

    @Test func constantsAreReadAsTheyWereWhenUsed() throws {
        #expect(try evaluate("A = 'one'\nx = A\nA = 'two'\n") == "one")
    }

    @Test func fStringsWithLiteralBracesAndNestedQuotes() throws {
        #expect(try evaluate("N = 3\nx = f'{{a}}-{N}'") == "{a}-3")
        #expect(try evaluate("D = 'v'\nx = f\"{f'{D}'}\"") == "v")
    }

    @Test func implicitConcatenationAndEscapes() throws {
        #expect(try evaluate(#"x = 'a\n' "b\t" r'\d'"#) == .string("a\nb\t\\d"))
        #expect(try evaluate(#"x = '\x41\u00e9\101'"#) == "AéA")
    }

    @Test func whatCannotBeKnownIsNil() throws {
        #expect(try evaluate("x = f()") == nil)
        #expect(try evaluate("from m import A\nx = A") == nil)
        #expect(try evaluate("x = f'{1!r}'") == nil)
        #expect(try evaluate("x = f'{1:>3}'") == nil)
        #expect(try evaluate("x = b'bytes'") == nil)
        #expect(try evaluate("x = 'a' * 3") == nil)
    }

    @Test func pythonsStrOfInterpolatedValues() throws {
        #expect(try evaluate("x = f'{True}-{None}-{7}'") == "True-None-7")
    }
}
