import Deployer
import DeploymentModel
import Foundation
import PythonSyntax

/// `--format` of deploy, promote and rollback.
public enum DeployOutputFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// The last steps deploy, promote and rollback share: read what the backend
/// holds, plan against it, and either print the plan (`--dry-run`) or apply it
/// and print each result. The exit code: 0 when everything was applied (or
/// nothing needed to be), 1 when something failed (each result says what).
struct Rollout {
    var backend: any DeploymentBackend
    var desired: [DesiredDeployment]
    var project: String
    /// Flows the tree holds, so that `--prune` knows which deployments are orphans.
    var currentFlows: Set<String>
    var prune: Bool
    /// `--force`: move an Airflow environment branch that is not a fast-forward.
    var force = false
    var dryRun: Bool
    var format: DeployOutputFormat
    /// Nil for a dry run, which journals nothing (and opens no registry for a server's backend).
    var journal: JournalContext?

    func run(output: (String) -> Void, log: Log) async throws -> Int32 {
        let environment = backend.environment.name
        let live: [LiveDeployment]
        do {
            live = try await backend.deployments(project: project)
        } catch {
            log.write("acme-scan: \(error)")
            return 1
        }
        let plan = plan(against: live)
        guard !dryRun, let journal else {
            output(dryRunReport(plan))
            return 0
        }
        let changing = plan.filter { $0.action != .unchanged && $0.action != .delete }.compactMap(\.desired)
        if !changing.isEmpty {
            let problems: [String]
            do {
                problems = try await backend.preflight(changing)
            } catch {
                log.write("acme-scan: \(error)")
                return 1
            }
            if !problems.isEmpty {
                for problem in problems { log.write("acme-scan: \(problem)") }
                throw AcmeError.usage("\(problems.count) problem\(problems.count == 1 ? "" : "s") in '\(environment)'; nothing deployed")
            }
        }
        let results = await backend.applyPlan(plan, options: ApplyOptions(prune: prune, force: force), journal: journal) { log.write($0) }
        output(DeployReport.results(results, environment: environment, format: format))
        let failed = results.filter { $0.action == .failed }
        if !failed.isEmpty {
            let applied = results.count - failed.count
            log.write("acme-scan: \(failed.count) of \(results.count) failed in '\(environment)' (\(applied) applied); run the command again to converge")
            return 1
        }
        return 0
    }
}

extension Rollout {
    /// What applying would do, given what the backend holds.
    func plan(against live: [LiveDeployment]) -> [PlanItem] {
        Planner.plan(desired, live: live, backend: backend, prune: prune, currentFlows: currentFlows)
    }

    /// What `--dry-run` prints.
    func dryRunReport(_ plan: [PlanItem]) -> String {
        DeployReport.plan(plan, environment: backend.environment.name, publication: backend.publication, format: format)
    }
}

/// How plans and results are printed: a line each in text, or the documented JSON
/// (docs/deploy.schema.json).
enum DeployReport {
    static func results(_ results: [DeployResult], environment: String, format: DeployOutputFormat) -> String {
        switch format {
        case .json:
            let items: [JSONValue] = results.map { result in
                .object([
                    "flow": .string(result.flow), "deployment": .string(result.deployment), "action": .string(result.action.rawValue),
                    "commit": .string(result.commit), "version": .string(result.version), "error": result.error.map(JSONValue.string) ?? .null,
                    "url": result.url.map(JSONValue.string) ?? .null,
                ])
            }
            return JSONValue.object(["environment": .string(environment), "results": .array(items)]).serialized() + "\n"
        case .text:
            if results.isEmpty { return "\(environment): nothing to deploy\n" }
            return results.map { result in
                var line = "\(result.action.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(environment)  \(result.deployment)  \(result.version)"
                if let error = result.error { line += "\n          \(error)" }
                return line
            }.joined(separator: "\n") + "\n"
        }
    }

    /// `publication`: what a backend that ships files publishes; said when the plan changes something.
    static func plan(_ plan: [PlanItem], environment: String, publication: Publication? = nil, format: DeployOutputFormat) -> String {
        let publishes = plan.contains { $0.action != .unchanged && $0.action != .delete } ? publication : nil
        switch format {
        case .json:
            let items: [JSONValue] = plan.map { item in
                var object: [String: JSONValue] = [
                    "flow": .string(item.flow), "deployment": .string(item.deployment), "action": .string(item.action.name),
                    "commit": .string(item.desired?.release.commit ?? item.live?.commit ?? ""),
                    "version": .string(item.desired?.fields.version ?? item.live?.version ?? ""),
                ]
                if case .update(let changes) = item.action {
                    object["changes"] = .array(changes.map { .object(["field": .string($0.field), "old": $0.old ?? .null, "new": $0.new ?? .null]) })
                }
                return .object(object)
            }
            var report: [String: JSONValue] = ["environment": .string(environment), "dry_run": true, "plan": .array(items)]
            if let publishes {
                report["publishes"] = ["source": publishes.source.map(JSONValue.string) ?? .null, "target": .string(publishes.target),
                    "reason": .string(publishes.reason)]
            }
            return JSONValue.object(report).serialized() + "\n"
        case .text:
            if plan.isEmpty { return "\(environment): nothing to deploy\n" }
            var lines: [String] = []
            if let publishes { lines.append("publishes \(environment)  \(publishes.summary)") }
            for item in plan {
                lines.append("\(item.action.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(environment)  \(item.deployment)")
                if case .update(let changes) = item.action { lines += changes.map { "          \($0.summary)" } }
            }
            let counts = ["create", "update", "unchanged", "delete"].map { name in "\(plan.filter { $0.action.name == name }.count) \(name)" }
            lines.append("plan: " + counts.joined(separator: ", ") + " (dry run: nothing changed)")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

extension PlanItem.Action {
    var name: String {
        switch self {
        case .create: "create"
        case .update: "update"
        case .unchanged: "unchanged"
        case .delete: "delete"
        }
    }
}
