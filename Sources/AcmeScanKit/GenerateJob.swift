import Deployer
import DeploymentModel
import DeploymentGenerators
import FlowDiscovery
import FlowManifest
import Foundation
import ProjectConfiguration
import TOMLSyntax

/// `acme-scan generate`: deployment files from the flows and acme.toml, or with
/// `check`, a unified diff of what is stale.
public struct GenerateJob {
    public var path: String
    /// Where to write; default the project root (the folder holding the settings).
    public var outputDirectory: String?
    public var environment: String?
    /// Also write acme-portal's `static_flow_deploy_config.yaml`.
    public var acmePortal: Bool
    public var check: Bool
    public var force: Bool
    /// Command-line values that beat what git says.
    public var branch: String?
    public var commit: String?
    public var remote: String?
    /// What beats acme.toml for the scan, when flows.json is stale.
    public var discovery: DiscoveryOverrides

    public init(path: String = ".", outputDirectory: String? = nil, environment: String? = nil, acmePortal: Bool = false,
        check: Bool = false, force: Bool = false, branch: String? = nil, commit: String? = nil, remote: String? = nil,
        discovery: DiscoveryOverrides = DiscoveryOverrides())
    {
        self.discovery = discovery
        self.path = path
        self.outputDirectory = outputDirectory
        self.environment = environment
        self.acmePortal = acmePortal
        self.check = check
        self.force = force
        self.branch = branch
        self.commit = commit
        self.remote = remote
    }

    /// Exit codes: 0 written (or up to date with `check`); 1 stale with `check`.
    /// Configuration errors, a refused overwrite and I/O failures throw (exit 2).
    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) throws -> Int32
    {
        let start = URL(fileURLWithPath: path).standardizedFileURL
        var isLink = false
        guard FileWalker.kind(of: start.path, isLink: &isLink) == .directory else { throw AcmeError.missingPath(path) }
        let settings = try CommandSettings(from: start, reader: .generate, overrides: discovery)
        guard settings.configuration.file != nil else {
            throw AcmeError.usage("no acme.toml or [tool.acme-scan] in pyproject.toml at or above \(path); `acme-scan init` writes one")
        }
        let flows = try ProjectFlows.load(settings, log: log)
        try settings.report(flows: flows, log: log)
        // What deploy would publish to each dags-folder environment without `source`, decided as deploy decides it.
        let configuration = AirflowSource.resolve(settings.configuration, flows: flows, walk: settings.scanOptions().walk)
        if let environment, configuration.environment(named: environment) == nil {
            let hint = DidYouMean.suggestion(for: environment, among: configuration.environments.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            throw AcmeError.usage("--env: no environment is named '\(environment)'\(hint)")
        }
        let folder = outputDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? configuration.folder
        var git = GitRepository.state(of: configuration.folder)
        if check, let recorded = recordedGitState(in: folder) { git = recorded }
        if let branch { git.branch = branch }
        if let commit { git.commit = commit }
        if let remote { git.remote = GitState.httpsRemote(remote) }

        let input = GenerationInput(configuration: configuration, flows: flows, git: git,
            packageVersion: configuration.packageVersion ?? Self.packageVersion(in: configuration.folder) ?? "unknown",
            environment: environment, projectRoot: configuration.folder.path)
        var generators: [any DeploymentGenerator] = [PrefectYAMLGenerator(), AirflowDeploymentGenerator()]
        if acmePortal { generators.append(AcmePortalConfigGenerator()) }
        var files: [GeneratedFile] = []
        var generationProblems: [ConfigProblem] = []
        for generator in generators {
            let result = generator.generate(input)
            files += result.files
            generationProblems += result.problems
        }
        try settings.report(generationProblems.sorted(by: ConfigProblem.inOrder), log: log)
        // The acme-portal bridge files `init --acme-portal` wrote, kept current while they carry the header.
        files += AcmePortalBridge.installed(for: configuration, in: folder)
        if files.isEmpty { log.write("acme-scan: nothing to generate: no prefect or airflow environment\(environment.map { " named \($0)" } ?? "")") }
        return check ? compare(files, in: folder, output: output, log: log) : try write(files, to: folder, log: log)
    }

    /// `--check` regenerates for the git state the files were made for: a committed
    /// file cannot name the commit that holds it.
    private func recordedGitState(in folder: URL) -> GitState? {
        for path in Self.generatedFiles(in: folder) {
            if let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8),
                let state = GeneratedHeader.gitState(in: text)
            {
                return state
            }
        }
        return nil
    }

    /// The files in `folder` an earlier `generate` wrote: prefect.yaml at the root first, then in
    /// subfolders (`prefect-yaml = "per-folder"`), then the Airflow files.
    static func generatedFiles(in folder: URL) -> [String] {
        var walk = WalkOptions()
        walk.alsoNamed = [PrefectYAMLGenerator.fileName]
        let prefect = FileWalker(root: folder, options: walk).walk().namedFiles.sorted { ($0.contains("/") ? 1 : 0, $0) < ($1.contains("/") ? 1 : 0, $1) }
        let airflow = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("airflow.") && $0.hasSuffix(".yaml") }.sorted()
        return (prefect + airflow).filter { path in
            (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)).map(GeneratedHeader.isGenerated) == true
        }
    }

    /// Generated files of earlier runs that this run would not write: an environment removed,
    /// or a prefect.yaml of a folder that no longer gets one (the layout changed, its flows left).
    private func leftovers(_ files: [GeneratedFile], in folder: URL) -> [String] {
        guard environment == nil else { return [] }
        let names = Set(files.map(\.path))
        return Self.generatedFiles(in: folder).filter { !names.contains($0) }.sorted()
    }

    private static func whyLeftOver(_ path: String) -> String {
        path.hasSuffix(PrefectYAMLGenerator.fileName) ? "no deployment is written to its folder any more (prefect-yaml layout, or its flows moved)"
            : "its environment is gone from the configuration"
    }

    private func compare(_ files: [GeneratedFile], in folder: URL, output: (String) -> Void, log: Log) -> Int32 {
        var stale: [String] = []
        for file in files {
            let existing = (try? String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)) ?? ""
            let diff = UnifiedDiff.diff(old: existing, new: file.contents, oldName: "a/\(file.path)", newName: "b/\(file.path)")
            if !diff.isEmpty {
                stale.append(file.path)
                output(diff)
            }
        }
        for path in leftovers(files, in: folder) {
            stale.append(path)
            let existing = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
            output(UnifiedDiff.diff(old: existing, new: "", oldName: "a/\(path)", newName: "/dev/null"))
        }
        if stale.isEmpty {
            log.write("acme-scan: \(files.count) generated file\(files.count == 1 ? "" : "s") up to date")
            return 0
        }
        log.write("acme-scan: stale: \(stale.joined(separator: ", ")); run `acme-scan generate` and commit the result")
        return 1
    }

    private func write(_ files: [GeneratedFile], to folder: URL, log: Log) throws -> Int32 {
        // Refuse before writing anything: never half of a set of files.
        for file in files where !force {
            let target = folder.appendingPathComponent(file.path)
            if let existing = try? String(contentsOf: target, encoding: .utf8), !GeneratedHeader.isGenerated(existing) {
                throw AcmeError.usage("\(target.path): not written by acme-scan generate; refusing to overwrite it (use --force)")
            }
        }
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            if (try? String(contentsOf: target, encoding: .utf8)) == file.contents {
                log.write("unchanged \(ScanJob.displayPath(target.path))")
                continue
            }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw AcmeError.cannotWrite(path: target.path, reason: "cannot create its folder")
            }
            try AtomicFile.write(file.contents, to: target.path)
            log.write("wrote \(ScanJob.displayPath(target.path))")
        }
        for path in leftovers(files, in: folder) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            log.write("removed \(path): \(Self.whyLeftOver(path))")
        }
        return 0
    }

    /// `[project].version` of pyproject.toml, when it is written there (not dynamic).
    static func packageVersion(in folder: URL) -> String? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("pyproject.toml"), encoding: .utf8),
            let root = try? TOMLDocument.parse(text)
        else { return nil }
        return root["project"]?.table?["version"]?.string
    }
}
