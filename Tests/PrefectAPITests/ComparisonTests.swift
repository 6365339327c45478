import PrefectAPI
import PythonSyntax
import RESTClient
import Testing

@testable import PrefectAPI

/// The comparison's rules on their own, without a server (ReadBackTests checks
/// them against one).
@Suite struct ComparisonTests {
    @Test func anchorDatesCompareAsInstants() {
        let midnightUTC = ReadBack.instant("2026-01-01T00:00:00Z")
        #expect(midnightUTC != nil)
        #expect(ReadBack.instant("2026-01-01") == midnightUTC)
        #expect(ReadBack.instant("2026-01-01T00:00:00") == midnightUTC)  // no offset: UTC, as the server reads it
        #expect(ReadBack.instant("2026-01-01 00:00") == midnightUTC)
        #expect(ReadBack.instant("2026-01-01T01:00:00+01:00") == midnightUTC)
        #expect(ReadBack.instant("2025-12-31T19:00:00-0500") == midnightUTC)
        #expect(ReadBack.instant("2026-01-01T00:00:00.000000Z") == midnightUTC)
        #expect(ReadBack.instant("2026-01-01T00:00:00.25Z") == midnightUTC.map { $0 + 250_000 })
        #expect(ReadBack.instant("1970-01-01T00:00:01Z") == 1_000_000)
        #expect(ReadBack.instant("2000-03-01T00:00:00Z") == 951_868_800_000_000)
        for bad in ["", "2026-13-01", "2026-01-01T25:00", "2026-01-01T00:00:00+", "tomorrow", "2026-01-01T00:00:00Zjunk"] {
            #expect(ReadBack.instant(bad) == nil, "\(bad)")
        }
    }

    @Test func theServersDTSTARTIsExpectedWhereItAddsOne() {
        #expect(ReadBack.rrule("FREQ=DAILY") == .exactly("DTSTART:20200101T000000\nFREQ=DAILY"))
        #expect(ReadBack.rrule("RRULE:FREQ=HOURLY;COUNT=3") == .exactly("DTSTART:20200101T000000\nRRULE:FREQ=HOURLY;COUNT=3"))
        #expect(ReadBack.rrule("DTSTART:20240101T090000\nRRULE:FREQ=DAILY") == .exactly("DTSTART:20240101T090000\nRRULE:FREQ=DAILY"))
        #expect(ReadBack.rrule("dtstart:20240101T090000\nRRULE:FREQ=DAILY") == .exactly("dtstart:20240101T090000\nRRULE:FREQ=DAILY"))
        // Frequent rules without COUNT get a recent start the server picks.
        #expect(ReadBack.rrule("FREQ=MINUTELY;INTERVAL=30") == .afterAnyStart("FREQ=MINUTELY;INTERVAL=30"))
        #expect(ReadBack.rrule("freq=secondly") == .afterAnyStart("freq=secondly"))
        #expect(ReadBack.rrule("FREQ=MINUTELY;COUNT=5") == .exactly("DTSTART:20200101T000000\nFREQ=MINUTELY;COUNT=5"))
        let frequent = ReadBack.rrule("FREQ=MINUTELY")
        #expect(frequent.matches("DTSTART:20261202T160000\nFREQ=MINUTELY"))
        #expect(!frequent.matches("FREQ=MINUTELY"))
        #expect(!frequent.matches("DTSTART:20261202T160000\nFREQ=HOURLY"))
    }

    static func live(_ schedules: [PrefectSchedule], flowID: String = "f") throws -> LiveDeployment {
        try LiveDeployment(json: [
            "id": "d1", "flow_id": .string(flowID), "name": "n",
            "schedules": .array(schedules.map(\.json)),
            "parameter_openapi_schema": ["type": "object", "properties": [:]], "pull_steps": [],
        ])
    }

    @Test func schedulesAreASetNotAList() throws {
        let a = PrefectSchedule(.cron("0 6 * * *", dayOr: true))
        let b = PrefectSchedule(.interval(seconds: 60, anchorDate: "2026-01-01T00:00:00Z"), timezone: "UTC")
        let desired = PrefectDeploymentBody(name: "n", flowID: "f", schedules: [a, b])
        #expect(changes(from: try Self.live([b, a]), to: desired) == [])
        #expect(changes(from: try Self.live([b]), to: desired).map(\.field) == ["schedules"])
        #expect(changes(from: try Self.live([a, a, b]), to: desired).map(\.field) == ["schedules"])
    }

    @Test func aScheduleThatTakesAnyAnchorCannotStealTheExactOnesMatch() throws {
        // Live: the same interval at two anchors. Desired: one pinned to the
        // first anchor, one left to the server. Paired in the wrong order, the
        // free one would take the pinned one's schedule and the pinned one fail.
        let pinned = PrefectSchedule(.interval(seconds: 60, anchorDate: "2026-01-01T00:00:00Z"))
        let free = PrefectSchedule(.interval(seconds: 60, anchorDate: nil))
        let live = try Self.live([
            PrefectSchedule(.interval(seconds: 60, anchorDate: "2026-01-01T00:00:00Z"), timezone: "UTC"),
            PrefectSchedule(.interval(seconds: 60, anchorDate: "2026-12-02T16:07:39.132332Z"), timezone: "UTC"),
        ])
        #expect(changes(from: live, to: PrefectDeploymentBody(name: "n", flowID: "f", schedules: [free, pinned])) == [])
    }

    @Test func changesAreSortedByFieldAndShowBothValues() throws {
        let live = try LiveDeployment(json: [
            "id": "d1", "flow_id": "f", "name": "n", "version": "v1", "tags": ["a"], "paused": true,
            "parameter_openapi_schema": ["type": "object", "properties": [:]], "pull_steps": [],
            "global_concurrency_limit": ["limit": 3, "name": "deployment:d1"], "concurrency_limit": nil,
        ])
        let desired = PrefectDeploymentBody(name: "n", flowID: "f", version: "v2", tags: ["a", "b"], paused: true,
            concurrencyLimit: 3)
        #expect(changes(from: live, to: desired) == [
            FieldChange(field: "tags", old: ["a"], new: ["a", "b"]),
            FieldChange(field: "version", old: "v1", new: "v2"),
        ])
        #expect(changes(from: live, to: desired).map(\.description) == [#"tags: ["a"] -> ["a","b"]"#, #"version: "v1" -> "v2""#])
    }

    @Test func aResponseOfTheWrongShapeNamesTheField() {
        #expect(throws: JSONShapeError.self) { try LiveDeployment(json: ["id": "d1", "flow_id": "f"]) }
        do {
            _ = try LiveDeployment(json: ["id": "d1", "flow_id": "f", "name": "n", "tags": "not-a-list"])
        } catch {
            #expect(error.description == "deployment d1: 'tags' is not a list")
        }
    }

    @Test func theBodyCarriesEveryFieldNullWhereUnset() {
        let body = PrefectDeploymentBody(name: "n", flowID: "f").json
        let keys = body.objectValue.map { Array($0.keys).sorted() } ?? []
        #expect(keys == ["concurrency_limit", "concurrency_options", "description", "enforce_parameter_schema", "entrypoint",
            "flow_id", "job_variables", "name", "parameter_openapi_schema", "parameters", "paused", "pull_steps", "schedules",
            "tags", "version", "work_pool_name", "work_queue_name"])
        #expect(body["description"] == .null && body["concurrency_limit"] == .null)
    }
}

@Suite struct ConnectionTests {
    @Test func theURLAndTheCredentialComeFromTheEnvironment() throws {
        let basic = try PrefectConnection.fromEnvironment(["PREFECT_API_URL": "http://h:4200/api", "PREFECT_API_AUTH_STRING": "u:p"])
        #expect(basic.apiURL == "http://h:4200/api")
        #expect(basic.credential?.scheme == .basic && basic.credential?.source == "PREFECT_API_AUTH_STRING")
        let settings = try PrefectConnection.fromEnvironment(["PREFECT_API_URL": "http://env/api", "DEV_KEY": "k"],
            apiURL: "http://settings/api", apiKeyVariable: "DEV_KEY")
        #expect(settings.apiURL == "http://settings/api")
        #expect(settings.credential?.scheme == .bearer && settings.credential?.source == "DEV_KEY")
        let none = try PrefectConnection.fromEnvironment(["PREFECT_API_URL": "http://h/api", "PREFECT_API_KEY": ""])
        #expect(none.credential == nil)
        #expect("\(basic)" == "Prefect API at http://h:4200/api with a Basic credential from PREFECT_API_AUTH_STRING")
    }

    @Test func noURLNamesTheVariable() {
        do {
            _ = try PrefectConnection.fromEnvironment([:], urlVariable: "DEV_PREFECT_URL")
            Issue.record("no URL was accepted")
        } catch {
            #expect(error.description == "no Prefect API URL: set DEV_PREFECT_URL (e.g. http://127.0.0.1:4200/api) or the environment's api-url")
        }
    }
}
