import PythonSyntax

/// Prefect stores pull steps without running them, so a bad one fails only when a
/// worker starts a run; acme-scan checks what it can before shipping.
public enum PullSteps {
    public static func problem(_ steps: [JSONValue]) -> String? {
        for step in steps {
            guard let clone = step["prefect.deployments.steps.git_clone"] else { continue }
            if clone["branch"] != nil && clone["commit_sha"] != nil {
                return "git_clone takes a branch or a commit_sha, not both (Prefect raises ValueError when a run starts)"
            }
            if let sha = clone["commit_sha"]?.stringValue,
                sha.count < 4 || sha.count > 64 || !sha.allSatisfy(\.isHexDigit)
            {
                return "git_clone's commit_sha '\(sha)' is not 4 to 64 hexadecimal digits"
            }
            if clone["repository"]?.stringValue == nil { return "git_clone needs a repository" }
        }
        return nil
    }
}
