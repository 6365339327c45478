import FlowDiscovery
import Foundation
import PythonSyntax
import TOMLSyntax

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

    /// Keys `check` reads; the project keys belong to `generate` and are read there.
    static let keys: Set<String> = ["select", "ignore", "severity", "airflow-version", "required-tags",
        "allowed-owners", "minimum-retries", "name-pattern"]
    public static let projectKeys: Set<String> = ["project", "package-version", "environments", "defaults", "flows"]

    /// Finds and reads the configuration for `folder`; an empty one when there is none.
    public static func find(from folder: URL) throws -> CheckConfiguration {
        do {
            guard let file = try SettingsFile.find(from: folder) else { return CheckConfiguration() }
            return try read(file)
        } catch let error as SettingsFile.Invalid {
            throw Invalid(message: error.message)
        }
    }

    static func read(_ file: SettingsFile) throws -> CheckConfiguration {
        var config = CheckConfiguration()
        config.source = file.path
        func fail(_ message: String, _ member: TOMLTable.Member) -> Invalid {
            Invalid(message: file.message(message, at: member.node.location))
        }
        func strings(_ member: TOMLTable.Member) throws -> [String] {
            guard let items = member.node.array, items.allSatisfy({ $0.string != nil }) else {
                throw fail("'\(member.key)' must be a list of strings", member)
            }
            return items.compactMap(\.string)
        }
        for member in file.table.members {
            switch member.key {
            case "select": config.select = try strings(member)
            case "ignore": config.ignore = try strings(member)
            case "required-tags": config.policy.requiredTags = try strings(member)
            case "allowed-owners": config.policy.allowedOwners = try strings(member)
            case "airflow-version":
                guard case .integer(let version) = member.node.value, version == 2 || version == 3 else {
                    throw fail("'airflow-version' must be 2 or 3", member)
                }
                config.airflowVersion = version
            case "minimum-retries":
                guard case .integer(let retries) = member.node.value, retries >= 0 else {
                    throw fail("'minimum-retries' must be a whole number", member)
                }
                config.policy.minimumRetries = retries
            case "name-pattern":
                guard let pattern = member.node.string, (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw fail("'name-pattern' must be a valid regular expression", member)
                }
                config.policy.namePattern = pattern
            case "severity":
                guard let table = member.node.table else { throw fail("'severity' must be a table of rule = severity", member) }
                for entry in table.members {
                    guard let text = entry.node.string, let severity = Severity(rawValue: text) else {
                        throw fail("severity of '\(entry.key)' must be error, warning or info", entry)
                    }
                    config.severity[entry.key] = severity
                }
            default:
                if !projectKeys.contains(member.key) {
                    config.warnings.append(file.message("unknown key '\(member.key)' ignored", at: member.keyLocation))
                }
            }
        }
        return config
    }
}
