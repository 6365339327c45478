// swift-tools-version: 6.0
// A package that depends on acme-scan the way a team's own tool would, and scans
// through the library product alone. Built by Tests/consumer/run.sh in `make test`:
// if acme-scan's manifest ever needs unsafe flags or a target outside its products
// again, this stops building.
import PackageDescription

let package = Package(
    name: "ScanThroughKit",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "acme-scan", path: "../..")],
    targets: [
        .executableTarget(name: "ScanThroughKit", dependencies: [.product(name: "AcmeScanKit", package: "acme-scan")]),
    ]
)
