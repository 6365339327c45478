import DeploymentModel
import PythonSyntax
import Testing

@Suite struct DesiredStateTests {
    let git = GitState(branch: "feature/x", commit: "0123456789abcdef0123456789abcdef01234567", remote: "https://github.com/acme/etl.git")

    @Test func imageTemplatesNameTheRelease() {
        #expect(ImageTemplate.expand("ghcr.io/acme/etl:{short_commit}", git: git) == .success("ghcr.io/acme/etl:0123456"))
        #expect(ImageTemplate.expand("etl:{commit}", git: git) == .success("etl:0123456789abcdef0123456789abcdef01234567"))
        #expect(ImageTemplate.expand("etl:{branch}-{short_commit}", git: git) == .success("etl:feature-x-0123456"))
        #expect(ImageTemplate.expand("etl:1.0", git: GitState(branch: "local")) == .success("etl:1.0"))
        guard case .failure(let noCommit) = ImageTemplate.expand("etl:{short_commit}", git: GitState(branch: "local")) else {
            Issue.record("a commit placeholder without a commit must fail")
            return
        }
        #expect(noCommit.description.contains("names the commit, but there is none"))
        guard case .failure(let unknown) = ImageTemplate.expand("etl:{sha}", git: git) else {
            Issue.record("an unknown placeholder must fail")
            return
        }
        #expect(unknown.description.contains("unknown placeholder"))
    }

    @Test func pullStepsPrefectWouldRejectAtRunTime() {
        let clone = "prefect.deployments.steps.git_clone"
        #expect(PullSteps.problem([[clone: ["repository": "r", "commit_sha": "abcd1234"]]]) == nil)
        #expect(PullSteps.problem([[clone: ["repository": "r", "branch": "main", "commit_sha": "abcd1234"]]])?.contains("not both") == true)
        #expect(PullSteps.problem([[clone: ["repository": "r", "commit_sha": "xyz"]]])?.contains("4 to 64 hexadecimal") == true)
        #expect(PullSteps.problem([[clone: ["branch": "main"]]]) == "git_clone needs a repository")
        #expect(PullSteps.problem([["prefect.deployments.steps.set_working_directory": ["directory": "/srv"]]]) == nil)
    }

    @Test func releaseTagsKeepTheFullCommitAndScopeTheProject() {
        let tags = ReleaseTags.tags(project: "acme", git: git, packageVersion: "1.0", environment: "dev")
        #expect(tags == ["PROJECT_NAME=acme", "BRANCH_NAME=feature/x", "COMMIT_HASH=0123456", "PACKAGE_VERSION=1.0", "ACME_ENV=dev",
            "ACME_COMMIT=0123456789abcdef0123456789abcdef01234567"])
        #expect(Set(ReleaseTags.scope(project: "acme", environment: "dev")).isSubset(of: Set(tags)))
        #expect(ReleaseTags.value(ReleaseTags.commit, in: tags) == git.commit)
        // acme-portal's finder takes the first tag *containing* its key: ours must contain none of its keys.
        for key in ["PROJECT_NAME", "BRANCH_NAME", "COMMIT_HASH", "PACKAGE_VERSION"] {
            #expect(tags.filter { $0.contains(key) }.count == 1, "\(key)")
        }
    }

    @Test func fieldChangesNameExactlyWhatDiffers() {
        let base = DeploymentFields(entrypoint: "f.py:f", version: "main-1", tags: ["a"], parameters: ["x": 1])
        var changed = base
        changed.parameters["x"] = 2
        changed.paused = true
        #expect(base.changes(to: base).isEmpty)
        #expect(base.changes(to: changed).map(\.field) == ["parameters", "paused"])
        #expect(DeploymentFields(json: .object(changed.json)) == changed, "the JSON the registry stores reads back the same")
    }
}
