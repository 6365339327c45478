import AirflowAPI
import Foundation
import PythonSyntax
import Testing
import TestSupport

/// A deploy with Airflow's defaults: the standard layout (DAG files and the helper package
/// they import under dags/), only `dags-folder` in acme.toml, and no credential variable,
/// against a real Airflow 3.3.2 with `simple_auth_manager_all_admins = True` that
/// scripts/test.sh starts (`airflow.sh start --all-admins`); under CI=true it never skips.
@Suite(.enabled(if: TestServers.airflowOpenEnabled), .serialized)
struct AirflowDefaultsTests {
    /// Empty counts as unset: whatever the caller's environment holds, no login is configured.
    static let noCredentials = ["AIRFLOW_USERNAME": "", "AIRFLOW_PASSWORD": ""]

    static func dag(_ id: String) -> String {
        """
        from airflow.sdk import DAG
        from airflow.providers.standard.operators.python import PythonOperator

        from common.defaults import DEFAULT_ARGS
        from common.naming import table_for

        with DAG("\(id)", schedule=None, default_args=DEFAULT_ARGS, tags=["defaults"]):
            PythonOperator(task_id="load", python_callable=table_for, op_args=["\(id)"])

        """
    }

    @Test func theStandardLayoutDeploysEveryDAGWithItsDefaultsAndNoLogin() async throws {
        let airflow = try TestServers.openAirflow()
        let prefix = "std_\(UUID().uuidString.prefix(6).lowercased())"
        let project = try GitProject(files: [
            "acme.toml": """
                project = "\(prefix)"

                [[environments]]
                name = "dev"
                backend = "airflow"
                api-url = "\(airflow.url)"
                dags-folder = "\(airflow.dagsFolder)"
                paused = false

                """,
            "dags/\(prefix)_orders.py": Self.dag("\(prefix)_orders"),
            "dags/\(prefix)_customers.py": Self.dag("\(prefix)_customers"),
            "dags/common/__init__.py": "",
            "dags/common/defaults.py": "DEFAULT_ARGS = {\"owner\": \"data-eng\", \"retries\": 1}\n",
            "dags/common/naming.py": "def table_for(name):\n    return name.replace('-', '_')\n",
            // Airflow would parse it (it names airflow and dag) and fail: published, it would fail the deploy.
            "tests/test_dags.py": "from airflow.models import DagBag\nimport a_module_only_ci_has\n\n\ndef test_dags():\n    assert not DagBag('dags').import_errors\n",
        ])
        let commit = try project.head()

        let plan = try project.acmeScan(["deploy", "--dry-run", "--format", "json"], environment: Self.noCredentials)
        #expect(plan.status == 0, "\(plan.stderr)")
        let publishes = try JSONValue.parse(Array(plan.stdout.utf8))["publishes"]
        #expect(publishes?["source"] == "dags" && publishes?["target"] == .string(airflow.dagsFolder), "\(plan.stdout)")
        #expect(publishes?["reason"]?.stringValue?.contains("imports common.defaults from dags/common/defaults.py") == true)
        let schemaCheck = try Run.process(Run.python, [Fixtures.repositoryRoot.appendingPathComponent("Tests/tools/validate_json_schema.py").path,
            Fixtures.repositoryRoot.appendingPathComponent("docs/deploy.schema.json").path,
            try project.folder.write(".plan.json", plan.stdout).path])
        #expect(schemaCheck.status == 0, "\(schemaCheck.stdout)\(schemaCheck.stderr)")
        let text = try project.acmeScan(["deploy", "--dry-run"], environment: Self.noCredentials)
        #expect(text.stdout.hasPrefix("publishes dev  dags/ to \(airflow.dagsFolder): inferred (no source in acme.toml): the DAGs' import root: "),
            "\(text.stdout)")

        let deployed = try project.acmeScan(["deploy", "--format", "json"], environment: Self.noCredentials)
        #expect(deployed.status == 0, "\(deployed.stdout)\(deployed.stderr)")
        let results = try AirflowDeployTests.results(deployed)
        #expect(results.mapValues(\.action) == ["\(prefix)_customers": "created", "\(prefix)_orders": "created"])
        #expect(results.values.allSatisfy { $0.commit == commit && $0.error == nil })
        #expect(deployed.stderr.contains("publishing \(commit.prefix(7)): dags/ to \(airflow.dagsFolder): inferred"), "\(deployed.stderr)")

        // Live as acme-scan verified them, read back without a login too.
        let client = try AirflowClient(connection: .withoutLogin(apiURL: airflow.url))
        let live = try await client.dags().filter { $0.dagID.hasPrefix(prefix) }
        #expect(live.map(\.dagID) == ["\(prefix)_customers", "\(prefix)_orders"])
        #expect(live.allSatisfy { !$0.isStale && !$0.isPaused && !$0.hasImportErrors && $0.tags == ["defaults"] }, "\(live)")
        #expect(Set(live.compactMap(\.relativeFileloc)) == ["\(prefix)_customers.py", "\(prefix)_orders.py"], "dags/ is the dags folder")
        #expect(try await client.importErrors().filter { $0.filename.contains(prefix) || $0.filename.contains("test_dags") }.isEmpty)
        let release = airflow.folder.appendingPathComponent("dags.releases/\(commit)")
        #expect(airflow.liveRelease == "dags.releases/\(commit)")
        #expect(FileManager.default.fileExists(atPath: release.appendingPathComponent("common/defaults.py").path))
        #expect(!FileManager.default.fileExists(atPath: release.appendingPathComponent("tests").path), "only dags/ is published")

        // Two more commits: one that keeps the layout, then one that adds a DAG outside dags/.
        // No one folder serves the last: the deploy refuses before publishing. The one before
        // (`--ref`) is judged by its own tree, whatever HEAD holds.
        try project.write("README.md", "The warehouse DAGs.\n")
        let second = try project.commit("a readme")
        try project.write("backfills/\(prefix)_backfill.py", "from airflow.sdk import DAG\n\nwith DAG(\"\(prefix)_backfill\", schedule=None):\n    pass\n")
        try project.commit("a DAG outside dags/")
        let refused = try project.acmeScan(["deploy"], environment: Self.noCredentials)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("environment 'dev' sets no source, and the DAGs' imports do not settle it: "
            + "dags/\(prefix)_customers.py imports common.defaults from dags/common/defaults.py, so dags/ must be Airflow's dags folder, "
            + "but backfills/\(prefix)_backfill.py is not in it; set source to the folder to publish as Airflow's dags folder"), "\(refused.stderr)")
        #expect(airflow.liveRelease == "dags.releases/\(commit)", "nothing was published")
        let earlier = try project.acmeScan(["deploy", "--dry-run", "--ref", second], environment: Self.noCredentials)
        #expect(earlier.status == 0, "\(earlier.stderr)")
        #expect(earlier.stdout.hasPrefix("publishes dev  dags/ to \(airflow.dagsFolder): inferred"), "\(earlier.stdout)")
    }
}
