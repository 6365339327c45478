import PythonSyntax
import PythonTreeSitter

/// Finds Airflow DAGs and reports them as Airflow itself would register them
/// (see ``AirflowInterpreter``), plus what Airflow would drop without a word:
/// uncalled `@dag` functions, DAGs neither global nor entered, files its
/// safe-mode byte test or `.airflowignore` leave out, arguments Airflow 3 removed.
public struct AirflowDetector: FlowDetector {
    public let kind = FlowKind.airflow
    // Cheap first: the words must be there before the import lines are read.
    private static let prefilter = BytePrefilter(requiring: [["airflow"], ["DAG", "dag", "asset"]])
    // The class name first: its capital is rarer than `c`, so memchr skips further.
    private static let cosmosPrefilter = BytePrefilter(requiring: [["DbtDag"], ["cosmos"]])
    private static let mentionsAirflow = BytePrefilter(requiring: [["airflow"]])
    /// The Airflow majors files may be read for: the pre-filter admits a file any of them could use;
    /// ``detect(in:)`` reads each file for its own (``SourceFile/airflowVersion``).
    public let possibleVersions: Set<Int>
    /// Qualified names of classes to treat as DAG classes although their
    /// definition cannot be followed (a team's wrapper in an installed library):
    /// the `dag-classes` setting.
    public let dagClasses: [String]
    private let classes: DagClasses
    private let builders: ImportUseScan.Builders
    private let configuredPrefilters: [BytePrefilter]

    public init(airflow: AirflowVersionSetting = .inferred, dagClasses: [String] = []) {
        possibleVersions = airflow.possibleMajors
        self.dagClasses = Array(Set(dagClasses)).sorted()
        classes = DagClasses(configured: Set(dagClasses))
        builders = ImportUseScan.Builders(AirflowNames.dagBuilders.union(dagClasses))
        configuredPrefilters = self.dagClasses.compactMap { name in
            let parts = name.split(separator: ".").map(String.init)
            guard parts.count >= 2 else { return nil }
            return BytePrefilter(requiring: [[parts[parts.count - 1]], [parts[0]]])
        }
    }

    public var configurationKey: String {
        dagClasses.isEmpty ? kind.rawValue : "\(kind.rawValue)[\(dagClasses.joined(separator: ","))]"
    }

    public func isRelevant(_ file: SourceFile) -> Bool {
        file.imports(module: "airflow") || importsDagBuilder(file)
    }

    public func mightDefineFlows(_ bytes: [UInt8]) -> Bool {
        mightDefineFlows(bytes, path: "", modules: nil)
    }

    /// Admits files that import a DAG builder by name (Airflow's, cosmos', a configured
    /// class) and use it, files Airflow's safe mode parses that use a name imported
    /// from a module of the tree which defines a DAG class there (asking the module
    /// index), and files importing what Airflow 3 removed.
    public func mightDefineFlows(_ bytes: [UInt8], path: String, modules: ModuleIndex?) -> Bool {
        let named = Self.prefilter.admits(bytes) || Self.cosmosPrefilter.admits(bytes)
            || configuredPrefilters.contains { $0.admits(bytes) }
        if named && ImportUseScan.importsBuilder(bytes, builders: builders) { return true }
        // A file importing what Airflow 3 removed is reported even when it builds no DAG.
        if possibleVersions.contains(where: { $0 >= 3 }) && Self.mentionsAirflow.admits(bytes)
            && AirflowImportScan.importsRemovedName(bytes)
        {
            return true
        }
        guard let modules, possibleVersions.contains(where: { Self.passesSafeModeTest(bytes, version: $0) }) else { return false }
        let candidates = AirflowImportScan.importedBuilderCandidates(bytes) { modules.contains($0, importedBy: path) }
        return candidates.contains { qualified in
            classes.kind(ofImported: qualified, importer: path, modules: modules) != nil
        }
    }

    public func detect(in file: SourceFile) -> DetectionResult {
        let targetVersion = file.airflowVersion
        // Most files that mention Airflow (operators, hooks, Airflow's own code)
        // build no DAG: interpret only files that import something that makes one.
        let removedImports = targetVersion >= 3 ? RemovedImportScan.findings(in: file.tree.root).map { finding in
            Diagnostic(.airflowRemovedImport, finding.message, file: file.path, line: finding.node.line,
                column: finding.node.column)
        } : []
        guard importsDagBuilder(file) else {
            var result = DetectionResult()
            result.diagnostics = removedImports
            return result
        }
        let interpreter = AirflowInterpreter(file: file, dagClasses: classes,
            followsImportedClasses: followsImportedClasses(file))
        interpreter.run()
        var result = DetectionResult()
        result.diagnostics = interpreter.diagnostics + removedImports
        guard !interpreter.dags.isEmpty else { return result }

        let skippedBySafeMode = !Self.passesSafeModeTest(file.tree.source.bytes, version: targetVersion)
        if skippedBySafeMode {
            let words = targetVersion >= 3 ? "'airflow' and 'dag' or 'asset'" : "both 'airflow' and 'dag'"
            result.diagnostics.append(Diagnostic(.airflowSkippedBySafeMode,
                "Airflow's safe-mode test never imports this file: it does not contain \(words) in any case",
                file: file.path))
        }
        if file.airflowIgnored {
            result.diagnostics.append(Diagnostic(.airflowIgnored,
                "excluded by .airflowignore: Airflow never loads the DAGs in this file", file: file.path))
        }
        // A file that raises at import registers nothing: a syntax error, an
        // argument Airflow 3 removed (TypeError), an import of something it removed, or
        // positional arguments to cosmos' DbtDag (TypeError). A removed argument in a
        // function never called at import (an uncalled `@dag` or factory) raises only
        // when called: DagBag 3.3.2 loads the file's other DAGs.
        let removed = targetVersion >= 3 ? interpreter.dags.flatMap { removedArguments($0, file: file) } : []
        let raising = interpreter.dags.compactMap(\.importError)
        let importFails = file.tree.root.hasError || removed.contains { $0.raisesAtImport } || !removedImports.isEmpty
            || !raising.isEmpty
        var seen: Set<Diagnostic> = []
        result.diagnostics += (removed.map(\.diagnostic) + raising).filter { seen.insert($0).inserted }
        for record in interpreter.dags {
            var flow = record.flow(file: file.path)
            flow.testCode = record.inTestFunction
            let loaded = !skippedBySafeMode && !file.airflowIgnored && !importFails
            if !loaded, var airflow = flow.metadata["airflow"]?.objectValue {
                airflow["registered"] = false
                flow.metadata["airflow"] = .object(airflow)
            }
            result.flows.append(flow)
            var unregistered: Diagnostic?
            if loaded && !record.registered && !record.phantom {
                unregistered = Diagnostic(.airflowUnregisteredDag,
                    "DAG '\(record.dagID ?? record.function)' is neither held by a module global nor entered with `with`; Airflow drops it",
                    file: file.path, line: record.anchor.line, column: record.anchor.column)
            } else if record.phantom && record.declaration != .decorator && !record.handedToCaller {
                unregistered = Diagnostic(.airflowUnregisteredDag,
                    "DAG '\(record.dagID ?? record.function)' is built in a function never called at import and dropped there (neither returned nor stored); Airflow registers nothing",
                    file: file.path, line: record.anchor.line, column: record.anchor.column)
            }
            if var unregistered {
                unregistered.testCode = record.inTestFunction
                result.diagnostics.append(unregistered)
            }
        }
        return result
    }

    /// True when an import names a DAG class, `@dag`, `@asset`, or a module that exposes
    /// them; or, in files Airflow's safe mode parses, a DAG class of another module of the tree.
    func importsDagBuilder(_ file: SourceFile) -> Bool {
        var imported: [String] = []
        var named = false
        Statements.visit(file.tree.root) { statement in
            let names = Statements.importedNames(statement)
            imported += names
            // `import airflow.operators.bash` binds `airflow`, and with it `airflow.DAG`.
            let bound = statement.type == "import_statement" ? names.map { String($0.split(separator: ".").first ?? "") } : names
            named = named || bound.contains { builders.reachable.contains($0) }
        }
        if named { return true }
        guard let modules = file.modules, followsImportedClasses(file) else { return false }
        return imported.contains { classes.kind(ofImported: $0, importer: file.path, modules: modules) != nil }
    }

    /// Classes imported from the tree are followed only in files Airflow's safe mode
    /// parses: that keeps the byte pre-filter cheap, and Airflow skips the others anyway.
    private func followsImportedClasses(_ file: SourceFile) -> Bool {
        Self.passesSafeModeTest(file.tree.source.bytes, version: file.airflowVersion)
    }

    /// Airflow's `might_contain_dag` heuristic on the lower-cased bytes.
    static func passesSafeModeTest(_ bytes: [UInt8], version: Int) -> Bool {
        let has = { (word: String) in BytePrefilter.containsIgnoringCase(bytes, Array(word.utf8)) }
        return has("airflow") && (has("dag") || (version >= 3 && has("asset")))
    }

    private func removedArguments(_ record: DagRecord, file: SourceFile) -> [(diagnostic: Diagnostic, raisesAtImport: Bool)] {
        let call = record.call.type == "decorator" ? Decorator.expression(of: record.call) : record.call
        guard let call, call.type == "call" else { return [] }
        let consequence = record.phantom
            ? "DAG() raises TypeError when '\(record.function)' is called (it is not called at import, so the file still imports)"
            : "DAG() raises TypeError and the file fails to import"
        return CallArguments(call.child(byField: "arguments")).keywords
            .filter { AirflowNames.removedInAirflow3.contains($0.name) }
            .compactMap { keyword in
                guard let node = keyword.value.parent else { return nil }
                let diagnostic = Diagnostic(.airflowRemovedArgument,
                    "'\(keyword.name)' was removed in Airflow 3: \(consequence)"
                        + (keyword.name == "schedule_interval" || keyword.name == "timetable" ? "; use schedule=" : ""),
                    file: file.path, line: node.line, column: node.column)
                return (diagnostic, !record.phantom)
            }
    }
}
