import Foundation

/// What to walk and what to leave out.
public struct WalkOptions: Sendable {
    /// Extra gitignore-syntax patterns to leave out (`--exclude`).
    public var excludes: [String]
    /// Patterns to take in even when an ignore file leaves them out (`--include`).
    public var includes: [String]
    /// The Airflow major version targeted: it picks the `.airflowignore` syntax.
    public var airflowVersion: Int
    /// Overrides the `.airflowignore` syntax (`regexp` or `glob`).
    public var airflowIgnoreSyntax: String?
    /// Other files to list, by name (`prefect.yaml`), under the same ignore rules (``WalkResult/namedFiles``).
    public var alsoNamed: Set<String> = []

    public init(excludes: [String] = [], includes: [String] = [], airflowVersion: Int = 3,
        airflowIgnoreSyntax: String? = nil)
    {
        self.excludes = excludes
        self.includes = includes
        self.airflowVersion = airflowVersion
        self.airflowIgnoreSyntax = airflowIgnoreSyntax
    }

    /// Folders never worth scanning: version control, caches, installed packages.
    static let skippedFolderNames: Set<String> = [".git", ".hg", ".svn", "__pycache__", "node_modules", "site-packages", ".acme-scan-cache"]
    static let ignoreFileNames = [".gitignore", ".acmeignore"]
}

/// The `.py` files under a root, in a stable order, and problems met on the way.
public struct WalkResult: Sendable {
    /// Relative, `/`-separated paths, sorted.
    public var files: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// Files that an `.airflowignore` excludes from Airflow (still scanned for other engines).
    public var airflowIgnored: Set<String> = []
    /// The files named in ``WalkOptions/alsoNamed``, sorted.
    public var namedFiles: [String] = []

    public init(files: [String] = [], diagnostics: [Diagnostic] = [], airflowIgnored: Set<String> = []) {
        self.files = files
        self.diagnostics = diagnostics
        self.airflowIgnored = airflowIgnored
    }
}

/// Walks a folder the way a user expects from a tool that respects their repo:
/// skips VCS folders, virtualenvs and installed packages, honours nested
/// `.gitignore` and `.acmeignore` files (with negation), follows symbolic links
/// to folders once, and reports loops instead of hanging.
public struct FileWalker: Sendable {
    public let root: URL
    public let options: WalkOptions
    /// `root.path`, computed once: `URL.path` is not cheap, and the walk builds a path per folder.
    private let rootPath: String

    public init(root: URL, options: WalkOptions = WalkOptions()) {
        self.root = root.standardizedFileURL
        self.options = options
        rootPath = self.root.path
    }

    public func walk() -> WalkResult {
        var result = WalkResult()
        var visited = Set<FileIdentity>()
        let rules = IgnoreRules(excludes: options.excludes, includes: options.includes)
        let syntax = options.airflowIgnoreSyntax.flatMap(AirflowIgnore.Syntax.init(rawValue:))
            ?? (options.airflowVersion >= 3 ? .glob : .regexp)
        walkFolder(relative: "", rules: rules, airflow: AirflowIgnore(syntax: syntax), airflowIgnoredFolder: false,
            insideIgnored: false, isLink: false, visited: &visited, result: &result)
        result.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        result.namedFiles.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return result
    }

    private func absolute(_ relative: String) -> String {
        relative.isEmpty ? rootPath : rootPath + "/" + relative
    }

    private func walkFolder(relative: String, rules: IgnoreRules, airflow: AirflowIgnore, airflowIgnoredFolder: Bool,
        insideIgnored: Bool, isLink: Bool, visited: inout Set<FileIdentity>, result: inout WalkResult)
    {
        let folder = absolute(relative)
        let listing: [DirectoryListing.Entry]
        let identity: FileIdentity?
        do {
            (identity, listing) = try DirectoryListing.entries(of: folder)
        } catch {
            result.diagnostics.append(Diagnostic(.unreadable, "cannot read folder: \(error.reason)",
                file: relative.isEmpty ? "." : relative))
            return
        }
        guard let identity else { return }
        if visited.contains(identity) {
            let reason = isLink ? "symbolic link to a folder already scanned (a loop or an alias); not followed" : "folder already scanned; not entered again"
            result.diagnostics.append(Diagnostic(.symlinkLoop, reason, file: relative))
            return
        }
        visited.insert(identity)
        let entries = listing.map(\.name)
        // A folder holding pyvenv.cfg is a virtualenv: never user code.
        if !relative.isEmpty, entries.contains("pyvenv.cfg") { return }

        var rules = rules
        for name in WalkOptions.ignoreFileNames where entries.contains(name) {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) {
                rules = rules.adding(contents: String(decoding: data, as: UTF8.self), base: relative)
            }
        }
        var airflow = airflow
        if entries.contains(".airflowignore"), let data = FileManager.default.contents(atPath: folder + "/.airflowignore") {
            airflow = airflow.adding(contents: String(decoding: data, as: UTF8.self), base: relative)
        }

        // Only folders and .py files matter: other files need no stat, and no sorting.
        let candidates = listing.filter { entry in
            !(entry.kind == .regular || entry.kind == .other) || entry.name.hasSuffix(".py") || options.alsoNamed.contains(entry.name)
        }
        for entry in candidates.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let name = entry.name
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = folder + "/" + name
            var isLink = false
            guard let kind = entry.kind ?? Self.kind(of: full, isLink: &isLink) else {
                if name.hasSuffix(".py") {
                    result.diagnostics.append(Diagnostic(.unreadable, "cannot read file: broken symbolic link", file: path))
                }
                continue
            }
            if kind == .directory {
                if name == ".git" { continue }
                let verdict = rules.verdict(path, isDirectory: true)
                var ignored = insideIgnored ? verdict != .included : verdict == .ignored
                if WalkOptions.skippedFolderNames.contains(name) && !rules.isExplicitlyIncluded(path, isDirectory: true) {
                    ignored = true
                }
                // With --include, an ignored folder is still entered to find what it re-includes.
                if ignored && !rules.hasIncludes { continue }
                let airflowIgnores = airflowIgnoredFolder || airflow.ignores(path, isDirectory: true)
                walkFolder(relative: path, rules: rules, airflow: airflow, airflowIgnoredFolder: airflowIgnores,
                    insideIgnored: ignored, isLink: isLink, visited: &visited, result: &result)
                continue
            }
            let verdict = rules.verdict(path, isDirectory: false)
            let ignored = insideIgnored ? verdict != .included : verdict == .ignored
            if options.alsoNamed.contains(name) {
                if !ignored && kind == .regular { result.namedFiles.append(path) }
                continue
            }
            guard name.hasSuffix(".py") else { continue }
            if ignored { continue }
            if kind == .regular {
                result.files.append(path)
                if airflowIgnoredFolder || airflow.ignores(path, isDirectory: false) { result.airflowIgnored.insert(path) }
            } else {
                result.diagnostics.append(Diagnostic(.notRegularFile, "not a regular file; skipped", file: path))
            }
        }
    }

    public enum EntryKind: Sendable { case directory, regular, other }

    /// The kind of what `path` leads to, following symbolic links; nil if it leads nowhere.
    public static func kind(of path: String, isLink: inout Bool) -> EntryKind? {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            isLink = true
        }
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}

/// A file's device and inode: the same folder reached by two paths has one identity.
struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
