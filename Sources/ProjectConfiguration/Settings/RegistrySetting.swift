import Foundation

/// The `registry` setting, read: an SQLite file, or a PostgreSQL database a team
/// shares. A value that looks like a URL is never taken as a path (a
/// `postgresql://` URL once made a folder named `postgresql:`): an unknown
/// scheme or a malformed URL is a configuration error at its line.
public enum RegistrySetting: Sendable, Equatable {
    /// A path, relative to the project root unless absolute.
    case file(String)
    case postgres(PostgresURL)

    /// libpq's URL, as far as acme-scan takes it. The password is never here:
    /// it comes from `PGPASSWORD` or the variable `registry-password-variable` names.
    public struct PostgresURL: Sendable, Equatable {
        public var host: String
        public var port: Int?
        public var user: String?
        public var database: String?
        /// `sslmode`, as written (checked against ``sslModes``).
        public var sslMode: String?
        public var sslRootCertificate: String?
        public var connectTimeout: Int?
        /// The URL as written (it holds no password: one is refused).
        public var text: String
    }

    public static let sslModes = ["disable", "prefer", "require", "verify-ca", "verify-full"]
    static let parameters = ["sslmode", "sslrootcert", "connect_timeout", "application_name"]

    /// Reads a value of `registry`; the error is one sentence for a located problem.
    public static func parse(_ text: String) -> Result<RegistrySetting, Problem> {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return .failure(Problem("'registry' must not be empty: a path to an SQLite file, or a postgresql:// URL")) }
        guard let colon = value.firstIndex(of: ":"),
            value[..<colon].range(of: "^[A-Za-z][A-Za-z0-9+.-]*$", options: .regularExpression) != nil
        else { return .success(.file(value)) }
        let scheme = value[..<colon].lowercased()
        guard scheme == "postgresql" || scheme == "postgres" else {
            return .failure(Problem("unknown scheme '\(scheme):' in registry \(redacted(value)): give a path to an SQLite file, or a postgresql:// URL"))
        }
        return postgres(value).map(RegistrySetting.postgres)
    }

    private static func postgres(_ value: String) -> Result<PostgresURL, Problem> {
        let shown = redacted(value)
        let form = "postgresql://USER@HOST:PORT/DATABASE"
        guard value.range(of: "^[A-Za-z]+://", options: .regularExpression) != nil, let components = URLComponents(string: value) else {
            return .failure(Problem("malformed registry URL \(shown): write \(form)"))
        }
        if components.password != nil || components.percentEncodedQueryItems?.contains(where: { $0.name == "password" }) == true {
            return .failure(Problem("registry \(shown) holds a password: acme.toml must not; set PGPASSWORD (or the variable registry-password-variable names) instead"))
        }
        guard let host = components.host, !host.isEmpty else {
            return .failure(Problem("registry \(shown) names no host: write \(form)"))
        }
        guard !host.contains(",") else {
            return .failure(Problem("registry \(shown) names several hosts: acme-scan connects to one"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(Problem("registry \(shown): port \(port) is not between 1 and 65535"))
        }
        var url = PostgresURL(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: components.port,
            user: components.user.flatMap { $0.isEmpty ? nil : $0 }, database: nil, text: value)
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if !path.isEmpty {
            guard !path.contains("/") else { return .failure(Problem("registry \(shown): the path must be one database name")) }
            url.database = path
        }
        for item in components.queryItems ?? [] {
            let itemValue = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard sslModes.contains(itemValue) else {
                    let allow = itemValue == "allow" ? " ('allow' is not supported: use prefer)" : ""
                    return .failure(Problem("registry \(shown): sslmode must be one of \(sslModes.joined(separator: ", "))\(allow)"))
                }
                url.sslMode = itemValue
            case "sslrootcert":
                url.sslRootCertificate = itemValue
            case "connect_timeout":
                guard let seconds = Int(itemValue), seconds >= 0 else {
                    return .failure(Problem("registry \(shown): connect_timeout must be a whole number of seconds"))
                }
                url.connectTimeout = seconds
            case "application_name":
                break
            default:
                let hint = DidYouMean.suggestion(for: item.name, among: parameters).map { "; did you mean '\($0)'?" } ?? ""
                return .failure(Problem("registry \(shown): unknown parameter '\(item.name)' (acme-scan takes \(parameters.joined(separator: ", ")))\(hint)"))
            }
        }
        return .success(url)
    }

    /// The URL with any password replaced, for messages.
    public static func redacted(_ value: String) -> String {
        value.replacingOccurrences(of: "(://[^:/@?#]*):[^@/?#]*@", with: "$1:***@", options: .regularExpression)
            .replacingOccurrences(of: "password=[^&]*", with: "password=***", options: .regularExpression)
    }

    public struct Problem: Error, Equatable {
        public let message: String
        init(_ message: String) { self.message = message }
    }
}
