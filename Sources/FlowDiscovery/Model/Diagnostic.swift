/// How much a diagnostic matters. Scanning never fails on diagnostics; `check`
/// turns severities into exit codes.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A located finding about the scanned tree: a file that could not be read,
/// a syntax error, a flow whose name cannot be resolved statically, ...
public struct Diagnostic: Sendable, Equatable, Hashable {
    public let code: DiagnosticCode
    public let severity: Severity
    public let message: String
    /// Relative, `/`-separated path.
    public let file: String
    /// 1-based; 1 for whole-file problems.
    public let line: Int
    /// 1-based, counted in characters.
    public let column: Int
    /// About test code (``TestCode``): the rules on registration and duplicates leave it out.
    public var testCode = false

    public init(_ code: DiagnosticCode, _ message: String, file: String, line: Int = 1, column: Int = 1,
        severity: Severity? = nil)
    {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// flows.json orders diagnostics by (file, line, code); column and message break ties.
    public static func manifestOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.file, a.line, a.code.rawValue, a.column, a.message) < (b.file, b.line, b.code.rawValue, b.column, b.message)
    }
}

/// Every diagnostic the scanner can emit. Codes are stable: tools and
/// suppression comments refer to them.
public enum DiagnosticCode: String, Sendable, CaseIterable, Hashable {
    /// A file or folder that could not be read.
    case unreadable = "ACS001"
    /// A `.py` file that is not text: NUL bytes or invalid UTF-8 with no coding declaration.
    case notText = "ACS002"
    /// tree-sitter found ERROR or MISSING nodes in a file that imports a workflow framework.
    case syntaxError = "ACS003"
    /// A file larger than the size limit, not parsed.
    case tooLarge = "ACS004"
    /// A symbolic link that leads back into a folder being walked.
    case symlinkLoop = "ACS005"
    /// A `.py` path that is not a regular file (FIFO, socket, device).
    case notRegularFile = "ACS006"
    /// Code nested deeper than acme-scan walks (NestingDepth.limit), or a file
    /// tree-sitter could not parse safely: what lies below is left out.
    case nestingTooDeep = "ACS007"
    /// A symbolic link whose target is outside the scanned folder: not followed, as git does not.
    case linkOutsideRoot = "ACS008"

    /// A Prefect flow name that cannot be resolved without running code.
    case prefectUnresolvedName = "PFX001"
    /// A Prefect flow defined inside a function or loop.
    case prefectDynamicFlow = "PFX002"
    /// A Prefect flow built from a function defined in another module.
    case prefectExternalFunction = "PFX003"
    /// A keyword Prefect's `flow()` does not accept: importing the file raises TypeError.
    case prefectUnknownKeyword = "PFX004"

    /// An `@dag` function never called at import: Airflow registers no DAG.
    case airflowUncalledDagFunction = "AFX001"
    /// A DAG neither held by a module global nor entered with `with`: Airflow drops it.
    case airflowUnregisteredDag = "AFX002"
    /// A DAG built in a loop whose values are not known statically.
    case airflowDynamicDag = "AFX003"
    /// A dag_id that cannot be resolved without running the code.
    case airflowUnresolvedDagID = "AFX004"
    /// An argument Airflow 3 removed (`schedule_interval`, ...): TypeError at import.
    case airflowRemovedArgument = "AFX005"
    /// A DAG file Airflow's safe-mode byte test skips: it is never imported.
    case airflowSkippedBySafeMode = "AFX006"
    /// A DAG file excluded by `.airflowignore`.
    case airflowIgnored = "AFX007"
    /// A task_id or dependency that cannot be resolved statically.
    case airflowUnresolvedReference = "AFX008"
    /// An import of a module or name Airflow 3 removed: the file fails to import.
    case airflowRemovedImport = "AFX009"

    public var defaultSeverity: Severity {
        switch self {
        case .unreadable, .notText, .syntaxError, .prefectUnknownKeyword, .airflowRemovedArgument, .airflowRemovedImport:
            .error
        case .tooLarge, .symlinkLoop, .notRegularFile, .nestingTooDeep, .linkOutsideRoot, .prefectUnresolvedName, .airflowUncalledDagFunction,
            .airflowUnregisteredDag, .airflowUnresolvedDagID, .airflowUnresolvedReference:
            .warning
        case .prefectDynamicFlow, .prefectExternalFunction, .airflowDynamicDag, .airflowSkippedBySafeMode, .airflowIgnored:
            .info
        }
    }
}
