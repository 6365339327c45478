import FlowManifest
import Foundation
import TOMLSyntax

/// Infers the Airflow a project targets from the files that install it, most
/// decisive first: the image a Dockerfile builds on (what runs), then pinned
/// requirements and constraints files, then pyproject.toml's dependencies.
/// They are looked for in the project folder and, when it has none, in the
/// folders above it up to the root of its git work tree.
enum AirflowVersionEvidence {
    struct Found {
        let major: Int
        let file: String
        let line: Int
        let text: String
    }

    static func find(from folder: URL) -> AirflowTarget? {
        var current = folder.standardizedFileURL
        var up = ""
        while true {
            if let found = find(in: current) {
                // Relative to the project folder, so the manifest is the same on every machine.
                return AirflowTarget(major: found.major, source: .inferred, reason: "\(up)\(found.file):\(found.line): \(found.text)")
            }
            // The work tree's root is as far as the project can reach.
            let parent = current.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) || parent.path == current.path { return nil }
            current = parent
            up += "../"
        }
    }

    static func find(in folder: URL) -> Found? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        func text(_ name: String) -> String? { try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
        for name in names where name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile") {
            if let contents = text(name), let found = dockerfile(contents, file: name) { return found }
        }
        var requirementFiles = names.filter { isRequirementsFile($0) }
        let nested = folder.appendingPathComponent("requirements")
        requirementFiles += ((try? FileManager.default.contentsOfDirectory(atPath: nested.path)) ?? []).sorted()
            .filter { $0.hasSuffix(".txt") }.map { "requirements/" + $0 }
        for name in requirementFiles {
            if let contents = text(name), let found = requirements(contents, file: name) { return found }
        }
        if let contents = text("pyproject.toml"), let found = pyproject(contents) { return found }
        return nil
    }

    private static func isRequirementsFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (lower.hasPrefix("requirements") || lower.hasPrefix("constraints")) && lower.hasSuffix(".txt")
    }

    // MARK: Dockerfiles

    /// `FROM apache/airflow:2.10.4-python3.11`, Astronomer's `astro-runtime:12.4.0`
    /// (Runtime 4 to 13 carry Airflow 2; from Airflow 3 on, Runtime is numbered
    /// after Airflow: `3.0-1`) and the older `ap-airflow:2.3.0`.
    static func dockerfile(_ text: String, file: String) -> Found? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count >= 2, words[0].uppercased() == "FROM" else { continue }
            let image = words.dropFirst().first { !$0.hasPrefix("--") }.map(String.init) ?? ""
            guard let colon = image.lastIndex(of: ":") else { continue }
            let repository = image[..<colon].split(separator: "/").last.map(String.init) ?? ""
            let tag = String(image[image.index(after: colon)...])
            let major: Int?
            switch repository {
            case "airflow", "ap-airflow": major = leadingNumber(tag)
            case "astro-runtime", "runtime":
                // "3.0-1" (two parts, then a build number) names the Airflow version;
                // "12.4.0" (three parts) is a Runtime release, all of which carry Airflow 2.
                let version = tag.prefix { $0.isNumber || $0 == "." }
                let parts = version.split(separator: ".")
                if parts.count == 2, tag.dropFirst(version.count).first == "-" { major = Int(parts[0]) }
                else { major = parts.count >= 3 ? 2 : nil }
            default: major = nil
            }
            if let major, major == 2 || major == 3 {
                return Found(major: major, file: file, line: number + 1, text: line.trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    // MARK: Requirements

    /// `apache-airflow==2.10.4`, `apache-airflow[celery]>=2.9,<3`, and a constraints
    /// file of Airflow's own (`-c .../constraints-2.10.4/constraints-3.11.txt`).
    static func requirements(_ text: String, file: String) -> Found? {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .trimmingCharacters(in: .whitespaces)
            if let major = constraintsURLMajor(line) ?? requirementMajor(line) {
                return Found(major: major, file: file, line: number + 1, text: line)
            }
        }
        return nil
    }

    private static func constraintsURLMajor(_ line: String) -> Int? {
        guard line.hasPrefix("-c") || line.hasPrefix("--constraint"), let range = line.range(of: "constraints-") else { return nil }
        let version = line[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        guard version.contains(".") else { return nil }
        return leadingNumber(String(version)).flatMap { $0 == 2 || $0 == 3 ? $0 : nil }
    }

    /// The Airflow major version a PEP 508 requirement on Airflow itself allows.
    static func requirementMajor(_ requirement: String) -> Int? {
        let name = requirement.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        let normalised = name.lowercased().replacingOccurrences(of: "_", with: "-")
        guard normalised == "apache-airflow" || normalised == "apache-airflow-core" else { return nil }
        var rest = requirement.dropFirst(name.count)
        if rest.first == "[", let close = rest.firstIndex(of: "]") { rest = rest[rest.index(after: close)...] }
        let specifier = rest.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return VersionSpecifier(String(specifier))?.newestMajor(among: [2, 3])
    }

    // MARK: pyproject.toml

    /// `[project].dependencies`, its optional dependencies, `[dependency-groups]`
    /// and Poetry's `apache-airflow = "^2.10"`.
    static func pyproject(_ text: String) -> Found? {
        guard let root = try? TOMLDocument.parse(text) else { return nil }
        var lists: [[TOMLNode]] = []
        if let project = root["project"]?.table {
            lists.append(project["dependencies"]?.array ?? [])
            for group in project["optional-dependencies"]?.table?.members ?? [] { lists.append(group.node.array ?? []) }
        }
        for group in root["dependency-groups"]?.table?.members ?? [] { lists.append(group.node.array ?? []) }
        for node in lists.joined() {
            if let requirement = node.string, let major = requirementMajor(requirement) {
                return Found(major: major, file: "pyproject.toml", line: node.location.line, text: requirement)
            }
        }
        let poetry = root["tool"]?.table?["poetry"]?.table
        var tables = [poetry?["dependencies"]?.table]
        for group in poetry?["group"]?.table?.members ?? [] { tables.append(group.node.table?["dependencies"]?.table) }
        for table in tables.compactMap({ $0 }) {
            for member in table.members where member.key.lowercased() == "apache-airflow" {
                let specifier = member.node.string ?? member.node.table?["version"]?.string ?? ""
                if let major = VersionSpecifier(poetry: specifier)?.newestMajor(among: [2, 3]) {
                    return Found(major: major, file: "pyproject.toml", line: member.keyLocation.line,
                        text: "apache-airflow = \"\(specifier)\"")
                }
            }
        }
        return nil
    }

    static func leadingNumber(_ text: String) -> Int? { Int(text.prefix { $0.isNumber }) }
}
