import Foundation

/// `.airflowignore` rules, in the syntax the target Airflow reads them:
/// `regexp` (Airflow 2's default: each line searched in the path relative to
/// the DAG folder root) or `glob` (Airflow 3's: gitignore semantics relative
/// to the ignore file's folder, with `!` negation).
struct AirflowIgnore: Sendable {
    enum Syntax: String, Sendable {
        case regexp, glob

        /// The default of an Airflow of this major version.
        init(major: Int) { self = major >= 3 ? .glob : .regexp }
    }

    let syntax: Syntax
    private var glob = IgnoreRules()
    private var expressions: [NSRegularExpressionBox] = []

    init(syntax: Syntax) {
        self.syntax = syntax
    }

    func adding(contents: String, base: String) -> AirflowIgnore {
        var copy = self
        switch syntax {
        case .glob:
            copy.glob = glob.adding(contents: contents, base: base)
        case .regexp:
            for raw in contents.split(separator: "\n", omittingEmptySubsequences: true) {
                // Airflow strips `#` comments and surrounding space before compiling.
                let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                guard !line.isEmpty, let expression = try? NSRegularExpression(pattern: line) else { continue }
                copy.expressions.append(NSRegularExpressionBox(expression: expression))
            }
        }
        return copy
    }

    func ignores(_ path: String, isDirectory: Bool) -> Bool {
        switch syntax {
        case .glob:
            return glob.verdict(path, isDirectory: isDirectory) == .ignored
        case .regexp:
            let range = NSRange(path.startIndex..., in: path)
            return expressions.contains { $0.expression.firstMatch(in: path, range: range) != nil }
        }
    }
}

/// NSRegularExpression is immutable and thread-safe, but not marked Sendable.
struct NSRegularExpressionBox: @unchecked Sendable {
    let expression: NSRegularExpression
}
