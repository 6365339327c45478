import PythonSyntax

public enum HTTPMethod: String, Sendable {
    case GET, POST, PUT, PATCH, DELETE

    /// Sending it twice has the effect of sending it once (RFC 9110 §9.2.2).
    var isIdempotent: Bool { self != .POST && self != .PATCH }
}

/// One call: a method, a path under the client's base URL, and a JSON body.
public struct RESTRequest: Sendable {
    public var method: HTTPMethod
    /// Appended to the base URL exactly as given (with its trailing slash or
    /// not), e.g. `/deployments/`. Servers such as Prefect answer a wrong
    /// trailing slash with a 307 redirect, which this client does not follow.
    public var path: String
    public var body: JSONValue?
    /// Whether a retry after the request may have reached the server is safe.
    /// GET, PUT and DELETE are; a POST or PATCH is only when the caller knows
    /// the server applies it idempotently, and says so here. Requests that are
    /// not are retried only when the server surely did not act on them
    /// (no connection was made, or it answered 429 or 503).
    public var idempotent: Bool
    /// Whether it only reads (a GET, or a POST that queries), so it does not
    /// count against `maximumWritesInFlight`.
    public var readOnly: Bool

    public init(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, idempotent: Bool? = nil,
        readOnly: Bool? = nil)
    {
        self.method = method
        self.path = path
        self.body = body
        self.readOnly = readOnly ?? (method == .GET)
        self.idempotent = idempotent ?? (self.readOnly || method.isIdempotent)
    }
}

public struct RESTResponse: Sendable {
    public let status: Int
    /// The parsed body; nil when the body is empty.
    public let body: JSONValue?
    public let attempts: Int
}
