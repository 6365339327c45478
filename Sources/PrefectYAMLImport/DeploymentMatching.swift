import FlowDiscovery
import Foundation

/// Tells which flow and which environment each existing deployment is: the flow by
/// its entrypoint (resolved from the folder `prefect deploy` runs in), the environment
/// by an `env` tag or, failing that, by the end of the deployment's name.
struct DeploymentMatching {
    let flows: [Flow]
    /// In promotion order.
    let environments: [String]

    /// `env:prod`, `env=prod`, `environment:prod`, `stage=prod` (any case).
    static let environmentTagKeys = ["env", "environment", "stage"]

    /// The flow the entrypoint names, or why there is none.
    func flow(for deployment: ExistingDeployment) -> Result<Flow, ImportNote> {
        let written = deployment.entrypoint
        let target: String
        if let colon = written.lastIndex(of: ":") {
            let path = Self.normalized(deployment.folder, String(written[..<colon]))
            target = "\(path):\(written[written.index(after: colon)...])"
        } else {
            // The module form `package.module.function`, imported with the folder on sys.path.
            let parts = written.split(separator: ".").map(String.init)
            guard parts.count >= 2 else { return .failure(problem("entrypoint '\(written)' names no file (file.py:function)", deployment)) }
            let module = Self.normalized(deployment.folder, parts.dropLast().joined(separator: "/"))
            let candidates = ["\(module).py:\(parts.last!)", "\(module)/__init__.py:\(parts.last!)"]
            target = candidates.first { candidate in flows.contains { $0.entrypoint == candidate } } ?? candidates[0]
        }
        if let flow = flows.first(where: { $0.entrypoint == target }) { return .success(flow) }
        return .failure(problem("deployment '\(deployment.name)': entrypoint '\(written)' (\(target) from the project root) is no flow "
            + "acme-scan found with a static name; run `acme-scan scan` to see the flows", deployment, line: deployment.entrypointLine))
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
