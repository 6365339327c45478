import Foundation
import TOMLSyntax

/// Where acme-scan's settings live: `acme.toml`, or `[tool.acme-scan]` in
/// `pyproject.toml`, whichever the walk up from a folder meets first
/// (`acme.toml` wins within one folder). `check` and `generate` read the same file.
public struct SettingsFile: Sendable {
    /// The file's path, as messages print it.
    public let path: String
    /// The folder holding it: the project root.
    public let folder: URL
    /// The file itself (acme.toml or pyproject.toml).
    public var url: URL { folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent) }
    /// The settings table (the whole of acme.toml, or `[tool.acme-scan]`).
    public let table: TOMLTable

    public struct Invalid: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(_ message: String) { self.message = message }
    }

    public static let fileName = "acme.toml"

    /// Settings files are a few KiB. bench/fuzz.sh made a 1.4 GB acme.toml that
    /// took 29 s, mostly paging it in, before its first error was reported.
    public static let sizeLimit = 4 << 20

    /// The nearest settings at or above `folder`, or nil when there are none.
    public static func find(from folder: URL) throws(Invalid) -> SettingsFile? {
        var current = folder.standardizedFileURL
        while true {
            if let found = try read(in: current) { return found }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The settings in exactly this folder, if it has any.
    public static func read(in folder: URL) throws(Invalid) -> SettingsFile? {
        for name in [fileName, "pyproject.toml"] {
            let file = folder.appendingPathComponent(name)
            if let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int, size > sizeLimit {
                throw Invalid("\(displayPath(file)):1:1: \(size) bytes, more than the \(sizeLimit >> 20) MiB a settings file may have: not read")
            }
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            // A pyproject.toml that never mentions us is not parsed: its errors are not ours to report.
            if name != fileName && !text.contains("acme-scan") { continue }
            let path = displayPath(file)
            let root: TOMLTable
            do {
                root = try TOMLDocument.parse(text)
            } catch {
                throw Invalid("\(path):\(error.location): \(error.message)")
            }
            if name == fileName { return SettingsFile(path: path, folder: folder, table: root) }
            guard let tool = root["tool"]?.table, let member = tool.member("acme-scan") else { continue }
            guard let table = member.node.table else {
                throw Invalid("\(path):\(member.node.location): [tool.acme-scan] must be a table")
            }
            return SettingsFile(path: path, folder: folder, table: table)
        }
        return nil
    }

    /// An acme.toml not yet written, read as if it were at `folder` (`init` checks what it would write).
    public static func parse(_ text: String, folder: URL) throws(Invalid) -> SettingsFile {
        let path = displayPath(folder.appendingPathComponent(fileName))
        do {
            return SettingsFile(path: path, folder: folder, table: try TOMLDocument.parse(text))
        } catch {
            throw Invalid("\(path):\(error.location): \(error.message)")
        }
    }

    /// Relative to the working directory when inside it, so messages stay short.
    static func displayPath(_ file: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let absolute = file.standardizedFileURL.path
        return absolute.hasPrefix(cwd) ? String(absolute.dropFirst(cwd.count)) : absolute
    }

    /// `path:line:col: message`.
    public func message(_ text: String, at location: TOMLLocation) -> String { "\(path):\(location): \(text)" }
}
