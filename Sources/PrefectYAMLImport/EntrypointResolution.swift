import FlowDiscovery
import ProjectConfiguration

/// Where `prefect deploy` ran for each file, told by where its entrypoints name flows.
/// Prefect resolves an entrypoint against the folder it runs in and never changes folder,
/// so `pipelines/sales/flow.py:load` in `pipelines/sales/prefect.yaml` is from the root
/// (`prefect deploy --prefect-file pipelines/sales/prefect.yaml`, the monorepo way) and
/// `flow.py:load` from the file's folder (`cd pipelines/sales && prefect deploy`).
///
/// Each entrypoint is tried against the project root first, then the file's folder. One
/// `prefect deploy` runs a whole file from one folder, so the file is deployed from where
/// its entrypoints name flows: where some name flows only there. When every entrypoint of
/// a file names a flow both ways: the reading whose flows sit beside the file (what a
/// prefect.yaml in a folder is for; the other reading could not be written back, as each
/// layout puts a flow's file in its folder), else the root, tried first. A note says
/// which was taken and why.
struct EntrypointResolution {
    let matching: DeploymentMatching

    enum Base: Equatable {
        case root, folder
    }

    /// For each deployment, in order: it with `folder` set to where it is deployed from and
    /// the flow it names, or nil when it names none; and the errors and notes.
    func resolve(_ deployments: [ExistingDeployment]) -> (resolved: [(ExistingDeployment, Flow)?], notes: [ImportNote]) {
        let candidates = deployments.map { Candidates($0, matching: matching) }
        var files: [String] = []
        for candidate in candidates where !files.contains(candidate.deployment.file) { files.append(candidate.deployment.file) }
        let byFile = Dictionary(grouping: candidates, by: \.deployment.file)
        var bases = [String: (Base, Reason)]()
        for file in files { bases[file] = Self.base(of: byFile[file]!) }
        for file in files where bases[file]!.1 == .undecided {
            if let beside = Self.besideTheFile(byFile[file]!) { bases[file] = (beside, .besideTheFile) }
        }

        var resolved: [(ExistingDeployment, Flow)?] = []
        var notes: [ImportNote] = []
        for candidate in candidates {
            let (base, reason) = bases[candidate.deployment.file]!
            switch candidate.outcome(base: base, reason: reason, fileMates: byFile[candidate.deployment.file]!) {
            case .success(let (deployment, flow, note)):
                resolved.append((deployment, flow))
                if let note { notes.append(note) }
            case .failure(let note):
                resolved.append(nil)
                notes.append(note)
            }
        }
        return (resolved, notes)
    }

    /// Why a file's base was taken.
    enum Reason: Equatable {
        /// Some entrypoint of the file names a flow only from there.
        case ownEntrypoints
        /// All read both ways; this reading's flows are in the file's folder.
        case besideTheFile
        /// None of the above: the root, tried first.
        case undecided
    }

    /// The one reading that puts every flow of the file in the file's folder, if one does.
    private static func besideTheFile(_ candidates: [Candidates]) -> Base? {
        let folder = candidates[0].deployment.fileFolder
        func beside(_ flow: Flow?) -> Bool { flow.map { PrefectYAMLLayout.perFolder.folder(of: $0.file) == folder } ?? true }
        let root = candidates.allSatisfy { beside($0.fromRoot) }, inFolder = candidates.allSatisfy { beside($0.fromFolder) }
        return root == inFolder ? nil : root ? .root : .folder
    }

    private static func base(of candidates: [Candidates]) -> (Base, Reason) {
        if candidates.contains(where: { $0.namesAFlow(only: .root) }) { return (.root, .ownEntrypoints) }
        if candidates.contains(where: { $0.namesAFlow(only: .folder) }) { return (.folder, .ownEntrypoints) }
        return (.root, .undecided)
    }

    /// One deployment's entrypoint read from the root and from its file's folder.
    struct Candidates {
        let deployment: ExistingDeployment
        /// The entrypoint as a path from the root, read each way (nil: not a `file.py:function` or module path).
        let rootTarget: String?
        let folderTarget: String?
        let fromRoot: Flow?
        /// Nil too for a file at the root, which has one reading.
        let fromFolder: Flow?

        init(_ deployment: ExistingDeployment, matching: DeploymentMatching) {
            self.deployment = deployment
            let root = matching.flow(deployment.entrypoint, from: "")
            let folder = deployment.fileFolder.isEmpty ? nil : matching.flow(deployment.entrypoint, from: deployment.fileFolder)
            rootTarget = root?.target
            folderTarget = folder?.target
            fromRoot = root?.flow
            fromFolder = folder?.flow
        }

        func namesAFlow(only base: Base) -> Bool {
            base == .root ? fromRoot != nil && fromFolder == nil : fromFolder != nil && fromRoot == nil
        }

        func outcome(base: Base, reason: Reason, fileMates: [Candidates]) -> Result<(ExistingDeployment, Flow, ImportNote?), ImportNote> {
            let name = deployment.name, written = deployment.entrypoint, folder = deployment.fileFolder
            guard let rootTarget else {
                return .failure(error("deployment '\(name)': entrypoint '\(written)' names no file (file.py:function)"))
            }
            switch (fromRoot, fromFolder) {
            case (nil, nil):
                let tried = folderTarget.map { " from the project root (\(rootTarget)) nor from \(folder), where the file is (\($0))" }
                    ?? " (\(rootTarget) from the project root)"
                return .failure(error("deployment '\(name)': entrypoint '\(written)'\(tried) is no flow acme-scan found with a static name; "
                    + "run `acme-scan scan` to see the flows"))
            case (let flow?, nil) where base == .root, (nil, let flow?) where base == .folder:
                return .success((deployed(from: base), flow, nil))
            case (.some, nil), (nil, .some):
                // The file is deployed from the other folder (some entrypoint names a flow only there).
                let other = fileMates.first { $0.namesAFlow(only: base) }.map { "deployment '\($0.deployment.name)'" } ?? "another deployment"
                return .failure(error("deployment '\(name)': entrypoint '\(written)' names a flow only from \(place(base == .root ? .folder : .root)) "
                    + "and \(other) of the same file only from \(place(base)): `prefect deploy` runs a file "
                    + "from one folder, so one of them cannot have deployed"))
            case (let rooted?, let inFolder?):
                let flow = base == .root ? rooted : inFolder
                let why = switch reason {
                case .ownEntrypoints:
                    "as \(fileMates.first { $0.namesAFlow(only: base) }.map { "deployment '\($0.deployment.name)'" } ?? "another deployment") "
                        + "of the same file names a flow only from there"
                case .besideTheFile: "where the flow is in the file's folder"
                case .undecided: "tried first, as `prefect deploy --prefect-file \(deployment.file)` run from the root reads it"
                }
                let note = ImportNote(.note, "deployment '\(name)': entrypoint '\(written)' names flow '\(rooted.name!)' from the project root "
                    + "(\(rootTarget)) and flow '\(inFolder.name!)' from \(folder) (\(folderTarget!)): taken from \(place(base)), \(why)",
                    file: deployment.file, line: deployment.entrypointLine)
                return .success((deployed(from: base), flow, note))
            }
        }

        private func deployed(from base: Base) -> ExistingDeployment {
            var deployment = deployment
            deployment.folder = base == .root ? "" : deployment.fileFolder
            return deployment
        }

        private func place(_ base: Base) -> String { base == .root ? "the project root" : deployment.fileFolder }

        private func error(_ message: String) -> ImportNote {
            ImportNote(.error, message, file: deployment.file, line: deployment.entrypointLine)
        }
    }
}
