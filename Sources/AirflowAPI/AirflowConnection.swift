import RESTClient

/// Where an Airflow 3 API server is and who logs in, read from the environment
/// only: the password never comes from a file or an argument. Without a user (no
/// credential variable set) requests go without a token: a development Airflow with
/// `simple_auth_manager_all_admins = True` needs none.
public struct AirflowConnection: Sendable, CustomStringConvertible {
    public static let apiURLVariable = "AIRFLOW_API_URL"
    public static let usernameVariable = "AIRFLOW_USERNAME"
    public static let passwordVariable = "AIRFLOW_PASSWORD"

    /// The server's base URL, without `/api/v2` (e.g. http://127.0.0.1:8080).
    public var apiURL: String
    /// Nil: no login (no credential variable is set).
    public var username: String?
    /// Which variable holds (or would hold) the user name and the password, for messages. Never the values.
    public var usernameSource: String
    public var passwordSource: String
    let password: String

    public init(apiURL: String, username: String, password: String, usernameSource: String = usernameVariable,
        passwordSource: String = passwordVariable)
    {
        self.init(apiURL: apiURL, login: (username, password), usernameSource: usernameSource, passwordSource: passwordSource)
    }

    /// A server asked without a login; on 401 or 403 the error names the two variables to set.
    public static func withoutLogin(apiURL: String, usernameSource: String = usernameVariable,
        passwordSource: String = passwordVariable) -> AirflowConnection
    {
        AirflowConnection(apiURL: apiURL, login: nil, usernameSource: usernameSource, passwordSource: passwordSource)
    }

    private init(apiURL: String, login: (username: String, password: String)?, usernameSource: String, passwordSource: String) {
        var base = apiURL
        while base.hasSuffix("/") { base.removeLast() }
        // People paste the API root; the token endpoint is beside it, so keep the server's root.
        if base.hasSuffix("/api/v2") { base.removeLast("/api/v2".count) }
        self.apiURL = base
        self.username = login?.username
        self.password = login?.password ?? ""
        self.usernameSource = usernameSource
        self.passwordSource = passwordSource
    }

    /// `apiURL` (the environment's `api-url`) when given, else `AIRFLOW_API_URL`; the
    /// user name and password from the variables the environment names. Empty counts as
    /// unset; with neither variable set, no login (``withoutLogin(apiURL:usernameSource:passwordSource:)``).
    public static func fromEnvironment(_ environment: [String: String], apiURL: String? = nil,
        usernameVariable: String = usernameVariable, passwordVariable: String = passwordVariable)
        throws(AirflowAPIError) -> AirflowConnection
    {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        guard let url = apiURL.flatMap({ $0.isEmpty ? nil : $0 }) ?? value(apiURLVariable) else {
            throw .missingSetting("no Airflow API URL: set the environment's api-url (e.g. http://127.0.0.1:8080) or \(apiURLVariable)")
        }
        if value(usernameVariable) == nil && value(passwordVariable) == nil {
            return .withoutLogin(apiURL: url, usernameSource: usernameVariable, passwordSource: passwordVariable)
        }
        guard let username = value(usernameVariable) else {
            throw .missingSetting("no Airflow user: set \(usernameVariable) (\(passwordVariable) is set, for that user)")
        }
        guard let password = value(passwordVariable) else {
            throw .missingSetting("no Airflow password: set \(passwordVariable) for user '\(username)'")
        }
        return AirflowConnection(apiURL: url, username: username, password: password, usernameSource: usernameVariable,
            passwordSource: passwordVariable)
    }

    public var description: String {
        let url = Redactor(secrets: password.isEmpty ? [] : [password])(apiURL)
        return username.map { "Airflow API at \(url) as '\($0)'" } ?? "Airflow API at \(url), without a login"
    }
}
