import Foundation

/// What one lock guards: one environment of one project. Deploy, promote,
/// rollback and prune hold it from before they read the live state until the
/// journal is written, so two pipelines never interleave their deployments and
/// an environment is always at one release (Terraform's state locking).
public struct LockKey: Sendable, Hashable {
    public var project: String
    public var environment: String

    public init(project: String, environment: String) {
        self.project = project
        self.environment = environment
    }

    /// A 64-bit number for PostgreSQL's advisory lock: FNV-1a of the names. A
    /// collision only makes two environments wait for each other, never share a state.
    var advisoryKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "acme-scan\u{0}\(project)\u{0}\(environment)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// A file name for the SQLite registry's lock file: the names, percent-encoded.
    var fileName: String {
        func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")) ?? text
        }
        return "\(encode(project))@\(encode(environment)).lock"
    }
}

/// Who holds a lock, as a waiting run prints it.
public struct LockHolder: Codable, Sendable, Equatable {
    public var who: String
    public var host: String
    /// The command line, e.g. `deploy --env dev`.
    public var command: String
    public var commit: String?
    /// ISO 8601, UTC.
    public var since: String
    public var pid: Int32?
    /// The CI job, when the holder runs in one.
    public var ciJob: String?

    public init(who: String, host: String, command: String, commit: String?, since: String, pid: Int32? = nil, ciJob: String? = nil) {
        self.who = who
        self.host = host
        self.command = command
        self.commit = commit
        self.since = since
        self.pid = pid
        self.ciJob = ciJob
    }

    public var summary: String {
        var text = "\(who) on \(host)"
        if let pid { text += " (pid \(pid))" }
        text += ", running `acme-scan \(command)`"
        if let commit { text += " at commit \(commit.prefix(7))" }
        if let ciJob { text += " in \(ciJob)" }
        return text + ", since \(since)"
    }
}

public enum LockAttempt: Sendable {
    case acquired(any RegistryLock)
    /// The holder, when it is known (nil: it took the lock and has not said who it is yet).
    case held(LockHolder?)
}

/// A lock this process holds. It goes with the process (a killed runner never
/// leaves it held): the SQLite registry's is an `flock` on a file, PostgreSQL's
/// an advisory lock of the session.
public protocol RegistryLock: AnyObject, Sendable {
    /// False once the lock may have been lost (PostgreSQL's session ended): nothing more may be applied.
    var isHeld: Bool { get }
    func release() async
}

/// The wait for an environment's lock, alike for every registry.
public enum EnvironmentLock {
    public struct Timeout: Error, CustomStringConvertible, Sendable {
        public let key: LockKey
        public let holder: LockHolder?
        public let seconds: Double
        public var description: String {
            "'\(key.environment)' of project '\(key.project)' is still locked after \(Self.format(seconds)) s by "
                + (holder?.summary ?? "another run") + "; nothing was changed (wait longer with --lock-timeout)"
        }
        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
        }
    }

    /// Takes the lock, waiting up to `timeout` seconds; `waiting` is told the holder
    /// when the wait starts and whenever the holder changes.
    public static func acquire(_ key: LockKey, in registry: any Registry, holder: LockHolder, timeout: Double,
        waiting: @Sendable (LockHolder?) -> Void) async throws -> any RegistryLock
    {
        let start = ContinuousClock.now
        let limit = Duration.milliseconds(Int64(max(0, timeout) * 1000))
        var told = false
        var lastHolder: LockHolder?
        var pause = Duration.milliseconds(100)
        while true {
            switch try await registry.tryLock(key, holder: holder) {
            case .acquired(let lock):
                return lock
            case .held(let current):
                if !told || (current != nil && current != lastHolder) {
                    waiting(current)
                    told = true
                    lastHolder = current
                }
                let elapsed = ContinuousClock.now - start
                guard elapsed < limit else { throw Timeout(key: key, holder: current, seconds: timeout) }
                // Short pauses first, so a lock freed by a killed run is taken within a second.
                try await Task.sleep(for: min(pause, limit - elapsed))
                pause = min(pause * 2, .milliseconds(1000))
            }
        }
    }
}
