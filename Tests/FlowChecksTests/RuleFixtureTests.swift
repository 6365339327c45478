import AcmeScanKit
import FlowChecks
import FlowDiscovery
import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// Every rule has a folder `Fixtures/check/<CODE>-<name>/` of small projects,
/// one per case, in two groups (Ruff's triggering and non-triggering fixture
/// code, SwiftLint's triggering and non-triggering examples):
///
/// - `must-fire/<case>/`: the rule reports exactly what `expected.txt` beside
///   the sources says (its concise report), and at least one finding;
/// - `must-not-fire/<case>/`: a near miss, the legal form closest to a
///   violation; the rule reports nothing. At least two per rule.
///
/// `acme.toml`, `pyproject.toml` and `acme-scan.args` in the rule folder apply
/// to all its cases; a case may hold its own. As SwiftLint does, every
/// must-fire case also runs with its Python turned into a comment and into a
/// string: the violation is then text, not code, and must not fire.
@Suite struct RuleFixtureTests {
    static let ruleFolders = Fixtures.cases("check")
    static let mustFire = cases("must-fire")
    static let mustNotFire = cases("must-not-fire")
    static let settingsFiles: Set<String> = ["acme.toml", "pyproject.toml", "acme-scan.args"]
    /// Rules about a file's bytes, not its code: hiding the code in a comment
    /// or a string leaves the bytes undecodable.
    static let aboutBytes: Set<String> = ["ACS001"]

    /// `<rule folder>/<group>/<case>` for every case of the group, sorted.
    static func cases(_ group: String) -> [String] {
        ruleFolders.flatMap { rule in Fixtures.cases("check/\(rule)/\(group)").map { "\(rule)/\(group)/\($0)" } }
    }

    @Test func everyRuleHasAFixtureAndDocumentation() {
        let codes = Set(Self.ruleFolders.map { String($0.prefix(6)) })
        for rule in RuleRegistry.all {
            #expect(codes.contains(rule.code), "rule \(rule.code) has no fixture under Fixtures/check")
            for text in [rule.documentation.what, rule.documentation.why, rule.documentation.example, rule.documentation.fix] {
                #expect(!text.isEmpty, "rule \(rule.code) lacks documentation")
            }
        }
        #expect(Set(RuleRegistry.all.map(\.code)).count == RuleRegistry.all.count, "rule codes are unique")
    }

    @Test func everyRuleHasCasesBothWays() throws {
        for rule in Self.ruleFolders {
            let folder = Fixtures.folder("check", rule)
            #expect(!Fixtures.cases("check/\(rule)/must-fire").isEmpty, "\(rule) has no must-fire case")
            let nearMisses = Fixtures.cases("check/\(rule)/must-not-fire").count
            #expect(nearMisses >= 2, "\(rule) has \(nearMisses) must-not-fire cases; it needs at least two near misses")
            let loose = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { !["must-fire", "must-not-fire", ".acme-scan-cache"].contains($0) && !Self.settingsFiles.contains($0) }
            #expect(loose.isEmpty, "\(rule): \(loose.sorted()) must go into a must-fire/ or must-not-fire/ case folder")
        }
        for path in Self.mustNotFire {
            let expected = Fixtures.folder("check", path).appendingPathComponent("expected.txt")
            #expect(!FileManager.default.fileExists(atPath: expected.path), "\(path) must not fire, so it has no expected.txt")
        }
    }

    @Test(arguments: mustFire)
    func ruleFiresWhereItMust(_ path: String) throws {
        let (rule, folder) = try Self.ruleAndFolder(path)
        let findings = try Self.findings(of: rule.code, scanning: folder, settingsFrom: Self.settingsFolders(path))
        #expect(!findings.isEmpty, "\(rule.code) did not fire in \(path), where it must")
        let text = ConciseReporter().report(findings, rules: [rule], sources: .none)
        Fixtures.expectGolden(text, at: folder.appendingPathComponent("expected.txt"))
    }

    @Test(arguments: mustNotFire)
    func ruleIsSilentOnANearMiss(_ path: String) throws {
        let (rule, folder) = try Self.ruleAndFolder(path)
        let findings = try Self.findings(of: rule.code, scanning: folder, settingsFrom: Self.settingsFolders(path))
        #expect(findings.isEmpty, """
            \(rule.code) fired in \(path), where it must not:
            \(ConciseReporter().report(findings, rules: [rule], sources: .none))
            """)
    }

    @Test(arguments: mustFire)
    func aViolationInACommentOrAStringDoesNotFire(_ path: String) throws {
        let (rule, folder) = try Self.ruleAndFolder(path)
        guard !Self.aboutBytes.contains(rule.code) else { return }
        for wrapping in SourceWrapping.allCases {
            let copy = try TemporaryFolder()
            try wrapping.copy(folder, to: copy.url)
            let findings = try Self.findings(of: rule.code, scanning: copy.url, settingsFrom: Self.settingsFolders(path))
            #expect(findings.isEmpty, """
                \(rule.code) fired in \(path) with its Python turned into a \(wrapping.rawValue):
                \(ConciseReporter().report(findings, rules: [rule], sources: .none))
                """)
        }
    }

    static func ruleAndFolder(_ path: String) throws -> (any Rule, URL) {
        (try #require(RuleRegistry.rule(String(path.prefix(6)))), Fixtures.folder("check", path))
    }

    /// Where a case's settings come from, nearest first: the case, then its rule folder.
    static func settingsFolders(_ path: String) -> [URL] {
        [Fixtures.folder("check", path), Fixtures.folder("check", String(path.prefix { $0 != "/" }))]
    }

    /// The findings of rule `code` when the whole checker runs on `root` with
    /// every rule selected, as `check --select ALL` does (plus the case's own `select`), with the settings
    /// found first in `settingsFolders` (the configuration is looked up from
    /// the first, walking up).
    static func findings(of code: String, scanning root: URL, settingsFrom settingsFolders: [URL]) throws -> [Finding] {
        let configuration = try ProjectConfiguration.load(from: settingsFolders[0])
        var walk = WalkOptions(airflow: configuration.airflowSetting())
        if let args = settingsFolders.lazy.compactMap({
            try? String(contentsOf: $0.appendingPathComponent("acme-scan.args"), encoding: .utf8)
        }).first, let version = args.firstMatch(of: /--airflow-version (\d)/)?.1 {
            walk.airflow = .major(Int(version)!)
        }
        let scan = try FlowScanner(options: ScanOptions(walk: walk)).scan(root: root)
        let project = Project(flows: scan.flows, diagnostics: scan.diagnostics, suppressions: scan.suppressions,
            policy: configuration.check.policy)
        // Every rule runs; a case's own `select` adds what `ALL` does not mean (a rule named checks test code).
        let selection = RuleSelection(select: ["ALL"] + configuration.check.select)
        return Checker(selection: selection).check(project).filter { $0.code == code }
    }
}

/// SwiftLint re-runs every triggering example wrapped in a comment and in a
/// string; in Python, code turned into either is text and must not fire.
enum SourceWrapping: String, CaseIterable {
    case comment, string

    /// Copies a case folder, wrapping each `.py` file.
    func copy(_ folder: URL, to target: URL) throws {
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        for file in files {
            let source = folder.appendingPathComponent(file), destination = target.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            } else if file.hasSuffix(".py") {
                let text = try String(contentsOf: source, encoding: .utf8)
                let wrapped = try #require(wrap(text), "\(file) holds both kinds of triple quotes; it cannot be put in a string")
                try wrapped.write(to: destination, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.copyItem(at: source, to: destination)
            }
        }
    }

    func wrap(_ source: String) -> String? {
        switch self {
        case .comment:
            return source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "#" : "# \($0)" }
                .joined(separator: "\n")
        case .string:
            let quotes = ["'''", String(repeating: "\"", count: 3)]
            guard let quote = quotes.first(where: { !source.contains($0) }) else { return nil }
            return "SOURCE = r\(quote)\n\(source)\(quote)\n"
        }
    }
}
