import PythonSyntax
import TOMLSyntax

/// The Airflow a project's Python packaging files install or allow: requirements
/// and constraints files, pyproject.toml, Pipfile, setup.cfg, setup.py and lock files.
enum PackageEvidence {
    typealias Found = AirflowVersionFiles.Found

    // MARK: Requirements

    /// `apache-airflow==2.10.4`, `apache-airflow[celery]>=2.9,<3`, and a constraints
    /// file of Airflow's own (`-c .../constraints-2.10.4/constraints-3.11.txt`).
    /// pip-compile's `# via` lines are comments like any other.
    static func requirements(_ text: String) -> Found? {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .trimmingCharacters(in: .whitespaces)
            if let major = constraintsURLMajor(line) ?? requirementMajor(line) {
                return Found(major: major, line: number + 1, text: line)
            }
        }
        return nil
    }

    private static func constraintsURLMajor(_ line: String) -> Int? {
        guard line.hasPrefix("-c") || line.hasPrefix("--constraint"), let range = line.range(of: "constraints-") else { return nil }
        let version = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        guard version.contains(".") else { return nil }
        return ImageEvidence.leadingNumber(String(version)).flatMap { $0 == 2 || $0 == 3 ? $0 : nil }
    }

    /// The Airflow major version a PEP 508 requirement on Airflow itself allows.
    static func requirementMajor(_ requirement: String) -> Int? {
        guard let specifier = airflowSpecifier(requirement) else { return nil }
        return VersionSpecifier(specifier)?.newestMajor(among: [2, 3])
    }

    /// The version specifier of a requirement on `apache-airflow` (or `apache-airflow-core`), or nil.
    private static func airflowSpecifier(_ requirement: String) -> String? {
        let name = requirement.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        guard isAirflow(String(name)) else { return nil }
        var rest = requirement.dropFirst(name.count).drop { $0 == " " }
        if rest.first == "[", let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
        // A direct reference (`apache-airflow @ https://...`) names no version.
        if rest.trimmingCharacters(in: .whitespaces).hasPrefix("@") { return nil }
        return String(rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    static func isAirflow(_ name: String) -> Bool {
        let normalised = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
        return normalised == "apache-airflow" || normalised == "apache-airflow-core"
    }

    // MARK: setup.cfg and setup.py

    /// `install_requires = apache-airflow>=2.7` or one requirement per continuation line.
    static func setupCfg(_ text: String) -> Found? {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .trimmingCharacters(in: .whitespaces)
            if let equals = line.firstIndex(of: "="), !line[..<equals].contains(where: { "<>!~".contains($0) }),
                !line[line.index(after: equals)...].hasPrefix("=")
            {
                line = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
            if let major = requirementMajor(line) { return Found(major: major, line: number + 1, text: line) }
        }
        return nil
    }

    /// String literals naming Airflow (`install_requires=["apache-airflow==2.8.1"]`), read
    /// without running the file: a computed requirement says nothing.
    static func setupPy(_ text: String) -> Found? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let quote = rest.firstIndex(where: { $0 == "\"" || $0 == "'" }) {
                let after = rest.index(after: quote)
                guard let close = rest[after...].firstIndex(of: rest[quote]) else { break }
                let literal = String(rest[after..<close])
                if let major = requirementMajor(literal) { return Found(major: major, line: number + 1, text: literal) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return nil
    }

    // MARK: TOML files

    /// PEP 621 dependencies, optional dependencies and dependency groups, uv's and PDM's
    /// extra lists, Hatch environments, and Poetry's tables (`apache-airflow = "^2.10"`).
    static func pyproject(_ text: String) -> Found? {
        guard let root = try? TOMLDocument.parse(text) else { return nil }
        var lists: [[TOMLNode]] = []
        let tool = root["tool"]?.table
        if let project = root["project"]?.table {
            lists.append(project["dependencies"]?.array ?? [])
            for group in project["optional-dependencies"]?.table?.members ?? [] { lists.append(group.node.array ?? []) }
        }
        for group in root["dependency-groups"]?.table?.members ?? [] { lists.append(group.node.array ?? []) }
        if let uv = tool?["uv"]?.table {
            for key in ["constraint-dependencies", "override-dependencies", "dev-dependencies"] { lists.append(uv[key]?.array ?? []) }
        }
        for group in tool?["pdm"]?.table?["dev-dependencies"]?.table?.members ?? [] { lists.append(group.node.array ?? []) }
        for environment in tool?["hatch"]?.table?["envs"]?.table?.members ?? [] {
            for key in ["dependencies", "extra-dependencies"] { lists.append(environment.node.table?[key]?.array ?? []) }
        }
        for node in lists.joined() {
            if let requirement = node.string, let major = requirementMajor(requirement) {
                return Found(major: major, line: node.location.line, text: requirement)
            }
        }
        let poetry = tool?["poetry"]?.table
        var tables = [poetry?["dependencies"]?.table, poetry?["dev-dependencies"]?.table]
        for group in poetry?["group"]?.table?.members ?? [] { tables.append(group.node.table?["dependencies"]?.table) }
        return tableEntry(in: tables.compactMap { $0 }) { VersionSpecifier(poetry: $0) }
    }

    /// Pipfile's `[packages]` and `[dev-packages]`: `apache-airflow = "==2.7.0"` or `{version = "==2.7.0", extras = [...]}`.
    static func pipfile(_ text: String) -> Found? {
        guard let root = try? TOMLDocument.parse(text) else { return nil }
        let tables = ["packages", "dev-packages"].compactMap { root[$0]?.table }
        return tableEntry(in: tables) { $0 == "*" ? VersionSpecifier("") : VersionSpecifier($0) }
    }

    private static func tableEntry(in tables: [TOMLTable], specifier: (String) -> VersionSpecifier?) -> Found? {
        for table in tables {
            for member in table.members where isAirflow(member.key) {
                let written = member.node.string ?? member.node.table?["version"]?.string ?? ""
                if let major = specifier(written)?.newestMajor(among: [2, 3]) {
                    return Found(major: major, line: member.keyLocation.line, text: "\(member.key) = \"\(written)\"")
                }
            }
        }
        return nil
    }

    // MARK: Lock files

    /// uv.lock, poetry.lock and pdm.lock: a `[[package]]` named `apache-airflow` and its
    /// `version`. Read line by line rather than parsed as TOML: these files are written by
    /// their tools in one fixed shape, and are often hundreds of KiB long.
    static func lock(_ text: String) -> Found? {
        var inAirflowPackage = false
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inAirflowPackage = false
            } else if line.hasPrefix("name"), let value = stringValue(line, key: "name") {
                inAirflowPackage = isAirflow(value)
            } else if inAirflowPackage, line.hasPrefix("version"), let version = stringValue(line, key: "version"),
                let major = ImageEvidence.leadingNumber(version), major == 2 || major == 3
            {
                return Found(major: major, line: number + 1, text: "apache-airflow \(version)")
            }
        }
        return nil
    }

    /// `key = "value"` on one line.
    private static func stringValue(_ line: String, key: String) -> String? {
        let rest = line.dropFirst(key.count).drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        let value = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        guard value.count >= 2, value.first == "\"", value.last == "\"" else { return nil }
        return String(value.dropFirst().dropLast())
    }

    /// Pipfile.lock (JSON): `"default": {"apache-airflow": {"version": "==2.7.0"}}`.
    static func pipfileLock(_ text: String) -> Found? {
        guard let json = try? JSONValue.parse(text) else { return nil }
        for section in ["default", "develop"] {
            for (name, entry) in json[section]?.objectValue ?? [:] where isAirflow(name) {
                guard let version = entry["version"]?.stringValue,
                    let major = VersionSpecifier(version)?.newestMajor(among: [2, 3])
                else { continue }
                // The JSON reader keeps no positions: the key's line is found in the text.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (lines.firstIndex { $0.contains("\"\(name)\"") } ?? 0) + 1
                return Found(major: major, line: line, text: "\"\(name)\": \"\(version)\"")
            }
        }
        return nil
    }
}
