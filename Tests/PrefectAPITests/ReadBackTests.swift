import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import Testing
import TestSupport

/// The foundations of idempotence and drift: a deployment upserted from a body
/// compares equal to that body, and a field changed on the server by hand is
/// named, alone. Every rewrite the server makes on read-back (ReadBack.swift)
/// is exercised by one of these bodies.
@Suite(.enabled(if: TestServers.prefectEnabled)) struct ReadBackTests {
    static let pool = "acme-readback-pool"
    static let otherPool = "acme-readback-other-pool"

    /// Bodies covering every schedule kind and every optional field, with and without.
    static func bodies(flowID: String) -> [PrefectDeploymentBody] {
        let schema: JSONValue = [
            "title": "Parameters", "type": "object",
            "properties": [
                "source": ["title": "source", "position": 0, "type": "string"],
                "limit": ["title": "limit", "position": 1, "type": "integer", "default": 100],
            ],
            "required": ["source"], "definitions": [:],
        ]
        let full = PrefectDeploymentBody(
            name: unique("full"), flowID: flowID, entrypoint: "flows/etl.py:etl_daily", description: "Daily ETL",
            version: "main-abc1234", tags: ["PROJECT_NAME=etl", "BRANCH_NAME=main", "env:dev", "a-tag", "env:dev"],
            parameters: ["source": "s3://dev/raw", "limit": 500, "ratio": 1.0, "tiny": 1.5e-7,
                "nested": ["b": [1, 2], "a": nil], "text": "ü€😀 \"quoted\"\n"],
            parameterOpenAPISchema: schema, enforceParameterSchema: true, workPoolName: pool,
            workQueueName: "etl-queue", jobVariables: ["env": ["APP_ENV": "dev", "DEPLOYMENT_NAME": "full"]],
            schedules: [
                PrefectSchedule(.cron("0 6 * * *", dayOr: nil), timezone: "Europe/Berlin"),
                PrefectSchedule(.cron("0 6 * * 1-5", dayOr: false)),
                PrefectSchedule(.cron("@daily", dayOr: true), timezone: "UTC", active: false),
                PrefectSchedule(.interval(seconds: 3600, anchorDate: nil)),
                PrefectSchedule(.interval(seconds: 900.5, anchorDate: "2026-01-01T00:00:00+01:00")),
                PrefectSchedule(.interval(seconds: 60, anchorDate: "2026-01-01T00:00:00"), timezone: "Europe/Berlin"),
                PrefectSchedule(.interval(seconds: 86400, anchorDate: "2026-03-01")),
                PrefectSchedule(.interval(seconds: 120, anchorDate: "2026-01-01T06:30:00.250Z")),
                PrefectSchedule(.rrule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9"), timezone: "America/New_York",
                    slug: "weekly", parameters: ["limit": 3]),
                PrefectSchedule(.rrule("DTSTART:20240101T090000\nRRULE:FREQ=DAILY")),
                PrefectSchedule(.rrule("FREQ=MINUTELY;INTERVAL=30")),
                PrefectSchedule(.rrule("FREQ=MINUTELY;COUNT=5")),
            ],
            pullSteps: [
                ["prefect.deployments.steps.git_clone": ["repository": "https://github.com/acme/etl.git",
                    "commit_sha": "abc1234def5678abc1234def5678abc1234def56"]],
                ["prefect.deployments.steps.set_working_directory": ["directory": "/opt/etl"]],
            ],
            paused: false, concurrencyLimit: 2,
            concurrencyOptions: ConcurrencyOptions(collisionStrategy: .cancelNew, gracePeriodSeconds: 120))
        return [
            full,
            PrefectDeploymentBody(name: unique("minimal"), flowID: flowID),
            PrefectDeploymentBody(name: unique("pool-only"), flowID: flowID, workPoolName: pool, paused: true),
            PrefectDeploymentBody(name: unique("queue-only"), flowID: flowID, workQueueName: unique("queue")),
            PrefectDeploymentBody(name: unique("empty-schema"), flowID: flowID, description: "", version: "",
                parameterOpenAPISchema: [:], enforceParameterSchema: false),
            PrefectDeploymentBody(name: unique("no-schema"), flowID: flowID, parameters: ["x": "anything"],
                parameterOpenAPISchema: nil, concurrencyLimit: 1,
                concurrencyOptions: ConcurrencyOptions(collisionStrategy: .enqueue)),
        ]
    }

    static func prepare() async throws -> (PrefectClient, flowName: String, flowID: String) {
        let client = try prefectClient()
        try await client.createWorkPool(named: pool)
        try await client.createWorkPool(named: otherPool)
        let flowName = unique("readback-flow")
        return (client, flowName, try await client.flowID(named: flowName))
    }

    @Test func anUpsertedBodyReadsBackWithNoChanges() async throws {
        let (client, flowName, flowID) = try await Self.prepare()
        for body in Self.bodies(flowID: flowID) {
            _ = try await client.upsert(body)
            let live = try #require(try await client.deployment(flowName: flowName, deploymentName: body.name))
            #expect(changes(from: live, to: body) == [], "\(body.name)")
            // Upserting again changes nothing either (schedules are recreated, anchors re-chosen).
            _ = try await client.upsert(body)
            let again = try #require(try await client.deployment(flowName: flowName, deploymentName: body.name))
            #expect(changes(from: again, to: body) == [], "\(body.name), second upsert")
        }
    }

    @Test func movingEveryFieldToItsDefaultIsApplied() async throws {
        // From the full body to the minimal one on the same deployment: a
        // complete body resets every field, the work pool included.
        let (client, flowName, flowID) = try await Self.prepare()
        let bodies = Self.bodies(flowID: flowID)
        var minimal = bodies[1]
        minimal.name = bodies[0].name
        _ = try await client.upsert(bodies[0])
        let updated = try await client.upsert(minimal)
        #expect(!updated.created)
        let live = try #require(try await client.deployment(flowName: flowName, deploymentName: minimal.name))
        #expect(changes(from: live, to: minimal) == [])
        #expect(live.workPoolName == nil && live.schedules.isEmpty && live.concurrencyLimit == nil)
    }

    @Test func aSchedulesMaximumOfRunsIsAcceptedButNotStored() async throws {
        // Why PrefectSchedule has no max_scheduled_runs: the open-source server drops it.
        let (client, flowName, flowID) = try await Self.prepare()
        let name = unique("max-runs")
        _ = try await client.rest.send(RESTRequest(.POST, "/deployments/", body: [
            "name": .string(name), "flow_id": .string(flowID),
            "schedules": [["schedule": ["cron": "0 6 * * *"], "max_scheduled_runs": 3]],
        ], idempotent: true))
        let live = try await client.rest.json(RESTRequest(.GET, "/deployments/name/\(flowName)/\(name)"))
        #expect(live["schedules"]?.arrayValue?.first?["max_scheduled_runs"] == .null)
    }

    /// A change made on the server by hand, and the one field it must show up as.
    static let handEdits: [(field: String, patch: JSONValue)] = [
        ("concurrency_limit", ["concurrency_limit": 7]),
        ("concurrency_options", ["concurrency_options": ["collision_strategy": "ENQUEUE"]]),
        ("description", ["description": "edited in the UI"]),
        ("enforce_parameter_schema", ["enforce_parameter_schema": false]),
        ("entrypoint", ["entrypoint": "flows/other.py:main"]),
        ("job_variables", ["job_variables": ["env": ["APP_ENV": "prod"]]]),
        ("parameter_openapi_schema", ["parameter_openapi_schema": ["type": "object", "properties": [:]]]),
        ("parameters", ["parameters": ["source": "s3://prod/raw", "limit": 500]]),
        ("paused", ["paused": true]),
        ("pull_steps", ["pull_steps": []]),
        ("schedules", ["schedules": [["schedule": ["cron": "0 7 * * *"], "active": true]]]),
        ("tags", ["tags": ["PROJECT_NAME=etl"]]),
        ("version", ["version": "main-fffffff"]),
        ("work_pool_name", ["work_pool_name": .string(otherPool), "work_queue_name": "etl-queue"]),
        // A queue named alone moves the deployment to the server's default-agent-pool: name the pool too.
        ("work_queue_name", ["work_pool_name": .string(pool), "work_queue_name": "other-queue"]),
    ]

    @Test func aFieldChangedByHandIsNamedAloneAndTheUpsertRepairsIt() async throws {
        let (client, flowName, flowID) = try await Self.prepare()
        let desired = Self.bodies(flowID: flowID)[0]
        for edit in Self.handEdits {
            let id = try await client.upsert(desired).id
            try await patchDeployment(client, id: id, edit.patch)
            let drifted = try #require(try await client.deployment(flowName: flowName, deploymentName: desired.name))
            #expect(changes(from: drifted, to: desired).map(\.field) == [edit.field], "PATCH \(edit.patch.serialized(indent: nil))")
            _ = try await client.upsert(desired)
            let repaired = try #require(try await client.deployment(flowName: flowName, deploymentName: desired.name))
            #expect(changes(from: repaired, to: desired) == [], "after repairing \(edit.field)")
        }
    }

    @Test func oneScheduleTurnedOffByHandIsASchedulesChange() async throws {
        let (client, flowName, flowID) = try await Self.prepare()
        let desired = Self.bodies(flowID: flowID)[0]
        _ = try await client.upsert(desired)
        let live = try #require(try await client.deployment(flowName: flowName, deploymentName: desired.name))
        let weekly = try #require(live.schedules.first { $0.schedule.slug == "weekly" }?.id)
        _ = try await client.rest.send(RESTRequest(.PATCH, "/deployments/\(live.id)/schedules/\(weekly)",
            body: ["active": false]), accepting: [204])
        let drifted = try #require(try await client.deployment(flowName: flowName, deploymentName: desired.name))
        let found = changes(from: drifted, to: desired)
        #expect(found.map(\.field) == ["schedules"])
        // Prefect 3.9.1: a PATCH of one schedule that names only `active` also
        // resets that schedule's parameters to {}.
        let old = found.first?.old.serialized(indent: nil) ?? ""
        #expect(old.contains(#"{"active":false,"parameters":{},"schedule":{"rrule":"DTSTART:20200101T000000\nFREQ=WEEKLY;BYDAY=MO;BYHOUR=9""#),
            "\(found)")
    }
}
