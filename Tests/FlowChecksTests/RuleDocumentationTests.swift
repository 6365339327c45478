import FlowChecks
import Foundation
import Testing
import TestSupport

/// What `acme-scan rules CODE` shows is true: each rule fires on its
/// documentation example, and not on the fixed example.
@Suite struct RuleDocumentationTests {
    static let codes = RuleRegistry.all.map(\.code)
    static let codesWithAFixedExample = RuleRegistry.all.filter { $0.documentation.fixedExample != nil }.map(\.code)

    @Test(arguments: codes)
    func theRuleFiresOnItsExample(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code))
        let project = try ExampleProject(rule.documentation.example)
        let findings = try RuleFixtureTests.findings(of: code, scanning: project.url, settingsFrom: [project.url])
        #expect(!findings.isEmpty, "\(code) does not fire on its documentation example:\n\(rule.documentation.example)")
    }

    @Test(arguments: codesWithAFixedExample)
    func theRuleIsSilentOnItsFixedExample(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code))
        let project = try ExampleProject(try #require(rule.documentation.fixedExample))
        let findings = try RuleFixtureTests.findings(of: code, scanning: project.url, settingsFrom: [project.url])
        #expect(findings.isEmpty, """
            \(code) still fires on its fixed example:
            \(ConciseReporter().report(findings, rules: [rule], sources: .none))
            """)
    }

    @Test func filesOfAnExample() throws {
        let project = try ExampleProject("# acme.toml\nname-pattern = \"^a\"\n# flows/b.py\n# just a comment\nx = 1\n")
        #expect(try String(contentsOf: project.url.appendingPathComponent("acme.toml"), encoding: .utf8) == "name-pattern = \"^a\"\n")
        #expect(try String(contentsOf: project.url.appendingPathComponent("flows/b.py"), encoding: .utf8) == "# just a comment\nx = 1\n")
        #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("example.py").path))
    }
}

/// A documentation example written out as a small project (the convention
/// ``RuleDocumentation`` describes): `example.py`, or the files that `# NAME`
/// lines start; or, when every line starts with `$ `, what those shell
/// commands make in an empty folder.
struct ExampleProject {
    let folder: TemporaryFolder
    var url: URL { folder.url }

    struct CommandFailed: Error, CustomStringConvertible {
        let description: String
    }

    init(_ example: String) throws {
        folder = try TemporaryFolder()
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.allSatisfy({ $0.hasPrefix("$ ") }) {
            for line in lines {
                let result = try Run.process("/bin/sh", ["-c", String(line.dropFirst(2))], in: folder.url)
                guard result.status == 0 else { throw CommandFailed(description: "\(line): \(result.stderr)") }
            }
            return
        }
        var files: [(name: String, lines: [String])] = []
        for line in lines {
            if let name = Self.fileName(line) {
                files.append((name, []))
            } else if files.isEmpty {
                files.append(("example.py", [line]))
            } else {
                files[files.count - 1].lines.append(line)
            }
        }
        for file in files {
            let text = file.lines.joined(separator: "\n")
            try folder.write(file.name, text.hasSuffix("\n") ? text : text + "\n")
        }
    }

    /// The file a line like `# b.py` or `# acme.toml` starts; nil for any other line.
    static func fileName(_ line: String) -> String? {
        guard line.hasPrefix("# ") else { return nil }
        let name = String(line.dropFirst(2))
        let isFileName = !name.contains(" ") && [".py", ".toml", ".airflowignore"].contains { name.hasSuffix($0) }
        return isFileName ? name : nil
    }
}
