import AirflowAPI
import Foundation
import PythonSyntax
import Testing
import TestSupport

/// The deployer against two real Airflow 3.3.2 instances (dev with a scheduler,
/// prod without), started by scripts/test.sh; under CI=true these never skip.
/// Every test names its DAGs after itself: dag_ids are global in an Airflow.
@Suite(.enabled(if: TestServers.airflowEnabled), .serialized)
struct AirflowDeployTests {
    static func dag(_ id: String, tags: [String] = [], imports: String = "") -> String {
        """
        from airflow.sdk import DAG
        from airflow.providers.standard.operators.empty import EmptyOperator
        \(imports)

        with DAG("\(id)", schedule=None, tags=\(tags.map { "\"\($0)\"" })):
            EmptyOperator(task_id="step")

        """
    }

    static func broken(_ id: String) -> String {
        "from airflow.sdk import DAG\nimport module_that_is_not_installed\n\nwith DAG(\"\(id)\", schedule=None):\n    pass\n"
    }

    static func client(_ instance: AirflowInstance) throws -> AirflowClient {
        try AirflowClient(connection: AirflowConnection(apiURL: instance.url, username: "admin", password: instance.password))
    }

    static func results(_ run: ProcessResult) throws -> [String: (action: String, commit: String, error: String?)] {
        var results: [String: (String, String, String?)] = [:]
        for item in try JSONValue.parse(Array(run.stdout.utf8))["results"]?.arrayValue ?? [] {
            results[item["deployment"]!.stringValue!] = (item["action"]!.stringValue!, item["commit"]!.stringValue!, item["error"]?.stringValue)
        }
        return results
    }

    /// Both servers' credentials: prod's password is in its own variable (`password-variable`).
    static func credentials(_ dev: AirflowInstance, _ prod: AirflowInstance) -> [String: String] {
        dev.credentials.merging(["AIRFLOW_PROD_PASSWORD": prod.password]) { _, new in new }
    }

    static func live(_ dagID: String, on instance: AirflowInstance) async throws -> AirflowDAG? {
        try await client(instance).dags().first { $0.dagID == dagID }
    }

    @Test func dagsFolderDeployBreakPromoteAndRollBack() async throws {
        let (dev, prod) = try TestServers.airflow()
        let prefix = "folder_\(UUID().uuidString.prefix(6).lowercased())"
        let settings = """
            project = "\(prefix)"

            [[environments]]
            name = "dev"
            backend = "airflow"
            api-url = "\(dev.url)"
            dags-folder = "\(dev.dagsFolder)"
            source = "dags"
            paused = false

            [[environments]]
            name = "prod"
            backend = "airflow"
            api-url = "\(prod.url)"
            dags-folder = "\(prod.dagsFolder)"
            source = "dags"
            password-variable = "AIRFLOW_PROD_PASSWORD"
            """
        let project = try GitProject(files: [
            "acme.toml": settings,
            "dags/etl.py": Self.dag("\(prefix)_etl", imports: "from helpers.naming import LABEL  # dags/ is on sys.path: it is the dags folder"),
            "dags/helpers/__init__.py": "",
            "dags/helpers/naming.py": "LABEL = 'etl'\n",
            "dags/report.py": Self.dag("\(prefix)_report"),
        ])
        let first = try project.head()
        let deployed = try project.acmeScan(["deploy", "--format", "json"], environment: dev.credentials)
        #expect(deployed.status == 0, "\(deployed.stderr)")
        #expect(try Self.results(deployed).mapValues(\.action) == ["\(prefix)_etl": "created", "\(prefix)_report": "created"])
        #expect(dev.liveRelease == "dags.releases/\(first)")
        let etl = try #require(try await Self.live("\(prefix)_etl", on: dev))
        #expect(!etl.isStale && !etl.isPaused && etl.relativeFileloc == "etl.py", "paused = false was set; the helper module was published")

        // Idempotent: nothing is republished, so Airflow's link and the release's marker stay as they were.
        let marker = try String(contentsOfFile: dev.folder.appendingPathComponent("dags.releases/\(first).json").path, encoding: .utf8)
        let again = try project.acmeScan(["deploy", "--format", "json"], environment: dev.credentials)
        #expect(again.status == 0)
        #expect(Set(try Self.results(again).values.map(\.action)) == ["unchanged"])
        #expect(try String(contentsOfFile: dev.folder.appendingPathComponent("dags.releases/\(first).json").path, encoding: .utf8) == marker)

        // A commit that breaks one file: exit 1 with Airflow's message; the other DAG is live at the new commit.
        try project.write("dags/report.py", Self.broken("\(prefix)_report"))
        let brokenCommit = try project.commit("break the report")
        let failed = try project.acmeScan(["deploy", "--format", "json"], environment: dev.credentials)
        #expect(failed.status == 1)
        let failures = try Self.results(failed)
        #expect(failures["\(prefix)_etl"]?.action == "updated" && failures["\(prefix)_etl"]?.commit == brokenCommit)
        #expect(failures["\(prefix)_report"]?.action == "failed")
        #expect(failures["\(prefix)_report"]?.error?.contains("ModuleNotFoundError: No module named 'module_that_is_not_installed'") == true,
            "\(failures)")
        #expect(try await Self.live("\(prefix)_etl", on: dev)?.isStale == false)

        // Fixed and tested in dev; then HEAD moves on, and prod gets exactly the tested commit.
        try project.write("dags/report.py", Self.dag("\(prefix)_report"))
        let tested = try project.commit("fix the report")
        #expect(try project.acmeScan(["deploy"], environment: dev.credentials).status == 0)
        try project.write("dags/later.py", Self.dag("\(prefix)_later"))
        try project.commit("HEAD moves on")
        let promoted = try project.acmeScan(["promote", "--to", "prod", "--format", "json"], environment: Self.credentials(dev, prod))
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(try Self.results(promoted).mapValues(\.commit) == ["\(prefix)_etl": tested, "\(prefix)_report": tested])
        #expect(prod.liveRelease == "dags.releases/\(tested)")
        #expect(try await Self.live("\(prefix)_later", on: prod) == nil, "a DAG of a later commit is not promoted")
        let prodReport = try #require(try await Self.live("\(prefix)_report", on: prod))
        #expect(!prodReport.isStale && prodReport.isPaused, "prod leaves Airflow's is_paused_upon_creation")

        // Rollback republishes an earlier release from the journal.
        let rolledBack = try project.acmeScan(["rollback", "--env", "dev", "--to", String(first.prefix(8)), "--format", "json"],
            environment: dev.credentials)
        #expect(rolledBack.status == 0, "\(rolledBack.stderr)")
        #expect(Set(try Self.results(rolledBack).values.map(\.commit)) == [first])
        #expect(dev.liveRelease == "dags.releases/\(first)")

        let matrix = try JSONValue.parse(Array(try project.acmeScan(["deployments", "--format", "json"],
            environment: Self.credentials(dev, prod)).stdout.utf8))
        let commits = Set((matrix["deployments"]?.arrayValue ?? []).filter { $0["flow"] == .string("\(prefix)_etl") }
            .compactMap { row in row["environment"]?.stringValue.map { "\($0)=\(row["commit"]?.stringValue ?? "")" } })
        #expect(commits == ["dev=\(first)", "prod=\(tested)"], "\(matrix)")
    }
}
