import DeploymentModel
import DeploymentGenerators
import ProjectConfiguration
import PythonSyntax
import Testing

@Suite struct ScheduleSyntaxTests {
    @Test func validCronExpressions() {
        for expression in ["0 6 * * *", "*/15 9-17 * * mon-fri", "0 0 1,15 * *", "@daily", "@hourly", "0 0 L * *", "0 9 * * 1#2",
            "30 4 * jan,jul sun", "0 0 * * 7"]
        {
            #expect(ScheduleSyntax.cronProblem(expression) == nil, "\(expression)")
        }
    }

    @Test func invalidCronExpressionsSayWhy() {
        #expect(ScheduleSyntax.cronProblem("0 24 * * *") == "hour field '24': '24' is not a value from 0 to 23")
        #expect(ScheduleSyntax.cronProblem("* * * *")?.contains("five fields") == true)
        #expect(ScheduleSyntax.cronProblem("@fortnightly")?.hasPrefix("unknown cron preset") == true)
        #expect(ScheduleSyntax.cronProblem("0 0 * foo *")?.hasPrefix("month field 'foo'") == true)
        #expect(ScheduleSyntax.cronProblem("*/0 * * * *")?.contains("positive") == true)
        #expect(ScheduleSyntax.cronProblem("0 0 0 * *")?.hasPrefix("day of month field '0'") == true)
    }

    @Test func timeZonesAreIANANames() {
        #expect(ScheduleSyntax.isKnownTimeZone("Europe/Berlin"))
        #expect(ScheduleSyntax.isKnownTimeZone("UTC"))
        #expect(ScheduleSyntax.isKnownTimeZone("America/New_York"))
        #expect(!ScheduleSyntax.isKnownTimeZone("Europe/Berlinn"))
        #expect(!ScheduleSyntax.isKnownTimeZone("CEST+1"))
    }

    @Test func intervalsInEveryForm() {
        #expect(ScheduleSyntax.intervalSeconds("3600") == 3600)
        #expect(ScheduleSyntax.intervalSeconds("PT10M") == 600)
        #expect(ScheduleSyntax.intervalSeconds("P1DT2H") == 93_600)
        #expect(ScheduleSyntax.intervalSeconds("01:30:00") == 5400)
        #expect(ScheduleSyntax.intervalSeconds("0") == nil)
        #expect(ScheduleSyntax.intervalSeconds("PT") == nil)
        #expect(ScheduleSyntax.intervalSeconds("ten minutes") == nil)
        #expect(ScheduleSyntax.intervalSeconds("P1M") == nil)  // months have no fixed length
    }
}

@Suite struct ParameterCheckTests {
    let definitions: [String: JSONValue] = ["Mode": ["enum": ["full", "incremental"], "type": "string"]]

    @Test func typesEnumsReferencesAndUnions() {
        #expect(ParameterCheck.problem(5, schema: ["type": "integer"], definitions: [:]) == nil)
        #expect(ParameterCheck.problem("5", schema: ["type": "integer"], definitions: [:]) == "\"5\" is not an integer")
        #expect(ParameterCheck.problem(.double(2.0), schema: ["type": "integer"], definitions: [:]) == nil)
        #expect(ParameterCheck.problem(1, schema: ["type": "number"], definitions: [:]) == nil)
        #expect(ParameterCheck.problem("partial", schema: ["$ref": "#/definitions/Mode"], definitions: definitions)
            == "\"partial\" is not one of [\"full\",\"incremental\"]")
        let optional: JSONValue = ["anyOf": [["type": "string", "format": "date"], ["type": "null"]]]
        #expect(ParameterCheck.problem(.null, schema: optional, definitions: [:]) == nil)
        #expect(ParameterCheck.problem(3, schema: optional, definitions: [:]) != nil)
        #expect(ParameterCheck.problem(["a", 2], schema: ["type": "array", "items": ["type": "string"]], definitions: [:])
            == "item 1: 2 is not a string")
        #expect(ParameterCheck.problem(["k": "v"], schema: ["type": "object", "additionalProperties": ["type": "integer"]],
            definitions: [:]) == "'k': \"v\" is not an integer")
        // No type (Any, an unresolvable annotation): anything goes, as on the server.
        #expect(ParameterCheck.problem(["x": [1]], schema: ["title": "frame"], definitions: [:]) == nil)
    }
}

@Suite struct GeneratorPartsTests {
    @Test func deploymentNamesKeepAcmePortalsParseExact() {
        #expect(DeploymentNaming.name(project: "acme_etl", branch: "feature/new--thing", flow: "etl_daily", environment: "prod")
            == "acme-etl--feature-new-thing--etl-daily--prod")
        #expect(DeploymentNaming.part("a%b&c>d<e f") == "a-b-c-d-e-f")
        #expect(DeploymentNaming.part("--") == "x")
        #expect(DeploymentNaming.underscored("etl-daily") == "etl_daily")
    }

    @Test func remotesBecomeHTTPSWithoutCredentials() {
        #expect(GitState.httpsRemote("git@github.com:acme/etl.git") == "https://github.com/acme/etl.git")
        #expect(GitState.httpsRemote("ssh://git@gitlab.example.com/team/etl.git") == "https://gitlab.example.com/team/etl.git")
        #expect(GitState.httpsRemote("https://user:token@github.com/acme/etl.git") == "https://github.com/acme/etl.git")
        #expect(GitState.httpsRemote("https://github.com/acme/etl.git") == "https://github.com/acme/etl.git")
    }

    @Test func yamlQuotesWhatCouldBeMisread() {
        for text in ["true", "No", "null", "~", "0123", "1.5", "10:30", "2026-01-01", "", " lead", "a: b", "x #y", "@hourly",
            "*/5 * * * *", "-dash", "ünïcode"]
        {
            #expect(YAMLWriter.scalar(.string(text)).hasPrefix("\""), "\(text)")
        }
        for text in ["main", "env:dev", "flows/etl.py:etl_daily", "PROJECT_NAME=acme", "s3://bucket/raw", "Europe/Berlin"] {
            #expect(YAMLWriter.scalar(.string(text)) == text)
        }
    }

    @Test func yamlFloatsStayFloatsForPyYAML() {
        #expect(YAMLWriter.scalar(.double(1e-7)) == "1.0e-07")
        #expect(YAMLWriter.scalar(.double(1e20)) == "1.0e+20")
        #expect(YAMLWriter.scalar(.double(2.5)) == "2.5")
        #expect(YAMLWriter.scalar(.double(.infinity)) == ".inf")
    }

    @Test func yamlDocumentShape() {
        let document: YAMLNode = .mapping([
            ("name", .scalar("x")),
            ("list", .sequence([.mapping([("a", .scalar(1)), ("b", .sequence([]))]), .scalar("z"), .scalar("y")])),
            ("empty", .mapping([])),
        ])
        #expect(YAMLWriter.document(document) == "name: x\nlist:\n- a: 1\n  b: []\n- z\n- \"y\"\nempty: {}\n")  // y is a YAML 1.1 boolean
    }

    @Test func unifiedDiffShowsChangesWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a/f", newName: "b/f")
        #expect(diff == "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n")
        #expect(UnifiedDiff.diff(old: old, new: old, oldName: "a", newName: "b").isEmpty)
        #expect(UnifiedDiff.diff(old: "", new: "x\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
    }

    @Test func headerRecordsAndReturnsTheGitState() {
        let state = GitState(branch: "main", commit: "abc", remote: "https://h/r.git")
        let header = GeneratedHeader.lines(source: "acme.toml", git: state)
        #expect(GeneratedHeader.isGenerated(header + "name: x\n"))
        #expect(GeneratedHeader.gitState(in: header) == state)
        #expect(!GeneratedHeader.isGenerated("name: hand-written\n"))
    }
}
