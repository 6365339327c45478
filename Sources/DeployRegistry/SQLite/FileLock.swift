import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An environment's lock in the SQLite registry: `flock` on a file of its own
/// beside the database (`registry.sqlite.locks/PROJECT@ENV.lock`). The kernel
/// drops it when the process ends, however it ends (SIGKILL included), so no run
/// ever has to clean up after a dead one. The holder writes who it is into the
/// file, for the runs that wait. The file is never deleted: a run could hold an
/// `flock` on a deleted file while the next one locks a new file of the same name.
/// `flock` (not `fcntl`) because it belongs to the open file, not the process:
/// two locks taken in one process (tests) exclude each other too.
final class FileLock: RegistryLock, @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var open = true

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    var isHeld: Bool { lock.withLock { open } }

    func release() async {
        lock.withLock {
            guard open else { return }
            open = false
            _ = ftruncate(descriptor, 0)
            _ = flock(descriptor, LOCK_UN)
            _ = Glibc.close(descriptor)
        }
    }

    deinit {
        if open { _ = Glibc.close(descriptor) }
    }

    static func tryLock(folder: String, key: LockKey, holder: LockHolder, registry: String) throws -> LockAttempt {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RegistryError("registry \(registry): cannot create the lock folder \(folder): \(error.localizedDescription)")
        }
        let path = folder + "/" + key.fileName
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RegistryError("registry \(registry): cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            defer { _ = Glibc.close(descriptor) }
            guard failure == EWOULDBLOCK else {
                throw RegistryError("registry \(registry): cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            // Empty or half written while the holder is still writing it: who it is is not known yet.
            let text = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            return .held(try? JSONDecoder().decode(LockHolder.self, from: text))
        }
        var mine = holder
        mine.pid = getpid()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(mine)) ?? Data()
        _ = ftruncate(descriptor, 0)
        _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return .acquired(FileLock(descriptor: descriptor))
    }
}
