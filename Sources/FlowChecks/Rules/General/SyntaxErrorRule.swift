import FlowDiscovery

/// A syntax error in a file that defines flows: the engine fails to import it.
struct SyntaxErrorRule: Rule {
    let code = "ACS003"
    let name = "syntax-error"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports syntax errors in files that import Prefect or Airflow and could define a flow.",
        why: "Prefect and Airflow import the file to load its flows; a syntax error loses every flow in it. acme-scan still lists the flows around the error, which hides nothing but runs nothing either.",
        example: #"""
            from prefect import flow


            @flow
            def etl(:
                pass
            """#,
        fix: "Correct the syntax; `python -m py_compile FILE` shows Python's own message.",
        fixedExample: #"""
            from prefect import flow


            @flow
            def etl():
                pass
            """#)

    func check(_ project: Project) -> [Finding] { forwarding([.syntaxError], from: project) }
}
