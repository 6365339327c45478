import Foundation
import PrefectAPI
import PythonSyntax
import RESTClient
import Testing
import TestSupport

@Suite(.enabled(if: TestServers.prefectEnabled)) struct ServerErrorTests {
    @Test func aMissingWorkPoolIsNamedWithHowToCreateIt() async throws {
        let client = try prefectClient()
        let pool = unique("no-such-pool")
        let body = PrefectDeploymentBody(name: unique("d"), flowID: try await client.flowID(named: unique("flow")),
            workPoolName: pool)
        do {
            _ = try await client.upsert(body)
            Issue.record("a deployment into a missing pool was accepted")
        } catch {
            guard case .workPoolNotFound(let name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == pool)
            #expect(error.description == "work pool \"\(pool)\" does not exist on \(try TestServers.prefectURL()): "
                + "create it first, e.g. `prefect work-pool create '\(pool)' --type process` (or POST /api/work_pools/)")
        }
    }

    @Test func aValidationErrorGivesTheServersFieldMessage() async throws {
        let client = try prefectClient()
        let flowID = try await client.flowID(named: unique("flow"))
        let cases: [(PrefectDeploymentBody, String)] = [
            (PrefectDeploymentBody(name: unique("d"), flowID: flowID, schedules: [PrefectSchedule(.cron("0 25 * * *", dayOr: nil))]),
             "schedules[0].schedule.cron: Value error, Invalid cron string: \"0 25 * * *\""),
            (PrefectDeploymentBody(name: unique("d"), flowID: flowID,
                schedules: [PrefectSchedule(.cron("0 6 * * *", dayOr: nil), timezone: "Mars/Olympus")]),
             "schedules[0].schedule: Value error, Invalid timezone: \"Mars/Olympus\""),
            (PrefectDeploymentBody(name: unique("d"), flowID: flowID, concurrencyLimit: 0),
             "concurrency_limit: Input should be greater than 0"),
            (PrefectDeploymentBody(name: unique("d"), flowID: flowID, parameters: ["limit": "many"],
                parameterOpenAPISchema: ["type": "object", "properties": ["limit": ["type": "integer"]]]),
             "Value error, Validation failed for field 'limit'. Failure reason: 'many' is not of type 'integer'"),
        ]
        for (body, message) in cases {
            do {
                _ = try await client.upsert(body)
                Issue.record("accepted: \(message)")
            } catch {
                #expect(error.status == 422)
                #expect(error.description.contains("/api/deployments/ answered 422: \(message)"), "\(error)")
                #expect(!error.description.contains("request_body"))
                #expect(!error.description.contains("\n"))
            }
        }
    }
}

@Suite(.enabled(if: TestServers.prefectAuthEnabled)) struct AuthTests {
    @Test func theRightCredentialIsAccepted() async throws {
        let server = try TestServers.prefectAuthServer()
        let client = try prefectClient(url: server.url, credential: .basic(server.authString, from: "PREFECT_API_AUTH_STRING"))
        #expect(try await client.serverVersion() == "3.9.1")
    }

    @Test func noCredentialNamesTheVariablesToSet() async throws {
        let server = try TestServers.prefectAuthServer()
        let client = try prefectClient(url: server.url)
        // Health needs no credential, even on a server with an auth string.
        #expect(try await client.isHealthy())
        do {
            _ = try await client.serverVersion()
            Issue.record("no credential was accepted")
        } catch {
            #expect(error.status == 401)
            #expect(error.description == "GET \(server.url)/admin/version answered 401 Unauthorized: set PREFECT_API_AUTH_STRING "
                + "(user:password, for a self-hosted server) or PREFECT_API_KEY (Prefect Cloud)")
        }
    }

    @Test func aWrongCredentialNamesItsVariableNeverItsValue() async throws {
        let server = try TestServers.prefectAuthServer()
        let user = server.authString.split(separator: ":")[0]
        let wrong = "\(user):wrong-Pa55word"
        let connection = try PrefectConnection.fromEnvironment(["PREFECT_API_URL": server.url, "PREFECT_API_AUTH_STRING": wrong])
        let client = try PrefectClient(connection: connection)
        do {
            _ = try await client.flowID(named: unique("flow"))
            Issue.record("a wrong credential was accepted")
        } catch {
            #expect(error.status == 401)
            #expect(error.description == "POST \(server.url)/flows/ answered 401 Unauthorized: "
                + "the server refused the Basic credential from PREFECT_API_AUTH_STRING; check its value")
            #expect(!error.description.contains("wrong-Pa55word"))
        }
    }

    @Test func aBearerKeyOnABasicServerNamesTheKeyVariable() async throws {
        let server = try TestServers.prefectAuthServer()
        let connection = try PrefectConnection.fromEnvironment(
            ["PREFECT_API_URL": server.url, "PREFECT_API_KEY": server.authString, "PREFECT_API_AUTH_STRING": server.authString])
        #expect(connection.credential?.scheme == .bearer)  // the key wins, as in Prefect's client
        do {
            _ = try await PrefectClient(connection: connection).serverVersion()
            Issue.record("a bearer token was accepted by a Basic server")
        } catch {
            #expect(error.description.hasSuffix("the server refused the Bearer credential from PREFECT_API_KEY; check its value"))
        }
    }

    @Test func theSecretIsInNoLogLineAndNoError() async throws {
        let server = try TestServers.prefectAuthServer()
        let secret = server.authString
        let password = String(secret.split(separator: ":", maxSplits: 1)[1])
        let forms = [secret, password, Data(secret.utf8).base64EncodedString(), "Basic " + Data(secret.utf8).base64EncodedString()]
        let log = LogLines()
        var texts: [String] = []
        let connection = try PrefectConnection.fromEnvironment(["PREFECT_API_URL": server.url, "PREFECT_API_AUTH_STRING": secret])
        var dumped = ""
        dump(connection, to: &dumped)
        texts += ["\(connection)", String(reflecting: connection), dumped]
        let client = try PrefectClient(connection: connection, logger: log.append)
        let flowID = try await client.flowID(named: unique("flow"))
        let body = PrefectDeploymentBody(name: unique("d"), flowID: flowID, tags: ["secret-test"])
        _ = try await client.upsert(body)
        // The server's own messages, echoing what was sent: a 422 whose body
        // repeats the request, a 404, a redirect whose Location is built from the request.
        var failures: [any Error] = []
        do { _ = try await client.upsert(PrefectDeploymentBody(name: unique("d"), flowID: flowID, concurrencyLimit: 0)) } catch { failures.append(error) }
        do { _ = try await client.upsert(PrefectDeploymentBody(name: unique("d"), flowID: flowID, workPoolName: unique("nope"))) } catch { failures.append(error) }
        do { _ = try await client.rest.send(RESTRequest(.POST, "/flows", body: ["name": "x"])) } catch { failures.append(error) }
        // A wrong password's owner gets a message too: the wrong one is as secret as the right one.
        let wrong = "\(secret)-but-wrong"
        let wrongClient = try PrefectClient(connection: .init(apiURL: server.url, credential: .basic(wrong, from: "PREFECT_API_AUTH_STRING")),
            logger: log.append)
        do { _ = try await wrongClient.serverVersion() } catch { failures.append(error) }
        #expect(failures.count == 4)
        for failure in failures {
            var dumpedError = ""
            dump(failure, to: &dumpedError)
            texts += ["\(failure)", dumpedError]
        }
        // Everything the client holds, as `dump` would print it in a crash report or a debugger.
        var dumpedClients = ""
        dump(client, to: &dumpedClients)
        dump(wrongClient, to: &dumpedClients)
        texts += [dumpedClients] + log.lines
        #expect(log.lines.contains { $0.hasPrefix("POST \(server.url)/deployments/ -> 201 in ") })
        for text in texts {
            for form in forms + [wrong, Data(wrong.utf8).base64EncodedString()] {
                // Computed apart, so a failure does not print the secret itself.
                let leaked = text.contains(form)
                #expect(!leaked, "a form of the secret in: \(text.replacingOccurrences(of: form, with: "<SECRET>").prefix(300))")
            }
        }
    }
}
