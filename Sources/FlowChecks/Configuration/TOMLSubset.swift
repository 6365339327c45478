import PythonSyntax

/// Reads the part of TOML that acme-scan's settings use, keeping each key's
/// line for located errors: `[table]` headers, `key = value` with strings,
/// integers, floats, booleans, arrays (across lines) and inline tables.
/// Tables other than the one asked for are skipped line by line.
struct TOMLSubset {
    struct Entry {
        let key: String
        let value: JSONValue
        let line: Int
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    /// Entries of every table whose name is `prefix` or starts with `prefix.`,
    /// keyed by the table name after the prefix ("" for the table itself).
    static func tables(in text: String, prefix: String) throws -> [String: [Entry]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String: [Entry]] = [:]
        // With no prefix, keys before any header form the top table "".
        var current: String? = prefix.isEmpty ? "" : nil
        var index = 0
        while index < lines.count {
            let line = stripComment(lines[index]).trimmingCharacters(in: .whitespaces)
            let number = index + 1
            index += 1
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).replacingOccurrences(of: "\"", with: "")
                if prefix.isEmpty { current = name } else if name == prefix { current = "" } else if name.hasPrefix(prefix + ".") {
                    current = String(name.dropFirst(prefix.count + 1))
                } else { current = nil }
                if let current { result[current, default: []] = result[current] ?? [] }
                continue
            }
            guard let table = current else { continue }
            guard let equals = line.firstIndex(of: "=") else { throw ParseError(line: number, message: "expected key = value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            var valueText = String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            // An array or inline table may continue on the following lines.
            while depth(valueText) > 0, index < lines.count {
                valueText += " " + stripComment(lines[index]).trimmingCharacters(in: .whitespaces)
                index += 1
            }
            var parser = ValueParser(text: Array(valueText.unicodeScalars), line: number)
            let value = try parser.value()
            result[table, default: []].append(Entry(key: key, value: value, line: number))
        }
        return result
    }

    private static func depth(_ text: String) -> Int {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote { if character == open { quote = nil }; continue }
            switch character {
            case "\"", "'": quote = character
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }

    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        for (offset, character) in line.enumerated() {
            if let open = quote { if character == open { quote = nil }; continue }
            if character == "\"" || character == "'" { quote = character }
            if character == "#" { return String(line.prefix(offset)) }
        }
        return line
    }

    private struct ValueParser {
        let text: [Unicode.Scalar]
        let line: Int
        var index = 0

        init(text: [Unicode.Scalar], line: Int) {
            self.text = text
            self.line = line
        }

        mutating func skipSpace() { while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 } }

        mutating func value() throws -> JSONValue {
            skipSpace()
            guard index < text.count else { throw ParseError(line: line, message: "missing value") }
            switch text[index] {
            case "\"", "'":
                let quote = text[index]
                index += 1
                var out = String.UnicodeScalarView()
                while index < text.count, text[index] != quote {
                    if quote == "\"", text[index] == "\\", index + 1 < text.count {
                        index += 1
                        switch text[index] {
                        case "n": out.append("\n")
                        case "t": out.append("\t")
                        default: out.append(text[index])
                        }
                    } else {
                        out.append(text[index])
                    }
                    index += 1
                }
                guard index < text.count else { throw ParseError(line: line, message: "unterminated string") }
                index += 1
                return .string(String(out))
            case "[":
                index += 1
                var items: [JSONValue] = []
                while true {
                    skipSpace()
                    if index < text.count, text[index] == "]" { index += 1; return .array(items) }
                    items.append(try value())
                    skipSpace()
                    if index < text.count, text[index] == "," { index += 1 }
                }
            case "{":
                index += 1
                var members: [String: JSONValue] = [:]
                while true {
                    skipSpace()
                    if index < text.count, text[index] == "}" { index += 1; return .object(members) }
                    var key = ""
                    while index < text.count, text[index] != "=" { key.unicodeScalars.append(text[index]); index += 1 }
                    index += 1
                    members[key.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))] = try value()
                    skipSpace()
                    if index < text.count, text[index] == "," { index += 1 }
                }
            default:
                var word = ""
                while index < text.count, !" ,]}".unicodeScalars.contains(text[index]) {
                    word.unicodeScalars.append(text[index])
                    index += 1
                }
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                if let number = Int(word.replacingOccurrences(of: "_", with: "")) { return .int(number) }
                if let number = Double(word) { return .double(number) }
                throw ParseError(line: line, message: "cannot read value '\(word)'")
            }
        }
    }
}

import Foundation
