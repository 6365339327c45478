#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level check, before parsing, that a file imports something able to
/// build a DAG (`DAG`, `dag`, `asset`, or a module exposing them) and uses
/// it where a DAG gets built: a call, a decorator, a class base, an alias or a list element.
/// Those are the only ways the interpreter finds a DAG, so every file it could
/// report passes; Airflow's own library code, which imports DAG for type
/// hints, mostly does not. Imports are read from lines that start an import
/// (after indentation or `;`), following parentheses and backslashes.
enum AirflowImportScan {
    static func importsDagBuilder(_ bytes: [UInt8]) -> Bool {
        var names: Set<String> = []
        var modules: Set<String> = []
        let importRanges = forEachAirflowImport(bytes) { words in
            collectBuilders(words, names: &names, modules: &modules)
            return false
        }
        guard !names.isEmpty || !modules.isEmpty else { return false }
        return usesBuilder(bytes, names: names, modules: modules, skipping: importRanges)
    }

    /// True when some import line names a module or name Airflow 3 removed
    /// (guarded or not: the detector decides whether it runs at import).
    static func importsRemovedName(_ bytes: [UInt8]) -> Bool {
        var found = false
        _ = forEachAirflowImport(bytes) { words in
            found = failsInAirflow3(words)
            return found
        }
        return found
    }

    /// Calls `body` with the words of every import statement that mentions
    /// `airflow` (until it returns true); returns the ranges of all import statements.
    private static func forEachAirflowImport(_ bytes: [UInt8], _ body: ([String]) -> Bool) -> [Range<Int>] {
        var importRanges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            // Start of a logical statement: after a newline or `;`, skipping indentation.
            var start = index
            while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            // Only import statements need their full extent; other lines end at the newline.
            if startsImport(bytes, at: start) {
                let end = statementEnd(bytes, from: start)
                importRanges.append(start..<end)
                if contains(bytes, airflow, in: start..<end), body(words(bytes, in: start..<end)) { break }
                index = end + 1
            } else {
                index = nextLine(bytes, from: start)
            }
        }
        return importRanges
    }

    /// `import a.b as c, d` or `from m import a as b, c`, as words.
    private static func failsInAirflow3(_ words: [String]) -> Bool {
        guard let keyword = words.first, words.count >= 2 else { return false }
        if keyword == "import" {
            return words.dropFirst().contains { RemovedImportScan.entry(for: $0) != nil }
        }
        guard let importAt = words.firstIndex(of: "import") else { return false }
        var names: [String] = []
        var index = importAt + 1
        while index < words.count {
            names.append(words[index])
            index += index + 1 < words.count && words[index + 1] == "as" ? 3 : 1
        }
        return RemovedImportScan.fails(module: words[1], names: names)
    }

    /// Where a DAG gets built from an imported name: a call `N(`, a decorator
    /// `@N`, a class base `(N)` / `, N)`, or an alias `= N` ending its line;
    /// for a module `M`: `M.DAG`, `M.dag`, `M.asset` in the same positions.
    private static func usesBuilder(_ bytes: [UInt8], names: Set<String>, modules: Set<String>,
        skipping imports: [Range<Int>]) -> Bool
    {
        let targets = names.map { Array($0.utf8) }
            + modules.flatMap { module in ["DAG", "dag", "asset"].map { Array("\(module).\($0)".utf8) } }
        var importIndex = 0
        var position = 0
        while position < bytes.count {
            if importIndex < imports.count, position >= imports[importIndex].lowerBound {
                position = max(position, imports[importIndex].upperBound)
                importIndex += 1
                continue
            }
            let byte = bytes[position]
            if isIdentifierByte(byte), position == 0 || !isIdentifierByte(bytes[position - 1]) && bytes[position - 1] != UInt8(ascii: ".") {
                for target in targets where hasPrefix(bytes, target, at: position) {
                    let after = position + target.count
                    if after < bytes.count, isIdentifierByte(bytes[after]) || bytes[after] == UInt8(ascii: ".") { continue }
                    if buildsAt(bytes, start: position, end: after) { return true }
                }
            }
            position += 1
        }
        return false
    }

    private static func buildsAt(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        var next = end
        while next < bytes.count, bytes[next] == 32 || bytes[next] == 9 { next += 1 }
        var previous = start - 1
        while previous >= 0, bytes[previous] == 32 || bytes[previous] == 9 { previous -= 1 }
        let following = next < bytes.count ? bytes[next] : 10
        let preceding = previous >= 0 ? bytes[previous] : 10
        if following == UInt8(ascii: "(") || preceding == UInt8(ascii: "@") { return true }
        // A class base: `class X(N):` or `class X(Base, N):`.
        if (preceding == UInt8(ascii: "(") || preceding == UInt8(ascii: ",")) && following == UInt8(ascii: ")") { return true }
        // An element of a list, read back by a PEP 614 decorator: `builders = [dag]`, `@builders[0]`.
        if (preceding == UInt8(ascii: "[") || preceding == UInt8(ascii: ","))
            && (following == UInt8(ascii: "]") || following == UInt8(ascii: ","))
        {
            return true
        }
        // An alias: `Builder = N` at the end of a statement.
        return preceding == UInt8(ascii: "=") && (following == 10 || following == 13 || following == UInt8(ascii: ";")
            || following == UInt8(ascii: "#"))
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 || byte >= 128
    }

    private static let airflow = Array("airflow".utf8)

    /// The start of the next line, found with memchr.
    private static func nextLine(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let hit = memchr(buffer.baseAddress! + start, 10, buffer.count - start) else { return buffer.count }
            return buffer.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
    }

    private static let from = Array("from ".utf8)
    private static let importKeyword = Array("import ".utf8)

    private static func startsImport(_ bytes: [UInt8], at start: Int) -> Bool {
        hasPrefix(bytes, from, at: start) || hasPrefix(bytes, importKeyword, at: start)
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8], at start: Int) -> Bool {
        guard start + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[start + offset] != prefix[offset] { return false }
        return true
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8], in range: Range<Int>) -> Bool {
        guard range.count >= needle.count else { return false }
        for start in range.lowerBound...(range.upperBound - needle.count) where hasPrefix(bytes, needle, at: start) {
            return true
        }
        return false
    }

    /// Where the statement starting at `start` ends: a newline outside
    /// parentheses and not after a backslash, or a `;`.
    private static func statementEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth = max(0, depth - 1)
            case UInt8(ascii: ";") where depth == 0: return index
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 10 { index += 1 }
                continue
            case 10:
                let continued = index > start && bytes[index - 1] == UInt8(ascii: "\\")
                if depth == 0 && !continued { return index }
            default: break
            }
            index += 1
        }
        return bytes.count
    }

    /// The local names an import statement binds to DAG builders (`DAG`,
    /// `dag`, `asset`, or their aliases), and to modules that expose them.
    /// The words of an import statement: names, dotted modules, `as`, `*`.
    private static func words(_ bytes: [UInt8], in range: Range<Int>) -> [String] {
        var result: [String] = []
        var wordStart: Int?
        for index in range {
            let byte = bytes[index]
            let inWord = isIdentifierByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "*")
            if inWord, wordStart == nil { wordStart = index }
            if !inWord, let start = wordStart {
                result.append(String(decoding: bytes[start..<index], as: UTF8.self))
                wordStart = nil
            }
        }
        if let start = wordStart { result.append(String(decoding: bytes[start..<range.upperBound], as: UTF8.self)) }
        return result
    }

    private static func collectBuilders(_ words: [String], names: inout Set<String>, modules: inout Set<String>) {
        guard let keyword = words.first else { return }
        if keyword == "import" {
            // `import airflow`, `import airflow.models as m`, `import os, airflow`
            var index = 1
            while index < words.count {
                let module = words[index]
                let alias = index + 2 < words.count && words[index + 1] == "as" ? words[index + 2] : nil
                if module == "airflow" || module.hasPrefix("airflow.") {
                    modules.insert(alias ?? module)
                    if alias == nil { modules.insert("airflow") }
                }
                index += alias == nil ? 1 : 3
            }
            return
        }
        guard words.count >= 3, words[1] == "airflow" || words[1].hasPrefix("airflow."),
            let importAt = words.firstIndex(of: "import")
        else { return }
        let module = words[1]
        var index = importAt + 1
        while index < words.count {
            let name = words[index]
            let alias = index + 2 < words.count && words[index + 1] == "as" ? words[index + 2] : nil
            if name == "*" {
                names.formUnion(["DAG", "dag", "asset"])
            } else if name == "DAG" || name == "dag" || name == "asset" {
                names.insert(alias ?? name)
            } else if AirflowNames.dagModules.contains(module + "." + name) {
                modules.insert(alias ?? name)
            }
            index += alias == nil ? 1 : 3
        }
    }
}
