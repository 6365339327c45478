import Foundation
import NestingLimit
import PythonTreeSitter

/// The two ways a scan can answer from its cache without reading every result:
/// a re-scan that finds nothing changed since it wrote its output, and `check FILE`,
/// which needs the given files' results and only the names of every other file's flows.
extension FlowScanner {
    /// The output the last scan of `root` wrote, when nothing it was made from has
    /// changed since (every file's stamp, the file set, the Airflow evidence, the options):
    /// then that output is still the answer, and need not be made or written again.
    /// Costs the walk and a stat per file. Nil without a cache, or when anything changed.
    public func unchangedOutput(root: URL) throws -> ScanCache.OutputRecord? {
        guard options.useCache else { return nil }
        let prepared = try prepare(root)
        guard let cache = prepared.cache, cache.isUnchanged(files: prepared.walk.files) else { return nil }
        return cache.outputRecord
    }

    /// The results of the files at `paths` (relative to `root`), with stand-ins of every
    /// other file's flows (``FlowSummary``: names, places, registration) for the repo-wide
    /// rules. Nil when some other file has no good cache entry: a full scan must then
    /// bring the cache up to date. The given files are scanned when they changed; nothing is written.
    public func scan(root: URL, onlyFiles paths: Set<String>) throws -> PartialScan? {
        guard options.useCache else { return nil }
        let prepared = try prepare(root)
        let files = prepared.walk.files
        // Only files of the walk: a folder, or a file the walk leaves out, needs the full scan's answer.
        // Found by binary search (the walk is in byte order): hashing every path of a large tree costs more.
        var positions: [Int] = []
        for path in paths {
            guard let position = files.position(ofPathInByteOrder: path) else { return nil }
            positions.append(position)
        }
        guard let cache = prepared.cache else { return nil }
        let isGiven = Set(positions)
        let given = positions.sorted().map { files[$0] }
        let otherFiles = files.indices.filter { !isGiven.contains($0) }.map { files[$0] }
        let modules = ModuleIndex(folder: prepared.folder, files: files)
        nonisolated(unsafe) var results: [FileResult] = []
        nonisolated(unsafe) var others: [Flow]?
        // The given files are scanned while the others' entries are checked: neither needs the other,
        // and each takes about half the time. Walkers recurse over syntax trees: both run on threads
        // whose stack holds the nesting limit.
        DeepStack.concurrentPerform(threads: 2) { worker in
            if worker == 1 {
                others = cache.summaryFlows(of: otherFiles)
                return
            }
            guard let parser = try? PythonParser() else { return }
            results = given.map { Self.result(for: $0, prepared: prepared, modules: modules, parser: parser, options: options) }
        }
        guard let others else { return nil }
        let result = ScanResult(flows: Self.numberOccurrences(results.flatMap(\.flows).sorted(by: Flow.manifestOrder)),
            diagnostics: (prepared.walk.diagnostics.filter { paths.contains($0.file) } + results.flatMap(\.diagnostics))
                .sorted(by: Diagnostic.manifestOrder),
            filesScanned: files.count, filesParsed: results.filter { $0.parsed && !$0.fromCache }.count,
            suppressions: results.flatMap(\.suppressions), filesFromCache: files.count - given.count
                + results.filter(\.fromCache).count, airflowTargets: prepared.targets)
        return PartialScan(result: result, otherFlows: others)
    }
}

/// A scan of some files of a tree, with stand-ins for the flows of the others.
public struct PartialScan: Sendable {
    /// The given files' flows, diagnostics and suppressions, complete.
    public let result: ScanResult
    /// Every other file's flows, as ``FlowSummary`` keeps them: enough to find duplicates.
    public let otherFlows: [Flow]
}
