import Foundation

/// Real git repositories for tests, with no user or system configuration in play.
public enum Git {
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GIT_") { environment[key] = nil }
        // A missing file reads as empty (not /dev/null: a scan with `-o /dev/null` replaces it with a file).
        environment["GIT_CONFIG_GLOBAL"] = "/nonexistent/acme-scan-tests/gitconfig"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "acme-scan tests"
            environment["GIT_\(role)_EMAIL"] = "tests@acme.invalid"
        }
        return environment
    }()

    /// Runs `git ARGUMENTS` in `folder`; throws with git's message when it fails.
    @discardableResult
    public static func run(_ arguments: [String], in folder: URL) throws -> String {
        let result = try Run.process("/usr/bin/env", ["git"] + arguments, in: folder, environment: environment)
        guard result.status == 0 else { throw Failure(message: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// Makes `folder` a repository holding one commit of what `git add -A` takes
    /// (everything its `.gitignore` files do not leave out).
    public static func commitAll(in folder: URL) throws {
        try run(["init", "-q", "-b", "main"], in: folder)
        try run(["add", "-A"], in: folder)
        try run(["commit", "-q", "--allow-empty", "-m", "fixture"], in: folder)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
