import DeploymentModel
import PythonSyntax

/// What applying would do to one deployment: Terraform's plan, per (flow, environment).
public struct PlanItem: Sendable {
    public enum Action: Sendable, Equatable {
        case create
        case update([FieldChange])
        case unchanged
        /// `--prune`: a deployment of this project whose flow is gone.
        case delete
    }

    public var flow: String
    public var deployment: String
    public var action: Action
    public var desired: DesiredDeployment?
    public var live: LiveDeployment?
}

public enum Planner {
    /// Matches desired deployments with live ones by name. With `prune`, live
    /// deployments of flows that `currentFlows` no longer holds are deleted.
    public static func plan(_ desired: [DesiredDeployment], live: [LiveDeployment], backend: any DeploymentBackend,
        prune: Bool, currentFlows: Set<String>) -> [PlanItem]
    {
        let liveByName = Dictionary(live.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var items = desired.map { wanted -> PlanItem in
            guard let existing = liveByName[wanted.name] else {
                return PlanItem(flow: wanted.flow, deployment: wanted.name, action: .create, desired: wanted, live: nil)
            }
            let changes = backend.changes(from: existing, to: wanted)
            return PlanItem(flow: wanted.flow, deployment: wanted.name, action: changes.isEmpty ? .unchanged : .update(changes),
                desired: wanted, live: existing)
        }
        if prune {
            for orphan in orphans(live, currentFlows: currentFlows) {
                items.append(PlanItem(flow: orphan.flow, deployment: orphan.name, action: .delete, desired: nil, live: orphan))
            }
        }
        return items.sorted { ($0.flow, $0.deployment) < ($1.flow, $1.deployment) }
    }

    /// Live deployments of the project whose flow no flow of the tree produces any more.
    public static func orphans(_ live: [LiveDeployment], currentFlows: Set<String>) -> [LiveDeployment] {
        live.filter { !currentFlows.contains($0.flow) }.sorted { $0.name < $1.name }
    }
}

extension FieldChange {
    /// `old -> new`, as the text plan prints it.
    public var summary: String {
        func show(_ value: JSONValue?) -> String { value.map { $0.serialized(indent: nil) } ?? "(unset)" }
        return "\(field): \(show(old)) -> \(show(new))"
    }
}
