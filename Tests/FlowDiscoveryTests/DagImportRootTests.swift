@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// The folder the DAGs import the project's modules from (``DagImportRoot``), one
/// rule at a time; Fixtures/airflow-source holds whole layouts.
@Suite struct DagImportRootTests {
    /// `files` written under a fresh folder; the evidence for `dagFiles`.
    static func evidence(_ files: [String: String], dags dagFiles: [String]) throws -> [DagImportRoot.Evidence] {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        let walked = FileWalker(root: folder.url, options: WalkOptions()).walk().files
        return DagImportRoot.evidence(folder: folder.url, files: walked, dagFiles: dagFiles)
    }

    @Test func theRootIsTheModulesPathWithoutTheImportedName() throws {
        let found = try Self.evidence([
            "dags/etl.py": "from common.defaults import ARGS\nimport common.sql\n",
            "dags/common/__init__.py": "", "dags/common/defaults.py": "ARGS = {}\n", "dags/common/sql.py": "",
        ], dags: ["dags/etl.py"])
        #expect(found == [
            .init(importer: "dags/etl.py", module: "common.defaults", found: "dags/common/defaults.py", root: "dags"),
            .init(importer: "dags/etl.py", module: "common.sql", found: "dags/common/sql.py", root: "dags"),
        ])
    }

    @Test func aModuleBesideTheDAGAndANamespacePackage() throws {
        let found = try Self.evidence([
            "dags/etl.py": "import helpers\nfrom shared import naming\n",
            "dags/helpers.py": "", "dags/shared/naming.py": "",
        ], dags: ["dags/etl.py"])
        #expect(found.map(\.found) == ["dags/helpers.py", "dags/shared/naming.py"])
        #expect(Set(found.map(\.root)) == ["dags"], "a package without __init__.py is found by its module")
    }

    @Test func aTasksImportCountsAndAFullPathFromTheRootNeedsTheProjectFolder() throws {
        let found = try Self.evidence([
            "dags/report.py": "def build():\n    from include.reporting import summarize\n    return summarize()\n",
            "include/__init__.py": "", "include/reporting.py": "",
        ], dags: ["dags/report.py"])
        #expect(found == [.init(importer: "dags/report.py", module: "include.reporting", found: "include/reporting.py", root: "")])
    }

    /// Relative imports, Airflow's own package, modules the tree lacks and a name longer
    /// than the path below the tree (its root is above the project) say nothing; a root
    /// that does not hold the DAG (plugins/, on Airflow's sys.path by itself) is said, and
    /// does not decide.
    @Test func importsThatSayNothingAboutTheDagsFolder() throws {
        let found = try Self.evidence([
            "dags/etl.py": """
                from . import sibling
                from airflow.sdk import DAG
                import pandas
                from operators.fetch import FetchOperator
                from company.dags.common import util
                """,
            "dags/sibling.py": "", "airflow/sdk.py": "", "plugins/operators/fetch.py": "", "dags/common/util.py": "",
        ], dags: ["dags/etl.py"])
        let plugin = DagImportRoot.Evidence(importer: "dags/etl.py", module: "operators.fetch", found: "plugins/operators/fetch.py", root: "plugins")
        #expect(found == [plugin])
        #expect(!plugin.rootHoldsImporter)
        let decision = DagImportRoot.decide(dagFiles: ["dags/etl.py"], evidence: found)
        #expect(decision == .folder("dags", because: nil, besides: plugin))
        #expect(decision.explanation.hasPrefix("dags/ holds every DAG file, and no DAG imports a module of the project from a folder holding it "
            + "(dags/etl.py imports operators.fetch from plugins/operators/fetch.py, which the dags folder cannot serve"))
    }

    @Test func oneRootHoldingEveryDAGIsPublished() {
        let evidence = DagImportRoot.Evidence(importer: "dags/a.py", module: "common.x", found: "dags/common/x.py", root: "dags")
        let decision = DagImportRoot.decide(dagFiles: ["dags/a.py", "dags/team/b.py"], evidence: [evidence])
        #expect(decision == .folder("dags", because: evidence))
        #expect(decision.explanation == "the DAGs' import root: dags/a.py imports common.x from dags/common/x.py")
    }

    @Test func withoutEvidenceTheFolderHoldingEveryDAG() {
        #expect(DagImportRoot.decide(dagFiles: ["dags/a.py", "dags/team/b.py"], evidence: []) == .folder("dags", because: nil))
        #expect(DagImportRoot.decide(dagFiles: ["pipelines/x/a.py", "pipelines/y/b.py"], evidence: []).folder == "pipelines")
        #expect(DagImportRoot.decide(dagFiles: ["a.py", "dags/b.py"], evidence: []).folder == "")
        #expect(DagImportRoot.decide(dagFiles: [], evidence: []).folder == "")
    }

    @Test func differentRootsOrADAGOutsideTheRootDecideNothing() {
        let inDags = DagImportRoot.Evidence(importer: "dags/a.py", module: "common.x", found: "dags/common/x.py", root: "dags")
        let fromRoot = DagImportRoot.Evidence(importer: "dags/b.py", module: "dags.common.x", found: "dags/common/x.py", root: "")
        let mixed = DagImportRoot.decide(dagFiles: ["dags/a.py", "dags/b.py"], evidence: [inDags, fromRoot])
        #expect(mixed == .conflict([fromRoot, inDags], outside: []) && mixed.folder == nil)
        #expect(mixed.explanation.contains("(root: the project folder)") && mixed.explanation.contains("(root: dags/)"))
        let outside = DagImportRoot.decide(dagFiles: ["dags/a.py", "backfills/c.py"], evidence: [inDags])
        #expect(outside == .conflict([inDags], outside: ["backfills/c.py"]))
        #expect(outside.explanation.hasSuffix("so dags/ must be Airflow's dags folder, but backfills/c.py is not in it"))
    }
}
