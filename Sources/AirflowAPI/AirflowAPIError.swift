import RESTClient

/// A failed Airflow operation, as one line for the user. Texts are redacted: they
/// come from `RESTError` (built with the password and token as secrets) or name a
/// variable, never a value.
public enum AirflowAPIError: Error, Sendable, CustomStringConvertible {
    case request(RESTError)
    /// `POST /auth/token` refused the user and password.
    case loginRefused(username: String, passwordSource: String, url: String)
    /// Asked without a login (no credential variable set), the server answered 401 or 403.
    case loginRequired(status: Int, url: String, usernameSource: String, passwordSource: String)
    case unexpectedResponse(what: String, url: String)
    case missingSetting(String)

    public var description: String {
        switch self {
        case .request(let error):
            return error.description
        case .loginRefused(let username, let passwordSource, let url):
            return "\(url) refused the login of '\(username)' with the password in \(passwordSource): check its value"
        case .loginRequired(let status, let url, let usernameSource, let passwordSource):
            return "\(url) answered \(status) to a request without a login: this Airflow needs one; set \(usernameSource) and \(passwordSource) to its user and password"
        case .unexpectedResponse(let what, let url):
            return "\(url) answered something Airflow 3 does not send: \(what)"
        case .missingSetting(let message):
            return message
        }
    }

    public var status: Int? {
        if case .request(let error) = self { return error.status }
        if case .loginRefused = self { return 401 }
        if case .loginRequired(let status, _, _, _) = self { return status }
        return nil
    }
}
