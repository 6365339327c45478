import Foundation
import PythonSyntax
import RESTClient

/// The Airflow 3 REST API v2 operations the deployer needs, typed, behind a JWT
/// from `POST /auth/token` (``AirflowSession``), or without one when no credential
/// variable is set. Every call is safe to retry: reads,
/// PATCH of a DAG's paused flag (the same body gives the same state), and a
/// re-parse request.
public final class AirflowClient: Sendable {
    public static let pageSize = 100
    /// One write at a time: the usual test or small Airflow keeps its metadata in SQLite.
    public static let defaultConfiguration = RESTClientConfiguration(maximumRequestsInFlight: 8, maximumWritesInFlight: 1)

    public let connection: AirflowConnection
    private let session: AirflowSession

    public init(connection: AirflowConnection, configuration: RESTClientConfiguration = defaultConfiguration,
        logger: (@Sendable (String) -> Void)? = nil) throws(AirflowAPIError)
    {
        self.connection = connection
        do {
            session = try AirflowSession(connection: connection, configuration: configuration, logger: logger)
        } catch {
            throw .request(error)
        }
    }

    public var baseURL: String { connection.apiURL }

    /// `GET /api/v2/version`, e.g. "3.3.2". Logs in, so it also checks the password.
    public func serverVersion() async throws(AirflowAPIError) -> String {
        let path = "/api/v2/version"
        guard let version = try await call(RESTRequest(.GET, path))["version"]?.stringValue else {
            throw .unexpectedResponse(what: "a version without 'version'", url: baseURL + path)
        }
        return version
    }

    /// Every DAG, stale ones included, of `bundle` (all bundles when nil), page by page, by dag_id.
    public func dags(bundle: String? = nil) async throws(AirflowAPIError) -> [AirflowDAG] {
        var query = "exclude_stale=false&order_by=dag_id"
        if let bundle { query += "&bundle_name=\(Self.queryValue(bundle))" }
        var found: [String: AirflowDAG] = [:]
        for item in try await pages("/api/v2/dags", query: query, key: "dags") {
            let dag = try decode("/api/v2/dags") { () throws(JSONShapeError) in try AirflowDAG(json: item) }
            found[dag.dagID] = dag
        }
        return found.values.sorted { $0.dagID < $1.dagID }
    }

    /// Every file Airflow failed to load, of `bundle` when given, by file name.
    public func importErrors(bundle: String? = nil) async throws(AirflowAPIError) -> [AirflowImportError] {
        var errors: [AirflowImportError] = []
        for item in try await pages("/api/v2/importErrors", query: "order_by=filename", key: "import_errors") {
            errors.append(try decode("/api/v2/importErrors") { () throws(JSONShapeError) in try AirflowImportError(json: item) })
        }
        return errors.filter { bundle == nil || $0.bundleName == nil || $0.bundleName == bundle }.sorted { $0.filename < $1.filename }
    }

    /// `PATCH /api/v2/dags/{dag_id}?update_mask=is_paused`.
    public func setPaused(_ dagID: String, _ paused: Bool) async throws(AirflowAPIError) {
        let request = RESTRequest(.PATCH, "/api/v2/dags/\(Self.segment(dagID))?update_mask=is_paused",
            body: ["is_paused": .bool(paused)], idempotent: true)
        _ = try await call(request)
    }

    /// `DELETE /api/v2/dags/{dag_id}`: the DAG's metadata and runs (its file must be gone, or it returns).
    public func deleteDAG(_ dagID: String) async throws(AirflowAPIError) {
        _ = try await send(RESTRequest(.DELETE, "/api/v2/dags/\(Self.segment(dagID))"), accepting: [200, 204, 404])
    }

    /// `PUT /api/v2/parseDagFile/{file_token}`: parse that (already known) file now.
    public func requestParse(fileToken: String) async throws(AirflowAPIError) {
        _ = try await send(RESTRequest(.PUT, "/api/v2/parseDagFile/\(Self.segment(fileToken))"), accepting: [200, 201, 404])
    }

    /// The DAG's runs in `state` (e.g. "success"), newest first.
    public func dagRuns(_ dagID: String, state: String? = nil, limit: Int = 25) async throws(AirflowAPIError) -> [AirflowDAGRun] {
        var path = "/api/v2/dags/\(Self.segment(dagID))/dagRuns?order_by=-start_date&limit=\(limit)"
        if let state { path += "&state=\(Self.queryValue(state))" }
        let body = try await call(RESTRequest(.GET, path))
        var runs: [AirflowDAGRun] = []
        for item in body["dag_runs"]?.arrayValue ?? [] {
            runs.append(try decode(path) { () throws(JSONShapeError) in try AirflowDAGRun(json: item) })
        }
        return runs
    }

    /// `POST /api/v2/dags/{dag_id}/dagRuns` with the given run id (a manual run, no logical date).
    /// Not idempotent; the run id makes a second attempt a 409, not a second run.
    public func triggerRun(_ dagID: String, runID: String) async throws(AirflowAPIError) {
        let body: JSONValue = ["logical_date": .null, "dag_run_id": .string(runID), "conf": [:]]
        _ = try await send(RESTRequest(.POST, "/api/v2/dags/\(Self.segment(dagID))/dagRuns", body: body, idempotent: true),
            accepting: [200, 409])
    }

    // MARK: - Plumbing

    private func pages(_ path: String, query: String, key: String) async throws(AirflowAPIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var offset = 0
        while true {
            let page = try await call(RESTRequest(.GET, "\(path)?\(query)&limit=\(Self.pageSize)&offset=\(offset)"))
            guard let batch = page[key]?.arrayValue else {
                throw .unexpectedResponse(what: "a list without '\(key)'", url: baseURL + path)
            }
            items += batch
            let total = page["total_entries"].flatMap { value -> Int? in if case .int(let count) = value { count } else { nil } }
            offset += batch.count
            if batch.isEmpty || batch.count < Self.pageSize || (total.map { offset >= $0 } ?? false) { break }
        }
        return items
    }

    /// Sends with the current token; on 401 or 403, logs in again once and resends.
    /// Airflow 3.3.2 answers a token signed with another secret (the server restarted
    /// with a new `jwt_secret`) 403 "Invalid JWT token", not 401 (measured); a 403 that
    /// a fresh token does not cure is a real refusal and is thrown.
    private func send(_ request: RESTRequest, accepting: Set<Int>? = nil) async throws(AirflowAPIError) -> RESTResponse {
        var renew = false
        while true {
            let client = try await session.client(renew: renew)
            do {
                return try await client.send(request, accepting: accepting)
            } catch {
                if let status = error.status, status == 401 || status == 403, connection.username == nil {
                    throw .loginRequired(status: status, url: client.displayURL(request.path),
                        usernameSource: connection.usernameSource, passwordSource: connection.passwordSource)
                }
                if (error.status == 401 || error.status == 403) && !renew {
                    renew = true
                    continue
                }
                throw .request(error)
            }
        }
    }

    private func call(_ request: RESTRequest) async throws(AirflowAPIError) -> JSONValue {
        let response = try await send(request)
        guard let body = response.body else {
            throw .unexpectedResponse(what: "an empty body where JSON was expected", url: baseURL + request.path)
        }
        return body
    }

    private func decode<T>(_ path: String, _ read: () throws(JSONShapeError) -> T) throws(AirflowAPIError) -> T {
        do {
            return try read()
        } catch {
            throw .unexpectedResponse(what: error.description, url: baseURL + path)
        }
    }

    /// A dag_id or token as one path segment, never more.
    static func segment(_ name: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }

    static func queryValue(_ value: String) -> String { segment(value) }
}
