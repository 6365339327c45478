import Foundation
import Testing

@testable import RESTClient

@Suite struct CredentialTests {
    let secret = "admin:Sup3r-s3cret"
    var base64: String { Data(secret.utf8).base64EncodedString() }

    @Test func describingACredentialNeverShowsTheSecret() {
        let credential = Credential.basic(secret, from: "PREFECT_API_AUTH_STRING")
        var dumped = ""
        dump(credential, to: &dumped)
        let texts = ["\(credential)", String(reflecting: credential), dumped, "\([credential])",
            String(describing: Optional(credential))]
        for text in texts {
            #expect(!text.contains("Sup3r-s3cret"), "\(text)")
            #expect(!text.contains(base64), "\(text)")
            #expect(text.contains("PREFECT_API_AUTH_STRING"), "\(text)")
        }
        #expect(credential.headerValue == "Basic \(base64)")
    }

    @Test func dumpingAClientShowsNoSecret() throws {
        let client = try RESTClient(baseURL: "http://127.0.0.1:4200/api",
            credential: .basic(secret, from: "PREFECT_API_AUTH_STRING"))
        var dumped = ""
        dump(client, to: &dumped)
        #expect(dumped.contains("PREFECT_API_AUTH_STRING"))
        let leaked = dumped.contains("Sup3r-s3cret") || dumped.contains(base64)
        #expect(!leaked)
    }

    @Test func theRedactorRemovesEveryFormOfTheSecret() {
        let redact = Credential.basic(secret, from: "PREFECT_API_AUTH_STRING").redactor
        let line = "sent \(secret), header Basic \(base64), encoded \(base64), password Sup3r-s3cret alone"
        let clean = redact(line)
        #expect(!clean.contains("Sup3r-s3cret"))
        #expect(!clean.contains(base64))
        #expect(clean.contains("[redacted]"))
        #expect(clean.hasPrefix("sent [redacted], header [redacted],"))
    }

    @Test func aBearerTokenIsRedactedWithItsScheme() {
        let credential = Credential.bearer("pnu_abcdef123456", from: "PREFECT_API_KEY")
        #expect(credential.headerValue == "Bearer pnu_abcdef123456")
        #expect(credential.redactor("Authorization: Bearer pnu_abcdef123456") == "Authorization: [redacted]")
        #expect(!"\(credential)".contains("pnu_"))
    }

    @Test func shortPasswordsAreNotBlankedOutOfOrdinaryText() {
        // "a:xyz" has a 3-letter password: it is still removed as part of the
        // whole secret, but "xyz" alone is left in ordinary words.
        let redact = Credential.basic("a:xyz", from: "VAR").redactor
        #expect(redact("a:xyz and xyzzy") == "[redacted] and xyzzy")
    }

    @Test func userInfoInURLsIsRedacted() {
        let redact = Redactor()
        #expect(redact("cannot reach http://bob:hunter2@example.com:4200/api/health now")
            == "cannot reach http://[redacted]@example.com:4200/api/health now")
        #expect(redact("https://example.com/api?x=a@b") == "https://example.com/api?x=a@b")
        #expect(redact("mail me: a@b.c") == "mail me: a@b.c")
    }

    @Test func aURLWithCredentialsIsRefused() {
        #expect(throws: RESTError.self) { try RESTClient(baseURL: "http://bob:hunter2@127.0.0.1:4200/api") }
        do {
            _ = try RESTClient(baseURL: "http://bob:hunter2@127.0.0.1:4200/api")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("127.0.0.1:4200"))
        }
    }

    @Test func baseURLsMustBeHTTP() throws {
        for bad in ["", "127.0.0.1:4200/api", "ftp://example.com/api", "http://"] {
            #expect(throws: RESTError.self, "\(bad)") { try RESTClient(baseURL: bad) }
        }
        #expect(try RESTClient(baseURL: "http://127.0.0.1:4200/api/").baseURL == "http://127.0.0.1:4200/api")
    }
}
