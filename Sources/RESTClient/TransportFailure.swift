import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// What went wrong below HTTP, sorted by what it means for a retry.
enum TransportFailure: Error, Equatable, Sendable {
    /// No connection was made: the request surely did not reach the server.
    case notConnected(String)
    /// The connection broke after the request may have been sent.
    case broken(String)
    case timedOut
    case cancelled
    /// The response cannot be used whatever we do (too large); not retried.
    case unusable(String)

    var requestNotSent: Bool {
        if case .notConnected = self { return true }
        return false
    }

    var isRetryable: Bool {
        switch self {
        case .notConnected, .broken, .timedOut: return true
        case .cancelled, .unusable: return false
        }
    }

    var reason: String {
        switch self {
        case .notConnected(let reason), .broken(let reason), .unusable(let reason): return reason
        case .timedOut: return "timed out"
        case .cancelled: return "cancelled"
        }
    }

    var kind: RESTError.Kind {
        switch self {
        case .notConnected(let reason), .broken(let reason): return .unreachable(reason: reason)
        case .timedOut: return .timedOut
        case .cancelled: return .cancelled
        case .unusable(let reason): return .invalidResponse(reason: reason)
        }
    }

    init(_ error: any Error) {
        switch error {
        case is CancellationError:
            self = .cancelled
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout: self = .notConnected("connection timed out")
            case .remoteConnectionClosed: self = .broken("the server closed the connection before the response ended")
            case .deadlineExceeded, .readTimeout, .writeTimeout: self = .timedOut
            case .cancelled: self = .cancelled
            default: self = .broken(error.description)
            }
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                self = .notConnected("cannot resolve \(error.host)")
            } else if let first = error.connectionErrors.first {
                self = .notConnected(Self.describe(first.error))
            } else {
                self = .notConnected("cannot connect to \(error.host):\(error.port)")
            }
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            self = .notConnected("connection refused")
        case let error as IOError:
            self = .broken(Self.describe(error))
        case let error as ChannelError:
            if case .connectTimeout = error {
                self = .notConnected("connection timed out")
            } else {
                self = .broken("the connection closed before the response ended")
            }
        case let error as HTTPParserError:
            self = .broken(error == .invalidEOFState
                ? "the connection closed in the middle of the response" : "a malformed response (\(error))")
        case is NIOTooManyBytesError:
            self = .unusable("the response is larger than the client accepts")
        default:
            self = .broken(String(describing: error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ECONNRESET: return "connection reset by the server"
            case ETIMEDOUT: return "connection timed out"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
            default: return String(cString: strerror(error.errnoCode)).lowercased()
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connection timed out" }
        return String(describing: error)
    }
}
