import AirflowAPI
import DeploymentModel

/// What Airflow made of a published release, judged from one reading of its DAGs
/// and import errors: each expected DAG is live (parsed from the release), failed
/// to load (Airflow's message), or not settled yet. A DAG the release's files make
/// (by acme-scan's scan) that is not deployed here (`deploy = false`) but that
/// Airflow loads is left over. Other DAGs of the bundle come from files the release
/// no longer has, or no longer make them: Airflow marks them stale on its own time
/// (`[dag_processor] stale_dag_threshold`), so they are reported, not waited for.
struct ParseCheck {
    enum Mode: Equatable {
        /// dags-folder: a DAG is from the release once Airflow parsed it after the switch.
        case folder
        /// GitDagBundle: once its `bundle_version` is the release's commit.
        case branch(commit: String)
    }

    struct Expected: Equatable {
        var dagID: String
        /// Relative to the project root.
        var file: String
        var tags: [String]
    }

    var mode: Mode
    var expected: [Expected]
    /// The bundle's DAGs and import errors just before publishing, to tell new parses from old.
    var before: [String: AirflowDAG]
    var errorsBefore: Set<String>
    /// DAGs acme-scan cannot name (made in a loop or function), which are not leftovers.
    var dynamicFiles: Set<String>
    /// dag_id -> file of the release's DAGs that are not deployed to this environment.
    var undeployed: [String: String] = [:]

    enum Outcome: Equatable {
        case live(AirflowDAG)
        case failed(String)
    }

    struct Verdict {
        /// By dag_id; a DAG that is not here has not settled.
        var outcomes: [String: Outcome] = [:]
        /// Live DAGs the release makes but does not deploy here.
        var leftovers: [AirflowDAG] = []
        /// Import errors of files that make no expected DAG.
        var otherErrors: [AirflowImportError] = []
        var pendingLeftovers: [String] = []
        var settled: Bool = false
    }

    static func key(_ error: AirflowImportError) -> String { "\(error.filename)|\(error.timestamp ?? "")" }

    /// A bundle-relative path names a project file: they are equal, or the bundle's
    /// root is above the project (a GitDagBundle clones the whole repository).
    static func names(_ relative: String?, _ file: String) -> Bool {
        guard let relative else { return false }
        return relative == file || relative.hasSuffix("/" + file)
    }

    func isFresh(_ dag: AirflowDAG) -> Bool {
        guard !dag.isStale else { return false }
        switch mode {
        case .branch(let commit):
            return dag.bundleVersion == commit
        case .folder:
            guard let previous = before[dag.dagID] else { return true }
            return previous.isStale || (dag.lastParsedTime ?? "") > (previous.lastParsedTime ?? "")
        }
    }

    func evaluate(dags: [AirflowDAG], errors: [AirflowImportError]) -> Verdict {
        var verdict = Verdict()
        let byID = Dictionary(dags.map { ($0.dagID, $0) }, uniquingKeysWith: { first, _ in first })
        let newErrors = errors.filter { !errorsBefore.contains(Self.key($0)) }
        var pending = 0
        for want in expected {
            if let dag = byID[want.dagID], isFresh(dag) {
                let missing = want.tags.filter { !dag.tags.contains($0) }
                verdict.outcomes[want.dagID] = missing.isEmpty ? .live(dag)
                    : .failed("Airflow loaded it without the tags acme.toml requires: \(missing.joined(separator: ", ")); add them to the DAG")
            } else if let error = newErrors.first(where: { Self.names($0.filename, want.file) }) {
                verdict.outcomes[want.dagID] = .failed("Airflow could not load \(want.file): \(error.summary)")
            } else {
                pending += 1
            }
        }
        let expectedIDs = Set(expected.map(\.dagID))
        let expectedFiles = expected.map(\.file)
        verdict.otherErrors = newErrors.filter { error in !expectedFiles.contains { Self.names(error.filename, $0) } }
        for dag in dags where !expectedIDs.contains(dag.dagID) && !dag.isStale {
            if dynamicFiles.contains(where: { Self.names(dag.relativeFileloc, $0) }) { continue }
            if undeployed[dag.dagID] != nil { verdict.leftovers.append(dag) } else { verdict.pendingLeftovers.append(dag.dagID) }
        }
        verdict.settled = pending == 0
        return verdict
    }
}
