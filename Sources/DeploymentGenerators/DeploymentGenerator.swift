import DeploymentModel
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
    /// `comment`: lines said after the header (without `# `), such as how the file is deployed.
    func yamlFile(_ path: String, _ document: YAMLNode, comment: [String] = []) -> GeneratedFile {
        let source = configuration.path.split(separator: "/").last.map(String.init) ?? configuration.path
        let said = comment.map { "# \($0)\n" }.joined()
        return GeneratedFile(path: path, contents: GeneratedHeader.lines(source: source, git: git) + said + YAMLWriter.document(document))
    }

    /// The environments to generate for, in promotion order.
    public var environments: [Environment] {
        configuration.environments.filter { environment == nil || $0.name == environment }
    }

    /// The one desired state every generator renders (and the deployer applies).
    public var desiredState: DesiredState {
        DesiredState(configuration: configuration, flows: flows, git: git, packageVersion: packageVersion, projectRoot: projectRoot)
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
