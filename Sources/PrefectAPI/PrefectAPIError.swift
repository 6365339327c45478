import RESTClient

/// A failed Prefect operation, as one line for the user. Texts are redacted
/// (they come from `RESTError`, or name a pool or a variable, never a secret).
public enum PrefectAPIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP layer failed: unreachable, timeout, 401, 422, another status.
    case request(RESTError)
    /// The deployment names a work pool the server does not have.
    case workPoolNotFound(name: String, apiURL: String)
    /// The server answered, but not with what Prefect 3 sends.
    case unexpectedResponse(what: String, url: String)
    /// No API URL in the settings nor in the environment.
    case missingAPIURL(variable: String)

    public var description: String {
        switch self {
        case .request(let error):
            return error.description
        case .workPoolNotFound(let name, let apiURL):
            return "work pool \"\(name)\" does not exist on \(apiURL): create it first, e.g. "
                + "`prefect work-pool create '\(name)' --type process` (or POST /api/work_pools/)"
        case .unexpectedResponse(let what, let url):
            return "\(url) answered something Prefect 3 does not send: \(what)"
        case .missingAPIURL(let variable):
            return "no Prefect API URL: set \(variable) (e.g. http://127.0.0.1:4200/api) or the environment's api-url"
        }
    }

    /// The HTTP status, when the server answered one.
    public var status: Int? {
        if case .request(let error) = self { return error.status }
        if case .workPoolNotFound = self { return 404 }
        return nil
    }
}
