import FlowChecks
import FlowDiscovery
import FlowManifest
import ProjectConfiguration
import Foundation

/// `acme-scan check`: scan, run the rules, report, and turn findings into an exit code.
public struct CheckJob {
    /// Folders or files; none means `.`. Given files (as pre-commit passes them),
    /// only their findings are reported, but repo-wide rules still see the whole tree.
    public var paths: [String]
    public var reporter: any Reporter
    public var selection: RuleSelection
    public var strict: Bool
    /// What beats acme.toml. The cache is what makes the one-file pre-commit case fast.
    public var discovery: DiscoveryOverrides

    public init(paths: [String], reporter: any Reporter, selection: RuleSelection = RuleSelection(), strict: Bool = false,
        discovery: DiscoveryOverrides = DiscoveryOverrides(useCache: false))
    {
        self.paths = paths
        self.reporter = reporter
        self.selection = selection
        self.strict = strict
        self.discovery = discovery
    }

    /// Exit codes: 0 clean or warnings only; 1 an error finding (any finding with `strict`).
    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) throws -> Int32
    {
        let (root, filters) = try scope()
        let settings = try CommandSettings(from: root, reader: .check, overrides: discovery)
        try settings.report(log: log)
        let scanner = FlowScanner(options: settings.scanOptions())
        let scan: ScanResult
        let otherFlows: [Flow]
        do {
            // Given files only (pre-commit): their results, and the names of every other file's flows
            // for the repo-wide rules, from the cache, when it holds for every other file.
            if !filters.isEmpty, let partial = try scanner.scan(root: root, onlyFiles: Set(filters)) {
                (scan, otherFlows) = (partial.result, partial.otherFlows)
            } else {
                (scan, otherFlows) = (try scanner.scan(root: root), [])
                // Deployment settings that do not fit the flows: warnings here, errors for generate. (A check of
                // some files knows only the names of the other files' flows, not their parameters.)
                try settings.reportValidation(flows: scan.flows, log: log)
            }
        } catch let error as AcmeError {
            throw error
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
        // Which Airflow the DAGs were read for decides what is an error: say it, and why.
        if let airflow = Manifest(scan).airflowSummary { log.write(airflow) }
        let check = settings.configuration.check
        // Command-line selections add to the file's.
        let merged = RuleSelection(select: check.select + selection.select, ignore: check.ignore + selection.ignore)
        let checker = Checker(selection: merged, severities: check.severity)
        let reported: ((String) -> Bool)? = filters.isEmpty ? nil : { file in
            filters.contains { file == $0 || file.hasPrefix($0 + "/") }
        }
        let findings = checker.check(Project(flows: scan.flows, otherFiles: otherFlows, diagnostics: scan.diagnostics,
            suppressions: scan.suppressions, policy: check.policy), reportedFiles: reported)
        let rootPath = root.path
        let sources = SourceLines { file in try? String(contentsOfFile: rootPath + "/" + file, encoding: .utf8) }
        output(reporter.report(findings, rules: checker.rules, sources: sources))
        let failing = findings.contains { strict || $0.severity == .error }
        return failing ? 1 : 0
    }

    /// The tree to scan and the relative paths to report on.
    private func scope() throws -> (URL, [String]) {
        var isLink = false
        for path in paths where FileWalker.kind(of: path, isLink: &isLink) == nil { throw AcmeError.missingPath(path) }
        if paths.count == 1, FileWalker.kind(of: paths[0], isLink: &isLink) == .directory {
            return (URL(fileURLWithPath: paths[0]), [])
        }
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        let filters = paths.map { path -> String in
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            return absolute.hasPrefix(root.path + "/") ? String(absolute.dropFirst(root.path.count + 1)) : path
        }
        return (root, filters)
    }
}
