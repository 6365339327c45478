import DeployRegistry
import Deployer
import Foundation
import ProjectConfiguration

/// `acme-scan registry import FILE`: copies an SQLite registry (a runner's
/// `.acme-scan/registry.sqlite` from before the team shared one) into the
/// registry an environment names, usually the team's PostgreSQL database. Events
/// already there are skipped (by run, environment, deployment, action, result and
/// time), so running it twice adds nothing; a local deployment already there is
/// kept, since the registry's copy is the live one.
public struct RegistryImportJob {
    public var path: String
    public var file: String
    /// The environment whose registry receives the copy (default: the first).
    public var environment: String?

    public init(path: String = ".", file: String, environment: String? = nil) {
        self.path = path
        self.file = file
        self.environment = environment
    }

    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) async throws -> Int32
    {
        let settings = try CommandSettings(from: URL(fileURLWithPath: path).standardizedFileURL, reader: .deploy, overrides: DiscoveryOverrides())
        let configuration = settings.configuration
        guard configuration.file != nil else { throw AcmeError.usage("no acme.toml at or above \(path)") }
        try settings.report(log: log)
        let target = try DeployContext.environment(environment, in: configuration, option: "--env")
        let source = URL(fileURLWithPath: file).standardizedFileURL.path
        let setting = configuration.registry(for: target)
        if case .postgres = setting {} else if Registries.identity(of: setting, projectRoot: configuration.folder) == source {
            throw AcmeError.usage("\(file) is the registry of '\(target.name)' itself: nothing to import")
        }
        let from: SQLiteRegistry
        do {
            from = try Registries.openFile(source)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
        defer { from.close() }
        // Events from before projects were recorded belong to the project whose file it was: this one.
        let project = configuration.projectName
        let events = try from.events().map { event -> JournalEvent in
            var copy = event
            copy.project = copy.project ?? project
            return copy
        }
        let environments = Set(events.map(\.environment))
        var deployments: [LocalDeploymentRecord] = []
        for name in environments.union(configuration.environments.map(\.name)).sorted() {
            deployments += try from.localDeployments(project: nil, environment: name)
        }
        let registries = RegistrySession()
        let added = try await DeployContext.closing(registries) {
            let registry = try await registries.registry(for: target, in: configuration)
            do {
                try await registry.checkWritable()
                let added = try await registry.importRecords(events: events, deployments: deployments)
                output("imported \(added.events) of \(events.count) events and \(added.deployments) of \(deployments.count) local deployments from \(file) into \(registry.name)\n")
                return added
            } catch {
                throw AcmeError.usage(String(describing: error))
            }
        }
        if added.events < events.count || added.deployments < deployments.count {
            log.write("acme-scan: \(events.count - added.events) events and \(deployments.count - added.deployments) local deployments were there already (kept as they are)")
        }
        return 0
    }
}
