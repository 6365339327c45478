import Foundation
import ProjectConfiguration
import Testing
import TestSupport

/// `registry`: a path or a `postgresql://` URL, never a URL taken as a path.
@Suite struct RegistrySettingTests {
    static func read(_ settings: String) throws -> ProjectConfiguration {
        let folder = try TemporaryFolder()
        try folder.write("acme.toml", settings)
        return try ProjectConfiguration.load(from: folder.url)
    }

    static func errors(_ configuration: ProjectConfiguration) -> [String] {
        configuration.problems(for: .deploy).map(\.description)
    }

    @Test func aTopLevelURLIsEveryEnvironmentsUnlessOneNamesItsOwn() throws {
        let configuration = try Self.read("""
            registry = "postgresql://acme@db.example:6543/deploys?sslmode=require&connect_timeout=5"
            registry-password-variable = "ACME_REGISTRY_PASSWORD"

            [[environments]]
            name = "dev"
            backend = "local"

            [[environments]]
            name = "sandbox"
            backend = "local"
            registry = "state/sandbox.sqlite"
            registry-password-variable = "SANDBOX_PASSWORD"
            """)
        #expect(Self.errors(configuration).isEmpty, "\(Self.errors(configuration))")
        let dev = try #require(configuration.environment(named: "dev"))
        guard case .postgres(let url)? = configuration.registry(for: dev) else { Issue.record("not a URL"); return }
        #expect(url.host == "db.example" && url.port == 6543 && url.user == "acme" && url.database == "deploys")
        #expect(url.sslMode == "require" && url.connectTimeout == 5)
        #expect(configuration.registryPasswordVariable(for: dev) == "ACME_REGISTRY_PASSWORD")
        let sandbox = try #require(configuration.environment(named: "sandbox"))
        #expect(configuration.registry(for: sandbox) == .file("state/sandbox.sqlite"))
        #expect(configuration.registryPasswordVariable(for: sandbox) == "SANDBOX_PASSWORD")
        let plain = try Self.read("[[environments]]\nname = \"dev\"\nbackend = \"local\"\n")
        #expect(plain.registry(for: plain.environments[0]) == nil && plain.registryPasswordVariable(for: plain.environments[0]) == "PGPASSWORD")
    }

    /// Each bad value is a located error, and its message never holds a password.
    @Test(arguments: [
        ("mysql://acme@db/acme", "unknown scheme 'mysql:' in registry mysql://acme@db/acme: give a path to an SQLite file, or a postgresql:// URL"),
        ("postgresql:acme", "malformed registry URL postgresql:acme: write postgresql://USER@HOST:PORT/DATABASE"),
        ("postgresql://acme@db:port/acme", "malformed registry URL postgresql://acme@db:port/acme: write postgresql://USER@HOST:PORT/DATABASE"),
        ("postgresql:///acme", "registry postgresql:///acme names no host: write postgresql://USER@HOST:PORT/DATABASE"),
        ("postgresql://acme:hunter2@db/acme", "registry postgresql://acme:***@db/acme holds a password: acme.toml must not; set PGPASSWORD (or the variable registry-password-variable names) instead"),
        ("postgresql://acme@db/acme?password=hunter2", "registry postgresql://acme@db/acme?password=*** holds a password"),
        ("postgresql://acme@db/acme?sslmode=allow", "sslmode must be one of disable, prefer, require, verify-ca, verify-full ('allow' is not supported: use prefer)"),
        ("postgresql://acme@db/acme?sslmod=require", "unknown parameter 'sslmod' (acme-scan takes sslmode, sslrootcert, connect_timeout, application_name); did you mean 'sslmode'?"),
        ("postgresql://a,b/acme", "names several hosts"),
        ("", "'registry' must not be empty"),
    ])
    func aBadRegistryIsALocatedError(_ value: String, _ message: String) throws {
        let configuration = try Self.read("""
            project = "x"

            [[environments]]
            name = "dev"
            backend = "local"
            registry = "\(value)"
            """)
        let errors = Self.errors(configuration)
        #expect(errors.count == 1 && errors[0].contains("acme.toml:6:12: error: ") && errors[0].contains(message), "\(errors)")
        #expect(!errors.joined().contains("hunter2"))
        #expect(configuration.environments.first?.registry == nil, "never taken as a path")
    }

    @Test func aPasswordVariableMustBeAName() throws {
        let configuration = try Self.read("registry-password-variable = \"s3cret value!\"\n")
        let errors = Self.errors(configuration)
        #expect(errors.count == 1 && errors[0].contains("acme.toml:1:30: error: 'registry-password-variable' must name an environment variable"),
            "\(errors)")
        #expect(!errors[0].contains("s3cret"))
    }
}
