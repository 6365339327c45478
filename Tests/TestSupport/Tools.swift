import Foundation

/// Runs a program and captures what it prints.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum Run {
    public static func process(_ executable: String, _ arguments: [String], in directory: URL? = nil,
        environment: [String: String]? = nil) throws -> ProcessResult
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The built `acme-scan` executable next to the test bundle.
    public static var acmeScanBinary: String {
        let candidates = [
            Fixtures.repositoryRoot.appendingPathComponent(".build/debug/acme-scan").path,
            Bundle.main.bundleURL.appendingPathComponent("acme-scan").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("acme-scan").path,
        ]
        if let build = ProcessInfo.processInfo.environment["ACME_SCAN_BINARY"] { return build }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// python3 on PATH.
    public static var python: String {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/python3"
    }
}
