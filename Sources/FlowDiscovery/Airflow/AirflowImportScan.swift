/// A byte-level check, before parsing, that a file imports something able to
/// build a DAG: `DAG`, `dag`, `asset`, or a module exposing them (`import
/// airflow`, `from airflow import models`). It reads only lines that start an
/// import of `airflow...` (after indentation or `;`), following parentheses
/// and backslashes, so it admits every file the tree-based gate
/// (``AirflowDetector/importsDagBuilder(_:)``) admits, and very few others:
/// Airflow's own library code mentions "airflow" and "dag" everywhere.
enum AirflowImportScan {
    static func importsDagBuilder(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            // Start of a logical statement: after a newline or `;`, skipping indentation.
            var start = index
            while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            let end = statementEnd(bytes, from: start)
            if startsImport(bytes, at: start) {
                let statement = String(decoding: bytes[start..<end], as: UTF8.self)
                if mentionsBuilder(statement) { return true }
            }
            index = end + 1
        }
        return false
    }

    private static func startsImport(_ bytes: [UInt8], at start: Int) -> Bool {
        let prefixes: [[UInt8]] = [Array("from ".utf8), Array("import ".utf8)]
        return prefixes.contains { prefix in
            start + prefix.count <= bytes.count && Array(bytes[start..<(start + prefix.count)]) == prefix
        }
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

    /// Words of an import statement: does it import a DAG builder from Airflow?
    private static func mentionsBuilder(_ statement: String) -> Bool {
        let words = statement.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }.map(String.init)
        guard let keyword = words.first else { return false }
        if keyword == "import" {
            // `import airflow`, `import airflow.models as m`, `import os, airflow`
            return words.dropFirst().contains { word in
                AirflowNames.dagModules.contains(word) || AirflowNames.dagClasses.contains(word)
                    || word == "airflow" || word.hasPrefix("airflow.")
            }
        }
        guard words.count >= 3, let module = words.dropFirst().first, module == "airflow" || module.hasPrefix("airflow.")
        else { return false }
        let names = words.drop { $0 != "import" }.dropFirst()
        return names.contains { name in
            name == "DAG" || name == "dag" || name == "asset" || name == "*"
                || AirflowNames.dagModules.contains(module + "." + name)
        } || statement.contains("*")
    }
}
