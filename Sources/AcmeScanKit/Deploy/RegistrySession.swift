import DeployRegistry
import Deployer
import Foundation
import ProjectConfiguration

/// The registries one command has opened, each once (environments may share
/// one), closed when the command ends: a PostgreSQL registry is one connection,
/// which holds the command's locks.
final class RegistrySession: @unchecked Sendable {
    private let lock = NSLock()
    private var open: [String: any Registry] = [:]

    func registry(for environment: Environment, in configuration: ProjectConfiguration) async throws -> any Registry {
        // The registry is the one HEAD's acme.toml names, also for a release built from an older
        // commit's acme.toml: the team's journal does not move back with a rollback.
        let current = configuration.environment(named: environment.name) ?? environment
        let identity = Registries.identity(of: configuration.registry(for: current), projectRoot: configuration.folder)
        if let existing = lock.withLock({ open[identity] }) { return existing }
        let registry: any Registry
        do {
            registry = try await Registries.open(for: current, in: configuration)
        } catch {
            throw AcmeError.usage(String(describing: error))
        }
        lock.withLock { open[identity] = registry }
        return registry
    }

    func closeAll() async {
        for registry in lock.withLock({ Array(open.values) }) { await registry.close() }
        lock.withLock { open = [:] }
    }
}

/// `--lock-timeout`: seconds (`300`, `90s`), minutes (`5m`) or hours (`1h`).
public enum LockTimeout {
    /// Five minutes: longer than a large deploy takes, shorter than a CI job's limit.
    public static let defaultSeconds: Double = 300

    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            if let number = Double(trimmed.dropLast(suffix.count)), number >= 0, number.isFinite { return number * factor }
        }
        guard let seconds = Double(trimmed), seconds >= 0, seconds.isFinite else { return nil }
        return seconds
    }
}

extension DeployContext {
    /// The registry of an environment a command is about to change: one that cannot be
    /// opened refuses the command, which has changed nothing yet.
    func registryToChange(_ environment: Environment) async throws -> any Registry {
        do {
            return try await registry(environment)
        } catch AcmeError.usage(let message) {
            throw AcmeError.usage("\(message); nothing was changed")
        }
    }

    /// Runs `body` with the registries closed after it, whatever it ends with.
    static func closing<T>(_ registries: RegistrySession, _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await registries.closeAll()
            return value
        } catch {
            await registries.closeAll()
            throw error
        }
    }

    /// Runs `body` holding the lock of `environment` (nothing for a dry run):
    /// taken before the live state is read, released after the journal is written.
    /// A registry this run may not write refuses here, before anything changed; a
    /// lock held elsewhere is waited for up to `timeout` seconds, saying who holds it,
    /// then refused (exit 2).
    func locked<T>(_ environment: Environment, registry: (any Registry)?, command: String, commit: String?, timeout: Double,
        dryRun: Bool, log: Log, _ body: ((any RegistryLock)?) async throws -> T) async throws -> T
    {
        guard !dryRun, let registry else { return try await body(nil) }
        let key = LockKey(project: configuration.projectName, environment: environment.name)
        let holder = LockHolder(who: who, host: origin.host, command: command, commit: commit, since: Self.now(),
            ciJob: origin.ciSummary)
        let lock: any RegistryLock
        do {
            try await registry.checkWritable()
            lock = try await EnvironmentLock.acquire(key, in: registry, holder: holder, timeout: timeout) { current in
                log.write("acme-scan: waiting for the lock of '\(environment.name)' (up to \(Self.seconds(timeout)) s, --lock-timeout): held by "
                    + (current?.summary ?? "another run, which has not said who it is yet"))
            }
        } catch let error as AcmeError {
            throw error
        } catch {
            throw AcmeError.usage("\(error)\(error is EnvironmentLock.Timeout ? "" : "; nothing was changed")")
        }
        do {
            let value = try await body(lock)
            await lock.release()
            return value
        } catch {
            await lock.release()
            throw error
        }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
