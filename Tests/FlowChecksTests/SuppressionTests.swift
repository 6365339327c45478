import FlowChecks
import FlowDiscovery
import Foundation
import Testing
import TestSupport

@Suite struct SuppressionTests {
    func findings(_ source: String) throws -> [Finding] {
        let folder = try TemporaryFolder()
        try folder.write("dags.py", source)
        let scan = try FlowScanner().scan(root: folder.url)
        return Checker().check(Project(flows: scan.flows, diagnostics: scan.diagnostics, suppressions: scan.suppressions))
    }

    static let legacy = """
        from airflow.sdk import DAG

        with DAG(  # acme: ignore[AFX005]
            "legacy",
            schedule_interval="@daily",
        ):
            pass
        """

    @Test func aSuppressionOnTheWithLineCoversTheWholeDag() throws {
        #expect(try findings(Self.legacy).isEmpty)
    }

    @Test func withoutItTheFindingIsThere() throws {
        let result = try findings(Self.legacy.replacingOccurrences(of: "  # acme: ignore[AFX005]", with: ""))
        #expect(result.map(\.code) == ["AFX005"])
        #expect(result.first?.line == 5)
    }

    @Test func severalCodesAndSpaces() throws {
        let source = "from prefect import flow\n\n@flow(name=\"a/b\")  #  acme: ignore[ PFX102 , PFX105 ]\ndef f():\n    pass\n"
        // The comment silenced PFX102, so it is used; PFX105 is off by default.
        #expect(try findings(source).isEmpty)
    }

    @Test func commentsInsideStringsAreNotSuppressions() throws {
        // Same line as the finding, but inside a string: not a comment.
        let source = "from prefect import flow\n\n@flow(name=\"a/b\", description=\"# acme: ignore[PFX102]\")\ndef f():\n    pass\n"
        #expect(try findings(source).map(\.code).contains("PFX102"))
    }

    @Test func commentsInsideTripleQuotedStringsAreNotSuppressions() throws {
        // The marker starts a line of a docstring: still inside the string, so nothing to report as unused.
        let source = "from prefect import flow\n\n@flow(name=\"fine\")\ndef f():\n    \"\"\"Doc.\n\n    # acme: ignore[PFX102]\n    \"\"\"\n"
        #expect(try findings(source).isEmpty)
    }

    @Test func anEscapedLineBreakInAStringKeepsLineNumbers() throws {
        let source = "from prefect import flow\n\nNOTE = \"one \\\ntwo\"\n@flow(name=\"fine\")  # acme: ignore[PFX102]\ndef f():\n    \"\"\"Doc.\"\"\"\n"
        let unused = try findings(source).filter { $0.code == "ACS100" }
        #expect(unused.map(\.line) == [5])
    }
}
