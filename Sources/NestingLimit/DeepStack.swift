import Foundation

/// Threads with a stack sized for ``NestingDepth/limit``.
///
/// Hand-written because the default is not ours to choose: libdispatch's
/// workers (what `DispatchQueue.concurrentPerform` runs on) get `ulimit -s`
/// on Linux (8 MiB here, 2 MiB when it is unlimited, whatever a CI runner
/// sets) and 512 KiB on macOS. Measured: the smallest stack on which a scan of
/// a 100,000-deep file survives with the walkers stopping at the limit is
/// 9.2 MiB in a debug build for nested calls (`f(f(f(...)))`), 4.9 MiB for
/// parentheses, 5.6 MiB for nested generics, and 14.9 MiB for the worst
/// combination (an `@dag` with a deep annotation and default, called 990
/// calls deep); in a release build 1.5 MiB and 2.7 MiB. So 64 MiB leaves four
/// times the debug worst case and twenty times the release one (measured by
/// bisection over the `bench/deep_inputs.py` shapes, with `size` read from an
/// environment variable for the experiment).
/// Stack pages are touched only when used: the size costs address space, not memory.
public enum DeepStack {
    public static let size = 64 << 20

    /// Runs `body(index)` for every index below `threads`, each on its own
    /// thread with a ``size`` stack, and returns when all have finished.
    public static func concurrentPerform(threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<max(threads, 1) {
            group.enter()
            let thread = Thread {
                body(index)
                group.leave()
            }
            thread.stackSize = size
            thread.start()
        }
        group.wait()
    }

    /// Runs `body` on one such thread and returns what it returns (or throws).
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        nonisolated(unsafe) var result: Result<T, any Error>?
        concurrentPerform(threads: 1) { _ in result = Result { try body() } }
        return try result!.get()
    }
}
