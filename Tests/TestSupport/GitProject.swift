import Foundation

/// A project in a fresh git repository, for the deployer's tests: a release is a commit.
public final class GitProject: @unchecked Sendable {
    public let folder: TemporaryFolder
    public var url: URL { folder.url }

    /// Commits and tests see the same identity on every machine.
    public static let identity = ["GIT_AUTHOR_NAME": "Ada Tester", "GIT_AUTHOR_EMAIL": "ada@example.com",
        "GIT_COMMITTER_NAME": "Ada Tester", "GIT_COMMITTER_EMAIL": "ada@example.com"]

    public init(files: [String: String]) throws {
        folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Ada Tester")
        try git("config", "user.email", "ada@example.com")
        try commit("first")
    }

    /// A clone of `remote`, with the test identity.
    init(cloning remote: URL) throws {
        folder = try TemporaryFolder()
        let result = try Run.process("/usr/bin/env", ["git", "clone", "-q", remote.path, folder.url.path])
        if result.status != 0 { throw Failure(description: "git clone: \(result.stderr)") }
        try git("config", "user.name", "Ada Tester")
        try git("config", "user.email", "ada@example.com")
    }

    public func write(_ path: String, _ text: String) throws { try folder.write(path, text) }

    public func remove(_ path: String) throws { try FileManager.default.removeItem(at: url.appendingPathComponent(path)) }

    /// Commits everything; returns the new HEAD.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try head()
    }

    public func head() throws -> String {
        try git("rev-parse", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    public func git(_ arguments: String...) throws -> ProcessResult {
        let result = try Run.process("/usr/bin/env", ["git"] + arguments, in: url,
            environment: ProcessInfo.processInfo.environment.merging(Self.identity) { _, new in new })
        if result.status != 0 { throw Failure(description: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result
    }

    /// Runs the built acme-scan in the project, with `environment` added to this process's.
    public func acmeScan(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Run.process(Run.acmeScanBinary, arguments, in: url,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
