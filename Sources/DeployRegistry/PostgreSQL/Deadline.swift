import Foundation

/// Runs an operation with a deadline that does not depend on the operation
/// answering cancellation: a task group would wait for a child stuck in a
/// library, so whichever of the operation and a timer ends first resumes the
/// caller, and a stuck operation is left behind (the command ends soon after).
enum Deadline {
    struct Expired: Error {}

    static func run<T: Sendable>(within limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            // Set before either task starts, so neither can find it missing.
            once.continuation = continuation
            let timer = Task {
                try await Task.sleep(for: limit)
                once.resume(with: .failure(Expired()))
            }
            Task {
                do { once.resume(with: .success(try await operation())) } catch { once.resume(with: .failure(error)) }
                timer.cancel()
            }
        }
    }

    /// Resumes the continuation once; the later result is dropped.
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        var continuation: CheckedContinuation<T, any Error>?

        @discardableResult
        func resume(with result: Result<T, any Error>) -> Bool {
            let taken: CheckedContinuation<T, any Error>? = lock.withLock {
                defer { continuation = nil }
                return continuation
            }
            taken?.resume(with: result)
            return taken != nil
        }
    }
}
