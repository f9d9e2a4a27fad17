import Foundation
import Testing

@testable import Fetcher

/// Vectors computed by the Python `mohawk` and `taskcluster` packages; see
/// `Tests/Vectors/make-hawk-vectors.py`.
struct HawkVectors: Decodable {
    struct Credentials: Decodable {
        var clientId: String
        var accessToken: String
        var certificate: String?

        var value: TaskclusterCredentials {
            TaskclusterCredentials(
                clientId: clientId, accessToken: accessToken, certificate: certificate)
        }
    }

    struct Bewit: Decodable {
        var name: String
        var credentials: Credentials
        var url: String
        var expiry: Int64
        var ext: String
        var mac: String
        var bewit: String
        var signedURL: String
    }

    struct Header: Decodable {
        var name: String
        var credentials: Credentials
        var method: String
        var url: String
        var timestamp: Int64
        var nonce: String
        var contentType: String?
        var payload: String?
        var ext: String
        var hash: String?
        var mac: String
        var header: String

        var hawkPayload: HawkPayload? {
            payload.map { HawkPayload(contentType: contentType ?? "", body: Array($0.utf8)) }
        }
    }

    struct Temporary: Decodable {
        var name: String?
        var scopes: [String]
        var start: Int64
        var expiry: Int64
        var credentials: Credentials
    }

    struct ClientSignedURL: Decodable {
        var credentials: Credentials
        var expiry: Int64
        var signedURL: String
    }

    var issuer: Credentials
    var temporaryCredentials: [Temporary]
    var bewits: [Bewit]
    var headers: [Header]
    var clientSignedURLs: [ClientSignedURL]

    static let shared: HawkVectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/hawk-vectors.json")
        do {
            return try JSONDecoder().decode(HawkVectors.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// Access tokens of the permanent clients in the vectors.
    static func accessToken(_ clientId: String) -> String? {
        let permanent = [shared.issuer] + shared.bewits.map(\.credentials)
        return permanent.first { $0.clientId == clientId && $0.certificate == nil }?.accessToken
    }
}

/// The request target, host and port a server sees for a URL.
struct ReceivedRequest {
    var target: String
    var host: String
    var port: Int

    init(_ url: String) {
        let components = URLComponents(string: url)!
        host = components.host!
        port = components.port ?? (components.scheme == "https" ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        target = path + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}

struct HawkTests {
    let vectors = HawkVectors.shared

    func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    @Test func vectorsAreLoaded() {
        #expect(vectors.bewits.count == 9)
        #expect(vectors.headers.count == 5)
        #expect(vectors.temporaryCredentials.count == 2)
    }

    @Test func bewitURLsMatchTheReference() throws {
        for vector in vectors.bewits {
            let credentials = vector.credentials.value
            let signed = try Hawk.bewitURL(
                for: vector.url, credentials: credentials, expiry: date(vector.expiry))
            #expect(signed == vector.signedURL, "\(vector.name)")
            let bewit = try Hawk.bewit(
                for: vector.url, credentials: credentials, expiry: date(vector.expiry))
            #expect(bewit == vector.bewit, "\(vector.name)")
            #expect(try Hawk.ext(for: credentials) == vector.ext, "\(vector.name)")
        }
    }

    @Test func bewitKeepsAnExistingQuery() throws {
        let vector = try #require(vectors.bewits.first { $0.name == "existing query" })
        let signed = try Hawk.bewitURL(
            for: vector.url, credentials: vector.credentials.value,
            expiry: date(vector.expiry).addingTimeInterval(0.999))
        #expect(
            signed.hasPrefix("https://tc.example.com/api/index/v1/task/a.b?limit=10&x=%2F&bewit="))
        #expect(signed == vector.signedURL)
    }

    @Test func bewitFollowsTheSpecFormula() throws {
        let vector = try #require(vectors.bewits.first { $0.name == "existing query" })
        let normalized =
            "hawk.1.bewit\n\(vector.expiry)\n\nGET\n/api/index/v1/task/a.b?limit=10&x=%2F\n"
            + "tc.example.com\n443\n\n\n"
        let mac = Data(
            HMACSHA256.authenticationCode(
                key: vector.credentials.accessToken, message: normalized)
        ).base64EncodedString()
        #expect(mac == vector.mac)
        let inner = "\(vector.credentials.clientId)\\\(vector.expiry)\\\(mac)\\"
        #expect(Base64URL.encode(Array(inner.utf8)) == vector.bewit)
    }

    @Test func headersMatchTheReference() throws {
        for vector in vectors.headers {
            let header = try Hawk.authorizationHeader(
                method: vector.method, url: vector.url, credentials: vector.credentials.value,
                timestamp: date(vector.timestamp), nonce: vector.nonce, payload: vector.hawkPayload)
            let ours = try Hawk.parseAuthorizationHeader(header)
            let reference = try Hawk.parseAuthorizationHeader(vector.header)
            #expect(ours == reference, "\(vector.name)")
            #expect(ours["mac"] == vector.mac, "\(vector.name)")
            #expect(ours["hash"] == vector.hash, "\(vector.name)")
            #expect(vector.hawkPayload?.hash == vector.hash, "\(vector.name)")
        }
    }

    @Test func headerWithoutCertificateHasNoExt() throws {
        let vector = try #require(vectors.headers.first { $0.name == "GET without payload hash" })
        let header = try Hawk.authorizationHeader(
            method: "get", url: vector.url, credentials: vector.credentials.value,
            timestamp: date(vector.timestamp).addingTimeInterval(0.5), nonce: vector.nonce)
        #expect(
            header
                == "Hawk id=\"project/fetcher/ci\", ts=\"1709294400\", nonce=\"nOnCe1\", "
                + "mac=\"\(vector.mac)\"")
    }

    @Test func headerWithCertificateCarriesItInExt() throws {
        let vector = try #require(
            vectors.headers.first { $0.name == "PUT on a non-default port with a query" })
        let header = try Hawk.authorizationHeader(
            method: vector.method, url: vector.url, credentials: vector.credentials.value,
            timestamp: date(vector.timestamp), nonce: vector.nonce, payload: vector.hawkPayload)
        let hash = try #require(vector.hash)
        #expect(
            header
                == "Hawk id=\"project/fetcher/named\", ts=\"1709294403\", nonce=\"abcdef\", "
                + "hash=\"\(hash)\", ext=\"\(vector.ext)\", mac=\"\(vector.mac)\"")
        let ext = try #require(Base64URL.decode(vector.ext))
        let object = try JSONSerialization.jsonObject(with: Data(ext)) as? [String: Any]
        let certificate = object?["certificate"] as? [String: Any]
        #expect(certificate?["issuer"] as? String == "static/issuer")
    }

    @Test func randomNoncesDiffer() throws {
        let first = Hawk.makeNonce()
        #expect(first.count == 6)
        #expect(first != Hawk.makeNonce() || first != Hawk.makeNonce())
        let credentials = vectors.bewits[0].credentials.value
        let header = try Hawk.authorizationHeader(
            method: "GET", url: "https://tc.example.com/x", credentials: credentials)
        let nonce = try #require(try Hawk.parseAuthorizationHeader(header)["nonce"])
        #expect(nonce.count == 6)
    }

    @Test func temporaryCredentialsMatchTheReference() throws {
        let issuer = vectors.issuer.value
        for vector in vectors.temporaryCredentials {
            let expected = try #require(try vector.credentials.value.parsedCertificate())
            let made = try TaskclusterCredentials.temporary(
                issuer: issuer, name: vector.name, scopes: vector.scopes,
                start: date(vector.start), expiry: date(vector.expiry), seed: expected.seed)
            #expect(made.clientId == vector.credentials.clientId)
            #expect(made.accessToken == vector.credentials.accessToken)
            #expect(try made.parsedCertificate() == expected)
        }
    }

    @Test func temporaryCredentialsRefuseBadRequests() {
        let issuer = vectors.issuer.value
        let start = date(1_709_294_400)
        #expect(throws: HawkError.self) {
            try TaskclusterCredentials.temporary(
                issuer: issuer, scopes: [], start: start,
                expiry: start.addingTimeInterval(32 * 86_400))
        }
        #expect(throws: HawkError.self) {
            try TaskclusterCredentials.temporary(
                issuer: issuer, name: issuer.clientId, scopes: [], start: start,
                expiry: start.addingTimeInterval(60))
        }
        #expect(throws: HawkError.self) {
            try TaskclusterCredentials.temporary(
                issuer: vectors.temporaryCredentials[0].credentials.value, scopes: [],
                start: start, expiry: start.addingTimeInterval(60))
        }
        #expect(throws: HawkError.invalidCertificate("the seed must be 44 characters long")) {
            try TaskclusterCredentials.temporary(
                issuer: issuer, scopes: [], start: start, expiry: start.addingTimeInterval(60),
                seed: "short")
        }
    }

    @Test func verifierAcceptsTheReferenceBewits() throws {
        for vector in vectors.bewits {
            let request = ReceivedRequest(vector.signedURL)
            let authentication = try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port,
                now: date(vector.expiry - 60), accessToken: HawkVectors.accessToken)
            #expect(authentication.clientId == vector.credentials.clientId, "\(vector.name)")
            #expect(authentication.expiry == date(vector.expiry))
            #expect(
                authentication.certificate == (try vector.credentials.value.parsedCertificate()))
        }
    }

    @Test func verifierAcceptsURLsSignedByTheTaskclusterClient() throws {
        for vector in vectors.clientSignedURLs {
            let request = ReceivedRequest(vector.signedURL)
            let authentication = try Hawk.verifyBewit(
                requestTarget: request.target, method: "HEAD", host: request.host,
                port: request.port, now: date(vector.expiry - 60),
                accessToken: HawkVectors.accessToken)
            #expect(authentication.clientId == vector.credentials.clientId)
            #expect(
                authentication.certificate?.scopes
                    == (try vector.credentials.value.parsedCertificate())?.scopes)
        }
    }

    @Test func verifierAcceptsItsOwnBewitAmidAQuery() throws {
        let credentials = vectors.bewits[0].credentials.value
        let signed = try Hawk.bewitURL(
            for: "http://127.0.0.1:5555/api/queue/v1/task/x/artifacts/a%2Fb?one=1",
            credentials: credentials, expiry: date(2_000))
        let target = signed.replacingOccurrences(of: "http://127.0.0.1:5555", with: "") + "&two=2"
        #expect(throws: HawkError.macMismatch(clientId: credentials.clientId)) {
            try Hawk.verifyBewit(
                requestTarget: target, host: "127.0.0.1", port: 5555, now: date(1_000),
                accessToken: HawkVectors.accessToken)
        }
        let authentication = try Hawk.verifyBewit(
            requestTarget: String(target.dropLast(6)), host: "127.0.0.1", port: 5555,
            now: date(1_000), accessToken: HawkVectors.accessToken)
        #expect(authentication.clientId == credentials.clientId)
    }

    @Test func verifierRejectsTamperedBewits() throws {
        let vector = try #require(vectors.bewits.first { $0.name == "existing query" })
        let request = ReceivedRequest(vector.signedURL)
        let now = date(vector.expiry - 60)
        let mismatch = HawkError.macMismatch(clientId: vector.credentials.clientId)
        let tamperedTargets = [
            request.target.replacingOccurrences(of: "limit=10", with: "limit=11"),
            request.target.replacingOccurrences(of: "a.b", with: "a.c"),
            request.target.replacingOccurrences(of: "limit=10&", with: ""),
        ]
        for target in tamperedTargets {
            #expect(throws: mismatch) {
                try Hawk.verifyBewit(
                    requestTarget: target, host: request.host, port: request.port, now: now,
                    accessToken: HawkVectors.accessToken)
            }
        }
        #expect(throws: mismatch) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: "tc.example.org", port: 443, now: now,
                accessToken: HawkVectors.accessToken)
        }
        #expect(throws: mismatch) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: 8443, now: now,
                accessToken: HawkVectors.accessToken)
        }
        #expect(throws: mismatch) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port, now: now,
                accessToken: { _ in "another-token" })
        }
    }

    @Test func verifierRejectsExpiredAndMalformedBewits() throws {
        let vector = try #require(vectors.bewits.first { $0.name == "existing query" })
        let request = ReceivedRequest(vector.signedURL)
        let clientId = vector.credentials.clientId
        #expect(
            throws: HawkError.expired(
                clientId: clientId, expiry: date(vector.expiry), now: date(vector.expiry))
        ) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port,
                now: date(vector.expiry), accessToken: HawkVectors.accessToken)
        }
        let cases: [(String, HawkError)] = [
            ("/a/b", .missingBewit),
            ("/a/b?x=1", .missingBewit),
            (
                "/a?bewit=\(vector.bewit)&bewit=\(vector.bewit)",
                .malformedBewit("the request has more than one")
            ),
            ("/a?bewit=***", .malformedBewit("it is not base64url text")),
            (
                "/a?bewit=\(Base64URL.encode(Array("a\\b\\c".utf8)))",
                .malformedBewit("it does not have four parts separated by backslashes")
            ),
            (
                "/a?bewit=\(Base64URL.encode(Array("id\\soon\\mac\\".utf8)))",
                .malformedBewit("its client id, expiry or MAC is missing or malformed")
            ),
            (
                "/a?bewit=\(Base64URL.encode(Array("who\\9999999999\\mac\\".utf8)))",
                .unknownClient("who")
            ),
            (
                "/a?bewit=\(Base64URL.encode(Array("who\\9999999999\\mac\\%%%".utf8)))",
                .malformedExt
            ),
        ]
        for (target, error) in cases {
            #expect(throws: error) {
                try Hawk.verifyBewit(
                    requestTarget: target, host: "h", port: 1, now: date(vector.expiry - 60),
                    accessToken: { $0 == "who" ? nil : "token" })
            }
        }
        #expect(throws: HawkError.malformedBewit("a bewit is only valid on GET and HEAD requests"))
        {
            try Hawk.verifyBewit(
                requestTarget: request.target, method: "POST", host: request.host,
                port: request.port, now: date(vector.expiry - 60),
                accessToken: HawkVectors.accessToken)
        }
    }

    @Test func verifierChecksTheCertificate() throws {
        let vector = try #require(vectors.bewits.first { $0.name == "named temporary credentials" })
        let request = ReceivedRequest(vector.signedURL)
        let now = date(vector.expiry - 60)
        #expect(
            throws: HawkError.invalidCertificate(
                "its signature does not match its issuer's access token")
        ) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port, now: now,
                accessToken: { _ in "not-the-issuer-token" })
        }
        #expect(throws: HawkError.unknownClient("static/issuer")) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port, now: now,
                accessToken: { _ in nil })
        }
        let certificateExpiry = Int64(1_709_380_800)
        let late = try Hawk.bewitURL(
            for: vector.url, credentials: vector.credentials.value,
            expiry: date(certificateExpiry + 3_600))
        #expect(throws: HawkError.invalidCertificate("it has expired")) {
            try Hawk.verifyBewit(
                requestTarget: ReceivedRequest(late).target, host: request.host,
                port: request.port, now: date(certificateExpiry + 301),
                accessToken: HawkVectors.accessToken)
        }
        #expect(throws: HawkError.invalidCertificate("it is not valid yet")) {
            try Hawk.verifyBewit(
                requestTarget: request.target, host: request.host, port: request.port,
                now: date(1_709_294_400 - 301), accessToken: HawkVectors.accessToken)
        }
    }

    @Test func verifierAcceptsTheReferenceHeaders() throws {
        for vector in vectors.headers {
            let request = ReceivedRequest(vector.url)
            let authentication = try Hawk.verifyAuthorizationHeader(
                vector.header, method: vector.method, requestTarget: request.target,
                host: request.host, port: request.port, payload: vector.hawkPayload,
                now: date(vector.timestamp + 30), accessToken: HawkVectors.accessToken)
            #expect(authentication.clientId == vector.credentials.clientId, "\(vector.name)")
            #expect(authentication.nonce == vector.nonce)
            #expect(authentication.timestamp == date(vector.timestamp))
            #expect(authentication.ext == vector.ext)
        }
    }

    @Test func verifierRejectsTamperedHeaders() throws {
        let vector = try #require(vectors.headers.first { $0.name == "POST with a JSON payload" })
        let request = ReceivedRequest(vector.url)
        let now = date(vector.timestamp)
        let clientId = vector.credentials.clientId
        func verify(
            _ header: String? = nil, method: String? = nil, target: String? = nil,
            payload: HawkPayload? = nil, at time: Date? = nil
        ) throws {
            _ = try Hawk.verifyAuthorizationHeader(
                header ?? vector.header, method: method ?? vector.method,
                requestTarget: target ?? request.target, host: request.host, port: request.port,
                payload: payload ?? vector.hawkPayload, now: time ?? now,
                accessToken: HawkVectors.accessToken)
        }
        try verify()
        #expect(throws: HawkError.macMismatch(clientId: clientId)) { try verify(method: "PUT") }
        #expect(throws: HawkError.macMismatch(clientId: clientId)) {
            try verify(target: request.target + "?x=1")
        }
        #expect(throws: HawkError.macMismatch(clientId: clientId)) {
            try verify(vector.header.replacingOccurrences(of: "1709294402", with: "1709294403"))
        }
        #expect(throws: HawkError.payloadHashMismatch(clientId: clientId)) {
            try verify(
                payload: HawkPayload(contentType: "application/json", body: Array("{}".utf8)))
        }
        #expect(
            throws: HawkError.staleTimestamp(
                clientId: clientId, timestamp: now, now: now.addingTimeInterval(301))
        ) {
            try verify(at: now.addingTimeInterval(301))
        }
    }

    @Test func headerParserRejectsMalformedHeaders() {
        let cases: [(String, String)] = [
            ("Bearer abc", "its scheme is not Hawk"),
            ("Hawk id=abc", "expected name=\"value\""),
            ("Hawk id=\"abc", "the value of id has no closing quote"),
            ("Hawk id=\"a\" ts=\"1\"", "attributes must be separated by commas"),
            ("Hawk id=\"a\", id=\"b\"", "repeated attribute id"),
            ("Hawk id=\"a\", color=\"b\"", "unknown attribute color"),
            ("Hawk id=\"a\", ts=\"1\", nonce=\"n\"", "it lacks one of id, ts, nonce and mac"),
            (
                "Hawk id=\"a\", ts=\"x\", nonce=\"n\", mac=\"m\"",
                "its ts is not a whole number of seconds"
            ),
        ]
        for (header, reason) in cases {
            #expect(throws: HawkError.malformedHeader(reason)) {
                try Hawk.verifyAuthorizationHeader(
                    header, method: "GET", requestTarget: "/", host: "h", port: 80,
                    accessToken: { _ in "t" })
            }
        }
        #expect(throws: HawkError.malformedHeader("its scheme is not Hawk")) {
            try Hawk.parseAuthorizationHeader("")
        }
        #expect(
            (try? Hawk.parseAuthorizationHeader("hawk  id=\"a\" ,mac=\"b\",  "))
                == ["id": "a", "mac": "b"])
    }

    @Test func signingRejectsBadURLsWithoutShowingSecrets() {
        let credentials = TaskclusterCredentials(clientId: "c", accessToken: "t")
        let urls = [
            "ftp://host/x", "not a url", "https:///path", "https://host:99999/x",
            "https://host:8a/x", "https://[::1/x", "//host/x", "https://ho st/x",
        ]
        for url in urls {
            #expect(throws: HawkError.invalidURL(url)) {
                try Hawk.bewitURL(for: url, credentials: credentials, expiry: Date())
            }
        }
        #expect(throws: HawkError.invalidURL("ftp://h/x?sig=REDACTED")) {
            try Hawk.authorizationHeader(
                method: "GET", url: "ftp://h/x?sig=secret", credentials: credentials)
        }
    }

    @Test func signingHandlesIPv6UserInfoAndEmptyPaths() throws {
        let credentials = TaskclusterCredentials(clientId: "c", accessToken: "t")
        let signed = try Hawk.bewitURL(
            for: "http://u:p@[::1]:8080", credentials: credentials, expiry: date(100))
        #expect(signed.hasPrefix("http://u:p@[::1]:8080?bewit="))
        let authentication = try Hawk.verifyBewit(
            requestTarget: "/" + signed.dropFirst("http://u:p@[::1]:8080".count), host: "::1",
            port: 8080, now: date(50), accessToken: { _ in "t" })
        #expect(authentication.clientId == "c")
    }

    @Test func clientIdsThatHawkCannotCarryAreRejected() {
        let credentials = TaskclusterCredentials(clientId: "a\"b", accessToken: "t")
        #expect(throws: HawkError.invalidHeaderValue(name: "client id")) {
            try Hawk.bewitURL(for: "https://h/x", credentials: credentials, expiry: Date())
        }
        #expect(throws: HawkError.invalidHeaderValue(name: "nonce")) {
            try Hawk.authorizationHeader(
                method: "GET", url: "https://h/x",
                credentials: TaskclusterCredentials(clientId: "c", accessToken: "t"),
                nonce: "a\\b")
        }
    }

    @Test func malformedCertificateIsAClearError() {
        let credentials = TaskclusterCredentials(
            clientId: "c", accessToken: "t", certificate: "{\"version\": 1}")
        #expect(throws: HawkError.invalidCertificate("it is not a certificate JSON object")) {
            try Hawk.bewitURL(for: "https://h/x", credentials: credentials, expiry: Date())
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        #expect(
            HawkError.expired(clientId: "c", expiry: date(0), now: date(60)).description
                == "the bewit of client \"c\" expired at 1970-01-01T00:00:00Z, "
                + "it is now 1970-01-01T00:01:00Z")
        #expect(
            HawkError.macMismatch(clientId: "c").description
                == "the Hawk signature of client \"c\" does not match the request")
    }

    @Test func credentialsFromTheEnvironment() {
        let full = TaskclusterCredentials.fromEnvironment([
            "TASKCLUSTER_CLIENT_ID": "id", "TASKCLUSTER_ACCESS_TOKEN": "token",
            "TASKCLUSTER_CERTIFICATE": "{\"version\":1}", "OTHER": "x",
        ])
        #expect(
            full
                == TaskclusterCredentials(
                    clientId: "id", accessToken: "token", certificate: "{\"version\":1}"))
        let permanent = TaskclusterCredentials.fromEnvironment([
            "TASKCLUSTER_CLIENT_ID": "id", "TASKCLUSTER_ACCESS_TOKEN": "token",
            "TASKCLUSTER_CERTIFICATE": "",
        ])
        #expect(permanent?.certificate == nil)
        #expect(permanent?.accessToken == "token")
        #expect(TaskclusterCredentials.fromEnvironment(["TASKCLUSTER_CLIENT_ID": "id"]) == nil)
        #expect(
            TaskclusterCredentials.fromEnvironment([
                "TASKCLUSTER_CLIENT_ID": "", "TASKCLUSTER_ACCESS_TOKEN": "token",
            ]) == nil)
        #expect(TaskclusterCredentials.fromEnvironment([:]) == nil)
    }

    @Test func credentialsNeverShowTheAccessToken() {
        let credentials = TaskclusterCredentials(
            clientId: "project/x", accessToken: "very-secret-token", certificate: "{}")
        #expect(
            credentials.description
                == "TaskclusterCredentials(clientId: project/x, accessToken: REDACTED, "
                + "temporary, with certificate)")
        #expect(String(reflecting: credentials) == credentials.description)
        #expect(!"\(credentials)".contains("very-secret-token"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(dumped.contains("project/x"))
        #expect(!dumped.contains("very-secret-token"))
        #expect(
            TaskclusterCredentials(clientId: "c", accessToken: "t").description
                == "TaskclusterCredentials(clientId: c, accessToken: REDACTED, permanent)")
    }
}
