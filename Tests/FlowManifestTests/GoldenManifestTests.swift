import AcmeScanKit
import FlowDiscovery
import FlowManifest
import Foundation
import Testing
import TestSupport

/// Every folder under Fixtures/scan is a small project; `expected.json` beside
/// its sources is the manifest acme-scan must produce for it, byte for byte,
/// outside git (`TrackedFilesTests` covers what changes in a work tree).
@Suite struct GoldenManifestTests {
    static let cases = Fixtures.cases("scan")

    /// A case may hold `acme-scan.args` with scan options, e.g. `--airflow-version 2`, or
    /// settings of its own (acme.toml, and the files the Airflow version is inferred from).
    static func job(_ name: String, prefilter: Bool, at folder: URL? = nil) -> ScanJob {
        let file = Fixtures.folder("scan", name).appendingPathComponent("acme-scan.args")
        let words = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        var walk = WalkOptions()
        var discovery = DiscoveryOverrides(useCache: false)
        for (flag, value) in zip(words, words.dropFirst()) {
            switch flag {
            case "--airflow-version": discovery.airflowVersion = Int(value)
            case "--airflowignore-syntax": walk.airflowIgnoreSyntax = value
            case "--dag-class": discovery.dagClasses.append(value)
            default: break
            }
        }
        return ScanJob(path: (folder ?? Fixtures.folder("scan", name)).path, walk: walk, discovery: discovery, usePrefilter: prefilter, quiet: true)
    }

    /// The manifest the CLI would write for the case: the same settings, the same scan.
    static func manifest(_ name: String, prefilter: Bool = true) throws -> Manifest {
        // A copy outside acme-scan's own git work tree, whose index tracks files the cases' .gitignore names.
        let copy = try Fixtures.copy("scan", name)
        return try job(name, prefilter: prefilter, at: copy.url).manifest(log: .silent).manifest
    }

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func manifestMatchesGoldenFile(_ name: String) throws {
        let text = FlowsJSONFormat().render(try Self.manifest(name))
        Fixtures.expectGolden(text, at: Fixtures.folder("scan", name).appendingPathComponent("expected.json"))
    }

    @Test(arguments: cases)
    func preFilterLosesNothing(_ name: String) throws {
        let filtered = FlowsJSONFormat().render(try Self.manifest(name, prefilter: true))
        let unfiltered = FlowsJSONFormat().render(try Self.manifest(name, prefilter: false))
        #expect(Fixtures.difference(unfiltered, filtered) == nil)
    }

    @Test func acmePortalFormatMatchesGoldenFile() throws {
        let text = AcmePortalFormat().render(try Self.manifest("example-etl"))
        Fixtures.expectGolden(text, at: Fixtures.folder("scan", "example-etl").appendingPathComponent("expected.acme-portal.json"))
    }

    @Test func sameTreeGivesIdenticalBytes() throws {
        let first = FlowsJSONFormat().render(try Self.manifest("multi-file-tree"))
        let second = FlowsJSONFormat().render(try FlowScanner(options: ScanOptions(workers: 1))
            .scan(root: Fixtures.folder("scan", "multi-file-tree")).manifestValue)
        #expect(first == second)
    }
}

extension ScanResult {
    var manifestValue: Manifest { Manifest(self) }
}
