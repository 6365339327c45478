import AcmeScanKit
import Foundation

// Scans the folder given and prints one line per flow: its id, then its name.
guard CommandLine.arguments.count == 2 else {
    print("usage: ScanThroughKit FOLDER")
    exit(2)
}
let job = ScanJob(path: CommandLine.arguments[1], quiet: true)
let (manifest, _) = try job.manifest(log: .silent)
for flow in manifest.flows {
    print(flow.id, flow.name ?? "-")
}
