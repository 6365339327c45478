/// acme-portal's deployment names: `project--branch--flow--env`. Its finder
/// splits names on `--` and reads the branch second and the flow and
/// environment last, so each part is cleaned to keep that parse exact:
/// `_` becomes `-` (the SDK's rule), characters Prefect rejects in names
/// (`/ % & > <`) and spaces become `-`, and runs of `-` collapse to one,
/// so that no part can contain the `--` separator.
public enum DeploymentNaming {
    public static func name(project: String, branch: String, flow: String, environment: String) -> String {
        [project, branch, flow, environment].map(part).joined(separator: "--")
    }

    public static func part(_ text: String) -> String {
        var result = ""
        for character in text {
            let replaced: Character = "_/%&<> \t".contains(character) ? "-" : character
            if replaced == "-" && result.hasSuffix("-") { continue }
            result.append(replaced)
        }
        let trimmed = result.drop { $0 == "-" }
        let cleaned = String(trimmed.reversed().drop { $0 == "-" }.reversed())
        return cleaned.isEmpty ? "x" : cleaned
    }

    /// The acme-portal SDK's `FlowDetails.name`: the flow name with `-` as `_`.
    public static func underscored(_ flowName: String) -> String {
        String(flowName.map { $0 == "-" ? "_" : $0 })
    }
}
