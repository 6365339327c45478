import Foundation

/// What to walk and what to leave out.
public struct WalkOptions: Sendable {
    /// Extra gitignore-syntax patterns to leave out (`--exclude`).
    public var excludes: [String]
    /// Patterns to take in even when an ignore file leaves them out (`--include`).
    public var includes: [String]
    /// The Airflow the DAGs target: it picks the `.airflowignore` syntax. Inferred, the walk
    /// lists the files that say which Airflow is installed, and reads `.airflowignore`
    /// files in both syntaxes (each file's target picks one after the walk).
    public var airflow: AirflowVersionSetting
    /// Overrides the `.airflowignore` syntax (`regexp` or `glob`).
    public var airflowIgnoreSyntax: String?
    /// Other files to list, by name (`prefect.yaml`), under the same ignore rules (``WalkResult/namedFiles``).
    public var alsoNamed: Set<String> = []

    public init(excludes: [String] = [], includes: [String] = [], airflow: AirflowVersionSetting = .inferred,
        airflowIgnoreSyntax: String? = nil)
    {
        self.excludes = excludes
        self.includes = includes
        self.airflow = airflow
        self.airflowIgnoreSyntax = airflowIgnoreSyntax
    }

    /// The `.airflowignore` syntaxes the walk reads: the one set, or the one of a fixed
    /// version, or both when each file's version is only known after the walk.
    var airflowIgnoreSyntaxes: [AirflowIgnore.Syntax] {
        if let syntax = airflowIgnoreSyntax.flatMap(AirflowIgnore.Syntax.init(rawValue:)) { return [syntax] }
        switch airflow {
        case .fixed(let target): return [AirflowIgnore.Syntax(major: target.major)]
        case .inferred: return [.regexp, .glob]
        }
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
    /// Files that an `.airflowignore` excludes from Airflow (still scanned for other
    /// engines), for each syntax the walk read (``WalkOptions/airflowIgnoreSyntaxes``).
    var airflowIgnored: [AirflowIgnore.Syntax: Set<String>] = [:]
    /// The files named in ``WalkOptions/alsoNamed``, sorted.
    public var namedFiles: [String] = []
    /// Files that may say which Airflow is installed (requirements, Dockerfiles, ...), sorted;
    /// listed only when the version is inferred.
    public var airflowEvidence: [String] = []

    /// What the walk read, with the stamp each had when read: the folders it listed, the
    /// ignore files it applied, and git's index when it asked git. While none of them changes,
    /// the walk would find the same (``WalkSnapshot``).
    var inputs: [WalkInput] = []

    public init(files: [String] = [], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }

    /// Whether an `.airflowignore` excludes `path` from an Airflow of `major`
    /// (`syntax` overrides the syntax that version reads).
    public func isAirflowIgnored(_ path: String, major: Int, syntax: String? = nil) -> Bool {
        let syntax = syntax.flatMap(AirflowIgnore.Syntax.init(rawValue:)) ?? AirflowIgnore.Syntax(major: major)
        return airflowIgnored[syntax]?.contains(path) ?? false
    }
}

/// Walks a folder the way a user expects from a tool that respects their repo:
/// skips VCS folders, virtualenvs and installed packages, honours nested
/// `.gitignore` and `.acmeignore` files (with negation), follows symbolic links
/// to folders inside the root once, and reports loops and links leading out of
/// the root instead of following them.
///
/// In a git work tree, a `.py` file git tracks is walked even when `.gitignore`
/// lines leave it (or a folder above it) out, as git applies them only to
/// untracked files; `.acmeignore`, `--exclude` and the built-in skips still
/// leave tracked files out, being acme-scan's own settings. The index is read
/// once, beside the walk, and only when some `.gitignore` line matched a path:
/// what those lines left out is set aside, and taken back at the end if tracked.
public struct FileWalker: Sendable {
    public let root: URL
    public let options: WalkOptions
    /// `root.path`, computed once: `URL.path` is not cheap, and the walk builds a path per folder.
    private let rootPath: String
    /// The root with its symbolic links resolved: a link resolving elsewhere leads outside.
    private let resolvedRootPath: String

    public init(root: URL, options: WalkOptions = WalkOptions()) {
        self.root = root.standardizedFileURL
        self.options = options
        rootPath = self.root.path
        resolvedRootPath = Self.resolved(rootPath) ?? rootPath
    }

    public func walk() -> WalkResult {
        let syntaxes = options.airflowIgnoreSyntaxes
        var state = WalkState()
        walkFolder(Folder(relative: "", rules: IgnoreRules(excludes: options.excludes, includes: options.includes),
            airflow: syntaxes.map { AirflowIgnore(syntax: $0) }, airflowIgnored: syntaxes.map { _ in false }), &state)
        if let tracked = state.pendingIndex?.wait() {
            state.tracked = tracked
            // git's answer depends on its index: an absolute path, watched like the rest.
            if let index = tracked.indexPath {
                // No index yet (a repository with nothing added) is a state too: its appearing changes the answer.
                state.result.inputs.append(WalkInput(path: index, stamp: tracked.indexStamp ?? WalkInput.absent))
            } else {
                state.result.inputs.append(WalkInput.unwatchable)
            }
            for file in state.setAsideFiles where tracked.files.contains(file.path) { take(file, &state.result) }
            for folder in state.setAsideFolders where tracked.folders.contains(folder.relative) {
                walkFolder(folder, &state)
            }
        }
        state.result.files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        state.result.namedFiles.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        state.result.airflowEvidence.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return state.result
    }

    /// What the folders above decided for everything in one folder.
    private struct Folder {
        var relative: String
        var rules: IgnoreRules
        /// One set of `.airflowignore` rules per syntax read, in ``WalkOptions/airflowIgnoreSyntaxes`` order.
        var airflow: [AirflowIgnore]
        /// For each syntax, whether an `.airflowignore` excluded this folder or one above.
        var airflowIgnored: [Bool]
        /// An ignore rule left out this folder or one above (entered for `--include` or tracked files).
        var ignored = false
        /// `.acmeignore`, `--exclude` or a built-in skip left it out: tracked files do not bring it back.
        var ownIgnored = false
        /// Entered only for the tracked files below it: nothing untracked counts.
        var trackedOnly = false
        var isLink = false
    }

    /// A `.py` path to take: a file, a link leading out of the root, or something else.
    private struct FoundFile {
        let path: String
        let kind: EntryKind
        let outsideTarget: String?
        /// Per syntax, as in ``Folder/airflowIgnored``.
        let airflowIgnored: [Bool]
    }

    private struct WalkState {
        var result = WalkResult()
        var visited = Set<FileIdentity>()
        /// Started at the first path a `.gitignore` line left out; nil outside git.
        var pendingIndex: TrackedFiles.Pending?
        var startedIndex = false
        /// Known once the index is read (nil during the first pass).
        var tracked: TrackedFiles?
        /// What only `.gitignore` lines left out: taken back at the end if git tracks it.
        var setAsideFiles: [FoundFile] = []
        var setAsideFolders: [Folder] = []
    }

    private func absolute(_ relative: String) -> String {
        relative.isEmpty ? rootPath : rootPath + "/" + relative
    }

    private func startReadingTheIndex(_ state: inout WalkState) {
        guard !state.startedIndex else { return }
        state.startedIndex = true
        state.pendingIndex = TrackedFiles.startReading(under: rootPath)
    }

    private func walkFolder(_ folder: Folder, _ state: inout WalkState) {
        let relative = folder.relative
        let absolutePath = absolute(relative)
        let listing: [DirectoryListing.Entry]
        let identity: FileIdentity?
        let stamp: FileStamp?
        do {
            (identity, stamp, listing) = try DirectoryListing.entries(of: absolutePath)
        } catch {
            state.result.diagnostics.append(Diagnostic(.unreadable, "cannot read folder: \(error.reason)",
                file: relative.isEmpty ? "." : relative))
            return
        }
        guard let identity else { return }
        if state.visited.contains(identity) {
            let reason = folder.isLink ? "symbolic link to a folder already scanned (a loop or an alias); not followed" : "folder already scanned; not entered again"
            state.result.diagnostics.append(Diagnostic(.symlinkLoop, reason, file: relative))
            return
        }
        state.visited.insert(identity)
        if let stamp { state.result.inputs.append(WalkInput(path: relative, stamp: stamp)) }
        let entries = listing.map(\.name)
        // A folder holding pyvenv.cfg is a virtualenv: never user code.
        if !relative.isEmpty, entries.contains("pyvenv.cfg") { return }

        var rules = folder.rules
        for name in WalkOptions.ignoreFileNames where entries.contains(name) {
            if let data = readInput(relative.isEmpty ? name : relative + "/" + name, &state) {
                rules = rules.adding(contents: String(decoding: data, as: UTF8.self), base: relative,
                    fromGitignore: name == ".gitignore")
            }
        }
        var airflow = folder.airflow
        if entries.contains(".airflowignore"), let data = readInput(relative.isEmpty ? ".airflowignore" : relative + "/.airflowignore", &state) {
            let contents = String(decoding: data, as: UTF8.self)
            airflow = airflow.map { $0.adding(contents: contents, base: relative) }
        }

        // Only folders, .py files and files named to list matter: other files need no stat, and no sorting.
        let folderName = relative.split(separator: "/").last.map(String.init) ?? ""
        let listsEvidence = options.airflow == .inferred
        func isEvidence(_ name: String) -> Bool {
            listsEvidence && AirflowVersionFiles.kind(name: name, folderName: folderName) != nil
        }
        let candidates = listing.filter { entry in
            !(entry.kind == .regular || entry.kind == .other) || entry.name.hasSuffix(".py") || options.alsoNamed.contains(entry.name)
                || isEvidence(entry.name)
        }
        for entry in candidates.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
            let name = entry.name
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = absolutePath + "/" + name
            var isLink = false
            guard let kind = entry.kind ?? Self.kind(of: full, isLink: &isLink) else {
                if name.hasSuffix(".py") {
                    state.result.diagnostics.append(Diagnostic(.unreadable, "cannot read file: broken symbolic link", file: path))
                }
                continue
            }
            if kind == .directory {
                if name == ".git" { continue }
                let skippedByName = WalkOptions.skippedFolderNames.contains(name) && !rules.isExplicitlyIncluded(path, isDirectory: true)
                var child = Folder(relative: path, rules: rules, airflow: airflow, airflowIgnored: folder.airflowIgnored,
                    trackedOnly: folder.trackedOnly, isLink: isLink)
                child.ignored = skippedByName || rules.ignores(path, isDirectory: true, insideIgnored: folder.ignored)
                child.ownIgnored = child.ignored
                    && (skippedByName || rules.ignores(path, isDirectory: true, insideIgnored: folder.ownIgnored, tracked: true))
                // With --include, an ignored folder is still entered to find what it re-includes.
                if child.ignored && !rules.hasIncludes {
                    if child.ownIgnored { continue }
                    child.trackedOnly = true
                }
                if child.trackedOnly {
                    guard let tracked = state.tracked else {
                        state.setAsideFolders.append(child)
                        startReadingTheIndex(&state)
                        continue
                    }
                    guard tracked.folders.contains(path) else { continue }
                }
                if isLink, let target = targetOutsideRoot(full) {
                    if !child.ignored { state.result.diagnostics.append(Self.outsideDiagnostic(path, target)) }
                    continue
                }
                child.airflowIgnored = zip(folder.airflowIgnored, airflow).map { $0 || $1.ignores(path, isDirectory: true) }
                walkFolder(child, &state)
                continue
            }
            let listed = !folder.trackedOnly && !rules.ignores(path, isDirectory: false, insideIgnored: folder.ignored) && kind == .regular
            if isEvidence(name), listed { state.result.airflowEvidence.append(path) }
            if options.alsoNamed.contains(name) {
                if listed { state.result.namedFiles.append(path) }
                continue
            }
            guard name.hasSuffix(".py") else { continue }
            let ignored = folder.trackedOnly || rules.ignores(path, isDirectory: false, insideIgnored: folder.ignored)
            if ignored {
                // .gitignore lines do not apply to a file git tracks; acme-scan's own rules do.
                if rules.ignores(path, isDirectory: false, insideIgnored: folder.ownIgnored, tracked: true) { continue }
                if let tracked = state.tracked, !tracked.files.contains(path) { continue }
            }
            let file = FoundFile(path: path, kind: kind, outsideTarget: isLink ? targetOutsideRoot(full) : nil,
                airflowIgnored: zip(folder.airflowIgnored, airflow).map { $0 || $1.ignores(path, isDirectory: false) })
            if ignored && state.tracked == nil {
                state.setAsideFiles.append(file)
                startReadingTheIndex(&state)
                continue
            }
            take(file, &state.result)
        }
    }

    /// Reads a file the walk's outcome depends on, noting its stamp from before the read.
    private func readInput(_ relative: String, _ state: inout WalkState) -> Data? {
        let path = absolute(relative)
        guard let stamp = FileStamp(path: path), let data = FileManager.default.contents(atPath: path) else { return nil }
        state.result.inputs.append(WalkInput(path: relative, stamp: stamp))
        return data
    }

    private func take(_ file: FoundFile, _ result: inout WalkResult) {
        if let target = file.outsideTarget {
            result.diagnostics.append(Self.outsideDiagnostic(file.path, target))
        } else if file.kind == .regular {
            result.files.append(file.path)
            for (syntax, ignored) in zip(options.airflowIgnoreSyntaxes, file.airflowIgnored) where ignored {
                result.airflowIgnored[syntax, default: []].insert(file.path)
            }
        } else {
            result.diagnostics.append(Diagnostic(.notRegularFile, "not a regular file; skipped", file: file.path))
        }
    }

    private static func outsideDiagnostic(_ path: String, _ target: String) -> Diagnostic {
        Diagnostic(.linkOutsideRoot, "symbolic link to \(target), outside the scanned folder; not followed", file: path)
    }

    /// What the link at `full` says, when it resolves outside the root
    /// (a deploy publishes the link, not what it points to); nil inside it.
    private func targetOutsideRoot(_ full: String) -> String? {
        guard let target = Self.resolved(full), resolvedRootPath != "/", target != resolvedRootPath,
            !target.utf8.starts(with: (resolvedRootPath + "/").utf8)
        else { return nil }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? target
    }

    private static func resolved(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
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

/// A folder or file the walk read, by its path relative to the root (absolute for git's
/// index), with its stamp when read.
struct WalkInput: Sendable, Equatable {
    let path: String
    let stamp: FileStamp

    /// Stands for something the walk depended on that cannot be watched: no snapshot is kept.
    static let unwatchable = WalkInput(path: "", stamp: FileStamp(size: -1, modified: 0, changed: 0, inode: 0))
    /// The stamp of a file that did not exist: it must still not exist.
    static let absent = FileStamp(size: -2, modified: 0, changed: 0, inode: 0)
}
