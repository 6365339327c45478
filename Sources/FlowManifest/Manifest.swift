import FlowDiscovery
import PythonSyntax

/// The tool's name and version, written into every manifest.
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
    /// The Airflow version the DAGs were read for, and why; written when there are DAGs.
    public var airflow: AirflowTarget?

    public init(flows: [Flow], diagnostics: [Diagnostic], airflow: AirflowTarget? = nil) {
        self.flows = flows.sorted(by: Flow.manifestOrder)
        self.diagnostics = diagnostics.sorted(by: Diagnostic.manifestOrder)
        self.airflow = airflow
    }

    public init(_ scan: ScanResult, airflow: AirflowTarget? = nil) {
        self.init(flows: scan.flows, diagnostics: scan.diagnostics, airflow: airflow)
    }

    /// What the `airflow` field says: only a manifest with DAGs has a target that mattered.
    public var airflowTargetShown: AirflowTarget? { flows.contains { $0.kind == .airflow } ? airflow : nil }
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
