import DeploymentModel
import FlowDiscovery
import Foundation
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// `acme-scan init --from-prefect-yaml`: an acme.toml that makes `generate` write
/// the deployments a project's hand-written prefect.yaml files make, so moving to
/// acme-scan changes nothing that runs. Each deployment is matched to its flow (by
/// entrypoint) and environment (by an env tag or its name's end); every setting goes
/// to the most general level that holds it; what acme.toml cannot say is reported.
/// Before anything is written, the text is read back through the settings model and
/// the desired state, and each deployment compared with the one it came from.
public struct PrefectYAMLImport {
    /// A prefect.yaml and its text; `path` is relative to the project root.
    public struct Source: Sendable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }

        /// The folder the file is in ("" at the root). Whether `prefect deploy` ran there or at
        /// the root is told by its entrypoints (``EntrypointResolution``).
        var folder: String { path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "" }
    }

    public struct Outcome: Sendable {
        /// The acme.toml; nil when an error stops the import.
        public var text: String?
        /// Errors and warnings, in file order.
        public var notes: [ImportNote]
        public var deployments: Int
        public var layout: PrefectYAMLLayout
    }

    public var projectFolder: URL
    /// The scanned flows (all kinds; Prefect flows with static names are matched).
    public var flows: [Flow]
    /// In promotion order.
    public var environments: [String]
    /// An acme.toml already there: its environments' own keys and its top-level settings are kept.
    public var existing: SettingsFile?

    public init(projectFolder: URL, flows: [Flow], environments: [String], existing: SettingsFile? = nil) {
        self.projectFolder = projectFolder
        self.flows = flows
        self.environments = environments
        self.existing = existing
    }

    public func run(_ sources: [Source]) -> Outcome {
        var notes: [ImportNote] = []
        var deployments: [ExistingDeployment] = []
        var projectNames = Set<String>()
        for source in sources {
            var reader = PrefectYAMLReader(file: source.path, folder: source.folder)
            deployments += reader.read(source.text)
            notes += reader.notes
            if let name = reader.projectName { projectNames.insert(name) }
        }
        let deployable = DeployableFlows.select(.prefect, from: flows).0
        let matching = DeploymentMatching(flows: deployable, environments: environments)
        let (resolved, resolutionNotes) = EntrypointResolution(matching: matching).resolve(deployments)
        notes += resolutionNotes
        var matched: [FlowInEnvironment: (ExistingDeployment, Flow)] = [:]
        for (deployment, resolution) in zip(deployments, resolved) {
            // Every deployment's environment is told, so one run reports all that is wrong.
            let environment = matching.environment(for: deployment)
            if case .failure(let note) = environment { notes.append(note) }
            guard case .success(let environment) = environment, let (deployment, flow) = resolution else { continue }
            let pair = FlowInEnvironment(flow: flow.name!, environment: environment)
            if let (first, _) = matched[pair] {
                notes.append(ImportNote(.error, "deployments '\(first.name)' (\(first.file):\(first.line)) and '\(deployment.name)' are both "
                    + "flow '\(pair.flow)' in '\(environment)'; acme.toml holds one deployment per flow and environment",
                    file: deployment.file, line: deployment.line))
                continue
            }
            matched[pair] = (deployment, flow)
        }
        if deployments.isEmpty && !notes.contains(where: { $0.severity == .error }) {
            notes.append(ImportNote(.error, "no deployments to import", file: sources.first?.path ?? "prefect.yaml", line: 1))
        }
        let layout = Self.layout(matched.values.map { $0 }, notes: &notes)
        var settings: [FlowInEnvironment: [SettingSlot: JSONValue]] = [:]
        for (pair, (deployment, flow)) in matched { settings[pair] = Self.signatureChecked(deployment, flow: flow, notes: &notes) }
        var outcome = Outcome(text: nil, notes: [], deployments: matched.count, layout: layout)
        if !notes.contains(where: { $0.severity == .error }) {
            var placement = SettingsPlacement(settings)
            placement.merge(SettingsPlacement(Self.deployFlags(flows: deployable.map { $0.name! }, environments: environments, deployed: Set(matched.keys))))
            let text = { (notes: [ImportNote]) in
                render(placement, layout: layout, project: projectNames.count == 1 ? projectNames.first : nil, sources: sources,
                    notes: notes, tagOrder: Self.tagOrder(deployments))
            }
            let verification = ImportVerification(projectFolder: projectFolder, flows: flows, environments: environments)
            notes += verification.problems(text(notes), expected: matched.mapValues { $0.0 }, settings: settings)
            // The header lists every warning, the verification's too; the settings below it are the ones verified.
            if !notes.contains(where: { $0.severity == .error }) { outcome.text = text(notes) }
        }
        outcome.notes = notes.sorted(by: ImportNote.inOrder)
        return outcome
    }

    /// The layout that writes each deployment where it was and deploys it the same way:
    /// `root` when every file is deployed from the root and none is a `prefect.yaml` in a
    /// folder (a file by another name, `--prefect-file deploy.yaml`, becomes the root file);
    /// `per-folder` when files are deployed from their folders; `per-folder-from-root` when
    /// folders' prefect.yaml files are deployed from the root. Either per-folder layout needs
    /// each file to sit in the folder of the flows it deploys; acme.toml has one layout.
    private static func layout(_ matched: [(ExistingDeployment, Flow)], notes: inout [ImportNote]) -> PrefectYAMLLayout {
        let ordered = matched.sorted { ($0.0.file, $0.0.line) < ($1.0.file, $1.0.line) }
        let fromFolders = ordered.filter { !$0.0.folder.isEmpty }.map(\.0)
        let fromRootInFolders = ordered.filter { $0.0.folder.isEmpty && !$0.0.fileFolder.isEmpty && $0.0.file.hasSuffix("/prefect.yaml") }.map(\.0)
        if fromFolders.isEmpty && fromRootInFolders.isEmpty { return .root }
        if !fromFolders.isEmpty && !fromRootInFolders.isEmpty {
            // The files of the fewer kind are the odd ones; each is said once, at its first deployment.
            let folderFiles = Set(fromFolders.map(\.file)), rootFiles = Set(fromRootInFolders.map(\.file))
            let (odd, usual) = folderFiles.count < rootFiles.count ? (fromFolders, fromRootInFolders) : (fromRootInFolders, fromFolders)
            var said = Set<String>()
            for deployment in odd where said.insert(deployment.file).inserted {
                notes.append(ImportNote(.error, "\(deployment.file) is deployed from \(place(deployment.folder)) (its entrypoints name flows from there) "
                    + "but \(usual[0].file) from \(place(usual[0].folder)): acme.toml's prefect-yaml deploys every file one way; "
                    + "write this file's entrypoints as the others are", file: deployment.file, line: deployment.line))
            }
            return .perFolder
        }
        let layout: PrefectYAMLLayout = fromFolders.isEmpty ? .perFolderFromRoot : .perFolder
        for (deployment, flow) in ordered {
            let flowFolder = layout.folder(of: flow.file)
            if layout == .perFolder, flowFolder != deployment.folder {
                notes.append(ImportNote(.error, "deployment '\(deployment.name)' is deployed from \(place(deployment.folder)) "
                    + "but its flow is in \(place(flowFolder)): acme-scan writes one prefect.yaml at the root, "
                    + "or one beside the flows of each folder (prefect-yaml = \"per-folder\")", file: deployment.file, line: deployment.line))
            } else if layout == .perFolderFromRoot, flowFolder != deployment.fileFolder {
                notes.append(ImportNote(.error, "deployment '\(deployment.name)' is in \(deployment.file) but its flow is in \(place(flowFolder)): "
                    + "acme-scan writes each folder's prefect.yaml beside the flows it deploys (prefect-yaml = \"per-folder-from-root\")",
                    file: deployment.file, line: deployment.line))
            }
        }
        return layout
    }

    private static func place(_ folder: String) -> String { folder.isEmpty ? "the project root" : folder }

    /// The deployment's settings, without parameters the flow does not take (acme-scan never sends them).
    private static func signatureChecked(_ deployment: ExistingDeployment, flow: Flow, notes: inout [ImportNote]) -> [SettingSlot: JSONValue] {
        let accepted = Set(flow.schemaParameterNames)
        var settings = deployment.settings
        for case .parameter(let name) in settings.keys.sorted() where !accepted.contains(name) {
            settings[.parameter(name)] = nil
            notes.append(ImportNote(.warning, "deployment '\(deployment.name)': parameter '\(name)' is not carried over: flow '\(flow.name!)' does not take it",
                file: deployment.file, line: deployment.line))
        }
        if case .array(let schedules)? = settings[.plain("schedules")] {
            settings[.plain("schedules")] = .array(schedules.map { schedule in
                guard var object = schedule.objectValue, let parameters = object["parameters"]?.objectValue else { return schedule }
                for name in parameters.keys.sorted() where !accepted.contains(name) {
                    notes.append(ImportNote(.warning, "deployment '\(deployment.name)': schedule parameter '\(name)' is not carried over: "
                        + "flow '\(flow.name!)' does not take it", file: deployment.file, line: deployment.line))
                }
                object["parameters"] = .object(parameters.filter { accepted.contains($0.key) })
                return .object(object)
            })
        }
        return settings
    }

    /// `deploy = false` for every flow and environment no file deploys.
    private static func deployFlags(flows: [String], environments: [String], deployed: Set<FlowInEnvironment>) -> [FlowInEnvironment: [SettingSlot: JSONValue]] {
        var flags: [FlowInEnvironment: [SettingSlot: JSONValue]] = [:]
        for flow in flows {
            for environment in environments {
                let pair = FlowInEnvironment(flow: flow, environment: environment)
                flags[pair] = deployed.contains(pair) ? [:] : [.plain("deploy"): false]
            }
        }
        return flags
    }

    private static func tagOrder(_ deployments: [ExistingDeployment]) -> [String: Int] {
        var order: [String: Int] = [:]
        for tag in deployments.sorted(by: { ($0.file, $0.line) < ($1.file, $1.line) }).flatMap(\.tags) where order[tag] == nil { order[tag] = order.count }
        return order
    }

    // MARK: The text

    private func render(_ placement: SettingsPlacement, layout: PrefectYAMLLayout, project: String?, sources: [Source],
        notes: [ImportNote], tagOrder: [String: Int]) -> String
    {
        let renderer = AcmeTOMLRenderer(tagOrder: tagOrder)
        var text = "# acme-scan settings, written by `acme-scan init --from-prefect-yaml` from\n"
        text += sources.map(\.path).sorted().map { "#   \($0)\n" }.joined()
        text += """
            # `acme-scan generate --force` replaces those files with generated ones that deploy the same:
            # the same names, entrypoints, schedules, parameters, work pools, job variables and steps
            # (build and push steps as written: `prefect deploy` runs them, acme-scan never does).
            # See acme-scan's docs/adoption.md ("Moving an existing Prefect project") and docs/configuration.md.

            """
        let left = notes.filter { $0.severity == .warning }.sorted(by: ImportNote.inOrder)
        if !left.isEmpty {
            text += "#\n# Not carried over (printed as warnings too):\n" + left.map { "#   \($0.file):\($0.line): \($0.message)\n" }.joined()
        }
        text += "\n"
        var top: [String] = []
        let kept = existing.map { Self.keptTopLevel($0.table) } ?? []
        if let project, !kept.contains(where: { $0.hasPrefix("project ") }) { top.append("project = \(TOMLText.string(project))") }
        top += kept
        if layout != .root { top.append("prefect-yaml = \(TOMLText.string(layout.rawValue))") }
        text += top.map { $0 + "\n" }.joined()
        let defaults = renderer.lines(placement.defaults)
        if !defaults.isEmpty { text += "\n[defaults]\n" + defaults.map { $0 + "\n" }.joined() }
        for environment in environments {
            text += "\n[[environments]]\nname = \(TOMLText.string(environment))\n"
            text += keptEnvironmentKeys(environment).map { $0 + "\n" }.joined()
            text += renderer.lines(placement.environments[environment] ?? [:]).map { $0 + "\n" }.joined()
        }
        let deployable = DeployableFlows.select(.prefect, from: flows).0
        for flow in deployable.map({ $0.name! }) {
            let own = renderer.lines(placement.flows[flow] ?? [:])
            let perEnvironment = environments.map { ($0, renderer.lines(placement.flowEnvironments[FlowInEnvironment(flow: flow, environment: $0)] ?? [:])) }
            if own.isEmpty && perEnvironment.allSatisfy({ $0.1.isEmpty }) { continue }
            text += "\n[flows.\(TOMLText.key(flow))]\n" + own.map { $0 + "\n" }.joined()
            for (environment, lines) in perEnvironment where !lines.isEmpty {
                text += "\n[flows.\(TOMLText.key(flow)).environments.\(TOMLText.key(environment))]\n" + lines.map { $0 + "\n" }.joined()
            }
        }
        return text
    }

    /// Top-level settings of an existing acme.toml the import does not write (rules, discovery, project).
    private static func keptTopLevel(_ table: TOMLTable) -> [String] {
        let replaced: Set<String> = [SettingKeys.defaults.name, SettingKeys.environments.name, SettingKeys.flows.name, SettingKeys.prefectYAML.name]
        return table.members.filter { !replaced.contains($0.key) }.map { "\(TOMLText.key($0.key)) = \(AcmeTOMLRenderer.value(TOMLConversion.json($0.node.value)))" }
    }

    /// An existing environment's own keys (backend, api-url, ...); `backend = "prefect"` for a new one.
    private func keptEnvironmentKeys(_ name: String) -> [String] {
        let table = existing?.table[SettingKeys.environments.name]?.array?.compactMap(\.table)
            .first { $0[SettingKeys.environmentName.name]?.string == name }
        guard let table else { return ["backend = \"prefect\""] }
        let own = Set(SettingKeys.keys(in: .environment).map(\.name)).subtracting([SettingKeys.environmentName.name])
        return table.members.filter { own.contains($0.key) }.map { "\(TOMLText.key($0.key)) = \(AcmeTOMLRenderer.value(TOMLConversion.json($0.node.value)))" }
    }
}
