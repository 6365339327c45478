import Foundation

/// A program running while the test goes on (a deploy the test kills, or one
/// that runs beside another), its output collected in files so no pipe can fill.
public final class BackgroundRun: @unchecked Sendable {
    private let process = Process()
    private let folder: TemporaryFolder
    private let stdoutFile: URL
    private let stderrFile: URL

    public init(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String]) throws {
        folder = try TemporaryFolder()
        stdoutFile = folder.url.appendingPathComponent("stdout")
        stderrFile = folder.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// SIGKILL: the process ends at once, with nothing of its own run (no cleanup, no unlock).
    public func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the end; returns the status and what it printed.
    public func wait() -> ProcessResult {
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: Self.read(stdoutFile), stderr: Self.read(stderrFile))
    }

    /// What it printed on standard error so far.
    public var stderrSoFar: String { Self.read(stderrFile) }

    private static func read(_ file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }
}

extension GitProject {
    /// Starts the built acme-scan in the project without waiting for it.
    public func startAcmeScan(_ arguments: [String], environment: [String: String] = [:]) throws -> BackgroundRun {
        try BackgroundRun(Run.acmeScanBinary, arguments, in: url,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
    }

    /// A fresh clone of `remote` (a runner that shares nothing with the others but git).
    public static func clone(_ remote: URL) throws -> GitProject {
        try GitProject(cloning: remote)
    }
}
