import AirflowAPI
@testable import Deployer
import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// The Airflow backend's parts that need no server: judging what Airflow reports
/// after a publish, the release folders and their link, and the settings.
struct AirflowReleaseTests {
    static let commit = String(repeating: "a", count: 40)

    static func check(_ mode: ParseCheck.Mode = .folder, before: [AirflowDAG] = [], undeployed: [String: String] = [:]) -> ParseCheck {
        ParseCheck(mode: mode, expected: [.init(dagID: "etl", file: "etl.py", tags: ["team"]), .init(dagID: "report", file: "report.py", tags: [])],
            before: Dictionary(before.map { ($0.dagID, $0) }, uniquingKeysWith: { first, _ in first }), errorsBefore: [],
            dynamicFiles: ["loop.py"], undeployed: undeployed)
    }

    @Test func aDAGCountsOnlyOnceAirflowParsedItFromTheRelease() {
        let old = AirflowDAG(dagID: "etl", relativeFileloc: "etl.py", tags: ["team"], lastParsedTime: "2026-12-03T10:00:00.000000Z")
        let check = Self.check(before: [old])
        let unparsed = check.evaluate(dags: [old], errors: [])
        #expect(!unparsed.settled && unparsed.outcomes["etl"] == nil, "parsed before the switch: not from the release")
        var parsed = old
        parsed.lastParsedTime = "2026-12-03T10:00:05.000000Z"
        let error = AirflowImportError(filename: "report.py", bundleName: "dags-folder",
            stackTrace: "Traceback (most recent call last):\n  File \"report.py\", line 2\nModuleNotFoundError: No module named 'x'\n", timestamp: "t")
        let verdict = check.evaluate(dags: [parsed], errors: [error])
        #expect(verdict.settled)
        #expect(verdict.outcomes["etl"] == .live(parsed))
        #expect(verdict.outcomes["report"] == .failed("Airflow could not load report.py: ModuleNotFoundError: No module named 'x'"))
    }

    @Test func missingTagsFailAndBundleModeNeedsTheCommit() {
        let check = Self.check(.branch(commit: Self.commit))
        let behind = AirflowDAG(dagID: "etl", relativeFileloc: "repo/etl.py", bundleVersion: "b", tags: ["team"])
        #expect(check.evaluate(dags: [behind], errors: []).outcomes["etl"] == nil)
        var untagged = behind
        untagged.bundleVersion = Self.commit
        untagged.tags = []
        let verdict = check.evaluate(dags: [untagged], errors: [])
        #expect(verdict.outcomes["etl"] == .failed("Airflow loaded it without the tags acme.toml requires: team; add them to the DAG"))
        #expect(ParseCheck.names("repo/etl.py", "etl.py") && !ParseCheck.names("repo/xetl.py", "etl.py"))
    }

    @Test func onlyAnUndeployedDAGOfTheReleaseIsLeftOver() {
        let check = Self.check(undeployed: ["skipped": "skipped.py"])
        let dags = [
            AirflowDAG(dagID: "etl", relativeFileloc: "etl.py", tags: ["team"]), AirflowDAG(dagID: "report", relativeFileloc: "report.py"),
            AirflowDAG(dagID: "skipped", relativeFileloc: "skipped.py"), AirflowDAG(dagID: "gone", relativeFileloc: "old.py"),
            AirflowDAG(dagID: "made_in_a_loop", relativeFileloc: "loop.py"), AirflowDAG(dagID: "stale", isStale: true),
        ]
        let verdict = check.evaluate(dags: dags, errors: [])
        #expect(verdict.settled)
        #expect(verdict.leftovers.map(\.dagID) == ["skipped"])
        #expect(verdict.pendingLeftovers == ["gone"], "a DAG of an older file goes stale on Airflow's time, not waited for")
    }

    @Test func publishingSwitchesTheLinkAndKeepsEarlierReleases() throws {
        let folder = try TemporaryFolder()
        let releases = ReleaseFolder(path: folder.url.appendingPathComponent("dags").path)
        #expect(try releases.live() == nil && releases.problems().isEmpty)
        var commits: [String] = []
        for index in 0..<7 {
            let commit = String(repeating: String(index), count: 40)
            commits.append(commit)
            try releases.publish(.init(commit: commit, branch: "main", project: "p", publishedAt: "2026-12-03T10:00:0\(index).000Z")) { target in
                try Data("# release \(index)\n".utf8).write(to: target.appendingPathComponent("etl.py"))
            }
            #expect(try releases.live()?.commit == commit)
            #expect(try String(contentsOf: folder.url.appendingPathComponent("dags/etl.py"), encoding: .utf8) == "# release \(index)\n")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.url.appendingPathComponent("dags").path)
            == "dags.releases/\(commits[6])", "relative, so the pair can move together")
        #expect(commits.filter(releases.hasRelease) == Array(commits.suffix(ReleaseFolder.kept)))
        let leftBehind = try FileManager.default.contentsOfDirectory(atPath: releases.releases.path).filter { $0.hasPrefix(".") }
        #expect(leftBehind.isEmpty, "no temporary folder or link is left: \(leftBehind)")
        #expect(try releases.live()?.marker?.branch == "main")
    }

    @Test func aRealFolderAtTheDagsPathIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.write("dags/mine.py", "x = 1\n")
        let releases = ReleaseFolder(path: folder.url.appendingPathComponent("dags").path)
        #expect(releases.problems().first?.contains("is a folder, not a link acme-scan made: move it away") == true)
        #expect(throws: BackendError.self) {
            try releases.publish(.init(commit: Self.commit, branch: "main", project: "p", publishedAt: "t")) { _ in }
        }
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("dags/mine.py").path))
    }

    @Test func anAirflowEnvironmentPublishesOneWay() throws {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", """
            [[environments]]
            name = "dev"
            backend = "airflow"
            dags-folder = "/srv/dags"
            repository = "git@example.com:acme/dags.git"

            [[environments]]
            name = "prod"
            backend = "airflow"
            repository = "/srv/dags.git"
            source = "dags"
            """)
        let messages = try ProjectConfiguration.load(from: folder.url).problems(for: .deploy).map(\.description)
        #expect(messages.contains { $0.hasSuffix("acme.toml:5:14: error: environment 'dev' sets both dags-folder and repository: publish to a folder or to a GitDagBundle's branch, not both") },
            "\(messages)")
        #expect(messages.contains { $0.contains("environment 'prod': repository needs bundle") })
        #expect(messages.contains { $0.contains("environment 'prod': source applies to dags-folder mode") })
    }
}

extension AirflowReleaseTests {
    /// The JWT's `exp` decides when the token is renewed; a token that does not parse gets the default.
    @Test func theTokenExpiryIsReadFromTheJWT() throws {
        func base64URL(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let token = base64URL("{\"alg\":\"HS512\"}") + "." + base64URL("{\"sub\":\"1\",\"exp\":1796300000}") + ".signature"
        #expect(JWT.expiry(of: token) == Date(timeIntervalSince1970: 1_796_300_000))
        #expect(JWT.expiry(of: "not-a-jwt") == nil)
    }
}

extension AirflowReleaseTests {
    /// Neither credential variable: no login (a development Airflow with all-admins needs none).
    /// One of the two without the other is a mistake, said as such.
    @Test func withoutACredentialVariableThereIsNoLogin() throws {
        let open = try AirflowConnection.fromEnvironment(["AIRFLOW_API_URL": "http://127.0.0.1:9/api/v2/", "AIRFLOW_USERNAME": ""])
        #expect(open.username == nil && open.apiURL == "http://127.0.0.1:9")
        #expect(open.description == "Airflow API at http://127.0.0.1:9, without a login")
        let named = try AirflowConnection.fromEnvironment([:], apiURL: "http://127.0.0.1:9", usernameVariable: "U", passwordVariable: "P")
        #expect(named.username == nil && named.usernameSource == "U" && named.passwordSource == "P")
        #expect(AirflowAPIError.loginRequired(status: 401, url: "http://127.0.0.1:9/api/v2/version", usernameSource: "U", passwordSource: "P")
            .description == "http://127.0.0.1:9/api/v2/version answered 401 to a request without a login: this Airflow needs one; set U and P to its user and password")
        #expect(throws: AirflowAPIError.self) { _ = try AirflowConnection.fromEnvironment(["AIRFLOW_USERNAME": "admin"], apiURL: "http://127.0.0.1:9") }
        do {
            _ = try AirflowConnection.fromEnvironment(["AIRFLOW_PASSWORD": "s3cret"], apiURL: "http://127.0.0.1:9")
            Issue.record("a password without a user was taken")
        } catch {
            #expect(String(describing: error) == "no Airflow user: set AIRFLOW_USERNAME (AIRFLOW_PASSWORD is set, for that user)")
        }
        let withLogin = try AirflowConnection.fromEnvironment(["AIRFLOW_USERNAME": "admin", "AIRFLOW_PASSWORD": "s3cret"], apiURL: "http://127.0.0.1:9")
        #expect(withLogin.username == "admin" && !withLogin.description.contains("s3cret"))
    }
}
