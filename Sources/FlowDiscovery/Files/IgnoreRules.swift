/// One line of a `.gitignore`-syntax file, bound to the folder that holds it.
struct IgnorePattern: Sendable, Equatable {
    /// The folder holding the ignore file, relative to the scan root ("" for the root).
    let base: String
    let glob: GlobPattern
    let negated: Bool
    let directoryOnly: Bool
    /// A pattern with a `/` before its end matches paths relative to `base`;
    /// one without matches a file or folder name at any depth.
    let anchored: Bool
    /// A `.gitignore` line: git, and so acme-scan, applies it only to files git does not track.
    let fromGitignore: Bool

    /// Parses one line; nil for blanks and comments.
    init?(line rawLine: String, base: String, fromGitignore: Bool = false) {
        var line = Substring(rawLine)
        if line.hasSuffix("\r") { line = line.dropLast() }
        // Trailing spaces are dropped unless escaped with a backslash.
        while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        var negated = false
        if line.hasPrefix("!") {
            negated = true
            line = line.dropFirst()
        } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
            line = line.dropFirst()
        }
        var directoryOnly = false
        if line.hasSuffix("/") {
            directoryOnly = true
            line = line.dropLast()
        }
        guard !line.isEmpty else { return nil }
        let anchored = line.contains("/")
        if line.hasPrefix("/") { line = line.dropFirst() }
        self.base = base
        self.glob = GlobPattern(String(line))
        self.negated = negated
        self.directoryOnly = directoryOnly
        self.anchored = anchored
        self.fromGitignore = fromGitignore
    }

    /// Whether this pattern matches `path` (relative to the scan root).
    func matches(_ path: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        // Called for every path of the walk: slice, never split or concatenate.
        var relative = Substring(path)
        if !base.isEmpty {
            guard path.utf8.count > base.utf8.count, path.utf8.starts(with: base.utf8),
                relative.utf8[relative.utf8.index(relative.startIndex, offsetBy: base.utf8.count)] == UInt8(ascii: "/")
            else { return false }
            relative = Substring(relative.utf8.dropFirst(base.utf8.count + 1))
        }
        if !anchored, let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
            return glob.matches(relative[relative.utf8.index(after: slash)...])
        }
        return glob.matches(relative)
    }
}

/// The ignore patterns in force for one folder: those of every `.gitignore` and
/// `.acmeignore` from the root down, then `--exclude` and `--include`.
/// As in git, the last matching pattern decides, so deeper files win.
struct IgnoreRules: Sendable {
    private(set) var patterns: [IgnorePattern] = []
    /// Command-line patterns, which beat every file.
    private var overrides: [IgnorePattern] = []

    init(excludes: [String] = [], includes: [String] = []) {
        overrides = excludes.compactMap { IgnorePattern(line: $0, base: "") }
            + includes.compactMap { IgnorePattern(line: "!" + $0, base: "") }
    }

    var hasIncludes: Bool { overrides.contains { $0.negated } }

    /// Rules for a sub-folder, adding the patterns of its ignore file.
    func adding(contents: String, base: String, fromGitignore: Bool = false) -> IgnoreRules {
        var copy = self
        for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            if let pattern = IgnorePattern(line: String(line), base: base, fromGitignore: fromGitignore) {
                copy.patterns.append(pattern)
            }
        }
        return copy
    }

    enum Verdict { case ignored, included, unmatched }

    /// The last matching pattern's say. For a path git tracks (`tracked`),
    /// `.gitignore` lines are skipped, as git skips them.
    func verdict(_ path: String, isDirectory: Bool, tracked: Bool = false) -> Verdict {
        for pattern in overrides.reversed() where pattern.matches(path, isDirectory: isDirectory) {
            return pattern.negated ? .included : .ignored
        }
        for pattern in patterns.reversed() where !(tracked && pattern.fromGitignore)
            && pattern.matches(path, isDirectory: isDirectory)
        {
            return pattern.negated ? .included : .ignored
        }
        return .unmatched
    }

    /// Whether `path` is left out. Below an ignored folder (`insideIgnored`, reached only
    /// with `--include` or for tracked files) a path must be included again to count.
    func ignores(_ path: String, isDirectory: Bool, insideIgnored: Bool, tracked: Bool = false) -> Bool {
        let verdict = verdict(path, isDirectory: isDirectory, tracked: tracked)
        return insideIgnored ? verdict != .included : verdict == .ignored
    }

    /// True when an `--include` pattern names this path explicitly.
    func isExplicitlyIncluded(_ path: String, isDirectory: Bool) -> Bool {
        overrides.reversed().first { $0.matches(path, isDirectory: isDirectory) }?.negated == true
    }
}
