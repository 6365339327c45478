import DeploymentModel
import Foundation
import PrefectAPI
import ProjectConfiguration
import PythonSyntax
import RESTClient

/// A Prefect server (or Prefect Cloud) over its REST API, with no Python.
/// Every deployment is sent whole (a partial upsert resets schedules and
/// parameters), after the flow is created or found, and only when what the
/// server holds differs from it. Credentials come from environment variables only.
public struct PrefectBackend: DeploymentBackend {
    public let environment: Environment
    let client: PrefectClient
    /// Flow name -> id, of the flows a deploy found on the server in one read before
    /// applying its plan (``applyPlan(_:options:journal:log:)``); any other flow is
    /// created (or got) by its deployment's `apply`.
    var knownFlowIDs: [String: String] = [:]

    /// `variables` is the process environment: the API URL (unless the environment
    /// has `api-url`) and the credential are read from it, never from a file.
    public init(environment: Environment, variables: [String: String], logger: (@Sendable (String) -> Void)? = nil) throws {
        self.environment = environment
        let authVariable = environment.authStringVariable ?? PrefectConnection.authStringVariable
        let keyVariable = environment.apiKeyVariable ?? PrefectConnection.apiKeyVariable
        for named in [environment.authStringVariable, environment.apiKeyVariable].compactMap({ $0 })
        where (variables[named] ?? "").isEmpty && [environment.authStringVariable, environment.apiKeyVariable].compactMap({ $0 })
            .allSatisfy({ (variables[$0] ?? "").isEmpty })
        {
            throw BackendError("environment '\(environment.name)' takes its credential from \(named), which is not set")
        }
        do {
            let connection = try PrefectConnection.fromEnvironment(variables, apiURL: environment.apiURL,
                authStringVariable: authVariable, apiKeyVariable: keyVariable)
            var configuration = PrefectClient.defaultConfiguration
            configuration.maximumWritesInFlight = environment.writesInFlight ?? configuration.maximumWritesInFlight
            client = try PrefectClient(connection: connection, configuration: configuration, logger: logger)
        } catch {
            throw BackendError("environment '\(environment.name)': \(error)")
        }
    }

    public func deployments(project: String) async throws -> [LiveDeployment] {
        let found = try await run { try await client.deployments(taggedWithAll: ReleaseTags.scope(project: project, environment: environment.name)) }
        let flows = try await run { try await client.flowNames(ids: found.map(\.flowID)) }
        return found.map { live in
            let tags = live.tags
            return LiveDeployment(id: live.id, name: live.name, flow: flows[live.flowID] ?? live.flowID, environment: environment.name,
                branch: ReleaseTags.value(ReleaseTags.branch, in: tags), commit: ReleaseTags.value(ReleaseTags.commit, in: tags),
                version: live.version, paused: live.paused, created: live.created, updated: live.updated, url: url(of: live.id),
                fields: Self.fields(of: live), native: .prefect(live))
        }
    }

    public func changes(from live: LiveDeployment, to desired: DesiredDeployment) -> [DeploymentModel.FieldChange] {
        guard case .prefect(let native)? = live.native else { return [DeploymentModel.FieldChange(field: "deployment", old: nil, new: .string(desired.name))] }
        return PrefectAPI.changes(from: native, to: Self.body(desired, flowID: native.flowID))
            .map { DeploymentModel.FieldChange(field: $0.field, old: $0.old, new: $0.new) }
    }

    public func preflight(_ desired: [DesiredDeployment]) async throws -> [String] {
        var problems: [String] = []
        for pool in Set(desired.compactMap(\.fields.workPool)).sorted() {
            if try await run({ try await client.workPool(named: pool) }) == nil {
                problems.append(PrefectAPIError.workPoolNotFound(name: pool, apiURL: client.rest.baseURL).description)
            }
        }
        // `prefect deploy` fills `{{ build-step.image }}` from the build steps it runs; acme-scan runs none.
        for deployment in desired {
            let text = JSONValue.object(deployment.fields.jobVariables).serialized(indent: nil)
                + JSONValue.array(deployment.fields.pullSteps).serialized(indent: nil)
            if text.contains("{{") {
                problems.append("\(deployment.name): its job variables or pull steps hold {{ ... }} templates that `prefect deploy` fills from build steps; acme-scan runs none: set `image` to the image built for the commit (e.g. \"ghcr.io/org/app:{short_commit}\")")
            }
        }
        return problems
    }

    /// Before any deployment is sent, finds the flows the plan creates deployments of
    /// in one read (`POST /flows/filter`), instead of a `POST /flows/` write per
    /// deployment, each waiting for the one write slot. A flow the read does not find
    /// (or every flow, when the read fails) is created or found by its deployment's
    /// `apply`, which succeeds or fails on its own, as before.
    public func applyPlan(_ plan: [PlanItem], options: ApplyOptions, journal: JournalContext,
        log: @escaping @Sendable (String) -> Void) async -> [DeployResult]
    {
        var backend = self
        let creating = Set(plan.filter { $0.action == .create }.compactMap(\.desired?.flow))
        if !creating.isEmpty, let found = try? await client.flowIDs(named: creating.sorted()) {
            backend.knownFlowIDs = found
        }
        return await Engine.apply(plan, backend: backend, journal: journal, failure: log)
    }

    public func apply(_ desired: DesiredDeployment, replacing live: LiveDeployment?) async throws -> LiveDeployment {
        let flowID: String
        if case .prefect(let native)? = live?.native {
            flowID = native.flowID
        } else if let known = knownFlowIDs[desired.flow] {
            flowID = known
        } else {
            flowID = try await run { try await client.flowID(named: desired.flow) }
        }
        let upserted = try await run { try await client.upsert(Self.body(desired, flowID: flowID)) }
        return LiveDeployment(id: upserted.id, name: desired.name, flow: desired.flow, environment: environment.name,
            branch: desired.release.branch, commit: desired.release.commit, version: desired.fields.version, paused: desired.fields.paused,
            created: nil, updated: nil, url: url(of: upserted.id), fields: desired.fields)
    }

    public func delete(_ live: LiveDeployment) async throws {
        _ = try await run { try await client.deleteDeployment(id: live.id) }
    }

    public func hasCompletedRun(_ live: LiveDeployment) async throws -> Bool {
        guard let run = try await run({ try await client.latestCompletedRun(deploymentID: live.id) }) else { return false }
        return run.deploymentVersion == live.version
    }

    /// The deployment's page in the server's UI: the API URL without `/api`.
    private func url(of id: String) -> String {
        var base = client.rest.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/api") { base.removeLast(4) }
        return "\(base)/deployments/deployment/\(id)"
    }

    /// The PrefectAPI error, as the one line a backend reports.
    private func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw BackendError(String(describing: error))
        }
    }

    // MARK: The desired deployment in Prefect's words

    static func body(_ desired: DesiredDeployment, flowID: String) -> PrefectDeploymentBody {
        let fields = desired.fields
        // `prefect deploy` leaves an empty `definitions` out of the schema it sends; the server keeps what it is sent.
        var schema = fields.parameterSchema
        if case .object(var members) = schema, members["definitions"] == .object([:]) {
            members["definitions"] = nil
            schema = .object(members)
        }
        return PrefectDeploymentBody(name: desired.name, flowID: flowID, entrypoint: fields.entrypoint, description: fields.description,
            version: fields.version, tags: fields.tags, parameters: fields.parameters, parameterOpenAPISchema: schema,
            enforceParameterSchema: true, workPoolName: fields.workPool, workQueueName: fields.workQueue,
            jobVariables: fields.jobVariables, schedules: fields.schedules.map(schedule), pullSteps: fields.pullSteps,
            paused: fields.paused ?? false, concurrencyLimit: fields.concurrencyLimit)
    }

    static func schedule(_ schedule: Schedule) -> PrefectSchedule {
        let rule: PrefectSchedule.Rule
        switch schedule.rule {
        case .cron(let expression): rule = .cron(expression, dayOr: nil)
        case .interval(let value): rule = .interval(seconds: seconds(value), anchorDate: schedule.anchorDate)
        case .rrule(let text): rule = .rrule(text)
        }
        return PrefectSchedule(rule, timezone: schedule.timezone, active: schedule.active ?? true, slug: schedule.slug,
            parameters: schedule.parameters ?? [:])
    }

    private static func seconds(_ value: JSONValue) -> Double {
        switch value {
        case .int(let seconds): Double(seconds)
        case .double(let seconds): seconds
        case .string(let text): ScheduleSyntax.intervalSeconds(text) ?? 0
        default: 0
        }
    }

    static func schedule(_ live: PrefectSchedule) -> Schedule {
        let rule: Schedule.Rule
        var anchor: String?
        switch live.rule {
        case .cron(let expression, _): rule = .cron(expression)
        case .interval(let seconds, let anchorDate):
            rule = .interval(seconds == seconds.rounded() ? .int(Int(seconds)) : .double(seconds))
            anchor = anchorDate
        case .rrule(let text): rule = .rrule(text)
        }
        var schedule = Schedule(rule: rule, timezone: live.timezone, active: live.active, anchorDate: anchor)
        schedule.slug = live.slug
        schedule.parameters = live.parameters.isEmpty ? nil : live.parameters
        return schedule
    }

    /// The live deployment in the desired model's terms, for the matrix and its drift.
    static func fields(of live: PrefectAPI.LiveDeployment) -> DeploymentFields {
        DeploymentFields(entrypoint: live.entrypoint ?? "", description: live.description, version: live.version ?? "", tags: live.tags,
            parameters: live.parameters, parameterSchema: live.parameterOpenAPISchema ?? [:], workPool: live.workPoolName,
            workQueue: live.workQueueName, jobVariables: live.jobVariables,
            schedules: live.schedules.map { schedule($0.schedule) },
            paused: live.paused, concurrencyLimit: live.concurrencyLimit, pullSteps: live.pullSteps ?? [])
    }
}
