import DeployRegistry
import DeploymentModel
import Foundation
import ProjectConfiguration
import PythonSyntax

/// The embedded backend: no server, deployments kept in the registry (the SQLite
/// file, or the team's PostgreSQL database, where every runner sees them).
/// It runs nothing; it holds exactly what a server would be sent, so deploy,
/// promote, rollback and the deployments matrix work the same without one.
/// Having no UI, it gives the registry's URL as each deployment's URL.
public struct LocalBackend: DeploymentBackend {
    public let environment: Environment
    let registry: any Registry

    public init(environment: Environment, registry: any Registry) {
        self.environment = environment
        self.registry = registry
    }

    public func deployments(project: String) async throws -> [LiveDeployment] {
        try await registry.localDeployments(project: project, environment: environment.name).compactMap { record -> LiveDeployment? in
            guard let json = try? JSONValue.parse(Array(record.fields.utf8)),
                let fields = DeploymentFields(json: json)
            else { return nil }
            return LiveDeployment(id: record.name, name: record.name, flow: record.flow, environment: record.environment,
                branch: record.branch, commit: record.commit, version: fields.version,
                paused: fields.paused, created: record.created, updated: record.updated, url: url, fields: fields)
        }
    }

    public func changes(from live: LiveDeployment, to desired: DesiredDeployment) -> [FieldChange] {
        live.fields.changes(to: desired.fields)
    }

    public func preflight(_ desired: [DesiredDeployment]) async throws -> [String] { [] }

    public func apply(_ desired: DesiredDeployment, replacing live: LiveDeployment?) async throws -> LiveDeployment {
        let now = Clock.now()
        let commit = desired.release.commit ?? ""
        let record = LocalDeploymentRecord(environment: environment.name, name: desired.name, flow: desired.flow,
            project: desired.release.project, branch: desired.release.branch, commit: commit,
            fields: JSONValue.object(desired.fields.json).serialized(indent: nil), created: now, updated: now)
        try await registry.saveLocal(record)
        return LiveDeployment(id: desired.name, name: desired.name, flow: desired.flow, environment: environment.name,
            branch: desired.release.branch, commit: commit, version: desired.fields.version,
            paused: desired.fields.paused, created: live?.created ?? now, updated: now, url: url, fields: desired.fields)
    }

    private var url: String { registry.url }

    public func delete(_ live: LiveDeployment) async throws {
        // The project is in the release's tags, as every deployment acme-scan makes carries it.
        let project = ReleaseTags.value(ReleaseTags.project, in: live.tags) ?? ""
        try await registry.deleteLocal(project: project, environment: environment.name, name: live.name)
    }

    public func hasCompletedRun(_ live: LiveDeployment) async throws -> Bool {
        throw BackendError("environment '\(environment.name)' uses the local backend, which runs nothing: promote-requires = \"completed-run\" cannot be met")
    }
}
