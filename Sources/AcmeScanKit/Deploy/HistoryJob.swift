import DeployRegistry
import Deployer
import Foundation
import ProjectConfiguration
import PythonSyntax

/// `acme-scan history`: what the journal holds, oldest first: every deploy,
/// promotion, rollback and prune, who did it, and what came of it.
public struct HistoryJob {
    public var path: String
    public var flow: String?
    public var environments: [String]
    public var format: DeployOutputFormat

    public init(path: String = ".", flow: String? = nil, environments: [String] = [], format: DeployOutputFormat = .text) {
        self.path = path
        self.flow = flow
        self.environments = environments
        self.format = format
    }

    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) async throws -> Int32
    {
        let start = URL(fileURLWithPath: path).standardizedFileURL
        let settings = try CommandSettings(from: start, reader: .deploy, overrides: DiscoveryOverrides())
        let configuration = settings.configuration
        guard configuration.file != nil else { throw AcmeError.usage("no acme.toml at or above \(path)") }
        // A registry acme.toml cannot name (a bad URL) must not fall back to the default file.
        try settings.report(log: log)
        let selected = try environments.isEmpty ? configuration.environments
            : environments.map { try DeployContext.environment($0, in: configuration, option: "--env") }
        let registries = RegistrySession()
        let events = try await DeployContext.closing(registries) {
            var events: [JournalEvent] = []
            // Environments may share a registry: read each once. An SQLite file that does not exist
            // yet holds nothing, and reading history must not create it.
            var byRegistry: [String: (Environment, Set<String>)] = [:]
            for environment in selected {
                let setting = configuration.registry(for: environment)
                let identity = Registries.identity(of: setting, projectRoot: configuration.folder)
                if case .postgres = setting {} else if !FileManager.default.fileExists(atPath: identity) { continue }
                byRegistry[identity, default: (environment, [])].1.insert(environment.name)
            }
            for (_, (environment, names)) in byRegistry.sorted(by: { $0.key < $1.key }) {
                let registry = try await registries.registry(for: environment, in: configuration)
                do {
                    events += try await registry.events(project: configuration.projectName, flow: nil, environment: nil).filter { names.contains($0.environment) }
                } catch {
                    throw AcmeError.usage(String(describing: error))
                }
            }
            return events
        }
        var shown = events
        if let flow { shown = shown.filter { $0.flow == flow || $0.flow.replacingOccurrences(of: "-", with: "_") == flow } }
        shown.sort { ($0.time, $0.id ?? 0) < ($1.time, $1.id ?? 0) }
        output(Self.render(shown, format: format))
        return 0
    }

    static func render(_ events: [JournalEvent], format: DeployOutputFormat) -> String {
        switch format {
        case .json:
            let items: [JSONValue] = events.map { event in
                .object([
                    "time": .string(event.time), "who": .string(event.who), "action": .string(event.action), "flow": .string(event.flow),
                    "environment": .string(event.environment), "from": event.fromEnvironment.map(JSONValue.string) ?? .null,
                    "commit": .string(event.commit), "result": .string(event.result), "deployment": .string(event.deployment),
                    "version": .string(event.version), "image": event.image.map(JSONValue.string) ?? .null, "dirty": .bool(event.dirty),
                    "error": event.error.map(JSONValue.string) ?? .null, "host": event.host.map(JSONValue.string) ?? .null,
                    "ci": event.ciProvider.map { provider in
                        .object(["provider": .string(provider), "job": event.ciJob.map(JSONValue.string) ?? .null,
                            "url": event.ciURL.map(JSONValue.string) ?? .null])
                    } ?? .null,
                    "acme_scan_version": event.acmeScanVersion.map(JSONValue.string) ?? .null,
                ])
            }
            return JSONValue.object(["events": .array(items)]).serialized() + "\n"
        case .text:
            if events.isEmpty { return "no deploys recorded\n" }
            return events.map { event in
                var line = "\(event.time)  \(event.action) \(event.flow) -> \(event.environment)"
                if let from = event.fromEnvironment { line += " (from \(from))" }
                line += "  \(String(event.commit.prefix(7)))  \(event.result)  \(event.who)"
                if let host = event.host { line += " on \(host)" }
                if let provider = event.ciProvider { line += " (\(provider)\(event.ciJob.map { " \($0)" } ?? ""))" }
                if event.dirty { line += "  (dirty)" }
                if let error = event.error { line += "\n    \(error)" }
                return line
            }.joined(separator: "\n") + "\n"
        }
    }
}
