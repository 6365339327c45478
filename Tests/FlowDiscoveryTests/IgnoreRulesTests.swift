@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

@Suite struct GlobPatternTests {
    static let cases: [(String, String, Bool)] = [
        ("*.py", "a.py", true), ("*.py", "a/b.py", false), ("a/*.py", "a/b.py", true),
        ("**/b.py", "b.py", true), ("**/b.py", "x/y/b.py", true), ("a/**", "a/x/y", true), ("a/**", "a", false),
        ("a/**/z", "a/z", true), ("a/**/z", "a/b/c/z", true), ("?.py", "ab.py", false), ("[ab].py", "b.py", true),
        ("[!ab].py", "c.py", true), ("[!ab].py", "a.py", false), ("[a-c]x", "bx", true), (#"\*.py"#, "*.py", true),
        (#"\*.py"#, "a.py", false),
        ("a*b", "a/b", false), ("a**b", "axyb", true), ("a**b", "a/b", false), ("**", "a/b/c", true), ("**", "", true),
        ("a/**/b", "a/x/y/b", true), ("a/**/b", "a/xb", false), ("**/x/**/y", "p/x/q/r/y", true), ("*a*a*b", "xaxab", true),
        ("*a*a*b", "xaxa/b", false), ("[ab", "[ab", true), ("a[/]b", "a/b", false), ("[!x]", "/", false), ("", "", true),
        ("?", "", false), (#"a\"#, #"a\"#, true), ("[]]", "]", true), ("[a-]", "-", true),
    ]

    @Test(arguments: cases)
    func matching(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    /// Past 63 tokens the states take more than one 64-bit mask: the same cases below a long folder name.
    @Test(arguments: cases)
    func longPatternsMatchTheSame(_ pattern: String, _ path: String, _ expected: Bool) {
        let folder = String(repeating: "f", count: 70) + "/"
        #expect(GlobPattern(folder + pattern).matches(folder + path) == expected, "\(pattern) vs \(path)")
    }

    /// Issue 13: a backtracking matcher took 10 s on one such name; this bound is the issue's.
    @Test func manyStarsTakeLinearTime() {
        let rules = IgnoreRules().adding(contents: "*a*a*a*a*a*a*a*a*a*b\n", base: "")
        let names = (0..<1000).map { index in
            String(repeating: "a", count: 39 - index % 20) + String(repeating: "c", count: index % 20) + (index % 2 == 0 ? "b" : "a")
        }
        let clock = ContinuousClock()
        var ignored = 0
        let elapsed = clock.measure {
            for name in names where rules.verdict(name, isDirectory: false) == .ignored { ignored += 1 }
        }
        #expect(names.allSatisfy { $0.utf8.count == 40 })
        #expect(ignored == 500)
        #expect(elapsed < .milliseconds(50), "\(elapsed)")
    }
}

@Suite struct IgnoreRulesTests {
    @Test func lastMatchWinsAndNegationReincludes() {
        let rules = IgnoreRules().adding(contents: "*.py\n!keep.py\n", base: "")
        #expect(rules.verdict("drop.py", isDirectory: false) == .ignored)
        #expect(rules.verdict("keep.py", isDirectory: false) == .included)
    }

    @Test func slashAnchorsToTheIgnoreFilesFolder() {
        let rules = IgnoreRules().adding(contents: "/top.py\nsub/x.py\n", base: "pkg")
        #expect(rules.verdict("pkg/top.py", isDirectory: false) == .ignored)
        #expect(rules.verdict("pkg/deeper/top.py", isDirectory: false) == .unmatched)
        #expect(rules.verdict("pkg/sub/x.py", isDirectory: false) == .ignored)
        #expect(rules.verdict("other/top.py", isDirectory: false) == .unmatched)
    }

    @Test func trailingSlashMatchesFoldersOnly() {
        let rules = IgnoreRules().adding(contents: "build/\n", base: "")
        #expect(rules.verdict("build", isDirectory: true) == .ignored)
        #expect(rules.verdict("build", isDirectory: false) == .unmatched)
    }

    @Test func commentsBlanksAndEscapes() {
        let rules = IgnoreRules().adding(contents: "# comment\n\n\\#hash.py\n\\!bang.py\n", base: "")
        #expect(rules.patterns.count == 2)
        #expect(rules.verdict("#hash.py", isDirectory: false) == .ignored)
        #expect(rules.verdict("!bang.py", isDirectory: false) == .ignored)
    }

    @Test func commandLineBeatsFiles() {
        let rules = IgnoreRules(excludes: ["keep.py"], includes: ["gen/*.py"]).adding(contents: "gen/\n!keep.py\n", base: "")
        #expect(rules.verdict("keep.py", isDirectory: false) == .ignored)
        #expect(rules.verdict("gen/a.py", isDirectory: false) == .included)
    }
}

@Suite struct FileWalkerTests {
    func walk(_ folder: TemporaryFolder, _ options: WalkOptions = WalkOptions()) -> WalkResult {
        FileWalker(root: folder.url, options: options).walk()
    }

    @Test func skipsVCSVirtualenvsAndPackagesAndSortsPaths() throws {
        let folder = try TemporaryFolder()
        for path in ["b.py", "a/z.py", "a/b.py", ".git/hooks/x.py", "venv/x.py", "node_modules/x.py",
            "lib/site-packages/x.py", "__pycache__/x.py", "notes.txt"]
        {
            try folder.write(path, "")
        }
        try folder.write("venv/pyvenv.cfg", "home = /usr\n")
        #expect(walk(folder).files == ["a/b.py", "a/z.py", "b.py"])
    }

    @Test func includeReentersIgnoredFolders() throws {
        let folder = try TemporaryFolder()
        try folder.write(".gitignore", "generated/\n")
        try folder.write("generated/a.py", "")
        try folder.write("generated/b.py", "")
        #expect(walk(folder).files.isEmpty)
        #expect(walk(folder, WalkOptions(includes: ["generated/a.py"])).files == ["generated/a.py"])
    }

    @Test func excludeAddsPatterns() throws {
        let folder = try TemporaryFolder()
        try folder.write("tests/t.py", "")
        try folder.write("src/s.py", "")
        #expect(walk(folder, WalkOptions(excludes: ["tests/"])).files == ["src/s.py"])
    }
}
