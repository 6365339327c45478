@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// The Prefect pre-filter reads import lines and the uses of what they bind: it must
/// admit every file the detector finds a flow in (each form the detector knows), and
/// turn away files that import Prefect for anything else.
@Suite struct PrefectPrefilterTests {
    static let admitted: [String] = [
        "from prefect import flow\n\n@flow\ndef etl(): ...\n",
        "from prefect import flow\n\n@flow(name=\"etl\")\ndef etl(): ...\n",
        "from prefect import flow as f\n\n@f\ndef etl(): ...\n",
        "from prefect import Flow\n\ndef etl(): ...\n\nx = Flow(etl, name=\"x\")\n",
        "from prefect.flows import flow\nx = flow(lambda: 1)\n",
        "import prefect\n\n@prefect.flow\ndef etl(): ...\n",
        "import prefect as p\n\n@p.flow(retries=2)\ndef etl(): ...\n",
        "import prefect.flows as pf\n\n@pf.flow\ndef etl(): ...\n",
        "from prefect import *\n\n@flow\ndef etl(): ...\n",
        "try:\n    from prefect import flow\nexcept ImportError:\n    raise\n\n@flow\ndef etl(): ...\n",
        "def make():\n    from prefect import flow\n\n    @flow\n    def inner(): ...\n    return inner\n",
        "import prefect\nmy_flow = prefect.flow\n\n@my_flow\ndef etl(): ...\n",
        "from prefect import flow\nmy_flow = flow  # alias\n",
        "from prefect import flow\ndecorators = [flow]\n\n@decorators[0]\ndef etl(): ...\n",
        "from prefect import flow\ndecorators = [\n    flow,\n]\n\n@decorators[0]\ndef etl(): ...\n",
        "from prefect import flow\ntable = {\"flow\": flow}\n\n@table[\"flow\"]\ndef etl(): ...\n",
        "from prefect import flow\n\n@(flow)\ndef etl(): ...\n",
        "from prefect import (\n    task,\n    flow,\n)\n\n@flow\ndef etl(): ...\n",
        "from prefect import flow\nx = flow(name=\"n\")(lambda: 1)\n",
    ]

    static let refused: [String] = [
        // A task module of a Prefect project: the words are there, no flow is built.
        "from prefect import task, get_run_logger\n\n@task\ndef load(flow_run_id):\n    get_run_logger().info('workflow')\n",
        "import prefect\n\ndef f(ctx):\n    return prefect.context.get_run_context().flow_run\n",
        "from prefect.client.schemas import FlowRun\n\ndef show(run: FlowRun): ...\n",
        // `flow` imported but only mentioned in a string or passed on as a value nothing reads as a flow.
        "from prefect import flow\n\nprint('flow')\n",
        // Another library's flow.
        "from metaflow import flow\nimport prefect\n\n@flow\ndef etl(): ...\n",
    ]

    @Test(arguments: admitted)
    func admitsEveryFormTheDetectorFinds(_ source: String) throws {
        #expect(PrefectDetector().mightDefineFlows(Array(source.utf8)), "\(source)")
    }

    @Test(arguments: refused)
    func refusesFilesThatBuildNoFlow(_ source: String) {
        #expect(!PrefectDetector().mightDefineFlows(Array(source.utf8)), "\(source)")
    }

    /// What the detector finds in each admitted form, it also finds with the pre-filter on.
    @Test func theAdmittedFormsAreFlowsTheDetectorFinds() throws {
        let folder = try TemporaryFolder()
        for (index, source) in Self.admitted.enumerated() { try folder.write("f\(index).py", source) }
        for (index, source) in Self.refused.enumerated() { try folder.write("r\(index).py", source) }
        let filtered = try FlowScanner(options: ScanOptions(usePrefilter: true)).scan(root: folder.url)
        let unfiltered = try FlowScanner(options: ScanOptions(usePrefilter: false)).scan(root: folder.url)
        #expect(filtered.flows == unfiltered.flows)
        #expect(filtered.diagnostics == unfiltered.diagnostics)
        // Each admitted file but the alias-only one and the nested factory defines a flow the detector finds.
        #expect(Set(unfiltered.flows.map(\.file)).count >= Self.admitted.count - 3)
        #expect(!unfiltered.flows.contains { $0.file.hasPrefix("r") })
    }
}
