@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// AFX009: imports of what Airflow 3 removed, where they run at import (the
/// fixtures and Tests/airflow-removals check the table against Airflow itself).
@Suite struct RemovedImportTests {
    static let dag = "\nfrom airflow.sdk import DAG\nwith DAG('d', schedule=None):\n    pass\n"

    func reportedLines(_ source: String, airflowVersion: Int = 3) throws -> [Int] {
        let folder = try TemporaryFolder()
        try folder.write("d.py", source + Self.dag)
        let walk = WalkOptions(airflow: .major(airflowVersion))
        let result = try FlowScanner(options: ScanOptions(walk: walk)).scan(root: folder.url)
        return result.diagnostics.filter { $0.code == .airflowRemovedImport }.map(\.line)
    }

    @Test(arguments: [
        ("import airflow.contrib.hooks.ssh_hook as ssh\n", [1]),
        ("import os, airflow.kubernetes.secret\n", [1]),
        ("from airflow import contrib\n", [1]),
        ("from airflow.operators.dummy import DummyOperator as Dummy\n", [1]),
        ("from airflow.utils.dates import days_ago\n", [1]),
        ("from airflow.contrib import *\n", [1]),
        ("from airflow.operators import bash\n", []),
        ("from airflow.providers.standard.operators.empty import EmptyOperator\n", []),
        ("from .airflow.contrib import hooks\n", []),
        // Guarded by a handler that catches ImportError: the fallback runs instead.
        ("try:\n    from airflow.operators.dummy import X\nexcept ImportError:\n    X = None\n", []),
        ("try:\n    from airflow.operators.dummy import X\nexcept (KeyError, ModuleNotFoundError) as e:\n    X = None\n", []),
        ("try:\n    from airflow.operators.dummy import X\nexcept Exception:\n    X = None\n", []),
        ("try:\n    from airflow.operators.dummy import X\nexcept:\n    X = None\n", []),
        ("try:\n    from airflow.operators.dummy import X\nexcept* ImportError:\n    X = None\n", []),
        // Not guarded: the handler catches something else, or the import is in `else`.
        ("try:\n    from airflow.operators.dummy import X\nexcept KeyError:\n    X = None\n", [2]),
        ("try:\n    import json\nexcept ImportError:\n    pass\nelse:\n    from airflow.operators.dummy import X\n", [6]),
        // Runs at import: class bodies and `with` / `for` bodies. Does not: functions, `if` branches.
        ("class Config:\n    from airflow.utils.dates import days_ago\n", [2]),
        ("with open(__file__):\n    from airflow.utils.dates import days_ago\n", [2]),
        ("def later():\n    from airflow.utils.dates import days_ago\n", []),
        ("if AIRFLOW_V_2:\n    from airflow.operators.dummy import X\n", []),
    ])
    func removedImportsAreReportedWhereTheyRunAtImport(_ source: String, _ lines: [Int]) throws {
        #expect(try reportedLines(source) == lines, "\(source)")
    }

    @Test func airflow2KeepsTheseModules() throws {
        #expect(try reportedLines("from airflow.operators.dummy import DummyOperator\n", airflowVersion: 2).isEmpty)
    }

    @Test func theMessageNamesTheReplacement() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.py", "from airflow.operators.dummy import DummyOperator\n" + Self.dag)
        let result = try FlowScanner().scan(root: folder.url)
        let diagnostic = try #require(result.diagnostics.first { $0.code == .airflowRemovedImport })
        #expect(diagnostic.column == 6)
        #expect(diagnostic.message.contains("ModuleNotFoundError"))
        #expect(diagnostic.message.contains("use `EmptyOperator` from `airflow.providers.standard.operators.empty`"))
        #expect(result.flows.first?.metadata["airflow"]?["registered"] == false)
    }

    @Test func thePrefilterAdmitsAFileThatOnlyImportsSomethingRemoved() {
        let helper = Array("import airflow.contrib.hooks.ssh_hook\n".utf8)
        #expect(AirflowDetector(airflow: .major(3)).mightDefineFlows(helper))
        #expect(!AirflowDetector(airflow: .major(2)).mightDefineFlows(helper))
        #expect(!AirflowDetector(airflow: .major(3)).mightDefineFlows(Array("import airflow.models\n".utf8)))
        // Inferred, a file may be read for either: the pre-filter admits what Airflow 3 would need.
        #expect(AirflowDetector(airflow: .inferred).mightDefineFlows(helper))
    }

    @Test func aPathAndEverythingUnderItIsRemoved() {
        #expect(RemovedImportScan.entry(for: "airflow.contrib.hooks.ssh_hook.SSHHook")?.path == "airflow.contrib")
        #expect(RemovedImportScan.entry(for: "airflow.operators.dummy.DummyOperator")?.path
            == "airflow.operators.dummy.DummyOperator")
        #expect(RemovedImportScan.entry(for: "airflow.operators.python") == nil)
        #expect(RemovedImportScan.entry(for: "airflowlike.contrib") == nil)
    }
}
