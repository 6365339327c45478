import FlowManifest
import Foundation

/// Where a command runs, for the journal and the lock: the machine, the CI job
/// when there is one, and the acme-scan version. In CI every run starts from a
/// fresh clone, so "who" alone (the commit's author, often a bot) does not say
/// which pipeline did what.
public struct RunOrigin: Sendable, Equatable {
    public var host: String
    /// The CI system, e.g. `github-actions`, `gitlab-ci`; nil outside CI.
    public var ciProvider: String?
    /// The job within it, e.g. a run id and attempt; nil when the system names none.
    public var ciJob: String?
    /// Where the job's page is, when the system says.
    public var ciURL: String?
    public var acmeScanVersion: String

    /// Read from the process environment (`variables`) and the machine.
    public init(variables: [String: String] = ProcessInfo.processInfo.environment, host: String = RunOrigin.hostName()) {
        self.host = host
        acmeScanVersion = Generator.version
        func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        func joined(_ parts: String?...) -> String? {
            let present = parts.compactMap { $0 }
            return present.isEmpty ? nil : present.joined(separator: " ")
        }
        // Each system's own variables, as its documentation names them; the first that matches wins.
        if value("GITHUB_ACTIONS") == "true" {
            ciProvider = "github-actions"
            ciJob = joined(value("GITHUB_REPOSITORY"), value("GITHUB_WORKFLOW"), value("GITHUB_RUN_ID").map { "run \($0)" },
                value("GITHUB_RUN_ATTEMPT").map { "attempt \($0)" }, value("GITHUB_JOB").map { "job \($0)" })
            if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"), let run = value("GITHUB_RUN_ID") {
                ciURL = "\(server)/\(repository)/actions/runs/\(run)"
            }
        } else if value("GITLAB_CI") != nil {
            ciProvider = "gitlab-ci"
            ciJob = joined(value("CI_PROJECT_PATH"), value("CI_PIPELINE_ID").map { "pipeline \($0)" }, value("CI_JOB_ID").map { "job \($0)" },
                value("CI_JOB_NAME").map { "(\($0))" })
            ciURL = value("CI_JOB_URL")
        } else if value("BUILDKITE") == "true" {
            ciProvider = "buildkite"
            ciJob = joined(value("BUILDKITE_PIPELINE_SLUG"), value("BUILDKITE_BUILD_NUMBER").map { "build \($0)" },
                value("BUILDKITE_JOB_ID").map { "job \($0)" })
            ciURL = value("BUILDKITE_BUILD_URL")
        } else if value("CIRCLECI") == "true" {
            ciProvider = "circleci"
            ciJob = joined(value("CIRCLE_PROJECT_REPONAME"), value("CIRCLE_BUILD_NUM").map { "build \($0)" }, value("CIRCLE_JOB").map { "job \($0)" })
            ciURL = value("CIRCLE_BUILD_URL")
        } else if value("TF_BUILD")?.lowercased() == "true" {
            ciProvider = "azure-pipelines"
            ciJob = joined(value("BUILD_DEFINITIONNAME"), value("BUILD_BUILDID").map { "build \($0)" }, value("SYSTEM_JOBID").map { "job \($0)" })
            if let collection = value("SYSTEM_COLLECTIONURI"), let project = value("SYSTEM_TEAMPROJECT"), let build = value("BUILD_BUILDID") {
                ciURL = "\(collection)\(project)/_build/results?buildId=\(build)"
            }
        } else if value("BITBUCKET_BUILD_NUMBER") != nil {
            ciProvider = "bitbucket-pipelines"
            ciJob = joined(value("BITBUCKET_REPO_FULL_NAME"), value("BITBUCKET_BUILD_NUMBER").map { "build \($0)" },
                value("BITBUCKET_STEP_UUID").map { "step \($0)" })
        } else if value("JENKINS_URL") != nil {
            ciProvider = "jenkins"
            ciJob = value("BUILD_TAG") ?? joined(value("JOB_NAME"), value("BUILD_NUMBER").map { "#\($0)" })
            ciURL = value("BUILD_URL")
        } else if value("TEAMCITY_VERSION") != nil {
            ciProvider = "teamcity"
            ciJob = joined(value("TEAMCITY_BUILDCONF_NAME"), value("BUILD_NUMBER").map { "build \($0)" })
        } else if value("TRAVIS") == "true" {
            ciProvider = "travis-ci"
            ciJob = joined(value("TRAVIS_REPO_SLUG"), value("TRAVIS_JOB_ID").map { "job \($0)" })
            ciURL = value("TRAVIS_JOB_WEB_URL")
        } else if let flag = value("CI"), !["false", "0"].contains(flag.lowercased()) {
            // A CI system this list does not know still says it is one (CI=true); its job id, if any, under a common name.
            ciProvider = "ci"
            ciJob = value("CI_JOB_ID") ?? value("BUILD_ID") ?? value("BUILD_NUMBER")
        }
    }

    /// The CI job in a few words for the lock's holder, e.g. `github-actions acme/etl deploy run 42 attempt 1`.
    public var ciSummary: String? {
        guard let ciProvider else { return nil }
        return ciJob.map { "\(ciProvider) \($0)" } ?? ciProvider
    }

    /// gethostname(2): no name service lookup, which may hang on a runner without DNS.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }
}
