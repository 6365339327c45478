import Foundation
import Testing

@testable import RESTClient

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 6, initialDelay: .milliseconds(200), maximumDelay: .seconds(2))

    @Test func backoffIsFullJitterUnderAnExponentialCeiling() {
        #expect(policy.backoff(beforeRetry: 1, unit: 0.999_999) <= .milliseconds(200))
        #expect(policy.backoff(beforeRetry: 1, unit: 0.5) == .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 2, unit: 0.5) == .milliseconds(200))
        #expect(policy.backoff(beforeRetry: 3, unit: 0.5) == .milliseconds(400))
        #expect(policy.backoff(beforeRetry: 3, unit: 0) == .zero)
        // The ceiling stops at maximumDelay, however many retries.
        #expect(policy.backoff(beforeRetry: 5, unit: 1) == .seconds(2))
        #expect(policy.backoff(beforeRetry: 60, unit: 1) == .seconds(2))
    }

    @Test func jitterSpreadsRetriesAcrossTheWholeRange() {
        var generator = SystemRandomNumberGenerator()
        let delays = (0..<200).map { _ in policy.backoff(beforeRetry: 4, unit: Double.random(in: 0..<1, using: &generator)) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .milliseconds(1600) })
        #expect(delays.contains { $0 < .milliseconds(400) })
        #expect(delays.contains { $0 > .milliseconds(1200) })
    }

    @Test func retryAfterInSeconds() {
        #expect(RetryPolicy.retryAfter("3") == .seconds(3))
        #expect(RetryPolicy.retryAfter(" 0 ") == .zero)
        #expect(RetryPolicy.retryAfter("1.5") == .milliseconds(1500))
        #expect(RetryPolicy.retryAfter("-1") == nil)
        #expect(RetryPolicy.retryAfter("soon") == nil)
        #expect(RetryPolicy.retryAfter("") == nil)
    }

    @Test func retryAfterAsAnHTTPDateInAllThreeFormats() {
        let now = Date(timeIntervalSince1970: 784_111_767)  // Sun, 06 Nov 1994 08:49:27 GMT
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.retryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.retryAfter("Sun Nov  6 08:49:37 1994", now: now) == .seconds(10))
        // A date already past means: retry now.
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.retryAfter("Sun, 06 Nov 1994 08:49 GMT", now: now) == nil)
    }
}
