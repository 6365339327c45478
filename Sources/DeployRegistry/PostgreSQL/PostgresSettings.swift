import Foundation
import PostgresNIO

/// How to reach a PostgreSQL registry: libpq's connection settings, resolved
/// (the URL of acme.toml, the environment's defaults, the password from its
/// variable) by the layer that reads acme.toml. The password is only ever here,
/// never in ``displayURL``, an error or the registry.
public struct PostgresSettings: Sendable {
    /// libpq's `sslmode`. `allow` is not offered: postgres-nio cannot start without TLS and retry with it.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or nothing, without checking the certificate (as libpq does without a root certificate).
        case require
        /// TLS, the certificate signed by `sslrootcert` (else the system's roots); any host name.
        case verifyCA = "verify-ca"
        /// As verify-ca, and the certificate must name the host (or its IP address).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?
    /// The variable the password was read from, for messages (`PGPASSWORD`, or `registry-password-variable`'s).
    public var passwordVariable: String
    public var sslMode: SSLMode
    /// A PEM file of trusted roots for verify-ca and verify-full.
    public var sslRootCertificate: String?
    public var connectTimeout: Int
    /// As messages name the registry: the URL as written, never a password.
    public var displayURL: String

    public init(host: String, port: Int, user: String, database: String, password: String?, passwordVariable: String,
        sslMode: SSLMode, sslRootCertificate: String? = nil, connectTimeout: Int = 10, displayURL: String)
    {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
        self.passwordVariable = passwordVariable
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.connectTimeout = connectTimeout
        self.displayURL = displayURL
    }

    func configuration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
            database: database, tls: try tls())
        configuration.options.connectTimeout = .seconds(Int64(max(1, connectTimeout)))
        // Shown in pg_stat_activity, so a DBA can tell acme-scan's sessions (and the lock holders) apart.
        configuration.options.additionalStartupParameters = [("application_name", "acme-scan")]
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA, .verifyFull:
            tls.certificateVerification = sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            if let sslRootCertificate { tls.trustRoots = .file(sslRootCertificate) }
        }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw RegistryError("registry \(displayURL): cannot set up TLS (sslmode=\(sslMode.rawValue)\(sslRootCertificate.map { ", sslrootcert=\($0)" } ?? "")): \(error)")
        }
    }

    /// One line on what failed, from postgres-nio's error: its own description is
    /// deliberately vague, and a server message never holds the password.
    func explain(_ error: any Error) -> String {
        guard let error = error as? PSQLError else {
            if let registry = error as? RegistryError { return registry.description }
            return String(describing: error)
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "server error"
            switch state {
            case "28P01", "28000":
                let given = password == nil ? "no password was given: \(passwordVariable) is not set" : "the password is read from \(passwordVariable)"
                return "\(message) (\(given))"
            case "3D000":
                return "\(message) (create the database, or name another in the URL)"
            default:
                return state.isEmpty ? message : "\(message) (SQLSTATE \(state))"
            }
        case .authMechanismRequiresPassword:
            return "the server asks for a password, and \(passwordVariable) is not set"
        case .sslUnsupported:
            return "the server does not offer TLS, which sslmode=\(sslMode.rawValue) requires"
        case .connectionError:
            let reason = error.underlying.map { String(describing: $0) } ?? "connection failed"
            if reason.contains("CERTIFICATE_VERIFY_FAILED") {
                // BoringSSL's own text is a paragraph; what the user can act on is which roots were tried.
                let roots = sslRootCertificate.map { "the roots in \($0)" } ?? "the system's roots (set sslrootcert)"
                return "cannot connect to \(host):\(port): the server's certificate is not signed by \(roots) (sslmode=\(sslMode.rawValue))"
            }
            return "cannot connect to \(host):\(port): \(reason)"
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return "the connection to \(host):\(port) was lost"
        default:
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }
}
