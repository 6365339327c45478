import FlowChecks
import FlowDiscovery
import Foundation

/// `acme-scan check`: scan, run the rules, report, and turn findings into an exit code.
public struct CheckJob {
    /// Folders or files; none means `.`. Given files (as pre-commit passes them),
    /// only their findings are reported, but repo-wide rules still see the whole tree.
    public var paths: [String]
    public var reporter: any Reporter
    public var selection: RuleSelection
    public var strict: Bool
    /// `--airflow-version`, which beats the configuration file.
    public var airflowVersion: Int?
    /// Reuse unchanged files' results from `.acme-scan-cache`: what makes the one-file pre-commit case fast.
    public var useCache: Bool

    public init(paths: [String], reporter: any Reporter, selection: RuleSelection = RuleSelection(), strict: Bool = false,
        airflowVersion: Int? = nil, useCache: Bool = false)
    {
        self.useCache = useCache
        self.paths = paths
        self.reporter = reporter
        self.selection = selection
        self.strict = strict
        self.airflowVersion = airflowVersion
    }

    /// Exit codes: 0 clean or warnings only; 1 an error finding (any finding with `strict`).
    public func run(output: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        log: Log = .standardError) throws -> Int32
    {
        let (root, filters) = try scope()
        let configuration: CheckConfiguration
        do {
            configuration = try CheckConfiguration.find(from: root)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
        for warning in configuration.warnings { log.write("acme-scan: warning: \(warning)") }
        let walk = WalkOptions(airflowVersion: airflowVersion ?? configuration.airflowVersion ?? 3)
        let scan: ScanResult
        do {
            scan = try FlowScanner(options: ScanOptions(walk: walk, useCache: useCache)).scan(root: root)
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
        // Command-line selections add to the file's.
        let merged = RuleSelection(select: configuration.select + selection.select, ignore: configuration.ignore + selection.ignore)
        let checker = Checker(selection: merged, severities: configuration.severity)
        var findings = checker.check(Project(flows: scan.flows, diagnostics: scan.diagnostics,
            suppressions: scan.suppressions, policy: configuration.policy))
        if !filters.isEmpty {
            findings = findings.filter { finding in filters.contains { finding.file == $0 || finding.file.hasPrefix($0 + "/") } }
        }
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
