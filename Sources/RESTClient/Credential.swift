import Foundation

/// The value of the `Authorization` header, and where it came from.
///
/// The secret is private and never printed: `description`, `debugDescription`
/// and the mirror (`dump`, string interpolation of containers) show only the
/// scheme and the source, e.g. `Basic credential from PREFECT_API_AUTH_STRING`.
/// Errors and log lines go through `redactor`, which removes every form the
/// secret takes: as given, base64-encoded, as a header value, and a password
/// on its own.
public struct Credential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public enum Scheme: String, Sendable {
        case basic = "Basic"
        case bearer = "Bearer"
    }

    public let scheme: Scheme
    /// Where the secret came from (an environment variable's name), for messages
    /// that tell the user what to set. Never the value.
    public let source: String
    private let secret: String

    /// HTTP Basic from `user:password`, as Prefect's `PREFECT_API_AUTH_STRING` holds it.
    public static func basic(_ userAndPassword: String, from source: String) -> Credential {
        Credential(scheme: .basic, source: source, secret: userAndPassword)
    }

    /// A bearer token, as Prefect Cloud's `PREFECT_API_KEY`.
    public static func bearer(_ token: String, from source: String) -> Credential {
        Credential(scheme: .bearer, source: source, secret: token)
    }

    var headerValue: String {
        switch scheme {
        case .basic: return "Basic " + Data(secret.utf8).base64EncodedString()
        case .bearer: return "Bearer " + secret
        }
    }

    /// Every spelling of the secret that could reach a message.
    var secretForms: [String] {
        var forms = [secret, headerValue, Data(secret.utf8).base64EncodedString()]
        if scheme == .basic, let colon = secret.firstIndex(of: ":") {
            // A password shorter than this would blank out ordinary words of
            // messages; such a password is no secret worth the damage.
            let password = String(secret[secret.index(after: colon)...])
            if password.count >= 4 { forms.append(password) }
        }
        return forms.filter { !$0.isEmpty }
    }

    public var redactor: Redactor { Redactor(secrets: secretForms) }

    public var description: String { "\(scheme.rawValue) credential from \(source)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["scheme": scheme, "source": source]) }
}

/// Removes secrets from text: credentials, and the user-info part of URLs.
/// Its mirror shows how many secrets it holds, never them.
public struct Redactor: Sendable, CustomReflectable {
    public static let mask = "[redacted]"
    private let secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret containing another is removed whole.
        self.secrets = Array(Set(secrets.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    public var customMirror: Mirror { Mirror(self, children: ["secrets": "\(secrets.count) redacted"]) }

    public func callAsFunction(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return Self.withoutUserInfo(result)
    }

    /// `scheme://user:password@host` keeps its scheme and host.
    private static func withoutUserInfo(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var output = ""
        var rest = Substring(text)
        while let schemeEnd = rest.range(of: "://") {
            output += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { "/?# \n\"'".contains($0) } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                output += Self.mask + "@"
                rest = rest[rest.index(after: at)...]
            }
        }
        return output + rest
    }
}
