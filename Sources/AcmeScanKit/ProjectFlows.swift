import FlowDiscovery
import FlowManifest
import Foundation

/// The flows `generate` and `init` work from: flows.json at the project root
/// when it can stand for a scan now (written by this version, for the same
/// Airflow version, and newer than every source file and the settings file),
/// else a fresh scan (with the result cache; flows.json is left alone).
enum ProjectFlows {
    static func load(_ settings: CommandSettings, log: Log) throws -> [Flow] {
        let root = settings.configuration.folder
        let options = settings.scanOptions()
        let walk = FileWalker(root: root, options: options.walk).walk()
        let manifestPath = root.appendingPathComponent(ScanJob.defaultFileName).path
        let inputs = walk.files.map { root.path + "/" + $0 } + (settings.configuration.file.map { [$0.url.path] } ?? [])
        if let manifestTime = FileStamp(path: manifestPath)?.modified,
            inputs.allSatisfy({ (FileStamp(path: $0)?.modified ?? .max) < manifestTime }),
            let data = FileManager.default.contents(atPath: manifestPath)
        {
            do {
                let manifest = try FlowsJSONFormat.read(Array(data))
                let targets = AirflowTargets(setting: options.walk.airflow, folder: root, evidenceFiles: walk.airflowEvidence)
                let stale = manifest.flows.filter { $0.kind == .airflow }.first { flow in
                    manifest.airflowTarget(forFile: flow.file)?.major != targets.target(forFile: flow.file).major
                }
                guard let stale else { return manifest.flows }
                log.write("acme-scan: \(ScanJob.defaultFileName) read \(stale.file) for Airflow \(manifest.airflowTarget(forFile: stale.file)?.major ?? 0), not \(targets.target(forFile: stale.file).major); scanning")
            } catch {
                log.write("acme-scan: \(ScanJob.defaultFileName) not used (\(error)); scanning")
            }
        }
        do {
            return try FlowScanner(options: options).scan(root: root).flows
        } catch {
            throw AcmeError.setup(String(describing: error))
        }
    }
}
