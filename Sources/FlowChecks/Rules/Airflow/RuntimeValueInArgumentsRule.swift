import FlowDiscovery
import PythonSyntax

/// `datetime.now()` and friends in DAG arguments.
struct RuntimeValueInArgumentsRule: Rule {
    let code = "AFX105"
    let name = "now-in-dag-arguments"
    let severity = Severity.warning
    let documentation = RuleDocumentation(
        what: "Reports `datetime.now()`, `datetime.utcnow()`, `pendulum.now()` and `timezone.utcnow()` in DAG arguments or default_args.",
        why: "Airflow parses the file again and again: each parse gives a new value, so the DAG changes version on every parse and runs are scheduled from a moving date.",
        example: #"""
            from datetime import datetime

            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily", start_date=datetime.now()):
                pass
            """#,
        fix: "Use a fixed date: `start_date=datetime(2024, 1, 1)`.",
        fixedExample: #"""
            from datetime import datetime

            from airflow.sdk import DAG

            with DAG("etl", schedule="@daily", start_date=datetime(2024, 1, 1)):
                pass
            """#)

    static let calls = ["datetime.now(", "datetime.utcnow(", "pendulum.now(", "timezone.utcnow(", "pendulum.today("]
    static let needles = calls.map { Array($0.utf8) }

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            let texts = Self.expressions(in: .object(flow.airflow))
            // A byte search: String.contains(String) goes through NSString, which dominated `check`'s own time.
            guard let hit = texts.first(where: { text in Self.needles.contains { BytePrefilter.contains(Array(text.utf8), $0) } })
            else { return nil }
            return finding("DAG '\(flow.name ?? flow.function)' computes '\(hit)' at parse time", at: flow)
        }
    }

    /// Every source-text value in the metadata (`expression` fields and `expressions` maps).
    static func expressions(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            return members.keys.sorted().flatMap { key -> [String] in
                let member = members[key]!
                if key == "expression", case .string(let text) = member { return [text] }
                if key == "expressions", case .object(let map) = member { return map.values.compactMap(\.stringValue).sorted() }
                if key == "tasks" || key == "edges" { return [] }
                return expressions(in: member)
            }
        case .array(let items): return items.flatMap(expressions)
        default: return []
        }
    }
}
