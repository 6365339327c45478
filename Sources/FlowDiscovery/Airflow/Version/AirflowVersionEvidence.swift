import Foundation

/// One file's word on which Airflow a project installs: the line that says it
/// and the major version it allows. ``AirflowTargets`` weighs them.
struct AirflowVersionEvidence: Sendable, Hashable {
    /// How decisive a file is when several in one folder disagree: the image is
    /// what runs, a lock file what was resolved, a requirements file what is
    /// installed, and a declaration (pyproject.toml, setup.cfg) only what is allowed.
    enum Kind: Int, Sendable, Comparable {
        case image, lock, requirements, declared

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    let major: Int
    let kind: Kind
    /// The file, relative to the scanned folder (`../` for folders above it).
    let file: String
    let line: Int
    let text: String
    /// What the line means when it does not say it (`Astro Runtime 12 carries Airflow 2.10`).
    var note: String?

    var reason: String { "\(file):\(line): \(text)" + (note.map { " (\($0))" } ?? "") }

    /// The folder the file speaks for: a `requirements/` folder belongs to the folder holding it.
    var folder: String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        if parts.last == "requirements" { parts = parts.dropLast() }
        return parts.joined(separator: "/")
    }
}

/// The files that can say which Airflow a project installs, and how to read each.
enum AirflowVersionFiles {
    /// Files over this size are not read (a lock file of a large project is a few hundred KiB).
    static let sizeLimit = 8 << 20

    /// The kind of evidence a file at `path` (relative, `/`-separated) can give, or nil.
    static func kind(ofPath path: String) -> AirflowVersionEvidence.Kind? {
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return nil }
        return kind(name: String(last), folderName: parts.count >= 2 ? String(parts[parts.count - 2]) : "")
    }

    /// The same for a file called `name` in a folder called `folderName` (the walk asks it of every file).
    static func kind(name original: String, folderName: String) -> AirflowVersionEvidence.Kind? {
        let name = original.lowercased()
        if name == "dockerfile" || name.hasPrefix("dockerfile.") || name.hasSuffix(".dockerfile") || name == "containerfile"
            || isComposeFile(name)
        {
            return .image
        }
        if ["uv.lock", "poetry.lock", "pipfile.lock", "pdm.lock"].contains(name) { return .lock }
        if name.hasSuffix(".txt") || name.hasSuffix(".in") {
            let inRequirementsFolder = folderName.lowercased() == "requirements"
            if inRequirementsFolder || name.contains("requirements") || name.hasPrefix("constraints") { return .requirements }
        }
        if ["pyproject.toml", "pipfile", "setup.cfg", "setup.py"].contains(name) { return .declared }
        return nil
    }

    static func isComposeFile(_ name: String) -> Bool {
        (name.hasPrefix("docker-compose") || name.hasPrefix("compose")) && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
    }

    /// Reads the file at `absolute` (shown as `path`): nil when it says nothing about Airflow.
    static func read(absolute: String, path: String) -> AirflowVersionEvidence? {
        // A stat for the size: FileManager's attributes also look the owner's name up (NSS, /etc/passwd) each time.
        guard let kind = kind(ofPath: path), let size = FileStamp(path: absolute)?.size, size <= sizeLimit,
            let data = FileManager.default.contents(atPath: absolute)
        else { return nil }
        let bytes = Array(data)
        // Most such files never mention Airflow: skip decoding and parsing them.
        guard BytePrefilter.containsIgnoringCase(bytes, Array("airflow".utf8)) || kind == .image else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let name = String(path.split(separator: "/").last ?? "").lowercased()
        let found: Found?
        switch kind {
        case .image: found = isComposeFile(name) ? ImageEvidence.compose(text) : ImageEvidence.dockerfile(text)
        case .lock: found = name == "pipfile.lock" ? PackageEvidence.pipfileLock(text) : PackageEvidence.lock(text)
        case .requirements: found = PackageEvidence.requirements(text)
        case .declared:
            switch name {
            case "pyproject.toml": found = PackageEvidence.pyproject(text)
            case "pipfile": found = PackageEvidence.pipfile(text)
            case "setup.cfg": found = PackageEvidence.setupCfg(text)
            default: found = PackageEvidence.setupPy(text)
            }
        }
        return found.map { AirflowVersionEvidence(major: $0.major, kind: kind, file: path, line: $0.line, text: $0.text, note: $0.note) }
    }

    /// What one reader found: the major, its line and the words that say it.
    struct Found {
        let major: Int
        let line: Int
        let text: String
        var note: String?
    }
}
