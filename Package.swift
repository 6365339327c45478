// swift-tools-version: 6.0
import PackageDescription

// Layers, each depending only on the ones above it:
//   NestingLimit                    (the one depth limit of every recursive walk, and threads whose stack holds it)
//   CTreeSitter + TreeSitterPython  (C: Debian's runtime, the fetched grammar)
//   PythonTreeSitter                (Swift wrapper over the C API)
//   PythonSyntax                    (imports, literals, constants, docstrings)
//   TOMLSyntax                      (TOML with the position of every key, for located config errors)
//   FlowDiscovery                   (file walk, pre-filter, one detector per framework)
//   FlowManifest                    (flows.json model, encoders, acme-portal format)
//   FlowChecks                      (rules and reporters for `acme-scan check`)
//   ProjectConfiguration            (acme.toml: project, environments, deployment settings, validation)
//   DeploymentGenerators            (prefect.yaml, Airflow deployment files, acme-portal config)
//   AcmeScanKit                     (use cases the CLI calls: scan, write atomically)
//   acme-scan                       (argument parsing only)
let package = Package(
    name: "acme-scan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "acme-scan", targets: ["acme-scan"]),
        .library(name: "AcmeScanKit", targets: ["AcmeScanKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CTreeSitter",
            path: "Sources/CTreeSitter",
            pkgConfig: "tree-sitter",
            providers: [.apt(["libtree-sitter-dev"])]
        ),
        .target(
            name: "TreeSitterPython",
            path: "grammars/tree-sitter-python",
            exclude: ["src/LICENSE-tree-sitter-python", "src/tree_sitter"],
            sources: ["src/parser.c", "src/scanner.c"],
            publicHeadersPath: "include",
            cSettings: [
                .headerSearchPath("src"),
                // The generated parser is large; an unoptimised build parses several times slower.
                .unsafeFlags(["-O2", "-w"]),
            ]
        ),
        .target(name: "NestingLimit"),
        .target(name: "PythonTreeSitter", dependencies: ["CTreeSitter", "TreeSitterPython", "NestingLimit"]),
        .target(name: "PythonSyntax", dependencies: ["PythonTreeSitter"]),
        .target(name: "TOMLSyntax", dependencies: ["NestingLimit"]),
        .target(name: "FlowDiscovery", dependencies: ["PythonSyntax"]),
        .target(name: "FlowManifest", dependencies: ["FlowDiscovery"]),
        .target(name: "FlowChecks", dependencies: ["FlowManifest", "TOMLSyntax"]),
        .target(name: "ProjectConfiguration", dependencies: ["FlowManifest", "TOMLSyntax"]),
        .target(name: "DeploymentGenerators", dependencies: ["ProjectConfiguration"]),
        .target(name: "AcmeScanKit", dependencies: ["FlowManifest", "FlowChecks", "ProjectConfiguration", "DeploymentGenerators"]),
        .executableTarget(
            name: "acme-scan",
            dependencies: [
                "AcmeScanKit", "FlowDiscovery", "FlowManifest", "FlowChecks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["AcmeScanKit"], path: "Tests/TestSupport"),
        .testTarget(name: "PythonTreeSitterTests", dependencies: ["PythonTreeSitter", "NestingLimit"]),
        .testTarget(name: "PythonSyntaxTests", dependencies: ["PythonSyntax", "TestSupport"]),
        .testTarget(name: "TOMLSyntaxTests", dependencies: ["TOMLSyntax", "NestingLimit"]),
        .testTarget(name: "FlowDiscoveryTests", dependencies: ["FlowDiscovery", "TestSupport"]),
        .testTarget(name: "FlowManifestTests", dependencies: ["FlowManifest", "AcmeScanKit", "TestSupport"]),
        .testTarget(name: "FlowChecksTests", dependencies: ["FlowChecks", "AcmeScanKit", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "GenerateTests", dependencies: ["ProjectConfiguration", "DeploymentGenerators", "AcmeScanKit", "TestSupport"]),
    ]
)
