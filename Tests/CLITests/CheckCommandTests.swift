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
        #expect(warned.stderr.contains("acme.toml:1:1: warning: unknown key 'ignor'; did you mean 'ignore'?"))
        try folder.write("acme.toml", "ignore = \"PFX001\"\n")
        let invalid = try Run.process(Run.acmeScanBinary, ["check"], in: folder.url)
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("acme.toml:1:10: error: 'ignore' must be a list of strings"))
        try folder.write("acme.toml", "ignore = [\"PFX001\"]\n")
        let ignored = try Run.process(Run.acmeScanBinary, ["check", "--format", "concise", "--strict"], in: folder.url)
        #expect(ignored.status == 0 && ignored.stdout.isEmpty)
    }
}

/// scan, check and generate read acme.toml through one model and share their discovery options.
@Suite struct SharedSettingsCLITests {
    static let legacyDAG = """
        from datetime import datetime
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator

        with DAG("legacy", schedule_interval="@daily", start_date=datetime(2024, 1, 1)) as dag:
            EmptyOperator(task_id="start")
        """

    @Test func airflowVersionInTheFileReachesScanCheckAndGenerate() throws {
        let folder = try TemporaryFolder()
        try folder.write("dags/legacy.py", Self.legacyDAG)
        try folder.write("acme.toml", """
            airflow-version = 2
            [[environments]]
            name = "dev"
            backend = "airflow"
            dags-folder = "/srv/dags"
            """)
        let scan = try Run.process(Run.acmeScanBinary, ["scan", "-o", "-", "--no-cache"], in: folder.url)
        #expect(scan.status == 0)
        #expect(scan.stdout.contains("\"registered\": true"), "Airflow 2 registers a DAG with schedule_interval")
        #expect(scan.stdout.contains("\"reason\": \"acme.toml:1:1: airflow-version = 2\""))
        #expect(scan.stderr.contains("DAGs read for Airflow 2 (acme.toml:1:1: airflow-version = 2)"))
        let check = try Run.process(Run.acmeScanBinary, ["check", "--no-cache"], in: folder.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let generate = try Run.process(Run.acmeScanBinary, ["generate"], in: folder.url)
        #expect(generate.status == 0, "\(generate.stderr)")
        let written = try String(contentsOf: folder.url.appendingPathComponent("airflow.dev.yaml"), encoding: .utf8)
        #expect(written.contains("dag_id: legacy"), "generate deploys the DAG Airflow 2 registers")
        // On the command line, 3 beats the file: the DAG fails to import.
        let three = try Run.process(Run.acmeScanBinary, ["check", "--no-cache", "--airflow-version", "3"], in: folder.url)
        #expect(three.status == 1 && three.stdout.contains("AFX005"))
    }

    @Test func everyCommandRefusesTheSameBadAirflowVersion() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", "[[environments]]\nname = \"dev\"\nbackend = \"local\"\n")
        for command in ["scan", "check", "generate"] {
            let run = try Run.process(Run.acmeScanBinary, [command, "--airflow-version", "7"], in: folder.url)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("'7' is invalid for '--airflow-version <airflow-version>'. Please provide one of '2' and '3'"),
                "\(command): \(run.stderr)")
        }
    }

    @Test func checkWarnsAboutDeploymentSettingsThatGenerateRefuses() throws {
        let folder = try TemporaryFolder()
        try folder.write("flows.py", "from prefect import flow\n\n@flow\ndef etl(limit: int = 1):\n    pass\n")
        try folder.write("acme.toml", """
            [defaults]
            work-pool = "p"
            parameters = { limt = 5 }
            [[environments]]
            name = "dev"
            backend = "prefect"
            """)
        let check = try Run.process(Run.acmeScanBinary, ["check", "--no-cache"], in: folder.url)
        #expect(check.status == 0)
        #expect(check.stderr.contains("acme.toml:3:16: warning: no flow has a parameter 'limt'; did you mean 'limit'?"))
        let generate = try Run.process(Run.acmeScanBinary, ["generate"], in: folder.url)
        #expect(generate.status == 2)
        #expect(generate.stderr.contains("acme.toml:3:16: error: no flow has a parameter 'limt'"))
        let scan = try Run.process(Run.acmeScanBinary, ["scan", "-o", "-", "--no-cache"], in: folder.url)
        #expect(scan.status == 0 && !scan.stderr.contains("limt"))
    }

    @Test func formatHelpListsTheRegistries() throws {
        let help = try Run.process(Run.acmeScanBinary, ["check", "--help"], in: nil)
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("values: text, concise, json, github, sarif, junit"), "\(help.stdout)")
    }
}
