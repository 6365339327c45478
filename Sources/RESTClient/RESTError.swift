import Foundation
import PythonSyntax

/// Why a request failed, as one line that names the request's URL.
///
/// Every text in it has been through the client's redactor: no credential,
/// in any spelling, appears in `description`, `serverMessage` or `url`.
public struct RESTError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No connection, or the connection broke before a whole response
        /// arrived, on every attempt.
        case unreachable(reason: String)
        /// No whole response within the per-request timeout, on every attempt.
        case timedOut
        /// 401 or 403: the credential is missing, wrong, or not allowed.
        case unauthorized(status: Int)
        /// Any other status the caller did not accept.
        case status(Int)
        /// A response that is not the JSON the caller needs.
        case invalidResponse(reason: String)
        /// The URL cannot be used (bad base URL, or a path that does not start with `/`).
        case invalidURL
        case cancelled
    }

    public let kind: Kind
    public let method: HTTPMethod
    /// The full URL, redacted.
    public let url: String
    /// The server's own words: `detail`, `exception_message`, or the body's first line.
    public let serverMessage: String?
    /// Validation failures (FastAPI/Prefect 422), one per field.
    public let fieldErrors: [FieldError]
    public let attempts: Int
    /// What to do about a 401/403, e.g. "set PREFECT_API_AUTH_STRING to the server's auth string".
    public let hint: String?

    public init(kind: Kind, method: HTTPMethod, url: String, serverMessage: String? = nil,
        fieldErrors: [FieldError] = [], attempts: Int = 1, hint: String? = nil)
    {
        self.kind = kind
        self.method = method
        self.url = url
        self.serverMessage = serverMessage
        self.fieldErrors = fieldErrors
        self.attempts = attempts
        self.hint = hint
    }

    public var status: Int? {
        switch kind {
        case .status(let code), .unauthorized(let code): return code
        default: return nil
        }
    }

    public var description: String {
        let request = "\(method.rawValue) \(url)"
        let tries = attempts > 1 ? " (\(attempts) attempts)" : ""
        switch kind {
        case .unreachable(let reason):
            return "cannot reach \(request): \(reason)\(tries)"
        case .timedOut:
            return "no answer from \(request) within the request timeout\(tries)"
        case .unauthorized(let code):
            let said = serverMessage.map { " \($0)" } ?? ""
            return "\(request) answered \(code)\(said)" + (hint.map { ": \($0)" } ?? "")
        case .status(let code):
            if !fieldErrors.isEmpty {
                return "\(request) answered \(code): " + fieldErrors.map(\.description).joined(separator: "; ")
            }
            return "\(request) answered \(code)" + (serverMessage.map { ": \($0)" } ?? "") + tries
        case .invalidResponse(let reason):
            return "\(request) sent an unexpected response: \(reason)"
        case .invalidURL:
            return "\(request) is not a usable http(s) URL"
        case .cancelled:
            return "\(request) was cancelled"
        }
    }
}

/// One entry of a validation error: where (`schedules[0].schedule.cron`) and what.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    public let location: String
    public let message: String

    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}

/// Reads what a server said in an error body.
///
/// FastAPI answers `{"detail": "text"}` or `{"detail": [{"loc": [...], "msg": ...}]}`;
/// Prefect's 422 handler answers `{"exception_message": ..., "exception_detail": [...]}`
/// (and echoes the request body, which is never shown).
enum ServerMessage {
    static func message(in body: JSONValue?, raw: String) -> String? {
        if let body {
            if let detail = body["detail"]?.stringValue { return oneLine(detail) }
            if let message = body["exception_message"]?.stringValue { return oneLine(message) }
            if let message = body["message"]?.stringValue { return oneLine(message) }
            if case .string(let text) = body { return oneLine(text) }
        }
        let text = oneLine(raw)
        return text.isEmpty ? nil : String(text.prefix(300))
    }

    static func fieldErrors(in body: JSONValue?) -> [FieldError] {
        let entries = body?["detail"]?.arrayValue ?? body?["exception_detail"]?.arrayValue ?? []
        let errors: [(type: String, error: FieldError, inUnionBranch: Bool)] = entries.compactMap { entry in
            guard let message = entry["msg"]?.stringValue else { return nil }
            let location = entry["loc"]?.arrayValue ?? []
            let isBranch = location.contains { isUnionBranch($0) }
            return (entry["type"]?.stringValue ?? "", FieldError(location: path(location), message: oneLine(message)), isBranch)
        }
        // A value that matches no member of a union (a schedule: interval, cron
        // or rrule) fails once per member. The members it was not meant for fail
        // with "Field required" / "Extra inputs are not permitted"; the one it was
        // meant for says what is wrong. Keep that one when there is one.
        let noise: Set<String> = ["missing", "extra_forbidden"]
        let meant = errors.filter { !($0.inUnionBranch && noise.contains($0.type)) }
        var seen = Set<String>()
        return (meant.isEmpty ? errors : meant).map(\.error).filter { seen.insert($0.description).inserted }
    }

    /// `["body", "schedules", 0, "schedule", "function-after[..., CronSchedule]", "cron"]`
    /// reads `schedules[0].schedule.cron`.
    private static func path(_ location: [JSONValue]) -> String {
        var text = ""
        for (index, part) in location.enumerated() {
            switch part {
            case .int(let position): text += "[\(position)]"
            case .string(let name):
                if index == 0 && ["body", "query", "path"].contains(name) { continue }
                if isUnionBranch(part) { continue }
                text += text.isEmpty ? name : ".\(name)"
            default: continue
            }
        }
        return text
    }

    /// Pydantic names a union member by its validator (`function-after[...]`)
    /// or its model (`RRuleSchedule`); field names are snake_case.
    private static func isUnionBranch(_ part: JSONValue) -> Bool {
        guard let name = part.stringValue, let first = name.unicodeScalars.first else { return false }
        if name.contains("[") || name.contains("(") { return true }
        return ("A"..."Z").contains(first) && name.contains(where: \.isLowercase)
            && !name.contains("_") && !name.contains(" ")
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
