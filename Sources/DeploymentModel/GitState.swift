/// What the generated files record of the repository: the branch being
/// deployed, the commit, and where workers clone it from.
public struct GitState: Sendable, Equatable {
    public var branch: String
    /// The full SHA, when the folder is a git repository with a commit.
    public var commit: String?
    /// The remote's URL in https form, when the repository has a remote.
    public var remote: String?

    public init(branch: String, commit: String? = nil, remote: String? = nil) {
        self.branch = branch
        self.commit = commit
        self.remote = remote
    }

    /// The branch when nothing else is known: no git, or a detached HEAD without --branch.
    public static let unknownBranch = "local"

    /// Seven characters, as `git log --oneline` shows them.
    public var shortCommit: String? { commit.map { String($0.prefix(7)) } }

    /// `git@github.com:acme/etl.git` → `https://github.com/acme/etl.git`: workers
    /// clone over https (with an access token), and the file then reads the same
    /// whether it was generated on a laptop with an ssh remote or in CI.
    public static func httpsRemote(_ url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("git@"), let colon = text.firstIndex(of: ":") {
            let host = text[text.index(text.startIndex, offsetBy: 4)..<colon]
            text = "https://\(host)/\(text[text.index(after: colon)...])"
        } else if text.hasPrefix("ssh://git@") {
            text = "https://" + text.dropFirst("ssh://git@".count)
        }
        // Credentials embedded in the URL never belong in a generated file.
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@"),
            !text[scheme.upperBound..<at].contains("/")
        {
            text = String(text[..<scheme.upperBound]) + text[text.index(after: at)...]
        }
        return text
    }
}

import Foundation
