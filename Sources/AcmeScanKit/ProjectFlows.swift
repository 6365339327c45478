import FlowDiscovery
import FlowManifest
import Foundation

/// The flows `generate` and `init` work from: flows.json at the project root
/// when it is newer than every source file and was written by this version,
/// else a fresh scan (with the result cache; flows.json is left alone).
enum ProjectFlows {
    static func load(root: URL, log: Log) throws -> [Flow] {
        let walk = FileWalker(root: root).walk()
        let manifestPath = root.appendingPathComponent(ScanJob.defaultFileName).path
        if let manifestTime = modificationTime(manifestPath),
            walk.files.allSatisfy({ (modificationTime(root.path + "/" + $0) ?? .infinity) < manifestTime }),
            let data = FileManager.default.contents(atPath: manifestPath)
        {
            do {
                return try FlowsJSONFormat.read(Array(data)).flows
            } catch {
                log.write("acme-scan: \(ScanJob.defaultFileName) not used (\(error)); scanning")
            }
        }
        do {
            return try FlowScanner(options: ScanOptions(useCache: true)).scan(root: root).flows
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
    }

    private static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            return Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
            return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
    }
}
