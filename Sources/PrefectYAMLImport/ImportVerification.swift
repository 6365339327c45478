import DeploymentModel
import FlowDiscovery
import Foundation
import ProjectConfiguration
import PythonSyntax

/// Reads the acme.toml the import would write back through the settings model and the
/// desired state, exactly as `generate` will, and compares every deployment with the one
/// it came from. What differs is an error (nothing is written): the import's promise is
/// that production does not change, so it is checked, not assumed. acme-scan's own
/// additions (its release tags, `env.DEPLOYMENT_NAME`, the version) are expected.
struct ImportVerification {
    let projectFolder: URL
    let flows: [Flow]
    let environments: [String]

    func problems(_ text: String, expected: [FlowInEnvironment: ExistingDeployment],
        settings: [FlowInEnvironment: [SettingSlot: JSONValue]]) -> [ImportNote]
    {
        let file: SettingsFile
        do {
            file = try SettingsFile.parse(text, folder: projectFolder)
        } catch {
            return [ImportNote(.error, "the acme.toml it would write is not valid TOML (\(error.message)); this is a bug in acme-scan",
                file: SettingsFile.fileName, line: 1)]
        }
        let configuration = ProjectConfiguration.read(file)
        let git = GitState(branch: "main")
        let state = DesiredState(configuration: configuration, flows: flows, git: git, packageVersion: "unknown", projectRoot: projectFolder.path)
        let (desired, generationProblems) = state.deployments(in: configuration.environments.filter { $0.accepts(.prefect) })
        var notes = (configuration.problems(for: .generate, flows: flows) + generationProblems).filter { $0.severity == .error }.map {
            ImportNote(.error, "the acme.toml it would write does not pass `generate`: \($0.message)", file: SettingsFile.fileName, line: $0.location.line)
        }
        var byPair: [FlowInEnvironment: DesiredDeployment] = [:]
        for deployment in desired where deployment.kind == .prefect {
            byPair[FlowInEnvironment(flow: deployment.flow, environment: deployment.environment)] = deployment
        }
        for pair in byPair.keys.sorted() where expected[pair] == nil {
            notes.append(ImportNote(.error, "the acme.toml would deploy flow '\(pair.flow)' in '\(pair.environment)', which no file deploys; this is a bug in acme-scan",
                file: SettingsFile.fileName, line: 1))
        }
        for (pair, original) in expected.sorted(by: { $0.key < $1.key }) {
            guard let generated = byPair[pair] else {
                notes.append(ImportNote(.error, "deployment '\(original.name)' would not be generated from the acme.toml", file: original.file, line: original.line))
                continue
            }
            notes += compare(original, settings[pair] ?? [:], with: generated, git: git, project: configuration.projectName)
        }
        return notes
    }

    private func compare(_ original: ExistingDeployment, _ slots: [SettingSlot: JSONValue], with generated: DesiredDeployment,
        git: GitState, project: String) -> [ImportNote]
    {
        var notes: [ImportNote] = []
        let fields = generated.fields
        func differs(_ field: String, _ old: JSONValue?, _ new: JSONValue?) {
            guard old != new else { return }
            notes.append(ImportNote(.error, "the acme.toml would change \(field) of deployment '\(original.name)' from "
                + "\(old?.serialized(indent: nil) ?? "nothing") to \(new?.serialized(indent: nil) ?? "nothing"); this is a bug in acme-scan",
                file: original.file, line: original.line))
        }
        differs("the name", slots[.plain("deployment-name")], .string(generated.name))
        differs("the folder prefect deploy runs in", .string(original.folder), .string(generated.deployFolder))
        // A team's CI names its prefect.yaml files (`--prefect-file pipelines/x/prefect.yaml`): the generated one goes there.
        if original.file == "prefect.yaml" || original.file.hasSuffix("/prefect.yaml") {
            differs("the folder of its prefect.yaml", .string(original.fileFolder), .string(generated.folder))
        }
        let flow = flows.first { $0.name == generated.flow && $0.kind == .prefect }
        let base = generated.deployFolder
        let entrypoint = flow.map { base.isEmpty ? $0.entrypoint : String($0.entrypoint.dropFirst(base.count + 1)) }
        differs("the entrypoint", entrypoint.map(JSONValue.string), .string(fields.entrypoint))
        if original.entrypoint != fields.entrypoint {
            notes.append(ImportNote(.warning, "deployment '\(original.name)': entrypoint '\(original.entrypoint)' is written '\(fields.entrypoint)' "
                + "(the same flow)", file: original.file, line: original.entrypointLine))
        }
        let assembled = AssembledSettings(slots)
        let parameters = assembled.parameters, tags = assembled.tags
        differs("the parameters", .object(parameters), .object(fields.parameters))
        let release = ReleaseTags.tags(project: project, git: git, packageVersion: "unknown", environment: generated.environment)
        var ownTags = fields.tags
        for tag in release { if let index = ownTags.lastIndex(of: tag) { ownTags.remove(at: index) } }
        differs("the tags", .array(tags.sorted().map(JSONValue.string)), .array(Set(ownTags).sorted().map(JSONValue.string)))
        differs("the work pool", slots[.plain("work-pool")], fields.workPool.map(JSONValue.string))
        differs("the work queue", slots[.plain("work-queue")], fields.workQueue.map(JSONValue.string))
        var environmentVariables = assembled.jobVariables["env"]?.objectValue ?? [:]
        if let written = environmentVariables["DEPLOYMENT_NAME"], written != .string(generated.name) {
            notes.append(ImportNote(.warning, "deployment '\(original.name)': env.DEPLOYMENT_NAME \(written.text) is replaced by the deployment's name, "
                + "which acme-scan sets", file: original.file, line: original.line))
        }
        environmentVariables["DEPLOYMENT_NAME"] = .string(generated.name)
        var expectedVariables = assembled.jobVariables
        expectedVariables["env"] = .object(environmentVariables)
        differs("the job variables", .object(expectedVariables), .object(fields.jobVariables))
        let schedules = (slots[.plain("schedules")]?.arrayValue ?? []).map(Self.prefectKeys)
        differs("the schedules", .array(schedules), .array(fields.schedules.map(\.prefectJSON)))
        differs("paused", slots[.plain("paused")] ?? false, fields.paused.map(JSONValue.bool) ?? false)
        differs("the concurrency limit", slots[.plain("concurrency-limit")], fields.concurrencyLimit.map(JSONValue.int))
        if let pull = slots[.plain("pull")] { differs("the pull steps", pull, .array(fields.pullSteps)) }
        differs("the build steps", slots[.plain("build")] ?? [], .array(generated.build))
        differs("the push steps", slots[.plain("push")] ?? [], .array(generated.push))
        if let description = slots[.plain("description")] { differs("the description", description, fields.description.map(JSONValue.string)) }
        return notes
    }

    /// A schedule in acme.toml's keys as prefect.yaml writes it.
    private static func prefectKeys(_ schedule: JSONValue) -> JSONValue {
        guard var object = schedule.objectValue else { return schedule }
        if let anchor = object.removeValue(forKey: "anchor-date") { object["anchor_date"] = anchor }
        return .object(object)
    }
}
