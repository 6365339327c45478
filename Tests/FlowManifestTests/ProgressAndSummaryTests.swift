@testable import AcmeScanKit
import FlowDiscovery
import Foundation
import Synchronization
import Testing

@Suite struct ProgressAndSummaryTests {
    final class Captured: Sendable {
        let text = Mutex("")
        var log: Log { Log(isTerminal: true) { line in self.text.withLock { $0 += line } } }
    }

    @Test func progressOnlyOnATerminal() {
        #expect(ProgressLine(log: Log(isTerminal: false) { _ in }) == nil)
    }

    @Test func progressWaitsForTheDelayThenDrawsAndClears() throws {
        let captured = Captured()
        let slow = try #require(ProgressLine(log: captured.log))
        slow.update(done: 1, total: 10)
        #expect(captured.text.withLock { $0 }.isEmpty, "nothing before a second has passed")

        let immediate = try #require(ProgressLine(log: captured.log, delayNanoseconds: 0))
        immediate.update(done: 3, total: 10)
        immediate.finish()
        #expect(captured.text.withLock { $0 } == "\rscanning: 3/10 files\r\u{1B}[K")
    }

    @Test func summaryCountsKindsSeveritiesAndFiles() {
        let flow = Flow(kind: .prefect, name: "a", file: "a.py", line: 1, column: 1, endLine: 2, function: "a",
            description: nil, dynamic: false, parameters: [], parameterSchema: [:], metadata: [:])
        let result = ScanResult(flows: [flow, flow],
            diagnostics: [Diagnostic(.syntaxError, "x", file: "a.py"), Diagnostic(.prefectDynamicFlow, "y", file: "a.py"),
                Diagnostic(.prefectDynamicFlow, "z", file: "b.py")],
            filesScanned: 7, filesParsed: 3)
        #expect(Summary(result: result, seconds: 0.25).text
            == "2 flows (2 prefect), 3 diagnostics (1 error, 2 info); 7 files scanned, 3 parsed; 0.25 s")
    }
}
