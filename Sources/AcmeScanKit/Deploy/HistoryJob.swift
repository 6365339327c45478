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
        log: Log = .standardError) throws -> Int32
    {
        let start = URL(fileURLWithPath: path).standardizedFileURL
        let settings = try CommandSettings(from: start, reader: .deploy, overrides: DiscoveryOverrides())
        let configuration = settings.configuration
        guard configuration.file != nil else { throw AcmeError.usage("no acme.toml at or above \(path)") }
        let selected = try environments.isEmpty ? configuration.environments
            : environments.map { try DeployContext.environment($0, in: configuration, option: "--env") }
        var events: [JournalEvent] = []
        // Environments may share a registry: read each file once.
        var byRegistry: [String: Set<String>] = [:]
        for environment in selected {
            byRegistry[Backends.registryPath(for: environment, projectRoot: configuration.folder), default: []].insert(environment.name)
        }
        for (path, names) in byRegistry.sorted(by: { $0.key < $1.key }) where FileManager.default.fileExists(atPath: path) {
            do {
                events += try Registry(path: path).events().filter { names.contains($0.environment) }
            } catch {
                throw AcmeError.usage(String(describing: error))
            }
        }
        if let flow { events = events.filter { $0.flow == flow || $0.flow.replacingOccurrences(of: "-", with: "_") == flow } }
        events.sort { ($0.time, $0.id ?? 0) < ($1.time, $1.id ?? 0) }
        output(Self.render(events, format: format))
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
                    "error": event.error.map(JSONValue.string) ?? .null,
                ])
            }
            return JSONValue.object(["events": .array(items)]).serialized() + "\n"
        case .text:
            if events.isEmpty { return "no deploys recorded\n" }
            return events.map { event in
                var line = "\(event.time)  \(event.action) \(event.flow) -> \(event.environment)"
                if let from = event.fromEnvironment { line += " (from \(from))" }
                line += "  \(String(event.commit.prefix(7)))  \(event.result)  \(event.who)"
                if event.dirty { line += "  (dirty)" }
                if let error = event.error { line += "\n    \(error)" }
                return line
            }.joined(separator: "\n") + "\n"
        }
    }
}
