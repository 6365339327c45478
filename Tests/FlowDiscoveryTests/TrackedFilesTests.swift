@testable import FlowDiscovery
import Foundation
import Testing
import TestSupport

/// In a git work tree, files git tracks are walked whatever `.gitignore` says
/// (git applies it to untracked files only); acme-scan's own rules still apply.
/// Every case builds a real repository in a temporary folder.
@Suite struct TrackedFilesTests {
    func walk(_ folder: URL, _ options: WalkOptions = WalkOptions()) -> [String] {
        FileWalker(root: folder, options: options).walk().files
    }

    @Test func gitAndTheWalkAgreeOnWhatGitignoreLeavesOut() throws {
        let folder = try Fixtures.copy("scan", "ignore-rules")
        let outsideGit = walk(folder.url)
        try Git.commitAll(in: folder.url)
        // `git add -A` left out what the fixture's .gitignore files name: nothing more is tracked.
        #expect(walk(folder.url) == outsideGit)
        #expect(!outsideGit.contains("build/out.py"))
    }

    @Test func trackedFilesAreWalkedThoughGitignoreMatchesThem() throws {
        let folder = try Fixtures.copy("scan", "ignore-rules")
        try Git.commitAll(in: folder.url)
        let before = walk(folder.url)
        // A file, a file in an ignored folder, and one a nested .gitignore names.
        try Git.run(["add", "-f", "my_scratch.py", "build/out.py", "sub/local_drop.py"], in: folder.url)
        #expect(walk(folder.url) == (before + ["build/out.py", "my_scratch.py", "sub/local_drop.py"]).sorted())
        try Git.run(["rm", "-q", "--cached", "build/out.py"], in: folder.url)
        #expect(!walk(folder.url).contains("build/out.py"))
    }

    /// The Astronomer layout: `dags` in .gitignore, the DAGs committed anyway.
    @Test func anIgnoredFolderIsEnteredForItsTrackedFilesOnly() throws {
        let folder = try TemporaryFolder()
        try folder.write(".gitignore", "dags\n!dags/scratch.py\n")
        try folder.write("dags/etl.py", "")
        try folder.write("dags/team/daily.py", "")
        try Git.commitAll(in: folder.url)
        try Git.run(["add", "-f", "dags/etl.py", "dags/team/daily.py"], in: folder.url)
        // Untracked: left out, like everything below a folder git ignores (a `!` line cannot bring it back).
        try folder.write("dags/scratch.py", "")
        try folder.write("dags/team/draft.py", "")
        try folder.write("dags/tmp/x.py", "")
        #expect(walk(folder.url) == ["dags/etl.py", "dags/team/daily.py"])
    }

    @Test func acmeignoreExcludeAndBuiltInSkipsStillLeaveTrackedFilesOut() throws {
        let folder = try TemporaryFolder()
        try folder.write(".acmeignore", "experiments/\n")
        for path in ["experiments/a.py", "tools/b.py", "node_modules/pkg/c.py", "venv/d.py", "kept.py"] {
            try folder.write(path, "")
        }
        try folder.write("venv/pyvenv.cfg", "home = /usr\n")
        try Git.commitAll(in: folder.url)
        try Git.run(["add", "-f", "experiments/a.py"], in: folder.url)
        #expect(walk(folder.url, WalkOptions(excludes: ["tools/"])) == ["kept.py"])
        #expect(walk(folder.url, WalkOptions(includes: ["experiments/a.py"])) == ["experiments/a.py", "kept.py", "tools/b.py"])
    }

    @Test func aSubfolderRootGetsPathsRelativeToIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("project/.gitignore", "generated/\n")
        try folder.write("project/generated/a.py", "")
        try folder.write("other/generated/b.py", "")
        try Git.commitAll(in: folder.url)
        try Git.run(["add", "-f", "project/generated/a.py"], in: folder.url)
        try folder.write("project/generated/untracked.py", "")
        #expect(walk(folder.url.appendingPathComponent("project")) == ["generated/a.py"])
    }

    /// A linked worktree's `.git` is a file naming the real git folder; git follows it.
    @Test func aLinkedWorktreeReadsItsOwnIndex() throws {
        let folder = try TemporaryFolder()
        try folder.write("main/.gitignore", "build/\n")
        try folder.write("main/build/out.py", "")
        try Git.commitAll(in: folder.url.appendingPathComponent("main"))
        try Git.run(["add", "-f", "build/out.py"], in: folder.url.appendingPathComponent("main"))
        try Git.run(["commit", "-q", "-m", "build"], in: folder.url.appendingPathComponent("main"))
        try Git.run(["worktree", "add", "-q", "../linked"], in: folder.url.appendingPathComponent("main"))
        #expect(walk(folder.url.appendingPathComponent("linked")) == ["build/out.py"])
    }

    @Test func aTrackedFileDeletedFromTheTreeIsNotReported() throws {
        let folder = try TemporaryFolder()
        try folder.write(".gitignore", "build/\n")
        try folder.write("build/gone.py", "")
        try folder.write("build/here.py", "")
        try Git.commitAll(in: folder.url)
        try Git.run(["add", "-f", "build"], in: folder.url)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("build/gone.py"))
        let result = FileWalker(root: folder.url).walk()
        #expect(result.files == ["build/here.py"])
        #expect(result.diagnostics.isEmpty)
    }

    /// git failing (here: a `.git` file naming no repository) leaves the walk as it is outside git.
    @Test func whenGitFailsTheWalkIsAsOutsideGit() throws {
        let folder = try TemporaryFolder()
        try folder.write(".git", "gitdir: /nonexistent/acme-scan-test\n")
        try folder.write(".gitignore", "build/\n")
        try folder.write("build/out.py", "")
        try folder.write("kept.py", "")
        let result = FileWalker(root: folder.url).walk()
        #expect(result.files == ["kept.py"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func theListingKeepsPythonFilesAndEveryFolderAboveThem() {
        let tracked = TrackedFiles(listing: Array("a/b/c.py\0a/b/c.py\0a/d.txt\0e.py\0f/g.pyc\0".utf8))
        #expect(tracked.files == ["a/b/c.py", "e.py"])
        #expect(tracked.folders == ["a", "a/b"])
    }
}
