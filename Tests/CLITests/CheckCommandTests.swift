import Foundation
import Testing
import TestSupport

@Suite struct CheckCommandTests {
    func acmeScan(_ arguments: [String], in directory: URL) throws -> ProcessResult {
        try Run.process(Run.acmeScanBinary, arguments, in: directory)
    }

    static let broken = "from prefect import flow\n\n@flow(name=\"a/b\")\ndef etl():\n    \"\"\"Doc.\"\"\"\n"
    static let warning = "import os\nfrom prefect import flow\n\n@flow(name=os.environ[\"N\"])\ndef other():\n    \"\"\"Doc.\"\"\"\n"

    @Test func errorsExitOneWarningsZeroStrictOne() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows/bad.py", Self.broken)
        try folder.write("flows/warn.py", Self.warning)
        let all = try acmeScan(["check", "--format", "concise"], in: folder.url)
        #expect(all.status == 1)
        #expect(all.stdout.contains("flows/bad.py:3:1: PFX102 [error]"))

        // Files as pre-commit passes them: only their findings.
        let onlyWarning = try acmeScan(["check", "flows/warn.py", "--format", "concise"], in: folder.url)
        #expect(onlyWarning.status == 0)
        #expect(!onlyWarning.stdout.contains("bad.py") && onlyWarning.stdout.contains("PFX001"))
        #expect(try acmeScan(["check", "flows/warn.py", "--strict"], in: folder.url).status == 1)
        #expect(try acmeScan(["check", "flows/warn.py", "--ignore", "PFX001", "--strict"], in: folder.url).status == 0)
    }

    @Test func repoWideRulesSeeTheWholeTreeWhenGivenFiles() throws {
        let folder = try TemporaryFolder()
        let flow = "from prefect import flow\n\n@flow(name=\"same\")\ndef f():\n    \"\"\"Doc.\"\"\"\n"
        try folder.write("a.py", flow)
        try folder.write("b.py", flow)
        let result = try acmeScan(["check", "a.py", "--format", "concise"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "a.py:3:1: PFX101 [error] flow name 'same' is also registered at b.py:3\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let folder = try TemporaryFolder()
        #expect(try acmeScan(["check", "--format", "xml"], in: folder.url).status == 2)
        #expect(try acmeScan(["check", "--select", "NOPE1"], in: folder.url).status == 2)
        #expect(try acmeScan(["check", "missing.py"], in: folder.url).status == 2)
    }

    @Test func rulesListsAndDocuments() throws {
        let folder = try TemporaryFolder()
        let list = try acmeScan(["rules"], in: folder.url)
        #expect(list.status == 0 && list.stdout.contains("AFX108  error    dependency-cycle"))
        let doc = try acmeScan(["rules", "PFX101"], in: folder.url)
        #expect(doc.status == 0 && doc.stdout.contains("Why it matters"))
        // The example and, after the fix, the fixed example: whole files (both are scanned in RuleDocumentationTests).
        #expect(doc.stdout.contains("    @flow(name=\"etl\")\n    def export():"))
        #expect(doc.stdout.contains("    @flow(name=\"etl-export\")\n    def export():"))
        #expect(try acmeScan(["rules", "XYZ999"], in: folder.url).status == 2)
    }
}

@Suite struct CheckConfigurationCLITests {
    @Test func unknownKeysWarnAndInvalidConfigExitsTwo() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", CheckCommandTests.warning)
        try folder.write("acme.toml", "ignor = [\"PFX001\"]\n")
        let warned = try Run.process(Run.acmeScanBinary, ["check", "--format", "concise"], in: folder.url)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("acme.toml:1:1: unknown key 'ignor' ignored"))
        try folder.write("acme.toml", "ignore = \"PFX001\"\n")
        let invalid = try Run.process(Run.acmeScanBinary, ["check"], in: folder.url)
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("acme.toml:1:10: 'ignore' must be a list of strings"))
        try folder.write("acme.toml", "ignore = [\"PFX001\"]\n")
        let ignored = try Run.process(Run.acmeScanBinary, ["check", "--format", "concise", "--strict"], in: folder.url)
        #expect(ignored.status == 0 && ignored.stdout.isEmpty)
    }
}
