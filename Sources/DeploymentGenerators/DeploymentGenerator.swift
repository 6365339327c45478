import FlowDiscovery
import ProjectConfiguration
import PythonSyntax
import TOMLSyntax

/// What every generator is given.
public struct GenerationInput: Sendable {
    public var configuration: ProjectConfiguration
    public var flows: [Flow]
    public var git: GitState
    public var packageVersion: String
    /// `--env`: only this environment; nil for all.
    public var environment: String?
    /// The project root as generated files may name it (for a `set_working_directory` pull step).
    public var projectRoot: String

    public init(configuration: ProjectConfiguration, flows: [Flow], git: GitState, packageVersion: String,
        environment: String? = nil, projectRoot: String)
    {
        self.configuration = configuration
        self.flows = flows
        self.git = git
        self.packageVersion = packageVersion
        self.environment = environment
        self.projectRoot = projectRoot
    }

    /// A generated file: the header, then the document.
    func yamlFile(_ path: String, _ document: YAMLNode) -> GeneratedFile {
        let source = configuration.path.split(separator: "/").last.map(String.init) ?? configuration.path
        return GeneratedFile(path: path, contents: GeneratedHeader.lines(source: source, git: git) + YAMLWriter.document(document))
    }

    /// The environments to generate for, in promotion order.
    public var environments: [Environment] {
        configuration.environments.filter { environment == nil || $0.name == environment }
    }
}

public struct GenerationOutput: Sendable {
    public var files: [GeneratedFile] = []
    /// Errors stop generation; warnings (flows left out, and why) are printed.
    public var problems: [ConfigProblem] = []

    public init() {}
}

/// One kind of deployment file. Each generator is one type in its own file.
public protocol DeploymentGenerator: Sendable {
    func generate(_ input: GenerationInput) -> GenerationOutput
}

/// The flows of one kind that can be deployed, and problems with the others:
/// a flow needs a static name, must exist at import (not made in a function or
/// loop), and, for Airflow, must be registered; two flows may not share a name.
enum DeployableFlows {
    static func select(_ kind: FlowKind, from flows: [Flow]) -> ([Flow], [ConfigProblem]) {
        var problems: [ConfigProblem] = []
        var selected: [Flow] = []
        for flow in flows.sorted(by: Flow.manifestOrder) where flow.kind == kind {
            let location = TOMLLocation(line: flow.line, column: flow.column)
            if flow.name == nil {
                problems.append(ConfigProblem(.warning, "\(flow.function) is left out: its name is not known without running the code",
                    path: flow.file, at: location))
            } else if flow.dynamic {
                problems.append(ConfigProblem(.warning, "'\(flow.name!)' is left out: it is made inside a function or loop",
                    path: flow.file, at: location))
            } else if kind == .airflow, flow.metadata["airflow"]?["registered"] == .bool(false) {
                problems.append(ConfigProblem(.warning, "'\(flow.name!)' is left out: Airflow does not register it",
                    path: flow.file, at: location))
            } else {
                selected.append(flow)
            }
        }
        for (name, group) in Dictionary(grouping: selected, by: { $0.name! }) where group.count > 1 {
            let places = group.map { "\($0.file):\($0.line)" }.joined(separator: ", ")
            problems.append(ConfigProblem(.error, "\(group.count) flows are named '\(name)' (\(places)); deployment names would collide",
                path: group[1].file, at: TOMLLocation(line: group[1].line, column: group[1].column)))
        }
        return (selected, problems)
    }

    /// The configured flow-level settings that apply, taken by the flow's signature:
    /// defaults and environment parameters only go to flows that take them.
    static func parameters(_ settings: FlowSettings, for flow: Flow) -> [String: JSONValue] {
        let names = Set(flow.schemaParameterNames)
        return (settings.parameters ?? [:]).filter { names.contains($0.key) }
    }
}
