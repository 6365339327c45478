import PythonSyntax
import RESTClient

/// A DAG as `GET /api/v2/dags` reports it (`DAGResponse`), the fields acme-scan reads.
public struct AirflowDAG: Sendable, Equatable {
    public var dagID: String
    public var isPaused: Bool
    /// The file no longer produces it (deleted, renamed, or the DAG was removed).
    public var isStale: Bool
    public var fileloc: String?
    /// The file relative to its bundle's root: what a release's file list names.
    public var relativeFileloc: String?
    public var bundleName: String?
    /// A GitDagBundle's commit; nil for a LocalDagBundle.
    public var bundleVersion: String?
    public var tags: [String]
    public var lastParsedTime: String?
    /// For `PUT /api/v2/parseDagFile/{file_token}`.
    public var fileToken: String?
    public var hasImportErrors: Bool

    public init(dagID: String, isPaused: Bool = false, isStale: Bool = false, fileloc: String? = nil, relativeFileloc: String? = nil,
        bundleName: String? = nil, bundleVersion: String? = nil, tags: [String] = [], lastParsedTime: String? = nil,
        fileToken: String? = nil, hasImportErrors: Bool = false)
    {
        self.dagID = dagID
        self.isPaused = isPaused
        self.isStale = isStale
        self.fileloc = fileloc
        self.relativeFileloc = relativeFileloc
        self.bundleName = bundleName
        self.bundleVersion = bundleVersion
        self.tags = tags
        self.lastParsedTime = lastParsedTime
        self.fileToken = fileToken
        self.hasImportErrors = hasImportErrors
    }

    init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json, "DAG")
        var tags: [String] = []
        for tag in try fields.array("tags") ?? [] {
            if let name = tag["name"]?.stringValue { tags.append(name) }
        }
        self.init(dagID: try fields.requiredString("dag_id"), isPaused: try fields.bool("is_paused") ?? false,
            isStale: try fields.bool("is_stale") ?? false, fileloc: try fields.string("fileloc"),
            relativeFileloc: try fields.string("relative_fileloc"), bundleName: try fields.string("bundle_name"),
            bundleVersion: try fields.string("bundle_version"), tags: tags.sorted(), lastParsedTime: try fields.string("last_parsed_time"),
            fileToken: try fields.string("file_token"), hasImportErrors: try fields.bool("has_import_errors") ?? false)
    }
}

/// A file Airflow failed to load (`GET /api/v2/importErrors`).
public struct AirflowImportError: Sendable, Equatable {
    /// Relative to the bundle's root in Airflow 3.
    public var filename: String
    public var bundleName: String?
    /// Airflow's traceback, whose last line says what went wrong.
    public var stackTrace: String
    public var timestamp: String?

    public init(filename: String, bundleName: String?, stackTrace: String, timestamp: String?) {
        self.filename = filename
        self.bundleName = bundleName
        self.stackTrace = stackTrace
        self.timestamp = timestamp
    }

    init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json, "import error")
        self.init(filename: try fields.requiredString("filename"), bundleName: try fields.string("bundle_name"),
            stackTrace: try fields.string("stack_trace") ?? "", timestamp: try fields.string("timestamp"))
    }

    /// The traceback's last non-empty line: the exception Airflow hit.
    public var summary: String {
        stackTrace.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) }.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? "(no message)"
    }
}

/// One DAG run (`GET /api/v2/dags/{dag_id}/dagRuns`).
public struct AirflowDAGRun: Sendable, Equatable {
    public var runID: String
    /// queued, running, success or failed.
    public var state: String
    public var startDate: String?
    public var endDate: String?
    /// The bundle version the run used (a GitDagBundle's commit); nil for a LocalDagBundle.
    public var bundleVersion: String?

    init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json, "DAG run")
        runID = try fields.requiredString("dag_run_id")
        state = try fields.string("state") ?? ""
        startDate = try fields.string("start_date")
        endDate = try fields.string("end_date")
        bundleVersion = try fields.string("bundle_version")
    }
}
