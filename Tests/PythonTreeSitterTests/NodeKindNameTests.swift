import Foundation
import Testing
import PythonTreeSitter

/// The detectors name tree-sitter node kinds and fields by string; a typo
/// would silently never match. This reads every Swift source that works on
/// syntax trees, collects the literals used as node kinds (`x.type == "..."`,
/// `!=`, `case "..."` of a `switch x.type`, `["..."].contains(x.type)`) and as
/// fields (`child(byField: "...")`, `children(byField: "...")`), and resolves
/// each against the grammar (`ts_language_symbol_for_name`, named and
/// anonymous kinds, and `ts_language_field_id_for_name`).
///
/// Reading the sources, rather than routing every comparison through typed
/// constants, keeps the ~500 literals where they are, in files other changes
/// are editing too; a new literal in any of those spellings is checked with no
/// registration. Patterns it does not know (`hasSuffix("_clause")`) are not checked.
@Suite struct NodeKindNameTests {
    struct Literal: CustomStringConvertible {
        enum Role: String { case kind = "node kind", field }
        let name: String
        let role: Role
        let file: String
        let line: Int
        var description: String { "\(role.rawValue) \"\(name)\" at \(file):\(line)" }

        var isInGrammar: Bool {
            switch role {
            case .kind: PythonGrammar.hasNodeKind(name, named: true) || PythonGrammar.hasNodeKind(name, named: false)
            case .field: PythonGrammar.hasField(name)
            }
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file of the tree-sitter wrapper, and every other source that imports it.
    static func sourceFiles() throws -> [URL] {
        let sources = repository.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        return try enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.filter { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return file.path.contains("/Sources/PythonTreeSitter/") || text.contains("import PythonTreeSitter")
        }.sorted { $0.path < $1.path }
    }

    @Test func everyNodeKindAndFieldTheSourcesNameIsInTheGrammar() throws {
        var literals: [Literal] = []
        for file in try Self.sourceFiles() {
            let relative = String(file.path.dropFirst(Self.repository.path.count + 1))
            literals += Self.literals(in: try String(contentsOf: file, encoding: .utf8), file: relative)
        }
        // Fail loudly when the patterns stop matching how the sources are written.
        let kinds = Set(literals.filter { $0.role == .kind }.map(\.name))
        let fields = Set(literals.filter { $0.role == .field }.map(\.name))
        #expect(literals.count > 300 && kinds.count > 80 && fields.count > 20,
            "found only \(literals.count) literals (\(kinds.count) kinds, \(fields.count) fields): has the code's style changed?")
        for literal in literals where !literal.isInGrammar {
            Issue.record("\(literal) is not in the tree-sitter-python grammar",
                sourceLocation: SourceLocation(fileID: literal.file, filePath: Self.repository.appendingPathComponent(literal.file).path,
                    line: literal.line, column: 1))
        }
    }

    @Test func aMisspelledKindOrFieldIsCaught() {
        let source = """
            if node.type == "fucntion_definition" { }  // a typo
            switch statement.type {
            case "if_statement", "whlie_statement" where x == "not a kind":
                switch other {
                case "not a kind either": break
                }
            default: break
            }
            let name = node.child(byField: "nmae")
            guard ["block", "else_clasue"].contains(child.type) else { return }
            """
        let literals = Self.literals(in: source, file: "example.swift")
        #expect(literals.map(\.name) == ["fucntion_definition", "if_statement", "whlie_statement", "nmae", "block", "else_clasue"])
        #expect(literals.filter { !$0.isInGrammar }.map(\.description) == [
            "node kind \"fucntion_definition\" at example.swift:1", "node kind \"whlie_statement\" at example.swift:3",
            "field \"nmae\" at example.swift:9", "node kind \"else_clasue\" at example.swift:10",
        ])
    }

    @Test func grammarLookupsTellKindsFromHiddenRulesAndFields() {
        #expect(PythonGrammar.hasNodeKind("function_definition", named: true))
        #expect(PythonGrammar.hasNodeKind("ERROR", named: true))
        #expect(PythonGrammar.hasNodeKind("(", named: false) && PythonGrammar.hasNodeKind("async", named: false))
        #expect(!PythonGrammar.hasNodeKind("(", named: true))
        // A supertype and a hidden rule never appear as a node's type.
        #expect(!PythonGrammar.hasNodeKind("expression", named: true))
        #expect(!PythonGrammar.hasNodeKind("_compound_statement", named: true))
        #expect(PythonGrammar.hasField("body") && !PythonGrammar.hasField("bodies"))
    }

    // MARK: Reading the sources

    static func literals(in source: String, file: String) -> [Literal] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { stripComment(String($0)) }
        var found: [(offset: Int, literal: Literal)] = []
        let text = lines.joined(separator: "\n")
        let lineStarts = lines.reduce(into: [0]) { starts, line in starts.append(starts.last! + line.utf8.count + 1) }
        func line(of index: String.Index) -> Int {
            let offset = text.utf8.distance(from: text.startIndex, to: index)
            return lineStarts.lastIndex { $0 <= offset }.map { $0 + 1 } ?? 1
        }
        func add(_ name: Substring, _ role: Literal.Role, at index: String.Index) {
            found.append((text.utf8.distance(from: text.startIndex, to: index),
                Literal(name: String(name), role: role, file: file, line: line(of: index))))
        }
        for match in text.matches(of: /(?:^|[^A-Za-z0-9_])type\s*[!=]=\s*"([^"\\]*)"/) { add(match.1, .kind, at: match.range.lowerBound) }
        for match in text.matches(of: /(?:child|children)\(byField:\s*"([^"\\]*)"\)/) { add(match.1, .field, at: match.range.lowerBound) }
        for match in text.matches(of: /\[((?:\s*"[^"\\]*"\s*,?)+)\]\.contains\(\s*[A-Za-z0-9_.$?]*\.type\s*\)/) {
            for name in match.1.matches(of: /"([^"\\]*)"/) { add(name.1, .kind, at: match.range.lowerBound) }
        }
        for match in text.matches(of: /\bswitch\s+[^{}\n]*\.type\s*\{/) {
            for (name, index) in caseLiterals(in: text, body: match.range.upperBound) { add(name, .kind, at: index) }
        }
        return found.sorted { $0.offset < $1.offset }.map(\.literal)
    }

    /// The string literals of the `case` labels of one switch, whose body starts
    /// at `body` (just after its `{`); nested blocks and `where` clauses are skipped.
    static func caseLiterals(in text: String, body: String.Index) -> [(Substring, String.Index)] {
        var result: [(Substring, String.Index)] = []
        var depth = 1
        var index = body
        while index < text.endIndex, depth > 0 {
            let character = text[index]
            if character == "\"" {
                index = endOfString(in: text, from: index)
                continue
            }
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            // A label starts its line (`if case .x = y` is not one).
            if depth == 1, text[index...].hasPrefix("case "), text[..<index].reversed().prefix { $0 != "\n" }.allSatisfy(\.isWhitespace) {
                index = text.index(index, offsetBy: 5)
                var parentheses = 0
                var labels: [(Substring, String.Index)] = []
                while index < text.endIndex {
                    let next = text[index]
                    if next == "\"" {
                        let end = endOfString(in: text, from: index)
                        labels.append((text[text.index(after: index)..<text.index(before: end)], index))
                        index = end
                        continue
                    }
                    if next == "(" { parentheses += 1 }
                    if next == ")" { parentheses -= 1 }
                    if parentheses == 0 && next == ":" { break }
                    if text[index...].hasPrefix("where "), !isWordCharacter(text[text.index(before: index)]) { break }
                    // `case .x(let a) = b,` continuing a guard binds; a label never does.
                    if parentheses == 0 && (next == "=" || next == "{" || next == "}") {
                        labels = []
                        break
                    }
                    index = text.index(after: index)
                }
                result += labels
                continue
            }
            index = text.index(after: index)
        }
        return result
    }

    /// The index just past the string literal that opens at `start`.
    static func endOfString(in text: String, from start: String.Index) -> String.Index {
        var index = text.index(after: start)
        while index < text.endIndex, text[index] != "\"" {
            if text[index] == "\\" { index = text.index(after: index) }
            if index < text.endIndex { index = text.index(after: index) }
        }
        return index < text.endIndex ? text.index(after: index) : index
    }

    static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    /// The line without a `//` comment (one outside a string literal).
    static func stripComment(_ line: String) -> String {
        var inString = false
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inString {
                if character == "\\" {
                    index = line.index(after: index)
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == "/" && previous == "/" {
                return String(line[..<line.index(before: index)])
            }
            previous = character
            if index < line.endIndex { index = line.index(after: index) }
        }
        return line
    }
}
