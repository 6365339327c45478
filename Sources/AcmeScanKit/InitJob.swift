import DeploymentGenerators
import FlowDiscovery
import Foundation
import ProjectConfiguration
import TOMLSyntax

/// `acme-scan init`: a commented starter acme.toml from the scanned flows, with
/// the environments dev, tst, uat and prod. `generate` accepts it as written.
/// With `acmePortal`, also the four `.acme_portal_sdk/` files through which the
/// acme-portal extension runs acme-scan; an existing acme.toml is then kept as it is.
public struct InitJob {
    public var path: String
    public var force: Bool
    public var acmePortal: Bool

    public init(path: String = ".", force: Bool = false, acmePortal: Bool = false) {
        self.path = path
        self.force = force
        self.acmePortal = acmePortal
    }

    public static let environments = ["dev", "tst", "uat", "prod"]

    public func run(log: Log = .standardError) throws {
        let folder = URL(fileURLWithPath: path).standardizedFileURL
        var isLink = false
        guard FileWalker.kind(of: folder.path, isLink: &isLink) == .directory else { throw AcmeError.missingPath(path) }
        let existing: SettingsFile?
        do {
            existing = try SettingsFile.find(from: folder)
        } catch {
            throw AcmeError.usage(error.message)
        }
        // Refuse before writing anything: never an acme.toml without the bridge asked for.
        if acmePortal && !force { try refuseHandWrittenBridge(in: folder) }
        if acmePortal, !force, let existing {
            log.write("kept \(existing.path) as it is")
        } else {
            try writeStarter(in: folder, log: log)
        }
        if acmePortal { try writeBridge(in: folder, log: log) }
    }

    private func writeStarter(in folder: URL, log: Log) throws {
        let target = folder.appendingPathComponent(SettingsFile.fileName)
        if !force { try Self.refuseToOverwrite(in: folder) }
        let settings = try CommandSettings(from: folder, reader: .scan, overrides: DiscoveryOverrides())
        let flows = try ProjectFlows.load(settings, log: log)
        // Only an Airflow-only project gets Airflow environments, and with them the folder deploy publishes.
        let source = Self.backend(for: flows) == .airflow
            ? AirflowSource.decide(flows: flows, root: settings.configuration.folder, walk: settings.scanOptions().walk) : nil
        try AtomicFile.write(Self.text(project: folder.lastPathComponent, flows: flows, source: source), to: target.path)
        log.write("wrote \(ScanJob.displayPath(target.path)) (\(flows.count) flow\(flows.count == 1 ? "" : "s") found)")
    }

    /// An acme.toml, or `[tool.acme-scan]` in pyproject.toml, is the team's: `init` replaces it only with --force.
    static func refuseToOverwrite(in folder: URL) throws {
        let target = folder.appendingPathComponent(SettingsFile.fileName)
        if FileManager.default.fileExists(atPath: target.path) {
            throw AcmeError.usage("\(ScanJob.displayPath(target.path)) exists; refusing to overwrite it (use --force)")
        }
        if let existing = try? SettingsFile.read(in: folder), existing.path.hasSuffix("pyproject.toml") {
            throw AcmeError.usage("\(existing.path) already has [tool.acme-scan]; refusing to add an acme.toml beside it (use --force)")
        }
    }

    /// Files of `.acme_portal_sdk/` the team wrote itself are not overwritten without `--force`.
    private func refuseHandWrittenBridge(in folder: URL) throws {
        for module in AcmePortalBridge.modules {
            let target = folder.appendingPathComponent(module.path)
            if let text = try? String(contentsOf: target, encoding: .utf8), !GeneratedHeader.isGenerated(text) {
                throw AcmeError.usage("\(ScanJob.displayPath(target.path)): not written by acme-scan; refusing to overwrite it (use --force)")
            }
        }
    }

    /// The bridge files, for the settings now in place (their `acme-scan-path`).
    private func writeBridge(in folder: URL, log: Log) throws {
        let settings = try CommandSettings(from: folder, reader: .generate, overrides: DiscoveryOverrides())
        try settings.report(log: log)
        let files = AcmePortalBridge.files(for: settings.configuration)
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(AcmePortalBridge.folder), withIntermediateDirectories: true)
        } catch {
            throw AcmeError.cannotWrite(path: folder.appendingPathComponent(AcmePortalBridge.folder).path, reason: "cannot create the folder")
        }
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            try AtomicFile.write(file.contents, to: target.path)
            log.write("wrote \(ScanJob.displayPath(target.path))")
        }
    }

    /// The backend of the starter's environments: Airflow when the project has only DAGs
    /// (test code's flows are never deployed, so they do not count).
    static func backend(for flows: [Flow]) -> Backend {
        let named = flows.filter { $0.name != nil && !$0.testCode }
        return !named.contains { $0.kind == .prefect } && named.contains { $0.kind == .airflow } ? .airflow : .prefect
    }

    /// The starter file. Deterministic: the same flows (and `source` decision) give the same text.
    static func text(project: String, flows: [Flow], source: DagImportRoot.Decision? = nil) -> String {
        let prefect = flows.filter { $0.kind == .prefect && $0.name != nil && !$0.testCode }
        let airflow = flows.filter { $0.kind == .airflow && $0.name != nil && !$0.testCode }
        let backend = backend(for: flows)
        var text = """
            # acme-scan settings: `acme-scan check` reads the rule settings, `acme-scan generate`
            # the project, its environments and the deployment settings. See docs/configuration.md.

            project = \(TOMLText.string(project))

            # Settings for every flow in every environment. Environments, flows, and flows in
            # one environment override them, in that order (tags add up; parameters and
            # job-variables merge key by key).
            [defaults]

            """
        if backend == .prefect {
            text += """
                work-pool = "default"          # create it first: prefect work-pool create default --type process
                tags = []
                # work-queue = "default"
                # schedules = [{ cron = "0 6 * * *", timezone = "UTC" }]
                # job-variables = { env = { LOG_LEVEL = "INFO" } }
                # concurrency-limit = 1

                """
        } else {
            text += """
                tags = []
                # paused = true

                """
        }
        text += """

            # Environments in promotion order: `deploy` targets the first, `promote` moves
            # the version tested in one environment to the next. Backends: local, prefect, airflow.

            """
        if backend == .airflow, let source {
            text += Self.sourceComment(source)
        }
        for name in Self.environments {
            text += "[[environments]]\nname = \(TOMLText.string(name))\nbackend = \"\(backend.rawValue)\"\n"
            switch backend {
            case .airflow:
                text += "# api-url = \"http://127.0.0.1:8080\"\n# dags-folder = \"/opt/airflow/dags\"\n"
                if let folder = source?.folder { text += "source = \(TOMLText.string(folder.isEmpty ? "." : folder))\n" }
            default: text += "# api-url = \"http://127.0.0.1:4200/api\"\n"
            }
            if name == "prod" { text += "# paused = false\n" }
            text += "\n"
        }
        let named = (prefect + airflow).sorted(by: Flow.manifestOrder)
        if !named.isEmpty {
            text += "# Per flow, by the name Prefect registers or the dag_id. Found by the scan:\n"
            for flow in named {
                text += "#\n# [flows.\(TOMLText.string(flow.name!))]    # \(flow.kind.rawValue), \(flow.file):\(flow.line)\n"
                if flow.kind == .prefect {
                    let parameters = flow.parameters.filter { $0.kind != .varPositional && $0.kind != .varKeyword }
                    if !parameters.isEmpty {
                        text += "# parameters = { \(parameters.map { "\(TOMLText.key($0.name)) = ..." }.joined(separator: ", ")) }\n"
                    }
                    text += "# [flows.\(TOMLText.string(flow.name!)).environments.prod]\n# schedules = [{ cron = \"0 6 * * *\", timezone = \"UTC\" }]\n"
                } else {
                    text += "# paused = false\n"
                }
            }
        }
        if !prefect.isEmpty && !airflow.isEmpty {
            text += "\n# This project also has Airflow DAGs: give them environments with backend = \"airflow\".\n"
        }
        return text
    }

    /// Why `source` is what init writes (deploy infers the same when it is left out).
    static func sourceComment(_ source: DagImportRoot.Decision) -> String {
        guard source.folder != nil else {
            return "# source: not inferred: \(source.explanation).\n# Set source in each environment to the folder deploy publishes as Airflow's dags folder.\n\n"
        }
        return "# source: the folder deploy publishes as Airflow's dags folder (dags-folder = its path),\n# inferred: \(source.explanation).\n\n"
    }
}
