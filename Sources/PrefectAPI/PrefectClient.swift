import Foundation
import PythonSyntax
import RESTClient

/// The Prefect 3 REST operations the deployer needs, typed.
///
/// Paths are exact (a wrong trailing slash is a 307 the client does not follow).
/// Every operation is safe to retry, which is why the POSTs below are marked
/// idempotent: `POST /flows/` is create-or-get by name, `POST /deployments/`
/// upserts on (flow_id, name) to the same state whether it runs once or twice,
/// and the `/filter` POSTs only read.
public final class PrefectClient: Sendable {
    public static let maximumPageSize = 200

    public let rest: RESTClient
    public let connection: PrefectConnection

    /// Up to 8 requests at once, but one write: the usual self-hosted server
    /// keeps its data in SQLite, which takes one writer at a time (measured
    /// on Prefect 3.9.1: 60 upserts took 1.9 s from one thread, 3.2 s from four
    /// with retries, and two writers at once got 503 for 37 of 60 without).
    /// bench/prefect_writes.py measured it again (issue 23): with two writes in
    /// flight, 120 of 270 and 215 of 450 writes got 503 (two runs) and, retried,
    /// the writes took 2.3x and 2.6x as long as one at a time; nothing
    /// acknowledged was lost. An upsert reads before it writes, so a write
    /// committed meanwhile fails it at once (SQLite's busy timeout does not cover
    /// that). On PostgreSQL two and four writes at once were safe (no 503, nothing
    /// lost in 2,160 writes) and 17% to 33% faster, but a client cannot tell which
    /// database a server uses (`/admin/settings` hides it), so the default stays
    /// one; a caller that knows can give more (an environment's `writes-in-flight`).
    public static let defaultConfiguration = RESTClientConfiguration(maximumRequestsInFlight: 8, maximumWritesInFlight: 1)

    public init(connection: PrefectConnection, configuration: RESTClientConfiguration = defaultConfiguration,
        logger: (@Sendable (String) -> Void)? = nil) throws(PrefectAPIError)
    {
        var configuration = configuration
        configuration.missingCredentialHint = configuration.missingCredentialHint ?? connection.missingCredentialHint
        do {
            rest = try RESTClient(baseURL: connection.apiURL, credential: connection.credential,
                configuration: configuration, logger: logger)
        } catch {
            throw .request(error)
        }
        self.connection = connection
    }

    /// `GET /health`: true when the server answers `true`. Needs no credential.
    public func isHealthy() async throws(PrefectAPIError) -> Bool {
        try await call(RESTRequest(.GET, "/health")) == .bool(true)
    }

    /// `GET /admin/version`, e.g. "3.9.1". Needs the credential, so it also checks it.
    public func serverVersion() async throws(PrefectAPIError) -> String {
        let path = "/admin/version"
        guard let version = try await call(RESTRequest(.GET, path)).stringValue else {
            throw .unexpectedResponse(what: "a version that is not a string", url: rest.displayURL(path))
        }
        return version
    }

    // MARK: Work pools

    /// `GET /work_pools/{name}`, nil when there is none.
    public func workPool(named name: String) async throws(PrefectAPIError) -> WorkPool? {
        let path = "/work_pools/\(Self.segment(name))"
        let response = try await send(RESTRequest(.GET, path), accepting: [200, 404])
        guard response.status == 200, let body = response.body else { return nil }
        return try decode(path) { () throws(JSONShapeError) in try WorkPool(json: body) }
    }

    /// `POST /work_pools/`: true when created, false when it already existed (409).
    @discardableResult
    public func createWorkPool(named name: String, type: String = "process") async throws(PrefectAPIError) -> Bool {
        let request = RESTRequest(.POST, "/work_pools/", body: ["name": .string(name), "type": .string(type)],
            idempotent: true)  // a second create of the same pool is a 409, read as "exists"
        return try await send(request, accepting: [201, 409]).status == 201
    }

    // MARK: Flows

    /// `POST /flows/` is create-or-get: 201 with a new flow, 200 with the one of that name. Returns its id.
    public func flowID(named name: String) async throws(PrefectAPIError) -> String {
        let path = "/flows/"
        let body = try await call(RESTRequest(.POST, path, body: ["name": .string(name)], idempotent: true))
        guard let id = body["id"]?.stringValue else {
            throw .unexpectedResponse(what: "a flow without an id", url: rest.displayURL(path))
        }
        return id
    }

    /// The names of flows by id (`POST /flows/filter`), read page by page.
    public func flowNames(ids: [String]) async throws(PrefectAPIError) -> [String: String] {
        try await flows(where: "id", isAnyOf: ids)
    }

    /// The ids of the flows that exist by name (`POST /flows/filter`), one read per
    /// 200 names; a name with no flow is left out. What `flowID(named:)` would
    /// answer for an existing flow, without a write per flow.
    public func flowIDs(named names: [String]) async throws(PrefectAPIError) -> [String: String] {
        var ids: [String: String] = [:]
        for (id, name) in try await flows(where: "name", isAnyOf: names) { ids[name] = id }
        return ids
    }

    /// Flow id -> name of the flows whose `field` (id or name) is one of `values`.
    private func flows(where field: String, isAnyOf values: [String]) async throws(PrefectAPIError) -> [String: String] {
        let path = "/flows/filter"
        var names: [String: String] = [:]
        let unique = Array(Set(values)).sorted()
        var start = 0
        while start < unique.count {
            let chunk = Array(unique[start..<min(start + Self.maximumPageSize, unique.count)])
            let body: JSONValue = ["flows": [field: ["any_": .array(chunk.map(JSONValue.string))]], "limit": .int(Self.maximumPageSize)]
            let page = try await call(RESTRequest(.POST, path, body: body, readOnly: true))
            for item in page.arrayValue ?? [] {
                if let id = item["id"]?.stringValue, let name = item["name"]?.stringValue { names[id] = name }
            }
            start += Self.maximumPageSize
        }
        return names
    }

    // MARK: Deployments

    /// `GET /deployments/name/{flow}/{deployment}`, nil when there is none.
    public func deployment(flowName: String, deploymentName: String) async throws(PrefectAPIError) -> LiveDeployment? {
        let path = "/deployments/name/\(Self.segment(flowName))/\(Self.segment(deploymentName))"
        let response = try await send(RESTRequest(.GET, path), accepting: [200, 404])
        guard response.status == 200, let body = response.body else { return nil }
        return try decode(path) { () throws(JSONShapeError) in try LiveDeployment(json: body) }
    }

    /// Every deployment carrying all of `tags` (`POST /deployments/filter`,
    /// `tags.all_`), read page by page (the server refuses a page over 200),
    /// sorted by name, then id. Pages are read newest first, so a deployment
    /// created meanwhile shifts the pages by one at most, and the duplicate it
    /// causes is dropped by id.
    public func deployments(taggedWithAll tags: [String], pageSize: Int = maximumPageSize)
        async throws(PrefectAPIError) -> [LiveDeployment]
    {
        let path = "/deployments/filter"
        let limit = min(max(pageSize, 1), Self.maximumPageSize)
        var found: [String: LiveDeployment] = [:]
        var offset = 0
        while true {
            let body: JSONValue = [
                "deployments": ["tags": ["all_": .array(tags.map(JSONValue.string))]],
                "sort": "CREATED_DESC", "limit": .int(limit), "offset": .int(offset),
            ]
            let page = try await call(RESTRequest(.POST, path, body: body, readOnly: true))
            guard let items = page.arrayValue else {
                throw .unexpectedResponse(what: "a filter result that is not a list", url: rest.displayURL(path))
            }
            for item in items {
                let deployment = try decode(path) { () throws(JSONShapeError) in try LiveDeployment(json: item) }
                found[deployment.id] = deployment
            }
            if items.count < limit { break }
            offset += limit
        }
        return found.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    public struct Upserted: Sendable, Equatable {
        public let id: String
        /// True when the deployment did not exist (201), false when updated (200).
        public let created: Bool

        public init(id: String, created: Bool) {
            self.id = id
            self.created = created
        }
    }

    /// Sends the complete body to `POST /deployments/`. A missing work pool is
    /// `PrefectAPIError.workPoolNotFound`.
    ///
    /// An upsert cannot take a deployment out of its work pool: the server keeps
    /// the stored queue when the body names none. When `body` has neither pool
    /// nor queue and the server kept one, a `PATCH` clears both, so the result
    /// is what the body says.
    public func upsert(_ body: PrefectDeploymentBody) async throws(PrefectAPIError) -> Upserted {
        let path = "/deployments/"
        let response: RESTResponse
        do {
            response = try await rest.send(RESTRequest(.POST, path, body: body.json, idempotent: true))
        } catch {
            if error.status == 404, let pool = body.workPoolName, error.serverMessage?.contains("Work pool") == true {
                throw .workPoolNotFound(name: pool, apiURL: rest.baseURL)
            }
            throw .request(error)
        }
        guard let json = response.body, let id = json["id"]?.stringValue else {
            throw .unexpectedResponse(what: "an upserted deployment without an id", url: rest.displayURL(path))
        }
        if body.workPoolName == nil, body.workQueueName == nil,
            json["work_pool_name"] != .null || json["work_queue_name"] != .null
        {
            let clear = RESTRequest(.PATCH, "/deployments/\(Self.segment(id))",
                body: ["work_pool_name": .null, "work_queue_name": .null], idempotent: true)
            _ = try await send(clear, accepting: [204])
        }
        return Upserted(id: id, created: response.status == 201)
    }

    /// `DELETE /deployments/{id}`: true when deleted, false when already gone (404).
    /// The server also deletes its scheduled runs and its concurrency limit.
    @discardableResult
    public func deleteDeployment(id: String) async throws(PrefectAPIError) -> Bool {
        try await send(RESTRequest(.DELETE, "/deployments/\(Self.segment(id))"), accepting: [204, 404]).status == 204
    }

    // MARK: Flow runs

    public struct CompletedRun: Sendable, Equatable {
        public let id: String
        /// The deployment's version when the run was created; nil when it had none.
        public let deploymentVersion: String?

        public init(id: String, deploymentVersion: String?) {
            self.id = id
            self.deploymentVersion = deploymentVersion
        }
    }

    /// The deployment's latest COMPLETED flow run, by start time (expected start
    /// time when it never started): what last ran in that environment.
    public func latestCompletedRun(deploymentID: String) async throws(PrefectAPIError) -> CompletedRun? {
        let path = "/flow_runs/filter"
        let body: JSONValue = [
            "flow_runs": [
                "deployment_id": ["any_": [.string(deploymentID)]],
                "state": ["type": ["any_": ["COMPLETED"]]],
            ],
            "sort": "START_TIME_DESC", "limit": 1,
        ]
        let runs = try await call(RESTRequest(.POST, path, body: body, readOnly: true))
        guard let items = runs.arrayValue else {
            throw .unexpectedResponse(what: "a filter result that is not a list", url: rest.displayURL(path))
        }
        guard let run = items.first else { return nil }
        return try decode(path) { () throws(JSONShapeError) in
            let fields = try JSONFields(run, "flow run")
            return CompletedRun(id: try fields.requiredString("id"), deploymentVersion: try fields.string("deployment_version"))
        }
    }

    // MARK: - Plumbing

    private func send(_ request: RESTRequest, accepting: Set<Int>? = nil) async throws(PrefectAPIError) -> RESTResponse {
        do {
            return try await rest.send(request, accepting: accepting)
        } catch {
            throw .request(error)
        }
    }

    private func call(_ request: RESTRequest) async throws(PrefectAPIError) -> JSONValue {
        do {
            return try await rest.json(request)
        } catch {
            throw .request(error)
        }
    }

    private func decode<T>(_ path: String, _ read: () throws(JSONShapeError) -> T) throws(PrefectAPIError) -> T {
        do {
            return try read()
        } catch {
            throw .unexpectedResponse(what: error.description, url: rest.displayURL(path))
        }
    }

    /// A name as one path segment: everything but unreserved characters is
    /// percent-encoded, so a name can never add a path level.
    static func segment(_ name: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}

public struct WorkPool: Sendable, Equatable {
    public let name: String
    public let type: String
    public let isPaused: Bool

    init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json, "work pool")
        name = try fields.requiredString("name")
        type = try fields.requiredString("type")
        isPaused = try fields.bool("is_paused") ?? false
    }
}
