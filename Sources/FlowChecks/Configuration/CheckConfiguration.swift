import FlowDiscovery
import Foundation
import PythonSyntax

/// Settings for `check` (and the Airflow version for scans), from
/// `acme.toml` or `[tool.acme-scan]` in `pyproject.toml`, whichever the walk
/// up from the checked folder meets first (`acme.toml` wins in one folder).
public struct CheckConfiguration: Sendable {
    public var select: [String] = []
    public var ignore: [String] = []
    /// Rule code or name → severity.
    public var severity: [String: Severity] = [:]
    public var airflowVersion: Int?
    public var policy = Policy()
    /// The file read, if any (for messages).
    public var source: String?
    /// Keys acme-scan does not know, with their file and line: warnings, not errors.
    public var warnings: [String] = []

    public struct Policy: Sendable {
        /// Tags every DAG must carry (empty list: at least one tag).
        public var requiredTags: [String] = []
        /// Owners accepted in default_args (empty: any owner but "airflow").
        public var allowedOwners: [String] = []
        public var minimumRetries = 1
        /// A regular expression every flow name and dag_id must match.
        public var namePattern: String?
        public init() {}
    }

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let keys: Set<String> = ["select", "ignore", "severity", "airflow-version", "required-tags",
        "allowed-owners", "minimum-retries", "name-pattern", "environments", "project", "defaults", "flows"]

    /// Finds and reads the configuration for `folder`; an empty one when there is none.
    public static func find(from folder: URL) throws -> CheckConfiguration {
        var current = folder.standardizedFileURL
        while true {
            for name in ["acme.toml", "pyproject.toml"] {
                let file = current.appendingPathComponent(name)
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                let prefix = name == "acme.toml" ? "" : "tool.acme-scan"
                if name == "acme.toml" || text.contains("[tool.acme-scan") {
                    return try parse(text, prefix: prefix, path: file.path)
                }
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return CheckConfiguration() }
            current = parent
        }
    }

    static func parse(_ text: String, prefix: String, path: String) throws -> CheckConfiguration {
        var config = CheckConfiguration()
        config.source = path
        let tables: [String: [TOMLSubset.Entry]]
        do {
            tables = try TOMLSubset.tables(in: text, prefix: prefix)
        } catch let error as TOMLSubset.ParseError {
            throw Invalid(message: "\(path):\(error.line): \(error.message)")
        }
        func strings(_ entry: TOMLSubset.Entry) throws -> [String] {
            guard let items = entry.value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw Invalid(message: "\(path):\(entry.line): '\(entry.key)' must be a list of strings")
            }
            return items.compactMap(\.stringValue)
        }
        for entry in tables[""] ?? [] {
            switch entry.key {
            case "select": config.select = try strings(entry)
            case "ignore": config.ignore = try strings(entry)
            case "required-tags": config.policy.requiredTags = try strings(entry)
            case "allowed-owners": config.policy.allowedOwners = try strings(entry)
            case "airflow-version":
                guard case .int(let version) = entry.value, version == 2 || version == 3 else {
                    throw Invalid(message: "\(path):\(entry.line): 'airflow-version' must be 2 or 3")
                }
                config.airflowVersion = version
            case "minimum-retries":
                guard case .int(let retries) = entry.value, retries >= 0 else {
                    throw Invalid(message: "\(path):\(entry.line): 'minimum-retries' must be a whole number")
                }
                config.policy.minimumRetries = retries
            case "name-pattern":
                guard let pattern = entry.value.stringValue, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw Invalid(message: "\(path):\(entry.line): 'name-pattern' must be a valid regular expression")
                }
                config.policy.namePattern = pattern
            case "severity":
                try readSeverities(entry.value.objectValue ?? [:], line: entry.line, path: path, into: &config)
            default:
                if !keys.contains(entry.key) {
                    config.warnings.append("\(path):\(entry.line): unknown key '\(entry.key)' ignored")
                }
            }
        }
        for entry in tables["severity"] ?? [] {
            try readSeverities([entry.key: entry.value], line: entry.line, path: path, into: &config)
        }
        return config
    }

    private static func readSeverities(_ members: [String: JSONValue], line: Int, path: String,
        into config: inout CheckConfiguration) throws
    {
        for (code, value) in members {
            guard let text = value.stringValue, let severity = Severity(rawValue: text) else {
                throw Invalid(message: "\(path):\(line): severity of '\(code)' must be error, warning or info")
            }
            config.severity[code] = severity
        }
    }
}
