import DeployRegistry
import Foundation
import ProjectConfiguration

/// Opens the registry an environment names (its `registry`, else the top
/// level's, else `.acme-scan/registry.sqlite`): the glue between acme.toml's
/// setting (ProjectConfiguration) and the registry layer (DeployRegistry), which
/// knows nothing of acme.toml. PostgreSQL settings follow libpq: what the URL
/// leaves out comes from PGUSER, PGSSLMODE, PGSSLROOTCERT and PGCONNECT_TIMEOUT,
/// the password only from the environment.
public enum Registries {
    /// Identifies one registry, so a command opens each once (environments may share one).
    public static func identity(of setting: RegistrySetting?, projectRoot: URL) -> String {
        switch setting {
        case .postgres(let url): url.text
        case .file(let path): filePath(path, projectRoot: projectRoot)
        case nil: SQLiteRegistry.defaultPath(projectRoot: projectRoot)
        }
    }

    static func filePath(_ path: String, projectRoot: URL) -> String {
        path.hasPrefix("/") ? path : projectRoot.appendingPathComponent(path).standardizedFileURL.path
    }

    /// The registry of `environment`, connected (and its schema migrated); a failure
    /// is a ``RegistryError`` naming the registry, with no password.
    public static func open(for environment: Environment, in configuration: ProjectConfiguration,
        variables: [String: String] = ProcessInfo.processInfo.environment) async throws -> any Registry
    {
        let setting = configuration.registry(for: environment)
        switch setting {
        case .postgres(let url):
            return try await PostgresRegistry.open(postgresSettings(url, passwordVariable: configuration.registryPasswordVariable(for: environment),
                variables: variables))
        case .file, nil:
            return try SQLiteRegistry(path: identity(of: setting, projectRoot: configuration.folder))
        }
    }

    /// A SQLite registry only, for `registry import FILE`.
    public static func openFile(_ path: String) throws -> SQLiteRegistry {
        guard FileManager.default.fileExists(atPath: path) else { throw RegistryError("\(path): no such file") }
        return try SQLiteRegistry(path: path)
    }

    static func postgresSettings(_ url: RegistrySetting.PostgresURL, passwordVariable: String, variables: [String: String])
        -> PostgresSettings
    {
        func value(_ name: String) -> String? { variables[name].flatMap { $0.isEmpty ? nil : $0 } }
        let user = url.user ?? value("PGUSER") ?? value("USER") ?? "postgres"
        let mode = url.sslMode ?? value("PGSSLMODE") ?? "prefer"
        return PostgresSettings(host: url.host, port: url.port ?? 5432, user: user, database: url.database ?? user,
            password: value(passwordVariable), passwordVariable: passwordVariable,
            sslMode: PostgresSettings.SSLMode(rawValue: mode) ?? .prefer,
            sslRootCertificate: url.sslRootCertificate ?? value("PGSSLROOTCERT"),
            connectTimeout: url.connectTimeout ?? value("PGCONNECT_TIMEOUT").flatMap(Int.init) ?? 10,
            displayURL: RegistrySetting.redacted(url.text))
    }
}
