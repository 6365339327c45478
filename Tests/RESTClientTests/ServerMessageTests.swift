import PythonSyntax
import Testing

@testable import RESTClient

@Suite struct ServerMessageTests {
    @Test func fastAPIDetailText() {
        let body: JSONValue = ["detail": "Work pool \"nope\" not found."]
        #expect(ServerMessage.message(in: body, raw: "") == "Work pool \"nope\" not found.")
        #expect(ServerMessage.fieldErrors(in: body).isEmpty)
    }

    @Test func prefectValidationErrorsKeepTheMemberOfAUnionThatWasMeant() throws {
        // The shape Prefect 3.9.1 answers for {"schedule": {"cron": "bad cron"}}: every
        // member of the schedule union fails; only the cron member says why.
        let body = try JSONValue.parse("""
            {"exception_message": "Invalid request received.", "exception_detail": [
              {"type": "missing", "loc": ["body", "schedules", 0, "schedule", "function-after[validate_timezone(), IntervalSchedule]", "interval"], "msg": "Field required"},
              {"type": "extra_forbidden", "loc": ["body", "schedules", 0, "schedule", "function-after[validate_timezone(), IntervalSchedule]", "cron"], "msg": "Extra inputs are not permitted"},
              {"type": "value_error", "loc": ["body", "schedules", 0, "schedule", "function-after[validate_timezone(), CronSchedule]", "cron"], "msg": "Value error, Invalid cron string: \\"bad cron\\""},
              {"type": "missing", "loc": ["body", "schedules", 0, "schedule", "RRuleSchedule", "rrule"], "msg": "Field required"},
              {"type": "extra_forbidden", "loc": ["body", "schedules", 0, "schedule", "RRuleSchedule", "cron"], "msg": "Extra inputs are not permitted"}],
             "request_body": {"name": "x"}}
            """)
        let errors = ServerMessage.fieldErrors(in: body)
        #expect(errors == [FieldError(location: "schedules[0].schedule.cron", message: "Value error, Invalid cron string: \"bad cron\"")])
    }

    @Test func plainFieldErrorsAreAllKept() throws {
        let body = try JSONValue.parse("""
            {"detail": [{"type": "extra_forbidden", "loc": ["body", "bogus"], "msg": "Extra inputs are not permitted"},
                        {"type": "greater_than", "loc": ["body", "concurrency_limit"], "msg": "Input should be greater than 0"}]}
            """)
        #expect(ServerMessage.fieldErrors(in: body).map(\.description)
            == ["bogus: Extra inputs are not permitted", "concurrency_limit: Input should be greater than 0"])
    }

    @Test func aBodyThatIsNotJSONGivesItsFirstWords() {
        #expect(ServerMessage.message(in: nil, raw: "<html>\n<body>Bad Gateway</body>\n</html>")
            == "<html> <body>Bad Gateway</body> </html>")
        #expect(ServerMessage.message(in: nil, raw: "   ") == nil)
    }
}
