import Foundation

/// Which Airflow each scanned file is read for. With a fixed setting, one for all;
/// inferred, each folder takes the evidence nearest to it: a repository may keep its
/// DAGs and their `requirements.txt` under `src/`, or hold an Airflow 2 project and
/// an Airflow 3 one side by side.
///
/// "Nearest" counts folder steps: up from the file's folder to a common ancestor,
/// then down to the folder the evidence speaks for (a `requirements/` folder
/// speaks for its parent). On a tie the folder up the path wins, then the more
/// decisive kind of file (``AirflowVersionEvidence/Kind``), then path order.
/// Folders above the scanned one count up to the root of its git work tree.
public struct AirflowTargets: Sendable, Equatable {
    /// Every file that said something, sorted by path.
    let evidence: [AirflowVersionEvidence]
    let fixed: AirflowTarget?
    /// What the evidence was read from, with stamps from before reading: every candidate
    /// file (saying something or not), and the folders above the scanned one that were listed.
    /// While none changes, neither does the evidence (``WalkSnapshot``).
    private(set) var watched: [WalkInput] = []
    /// Each folder's target, weighed on first use: `check FILE` asks for a few folders of thousands.
    private let byFolder = FolderTargets()

    /// The target of the scanned folder itself (flows.json's `airflow`).
    public let root: AirflowTarget

    /// One target for everything.
    public init(fixed target: AirflowTarget) {
        evidence = []
        fixed = target
        root = target
    }

    /// Weighs the evidence files the walk listed (`evidenceFiles`, relative to `folder`) and those of the
    /// folders above it.
    public init(setting: AirflowVersionSetting, folder: URL, evidenceFiles: [String]) {
        if case .fixed(let target) = setting {
            self.init(fixed: target)
            return
        }
        var watched: [WalkInput] = []
        var found = evidenceFiles.compactMap { path in
            Self.read(folder.path + "/" + path, shownAs: path, watching: &watched)
        }
        found += Self.evidenceAbove(folder, watching: &watched)
        self.init(evidence: found, watched: watched)
    }

    /// Targets from evidence already weighed (a snapshot of an unchanged tree's).
    init(evidence found: [AirflowVersionEvidence], watched: [WalkInput]) {
        evidence = found.sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
        fixed = nil
        self.watched = watched
        let places = evidence.map(Place.init)
        byFolder.places = places
        root = Self.nearest(to: "", in: places)
    }

    /// The target of the file at `path` (relative to the scanned folder).
    public func target(forFile path: String) -> AirflowTarget {
        if let fixed { return fixed }
        return byFolder.target(of: Self.folder(of: path))
    }

    /// The folders of `files` whose target is not ``root``, with theirs (for flows.json).
    public func otherTargets(forFiles files: [String]) -> [String: AirflowTarget] {
        guard fixed == nil else { return [:] }
        var result: [String: AirflowTarget] = [:]
        for file in files {
            let target = target(forFile: file)
            if target != root { result[Self.folder(of: file)] = target }
        }
        return result
    }

    /// Identifies the evidence: a scan cache made with other evidence is not reused.
    public var cacheKey: String {
        if let fixed { return "fixed\(fixed.major)" }
        return evidence.map { "\($0.file):\($0.major)" }.joined(separator: ",")
    }

    public static func folder(of path: String) -> String {
        // Bytes, not characters: asked once per file of the tree.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    public static func == (lhs: AirflowTargets, rhs: AirflowTargets) -> Bool {
        (lhs.evidence, lhs.fixed, lhs.watched, lhs.root) == (rhs.evidence, rhs.fixed, rhs.watched, rhs.root)
    }

    /// Folder → target, filled as folders are asked for. Shared by the copies of one
    /// ``AirflowTargets`` (the scan's workers ask at once), so it locks.
    final class FolderTargets: @unchecked Sendable {
        var places: [Place] = []
        private var targets: [String: AirflowTarget] = [:]
        private let lock = NSLock()

        func target(of folder: String) -> AirflowTarget {
            if let known = lock.withLock({ targets[folder] }) { return known }
            let target = AirflowTargets.nearest(to: folder, in: places)
            lock.withLock { targets[folder] = target }
            return target
        }
    }

    /// An evidence file with its folder cut into components once: every folder of the tree is
    /// compared with every evidence file, so the comparison must not build strings.
    struct Place {
        let evidence: AirflowVersionEvidence
        /// Folders above the scanned one it lies in (`../../x` is 2), then the path down from there.
        let above: Int
        let components: [Substring]

        init(_ evidence: AirflowVersionEvidence) {
            self.evidence = evidence
            var components = evidence.folder.split(separator: "/")
            var above = 0
            while components.first == ".." {
                components.removeFirst()
                above += 1
            }
            (self.above, self.components) = (above, components)
        }
    }

    static func nearest(to folder: String, in places: [Place]) -> AirflowTarget {
        let here = folder.split(separator: "/")
        var best: (key: (Int, Int, Int), evidence: AirflowVersionEvidence)?
        for place in places {
            let (up, down) = steps(from: here, to: place)
            let key = (up + down, down, place.evidence.kind.rawValue)
            if best == nil || key < best!.key { best = (key, place.evidence) }
        }
        guard let best else { return .fallback }
        return AirflowTarget(major: best.evidence.major, source: .inferred, reason: best.evidence.reason)
    }

    /// Steps up from `here` to the common ancestor with `place`, then down to it.
    private static func steps(from here: [Substring], to place: Place) -> (Int, Int) {
        if place.above > 0 { return (here.count + place.above, place.components.count) }
        var common = 0
        while common < min(here.count, place.components.count), here[common] == place.components[common] { common += 1 }
        return (here.count - common, place.components.count - common)
    }

    /// Evidence in the folders above `folder`, up to the root of its git work tree
    /// (as far as a project can reach): only each folder's own files and its `requirements/`.
    static func evidenceAbove(_ folder: URL, watching watched: inout [WalkInput]) -> [AirflowVersionEvidence] {
        var found: [AirflowVersionEvidence] = []
        var current = folder.standardizedFileURL
        var up = ""
        while !FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
            up += "../"
            // A file added above changes the folder's stamp (or its `requirements/`'s).
            for (listed, shown) in [(current.path, up), (current.path + "/requirements", up + "requirements")] {
                if let stamp = FileStamp(path: listed) { watched.append(WalkInput(path: shown, stamp: stamp)) }
            }
            found += evidenceFiles(inFolder: current).compactMap { read(current.path + "/" + $0, shownAs: up + $0, watching: &watched) }
        }
        return found
    }

    /// Reads one candidate file, noting its stamp from before the read.
    private static func read(_ absolute: String, shownAs path: String, watching watched: inout [WalkInput]) -> AirflowVersionEvidence? {
        guard let stamp = FileStamp(path: absolute) else { return nil }
        watched.append(WalkInput(path: path, stamp: stamp))
        return AirflowVersionFiles.read(absolute: absolute, path: path)
    }

    /// The names of the files directly in `folder` and in its `requirements/` that may be evidence.
    static func evidenceFiles(inFolder folder: URL) -> [String] {
        var paths: [String] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            if AirflowVersionFiles.kind(ofPath: name) != nil { paths.append(name) }
        }
        let nested = folder.appendingPathComponent("requirements")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: nested.path)) ?? []).sorted() {
            if AirflowVersionFiles.kind(ofPath: "requirements/" + name) != nil { paths.append("requirements/" + name) }
        }
        return paths
    }
}
