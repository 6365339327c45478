import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import Testing
import TestSupport

@Suite(.enabled(if: TestServers.prefectEnabled)) struct OperationsTests {
    @Test func healthAndVersion() async throws {
        let client = try prefectClient()
        #expect(try await client.isHealthy())
        #expect(try await client.serverVersion() == "3.9.1")
    }

    @Test func workPoolExistsOrIsNil() async throws {
        let client = try prefectClient()
        let name = unique("pool")
        #expect(try await client.workPool(named: name) == nil)
        #expect(try await client.createWorkPool(named: name))
        #expect(try await client.createWorkPool(named: name) == false)  // 409: already there
        let pool = try #require(try await client.workPool(named: name))
        #expect(pool.name == name && pool.type == "process" && !pool.isPaused)
    }

    @Test func flowsAreCreatedOrGotByName() async throws {
        let client = try prefectClient()
        let name = unique("flow")
        let first = try await client.flowID(named: name)
        let second = try await client.flowID(named: name)
        #expect(first == second)
        #expect(try await client.flowID(named: unique("other-flow")) != first)
    }

    @Test func flowIDsByNameAreTheCreateOrGetIdsOfFlowsThatExist() async throws {
        let client = try prefectClient()
        let names = (0..<3).map { unique("flow \($0) für?") }
        var created: [String: String] = [:]
        for name in names.prefix(2) { created[name] = try await client.flowID(named: name) }
        #expect(try await client.flowIDs(named: names) == created, "the third does not exist: left out")
        #expect(try await client.flowIDs(named: []) == [:])
        #expect(try await client.flowNames(ids: Array(created.values)) == Dictionary(uniqueKeysWithValues: created.map { ($1, $0) }))
    }

    @Test func upsertCreatesThenUpdatesTheSameDeployment() async throws {
        let client = try prefectClient()
        // Read back by name, so the names must survive the path: spaces, ?, #, non-ASCII.
        let flow = unique("flow? #1 für")
        let flowID = try await client.flowID(named: flow)
        var body = PrefectDeploymentBody(name: unique("deployment ?x=1"), flowID: flowID, version: "v1")
        #expect(try await client.deployment(flowName: flow, deploymentName: body.name) == nil)
        let created = try await client.upsert(body)
        #expect(created.created)
        body.version = "v2"
        let updated = try await client.upsert(body)
        #expect(!updated.created && updated.id == created.id)
        let live = try #require(try await client.deployment(flowName: flow, deploymentName: body.name))
        #expect(live.id == created.id && live.flowID == flowID && live.version == "v2")
        #expect(live.labels["prefect.flow.id"] == .string(flowID))  // added by the server
    }

    @Test func deleteReportsWhetherTheDeploymentWasThere() async throws {
        let client = try prefectClient()
        let flow = unique("flow")
        let body = PrefectDeploymentBody(name: unique("deployment"), flowID: try await client.flowID(named: flow))
        let id = try await client.upsert(body).id
        #expect(try await client.deleteDeployment(id: id))
        #expect(try await client.deleteDeployment(id: id) == false)
        #expect(try await client.deployment(flowName: flow, deploymentName: body.name) == nil)
    }

    @Test func filteringByTagsReadsEveryPageAndOnlyDeploymentsWithAllTags() async throws {
        let client = try prefectClient()
        let flowID = try await client.flowID(named: unique("flow"))
        let project = unique("project")
        let names = (0..<23).map { String(format: "dep-%02d", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in names {
                group.addTask {
                    _ = try await client.upsert(PrefectDeploymentBody(name: name, flowID: flowID, tags: [project, "env:dev"]))
                }
            }
            // Same project, other environment; and the environment tag alone: neither may be listed.
            group.addTask { _ = try await client.upsert(PrefectDeploymentBody(name: "prod", flowID: flowID, tags: [project, "env:prod"])) }
            group.addTask { _ = try await client.upsert(PrefectDeploymentBody(name: "stranger", flowID: flowID, tags: ["env:dev"])) }
            try await group.waitForAll()
        }
        let found = try await client.deployments(taggedWithAll: [project, "env:dev"], pageSize: 5)
        #expect(found.map(\.name) == names)
        #expect(try await client.deployments(taggedWithAll: [project]).count == 24)
    }

    @Test func moreDeploymentsThanTheServersPageLimitAreAllRead() async throws {
        // The server refuses a page over 200, so 201 deployments take two pages.
        let client = try prefectClient()
        let flowID = try await client.flowID(named: unique("flow"))
        let tag = unique("many")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<201 {
                group.addTask { _ = try await client.upsert(PrefectDeploymentBody(name: "d\(index)", flowID: flowID, tags: [tag])) }
            }
            try await group.waitForAll()
        }
        let found = try await client.deployments(taggedWithAll: [tag])
        #expect(found.count == 201)
        #expect(Set(found.map(\.id)).count == 201)
        do {
            _ = try await client.rest.send(RESTRequest(.POST, "/deployments/filter", body: ["limit": 201]))
            Issue.record("the server accepted a page of 201")
        } catch {
            #expect(error.status == 422)
        }
    }

    @Test func theLatestCompletedRunGivesTheVersionThatRan() async throws {
        let client = try prefectClient()
        var body = PrefectDeploymentBody(name: unique("deployment"), flowID: try await client.flowID(named: unique("flow")),
            version: "main-aaaaaaa")
        let id = try await client.upsert(body).id
        #expect(try await client.latestCompletedRun(deploymentID: id) == nil)
        let first = try await completedRun(client, deploymentID: id)
        body.version = "main-bbbbbbb"
        _ = try await client.upsert(body)
        // A run of the new version that has not finished does not count.
        let pending = try await completedRun(client, deploymentID: id, complete: false)
        #expect(try await client.latestCompletedRun(deploymentID: id)
            == PrefectClient.CompletedRun(id: first, deploymentVersion: "main-aaaaaaa"))
        let second = try await completedRun(client, deploymentID: id)
        #expect(second != pending)
        #expect(try await client.latestCompletedRun(deploymentID: id)
            == PrefectClient.CompletedRun(id: second, deploymentVersion: "main-bbbbbbb"))
    }
}
