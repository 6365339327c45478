import FlowDiscovery

/// A `.py` file that cannot be read or decoded.
struct UnreadableFileRule: Rule {
    let code = "ACS001"
    let name = "unreadable-file"
    let severity = Severity.error
    let documentation = RuleDocumentation(
        what: "Reports Python files that cannot be read (permissions, broken links) or decoded (binary content, invalid UTF-8 without a coding line).",
        why: "Flows in such a file are invisible to every tool, and the engine fails to import it.",
        example: "$ mkdir flows && ln -s /missing/file.py flows/etl.py",
        fix: "Fix the permissions or the link, or save the file as UTF-8 (or declare its encoding with `# -*- coding: latin-1 -*-`).")

    func check(_ project: Project) -> [Finding] { forwarding([.unreadable, .notText], from: project) }
}
