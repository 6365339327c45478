import Foundation

/// An Airflow 3.3.2 started by `Tests/servers/airflow.sh`, known by its state folder:
/// its URL, admin's password, the dags-folder link acme-scan owns, and the bare
/// repository its GitDagBundle tracks.
public struct AirflowInstance: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    private func read(_ name: String) -> String {
        ((try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var url: String { read("url") }
    public var password: String { read("password") }
    /// The branch its GitDagBundle tracks.
    public var branch: String { read("branch") }
    public var dagsFolder: String { folder.appendingPathComponent("dags").path }
    public var bundleRepository: String { folder.appendingPathComponent("bundle.git").path }
    /// The variables acme-scan logs in with.
    public var credentials: [String: String] { ["AIRFLOW_USERNAME": "admin", "AIRFLOW_PASSWORD": password] }

    /// What the dags-folder link points at (a release folder's relative path), nil before the first publish.
    public var liveRelease: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: dagsFolder) }
}

extension TestServers {
    public static let airflowDevVariable = "ACME_TEST_AIRFLOW_DEV"
    public static let airflowProdVariable = "ACME_TEST_AIRFLOW_PROD"
    /// An Airflow started with `--all-admins` (`simple_auth_manager_all_admins = True`): no login.
    public static let airflowOpenVariable = "ACME_TEST_AIRFLOW_OPEN"

    /// Whether tests needing the two Airflow servers run (in CI always).
    public static var airflowEnabled: Bool {
        isCI || (environment[airflowDevVariable].map { !$0.isEmpty } ?? false)
    }

    /// Whether tests needing the Airflow without a login run (in CI always).
    public static var airflowOpenEnabled: Bool {
        isCI || (environment[airflowOpenVariable].map { !$0.isEmpty } ?? false)
    }

    private static func airflowInstance(_ name: String) throws -> AirflowInstance {
        guard let path = environment[name], !path.isEmpty else {
            throw Missing(description: "\(name) is not set: run the tests through `make test` (scripts/test.sh starts Airflow)"
                + (isCI ? " (CI=true: integration tests may not skip)" : ""))
        }
        return AirflowInstance(folder: URL(fileURLWithPath: path))
    }

    /// The dev (with a scheduler, for runs) and prod instances scripts/test.sh starts.
    public static func airflow() throws -> (dev: AirflowInstance, prod: AirflowInstance) {
        (try airflowInstance(airflowDevVariable), try airflowInstance(airflowProdVariable))
    }

    /// The instance with `simple_auth_manager_all_admins = True` scripts/test.sh starts.
    public static func openAirflow() throws -> AirflowInstance { try airflowInstance(airflowOpenVariable) }
}

/// An Airflow of one test's own, for tests that kill it, stopped when released.
public final class OwnedAirflowServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let instance: AirflowInstance

    public init() throws {
        folder = try TemporaryFolder()
        instance = AirflowInstance(folder: folder.url)
        try Self.script(["start", folder.url.path])
    }

    /// SIGKILL to every component: no shutdown, connections cut.
    public func kill() throws { try Self.script(["kill", folder.url.path]) }

    /// Starts it again with the same home, port and folders; returns when it answers.
    /// With `newJWTSecret`, every token it issued before is refused (401).
    public func restart(newJWTSecret: Bool = false) throws {
        try Self.script(["restart", folder.url.path] + (newJWTSecret ? ["--new-jwt-secret"] : []))
    }

    deinit { try? Self.script(["stop", folder.url.path]) }

    static func script(_ arguments: [String]) throws { try TestServers.runScript("airflow.sh", arguments) }
}
