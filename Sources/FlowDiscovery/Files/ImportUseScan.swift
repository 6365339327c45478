#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level check, before parsing, that a file imports something able to
/// build a flow (Airflow's `DAG`, `dag`, `asset`, cosmos' `DbtDag`, a configured
/// class; Prefect's `flow` and `Flow`; or a module exposing them) and uses it
/// where one gets built: a call, a decorator, a class base, an alias, or an
/// element of a list, tuple or dict (read back by a PEP 614 decorator). Those are
/// the only ways the detectors find a flow, so every file they could report
/// passes, while the many files that import the framework for other things
/// (tasks, hooks, type hints) do not. Imports are read from lines that start an
/// import (after indentation or `;`), following parentheses and backslashes.
enum ImportUseScan {
    /// The builders to look for, by the root package they are imported from.
    struct Builders: Sendable {
        /// Qualified names (`airflow.sdk.DAG`, `cosmos.DbtDag`, `mylib.dags.TeamDAG`).
        let names: [String]
        /// Root package (`airflow`, `cosmos`, `mylib`) → names that build DAGs anywhere below it.
        let members: [String: Set<String>]
        let roots: [[UInt8]]
        /// The names and every module above them (`airflow.sdk`, `airflow`): what an import must name.
        let reachable: Set<String>

        init(_ qualified: Set<String>) {
            var members: [String: Set<String>] = [:]
            var names: [String] = []
            for name in qualified {
                // A name with no module (or a relative one) can never be imported as written.
                guard let dot = name.lastIndex(of: "."), !name.hasPrefix("."), dot != name.index(before: name.endIndex) else { continue }
                let root = String(name.split(separator: ".").first ?? "")
                members[root, default: []].insert(String(name[name.index(after: dot)...]))
                names.append(name)
            }
            self.names = names.sorted()
            reachable = Set(names.flatMap { name in
                let parts = name.split(separator: ".")
                return (1...parts.count).map { parts.prefix($0).joined(separator: ".") }
            })
            self.members = members
            roots = members.keys.sorted().map { Array($0.utf8) }
        }

        /// How the builders below `module` are spelled through a name bound to it:
        /// `sdk` for `airflow.sdk` gives `sdk.DAG`, `sdk.definitions.dag.DAG`, ...
        func spellings(below module: String, as local: String) -> [String] {
            names.filter { $0.hasPrefix(module + ".") }.map { local + $0.dropFirst(module.count) }
        }
    }

    static func importsBuilder(_ bytes: [UInt8], builders: Builders) -> Bool {
        var targets: Set<String> = []
        let imports = importStatements(bytes)
        for range in imports where builders.roots.contains(where: { contains(bytes, $0, in: range) }) {
            collectBuilders(words(bytes, in: range), builders: builders, targets: &targets)
        }
        guard !targets.isEmpty else { return false }
        return !usedAsBuilders(bytes, targets.sorted().map { Array($0.utf8) }, skipping: imports).isEmpty
    }

    /// The extents of the file's import statements, in order.
    static func importStatements(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            // Start of a logical statement: after a newline or `;`, skipping indentation.
            var start = index
            while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            // Only import statements need their full extent; other lines end at the newline.
            if startsImport(bytes, at: start) {
                let end = statementEnd(bytes, from: start)
                ranges.append(start..<end)
                index = end + 1
            } else {
                index = nextLine(bytes, from: start)
            }
        }
        return ranges
    }

    /// Where a flow gets built from an imported name: a call `N(`, a decorator
    /// `@N`, a class base `(N)` / `, N,`, an element `[N]` / `{"k": N}`, or an alias
    /// `= N` ending its line; for a module `M`: `M.DAG`, `M.flow`, ... in the same positions.
    /// Returns the targets used so: the first one found, or every one with `all`.
    static func usedAsBuilders(_ bytes: [UInt8], _ targets: [[UInt8]], skipping imports: [Range<Int>],
        all: Bool = false) -> [[UInt8]]
    {
        var found: [[UInt8]] = []
        var remaining = targets
        // Most identifiers cannot start a target: one table lookup rules them out.
        var starts = [Bool](repeating: false, count: 256)
        for target in targets { if let first = target.first { starts[Int(first)] = true } }
        var importIndex = 0
        var position = 0
        while position < bytes.count, !remaining.isEmpty {
            if importIndex < imports.count, position >= imports[importIndex].lowerBound {
                position = max(position, imports[importIndex].upperBound)
                importIndex += 1
                continue
            }
            let byte = bytes[position]
            if starts[Int(byte)], position == 0 || !isIdentifierByte(bytes[position - 1]) && bytes[position - 1] != UInt8(ascii: ".") {
                for (offset, target) in remaining.enumerated() where hasPrefix(bytes, target, at: position) {
                    let after = position + target.count
                    if after < bytes.count, isIdentifierByte(bytes[after]) || bytes[after] == UInt8(ascii: ".") { continue }
                    if buildsAt(bytes, start: position, end: after) {
                        guard all else { return [target] }
                        found.append(target)
                        remaining.remove(at: offset)
                        break
                    }
                }
            }
            position += 1
        }
        return found
    }

    static func buildsAt(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
        // The next and previous significant bytes on the line, and across line breaks
        // (inside brackets a statement goes on: `builders = [\n    dag,\n]`).
        func isBlank(_ byte: UInt8, lineBreaks: Bool) -> Bool { byte == 32 || byte == 9 || (lineBreaks && (byte == 10 || byte == 13)) }
        var next = end
        while next < bytes.count, isBlank(bytes[next], lineBreaks: false) { next += 1 }
        let followingOnLine = next < bytes.count ? bytes[next] : 10
        while next < bytes.count, isBlank(bytes[next], lineBreaks: true) { next += 1 }
        let following = next < bytes.count ? bytes[next] : 10
        var previous = start - 1
        while previous >= 0, isBlank(bytes[previous], lineBreaks: false) { previous -= 1 }
        let precedingOnLine = previous >= 0 ? bytes[previous] : 10
        while previous >= 0, isBlank(bytes[previous], lineBreaks: true) { previous -= 1 }
        let preceding = previous >= 0 ? bytes[previous] : 10
        if following == UInt8(ascii: "(") || preceding == UInt8(ascii: "@") { return true }
        // A class base (`class X(Base, N):`), or an element of a tuple or list read back by a
        // PEP 614 decorator: `builders = [dag]`, then `@builders[0]`.
        if Self.opening.contains(preceding) && Self.closing.contains(following) && following != UInt8(ascii: "}") { return true }
        // A dict value under a string key, read back the same way: `table = {"flow": flow}`, `@table["flow"]`
        // (an annotation, `def f(dag: DAG)`, has a name before its colon, not a string).
        if preceding == UInt8(ascii: ":"), following == UInt8(ascii: ",") || following == UInt8(ascii: "}") {
            while previous > 0, isBlank(bytes[previous - 1], lineBreaks: true) { previous -= 1 }
            if previous > 0, bytes[previous - 1] == UInt8(ascii: "\"") || bytes[previous - 1] == UInt8(ascii: "'") { return true }
        }
        // An alias: `Builder = N` at the end of a statement.
        return precedingOnLine == UInt8(ascii: "=") && (followingOnLine == 10 || followingOnLine == 13
            || followingOnLine == UInt8(ascii: ";") || followingOnLine == UInt8(ascii: "#"))
    }

    private static let opening: Set<UInt8> = Set("([,".utf8)
    private static let closing: Set<UInt8> = Set(")],}".utf8)

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 || byte >= 128
    }

    /// The start of the next line, found with memchr.
    static func nextLine(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let hit = memchr(buffer.baseAddress! + start, 10, buffer.count - start) else { return buffer.count }
            return buffer.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
        }
    }

    static let from = Array("from ".utf8)
    static let importKeyword = Array("import ".utf8)

    static func startsImport(_ bytes: [UInt8], at start: Int) -> Bool {
        hasPrefix(bytes, from, at: start) || hasPrefix(bytes, importKeyword, at: start)
    }

    static func hasPrefix(_ bytes: [UInt8], _ prefix: [UInt8], at start: Int) -> Bool {
        guard start + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[start + offset] != prefix[offset] { return false }
        return true
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8], in range: Range<Int>) -> Bool {
        guard range.count >= needle.count else { return false }
        for start in range.lowerBound...(range.upperBound - needle.count) where hasPrefix(bytes, needle, at: start) {
            return true
        }
        return false
    }

    /// Where the statement starting at `start` ends: a newline outside
    /// parentheses and not after a backslash, or a `;`.
    static func statementEnd(_ bytes: [UInt8], from start: Int) -> Int {
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

    /// The words of an import statement: names, dotted modules, `as`, `*`.
    static func words(_ bytes: [UInt8], in range: Range<Int>) -> [String] {
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

    /// The spellings of DAG builders an import statement makes available: the
    /// names it binds (`DAG`, `dag`, `asset`, `DbtDag`, configured classes, any
    /// alias of them) and the dotted paths through the modules it binds.
    static func collectBuilders(_ words: [String], builders: Builders, targets: inout Set<String>) {
        guard let keyword = words.first else { return }
        let root = { (module: String) in String(module.split(separator: ".").first ?? "") }
        if keyword == "import" {
            // `import airflow`, `import airflow.models as m`, `import os, cosmos`
            for (module, alias) in namesAndAliases(words.dropFirst()) where builders.members[root(module)] != nil {
                // `import airflow.models` binds `airflow`, through which every airflow.* name is reachable.
                targets.formUnion(alias.map { builders.spellings(below: module, as: $0) }
                    ?? builders.spellings(below: root(module), as: root(module)))
            }
            return
        }
        guard words.count >= 3, let members = builders.members[root(words[1])], let importAt = words.firstIndex(of: "import")
        else { return }
        let module = words[1]
        for (name, alias) in namesAndAliases(words[(importAt + 1)...]) {
            if name == "*" {
                targets.formUnion(members)
                targets.formUnion(builders.spellings(below: module, as: "").map { String($0.dropFirst()) })
            } else {
                // Any builder's name from anywhere in the package: re-exports are common.
                if members.contains(name) { targets.insert(alias ?? name) }
                let path = module + "." + name
                if builders.reachable.contains(path) { targets.formUnion(builders.spellings(below: path, as: alias ?? name)) }
            }
        }
    }

    /// `a, b as c` after `import`: each name with its alias.
    static func namesAndAliases(_ words: ArraySlice<String>) -> [(name: String, alias: String?)] {
        var result: [(name: String, alias: String?)] = []
        var index = words.startIndex
        while index < words.endIndex {
            let alias = index + 2 < words.endIndex && words[index + 1] == "as" ? words[index + 2] : nil
            result.append((words[index], alias))
            index += alias == nil ? 1 : 3
        }
        return result
    }
}
