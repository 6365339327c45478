import FlowDiscovery
import PythonSyntax

/// The tool's name and version, written into every manifest. The one declaration
/// of the version: `acme-scan --version` prints it, and `make wheel` versions the
/// wheel with what the binary prints (Tests/wheel/run.sh checks all three agree).
public enum Generator {
    public static let name = "acme-scan"
    public static let version = "0.1.0"
}

/// flows.json: every flow and diagnostic of one scan, in a fixed order.
/// The same tree always gives the same bytes: no timestamps, no absolute paths.
public struct Manifest: Sendable {
    /// Bumped when a field changes meaning or disappears; additions keep it.
    public static let schemaVersion = 1

    public var flows: [Flow]
    public var diagnostics: [Diagnostic]
    /// The Airflow version the project folder's DAGs were read for, and why; written when there are DAGs.
    public var airflow: AirflowTarget?
    /// Folders holding DAGs read for another Airflow than ``airflow`` (files nearer to them said so).
    public var airflowFolders: [String: AirflowTarget]

    public init(flows: [Flow], diagnostics: [Diagnostic], airflow: AirflowTarget? = nil,
        airflowFolders: [String: AirflowTarget] = [:])
    {
        self.flows = flows.sorted(by: Flow.manifestOrder)
        self.diagnostics = diagnostics.sorted(by: Diagnostic.manifestOrder)
        self.airflow = airflow
        self.airflowFolders = airflowFolders
    }

    public init(_ scan: ScanResult) {
        let dagFiles = scan.flows.filter { $0.kind == .airflow }.map(\.file)
        self.init(flows: scan.flows, diagnostics: scan.diagnostics, airflow: scan.airflowTargets.root,
            airflowFolders: scan.airflowTargets.otherTargets(forFiles: dagFiles))
    }

    /// What the `airflow` field says: only a manifest with DAGs has a target that mattered.
    public var airflowTargetShown: AirflowTarget? { flows.contains { $0.kind == .airflow } ? airflow : nil }

    /// The Airflow the DAG file at `path` was read for.
    public func airflowTarget(forFile path: String) -> AirflowTarget? {
        airflowFolders[AirflowTargets.folder(of: path)] ?? airflow
    }

    /// For summaries: which Airflow the DAGs were read for and why, one line per
    /// target (`DAGs read for Airflow 2 (src/requirements.txt:17: apache-airflow==2.4.1)`).
    public var airflowSummary: String? {
        let dagFiles = Set(flows.filter { $0.kind == .airflow }.map(\.file))
        guard !dagFiles.isEmpty, let airflow else { return nil }
        var filesByTarget: [AirflowTarget: Int] = [:]
        for file in dagFiles { filesByTarget[airflowTarget(forFile: file) ?? airflow, default: 0] += 1 }
        if filesByTarget.count == 1, let only = filesByTarget.keys.first {
            return "DAGs read for Airflow \(only.major) (\(only.reason))"
        }
        // One line per version, naming the source most of its files read (a monorepo of packages
        // has a pyproject.toml each); flows.json lists every folder.
        let byMajor = Dictionary(grouping: filesByTarget, by: { $0.key.major })
        return byMajor.keys.sorted().map { major in
            let sources = byMajor[major]!.sorted { ($1.value, $0.key.reason) < ($0.value, $1.key.reason) }
            let files = sources.map(\.value).reduce(0, +)
            let others = sources.count - 1
            return "DAGs of \(files) \(files == 1 ? "file" : "files") read for Airflow \(major) (\(sources[0].key.reason)"
                + (others > 0 ? "; and \(others) other \(others == 1 ? "source" : "sources"), listed in flows.json)" : ")")
        }.joined(separator: "\n")
    }
}

/// One way of writing a manifest out. Each format is one type in its own file.
public protocol ManifestFormat: Sendable {
    /// The value users pass to `--format`.
    static var name: String { get }
    func render(_ manifest: Manifest) -> String
}

/// The formats `acme-scan scan --format` accepts.
public enum ManifestFormats {
    public static let all: [any ManifestFormat.Type] = [FlowsJSONFormat.self, AcmePortalFormat.self]

    public static func named(_ name: String) -> (any ManifestFormat)? {
        switch name {
        case FlowsJSONFormat.name: FlowsJSONFormat()
        case AcmePortalFormat.name: AcmePortalFormat()
        default: nil
        }
    }
}
