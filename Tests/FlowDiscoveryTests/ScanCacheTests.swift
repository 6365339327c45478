@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// The scan cache must never change a result: every fixture scanned from the
/// cache gives the bytes of a fresh scan, and each thing an entry depends on
/// (the file, a module it follows, the set of files) invalidates it.
@Suite struct ScanCacheTests {
    static let cases = Fixtures.cases("scan")

    /// A copy of a fixture whose files all look an hour old, so the cache trusts them
    /// (entries for files changed in the last seconds are deliberately not stored).
    static func agedCopy(of name: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("acme-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.folder("scan", name), to: copy)
        // A cache left in the fixture by a scan run there by hand is not this test's.
        try? FileManager.default.removeItem(at: copy.appendingPathComponent(ScanCache.folderName))
        try age(copy)
        return copy
    }

    static func age(_ folder: URL, by seconds: TimeInterval = 3600) throws {
        let past = Date().addingTimeInterval(-seconds)
        try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.path)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
        }
    }

    static func write(_ text: String, to file: URL, age seconds: TimeInterval = 3600) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: file.path)
    }

    static func scan(_ folder: URL, cache: Bool = true, dagClasses: [String] = []) throws -> ScanResult {
        try FlowScanner(options: ScanOptions(detectors: FlowDetectors.all(dagClasses: dagClasses), useCache: cache))
            .scan(root: folder)
    }

    static func rendered(_ result: ScanResult) -> String {
        (result.flows.map(\.json) + result.diagnostics.map(\.json)).map { $0.serialized() }.joined(separator: "\n")
    }

    @Test(arguments: cases)
    func cachedScanEqualsFreshScan(_ name: String) throws {
        let folder = try Self.agedCopy(of: name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = try Self.scan(folder, cache: false)
        let cold = try Self.scan(folder)
        let warm = try Self.scan(folder)
        #expect(cold.filesFromCache == 0)
        #expect(warm.filesFromCache == warm.filesScanned)
        #expect(Fixtures.difference(Self.rendered(fresh), Self.rendered(cold)) == nil)
        #expect(Fixtures.difference(Self.rendered(fresh), Self.rendered(warm)) == nil)
        #expect(warm.suppressions == fresh.suppressions)
    }

    @Test func anEditedFileIsScannedAgain() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.scan(folder)
        let file = try #require(before.flows.first).file
        try Self.write("from prefect import flow\n\n@flow(name=\"renamed\")\ndef only():\n    pass\n",
            to: folder.appendingPathComponent(file), age: 1800)
        let after = try Self.scan(folder)
        #expect(after.filesFromCache == after.filesScanned - 1)
        #expect(after.flows.filter { $0.file == file }.map(\.name) == ["renamed"])
        #expect(Self.rendered(after) == Self.rendered(try Self.scan(folder, cache: false)))
    }

    @Test func aChangedImportedModuleInvalidatesItsImporter() throws {
        let folder = try Self.agedCopy(of: "airflow-cross-module-task")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.scan(folder)
        try Self.write("from airflow.sdk import task\n\n\n@task\ndef fetch():\n    return [1]\n\n\n@task(task_id=\"scrub\")\ndef clean(rows):\n    return rows\n",
            to: folder.appendingPathComponent("helpers/tasks.py"), age: 1800)
        let after = try Self.scan(folder)
        let tasks = try #require(after.flows.first?.metadata["airflow"]?["tasks"]?.arrayValue)
        #expect(tasks.compactMap { $0["task_id"]?.stringValue }.sorted() == ["fetch", "scrub"])
        #expect(Self.rendered(after) == Self.rendered(try Self.scan(folder, cache: false)))
    }

    /// The byte pre-filter rejected dags/team.py while TeamDAG was a plain class; it
    /// looked mylib/dags.py up to decide, so making TeamDAG a DAG class brings it back.
    @Test func aModuleThatBecomesADagClassInvalidatesItsImporters() throws {
        let folder = try Self.agedCopy(of: "airflow-subclass-module")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dags = folder.appendingPathComponent("mylib/dags.py")
        let original = try String(contentsOf: dags, encoding: .utf8)
        try Self.write(original.replacingOccurrences(of: "class TeamDAG(DAG):", with: "class TeamDAG:"), to: dags)
        let before = try Self.scan(folder)
        #expect(!before.flows.contains { $0.name == "team_pipeline" })
        try Self.write(original, to: dags, age: 1800)
        let after = try Self.scan(folder)
        #expect(after.flows.contains { $0.name == "team_pipeline" })
        #expect(after.flows.contains { $0.name == "team_nightly" }, "two modules away, through mylib/deep.py")
        #expect(Self.rendered(after) == Self.rendered(try Self.scan(folder, cache: false)))
    }

    @Test func dagClassesArePartOfTheCacheKey() throws {
        let folder = try Self.agedCopy(of: "airflow-dag-classes-option")
        defer { try? FileManager.default.removeItem(at: folder) }
        let configured = try Self.scan(folder, dagClasses: ["teamlib.dags.TeamDAG"])
        #expect(configured.flows.compactMap(\.name) == ["only_wrapper", "wrapped"])
        #expect(try Self.scan(folder).flows.isEmpty, "results computed with the setting are not reused without it")
        let warm = try Self.scan(folder, dagClasses: ["teamlib.dags.TeamDAG"])
        #expect(warm.filesFromCache == warm.filesScanned)
        #expect(Self.rendered(warm) == Self.rendered(configured))
    }

    @Test func aNewModuleInvalidatesFilesThatLookedItUp() throws {
        let folder = try Self.agedCopy(of: "airflow-cross-module-task")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("helpers"))
        let before = try Self.scan(folder)
        #expect(before.flows.first?.metadata["airflow"]?["tasks"]?.arrayValue?.count != 2)
        let helpers = try String(contentsOf: Fixtures.folder("scan", "airflow-cross-module-task")
            .appendingPathComponent("helpers/tasks.py"), encoding: .utf8)
        try Self.write(helpers, to: folder.appendingPathComponent("helpers/tasks.py"))
        try Self.write("", to: folder.appendingPathComponent("helpers/__init__.py"))
        let after = try Self.scan(folder)
        #expect(Self.rendered(after) == Self.rendered(try Self.scan(folder, cache: false)))
        #expect(after.flows.first?.metadata["airflow"]?["tasks"]?.arrayValue?.count == 2)
    }

    @Test func aNewFileWithADuplicateIsSeen() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.scan(folder)
        try Self.write("from prefect import flow\n\n@flow\ndef added():\n    pass\n", to: folder.appendingPathComponent("added.py"))
        let after = try Self.scan(folder)
        #expect(after.flows.count == before.flows.count + 1)
        #expect(after.filesFromCache == before.filesScanned)
    }

    /// Tracking a file .gitignore names brings it into the walk, untracking takes it out: no stale reuse.
    @Test func aFileNewlyTrackedOrUntrackedIsSeen() throws {
        let folder = try Self.agedCopy(of: "ignore-rules")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Git.commitAll(in: folder)
        let before = try Self.scan(folder)
        #expect(!before.flows.contains { $0.file == "build/out.py" })
        try Git.run(["add", "-f", "build/out.py"], in: folder)
        let tracked = try Self.scan(folder)
        #expect(tracked.flows.contains { $0.file == "build/out.py" })
        #expect(tracked.filesFromCache == before.filesScanned)
        #expect(Self.rendered(tracked) == Self.rendered(try Self.scan(folder, cache: false)))
        try Git.run(["rm", "-q", "--cached", "build/out.py"], in: folder)
        let untracked = try Self.scan(folder)
        #expect(Self.rendered(untracked) == Self.rendered(before))
        #expect(untracked.filesFromCache == untracked.filesScanned)
    }

    @Test func aFileChangedJustNowIsNotTrusted() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try #require(try Self.scan(folder, cache: false).flows.first).file
        // Written now: a second edit within the clock's granularity could keep size and mtime.
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            .write(to: folder.appendingPathComponent(file), atomically: false, encoding: .utf8)
        _ = try Self.scan(folder)
        let again = try Self.scan(folder)
        #expect(again.filesFromCache == again.filesScanned - 1)
    }

    @Test func aCorruptOrUnwritableCacheOnlyCostsTime() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = Self.rendered(try Self.scan(folder, cache: false))
        _ = try Self.scan(folder)
        let cacheFolder = folder.appendingPathComponent(ScanCache.folderName)
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).filter { $0.hasSuffix(".bin") }
        #expect(files.count == 1)
        for name in files {
            let file = cacheFolder.appendingPathComponent(name)
            let good = try Data(contentsOf: file)
            // Every result's JSON broken, then the table cut short, then offsets pointing past the end.
            var garbled = good
            for index in stride(from: good.count / 2, to: good.count, by: 7) { garbled[index] = UInt8(ascii: "}") }
            try garbled.write(to: file)
            #expect(Self.rendered(try Self.scan(folder)) == expected)
            try good.prefix(60).write(to: file)
            #expect(Self.rendered(try Self.scan(folder)) == expected)
            var pointingOut = good
            for index in 48..<min(good.count, 48 + 56) { pointingOut[index] = 0xFF }
            try pointingOut.write(to: file)
            #expect(Self.rendered(try Self.scan(folder)) == expected)
        }
        try FileManager.default.removeItem(at: cacheFolder)
        try "not a folder".write(to: cacheFolder, atomically: true, encoding: .utf8)
        let blocked = try Self.scan(folder)
        #expect(Self.rendered(blocked) == expected)
        #expect(blocked.filesFromCache == 0)
    }

    /// `check FILE`'s path: the given files' results, and the other files' summaries while their entries hold.
    @Test func aScanOfGivenFilesReadsTheOthersSummaries() throws {
        let folder = try Self.agedCopy(of: "multi-file-tree")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scanner = FlowScanner(options: ScanOptions(useCache: true))
        let full = try scanner.scan(root: folder)
        let files = full.flows.map(\.file)
        let given = try #require(files.first)
        let partial = try #require(try scanner.scan(root: folder, onlyFiles: [given]))
        #expect(partial.result.flows == full.flows.filter { $0.file == given })
        // The stand-ins carry what the repo-wide rules read: kind, name, place, id, registration, test code.
        let others = full.flows.filter { $0.file != given }
        #expect(partial.otherFlows.map(\.id) == others.map(\.id))
        #expect(partial.otherFlows.map(\.name) == others.map(\.name))
        #expect(partial.otherFlows.map(\.line) == others.map(\.line))
        #expect(partial.otherFlows.map { $0.metadata["airflow"]?["registered"] } == others.map { $0.metadata["airflow"]?["registered"] })
        // The given file changed: scanned again, the others still summaries.
        try Self.write(try String(contentsOf: folder.appendingPathComponent(given), encoding: .utf8) + "\n# edited\n",
            to: folder.appendingPathComponent(given))
        #expect(try scanner.scan(root: folder, onlyFiles: [given])?.result.filesParsed == 1)
        // Another file changed: only a full scan can tell.
        if let other = others.first?.file {
            try Self.write(try String(contentsOf: folder.appendingPathComponent(other), encoding: .utf8) + "\n# edited\n",
                to: folder.appendingPathComponent(other))
            #expect(try scanner.scan(root: folder, onlyFiles: [given]) == nil)
        }
        // A folder, or a file the walk does not keep, is not a given file.
        #expect(try scanner.scan(root: folder, onlyFiles: ["missing.py"]) == nil)
    }

    /// An unchanged tree answers with the output the last scan recorded; any change, none.
    @Test func anUnchangedTreeHasTheOutputItLastWrote() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scanner = FlowScanner(options: ScanOptions(useCache: true))
        #expect(try scanner.unchangedOutput(root: folder) == nil)
        let record = ScanCache.OutputRecord(path: "/x/flows.json", format: "manifest", stamp: "1 2 3 4", summary: ["files": 3])
        _ = try scanner.scan(root: folder, output: { _ in record })
        #expect(try scanner.unchangedOutput(root: folder) == record)
        let file = try #require(FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
            .first { $0.hasSuffix(".py") && !$0.hasPrefix(".") })
        try Self.write("# new\n", to: folder.appendingPathComponent(file))
        #expect(try scanner.unchangedOutput(root: folder) == nil)
    }

    /// The walk is kept with the cache and reused while nothing it read changed: each change
    /// below must make the next scan walk again, and find what a fresh scan finds.
    @Test func theKeptWalkIsRedoneWhenAnythingItReadChanges() throws {
        // In a git work tree, as projects are: the evidence search stops at its root (outside git
        // it reaches `/`, and the temporary folder's parent changes all the time).
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Git.run(["init", "-q"], in: folder)
        let dag = "from airflow.sdk import DAG\n\nwith DAG('d', schedule_interval='@daily'):\n    pass\n"
        try Self.write(dag, to: folder.appendingPathComponent("deep/dags/d.py"))
        // Everything an hour old, then a scan that keeps the walk: the next scan reuses it.
        func settle() throws {
            try Self.age(folder)
            _ = try Self.scan(folder)
            #expect(try Self.scan(folder).walkFromCache)
        }
        func expectWalkedAgain(_ change: String) throws {
            let fresh = try Self.scan(folder, cache: false)
            let changed = try Self.scan(folder)
            #expect(!changed.walkFromCache, "\(change): walked again")
            #expect(Fixtures.difference(Self.rendered(fresh), Self.rendered(changed)) == nil, "\(change)")
            try settle()
        }
        // The first scan makes `.acme-scan-cache` in the root, which changes the root's stamp.
        _ = try Self.scan(folder)
        try settle()
        // A new file deep down: its folder's stamp changes.
        try Self.write("from prefect import flow\n\n@flow\ndef more(): pass\n", to: folder.appendingPathComponent("deep/dags/more.py"))
        try expectWalkedAgain("a new file")
        // An ignore file edited in place (its folder's stamp stays; its own changes).
        try Self.write("more.py\n", to: folder.appendingPathComponent("deep/.gitignore"))
        try settle()
        try Self.write("d.py\n", to: folder.appendingPathComponent("deep/.gitignore"), age: 1800)
        try expectWalkedAgain("an edited .gitignore")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("deep/.gitignore"))
        try settle()
        // The Airflow pin: the DAG is read for Airflow 2, then 3 (schedule_interval fails there).
        try Self.write("apache-airflow==2.10.5\n", to: folder.appendingPathComponent("requirements.txt"))
        try expectWalkedAgain("a new pin")
        #expect(try !Self.scan(folder).diagnostics.contains { $0.code == .airflowRemovedArgument })
        try Self.write("apache-airflow==3.0.2\n", to: folder.appendingPathComponent("requirements.txt"), age: 1800)
        try expectWalkedAgain("an edited pin")
        #expect(try Self.scan(folder).diagnostics.contains { $0.code == .airflowRemovedArgument })
        // git's index: an ignored file becomes tracked (git scans it, ignore lines or not).
        try Self.write("more.py\n", to: folder.appendingPathComponent("deep/.gitignore"))
        try settle()
        #expect(try !Self.scan(folder).flows.contains { $0.file == "deep/dags/more.py" })
        try Git.run(["add", "-f", "deep/dags/more.py"], in: folder)
        try expectWalkedAgain("a file tracked by git")
        #expect(try Self.scan(folder).flows.contains { $0.file == "deep/dags/more.py" })
        // A file removed.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("deep/dags/d.py"))
        try expectWalkedAgain("a removed file")
    }

    @Test func theCacheFolderIsIgnoredByGitAndTheWalk() throws {
        let folder = try Self.agedCopy(of: "example-etl")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.scan(folder)
        let cacheFolder = folder.appendingPathComponent(ScanCache.folderName)
        #expect(try String(contentsOf: cacheFolder.appendingPathComponent(".gitignore"), encoding: .utf8).contains("\n*\n"))
        try Self.write("from prefect import flow\n\n@flow\ndef hidden():\n    pass\n", to: cacheFolder.appendingPathComponent("x.py"))
        #expect(try Self.scan(folder, cache: false).flows.allSatisfy { !$0.file.hasPrefix(ScanCache.folderName) })
    }

    /// The tree's digest is taken path by path, and must be the digest of the paths joined by line
    /// breaks (FNV-1a's known value for "a" shows the function is FNV-1a, 64-bit).
    @Test func theTreeDigestIsThatOfThePathsJoined() {
        #expect(ScanCache.digest64("a") == 0xaf63_dc4c_8601_ec8c)
        for paths in [[], [""], ["a"], ["a", "b"], ["dags/é.py", "", "x/y.py"]] {
            #expect(ScanCache.digest64(lines: paths) == ScanCache.digest64(paths.joined(separator: "\n")), "\(paths)")
        }
    }
}
