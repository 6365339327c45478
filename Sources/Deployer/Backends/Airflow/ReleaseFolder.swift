import Foundation
import PythonSyntax

/// dags-folder mode: the path Airflow reads (`dags-folder`) is a symbolic link
/// acme-scan owns, pointing at one release folder beside it:
///
///     /srv/airflow/dags -> dags.releases/4f1c…e2      (the live release)
///     /srv/airflow/dags.releases/4f1c…e2/              (the project's tree at that commit)
///     /srv/airflow/dags.releases/4f1c…e2.json          (its marker: commit, branch, when)
///
/// A release is written under a temporary name, then renamed into place, and the
/// link is replaced by renaming a new link over it, as git-sync does: Airflow sees
/// the old tree or the new one, never a half-copied one. Earlier releases stay
/// for rollback (the newest ``kept``).
struct ReleaseFolder {
    /// How many releases stay on disk, the live one included.
    static let kept = 5

    let link: URL

    init(path: String) {
        link = URL(fileURLWithPath: path).standardizedFileURL
    }

    var releases: URL { URL(fileURLWithPath: link.path + ".releases") }

    struct Marker: Equatable {
        var commit: String
        var branch: String
        var project: String
        /// ISO 8601, when the link was switched to it.
        var publishedAt: String

        var json: JSONValue {
            ["commit": .string(commit), "branch": .string(branch), "project": .string(project), "published_at": .string(publishedAt)]
        }

        init(commit: String, branch: String, project: String, publishedAt: String) {
            self.commit = commit
            self.branch = branch
            self.project = project
            self.publishedAt = publishedAt
        }

        init?(json: JSONValue) {
            guard let commit = json["commit"]?.stringValue, let branch = json["branch"]?.stringValue,
                let project = json["project"]?.stringValue, let publishedAt = json["published_at"]?.stringValue
            else { return nil }
            self.init(commit: commit, branch: branch, project: project, publishedAt: publishedAt)
        }
    }

    /// The release the link points at, with its marker; nil before the first publish.
    func live() throws -> (commit: String, marker: Marker?)? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: link.path, isDirectory: &isDirectory) {
                throw BackendError("dags-folder \(link.path) is a \(isDirectory.boolValue ? "folder" : "file"), not a link acme-scan made: move it away (acme-scan will not delete it), or point dags-folder at a new path")
            }
            return nil
        }
        let commit = URL(fileURLWithPath: target).lastPathComponent
        guard commit.count == 40, commit.allSatisfy(\.isHexDigit) else { return nil }
        return (commit, marker(of: commit))
    }

    func marker(of commit: String) -> Marker? {
        guard let data = FileManager.default.contents(atPath: releases.appendingPathComponent("\(commit).json").path),
            let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self))
        else { return nil }
        return Marker(json: json)
    }

    func hasRelease(_ commit: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: releases.appendingPathComponent(commit).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Checks that the folder can be published to, before anything changes.
    func problems() -> [String] {
        do {
            _ = try live()
        } catch {
            return [String(describing: error)]
        }
        let parent = link.deletingLastPathComponent().path
        if !FileManager.default.isWritableFile(atPath: parent) {
            return ["dags-folder \(link.path): its folder \(parent) does not exist or is not writable"]
        }
        return []
    }

    /// Puts the tree `fill` writes into the release folder of `commit` (unless one is
    /// there already: a commit's files never change) and switches the link to it.
    func publish(_ marker: Marker, fill: (URL) throws -> Void) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: releases, withIntermediateDirectories: true)
        let folder = releases.appendingPathComponent(marker.commit)
        if !hasRelease(marker.commit) {
            let temporary = releases.appendingPathComponent(".\(marker.commit).\(UUID().uuidString)")
            do {
                try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
                try fill(temporary)
                try fileManager.moveItem(at: temporary, to: folder)
            } catch {
                try? fileManager.removeItem(at: temporary)
                throw BackendError("cannot write the release folder \(folder.path): \(error)")
            }
        }
        let markerFile = releases.appendingPathComponent("\(marker.commit).json")
        let markerTemporary = releases.appendingPathComponent(".\(marker.commit).json.\(UUID().uuidString)")
        let newLink = link.deletingLastPathComponent().appendingPathComponent(".\(link.lastPathComponent).\(UUID().uuidString)")
        do {
            try Data((marker.json.serialized() + "\n").utf8).write(to: markerTemporary)
            guard rename(markerTemporary.path, markerFile.path) == 0 else {
                throw BackendError("rename: \(String(cString: strerror(errno)))")
            }
            // Relative, so the pair can be moved (or mounted elsewhere) together.
            try fileManager.createSymbolicLink(atPath: newLink.path, withDestinationPath: "\(releases.lastPathComponent)/\(marker.commit)")
            guard rename(newLink.path, link.path) == 0 else {
                throw BackendError("rename: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fileManager.removeItem(at: newLink)
            try? fileManager.removeItem(at: markerTemporary)
            throw BackendError("cannot switch dags-folder \(link.path) to release \(marker.commit): \(error)")
        }
        removeOldReleases(keeping: marker.commit)
    }

    /// Keeps the newest ``kept`` releases by publish time (the live one always).
    private func removeOldReleases(keeping live: String) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: releases.path) else { return }
        let commits = names.filter { $0.count == 40 && $0.allSatisfy(\.isHexDigit) }
        let byAge = commits.sorted { (marker(of: $0)?.publishedAt ?? "") > (marker(of: $1)?.publishedAt ?? "") }
        for commit in byAge.dropFirst(Self.kept) where commit != live {
            try? fileManager.removeItem(at: releases.appendingPathComponent(commit))
            try? fileManager.removeItem(at: releases.appendingPathComponent("\(commit).json"))
        }
    }
}
