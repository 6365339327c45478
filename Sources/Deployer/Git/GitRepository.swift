import DeploymentModel
import FlowDiscovery
import Foundation

/// The git repository a project lives in, through the `git` command: what is
/// committed, where it is pushed, and the tree of any commit, read from git's
/// objects without touching the working tree (promote and rollback build from it).
public struct GitRepository: Sendable {
    /// The work tree's top level.
    public let top: URL

    /// The repository holding `folder`, or nil outside git (or without git).
    public init?(containing folder: URL) {
        guard let top = Self.run(["rev-parse", "--show-toplevel"], in: folder) else { return nil }
        self.top = URL(fileURLWithPath: top).standardizedFileURL
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Branch, commit and remote; a detached HEAD (as CI checks out) takes the branch
    /// from GitHub Actions' variables when they are set.
    public static func state(of folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> GitState {
        guard let commit = run(["rev-parse", "HEAD"], in: folder) else { return GitState(branch: GitState.unknownBranch) }
        var branch = run(["rev-parse", "--abbrev-ref", "HEAD"], in: folder) ?? "HEAD"
        if branch == "HEAD" {
            branch = [environment["GITHUB_HEAD_REF"], environment["GITHUB_REF_NAME"]].compactMap { $0 }.first { !$0.isEmpty }
                ?? "detached"
        }
        let remote = run(["remote", "get-url", "origin"], in: folder).map(GitState.httpsRemote)
        return GitState(branch: branch, commit: commit, remote: remote)
    }

    /// Of `paths` (relative to `folder`), those with changes git has not committed,
    /// untracked files included.
    public func uncommitted(_ paths: [String], in folder: URL) -> [String] {
        guard !paths.isEmpty else { return [] }
        let output = Self.run(["status", "--porcelain", "--untracked-files=all", "--"] + paths, in: folder, trim: false) ?? ""
        return output.split(separator: "\n").map { line in
            let path = String(line.dropFirst(3))
            return path.hasPrefix("\"") ? String(path.dropFirst().dropLast()) : path
        }.sorted()
    }

    /// Whether some remote-tracking branch holds `commit`: otherwise a worker cannot clone it.
    public func isPushed(_ commit: String) -> Bool {
        !(Self.run(["branch", "-r", "--contains", commit], in: top) ?? "").isEmpty
    }

    /// The full SHA of a commit named by a prefix, a branch or a tag.
    public func resolve(_ name: String) -> String? {
        Self.run(["rev-parse", "--verify", "--quiet", name + "^{commit}"], in: top)
    }

    /// Whether `ancestor` comes before `descendant` in history.
    public func isAncestor(_ ancestor: String, of descendant: String) -> Bool {
        ancestor != descendant && Self.status(["merge-base", "--is-ancestor", ancestor, descendant], in: top) == 0
    }

    /// `name <email>` as git would sign a commit (GIT_AUTHOR_NAME and friends, then
    /// its config), else the login name.
    public static func user(in folder: URL) -> String {
        if let ident = run(["var", "GIT_AUTHOR_IDENT"], in: folder), let close = ident.lastIndex(of: ">") {
            return String(ident[...close])
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// Writes the tree of `commit` into a new temporary folder and returns the
    /// folder that corresponds to `projectFolder` in it. The caller removes `root`.
    public func exportTree(of commit: String, projectFolder: URL) throws -> (root: URL, project: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("acme-scan-tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        do {
            try archive(commit, into: root)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
        let relative = relativePath(of: projectFolder)
        return (root, relative.isEmpty ? root : root.appendingPathComponent(relative))
    }

    /// Writes the project folder's tree at `commit` into `destination` (an existing, empty
    /// folder), from git's objects: what a dags-folder release holds.
    public func extractProject(at commit: String, projectFolder: URL, into destination: URL) throws {
        let relative = relativePath(of: projectFolder)
        try archive(relative.isEmpty ? commit : "\(commit):\(relative)", into: destination, commit: commit)
    }

    private func relativePath(of folder: URL) -> String {
        String(folder.standardizedFileURL.path.dropFirst(top.path.count).drop { $0 == "/" })
    }

    /// `git archive TREEISH | tar -x -C destination`: git's objects only, so the working
    /// tree and the index stay as they are.
    private func archive(_ treeish: String, into destination: URL, commit: String? = nil) throws {
        let archive = Process()
        archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        archive.arguments = ["git", "-C", top.path, "archive", "--format=tar", treeish]
        let extract = Process()
        extract.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        extract.arguments = ["tar", "-x", "-C", destination.path]
        let pipe = Pipe()
        archive.standardOutput = pipe
        archive.standardError = FileHandle.nullDevice
        extract.standardInput = pipe
        extract.standardError = FileHandle.nullDevice
        do {
            try archive.run()
            try extract.run()
        } catch {
            throw Failure(description: "cannot run git archive: \(error)")
        }
        archive.waitUntilExit()
        extract.waitUntilExit()
        guard archive.terminationStatus == 0, extract.terminationStatus == 0 else {
            throw Failure(description: "cannot read the tree of commit \(commit ?? treeish) (git archive exited \(archive.terminationStatus))")
        }
    }

    // MARK: Environment branches (a GitDagBundle's tracking branch)

    /// The commit `branch` holds in `repository` (a URL or path), nil when it has no such branch.
    public func remoteBranch(_ branch: String, in repository: String) throws -> String? {
        guard let output = Self.run(["ls-remote", "--heads", repository, "refs/heads/\(branch)"], in: top, trim: true) else {
            if Self.status(["ls-remote", "--exit-code", "--heads", repository], in: top) == 0 { return nil }
            // An empty repository answers nothing, with success; an unreachable one fails.
            if Self.status(["ls-remote", repository], in: top) == 0 { return nil }
            throw Failure(description: "cannot read the git repository \(repository) (git ls-remote failed)")
        }
        return output.split(separator: "\t").first.map(String.init)
    }

    /// Whether this repository has `commit`'s object (else fetch it to compare history).
    public func hasCommit(_ commit: String) -> Bool {
        Self.status(["cat-file", "-e", "\(commit)^{commit}"], in: top) == 0
    }

    /// Fetches `branch` of `repository` into FETCH_HEAD only: no local branch moves.
    public func fetch(_ branch: String, from repository: String) -> Bool {
        Self.status(["fetch", "--quiet", "--no-tags", repository, "refs/heads/\(branch)"], in: top) == 0
    }

    /// Sets `branch` of `repository` to `commit` (`force`: even when that is not a fast-forward).
    public func push(_ commit: String, to repository: String, branch: String, force: Bool) -> Bool {
        Self.status(["push", "--quiet"] + (force ? ["--force"] : []) + [repository, "\(commit):refs/heads/\(branch)"], in: top) == 0
    }

    static func run(_ arguments: [String], in folder: URL, trim: Bool = true) -> String? {
        guard let bytes = GitCommand.run(arguments, in: folder.path) else { return nil }
        let output = String(decoding: bytes, as: UTF8.self)
        let text = trim ? output.trimmingCharacters(in: .whitespacesAndNewlines) : output
        return text.isEmpty ? nil : text
    }

    static func status(_ arguments: [String], in folder: URL) -> Int32 { GitCommand.run(arguments, in: folder.path) == nil ? 1 : 0 }
}
