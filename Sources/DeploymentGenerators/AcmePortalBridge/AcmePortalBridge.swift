import Foundation
import ProjectConfiguration
import PythonSyntax

/// The four files of `.acme_portal_sdk/` through which the acme-portal VS Code
/// extension runs acme-scan. The extension imports each file and calls the first
/// instance of an acme-portal-sdk class it finds there (docs/acme-portal.md);
/// each file here holds one subclass that runs the acme-scan binary
/// and reads its JSON, so the project's code is never imported.
///
/// `init --acme-portal` writes them; `generate` (and `generate --check`) keeps
/// every one that still carries the generated header up to date, and leaves a
/// file the team wrote itself alone.
public enum AcmePortalBridge {
    public static let folder = ".acme_portal_sdk"

    /// One file: the module the extension imports and the SDK class it looks for.
    public struct Module: Sendable {
        public let name: String
        public let sdkClass: String
        let body: String

        public var path: String { "\(AcmePortalBridge.folder)/\(name).py" }
    }

    public static let modules: [Module] = [
        Module(name: "flow_finder", sdkClass: "FlowFinder", body: BridgePython.flowFinder),
        Module(name: "deployment_finder", sdkClass: "DeploymentFinder", body: BridgePython.deploymentFinder),
        Module(name: "flow_deploy", sdkClass: "DeployWorkflow", body: BridgePython.flowDeploy),
        Module(name: "deployment_promote", sdkClass: "PromoteWorkflow", body: BridgePython.deploymentPromote),
    ]

    /// All four files for `configuration` (its `acme-scan-path` is written into each).
    public static func files(for configuration: ProjectConfiguration) -> [GeneratedFile] {
        let source = configuration.path.split(separator: "/").last.map(String.init) ?? configuration.path
        let binary = configuration.acmeScanPath.map { JSONValue.string($0).serialized() } ?? "None"
        return modules.map { module in
            GeneratedFile(path: module.path, contents: GeneratedHeader.lines(source: source)
                + BridgePython.file(module.body, configuredBinary: binary))
        }
    }

    /// The files under `folder` that `generate` keeps up to date: those present
    /// with the generated header.
    public static func installed(for configuration: ProjectConfiguration, in folder: URL) -> [GeneratedFile] {
        files(for: configuration).filter { file in
            (try? String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)).map(GeneratedHeader.isGenerated) == true
        }
    }
}
