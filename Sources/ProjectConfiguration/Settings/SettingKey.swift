import TOMLSyntax

/// The commands that read acme.toml. A key lists the ones that act on it, which
/// decides how bad a problem with it is for each command (``ConfigProblem/severity(for:)``).
public enum SettingsReader: String, Sendable, CaseIterable {
    case scan
    case check
    case generate
    /// `deploy`, `promote`, `rollback`, `deployments`, `history`.
    case deploy

    /// Commands that write deployment files or ship to a backend: for them every
    /// problem in the file is an error, since a misspelt setting would otherwise
    /// ship silently (what `prefect deploy` does with `shedules:`).
    public var ships: Bool { self == .generate || self == .deploy }
}

/// Where in the file a key is written.
public enum SettingSection: String, Sendable, CaseIterable {
    /// The top level of acme.toml (or of `[tool.acme-scan]`).
    case top
    /// Each `[[environments]]` table, beside the flow settings it may also hold.
    case environment
    /// `[defaults]`, an environment, `[flows.NAME]` and `[flows.NAME.environments.ENV]`.
    case flowSettings
    /// `[flows.NAME]` only, beside its flow settings.
    case flow
    /// One item of a `schedules` list.
    case schedule

    /// As the documentation's key table names it.
    var title: String {
        switch self {
        case .top: "top level"
        case .environment: "`[[environments]]`"
        case .flowSettings: "any level: `[defaults]`, an environment, `[flows.NAME]`, `[flows.NAME.environments.ENV]`"
        case .flow: "`[flows.NAME]`"
        case .schedule: "one item of `schedules`"
        }
    }
}

/// The shape a key's value must have. Keys whose values need more than a shape
/// (a cron expression, a URL) are checked further by the code that reads them.
public enum SettingType: Sendable, Equatable {
    case string
    case boolean
    case integer(minimum: Int)
    case stringList
    /// A table whose keys are not declared (parameters, job variables, rule severities).
    case table
    case tableList
    /// One of these strings (or, for `numbers`, whole numbers).
    case choice([String])
    case numberChoice([Int])
    /// A number of seconds or a duration string (schedules' `interval`).
    case duration
    case dateTime

    public var description: String {
        switch self {
        case .string: "string"
        case .boolean: "true or false"
        case .integer(let minimum): minimum == 0 ? "whole number" : "whole number ≥ \(minimum)"
        case .stringList: "list of strings"
        case .table: "table"
        case .tableList: "list of tables"
        case .choice(let values): values.map { "`\"\($0)\"`" }.joined(separator: ", ")
        case .numberChoice(let values): values.map(String.init).joined(separator: " or ")
        case .duration: "seconds, or a duration string"
        case .dateTime: "date-time"
        }
    }

    /// Why `value` does not fit, or nil when it does.
    func problem(with value: TOMLValue, key: String) -> String? {
        switch (self, value) {
        case (.string, .string), (.boolean, .boolean), (.table, .table), (.dateTime, .dateTime), (.dateTime, .string):
            return nil
        case (.integer(let minimum), .integer(let number)):
            return number >= minimum ? nil : "'\(key)' must be a \(description)"
        case (.stringList, .array(let items)) where items.allSatisfy({ $0.string != nil }):
            return nil
        case (.tableList, .array(let items)) where items.allSatisfy({ $0.table != nil }):
            return nil
        case (.choice(let values), .string(let text)) where values.contains(text):
            return nil
        case (.numberChoice(let values), .integer(let number)) where values.contains(number):
            return nil
        case (.duration, .integer), (.duration, .float), (.duration, .string):
            return nil
        case (.choice(let values), _):
            return "'\(key)' must be one of \(values.joined(separator: ", "))"
        case (.numberChoice(let values), _):
            return "'\(key)' must be \(values.map(String.init).joined(separator: " or "))"
        case (.boolean, _):
            return "'\(key)' must be true or false"
        default:
            return "'\(key)' must be a \(description), not \(value.kindDescription)"
        }
    }
}

/// One key of acme.toml, declared once: where it goes, its type, which commands
/// read it, which backends it applies to and what it means. Validation (unknown
/// keys, types), the severity of problems and the key table of
/// docs/configuration.md all come from these declarations (``SettingKeys``).
public struct SettingKey: Sendable, Hashable {
    public let name: String
    public let section: SettingSection
    public let type: SettingType
    public let readers: Set<SettingsReader>
    /// For environment and flow settings: the backends (and so the kinds of flow) it applies to.
    public let backends: Set<Backend>
    public let summary: String
    /// The value when the key is absent, as the documentation shows it.
    public let defaultValue: String?

    init(_ name: String, _ section: SettingSection, _ type: SettingType, readers: Set<SettingsReader>,
        backends: Set<Backend> = Set(Backend.allCases), default defaultValue: String? = nil, _ summary: String)
    {
        self.name = name
        self.section = section
        self.type = type
        self.readers = readers
        self.backends = backends
        self.summary = summary
        self.defaultValue = defaultValue
    }

    public static func == (a: SettingKey, b: SettingKey) -> Bool { a.name == b.name && a.section == b.section }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(section)
    }
}
