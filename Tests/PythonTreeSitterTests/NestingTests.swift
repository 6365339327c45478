import NestingLimit
import Testing
@testable import PythonTreeSitter

/// Input that would make Debian's tree-sitter runtime corrupt its heap is
/// refused with its location; deep input the runtime survives is parsed, so
/// the walkers above get to see (and bound) it.
@Suite struct ParserStackGuardTests {
    static let deep = 100_000

    /// Each ends with more than 65,535 unfinished levels, or hits an error after a chain
    /// of more than 20,000: the runtime aborts on every one of them.
    static let crashing: [(name: String, source: String, column: Int)] = [
        ("unclosed parentheses", "x = " + String(repeating: "(", count: deep) + "\n", 5),
        ("unclosed lists", "x = " + String(repeating: "[1, ", count: deep) + "\n", 5),
        ("unclosed calls", "x = " + String(repeating: "f(", count: deep) + "\n", 6),
        ("not not ...", "x = " + String(repeating: "not ", count: deep), 1),
        ("- - ...", "x = " + String(repeating: "-", count: deep), 1),
        ("a = a = ...", String(repeating: "a = ", count: deep), 1),
        ("x if c else ...", "x = " + String(repeating: "1 if a else ", count: deep), 1),
        ("lambda: lambda: ...", "x = " + String(repeating: "lambda: ", count: deep), 1),
        ("brackets inside an unclosed f-string", "x = f\"{" + String(repeating: "(", count: deep) + "\n", 5),
        ("nested f-strings, even closed", "x = " + String(repeating: "f'{", count: 70_000) + "1" + String(repeating: "}'", count: 70_000) + "\n", 5),
        ("unclosed after a valid line", "import os\nx = " + String(repeating: "(", count: deep) + "\ndef f(): pass\n", 5),
        // Ended by a line break, so nothing is pending at the end: 40,000 chained assignments,
        // then an error token (found by bench/fuzz.sh; the runtime alone aborts on it).
        ("a = a = ... )", String(repeating: "a = ", count: 40_000) + ")\n", 1),
    ]

    @Test(arguments: crashing.indices)
    func refusesWhatWouldCrashTheRuntime(_ index: Int) throws {
        let (name, source, column) = Self.crashing[index]
        let error = #expect(throws: PythonParser.Unparsable.self, "\(name)") { try PythonParser().parse(source) }
        let line = source.hasPrefix("import") ? 2 : 1
        #expect(error == .tooDeeplyNested(SourcePosition(line: line, column: column)), "\(name)")
    }

    @Test func parsesDeepNestingThatIsClosedAgain() throws {
        let parser = try PythonParser()
        let sources = [
            "x = " + String(repeating: "(", count: Self.deep) + "1" + String(repeating: ")", count: Self.deep) + "\n",
            "x = " + String(repeating: "(", count: Self.deep) + "1 $ 2" + String(repeating: ")", count: Self.deep) + "\n",
            // Chains up to the guard's limit, which refuses longer ones wherever they are.
            "x = a" + String(repeating: " + a", count: ParserStackGuard.limit - 1) + "\n",
            "x = " + String(repeating: "not ", count: ParserStackGuard.limit - 1) + "a\n",
            // Brackets in strings and comments are not code; nor is an f-string's text once it closes.
            "x = '" + String(repeating: "(", count: Self.deep) + "'\n# " + String(repeating: "[", count: Self.deep) + "\n",
            String(repeating: "y = f\"{{\"\n", count: 20_000),
            // PEP 701 f-strings reuse their quotes inside fields, and may nest as deep as CPython allows.
            String(repeating: "y = f\"{x[\"a\"]}\"\n", count: 20_000),
            "x = " + String(repeating: "f'{", count: 150) + "1" + String(repeating: "}'", count: 150) + "\n",
        ]
        for source in sources {
            #expect(throws: Never.self) { _ = try parser.parse(source) }
        }
    }

    @Test func descendingPastTheLimitIsRemembered() throws {
        let tree = try PythonParser().parse("x = 1\ny = (2)\n")
        #expect(tree.nestingLimitReached == nil)
        let inner = try #require(tree.root.namedChild(1)?.namedChild(0)?.child(byField: "right"))
        #expect(inner.descend(from: .top) == NestingDepth(level: 1))
        #expect(inner.descend(from: NestingDepth(level: NestingDepth.limit)) == nil)
        #expect(tree.nestingLimitReached == SourcePosition(line: 2, column: 5))
        // The first place in the file wins.
        _ = tree.root.descend(from: NestingDepth(level: NestingDepth.limit))
        #expect(tree.nestingLimitReached == SourcePosition(line: 1, column: 1))
    }

    @Test func errorRecoveryThatRunsTooLongIsCutShortAndTheParserStillWorks() throws {
        // A line with an open quote, repeated: tree-sitter's error recovery grows faster than
        // the file (4,000 copies take about 9 s). With a 0.2 s limit the parse gives up.
        let broken = "def f():\n    print(f\"hello {name}\")\n" + String(repeating: "me}\")\n", count: 4_000)
        let parser = try PythonParser()
        let error = #expect(throws: PythonParser.Unparsable.self) { try parser.parse(Array(broken.utf8), timeLimit: .milliseconds(200)) }
        #expect(error == .tooSlow(limit: .milliseconds(200)))
        // The same parser parses the next file from its start.
        let tree = try parser.parse("x = 1\n")
        #expect(tree.root.type == "module" && !tree.root.hasError && tree.root.namedChildCount == 1)
        // The default limit grows with the file.
        #expect(PythonParser.timeLimit(forBytes: 0) == .seconds(5))
        #expect(PythonParser.timeLimit(forBytes: 10 << 20) == .seconds(15))
    }
}
