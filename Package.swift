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
//   ProjectConfiguration            (acme.toml: the one settings model, every key declared once; the Airflow target)
//   DeploymentModel                 (the desired deployments, computed once from flows + acme.toml + git)
//   DeploymentGenerators            (prefect.yaml, Airflow deployment files, acme-portal config)
//   PrefectYAMLImport               (existing prefect.yaml files -> acme.toml, for `init --from-prefect-yaml`)
//   RESTClient                      (HTTP/JSON over AsyncHTTPClient: credential, timeouts, retries, requests in flight)
//   PrefectAPI                      (typed Prefect REST operations; live vs desired deployment comparison)
//   AirflowAPI                      (typed Airflow 3 REST v2 operations behind a JWT login)
//   DeployRegistry                  (the deploy journal, the local backend's deployments and the environment lock: SQLite through GRDB, or PostgreSQL through postgres-nio)
//   Deployer                        (backend protocol, plan and apply, one folder per backend, git releases)
//   AcmeScanKit                     (use cases the CLI calls: scan, check, generate, deploy, promote, ...)
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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Reading hand-written prefect.yaml files (init --from-prefect-yaml): anchors, merge keys,
        // block scalars and YAML 1.1 tags, with the line of every node. A YAML reader is not worth
        // hand-writing; generated files are still written by our own small writer.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        // The shared registry on PostgreSQL (a team's journal and locks): the wire protocol,
        // SCRAM and TLS are not worth hand-writing.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
            // No unsafe flags, so that the library can be a dependency: SwiftPM already
            // builds C at -O2 in release. In debug (-O0) the grammar's tables parse about
            // 18% slower (160 large files: 1.26 s against 1.07 s with bench/ts_parse.c),
            // because the parse loop is Debian's optimised runtime, not this target.
            cSettings: [.headerSearchPath("src")]
        ),
        .target(name: "NestingLimit"),
        .target(name: "PythonTreeSitter", dependencies: ["CTreeSitter", "TreeSitterPython", "NestingLimit"]),
        .target(name: "PythonSyntax", dependencies: ["PythonTreeSitter"]),
        .target(name: "TOMLSyntax", dependencies: ["NestingLimit"]),
        .target(name: "FlowDiscovery", dependencies: ["PythonSyntax", "TOMLSyntax"]),
        .target(name: "FlowManifest", dependencies: ["FlowDiscovery"]),
        .target(name: "FlowChecks", dependencies: ["FlowManifest"]),
        .target(name: "ProjectConfiguration", dependencies: ["FlowManifest", "FlowChecks", "TOMLSyntax"]),
        .target(name: "DeploymentModel", dependencies: ["ProjectConfiguration"]),
        .target(name: "DeploymentGenerators", dependencies: ["DeploymentModel"]),
        .target(name: "PrefectYAMLImport", dependencies: ["DeploymentModel", .product(name: "Yams", package: "Yams")]),
        // JSONValue and its parser live in PythonSyntax; RESTClient reuses them.
        .target(
            name: "RESTClient",
            dependencies: [
                "PythonSyntax",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "PrefectAPI", dependencies: ["RESTClient", "PythonSyntax"]),
        .target(name: "AirflowAPI", dependencies: ["RESTClient", "PythonSyntax"]),
        .target(
            name: "DeployRegistry",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(name: "Deployer", dependencies: ["DeploymentModel", "DeployRegistry", "PrefectAPI", "AirflowAPI"]),
        .target(name: "AcmeScanKit", dependencies: ["FlowManifest", "FlowChecks", "ProjectConfiguration", "DeploymentModel", "DeploymentGenerators", "PrefectYAMLImport", "Deployer"]),
        .executableTarget(
            name: "acme-scan",
            dependencies: [
                "AcmeScanKit", "FlowDiscovery", "FlowManifest", "FlowChecks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["AcmeScanKit", "DeploymentGenerators"], path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "PythonTreeSitterTests", dependencies: ["PythonTreeSitter", "NestingLimit"]),
        .testTarget(name: "PythonSyntaxTests", dependencies: ["PythonSyntax", "TestSupport"]),
        .testTarget(name: "TOMLSyntaxTests", dependencies: ["TOMLSyntax", "NestingLimit"]),
        .testTarget(name: "FlowDiscoveryTests", dependencies: ["FlowDiscovery", "TestSupport"]),
        .testTarget(name: "FlowManifestTests", dependencies: ["FlowManifest", "AcmeScanKit", "TestSupport"]),
        .testTarget(name: "FlowChecksTests", dependencies: ["FlowChecks", "ProjectConfiguration", "AcmeScanKit", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "FlowManifest"]),
        .testTarget(name: "DeployTests", dependencies: ["AcmeScanKit", "Deployer", "DeployRegistry", "PrefectAPI", "AirflowAPI", "RESTClient", "TestSupport"]),
        .testTarget(name: "ProjectConfigurationTests", dependencies: ["ProjectConfiguration", "TestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["PrefectYAMLImport", "AcmeScanKit", "TestSupport"]),
        .testTarget(name: "RESTClientTests", dependencies: ["RESTClient", "TestSupport"]),
        .testTarget(name: "PrefectAPITests", dependencies: ["PrefectAPI", "RESTClient", "TestSupport"]),
        .testTarget(name: "GenerateTests", dependencies: ["ProjectConfiguration", "DeploymentModel", "DeploymentGenerators", "AcmeScanKit", "TestSupport"]),
    ]
)
