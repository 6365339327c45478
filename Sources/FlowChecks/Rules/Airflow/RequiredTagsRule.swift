import FlowDiscovery

/// Policy: DAGs must carry tags (opt-in; `required-tags` in the configuration).
struct RequiredTagsRule: Rule {
    let code = "AFX109"
    let name = "required-tags"
    let severity = Severity.warning
    let enabledByDefault = false
    let documentation = RuleDocumentation(
        what: "Reports DAGs without tags, or without each tag listed in `required-tags`.",
        why: "Teams find, filter and own DAGs by tag; an untagged DAG is nobody's.",
        example: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None):
                pass
            """#,
        fix: "Add the tags: `tags=[\"team-data\"]`.",
        fixedExample: #"""
            from airflow.sdk import DAG

            with DAG("etl", schedule=None, tags=["team-data"]):
                pass
            """#)

    func check(_ project: Project) -> [Finding] {
        project.dags().compactMap { flow in
            let tags = Set((flow.airflow["tags"]?.arrayValue ?? []).compactMap(\.stringValue))
            let missing = project.policy.requiredTags.filter { !tags.contains($0) }
            if project.policy.requiredTags.isEmpty ? tags.isEmpty : !missing.isEmpty {
                let detail = missing.isEmpty ? "has no tags" : "lacks the tags \(missing.joined(separator: ", "))"
                return finding("DAG '\(flow.name ?? flow.function)' \(detail)", at: flow)
            }
            return nil
        }
    }
}
