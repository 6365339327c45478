import Foundation

/// Where progress and summaries go: standard error, never standard output,
/// which carries only data.
public struct Log: Sendable {
    let sink: @Sendable (String) -> Void
    public let isTerminal: Bool

    public init(isTerminal: Bool, sink: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.sink = sink
    }

    public static let standardError = Log(isTerminal: isatty(STDERR_FILENO) == 1) { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Discards everything (`--quiet`, tests).
    public static let silent = Log(isTerminal: false) { _ in }

    /// Writes one line.
    public func write(_ line: String) { sink(line + "\n") }
    /// Writes without a newline (for a progress line redrawn in place).
    public func writeRaw(_ text: String) { sink(text) }
}

/// A progress line on a terminal, shown only once a scan has run for a
/// second, so quick scans stay silent.
final class ProgressLine: @unchecked Sendable {
    private let log: Log
    private let delay: UInt64
    private let started = DispatchTime.now()
    private let lock = NSLock()
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// Nil when the log is not a terminal: pipes and files get no progress.
    init?(log: Log, delayNanoseconds: UInt64 = 1_000_000_000) {
        guard log.isTerminal else { return nil }
        self.log = log
        self.delay = delayNanoseconds
    }

    func update(done: Int, total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard now - started.uptimeNanoseconds >= delay, now - lastDraw > 100_000_000 else { return }
        lastDraw = now
        drawn = true
        log.writeRaw("\rscanning: \(done)/\(total) files")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { log.writeRaw("\r\u{1B}[K") }
    }
}
