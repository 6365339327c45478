import PythonTreeSitter

/// Docstrings: finding them, cleaning them like `inspect.cleandoc`, and
/// reading the Google-style `Args:` section Prefect uses for parameter descriptions.
public enum Docstring {
    /// The raw docstring of a function, class or module body, if its first
    /// statement is a plain (not formatted, not bytes) string literal.
    public static func raw(ofBody body: Node?) -> String? {
        guard let body, let first = body.significantChildren.first, first.type == "expression_statement",
            first.namedChildCount == 1, let literal = first.namedChild(0),
            literal.type == "string" || literal.type == "concatenated_string"
        else { return nil }
        let parts = literal.type == "string" ? [literal] : literal.significantChildren
        if parts.contains(where: { StringLiteral.prefix(of: $0).contains(Character("f")) }) { return nil }
        return StringLiteral.value(of: literal)
    }

    /// `inspect.cleandoc`: expand tabs, drop the common indentation of all
    /// lines after the first, strip the first line, and trim blank lines at both ends.
    public static func clean(_ doc: String) -> String {
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map { expandTabs(String($0)) }
        var margin = Int.max
        for line in lines.dropFirst() {
            let content = line.drop(while: \.isWhitespace)
            if !content.isEmpty { margin = min(margin, line.count - content.count) }
        }
        if !lines.isEmpty { lines[0] = String(lines[0].drop(while: \.isWhitespace)) }
        if margin < Int.max {
            for index in lines.indices.dropFirst() { lines[index] = String(lines[index].dropFirst(margin)) }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    /// Python's `str.expandtabs(8)`: tabs advance to the next multiple of 8.
    static func expandTabs(_ line: String) -> String {
        guard line.contains(Character("\t")) else { return line }
        var result = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 8 - column % 8
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column = character == "\n" || character == "\r" ? 0 : column + 1
            }
        }
        return result
    }

    /// Parameter descriptions from a Google-style section (`Args:`,
    /// `Arguments:`, `Parameters:`), as griffe reads them for Prefect:
    /// `name: text` or `name (type): text`, continuation lines indented deeper.
    public static func argumentDescriptions(_ cleaned: String) -> [String: String] {
        let lines = cleaned.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headers: Set<String> = ["args:", "arguments:", "params:", "parameters:"]
        var result: [String: String] = [:]
        var index = 0
        while index < lines.count {
            let header = lines[index].trimmed(\.isWhitespace).lowercased()
            let sectionIndent = indentation(lines[index])
            index += 1
            guard headers.contains(header) else { continue }
            var entryIndent: Int?
            var current: (name: String, text: [String])?
            func finish() {
                if let entry = current {
                    result[entry.name] = entry.text.joined(separator: "\n").trimmed(\.isWhitespace)
                }
                current = nil
            }
            while index < lines.count {
                let line = lines[index]
                let trimmed = line.trimmed(\.isWhitespace)
                if trimmed.isEmpty {
                    current?.text.append("")
                    index += 1
                    continue
                }
                let indent = indentation(line)
                if indent <= sectionIndent { break }
                if entryIndent == nil { entryIndent = indent }
                if indent == entryIndent, let colon = trimmed.firstIndex(of: ":") {
                    finish()
                    var name = String(trimmed[..<colon])
                    if let paren = name.firstIndex(of: "(") { name = String(name[..<paren]) }
                    name = name.trimmed(\.isWhitespace).trimmed { $0 == "*" }
                    let text = trimmed[trimmed.index(after: colon)...].trimmed(\.isWhitespace)
                    current = (name, [text])
                } else if indent > (entryIndent ?? 0) {
                    current?.text.append(trimmed)
                } else {
                    break
                }
                index += 1
            }
            finish()
        }
        return result
    }

    private static func indentation(_ line: String) -> Int {
        line.prefix(while: { $0 == " " }).count
    }
}

import Foundation

extension StringProtocol {
    /// Without leading and trailing characters matching `strip`. Native Swift: Foundation's
    /// `trimmingCharacters` bridges through NSString, which showed in the one-file `check` profile.
    func trimmed(_ strip: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !strip($0) }), let last = lastIndex(where: { !strip($0) }) else { return "" }
        return String(self[first...last])
    }
}
