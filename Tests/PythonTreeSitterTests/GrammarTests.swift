import Testing
@testable import PythonTreeSitter

@Suite struct GrammarTests {
    @Test func grammarABIIsLoadableByTheLinkedRuntime() throws {
        // A failure here names both versions and says how to fix it.
        #expect(throws: Never.self) { try PythonGrammar.checkCompatibility() }
        #expect(PythonGrammar.abiVersion == 14, "tree-sitter-python 0.23.6 is ABI 14")
    }

    @Test func parsesPythonAndKeepsByteOffsets() throws {
        let tree = try PythonParser().parse("x = 'é'\n@flow\ndef f(): pass\n")
        let root = tree.root
        #expect(root.type == "module")
        #expect(!root.hasError)
        let decorated = try #require(root.namedChild(1))
        #expect(decorated.type == "decorated_definition")
        #expect(decorated.line == 2)
        let function = try #require(decorated.child(byField: "definition"))
        #expect(function.child(byField: "name")?.text == "f")
        #expect(function.line == 3 && function.endLine == 3)
        // 'é' is two bytes but one character: columns count characters.
        let string = try #require(root.namedChild(0)?.namedChild(0)?.child(byField: "right"))
        #expect(string.startByte == 4 && string.endByte == 8)
        #expect(string.column == 5 && string.endColumn == 8)
    }

    @Test func badSyntaxStillGivesATree() throws {
        let tree = try PythonParser().parse("def f(:\n    pass\n\ndef g():\n    return 1\n")
        #expect(tree.root.hasError)
        #expect(tree.root.namedChildren.contains { $0.type == "function_definition" && $0.child(byField: "name")?.text == "g" })
    }
}
