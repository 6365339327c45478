import Foundation

/// At most `limit` holders at a time; the others wait in arrival order.
///
/// A waiting task that is cancelled leaves the queue at once and throws
/// `CancellationError`, so a cancelled batch never holds slots.
actor ConcurrencyLimiter {
    let limit: Int
    private var holders = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, Error>)] = []
    private var nextID = 0

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async throws {
        try Task.checkCancellation()
        if holders < limit {
            holders += 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                waiters.append((id, continuation))
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// Hands the slot to the first waiter, or frees it.
    func release() {
        if waiters.isEmpty {
            holders -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancel(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}

extension ConcurrencyLimiter {
    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: ConcurrencyLimiter] = [:]

    /// One limiter per key for the whole process, so every client of one
    /// server shares it.
    static func shared(_ key: String, limit: Int) -> ConcurrencyLimiter {
        registryLock.withLock {
            let fullKey = "\(limit) \(key)"
            if let existing = registry[fullKey] { return existing }
            let limiter = ConcurrencyLimiter(limit: limit)
            registry[fullKey] = limiter
            return limiter
        }
    }
}
