import DeploymentModel
import FlowDiscovery
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// `.acme_portal_sdk/static_flow_deploy_config.yaml` for teams still on the
/// acme-portal SDK. Its format has no environments and one cron string per
/// flow, so it is written from the first Prefect environment (in promotion
/// order), and flows whose schedule is not one cron get no `cron` (with a
/// warning). Keys are the SDK's `FlowDetails.name` (underscores).
public struct AcmePortalConfigGenerator: DeploymentGenerator {
    public static let path = ".acme_portal_sdk/static_flow_deploy_config.yaml"

    public init() {}

    public func generate(_ input: GenerationInput) -> GenerationOutput {
        var output = GenerationOutput()
        guard let environment = input.environments.first(where: { $0.backend == .prefect }) else { return output }
        let (flows, problems) = DeployableFlows.select(.prefect, from: input.flows)
        output.problems += problems.filter { $0.severity == .error }
        var entries: [(String, YAMLNode)] = []
        for flow in flows {
            let settings = input.configuration.settings(forFlow: flow.name!, in: environment)
            if settings.deploy == false { continue }
            let key = DeploymentNaming.underscored(flow.name!)
            var fields: [(String, YAMLNode)] = [
                ("name", .scalar(.string(key))),
                ("import_path", .scalar(.string(importPath(flow)))),
            ]
            let schedules = settings.schedules ?? []
            if schedules.count == 1, case .cron(let expression) = schedules[0].rule {
                fields.append(("cron", .scalar(.string(expression))))
            } else if !schedules.isEmpty {
                output.problems.append(ConfigProblem(.warning,
                    "the acme-portal config holds one cron per flow: '\(flow.name!)' is written without a schedule",
                    path: input.configuration.path, at: input.configuration.flows[flow.name!]?.location ?? environment.location))
            }
            if let description = settings.description ?? flow.description { fields.append(("description", .scalar(.string(description)))) }
            if let pool = settings.workPool { fields.append(("work_pool_name", .scalar(.string(pool)))) }
            if let queue = settings.workQueue { fields.append(("work_queue_name", .scalar(.string(queue)))) }
            fields.append(("parameters", YAMLNode(.object(DeployableFlows.parameters(settings, for: flow)))))
            fields.append(("paused", .scalar(.bool(settings.paused ?? false))))
            fields.append(("concurrency_limit", .scalar(.int(settings.concurrencyLimit ?? 1))))
            entries.append((key, .mapping(fields)))
        }
        output.files.append(input.yamlFile(Self.path, .mapping(entries.sorted { $0.0 < $1.0 })))
        return output
    }

    /// `package.module:function`, the SDK's documented form (it does not read it).
    private func importPath(_ flow: Flow) -> String {
        var parts = flow.file.dropLast(3).split(separator: "/").map(String.init)
        if parts.last == "__init__" { parts.removeLast() }
        return parts.joined(separator: ".") + ":" + flow.function
    }
}
