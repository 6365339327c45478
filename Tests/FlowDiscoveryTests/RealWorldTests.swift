import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// The prefect-dbt 0.7.25 sdist from PyPI, whose tests define well over a
/// hundred flows. The expected list was produced by bench/reference_scanner.py,
/// an independent implementation on Python's own `ast`.
@Suite struct RealWorldTests {
    static let corpus = Fixtures.repositoryRoot.appendingPathComponent(".cache/pypi/prefect-dbt-0.7.25")

    static func fetch() throws -> URL {
        let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/realworld/fetch.sh").path
        let result = try Run.process("/bin/bash", [script])
        guard result.status == 0 else { throw FetchFailed(output: result.stderr) }
        return corpus
    }

    struct FetchFailed: Error, CustomStringConvertible {
        let output: String
        var description: String { "Tests/realworld/fetch.sh failed: \(output)" }
    }

    static func expected() throws -> [String] {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Tests/realworld/prefect-dbt-0.7.25.flows.tsv")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test func findsEveryFlowWithItsNameAndLine() throws {
        let result = try FlowScanner().scan(root: try Self.fetch())
        let found = result.flows.map { flow in
            // The reference reports redefinitions under the plain function name.
            "\(flow.file)\t\(flow.function)\t\(flow.name ?? "None")\t\(flow.line)"
        }.sorted()
        let expected = try Self.expected().sorted()
        #expect(expected.count == 164)
        #expect(found.count == expected.count)
        let missing = Set(expected).subtracting(found), extra = Set(found).subtracting(expected)
        #expect(missing.isEmpty, "missing: \(missing.sorted().prefix(5))")
        #expect(extra.isEmpty, "unexpected: \(extra.sorted().prefix(5))")
    }

    @Test func preFilterLosesNothingOnTheCorpus() throws {
        let root = try Self.fetch()
        let filtered = try FlowScanner(options: ScanOptions(usePrefilter: true)).scan(root: root)
        let unfiltered = try FlowScanner(options: ScanOptions(usePrefilter: false)).scan(root: root)
        #expect(filtered.flows == unfiltered.flows)
        #expect(filtered.diagnostics == unfiltered.diagnostics)
        #expect(filtered.filesParsed < unfiltered.filesParsed)
    }
}
