import Fetcher
import FetcherTesting
import Foundation
import Testing

/// An emulator with a private artifact `private/a` (and `private/b`) of one task, a client
/// `reader` that holds `queue:get-artifact:private/a` and a client `stranger` that does not.
private struct PrivateFixture {
    let emulator: TaskclusterEmulator
    let taskId = TaskclusterEmulator.makeTaskId()
    let reader = TaskclusterCredentials(clientId: "reader", accessToken: "reader-token")
    let stranger = TaskclusterCredentials(clientId: "stranger", accessToken: "stranger-token")
    let bytes = emulatorBytes(2000, seed: 3)

    init() throws {
        emulator = try TaskclusterEmulator()
        emulator.addClient(
            id: "reader", accessToken: "reader-token", scopes: ["queue:get-artifact:private/a"])
        emulator.addClient(id: "stranger", accessToken: "stranger-token", scopes: ["other:*"])
        emulator.addArtifact(taskId: taskId, name: "private/a", content: .s3(bytes))
        emulator.addArtifact(taskId: taskId, name: "private/b", content: .s3([1]))
    }

    func path(_ name: String) -> String {
        "/api/queue/v1/task/\(taskId)/runs/0/artifacts/"
            + name.replacingOccurrences(
                of: "/", with: "%2F")
    }
}

struct ArtifactAuthorizationTests {
    @Test func privateArtifactWithoutCredentialsIs401() throws {
        let fixture = try PrivateFixture()
        let response = try fixture.emulator.get(fixture.path("private/a"))
        #expect(response.status == 401)
        #expect(response.jsonBody["code"] == "AuthenticationFailed")
        #expect(response.header("x-taskcluster-artifact-storage-type") == "none")
    }

    @Test func goodBewitRedirectsToAPresignedBlob() throws {
        let fixture = try PrivateFixture()
        let target = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: fixture.reader)
        let response = try fixture.emulator.get(target)
        #expect(response.status == 303)
        #expect(response.header("x-taskcluster-artifact-storage-type") == "s3")
        let location = try #require(response.header("Location"))
        #expect(location.contains("X-Amz-Signature="))
        #expect(Redaction.redact(url: location).contains("X-Amz-Signature=REDACTED"))
        #expect(try fixture.emulator.follow(location).body == fixture.bytes)
        let unsigned = String(location.prefix { $0 != "?" })
        let refused = try fixture.emulator.follow(unsigned)
        #expect(refused.status == 403)
        #expect(refused.text.contains("SignatureDoesNotMatch"))
    }

    @Test func bewitForAnotherPathOrTamperedIs401() throws {
        let fixture = try PrivateFixture()
        let signed = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: fixture.reader)
        let query = String(signed.drop { $0 != "?" })
        let moved = try fixture.emulator.get(fixture.path("private/b") + query)
        #expect(moved.status == 401)
        #expect(moved.jsonBody["message"]?.stringValue?.contains("does not match") == true)
        var tampered = Array(signed)
        let last = tampered.count - 3
        tampered[last] = tampered[last] == "A" ? "B" : "A"
        let response = try fixture.emulator.get(String(tampered))
        #expect(response.status == 401)
        #expect(response.jsonBody["code"] == "AuthenticationFailed")
    }

    @Test func expiredBewitIs401() throws {
        let fixture = try PrivateFixture()
        let target = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: fixture.reader,
            expiry: Date().addingTimeInterval(-10))
        let response = try fixture.emulator.get(target)
        #expect(response.status == 401)
        #expect(response.jsonBody["message"]?.stringValue?.contains("expired") == true)
    }

    @Test func bewitOfAClientLackingTheScopeIs403() throws {
        let fixture = try PrivateFixture()
        let target = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: fixture.stranger)
        let response = try fixture.emulator.get(target)
        #expect(response.status == 403)
        #expect(response.jsonBody["code"] == "InsufficientScopes")
        #expect(response.jsonBody["message"]?.stringValue?.contains("private/a") == true)
        let other = try fixture.emulator.bewitTarget(
            fixture.path("private/b"), credentials: fixture.reader)
        #expect(try fixture.emulator.get(other).status == 403)
    }

    @Test func authorizationHeaderIsAcceptedForGetArtifact() throws {
        let fixture = try PrivateFixture()
        let path = fixture.path("private/a")
        let good = try fixture.emulator.authorizationHeader(
            "GET", path, credentials: fixture.reader)
        let response = try fixture.emulator.get(path, headers: [good])
        #expect(response.status == 303)
        #expect(try fixture.emulator.follow(response.header("Location")).body == fixture.bytes)
        let forged = TaskclusterCredentials(clientId: "reader", accessToken: "guessed")
        let bad = try fixture.emulator.authorizationHeader("GET", path, credentials: forged)
        #expect(try fixture.emulator.get(path, headers: [bad]).status == 401)
        let unknown = TaskclusterCredentials(clientId: "nobody", accessToken: "x")
        let anonymous = try fixture.emulator.authorizationHeader("GET", path, credentials: unknown)
        #expect(try fixture.emulator.get(path, headers: [anonymous]).status == 401)
    }

    @Test func latestArtifactEndpointChecksTheSameScope() throws {
        let fixture = try PrivateFixture()
        let path = "/api/queue/v1/task/\(fixture.taskId)/artifacts/private/a"
        #expect(try fixture.emulator.get(path).status == 401)
        let target = try fixture.emulator.bewitTarget(path, credentials: fixture.reader)
        #expect(try fixture.emulator.get(target).status == 303)
    }

    @Test func temporaryCredentialsUseTheCertificateScopes() throws {
        let fixture = try PrivateFixture()
        fixture.emulator.addClient(
            id: "issuer", accessToken: "issuer-token", scopes: ["queue:get-artifact:private/*"])
        let issuer = TaskclusterCredentials(clientId: "issuer", accessToken: "issuer-token")
        let temporary = try TaskclusterCredentials.temporary(
            issuer: issuer, scopes: ["queue:get-artifact:private/a"],
            start: Date().addingTimeInterval(-60), expiry: Date().addingTimeInterval(600))
        let allowed = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: temporary)
        #expect(try fixture.emulator.get(allowed).status == 303)
        let narrowed = try fixture.emulator.bewitTarget(
            fixture.path("private/b"), credentials: temporary)
        #expect(try fixture.emulator.get(narrowed).status == 403)
        let header = try fixture.emulator.authorizationHeader(
            "GET", fixture.path("private/a"), credentials: temporary)
        #expect(
            try fixture.emulator.get(fixture.path("private/a"), headers: [header]).status == 303)
    }

    @Test func temporaryCredentialsBeyondTheIssuerScopesAre401() throws {
        let fixture = try PrivateFixture()
        let issuer = TaskclusterCredentials(clientId: "stranger", accessToken: "stranger-token")
        let temporary = try TaskclusterCredentials.temporary(
            issuer: issuer, scopes: ["queue:get-artifact:private/a"],
            start: Date().addingTimeInterval(-60), expiry: Date().addingTimeInterval(600))
        let target = try fixture.emulator.bewitTarget(
            fixture.path("private/a"), credentials: temporary)
        let response = try fixture.emulator.get(target)
        #expect(response.status == 401)
        #expect(response.jsonBody["message"]?.stringValue?.contains("issuer") == true)
    }

    @Test func namedTemporaryCredentialsNeedCreateClient() throws {
        let fixture = try PrivateFixture()
        fixture.emulator.addClient(
            id: "issuer", accessToken: "issuer-token", scopes: ["queue:get-artifact:*"])
        let issuer = TaskclusterCredentials(clientId: "issuer", accessToken: "issuer-token")
        let named = try TaskclusterCredentials.temporary(
            issuer: issuer, name: "issuer/child", scopes: ["queue:get-artifact:private/a"],
            start: Date().addingTimeInterval(-60), expiry: Date().addingTimeInterval(600))
        let target = try fixture.emulator.bewitTarget(fixture.path("private/a"), credentials: named)
        #expect(try fixture.emulator.get(target).status == 401)
        fixture.emulator.addClient(
            id: "issuer", accessToken: "issuer-token",
            scopes: ["queue:get-artifact:*", "auth:create-client:issuer/*"])
        #expect(try fixture.emulator.get(target).status == 303)
    }

    @Test func publicArtifactsIgnoreCredentials() throws {
        let fixture = try PrivateFixture()
        fixture.emulator.addArtifact(
            taskId: fixture.taskId, name: "public/open", content: .s3([5]))
        let path = fixture.path("public/open")
        let response = try fixture.emulator.get(path)
        #expect(response.status == 303)
        #expect(response.header("Location")?.contains("?") == false)
        let signed = try fixture.emulator.bewitTarget(path, credentials: fixture.stranger)
        #expect(try fixture.emulator.get(signed).status == 303)
    }
}
