import FlowChecks
import FlowDiscovery
import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// The one settings model: every command reads acme.toml through ProjectConfiguration,
/// and how much a problem matters depends on who reads the key at fault.
@Suite struct SettingsModelTests {
    @Test func readsPyprojectSectionFoundFromASubfolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("pyproject.toml", """
            [project]
            name = "x"

            [tool.acme-scan]
            select = ["PFX105"]
            ignore = [
                "AFX103",  # we schedule everything explicitly elsewhere
            ]
            airflow-version = 2
            dag-classes = ["mylib.dags.TeamDAG"]
            selct = ["typo"]

            [tool.acme-scan.severity]
            PFX001 = "error"
            """)
        try folder.write("sub/dags.py", "")
        let configuration = try ProjectConfiguration.load(from: folder.url.appendingPathComponent("sub"))
        #expect(configuration.check.select == ["PFX105"] && configuration.check.ignore == ["AFX103"])
        #expect(configuration.discovery.airflowVersion == 2)
        #expect(configuration.discovery.dagClasses == ["mylib.dags.TeamDAG"])
        #expect(configuration.check.severity["PFX001"] == .error)
        #expect(configuration.airflowSetting() == .fixed(AirflowTarget(major: 2, source: .configuration,
            reason: "pyproject.toml:9:1: airflow-version = 2")))
        // The unknown key: an error where settings ship, a warning for check, nothing for scan.
        let message = "pyproject.toml:11:1: error: unknown key 'selct'; did you mean 'select'?"
        #expect(configuration.problems(for: .generate).map(\.description).contains { $0.hasSuffix(message) })
        #expect(configuration.problems(for: .check).map(\.description).contains {
            $0.hasSuffix(message.replacingOccurrences(of: "error:", with: "warning:"))
        })
        #expect(configuration.problems(for: .scan).isEmpty)
    }

    @Test func aBadValueIsAnErrorForEveryCommandThatReadsTheKey() throws {
        let folder = try TemporaryFolder()
        try folder.write("pyproject.toml", "[tool.acme-scan]\nselect = [\"PFX105\"]\n")
        try folder.write("acme.toml", "# settings\nairflow-version = 4\n[defaults]\ntags = \"one\"\n")
        let configuration = try ProjectConfiguration.load(from: folder.url)
        #expect(configuration.path.hasSuffix("acme.toml"), "acme.toml wins over pyproject.toml in one folder")
        for reader in SettingsReader.allCases {
            let problems = configuration.problems(for: reader)
            #expect(problems.contains { $0.severity == .error && $0.description.hasSuffix("acme.toml:2:19: error: 'airflow-version' must be 2 or 3") },
                "\(reader)")
        }
        // `tags` in [defaults] is read by generate and the deployer only.
        let tags = "acme.toml:4:8: error: 'tags' must be a list of strings, not a string"
        #expect(configuration.problems(for: .generate).contains { $0.description.hasSuffix(tags) })
        #expect(configuration.problems(for: .check).contains { $0.severity == .warning && $0.message.hasPrefix("'tags' must be") })
        #expect(!configuration.problems(for: .scan).contains { $0.message.hasPrefix("'tags'") })
    }

    @Test func aPyprojectWithoutOurTableIsPassedOver() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", "minimum-retries = 3\n")
        try folder.write("service/pyproject.toml", "[project]\nname = \"service\"\n")
        let configuration = try ProjectConfiguration.load(from: folder.url.appendingPathComponent("service"))
        #expect(configuration.path.hasSuffix("/acme.toml") || configuration.path == "acme.toml")
        #expect(configuration.check.policy.minimumRetries == 3)
    }

    @Test func anOversizedSettingsFileIsRefusedWithoutBeingRead() throws {
        // bench/fuzz.sh found it: a 1.4 GB acme.toml took 29 s to page in before its first error.
        let folder = try TemporaryFolder()
        let header = "project = \"x\"\n"
        try folder.write("acme.toml", header + String(repeating: "#", count: SettingsFile.sizeLimit))
        let error = #expect(throws: SettingsFile.Invalid.self) { try SettingsFile.read(in: folder.url) }
        let size = SettingsFile.sizeLimit + header.utf8.count
        #expect(error?.message.hasSuffix("acme.toml:1:1: \(size) bytes, more than the 4 MiB a settings file may have: not read") == true)
        try folder.write("acme.toml", header)
        #expect(try SettingsFile.read(in: folder.url) != nil)
    }

    @Test func noFileMeansDefaults() throws {
        let folder = try TemporaryFolder()
        let configuration = try ProjectConfiguration.load(from: folder.url)
        #expect(configuration.file == nil && configuration.readingProblems.isEmpty)
        #expect(configuration.projectName == folder.url.lastPathComponent)
        #expect(configuration.airflowSetting() == .inferred)
    }

    @Test func ruleNamesAreCheckedAgainstTheRegistry() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", "select = [\"ALL\", \"AFX999\"]\nignore = [\"missing-schedule\"]\n[severity]\nPFX01 = \"error\"\n")
        let problems = try ProjectConfiguration.load(from: folder.url).problems(for: .check).map(\.message)
        #expect(problems.contains { $0.hasPrefix("no rule is named 'AFX999'") })
        #expect(problems.contains("no rule is named 'PFX01'; did you mean 'PFX001'?"))
        #expect(problems.count == 2, "ALL and a rule's name are accepted: \(problems)")
    }

    @Test func settingsThatDoNotApplyToABackendAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", """
            [[environments]]
            name = "prod"
            backend = "airflow"
            work-pool = "p"
            [[environments]]
            name = "dev"
            backend = "prefect"
            dags-folder = "/dags"
            """)
        let messages = try ProjectConfiguration.load(from: folder.url).problems(for: .generate).map(\.message)
        #expect(messages.contains("'work-pool' does not apply to an Airflow environment (the DAG's code sets it)"))
        #expect(messages.contains("'dags-folder' applies to airflow environments only"))
    }

    @Test func everyKeyIsDeclaredOncePerSection() {
        let keys = SettingKeys.all.map { "\($0.section.rawValue).\($0.name)" }
        #expect(Set(keys).count == keys.count)
        for key in SettingKeys.all {
            #expect(!key.summary.isEmpty && !key.readers.isEmpty, "\(key.name)")
        }
    }

    @Test func theDocumentedKeyTableIsMadeFromTheDeclarations() throws {
        let file = Fixtures.repositoryRoot.appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let start = try #require(text.range(of: SettingKeys.tableStart + "\n"))
        let end = try #require(text.range(of: SettingKeys.tableEnd))
        let written = String(text[start.upperBound..<end.lowerBound])
        if Fixtures.isRecording && written != SettingKeys.markdownTable {
            try (String(text[..<start.upperBound]) + SettingKeys.markdownTable + String(text[end.lowerBound...]))
                .write(to: file, atomically: true, encoding: .utf8)
            Issue.record("rewrote the key table of docs/configuration.md; unset ACME_RECORD and run again")
            return
        }
        #expect(written == SettingKeys.markdownTable, "docs/configuration.md's key table is stale: run `make record`")
        for key in SettingKeys.all { #expect(written.contains("| `\(key.name)` |"), "\(key.name)") }
    }
}
