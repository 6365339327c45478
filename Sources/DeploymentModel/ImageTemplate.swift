/// `image` may name the release: `ghcr.io/org/app:{short_commit}` is expanded when
/// the deployment is computed, so one setting names the image built for each commit.
public enum ImageTemplate {
    public static let placeholders = ["{commit}", "{short_commit}", "{branch}"]

    public static func expand(_ template: String, git: GitState) -> Result<String, Message> {
        var image = template
        if image.contains("{commit}") || image.contains("{short_commit}") {
            guard let commit = git.commit, let short = git.shortCommit else {
                return .failure(Message("'\(template)' names the commit, but there is none (not a git repository, or no commit yet)"))
            }
            image = image.replacingOccurrences(of: "{commit}", with: commit).replacingOccurrences(of: "{short_commit}", with: short)
        }
        // Docker tags may not hold '/': a branch such as feature/x is written feature-x.
        image = image.replacingOccurrences(of: "{branch}", with: git.branch.replacingOccurrences(of: "/", with: "-"))
        if let open = image.firstIndex(of: "{"), image[open...].contains("}") {
            return .failure(Message("'\(template)' holds an unknown placeholder; use \(placeholders.joined(separator: ", "))"))
        }
        return .success(image)
    }

    public struct Message: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ text: String) { description = text }
    }
}
