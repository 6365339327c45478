import DeploymentGenerators
import FlowDiscovery
import Foundation

/// Reads branch, commit and remote with the `git` command. A folder that is
/// not a repository (or a machine without git) gives the "local" branch and
/// no commit or remote; a detached HEAD (as CI checks out) takes the branch
/// from GitHub Actions' variables when they are set.
enum GitReader {
    static func state(of folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> GitState {
        guard let commit = git(["rev-parse", "HEAD"], in: folder) else { return GitState(branch: GitState.unknownBranch) }
        var branch = git(["rev-parse", "--abbrev-ref", "HEAD"], in: folder) ?? "HEAD"
        if branch == "HEAD" {
            branch = [environment["GITHUB_HEAD_REF"], environment["GITHUB_REF_NAME"]].compactMap { $0 }.first { !$0.isEmpty }
                ?? "detached"
        }
        let remote = git(["remote", "get-url", "origin"], in: folder).map(GitState.httpsRemote)
        return GitState(branch: branch, commit: commit, remote: remote)
    }

    private static func git(_ arguments: [String], in folder: URL) -> String? {
        guard let output = GitCommand.run(arguments, in: folder.path) else { return nil }
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
