@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// Airflow's own rules, one at a time (the fixtures and bench/dagbag.sh check them end to end).
@Suite struct AirflowUnitTests {
    @Test func taskFlowSuffixesFollowGetUniqueTaskID() {
        let graph = TaskGraph()
        for expected in ["extract", "extract__1", "extract__2"] {
            let label = graph.uniqueTaskFlowLabel("extract", group: nil)
            #expect(label == expected)
            _ = graph.addTask(label, kind: "@task", line: 1, group: nil)
        }
        // An explicit `x__5` pushes the next suffix past it, as Airflow does.
        _ = graph.addTask("load__5", kind: "@task", line: 1, group: nil)
        _ = graph.addTask("load", kind: "@task", line: 1, group: nil)
        #expect(graph.uniqueTaskFlowLabel("load", group: nil) == "load__6")
    }

    @Test func groupPrefixes() {
        let outer = TaskGroupNode(label: "outer", prefixGroupID: true, parent: nil)
        let inner = TaskGroupNode(label: "inner", prefixGroupID: true, parent: outer)
        let flat = TaskGroupNode(label: "flat", prefixGroupID: false, parent: outer)
        #expect(inner.groupID == "outer.inner")
        #expect(inner.childID("t") == "outer.inner.t")
        #expect(flat.groupID == "outer.flat")
        #expect(flat.childID("t") == "t", "prefix_group_id=False drops every prefix")
    }

    @Test func rootsAndLeavesOfAGroup() {
        let graph = TaskGraph()
        let group = TaskGroupNode(label: "g", prefixGroupID: true, parent: nil)
        for id in ["g.a", "g.b", "g.c"] { _ = graph.addTask(id, kind: "EmptyOperator", line: 1, group: group) }
        graph.connect("g.a", "g.b")
        #expect(graph.roots(of: group) == ["g.a", "g.c"])
        #expect(graph.leaves(of: group) == ["g.b", "g.c"])
    }

    @Test func safeModeTestPerVersion() {
        let assetOnly = Array("from airflow.sdk import asset\n".utf8)
        #expect(AirflowDetector.passesSafeModeTest(assetOnly, version: 3))
        #expect(!AirflowDetector.passesSafeModeTest(assetOnly, version: 2))
        #expect(AirflowDetector.passesSafeModeTest(Array("# AIRFLOW DAG".utf8), version: 2), "the test ignores case")
        #expect(!AirflowDetector.passesSafeModeTest(Array("# airflow only".utf8), version: 3))
    }

    @Test(arguments: [
        ("from airflow import DAG\nwith DAG('x'):\n    pass\n", true),
        ("from airflow.sdk import dag as pipeline\n@pipeline\ndef f(): pass\n", true),
        ("import airflow\nd = airflow.DAG('x')\n", true),
        ("from airflow import models\nmodels.DAG('x')\n", true),
        ("from airflow.sdk import (\n    DAG,\n    task,\n)\nclass Mine(DAG):\n    pass\n", true),
        ("import os; from airflow.sdk import DAG\nBuilder = DAG\n", true),
        ("from airflow.sdk import *\nwith DAG('x'): pass\n", true),
        // Imports DAG for a type hint only: no DAG can be built here.
        ("from airflow.sdk import DAG\ndef f(dag: DAG) -> None:\n    pass\n", false),
        ("from airflow.sdk import DAG\nx = SerializedDAG(1)\n", false),
        ("# from airflow import DAG\nDAG('x')\n", false),
        ("from mylib import DAG\nDAG('x')\n", false),
        ("from airflow.sdk import DAG\nclass Mine(DAG, Mixin):\n    pass\n", true),
        ("from cosmos import DbtDag\nDbtDag(dag_id='x')\n", true),
        ("from cosmos.airflow.dag import DbtDag as Dbt\nd = Dbt(dag_id='x')\n", true),
        ("import cosmos\nd = cosmos.DbtDag(dag_id='x')\n", true),
        ("from cosmos import airflow\nd = airflow.dag.DbtDag(dag_id='x')\n", true),
        ("from airflow import *\nd = models.dag.DAG('x')\n", true),
        ("from airflow import sdk\nd = sdk.definitions.dag.DAG('x')\n", true),
        // A task group builds no DAG by itself.
        ("from cosmos import DbtTaskGroup\nDbtTaskGroup(group_id='x')\n", false),
        // The configured class is mylib.dags.TeamDAG, not any TeamDAG.
        ("from mylib.dags import TeamDAG\nwith TeamDAG('x'):\n    pass\n", true),
        ("import mylib.dags\nwith mylib.dags.TeamDAG('x'):\n    pass\n", true),
        ("from otherlib import TeamDAG\nwith TeamDAG('x'):\n    pass\n", false),
    ])
    func importScanAdmitsExactlyTheFilesThatCanBuildDags(_ source: String, _ expected: Bool) {
        let builders = ImportUseScan.Builders(AirflowNames.dagBuilders.union(["mylib.dags.TeamDAG"]))
        #expect(ImportUseScan.importsBuilder(Array(source.utf8), builders: builders) == expected, "\(source)")
    }

    @Test func caseBlindSearchMatchesTheLowerCasedBytes() {
        let cases: [(String, String, Bool)] = [("AirFlow", "airflow", true), ("a_dag", "dag", true), ("DA G", "dag", false),
            ("`dag`", "dag", true), ("d@g", "dag", false), ("ai", "airflow", false), ("", "dag", false),
            // Across and at the end of eight-byte words, and letters with the high bit set.
            ("0123456AirFlow", "airflow", true), ("0123456789abcdeAIRFLOW", "airflow", true), ("fffffffffff airflo", "airflow", false),
            ("\u{e6}irflow \u{c6}IRFLOW", "airflow", false), ("ffffffff_Dag", "dag", true), ("xxxxxxxxxxxxxxxxgag", "dag", false)]
        for (text, word, expected) in cases {
            #expect(BytePrefilter.containsIgnoringCase(Array(text.utf8), Array(word.utf8)) == expected, "\(text)")
            let lowered = Array(text.lowercased().utf8)
            #expect(BytePrefilter.contains(lowered, Array(word.utf8)) == expected, "\(text)")
        }
    }

    @Test func airflowIgnoreSyntaxes() {
        let regexp = AirflowIgnore(syntax: .regexp).adding(contents: "team_.\n^a_ # comment\n", base: "sub")
        #expect(regexp.ignores("team_b/x.py", isDirectory: false))
        #expect(regexp.ignores("a_dag.py", isDirectory: false))
        #expect(!regexp.ignores("sub/a_dag.py", isDirectory: false), "regexp lines search the path from the root")
        let glob = AirflowIgnore(syntax: .glob).adding(contents: "*scratch*\n!keep_*\n", base: "")
        #expect(glob.ignores("scratch_dag.py", isDirectory: false))
        #expect(!glob.ignores("keep_scratch_dag.py", isDirectory: false))
    }

    @Test func durationOfADagArgumentIsClassified() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.py", """
            from datetime import timedelta
            from airflow.sdk import DAG
            with DAG("d", schedule=timedelta(days=1), start_date=None):
                pass
            """)
        let flow = try #require(try FlowScanner().scan(root: folder.url).flows.first)
        #expect(flow.metadata["airflow"]?["schedule"] == ["expression": "timedelta(days=1)", "kind": "timedelta"])
    }

    @Test func aLoopReportsAProblemOnceNotOncePerPass() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.py", """
            from airflow.sdk import DAG
            from airflow.providers.standard.operators.empty import EmptyOperator
            with DAG("looped", schedule=None):
                for name in ["a", "b", "c"]:
                    EmptyOperator(task_id=name) >> helper_made_elsewhere
            """)
        let result = try FlowScanner().scan(root: folder.url)
        #expect(result.diagnostics.filter { $0.code == .airflowUnresolvedReference }.count == 1)
        #expect(result.flows.first?.metadata["airflow"]?["tasks"]?.arrayValue?.count == 3)
    }
}
