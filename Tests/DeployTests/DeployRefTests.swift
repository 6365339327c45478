import DeployRegistry
import Foundation
import PythonSyntax
import Testing
import TestSupport

/// `deploy --ref`: the release at a branch, tag or commit, built from git's
/// objects, whatever is checked out or uncommitted (the acme-portal extension's
/// Deploy), on the embedded local backend through the built binary.
@Suite struct DeployRefTests {
    func registry(_ project: GitProject) throws -> SQLiteRegistry {
        try SQLiteRegistry(path: project.url.appendingPathComponent(".acme-scan/registry.sqlite").path)
    }

    /// main holds the first release; HEAD is a feature branch that moved on, with uncommitted edits.
    func projectOnAFeatureBranch() throws -> (GitProject, main: String) {
        let project = try LocalDeployTests.project()
        let main = try project.head()
        try project.git("checkout", "-q", "-b", "feature")
        try project.write("acme.toml", LocalDeployTests.settings.replacingOccurrences(of: "team-data", with: "team-feature"))
        try project.write("flows/new.py", "from prefect import flow\n\n@flow\ndef brand_new():\n    pass\n")
        try project.commit("feature")
        try project.write("flows/etl.py", LocalDeployTests.flows + "\n# not committed\n")
        return (project, main)
    }

    @Test func deploysTheCommitOfTheRefNotTheWorkingTree() throws {
        let (project, main) = try projectOnAFeatureBranch()
        let result = try project.acmeScan(["deploy", "--ref", "main", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try LocalDeployTests.actions(result) == ["etl-daily": "created", "report": "created"],
            "main's flows: brand-new is only on the feature branch")
        let stored = try registry(project).localDeployments(environment: "dev")
        #expect(stored.map(\.name) == ["acme--main--etl-daily--dev", "acme--main--report--dev"], "named after the ref's branch")
        #expect(stored.allSatisfy { $0.commit == main && $0.branch == "main" })
        #expect(stored.allSatisfy { $0.fields.contains("\"team-data\"") && !$0.fields.contains("team-feature") },
            "settings from the ref's acme.toml")
        #expect(try registry(project).events().allSatisfy { !$0.dirty }, "what is uncommitted was not deployed")
        #expect(try project.git("rev-parse", "--abbrev-ref", "HEAD").stdout.hasPrefix("feature"))
        #expect(try project.git("status", "--porcelain").stdout.contains("flows/etl.py"), "the working tree is untouched")
        let again = try project.acmeScan(["deploy", "report", "--ref", "main", "--format", "json"])
        #expect(try LocalDeployTests.actions(again) == ["report": "unchanged"])
    }

    @Test func aTagOrCommitIsNamedAfterHEADsBranch() throws {
        let (project, main) = try projectOnAFeatureBranch()
        try project.git("tag", "v1", main)
        let result = try project.acmeScan(["deploy", "etl_daily", "--ref", "v1", "--env", "tst", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try registry(project).localDeployments(environment: "tst")
        #expect(stored.map(\.name) == ["acme--feature--etl-daily--tst"] && stored.allSatisfy { $0.commit == main })
    }

    @Test func resultsCarryTheDeploymentsURL() throws {
        let project = try LocalDeployTests.project()
        let result = try project.acmeScan(["deploy", "--ref", "HEAD", "--format", "json"])
        let registryURL = project.url.appendingPathComponent(".acme-scan/registry.sqlite").standardizedFileURL.absoluteString
        let urls = try LocalDeployTests.json(result)["results"]?.arrayValue?.compactMap { $0["url"]?.stringValue }
        #expect(urls == [registryURL, registryURL], "the local backend's URL is its registry file")
    }

    @Test func badRefsAreRefused() throws {
        let (project, _) = try projectOnAFeatureBranch()
        let unknown = try project.acmeScan(["deploy", "--ref", "no-such-branch"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--ref: no branch, tag or commit is named 'no-such-branch'"))
        let flow = try project.acmeScan(["deploy", "brand-new", "--ref", "main"])
        #expect(flow.status == 2 && flow.stderr.contains("no deployable flow or DAG is named 'brand-new'"),
            "a flow added after the ref is not in its release: \(flow.stderr)")
        try project.write("acme.toml", LocalDeployTests.settings + "\n[[environments]]\nname = \"uat\"\nbackend = \"local\"\n")
        try project.commit("uat")
        let environment = try project.acmeScan(["deploy", "--ref", "main", "--env", "uat"])
        #expect(environment.status == 2 && environment.stderr.contains("the acme.toml of commit"))
        #expect(environment.stderr.contains("has no environment 'uat' (added later? deploy a later commit)"))
        #expect(try registry(project).events().isEmpty)
    }
}
