import RESTClient

/// Where the Prefect API is and how to authenticate, read from the environment
/// only: credentials never come from a file or an argument.
public struct PrefectConnection: Sendable, CustomStringConvertible {
    public static let apiURLVariable = "PREFECT_API_URL"
    public static let authStringVariable = "PREFECT_API_AUTH_STRING"
    public static let apiKeyVariable = "PREFECT_API_KEY"

    public var apiURL: String
    public var credential: Credential?
    /// What a 401 without a credential should tell the user to set.
    public var missingCredentialHint: String

    public init(apiURL: String, credential: Credential? = nil, missingCredentialHint: String? = nil) {
        self.apiURL = apiURL
        self.credential = credential
        self.missingCredentialHint = missingCredentialHint
            ?? "set \(Self.authStringVariable) (user:password, for a self-hosted server) or \(Self.apiKeyVariable) (Prefect Cloud)"
    }

    /// The API URL is `apiURL` (the environment's `api-url` setting) when given,
    /// else the variable `urlVariable`. The credential is `PREFECT_API_KEY` as a
    /// Bearer token, else `PREFECT_API_AUTH_STRING` as HTTP Basic (the key wins
    /// when both are set, as in Prefect's own client); an environment can name
    /// other variables. Empty values count as unset.
    public static func fromEnvironment(_ environment: [String: String], apiURL: String? = nil,
        urlVariable: String = apiURLVariable, authStringVariable: String = authStringVariable,
        apiKeyVariable: String = apiKeyVariable) throws(PrefectAPIError) -> PrefectConnection
    {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        guard let url = apiURL.flatMap({ $0.isEmpty ? nil : $0 }) ?? value(urlVariable) else {
            throw .missingAPIURL(variable: urlVariable)
        }
        var credential: Credential?
        if let key = value(apiKeyVariable) {
            credential = .bearer(key, from: apiKeyVariable)
        } else if let authString = value(authStringVariable) {
            credential = .basic(authString, from: authStringVariable)
        }
        return PrefectConnection(apiURL: url, credential: credential,
            missingCredentialHint: "set \(authStringVariable) (user:password, for a self-hosted server) or \(apiKeyVariable) (Prefect Cloud)")
    }

    public var description: String {
        "Prefect API at \((credential?.redactor ?? Redactor())(apiURL))" + (credential.map { " with a \($0)" } ?? "")
    }
}
