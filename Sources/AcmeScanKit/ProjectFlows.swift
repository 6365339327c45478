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
        if let manifestTime = FileStamp(path: manifestPath)?.modified,
            walk.files.allSatisfy({ (FileStamp(path: root.path + "/" + $0)?.modified ?? .max) < manifestTime }),
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
}
