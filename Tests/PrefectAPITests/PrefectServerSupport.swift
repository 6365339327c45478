import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import TestSupport
import Testing

/// Names no other test (or earlier run against the same server) uses.
func unique(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
}

/// A client of the shared test server, or of `url`. A client of a proxy in
/// front of a server names that server in `writesWith`, so it takes turns to
/// write with the server's other clients: SQLite takes one writer, and a test
/// writing without pause would starve the others' writes into 503s.
func prefectClient(url: String? = nil, writesWith server: String? = nil, credential: Credential? = nil,
    configuration: RESTClientConfiguration = PrefectClient.defaultConfiguration, logger: (@Sendable (String) -> Void)? = nil) throws -> PrefectClient
{
    var configuration = configuration
    configuration.writeLimitGroup = configuration.writeLimitGroup ?? server
    return try PrefectClient(connection: PrefectConnection(apiURL: url ?? TestServers.prefectURL(), credential: credential),
        configuration: configuration, logger: logger)
}

/// The server's root (`http://127.0.0.1:PORT`) for an API URL ending in `/api`.
func serverRoot(_ apiURL: String) -> String {
    apiURL.hasSuffix("/api") ? String(apiURL.dropLast(4)) : apiURL
}

/// A change made by hand on the server, as a user of the UI or the API would.
func patchDeployment(_ client: PrefectClient, id: String, _ fields: JSONValue) async throws {
    _ = try await client.rest.send(RESTRequest(.PATCH, "/deployments/\(id)", body: fields, idempotent: true),
        accepting: [204])
}

/// Starts a run of the deployment and moves it through RUNNING to COMPLETED,
/// as a worker would; returns its id.
@discardableResult
func completedRun(_ client: PrefectClient, deploymentID: String, complete: Bool = true) async throws -> String {
    let run = try await client.rest.json(RESTRequest(.POST, "/deployments/\(deploymentID)/create_flow_run", body: [:]))
    let id = try #require(run["id"]?.stringValue)
    if complete {
        for state in ["RUNNING", "COMPLETED"] {
            _ = try await client.rest.send(RESTRequest(.POST, "/flow_runs/\(id)/set_state",
                body: ["state": ["type": .string(state)], "force": true]))
        }
    }
    return id
}
