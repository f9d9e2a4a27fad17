import Fetcher
import FetcherTesting
import Foundation
import Testing

/// Starts a download of an object, signing with the given credentials (if any).
private func startDownload(
    _ emulator: TaskclusterEmulator, name: String, credentials: TaskclusterCredentials?,
    body: String = #"{"acceptDownloadMethods":{"getUrl":true}}"#
) throws -> TestResponse {
    let path = "/api/object/v1/start-download/" + name.replacingOccurrences(of: "/", with: "%2F")
    let payload = HawkPayload(contentType: "application/json", body: Array(body.utf8))
    var headers = ["Content-Type: application/json"]
    if let credentials {
        headers.append(
            try emulator.authorizationHeader(
                "PUT", path, credentials: credentials, payload: payload))
    }
    return try emulator.request("PUT", path, headers: headers, body: Array(body.utf8))
}

struct IndexAndObjectEmulatorTests {
    private let downloader = TaskclusterCredentials(clientId: "dl", accessToken: "dl-token")

    @Test func findTaskAnswersTheIndexedTask() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.setIndex(namespace: "project.app.v1.latest", taskId: taskId)
        let response = try emulator.get("/api/index/v1/task/project.app.v1.latest")
        #expect(response.status == 200)
        let body = response.jsonBody
        #expect(body["namespace"] == "project.app.v1.latest")
        #expect(body["taskId"] == .string(taskId))
        #expect(body["rank"] == 0)
        #expect(body["data"] == [:])
        #expect(body["expires"]?.stringValue?.hasSuffix("Z") == true)
        let missing = try emulator.get("/api/index/v1/task/project.app.v2.latest")
        #expect(missing.status == 404)
        #expect(missing.jsonBody["code"] == "ResourceNotFound")
        #expect(emulator.requests(to: .findTask).count == 2)
    }

    @Test func startDownloadNeedsCredentialsWithTheScope() throws {
        let emulator = try TaskclusterEmulator()
        emulator.addObject(name: "some/object", content: [1, 2, 3])
        emulator.addClient(id: "dl", accessToken: "dl-token", scopes: ["object:download:other"])
        let anonymous = try startDownload(emulator, name: "some/object", credentials: nil)
        #expect(anonymous.status == 401)
        let lacking = try startDownload(emulator, name: "some/object", credentials: downloader)
        #expect(lacking.status == 403)
        #expect(lacking.jsonBody["code"] == "InsufficientScopes")
    }

    @Test func startDownloadAnnouncesHashesAndAURLThatServesTheBytes() throws {
        let emulator = try TaskclusterEmulator()
        let bytes = emulatorBytes(4096, seed: 1)
        emulator.addObject(name: "some/object", content: bytes)
        emulator.addClient(id: "dl", accessToken: "dl-token", scopes: ["object:download:some/*"])
        let response = try startDownload(emulator, name: "some/object", credentials: downloader)
        #expect(response.status == 200)
        let body = response.jsonBody
        #expect(body["method"] == "getUrl")
        #expect(
            body["hashes"] == [
                "sha256": .string(Hex.encode(Digester.digest(.sha256, of: bytes))),
                "sha512": .string(Hex.encode(Digester.digest(.sha512, of: bytes))),
            ])
        let expires = try #require(body["expires"]?.stringValue)
        let expiry = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(expires)
        #expect(expiry > Date().addingTimeInterval(50 * 60))
        let url = try #require(body["url"]?.stringValue)
        #expect(url.contains("X-Amz-Signature="))
        #expect(try emulator.follow(url).body == bytes)
        let again = try startDownload(emulator, name: "some/object", credentials: downloader)
        #expect(again.jsonBody["url"] != body["url"])
    }

    @Test func startDownloadRefusesOtherMethodsAndUnknownObjects() throws {
        let emulator = try TaskclusterEmulator()
        emulator.addObject(name: "o", content: [1])
        emulator.addClient(id: "dl", accessToken: "dl-token", scopes: ["object:download:*"])
        let simple = try startDownload(
            emulator, name: "o", credentials: downloader,
            body: #"{"acceptDownloadMethods":{"simple":true}}"#)
        #expect(simple.status == 406)
        let malformed = try startDownload(
            emulator, name: "o", credentials: downloader, body: "[]")
        #expect(malformed.status == 400)
        let unknown = try startDownload(emulator, name: "missing", credentials: downloader)
        #expect(unknown.status == 404)
    }

    @Test func objectKnobsMakeWrongHashesAndShortLivedURLs() throws {
        let emulator = try TaskclusterEmulator()
        let bytes = emulatorBytes(100)
        emulator.addObject(
            name: "o", content: bytes,
            options: EmulatedObjectOptions(
                announcedHashes: [.sha256], wrongHashes: [.sha256], urlLifetime: 0.3))
        emulator.addClient(id: "dl", accessToken: "dl-token", scopes: ["object:download:o"])
        let response = try startDownload(emulator, name: "o", credentials: downloader)
        let hashes = try #require(response.jsonBody["hashes"]?.objectValue)
        #expect(hashes.keys.sorted() == ["sha256"])
        let announced = try #require(hashes["sha256"]?.stringValue)
        let actual = Hex.encode(Digester.digest(.sha256, of: bytes))
        #expect(announced != actual)
        #expect(announced.dropLast() == actual.dropLast())
        let url = try #require(response.jsonBody["url"]?.stringValue)
        #expect(try emulator.follow(url).status == 200)
        Thread.sleep(forTimeInterval: 0.5)
        let late = try emulator.follow(url)
        #expect(late.status == 403)
        #expect(late.text.contains("expired"))
        #expect(emulator.setObjectOptions(EmulatedObjectOptions(), forObject: "o"))
        #expect(!emulator.setObjectOptions(EmulatedObjectOptions(), forObject: "none"))
        let fresh = try startDownload(emulator, name: "o", credentials: downloader)
        #expect(fresh.jsonBody["hashes"]?["sha256"] == .string(actual))
    }

    @Test func objectArtifactCredentialsStartItsDownload() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(700, seed: 5)
        emulator.addArtifact(taskId: taskId, name: "public/blob", content: .object(bytes))
        let redirect = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public%2Fblob")
        let body = redirect.jsonBody
        let name = try #require(body["name"]?.stringValue)
        #expect(
            name
                == TaskclusterEmulator.objectName(taskId: taskId, runId: 0, artifact: "public/blob")
        )
        let given = try #require(body["credentials"])
        let credentials = TaskclusterCredentials(
            clientId: try #require(given["clientId"]?.stringValue),
            accessToken: try #require(given["accessToken"]?.stringValue),
            certificate: given["certificate"]?.stringValue)
        let response = try startDownload(emulator, name: name, credentials: credentials)
        #expect(response.status == 200)
        let url = try #require(response.jsonBody["url"]?.stringValue)
        #expect(try emulator.follow(url).body == bytes)
        let other = try startDownload(emulator, name: "t/other", credentials: credentials)
        #expect(other.status == 403)
    }
}
