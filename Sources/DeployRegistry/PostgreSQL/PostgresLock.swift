import Foundation
import PostgresNIO

/// An environment's lock in the PostgreSQL registry: a session-level advisory
/// lock, which the server drops when the session ends, so a runner that is
/// killed, or loses its network, never leaves it held. Who holds it is written
/// beside it (`acme_scan.lock_holder`, with the holder's backend pid), and a
/// waiting run believes that row only while that backend holds the lock, so a
/// row a killed runner left behind is never shown as the holder.
final class PostgresLock: RegistryLock {
    let registry: PostgresRegistry
    let key: LockKey
    private let released = LockedValue(false)

    init(registry: PostgresRegistry, key: LockKey) {
        self.registry = registry
        self.key = key
    }

    /// The session holds the lock as long as the connection is open.
    var isHeld: Bool { registry.isConnected && !released.withLock { $0 } }

    func release() async {
        guard !released.withLock({ value in defer { value = true }; return value }) else { return }
        guard registry.isConnected else { return }
        _ = try? await registry.run("""
            DELETE FROM acme_scan.lock_holder WHERE project = \(key.project) AND environment = \(key.environment)
                AND backend_pid = pg_backend_pid()
            """, "release the lock")
        _ = try? await registry.run("SELECT pg_advisory_unlock(\(key.advisoryKey))", "release the lock")
    }
}

/// A small lock-protected value (Synchronization's Mutex needs macOS 15, which the package does not require).
final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension PostgresRegistry {
    public func tryLock(_ key: LockKey, holder: LockHolder) async throws -> LockAttempt {
        let rows = try await run("SELECT pg_try_advisory_lock(\(key.advisoryKey)), pg_backend_pid()", "take the lock")
        guard let row = rows.first else { throw RegistryError("registry \(name): cannot take the lock: no answer") }
        let (acquired, pid) = try row.decode((Bool, Int32).self)
        guard acquired else { return .held(try await currentHolder(of: key)) }
        let lock = PostgresLock(registry: self, key: key)
        var mine = holder
        mine.pid = mine.pid ?? getpid()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(mine), as: UTF8.self)
        do {
            // Also the first write of the run: a registry it may not write stops it here, before anything changed.
            try await run("""
                INSERT INTO acme_scan.lock_holder (project, environment, backend_pid, holder)
                VALUES (\(key.project), \(key.environment), \(pid), \(text))
                ON CONFLICT (project, environment) DO UPDATE SET backend_pid = EXCLUDED.backend_pid, holder = EXCLUDED.holder
                """, "record the lock's holder")
        } catch {
            await lock.release()
            throw error
        }
        return .acquired(lock)
    }

    /// The holder's row, when the backend that wrote it still holds the advisory lock.
    private func currentHolder(of key: LockKey) async throws -> LockHolder? {
        let rows = try await run("""
            SELECT h.holder FROM acme_scan.lock_holder h
            WHERE h.project = \(key.project) AND h.environment = \(key.environment) AND h.backend_pid IN (
                SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
                    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND ((classid::bigint << 32) | objid::bigint) = \(key.advisoryKey))
            """, "read who holds the lock")
        guard let text = try rows.first?.decode(String.self) else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: Data(text.utf8))
    }
}
