import Foundation

/// The `.py` files git tracks below the scanned folder. The walk scans them
/// even where a `.gitignore` line matches them or a folder above them: git
/// applies `.gitignore` only to untracked files, and a deploy (or Airflow,
/// which never reads `.gitignore`) gets what is committed.
///
/// Read by running `git ls-files -z` in the folder (git prints paths relative
/// to it, and only those below it) rather than by parsing `.git/index` here.
/// Measured on a 9,755-file index (the pinned sdists of `.cache/pypi` made a
/// repository): spawning git took 6 ms, a hand-written reader of index v2 about
/// 3 ms; the walk starts git at its first `.gitignore`d path and collects the
/// answer at its end, so git runs beside the walk and the difference is hidden.
/// git also knows what a reader would have to learn: index versions 2 to 4,
/// split and sparse indexes, SHA-256 repositories, linked worktrees and
/// submodules (`.git` files), `GIT_DIR` and `GIT_INDEX_FILE`.
struct TrackedFiles: Sendable {
    /// Relative, `/`-separated paths.
    let files: Set<String>
    /// Every folder above a tracked file, relative ("" is the root).
    let folders: Set<String>
    /// git's index file (absolute) and its stamp from before `ls-files` read it: the listing holds while it does.
    var indexPath: String?
    var indexStamp: FileStamp?

    init(listing: [UInt8]) {
        var files = Set<String>()
        var folders = Set<String>()
        for entry in listing.split(separator: 0) where entry.count > 3 && entry.suffix(3).elementsEqual(".py".utf8) {
            // An unmerged file is listed once per stage; the set keeps it once.
            guard files.insert(String(decoding: entry, as: UTF8.self)).inserted else { continue }
            var end = entry.endIndex
            while let slash = entry[..<end].lastIndex(of: UInt8(ascii: "/")) {
                guard folders.insert(String(decoding: entry[..<slash], as: UTF8.self)).inserted else { break }
                end = slash
            }
        }
        self.files = files
        self.folders = folders
    }

    /// Starts reading, in the background, the index of the work tree holding
    /// `folder`; nil when there is none, so a scan outside git spawns nothing.
    static func startReading(under folder: String) -> Pending? {
        guard ProcessInfo.processInfo.environment["GIT_DIR"] != nil || hasGitAbove(folder) else { return nil }
        return Pending(folder: folder)
    }

    /// A `.git` folder or file (linked worktrees and submodules have a file) in `folder` or above.
    private static func hasGitAbove(_ folder: String) -> Bool {
        var path = folder
        var info = stat()
        while true {
            if lstat(path + "/.git", &info) == 0 { return true }
            if path == "/" || path.isEmpty { return false }
            path = (path as NSString).deletingLastPathComponent
        }
    }

    /// `git ls-files` running beside the walk.
    final class Pending: @unchecked Sendable {
        private var value: TrackedFiles?
        private let finished = DispatchSemaphore(value: 0)

        init(folder: String) {
            DispatchQueue.global().async { [self] in
                // Where the index is (GIT_INDEX_FILE, linked worktrees, ...), as git says, stamped before the listing.
                let index = GitCommand.run(["rev-parse", "--git-path", "index"], in: folder)
                    .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
                    .map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
                let stamp = index.flatMap { FileStamp(path: $0) }
                // fsmonitor is a command from the repository's config: never run one.
                if let listing = GitCommand.run(["-c", "core.fsmonitor=false", "ls-files", "-z"], in: folder) {
                    value = TrackedFiles(listing: listing)
                    value?.indexPath = index
                    value?.indexStamp = stamp
                }
                finished.signal()
            }
        }

        /// The tracked files; nil when git is missing or fails (the walk is then what it is outside git).
        func wait() -> TrackedFiles? {
            finished.wait()
            finished.signal()
            return value
        }
    }
}
