import Foundation
import Testing
import TestSupport

/// `check FILE` with a warm cache reads only the given file's results and the other
/// files' summaries (FlowSummary). It must report exactly what a check of the whole
/// tree reports for that file: proved on every rule fixture, file by file.
@Suite struct CheckGivenFilesTests {
    /// Every case of every rule: `CODE-name/must-fire/case` and `CODE-name/must-not-fire/case`.
    static let cases: [String] = Fixtures.cases("check").flatMap { rule in
        ["must-fire", "must-not-fire"].flatMap { kind in
            Fixtures.cases("check/\(rule)/\(kind)").map { "\(rule)/\(kind)/\($0)" }
        }
    }

    /// A copy of the case with its rule folder's settings, every file an hour old (the cache
    /// keeps no entry for a file changed in the last seconds), and the arguments it is checked with.
    static func agedCopy(_ path: String) throws -> (TemporaryFolder, [String]) {
        let copy = try Fixtures.copy("check", path)
        let rule = Fixtures.folder("check", String(path.prefix { $0 != "/" }))
        for name in ["acme.toml", "pyproject.toml", "acme-scan.args"]
        where !FileManager.default.fileExists(atPath: copy.url.appendingPathComponent(name).path) {
            let shared = rule.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: shared.path) {
                try FileManager.default.copyItem(at: shared, to: copy.url.appendingPathComponent(name))
            }
        }
        let past = Date().addingTimeInterval(-3600)
        let enumerator = FileManager.default.enumerator(at: copy.url, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
        }
        let args = (try? String(contentsOf: copy.url.appendingPathComponent("acme-scan.args"), encoding: .utf8))?
            .split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        return (copy, args)
    }

    @Test(arguments: cases)
    func aGivenFileGetsTheFindingsOfAWholeTreeCheck(_ path: String) throws {
        let (copy, args) = try Self.agedCopy(path)
        let check = ["check", "--select", "ALL", "--format", "concise"] + args
        // The whole tree, which also fills the cache.
        let whole = try Run.process(Run.acmeScanBinary, check, in: copy.url)
        let files = (FileManager.default.enumerator(atPath: copy.url.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".py") && !$0.hasPrefix(".acme-scan-cache") }.sorted()
        for file in files {
            let given = try Run.process(Run.acmeScanBinary, check + [file], in: copy.url)
            let expected = whole.stdout.split(separator: "\n").filter { $0.hasPrefix(file + ":") }
            let found = given.stdout.split(separator: "\n").filter { !$0.hasPrefix("Found ") && !$0.hasPrefix("All checks") }
            #expect(found == expected, "\(path): \(file)")
            #expect(given.status == (expected.contains { $0.contains("[error]") } ? 1 : 0), "\(path): \(file)")
        }
    }
}
