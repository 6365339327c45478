import Foundation
import PythonSyntax
import RESTClient

/// The JWT an Airflow 3 API server issues at `POST /auth/token`, and the client
/// that sends it. A token is fetched on first use, again shortly before its
/// `exp` (Airflow's default lifetime is 24 h), and again once when a call is
/// answered 401 or 403 (the server restarted with another secret, or revoked it).
actor AirflowSession {
    private let connection: AirflowConnection
    private let configuration: RESTClientConfiguration
    private let logger: (@Sendable (String) -> Void)?
    /// Without a credential: for `/auth/token`, whose body holds the password.
    let login: RESTClient
    private var current: (client: RESTClient, expires: Date)?

    /// A token is renewed this long before it expires, so no call goes out with one about to lapse.
    static let renewalMargin: TimeInterval = 60

    init(connection: AirflowConnection, configuration: RESTClientConfiguration, logger: (@Sendable (String) -> Void)?) throws(RESTError) {
        self.connection = connection
        self.configuration = configuration
        self.logger = logger
        login = try RESTClient(baseURL: connection.apiURL, configuration: configuration,
            redacting: connection.password.isEmpty ? [] : [connection.password], logger: logger)
    }

    /// A client carrying a token valid for at least ``renewalMargin``; `renew` forces a new one.
    /// Without a login, the client without a credential.
    func client(renew: Bool = false) async throws(AirflowAPIError) -> RESTClient {
        guard let username = connection.username else { return login }
        if !renew, let current, current.expires.timeIntervalSinceNow > Self.renewalMargin { return current.client }
        let body: JSONValue = ["username": .string(username), "password": .string(connection.password)]
        let response: RESTResponse
        do {
            response = try await login.send(RESTRequest(.POST, "/auth/token", body: body, idempotent: true), accepting: [200, 201])
        } catch {
            if error.status == 401 || error.status == 403 {
                throw .loginRefused(username: username, passwordSource: connection.passwordSource,
                    url: login.displayURL("/auth/token"))
            }
            throw .request(error)
        }
        guard let token = response.body?["access_token"]?.stringValue, !token.isEmpty else {
            throw .unexpectedResponse(what: "a token response without access_token", url: login.displayURL("/auth/token"))
        }
        let client: RESTClient
        do {
            client = try RESTClient(baseURL: connection.apiURL, credential: .bearer(token, from: "POST /auth/token"),
                configuration: configuration, redacting: connection.password.isEmpty ? [] : [connection.password], logger: logger)
        } catch {
            throw .request(error)
        }
        current = (client, JWT.expiry(of: token) ?? Date().addingTimeInterval(3600))
        return client
    }
}

/// What acme-scan reads of a JWT: only its expiry, to renew it in time.
public enum JWT {
    /// The `exp` claim of a JWT (read, not verified: the server verifies it).
    public static func expiry(of token: String) -> Date? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let claims = try? JSONValue.parse(String(decoding: data, as: UTF8.self)) else {
            return nil
        }
        switch claims["exp"] {
        case .int(let seconds)?: return Date(timeIntervalSince1970: TimeInterval(seconds))
        case .double(let seconds)?: return Date(timeIntervalSince1970: seconds)
        default: return nil
        }
    }
}
