import FlowDiscovery
import Foundation
import NestingLimit
import Testing
import TestSupport

/// The detectors' recursive walkers, each fed 100,000 levels through a real
/// scan: the file's flows are still found, and ACS007 says where the walk stopped.
@Suite struct DetectorNestingLimitTests {
    static let deep = 100_000
    /// Chains of operators (`not not ...`, `a = a = ...`): over the walkers' limit, but under the
    /// 10,000 counted tokens past which ParserStackGuard refuses a chain (CPython's own parser gives up on
    /// far fewer, so no file Python can load is refused).
    static let chain = 4_000
    static let dagHeader = """
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        with DAG("kept") as dag:
            first = EmptyOperator(task_id="first")

        """

    static func nested(_ open: String, _ inner: String, _ close: String) -> String {
        String(repeating: open, count: deep) + inner + String(repeating: close, count: deep)
    }

    /// Scans one file and returns the scan and its ACS007 diagnostics.
    /// `parseTimeLimit`: for inputs whose parse time says nothing about what the test proves (a busy CI
    /// machine took over the default limit on a million levels).
    func scan(_ source: String, name: String = "deep.py", parseTimeLimit: Duration? = nil) throws
        -> (result: ScanResult, nesting: [Diagnostic])
    {
        let folder = try TemporaryFolder()
        try folder.write(name, source)
        let result = try FlowScanner(options: ScanOptions(parseTimeLimit: parseTimeLimit)).scan(root: folder.url)
        return (result, result.diagnostics.filter { $0.code == .nestingTooDeep })
    }

    /// Statements of a DAG file, each 100,000 levels deep, with the column of
    /// the node where a walk stops. The statement is the first level; a value
    /// the interpreter hands to the literal evaluator counts once more.
    static let deepStatements: [String: (statement: String, column: Int)] = [
        "parentheses": ("x = " + nested("(", "1", ")"), 5 + (NestingDepth.limit - 1)),
        "calls": ("x = " + nested("f(", "1", ")"), 5 + 2 * (NestingDepth.limit - 2)),
        "lists": ("x = " + nested("[", "first", "]"), 5 + (NestingDepth.limit - 2)),
        // `a >> b >> ...` nests to the left: every level starts where the statement does.
        "a >> b >> ...": ("first" + String(repeating: " >> first", count: chain), 1),
        "assignment targets": (nested("(", "t", ")") + " = EmptyOperator(task_id='t')", 1 + (NestingDepth.limit - 1)),
    ]

    @Test(arguments: deepStatements.keys.sorted())
    func airflowInterpreterStopsAtTheLimit(_ name: String) throws {
        let (statement, column) = try #require(Self.deepStatements[name])
        let (result, nesting) = try scan(Self.dagHeader + statement + "\n")
        #expect(result.flows.map(\.name) == ["kept"], "the DAG around the deep code is still found")
        #expect(nesting.count == 1)
        #expect(nesting.first?.line == 6)
        #expect(nesting.first?.column == column)
        #expect(nesting.first?.severity == .warning)
    }

    @Test func uncalledFunctionWithDeepBodyIsReadWithoutRecursion() throws {
        // Whether an uncalled function builds a DAG is a look at every node of its body.
        let source = Self.dagHeader + "def make():\n    x = " + Self.nested("(", "1", ")") + "\n    return DAG('made')\n"
        let (result, nesting) = try scan(source)
        #expect(result.flows.compactMap(\.name).sorted() == ["kept", "made"])
        #expect(nesting.map(\.line) == [7])
    }

    @Test func deepGenericAnnotationStopsAtTheLimit() throws {
        let source = "from prefect import flow\n\n@flow\ndef etl(x: " + Self.nested("list[", "int", "]") + ", y: int = 1):\n    pass\n"
        let (result, nesting) = try scan(source)
        let flow = try #require(result.flows.first)
        #expect(flow.name == "etl")
        let properties = flow.parameterSchema["properties"]
        #expect(properties?["x"] == ["title": "x", "position": 0], "an annotation read only in part accepts any value")
        #expect(properties?["y"]?["type"] == "integer")
        #expect(nesting.map(\.line) == [4])
    }

    @Test func longUnionIsReadWithoutRecursion() throws {
        // `int | int | ...` nests to the left, as deep as it is long.
        let source = "from prefect import flow\n\n@flow\ndef etl(x: int" + String(repeating: " | int", count: Self.chain) + "):\n    pass\n"
        let (result, nesting) = try scan(source)
        #expect(result.flows.first?.parameterSchema["properties"]?["x"]?["type"] == "integer")
        #expect(nesting.isEmpty)
    }

    @Test func deepDefaultAndDeepFlowNameStopAtTheLimit() throws {
        let source = "from prefect import flow\n\n@flow(name=" + Self.nested("(", "'named'", ")") + ")\ndef etl(x=" + Self.nested("[", "1", "]") + "):\n    pass\n"
        let (result, nesting) = try scan(source)
        let flow = try #require(result.flows.first)
        #expect(flow.name == nil && flow.nameExpression != nil, "a name below the limit is not guessed")
        #expect(flow.parameters.first?.defaultValue == nil && flow.parameters.first?.defaultExpression != nil)
        #expect(result.diagnostics.contains { $0.code == .prefectUnresolvedName })
        // One ACS007 per file: the first place a walk stopped.
        #expect(nesting.count == 1)
        #expect(nesting.first?.line == 3 && nesting.first?.column == 12 + NestingDepth.limit)
    }

    @Test func syntaxErrorDeepInsideIsFoundWithoutRecursion() throws {
        // A million levels: the error walk keeps small frames, which 100,000 levels do not exhaust.
        let levels = 1_000_000
        let source = "from prefect import flow\n\nx = " + String(repeating: "(", count: levels) + "1 $ 2" + String(repeating: ")", count: levels) + "\n\n@flow\ndef etl():\n    pass\n"
        let (result, nesting) = try scan(source, parseTimeLimit: .seconds(600))
        #expect(result.flows.map(\.name) == ["etl"])
        #expect(nesting.map(\.line) == [3])
    }

    @Test func fileTheParserCannotTakeIsReportedAndSkipped() throws {
        let folder = try TemporaryFolder()
        try folder.write("broken.py", "from prefect import flow\nf = flow\nx = " + String(repeating: "(", count: Self.deep) + "\n")
        try folder.write("good.py", "from prefect import flow\n\n@flow\ndef etl():\n    pass\n")
        let result = try FlowScanner().scan(root: folder.url)
        #expect(result.flows.map(\.file) == ["good.py"])
        let diagnostic = try #require(result.diagnostics.first { $0.code == .nestingTooDeep })
        #expect(diagnostic.file == "broken.py" && diagnostic.line == 3 && diagnostic.column == 5)
        #expect(diagnostic.message.contains("not parsed"))
    }

    @Test func fileWhoseErrorRecoveryRunsTooLongIsReportedAndSkipped() throws {
        // Found by bench/fuzz.sh: a line with an open quote, repeated. tree-sitter alone
        // took about 40 s on 8,000 copies on one machine and under 5 s on another (CI), so
        // the test sets a limit far below either rather than relying on the default 5 s.
        let folder = try TemporaryFolder()
        try folder.write("broken.py", "from prefect import flow\n\n@flow\ndef hello():\n    print(f\"hi {name}\")\n"
            + String(repeating: "me}\")\n", count: 8_000))
        try folder.write("good.py", "from prefect import flow\n\n@flow\ndef etl():\n    pass\n")
        let result = try FlowScanner(options: ScanOptions(parseTimeLimit: .milliseconds(50))).scan(root: folder.url)
        #expect(result.flows.map(\.file) == ["good.py"])
        let diagnostic = try #require(result.diagnostics.first { $0.file == "broken.py" })
        #expect(diagnostic.code == .syntaxError && diagnostic.line == 1)
        #expect(diagnostic.message.contains("gave up after 0.05 s"))
    }

    @Test func theLimitIsTheSameWithoutThePrefilter() throws {
        let folder = try TemporaryFolder()
        try folder.write("deep.py", Self.dagHeader + "x = " + Self.nested("(", "1", ")") + "\n")
        try folder.write("other.py", "x = " + Self.nested("(", "1", ")") + "\n")
        let filtered = try FlowScanner().scan(root: folder.url)
        let unfiltered = try FlowScanner(options: ScanOptions(usePrefilter: false)).scan(root: folder.url)
        #expect(filtered.diagnostics == unfiltered.diagnostics)
        #expect(filtered.diagnostics.map(\.file) == ["deep.py"], "only files a detector reads are reported")
    }
}
