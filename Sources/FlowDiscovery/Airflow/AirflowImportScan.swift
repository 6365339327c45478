#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Airflow-only parts of the byte-level import scan (``ImportUseScan``): imports
/// of what Airflow 3 removed, and names imported from the tree that may be DAG classes.
enum AirflowImportScan {
    /// True when some import line names a module or name Airflow 3 removed
    /// (guarded or not: the detector decides whether it runs at import).
    static func importsRemovedName(_ bytes: [UInt8]) -> Bool {
        ImportUseScan.importStatements(bytes).contains { range in
            ImportUseScan.contains(bytes, airflow, in: range) && failsInAirflow3(ImportUseScan.words(bytes, in: range))
        }
    }

    /// `import a.b as c, d` or `from m import a as b, c`, as words.
    private static func failsInAirflow3(_ words: [String]) -> Bool {
        guard let keyword = words.first, words.count >= 2 else { return false }
        if keyword == "import" {
            return words.dropFirst().contains { RemovedImportScan.entry(for: $0) != nil }
        }
        guard let importAt = words.firstIndex(of: "import") else { return false }
        return RemovedImportScan.fails(module: words[1], names: ImportUseScan.namesAndAliases(words[(importAt + 1)...]).map(\.name))
    }

    private static let airflow = Array("airflow".utf8)

    /// Names bound by `from M import N [as A]` (M not Airflow or cosmos) that the
    /// file uses where a DAG gets built, as qualified names (`mylib.dags.TeamDAG`,
    /// relative ones with their dots): the candidates for DAG classes of the tree.
    /// `isCandidate` picks the modules worth a look (those of the tree) before any use is searched for.
    static func importedBuilderCandidates(_ bytes: [UInt8], from isCandidate: (String) -> Bool) -> [String] {
        let imports = ImportUseScan.importStatements(bytes)
        var bindings: [String: String] = [:]  // local name → qualified
        for range in imports where ImportUseScan.hasPrefix(bytes, ImportUseScan.from, at: range.lowerBound) && !namesLibrary(bytes, at: range.lowerBound + 5) {
            let words = ImportUseScan.words(bytes, in: range)
            guard words.count >= 4, words[0] == "from", words[1] != "__future__", let importAt = words.firstIndex(of: "import")
            else { continue }
            let module = words[1]
            guard !AirflowNames.isLibrary(module + "."), isCandidate(module) else { continue }
            for (name, alias) in ImportUseScan.namesAndAliases(words[(importAt + 1)...]) {
                let qualified = module.hasSuffix(".") ? module + name : module + "." + name
                if name != "*" && !AirflowNames.isLibrary(qualified) { bindings[alias ?? name] = qualified }
            }
        }
        guard !bindings.isEmpty else { return [] }
        let used = ImportUseScan.usedAsBuilders(bytes, bindings.keys.sorted().map { Array($0.utf8) }, skipping: imports, all: true)
        return used.compactMap { bindings[String(decoding: $0, as: UTF8.self)] }.sorted()
    }

    private static let libraries = [Array("airflow".utf8), Array("cosmos".utf8), Array("__future__".utf8)]

    /// Whether the module name at `start` is Airflow, cosmos or `__future__` (or a
    /// submodule): checked on the bytes, before any String is made.
    private static func namesLibrary(_ bytes: [UInt8], at start: Int) -> Bool {
        var position = start
        while position < bytes.count, bytes[position] == 32 { position += 1 }
        return libraries.contains { name in
            let end = position + name.count
            return ImportUseScan.hasPrefix(bytes, name, at: position) && (end >= bytes.count || !ImportUseScan.isIdentifierByte(bytes[end]))
        }
    }

}
