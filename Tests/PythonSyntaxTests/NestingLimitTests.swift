import NestingLimit
import PythonSyntax
import PythonTreeSitter
import Testing

/// The recursive walkers of this layer, each fed 100,000 levels: they stop at
/// NestingDepth.limit, and the tree remembers where, instead of overflowing
/// the stack. They run on a scan thread's stack (DeepStack), as in a scan.
@Suite struct NestingLimitTests {
    static let deep = 100_000
    /// Chains of operators (`not not ...`, `a = a = ...`): over the walkers' limit, but under the
    /// 10,000 counted tokens past which ParserStackGuard refuses a chain (CPython's own parser gives up on
    /// far fewer, so no file Python can load is refused).
    static let chain = 4_000

    static func nested(_ open: String, _ inner: String, _ close: String) -> String {
        String(repeating: open, count: deep) + inner + String(repeating: close, count: deep)
    }

    /// The value of `x` in `source`, and where the walk stopped.
    static func evaluate(_ source: String) throws -> (value: JSONValue?, stopped: SourcePosition?) {
        try DeepStack.run {
            let parsed = try Parsed(source)
            let value = parsed.value(of: "x").flatMap { LiteralEvaluator(scope: parsed.scope).evaluate($0) }
            return (value, parsed.tree.nestingLimitReached)
        }
    }

    /// Each 100,000 levels deep (chains 4,000), with the column where the walk stops: the node at the limit.
    static let deepLiterals: [String: (expression: String, column: Int)] = [
        "parentheses": (nested("(", "1", ")"), 5 + NestingDepth.limit),
        "lists": (nested("[", "1", "]"), 5 + NestingDepth.limit),
        // The key of the dict at the limit is read first.
        "dicts": (nested("{'k': ", "1", "}"), 5 + 6 * (NestingDepth.limit - 1) + 1),
        "not not": (String(repeating: "not ", count: chain) + "True", 5 + 4 * NestingDepth.limit),
        "unary minus": (String(repeating: "-", count: chain) + "1", 5 + NestingDepth.limit),
    ]

    @Test(arguments: deepLiterals.keys.sorted())
    func literalEvaluatorStopsAtTheLimit(_ name: String) throws {
        let (expression, column) = try #require(Self.deepLiterals[name])
        let (value, stopped) = try Self.evaluate("x = " + expression + "\n")
        #expect(value == nil, "nothing below the limit is guessed")
        #expect(stopped == SourcePosition(line: 1, column: column))
    }

    @Test func longConcatenationStopsAtTheLimit() throws {
        // tree-sitter nests `a + a + ...` to the left: the walk goes down the left spine.
        let (value, stopped) = try Self.evaluate("x = 'a'" + String(repeating: " + 'a'", count: Self.chain) + "\n")
        #expect(value == nil)
        #expect(stopped == SourcePosition(line: 1, column: 5))
    }

    @Test func justUnderTheLimitIsStillEvaluated() throws {
        let depth = NestingDepth.limit - 1
        let (value, stopped) = try Self.evaluate(
            "x = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + "\n")
        var expected: JSONValue = 1
        for _ in 0..<depth { expected = [expected] }
        #expect(value == expected)
        #expect(stopped == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func namesThatDoubleEveryLineDoNotHang() throws {
        // Names are followed to their values each time they are read: x40 takes 2^40 steps.
        var source = "x0 = 1\n"
        for index in 1...40 { source += "x\(index) = x\(index - 1) + x\(index - 1)\n" }
        let (value, _) = try Self.evaluate(source + "x = x40\n")
        #expect(value == nil, "given up after LiteralEvaluator.stepLimit steps")
        let (small, _) = try Self.evaluate(source + "x = x10\n")
        #expect(small == 1024)
        // A `+` builds at most a mebibyte, whatever the steps.
        let half = "a = '" + String(repeating: "x", count: 600_000) + "'\n"
        let (text, _) = try Self.evaluate(half + "x = a + a\n")
        #expect(text == nil)
        let (fits, _) = try Self.evaluate(half + "x = a + 'y'\n")
        #expect(fits?.stringValue?.count == 600_001)
    }

    @Test func scopeBindsThroughDeepTargetsAndLongChains() throws {
        try DeepStack.run {
            // `((((a)))) = 1`: the targets nest as deep as the parentheses.
            let deepTarget = try Parsed(Self.nested("(", "a", ")") + " = 1\nb = 2\n")
            #expect(deepTarget.tree.nestingLimitReached == SourcePosition(line: 1, column: 1 + NestingDepth.limit))
            guard case .value? = deepTarget.scope.lookup("b") else {
                Issue.record("the statement after the deep one is still read")
                return
            }
            // `a = a = ... = 1`: tree-sitter nests the chain to the right, 4,000 assignments deep.
            let chain = try Parsed(String(repeating: "a = ", count: Self.chain) + "'v'\n")
            guard case .value(let value)? = chain.scope.lookup("a") else {
                Issue.record("a chained assignment binds its targets")
                return
            }
            #expect(value.text == "'v'")
            #expect(chain.tree.nestingLimitReached == nil, "read in a loop, not by recursion")
        }
    }

    @Test func statementsAreVisitedAsDeepAsTheGrammarNests() throws {
        // tree-sitter-python keeps indentation in an 8-bit stack: blocks nest at most
        // about 250 deep (deeper ones come back as ERROR), far inside the limit.
        let depth = 250
        var source = ""
        for level in 0..<depth { source += String(repeating: " ", count: level) + "if a:\n" }
        source += String(repeating: " ", count: depth) + "import prefect\n"
        let text = source
        let found = try DeepStack.run {
            let tree = try PythonParser().parse(text)
            var imports: [String] = []
            Statements.visit(tree.root) { imports += Statements.importedNames($0) }
            return imports
        }
        #expect(found == ["prefect"])
    }

    @Test func jsonNestedTooDeeplyIsALocatedError() throws {
        let text = String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep)
        let error = try DeepStack.run { () -> JSONParseError? in
            do throws(JSONParseError) {
                _ = try JSONValue.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(error == JSONParseError(message: "nested more than 2000 deep", line: 1, column: 2001))
        // What the scan writes at the limit reads back.
        let atLimit = String(repeating: "{\"k\": [", count: NestingDepth.limit / 2) + "1" + String(repeating: "]}", count: NestingDepth.limit / 2)
        #expect(throws: Never.self) { _ = try JSONValue.parse(atLimit) }
    }
}
