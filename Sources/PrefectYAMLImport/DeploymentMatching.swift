import FlowDiscovery
import Foundation

/// Tells which flow and which environment each existing deployment is: the flow by
/// its entrypoint (resolved from a folder `prefect deploy` may run in; which one is
/// ``EntrypointResolution``'s call), the environment by an `env` tag or, failing that,
/// by the end of the deployment's name, or the one environment when there is only one.
struct DeploymentMatching {
    let flows: [Flow]
    /// In promotion order.
    let environments: [String]

    /// `env:prod`, `env=prod`, `environment:prod`, `stage=prod` (any case).
    static let environmentTagKeys = ["env", "environment", "stage"]

    /// The entrypoint as a path from the project root (`file.py:function`) when `prefect deploy`
    /// runs in `base`, and the flow found there, if any.
    func flow(_ written: String, from base: String) -> (target: String, flow: Flow?)? {
        let target: String
        if let colon = written.lastIndex(of: ":") {
            let path = Self.normalized(base, String(written[..<colon]))
            target = "\(path):\(written[written.index(after: colon)...])"
        } else {
            // The module form `package.module.function`, imported with the folder on sys.path.
            let parts = written.split(separator: ".").map(String.init)
            guard parts.count >= 2 else { return nil }
            let module = Self.normalized(base, parts.dropLast().joined(separator: "/"))
            let candidates = ["\(module).py:\(parts.last!)", "\(module)/__init__.py:\(parts.last!)"]
            target = candidates.first { candidate in flows.contains { $0.entrypoint == candidate } } ?? candidates[0]
        }
        return (target, flows.first { $0.entrypoint == target })
    }

    /// The environment the tags or the name say, or why it cannot be told.
    func environment(for deployment: ExistingDeployment) -> Result<String, ImportNote> {
        let byTag = Set(deployment.tags.compactMap(environment(inTag:)))
        let byName = environment(endingName: deployment.name)
        if byTag.count > 1 {
            return .failure(problem("deployment '\(deployment.name)' has tags for several environments: \(byTag.sorted().joined(separator: ", "))", deployment))
        }
        if let tagged = byTag.first {
            if let byName, byName != tagged {
                return .failure(problem("deployment '\(deployment.name)': its name says '\(byName)' and its tags '\(tagged)'", deployment))
            }
            return .success(tagged)
        }
        if let byName { return .success(byName) }
        // One environment (`--environments prod`): the deployments that name none are its own, as in
        // a repository that deploys one Prefect server and names deployments after what they do.
        // A tag naming an environment not in the list (`env:dev`) still refuses.
        let tagsNameAnother = deployment.tags.contains { tag in
            tag.firstIndex(where: { $0 == ":" || $0 == "=" }).map { Self.environmentTagKeys.contains(tag[..<$0].lowercased()) } ?? false
        }
        if environments.count == 1 && !tagsNameAnother { return .success(environments[0]) }
        return .failure(problem("cannot tell the environment of deployment '\(deployment.name)': its name does not end in "
            + "\(environments.map { "'\($0)'" }.joined(separator: ", ")) and no tag says env:<name>", deployment))
    }

    private func environment(inTag tag: String) -> String? {
        guard let separator = tag.firstIndex(where: { $0 == ":" || $0 == "=" }),
            Self.environmentTagKeys.contains(tag[..<separator].lowercased())
        else { return nil }
        let value = tag[tag.index(after: separator)...].lowercased()
        return environments.first { $0.lowercased() == value }
    }

    /// `etl-daily-prod`, `etl_daily.prod` or `prod` itself; the longest environment wins (`pre-prod` over `prod`).
    private func environment(endingName name: String) -> String? {
        let lowered = name.lowercased()
        return environments.sorted { $0.count > $1.count }.first { environment in
            let suffix = environment.lowercased()
            guard lowered.hasSuffix(suffix) else { return false }
            let rest = lowered.dropLast(suffix.count)
            return rest.isEmpty || rest.last.map { !$0.isLetter && !$0.isNumber } == true
        }
    }

    /// `folder/path` without `.` and `..` parts, relative to the project root.
    static func normalized(_ folder: String, _ path: String) -> String {
        var parts: [Substring] = []
        for part in (folder.isEmpty ? path : folder + "/" + path).split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", !parts.isEmpty { parts.removeLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    private func problem(_ message: String, _ deployment: ExistingDeployment, line: Int? = nil) -> ImportNote {
        ImportNote(.error, message, file: deployment.file, line: line ?? deployment.line)
    }
}
