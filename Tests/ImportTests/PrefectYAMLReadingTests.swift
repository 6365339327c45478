@testable import PrefectYAMLImport
import PythonSyntax
import Testing

/// The reading half of the import: YAML as Prefect's loader reads it, and each
/// deployment's settings as `prefect deploy` 3.9.1 applies them.
@Suite struct PrefectYAMLReadingTests {
    @Test func scalarsAreTypedByPyYAMLsRulesAndMergeKeysApply() throws {
        let tree = try YAMLTree.parse("""
            base: &base
              a: 1
              b: keep
            item:
              <<: *base
              a: 2
            yes_word: yes
            exponent: 1e5
            octal: 0755
            not_octal: 08
            stamp: 2026-01-01T00:00:00Z
            quoted: "true"
            template: "{{ build-image.image }}"
            """)
        #expect(tree["item"]?.json == ["a": 2, "b": "keep"], "keys written beside << win over the merged ones")
        #expect(tree["yes_word"]?.json == true)
        #expect(tree["exponent"]?.json == "1e5", "PyYAML reads a float only with a dot")
        #expect(tree["octal"]?.json == 493)
        #expect(tree["not_octal"]?.json == "08")
        #expect(tree["stamp"]?.json == "2026-01-01T00:00:00Z", "timestamps stay text")
        #expect(tree["quoted"]?.json == "true")
        #expect(tree["template"]?.json == "{{ build-image.image }}")
        #expect(tree["item"]?.line == 5)
    }

    @Test func invalidYAMLIsReportedWithItsLine() {
        var reader = PrefectYAMLReader(file: "p/prefect.yaml", folder: "p")
        #expect(reader.read("deployments:\n- name: a\n  entrypoint: [unclosed\n").isEmpty)
        #expect(reader.notes.count == 1)
        #expect(reader.notes.first?.severity == .error)
        #expect(reader.notes.first.map { $0.line >= 3 && $0.description.hasPrefix("p/prefect.yaml:") } == true)
    }

    /// prefect/cli/deploy/_core.py: a deployment's build replaces the file's even when null;
    /// its push and pull only when they hold steps; `pull: []` means no steps.
    @Test func stepsAreInheritedAsPrefectDeployInheritsThem() {
        let text = """
            build:
            - top.build: {}
            push:
            - top.push: {}
            pull:
            - top.pull: {}
            deployments:
            - name: inherits
              entrypoint: f.py:f
            - name: own-null
              entrypoint: f.py:f
              build: null
              push: null
              pull: null
            - name: no-pull
              entrypoint: f.py:f
              pull: []
              build:
              - own.build: {x: 1}
            """
        var reader = PrefectYAMLReader(file: "prefect.yaml", folder: "")
        let deployments = reader.read(text)
        let steps = { (name: String, key: String) in deployments.first { $0.name == name }?.settings[.plain(key)] }
        #expect(steps("inherits", "build") == [["top.build": [:]]])
        #expect(steps("own-null", "build") == nil, "build: null turns the file's build steps off")
        #expect(steps("own-null", "push") == [["top.push": [:]]], "push: null falls back to the file's")
        #expect(steps("own-null", "pull") == [["top.pull": [:]]], "pull: null falls back to the file's")
        #expect(steps("no-pull", "pull") == [])
        #expect(steps("no-pull", "build") == [["own.build": ["x": 1]]])
        #expect(reader.notes.isEmpty)
    }

    @Test func whatAcmeTOMLCannotSayIsReportedNotDropped() {
        var reader = PrefectYAMLReader(file: "prefect.yaml", folder: "")
        let deployments = reader.read("""
            deployments:
            - name: a-dev
              entrypoint: f.py:f
              pull: []
              version: "{{ $GIT_SHA }}"
              parameters: {keep: 1, gone: null}
              concurrency_limit: {limit: 1, collision_strategy: CANCEL_NEW}
              shedules: []
              schedules:
              - cron: "0 6 * * *"
                day_or: true
                slug: morning
                parameters: {keep: 2}
              - cron: "0 7 * * *"
                replaces: old
            """)
        let settings = deployments.first?.settings ?? [:]
        #expect(settings[.parameter("keep")] == 1)
        #expect(settings[.parameter("gone")] == nil)
        #expect(settings[.plain("concurrency-limit")] == nil)
        #expect(settings[.plain("schedules")] == [["cron": "0 6 * * *", "slug": "morning", "parameters": ["keep": 2]], ["cron": "0 7 * * *"]],
            "day_or: true is Prefect's default; replaces has no setting")
        let reported = reader.notes.map(\.line)
        #expect(reported == [5, 6, 7, 8, 15], "\(reader.notes)")
        #expect(reader.notes.allSatisfy { $0.severity == .warning })
    }

    @Test func deploymentsAreMatchedByEntrypointAndByTagOrNameSuffix() throws {
        let matching = DeploymentMatching(flows: [], environments: ["prod", "pre-prod", "dev"])
        func deployment(_ name: String, tags: [String] = []) -> ExistingDeployment {
            ExistingDeployment(file: "prefect.yaml", folder: "", line: 1, name: name, entrypoint: "f.py:f", entrypointLine: 1, tags: tags, settings: [:])
        }
        #expect(try matching.environment(for: deployment("etl-pre-prod")).get() == "pre-prod", "the longest environment wins")
        #expect(try matching.environment(for: deployment("etl_prod")).get() == "prod")
        #expect(try matching.environment(for: deployment("dev")).get() == "dev")
        #expect(try matching.environment(for: deployment("etl-live", tags: ["Env:PROD"])).get() == "prod")
        #expect((try? matching.environment(for: deployment("etlprod")).get()) == nil, "a suffix must follow a separator")
        #expect((try? matching.environment(for: deployment("etl-prod", tags: ["env:dev"])).get()) == nil, "name and tag disagree")
        #expect(DeploymentMatching.normalized("pipelines/sales", "./flows/../etl.py") == "pipelines/sales/etl.py")
        // One environment (dmitry-rvn/testing-prefect-3: deployment.yaml files whose names say what runs, not where).
        let single = DeploymentMatching(flows: [], environments: ["prod"])
        #expect(try single.environment(for: deployment("check-table-1")).get() == "prod")
        #expect((try? single.environment(for: deployment("etl", tags: ["env:dev"])).get()) == nil, "a tag naming another environment still refuses")
    }
}
