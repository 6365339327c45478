import Deployer
import Foundation
import Testing

/// Where a run happened, as the journal records it: each CI system by its own variables.
@Suite struct RunOriginTests {
    @Test func githubActionsNamesTheRunAndItsPage() {
        let origin = RunOrigin(variables: ["CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/etl", "GITHUB_WORKFLOW": "deploy",
            "GITHUB_RUN_ID": "99", "GITHUB_RUN_ATTEMPT": "2", "GITHUB_JOB": "ship", "GITHUB_SERVER_URL": "https://github.com"], host: "runner-7")
        #expect(origin.host == "runner-7" && origin.ciProvider == "github-actions")
        #expect(origin.ciJob == "acme/etl deploy run 99 attempt 2 job ship")
        #expect(origin.ciURL == "https://github.com/acme/etl/actions/runs/99")
        #expect(origin.ciSummary == "github-actions acme/etl deploy run 99 attempt 2 job ship")
        #expect(!origin.acmeScanVersion.isEmpty)
    }

    @Test func gitlabBuildkiteAndJenkinsToo() {
        let gitlab = RunOrigin(variables: ["GITLAB_CI": "true", "CI_PROJECT_PATH": "acme/etl", "CI_PIPELINE_ID": "7", "CI_JOB_ID": "31",
            "CI_JOB_NAME": "deploy", "CI_JOB_URL": "https://gitlab.example/acme/etl/-/jobs/31"], host: "h")
        #expect(gitlab.ciProvider == "gitlab-ci" && gitlab.ciJob == "acme/etl pipeline 7 job 31 (deploy)" && gitlab.ciURL?.hasSuffix("/jobs/31") == true)
        let buildkite = RunOrigin(variables: ["BUILDKITE": "true", "BUILDKITE_PIPELINE_SLUG": "etl", "BUILDKITE_BUILD_NUMBER": "12",
            "BUILDKITE_JOB_ID": "abc", "BUILDKITE_BUILD_URL": "https://buildkite.example/etl/builds/12"], host: "h")
        #expect(buildkite.ciProvider == "buildkite" && buildkite.ciJob == "etl build 12 job abc")
        let jenkins = RunOrigin(variables: ["JENKINS_URL": "https://ci.example/", "BUILD_TAG": "jenkins-etl-5", "BUILD_URL": "https://ci.example/job/etl/5/"],
            host: "h")
        #expect(jenkins.ciProvider == "jenkins" && jenkins.ciJob == "jenkins-etl-5" && jenkins.ciURL == "https://ci.example/job/etl/5/")
    }

    @Test func anUnknownCIAndNoCI() {
        let generic = RunOrigin(variables: ["CI": "true", "CI_JOB_ID": "5"], host: "h")
        #expect(generic.ciProvider == "ci" && generic.ciJob == "5" && generic.ciURL == nil)
        let none = RunOrigin(variables: ["CI": "false", "HOME": "/root"], host: "laptop")
        #expect(none.ciProvider == nil && none.ciJob == nil && none.ciSummary == nil && none.host == "laptop")
        #expect(!RunOrigin.hostName().isEmpty)
    }
}
