/// The tags that carry a release on a Prefect deployment: acme-portal's four
/// (its finder reads them back), and acme-scan's own, which scope a project's
/// deployments per environment and keep the full commit SHA (`COMMIT_HASH`
/// holds the short one, as acme-portal writes it). acme-portal's finder reads a
/// tag by the first that *contains* its key, so acme-scan's keys contain none of them.
public enum ReleaseTags {
    public static let project = "PROJECT_NAME"
    public static let branch = "BRANCH_NAME"
    public static let shortCommit = "COMMIT_HASH"
    public static let packageVersion = "PACKAGE_VERSION"
    public static let environment = "ACME_ENV"
    public static let commit = "ACME_COMMIT"

    public static func tags(project: String, git: GitState, packageVersion: String, environment: String) -> [String] {
        var tags = ["\(Self.project)=\(project)", "\(branch)=\(git.branch)", "\(shortCommit)=\(git.shortCommit ?? "unknown")",
            "\(Self.packageVersion)=\(packageVersion)", "\(Self.environment)=\(environment)"]
        if let commit = git.commit { tags.append("\(Self.commit)=\(commit)") }
        return tags
    }

    /// The tags that select one project's deployments in one environment.
    public static func scope(project: String, environment: String) -> [String] {
        ["\(Self.project)=\(project)", "\(Self.environment)=\(environment)"]
    }

    /// The value of `key=` among `tags`.
    public static func value(_ key: String, in tags: [String]) -> String? {
        tags.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}
