import FlowDiscovery
import PythonSyntax

/// A rule's documentation, shown by `acme-scan rules CODE`: what it does, why
/// it matters, an example that triggers it, and the fix.
///
/// `example` and `fixedExample` are whole files, so a reader can paste them and
/// the tests can scan them (the rule must fire on `example` and not on
/// `fixedExample`). A line `# NAME` naming a file (`# b.py`, `# acme.toml`)
/// starts another file of the same small project; an example whose lines start
/// with `$ ` is a shell session, run in an empty folder.
public struct RuleDocumentation: Sendable {
    public let what: String
    public let why: String
    public let example: String
    public let fix: String
    /// `example` after the fix, when the fix is a change to the code.
    public let fixedExample: String?

    public init(what: String, why: String, example: String, fix: String, fixedExample: String? = nil) {
        self.what = what
        self.why = why
        self.example = example
        self.fix = fix
        self.fixedExample = fixedExample
    }
}

/// One check. Each rule is one type in its own file, listed in ``RuleRegistry``.
public protocol Rule: Sendable {
    /// Stable code used in reports and suppressions (`PFX101`).
    var code: String { get }
    /// Short kebab-case name (`duplicate-flow-name`).
    var name: String { get }
    var severity: Severity { get }
    /// Opt-in rules (policy, style) are off unless selected.
    var enabledByDefault: Bool { get }
    var documentation: RuleDocumentation { get }
    /// Rules about registration and duplicates, which test code breaks on purpose
    /// (throwaway DAGs in test functions, one id in many tests): they see no test code
    /// (``TestCode``) unless selected by code or name.
    var quietInTestCode: Bool { get }
    func check(_ project: Project) -> [Finding]
}

extension Rule {
    public var enabledByDefault: Bool { true }
    public var quietInTestCode: Bool { false }

    func finding(_ message: String, file: String, line: Int, column: Int = 1) -> Finding {
        Finding(code: code, severity: severity, message: message, file: file, line: line, column: column)
    }

    func finding(_ message: String, at flow: Flow) -> Finding {
        finding(message, file: flow.file, line: flow.line, column: flow.column)
    }

    /// Rules that report what the scan already found, under the scan's code.
    func forwarding(_ codes: Set<DiagnosticCode>, from project: Project) -> [Finding] {
        project.diagnostics.filter { codes.contains($0.code) }.map {
            Finding(code: code, severity: severity, message: $0.message, file: $0.file, line: $0.line, column: $0.column)
        }
    }
}

/// Values the opt-in policy rules check against (acme.toml's `required-tags`,
/// `allowed-owners`, `minimum-retries`, `name-pattern`).
public struct CheckPolicy: Sendable, Equatable {
    /// Tags every DAG must carry (empty list: at least one tag).
    public var requiredTags: [String] = []
    /// Owners accepted in default_args (empty: any owner but "airflow").
    public var allowedOwners: [String] = []
    public var minimumRetries = 1
    /// A regular expression every flow name and dag_id must match.
    public var namePattern: String?
    public init() {}
}

/// What rules look at: the flows and diagnostics of one scan.
public struct Project: Sendable {
    public let flows: [Flow]
    /// Stand-ins for the flows of files not being checked (`check FILE`; ``FlowSummary``
    /// keeps names, places and registration). Only rules that compare flows across files
    /// read them, through `acrossFiles`; the rest have nothing to report there.
    public let otherFiles: [Flow]
    public let diagnostics: [Diagnostic]
    public let suppressions: [Suppression]
    /// Policy values for the opt-in policy rules.
    public let policy: CheckPolicy

    public init(flows: [Flow], otherFiles: [Flow] = [], diagnostics: [Diagnostic], suppressions: [Suppression] = [],
        policy: CheckPolicy = CheckPolicy())
    {
        self.flows = flows
        self.otherFiles = otherFiles
        self.diagnostics = diagnostics
        self.suppressions = suppressions
        self.policy = policy
    }

    /// The project without test code: its flows and the diagnostics about it.
    public var withoutTestCode: Project {
        Project(flows: flows.filter { !$0.testCode }, otherFiles: otherFiles.filter { !$0.testCode },
            diagnostics: diagnostics.filter { !$0.testCode }, suppressions: suppressions, policy: policy)
    }

    /// Prefect flows; `acrossFiles` adds the other files' stand-ins.
    public func prefectFlows(acrossFiles: Bool = false) -> [Flow] {
        (acrossFiles ? flows + otherFiles : flows).filter { $0.kind == .prefect }
    }

    public var prefectFlows: [Flow] { prefectFlows() }

    /// Airflow DAGs; `registeredOnly` keeps those Airflow would register, `acrossFiles` adds the other files' stand-ins.
    public func dags(registeredOnly: Bool = false, acrossFiles: Bool = false) -> [Flow] {
        (acrossFiles ? flows + otherFiles : flows)
            .filter { $0.kind == .airflow && (!registeredOnly || $0.airflow["registered"] == .bool(true)) }
    }
}

extension Flow {
    var airflow: [String: JSONValue] { metadata["airflow"]?.objectValue ?? [:] }
    var prefect: [String: JSONValue] { metadata["prefect"]?.objectValue ?? [:] }
}
