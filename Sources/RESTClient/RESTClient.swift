import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PythonSyntax

public struct RESTClientConfiguration: Sendable {
    /// How long one attempt may take, from asking for a connection to the last byte of the body.
    public var requestTimeout: Duration
    /// At most this many requests of this client are on the wire at once;
    /// the others wait their turn (a request waiting to retry holds no slot).
    public var maximumRequestsInFlight: Int
    /// At most this many writes (requests not `readOnly`) to one server at
    /// once, counted across every client of this process in the same
    /// `writeLimitGroup` with the same limit; nil: no limit of their own. A Prefect server on
    /// SQLite takes one writer at a time: a write that races another gets 503,
    /// and a client writing without pause starves the others (two test
    /// suites writing at once through separate clients exhausted 8 retries).
    public var maximumWritesInFlight: Int?
    /// Which clients share the write limit: nil, those with the same base URL.
    /// Clients that reach one server through different URLs (a proxy in front
    /// of it) share it by giving the same name, e.g. the server's own URL.
    public var writeLimitGroup: String?
    public var retry: RetryPolicy
    /// Added to a 401/403 when no credential was sent, e.g. which variable to set.
    public var missingCredentialHint: String?
    /// A body larger than this is an error, not a memory problem.
    public var maximumResponseBytes: Int

    public init(requestTimeout: Duration = .seconds(30), maximumRequestsInFlight: Int = 8,
        maximumWritesInFlight: Int? = nil, writeLimitGroup: String? = nil, retry: RetryPolicy = RetryPolicy(),
        missingCredentialHint: String? = nil, maximumResponseBytes: Int = 64 << 20)
    {
        self.writeLimitGroup = writeLimitGroup
        self.requestTimeout = requestTimeout
        self.maximumRequestsInFlight = max(1, maximumRequestsInFlight)
        self.maximumWritesInFlight = maximumWritesInFlight.map { max(1, $0) }
        self.retry = retry
        self.missingCredentialHint = missingCredentialHint
        self.maximumResponseBytes = maximumResponseBytes
    }
}

/// A small JSON-over-HTTP client: one base URL, one credential, a per-request
/// timeout, a bound on requests in flight, and retries (`RetryPolicy`).
///
/// Built on AsyncHTTPClient rather than URLSession, whose Linux implementation
/// (libcurl) crashes under concurrent requests (shared/reference/deploy.md §4).
/// Redirects are never followed: a path must be exact.
///
/// The optional `logger` receives one line per attempt (method, URL, status or
/// failure, duration) and per retry decision, always redacted.
public final class RESTClient: Sendable {
    public let baseURL: String
    public let configuration: RESTClientConfiguration
    private let credential: Credential?
    private let redactor: Redactor
    private let logger: (@Sendable (String) -> Void)?
    private let limiter: ConcurrencyLimiter
    private let writeLimiter: ConcurrencyLimiter?

    /// `redacting`: more secrets to keep out of messages and logs, such as a password
    /// a request body carries (a 422 response can echo the body back).
    public init(baseURL: String, credential: Credential? = nil, configuration: RESTClientConfiguration = .init(),
        redacting secrets: [String] = [], logger: (@Sendable (String) -> Void)? = nil) throws(RESTError)
    {
        let redactor = Redactor(secrets: (credential?.secretForms ?? []) + secrets)
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            throw RESTError(kind: .invalidURL, method: .GET, url: redactor(baseURL))
        }
        if url.user != nil || url.password != nil {
            // Credentials come from the environment only; one in the URL would
            // be printed wherever the URL is.
            throw RESTError(kind: .invalidURL, method: .GET, url: redactor(baseURL),
                serverMessage: "put credentials in the environment, not in the URL")
        }
        self.baseURL = base
        self.credential = credential
        self.configuration = configuration
        self.redactor = redactor
        self.logger = logger
        self.limiter = ConcurrencyLimiter(limit: configuration.maximumRequestsInFlight)
        self.writeLimiter = configuration.maximumWritesInFlight.map { ConcurrencyLimiter.shared(configuration.writeLimitGroup ?? base, limit: $0) }
    }

    /// The full URL of `path`, as it appears in messages (redacted).
    public func displayURL(_ path: String) -> String { redactor(baseURL + path) }

    /// Sends the request, retrying as the policy allows, and returns the final
    /// response when its status is in `accepting` (default: any 2xx).
    /// Any other outcome throws a `RESTError` naming the URL.
    public func send(_ request: RESTRequest, accepting: Set<Int>? = nil) async throws(RESTError) -> RESTResponse {
        let url = baseURL + request.path
        let shownURL = redactor(url)
        guard request.path.hasPrefix("/") else {
            throw RESTError(kind: .invalidURL, method: request.method, url: shownURL)
        }
        let body = request.body.map { Array($0.serialized(indent: nil).utf8) }
        let policy = configuration.retry
        var waited: Duration = .zero
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await attemptOnce(request.method, url: url, body: body, isWrite: !request.readOnly)
            let retryIn: Duration
            switch outcome {
            case .response(let status, let bytes, let retryAfter, let location):
                // 429 and 503 say the server did not act, so even a request
                // that is not idempotent may go again.
                let mayRetry = policy.retryableStatuses.contains(status)
                    && (request.idempotent || status == 429 || status == 503)
                if !mayRetry || attempt >= policy.maximumAttempts {
                    return try finish(request.method, shownURL, status: status, bytes: bytes, location: location,
                        attempts: attempt, accepting: accepting)
                }
                retryIn = retryAfter ?? policy.backoff(beforeRetry: attempt, unit: Double.random(in: 0..<1))
                if waited + retryIn > policy.budget {
                    log("\(request.method.rawValue) \(shownURL): not retrying after \(status): waiting \(Self.seconds(retryIn)) would pass the retry budget of \(Self.seconds(policy.budget))")
                    return try finish(request.method, shownURL, status: status, bytes: bytes, location: location,
                        attempts: attempt, accepting: accepting)
                }
                log("\(request.method.rawValue) \(shownURL): retrying after \(status) in \(Self.seconds(retryIn)) (attempt \(attempt + 1) of \(policy.maximumAttempts))")
            case .failure(let failure):
                if failure == .cancelled || Task.isCancelled {
                    throw RESTError(kind: .cancelled, method: request.method, url: shownURL, attempts: attempt)
                }
                let mayRetry = failure.isRetryable && (request.idempotent || failure.requestNotSent)
                retryIn = policy.backoff(beforeRetry: attempt, unit: Double.random(in: 0..<1))
                if !mayRetry || attempt >= policy.maximumAttempts || waited + retryIn > policy.budget {
                    throw RESTError(kind: failure.kind, method: request.method, url: shownURL, attempts: attempt)
                }
                log("\(request.method.rawValue) \(shownURL): retrying after \(failure.reason) in \(Self.seconds(retryIn)) (attempt \(attempt + 1) of \(policy.maximumAttempts))")
            }
            waited += retryIn
            do {
                try await Task.sleep(for: retryIn)
            } catch {
                throw RESTError(kind: .cancelled, method: request.method, url: shownURL, attempts: attempt)
            }
        }
    }

    /// Sends and returns the JSON body, which must be present.
    public func json(_ request: RESTRequest) async throws(RESTError) -> JSONValue {
        let response = try await send(request)
        guard let body = response.body else {
            throw RESTError(kind: .invalidResponse(reason: "an empty body where JSON was expected"),
                method: request.method, url: displayURL(request.path), attempts: response.attempts)
        }
        return body
    }

    // MARK: - One attempt

    private enum Outcome: Sendable {
        case response(status: Int, body: [UInt8], retryAfter: Duration?, location: String?)
        case failure(TransportFailure)
    }

    private func attemptOnce(_ method: HTTPMethod, url: String, body: [UInt8]?, isWrite: Bool) async -> Outcome {
        // Always the write slot first, then the general one: one order, no deadlock.
        let writeSlot = isWrite ? writeLimiter : nil
        do {
            try await writeSlot?.acquire()
        } catch {
            return .failure(.cancelled)
        }
        do {
            try await limiter.acquire()
        } catch {
            await writeSlot?.release()
            return .failure(.cancelled)
        }
        let started = ContinuousClock.now
        let outcome = await exchange(method, url: url, body: body)
        await limiter.release()
        await writeSlot?.release()
        let elapsed = ContinuousClock.now - started
        switch outcome {
        case .response(let status, let bytes, _, _):
            log("\(method.rawValue) \(redactor(url)) -> \(status) in \(Self.milliseconds(elapsed)), \(bytes.count) bytes")
        case .failure(let failure):
            log("\(method.rawValue) \(redactor(url)) -> \(failure.reason) after \(Self.milliseconds(elapsed))")
        }
        return outcome
    }

    private func exchange(_ method: HTTPMethod, url: String, body: [UInt8]?) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = NIOHTTP1.HTTPMethod(rawValue: method.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "acme-scan")
        if let credential { request.headers.add(name: "Authorization", value: credential.headerValue) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let prepared = request
        let timeout = configuration.requestTimeout
        let limit = configuration.maximumResponseBytes
        let deadline = NIODeadline.now() + .nanoseconds(Self.nanoseconds(timeout))
        do {
            // The deadline given to `execute` ends when the head arrives; the race
            // with a sleep bounds reading the body too.
            return try await withThrowingTaskGroup(of: Outcome?.self) { group in
                group.addTask {
                    let response = try await SharedHTTPClient.client.execute(prepared, deadline: deadline)
                    let bytes = try await response.body.collect(upTo: limit)
                    let retryAfter = response.headers.first(name: "Retry-After").flatMap { RetryPolicy.retryAfter($0) }
                    return .response(status: Int(response.status.code), body: Array(buffer: bytes),
                        retryAfter: retryAfter, location: response.headers.first(name: "Location"))
                }
                group.addTask {
                    try await Task.sleep(for: timeout + .milliseconds(50))
                    return nil
                }
                let first = try await group.next()!
                group.cancelAll()
                return first ?? .failure(.timedOut)
            }
        } catch {
            return .failure(TransportFailure(error))
        }
    }

    private func finish(_ method: HTTPMethod, _ shownURL: String, status: Int, bytes: [UInt8], location: String?,
        attempts: Int, accepting: Set<Int>?) throws(RESTError) -> RESTResponse
    {
        let raw = redactor(String(decoding: bytes, as: UTF8.self))
        var body: JSONValue?
        var parseProblem: String?
        if !raw.allSatisfy(\.isWhitespace) {
            do { body = try JSONValue.parse(raw) } catch { parseProblem = "not JSON (\(error))" }
        }
        let accepted = accepting.map { $0.contains(status) } ?? (200..<300).contains(status)
        guard accepted else {
            var message = ServerMessage.message(in: body, raw: raw)
            if (300..<400).contains(status), let location {
                message = "a redirect to \(redactor(location)), not followed: the path must be exact"
            }
            if status == 401 || status == 403 {
                let hint = credential.map { "the server refused the \($0); check its value" }
                    ?? configuration.missingCredentialHint ?? "the server requires a credential"
                throw RESTError(kind: .unauthorized(status: status), method: method, url: shownURL,
                    serverMessage: message, attempts: attempts, hint: hint)
            }
            throw RESTError(kind: .status(status), method: method, url: shownURL, serverMessage: message,
                fieldErrors: ServerMessage.fieldErrors(in: body), attempts: attempts)
        }
        if let parseProblem {
            throw RESTError(kind: .invalidResponse(reason: parseProblem), method: method, url: shownURL,
                attempts: attempts)
        }
        return RESTResponse(status: status, body: body, attempts: attempts)
    }

    private func log(_ line: String) {
        logger?(redactor(line))
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", value)
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.0f ms", value)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// One AsyncHTTPClient for the whole process, like `HTTPClient.shared` (so it
/// needs no shutdown), but configured for an API client: redirects are errors,
/// the pool does not retry connections behind the retry policy's back, and an
/// idle connection is closed before uvicorn's 5 s keep-alive would close it
/// under a request.
enum SharedHTTPClient {
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(120)),
            decompression: .disabled)
        configuration.connectionPool = .init(idleTimeout: .seconds(4))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
