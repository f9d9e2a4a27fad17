import Fetcher
import FetcherTesting
import Foundation
import Testing

/// An emulator with one task of two runs, and the paths of the queue's `artifact` and
/// `latestArtifact` for an artifact name.
private struct ContentFixture {
    let emulator: TaskclusterEmulator
    let taskId = TaskclusterEmulator.makeTaskId()

    init() throws {
        emulator = try TaskclusterEmulator()
        emulator.addTask(taskId, runs: 2)
    }

    /// `GET .../runs/<runId>/artifact-content/<name>`, the name's slashes escaped.
    func runPath(_ name: String, runId: String = "0") -> String {
        "/api/queue/v1/task/\(taskId)/runs/\(runId)/artifact-content/" + escaped(name)
    }

    /// `GET .../artifact-content/<name>`, the name's slashes left as they are.
    func latestPath(_ name: String) -> String {
        "/api/queue/v1/task/\(taskId)/artifact-content/\(name)"
    }

    private func escaped(_ name: String) -> String {
        name.replacingOccurrences(of: "/", with: "%2F")
    }
}

/// Starts a download of an object with the credentials an object artifact came with.
private func startObjectDownload(
    _ emulator: TaskclusterEmulator, name: String, credentials: JSONValue?
) throws -> TestResponse {
    let given = try #require(credentials)
    let signer = TaskclusterCredentials(
        clientId: try #require(given["clientId"]?.stringValue),
        accessToken: try #require(given["accessToken"]?.stringValue),
        certificate: try #require(given["certificate"]?.stringValue))
    let path = "/api/object/v1/start-download/" + name.replacingOccurrences(of: "/", with: "%2F")
    let body = Array(#"{"acceptDownloadMethods":{"getUrl":true}}"#.utf8)
    let payload = HawkPayload(contentType: "application/json", body: body)
    let authorization = try emulator.authorizationHeader(
        "PUT", path, credentials: signer, payload: payload)
    return try emulator.request(
        "PUT", path, headers: ["Content-Type: application/json", authorization], body: body)
}

struct ArtifactContentEmulatorTests {
    @Test func s3ArtifactAnswers200WithTheBlobURLOfEachRun() throws {
        let fixture = try ContentFixture()
        let first = emulatorBytes(900, seed: 1)
        let second = emulatorBytes(1200, seed: 2)
        let emulator = fixture.emulator
        emulator.addArtifact(
            taskId: fixture.taskId, runId: 0, name: "public/build.bin", content: .s3(first))
        emulator.addArtifact(
            taskId: fixture.taskId, runId: 1, name: "public/build.bin", content: .s3(second))
        for (path, bytes) in [
            (fixture.runPath("public/build.bin"), first),
            (fixture.latestPath("public/build.bin"), second),
        ] {
            let response = try emulator.get(path)
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Location") == nil)
            #expect(response.header("x-taskcluster-artifact-storage-type") == nil)
            let url = try #require(response.jsonBody["url"]?.stringValue)
            #expect(url.hasPrefix(emulator.rootURL + "/_blobs/"))
            #expect(response.jsonBody == ["storageType": "s3", "url": .string(url)])
            #expect(try emulator.follow(url).body == bytes)
        }
        #expect(emulator.requests(to: .artifact).count == 1)
        #expect(emulator.requests(to: .latestArtifact).count == 1)
        #expect(emulator.requests(to: .getLatestArtifact).isEmpty)
    }

    @Test func referenceArtifactAnswersItsURL() throws {
        let fixture = try ContentFixture()
        let url = "https://example.com/data/file.tar.gz"
        fixture.emulator.addArtifact(
            taskId: fixture.taskId, runId: 0, name: "public/link", content: .reference(url: url))
        fixture.emulator.addArtifact(
            taskId: fixture.taskId, runId: 1, name: "public/link", content: .reference(url: url))
        for path in [fixture.runPath("public/link"), fixture.latestPath("public/link")] {
            let response = try fixture.emulator.get(path)
            #expect(response.status == 200)
            #expect(response.header("Location") == nil)
            #expect(response.jsonBody == ["storageType": "reference", "url": .string(url)])
        }
    }

    @Test func objectArtifactAnswersItsNameAndNamedCredentialsThatDownloadIt() throws {
        let fixture = try ContentFixture()
        let emulator = fixture.emulator
        let bytes = emulatorBytes(700, seed: 5)
        emulator.addArtifact(
            taskId: fixture.taskId, runId: 0, name: "public/image.tar", content: .object([1]))
        emulator.addArtifact(
            taskId: fixture.taskId, runId: 1, name: "public/image.tar", content: .object(bytes))
        for (path, runId) in [
            (fixture.runPath("public/image.tar"), 0), (fixture.latestPath("public/image.tar"), 1),
        ] {
            let response = try emulator.get(path)
            #expect(response.status == 200)
            let body = response.jsonBody
            #expect(body.objectValue?.keys.sorted() == ["credentials", "name", "storageType"])
            #expect(body["storageType"] == "object")
            let name = TaskclusterEmulator.objectName(
                taskId: fixture.taskId, runId: runId, artifact: "public/image.tar")
            #expect(body["name"] == .string(name))
            let clientId = "artifact-download/\(fixture.taskId)/\(runId)/public/image.tar"
            #expect(body["credentials"]?["clientId"] == .string(clientId))
            let download = try startObjectDownload(
                emulator, name: name, credentials: body["credentials"])
            #expect(download.status == 200)
            let url = try #require(download.jsonBody["url"]?.stringValue)
            #expect(try emulator.follow(url).body == (runId == 0 ? [1] : bytes))
            let other = try startObjectDownload(
                emulator, name: "t/other", credentials: body["credentials"])
            #expect(other.status == 403)
        }
    }

    @Test func objectNamesAHawkHeaderCannotCarryGetTheQueueClientId() throws {
        let fixture = try ContentFixture()
        let name = #"public/quote"d"#
        fixture.emulator.addArtifact(
            taskId: fixture.taskId, runId: 1, name: name, content: .object([7, 8]))
        let response = try fixture.emulator.get(fixture.latestPath("public/quote%22d"))
        #expect(response.status == 200)
        let credentials = response.jsonBody["credentials"]
        #expect(credentials?["clientId"] == "static/taskcluster/queue")
        let objectName = try #require(response.jsonBody["name"]?.stringValue)
        let download = try startObjectDownload(
            fixture.emulator, name: objectName, credentials: credentials)
        #expect(download.status == 200)
    }

    @Test func errorArtifactAnswers200WithItsReason() throws {
        let fixture = try ContentFixture()
        for runId in 0..<2 {
            fixture.emulator.addArtifact(
                taskId: fixture.taskId, runId: runId, name: "public/log",
                content: .error(reason: "file-missing-on-worker", message: "no such file"))
        }
        for path in [fixture.runPath("public/log"), fixture.latestPath("public/log")] {
            let response = try fixture.emulator.get(path)
            #expect(response.status == 200)
            #expect(response.header("x-taskcluster-artifact-storage-type") == nil)
            #expect(
                response.jsonBody == [
                    "storageType": "error", "reason": "file-missing-on-worker",
                    "message": "no such file",
                ])
        }
    }

    @Test func privateArtifactIsRefusedWithoutTheScopeAndServedWithIt() throws {
        let fixture = try ContentFixture()
        let emulator = fixture.emulator
        let bytes = emulatorBytes(400, seed: 8)
        emulator.addClient(
            id: "reader", accessToken: "reader-token", scopes: ["queue:get-artifact:private/a"])
        emulator.addClient(id: "stranger", accessToken: "stranger-token", scopes: ["other:*"])
        let reader = TaskclusterCredentials(clientId: "reader", accessToken: "reader-token")
        let stranger = TaskclusterCredentials(clientId: "stranger", accessToken: "stranger-token")
        for runId in 0..<2 {
            emulator.addArtifact(
                taskId: fixture.taskId, runId: runId, name: "private/a", content: .s3(bytes))
        }
        for path in [fixture.runPath("private/a"), fixture.latestPath("private/a")] {
            let anonymous = try emulator.get(path)
            #expect(anonymous.status == 401)
            #expect(anonymous.jsonBody["code"] == "AuthenticationFailed")
            #expect(anonymous.jsonBody["url"] == nil)
            let refused = try emulator.get(
                path,
                headers: [try emulator.authorizationHeader("GET", path, credentials: stranger)])
            #expect(refused.status == 403)
            #expect(refused.jsonBody["code"] == "InsufficientScopes")
            let signed = try emulator.get(
                path, headers: [try emulator.authorizationHeader("GET", path, credentials: reader)])
            #expect(signed.status == 200)
            let url = try #require(signed.jsonBody["url"]?.stringValue)
            #expect(url.contains("X-Amz-Signature="))
            #expect(try emulator.follow(url).body == bytes)
            let bewit = try emulator.get(try emulator.bewitTarget(path, credentials: reader))
            #expect(bewit.status == 200)
        }
    }

    @Test func missingTaskRunOrArtifactIs404AndExpiredIs410() throws {
        let fixture = try ContentFixture()
        let emulator = fixture.emulator
        emulator.addArtifact(taskId: fixture.taskId, runId: 1, name: "public/a", content: .s3([1]))
        emulator.addArtifact(
            taskId: fixture.taskId, runId: 1, name: "public/old", content: .s3([2]), expired: true)
        let missing = try emulator.get(fixture.latestPath("public/none"))
        #expect(missing.status == 404)
        #expect(missing.jsonBody["code"] == "ResourceNotFound")
        #expect(missing.header("x-taskcluster-artifact-storage-type") == nil)
        #expect(try emulator.get(fixture.runPath("public/a", runId: "0")).status == 404)
        #expect(try emulator.get(fixture.runPath("public/a", runId: "2")).status == 404)
        #expect(try emulator.get(fixture.runPath("public/a", runId: "x")).status == 400)
        let expired = try emulator.get(fixture.latestPath("public/old"))
        #expect(expired.status == 410)
        #expect(expired.jsonBody["code"] == "ResourceExpired")
        let otherTask = TaskclusterEmulator.makeTaskId()
        let noTask = try emulator.get("/api/queue/v1/task/\(otherTask)/artifact-content/public/a")
        #expect(noTask.status == 404)
        #expect(noTask.jsonBody["message"]?.stringValue?.contains("not found") == true)
        let runless = TaskclusterEmulator.makeTaskId()
        emulator.addTask(runless, runs: 0)
        let noRuns = try emulator.get("/api/queue/v1/task/\(runless)/artifact-content/public/a")
        #expect(noRuns.status == 404)
        #expect(noRuns.jsonBody["message"]?.stringValue?.contains("no runs") == true)
    }

    @Test func latestArtifactLooksForTheLatestRunBeforeCheckingScopes() throws {
        let fixture = try ContentFixture()
        let otherTask = TaskclusterEmulator.makeTaskId()
        let latest = "/api/queue/v1/task/\(otherTask)/artifact-content/private/a"
        #expect(try fixture.emulator.get(latest).status == 404)
        let withRun = "/api/queue/v1/task/\(otherTask)/runs/0/artifact-content/private/a"
        #expect(try fixture.emulator.get(withRun).status == 401)
        #expect(try fixture.emulator.get(fixture.latestPath("private/none")).status == 401)
    }

    @Test func faultsAndMethodsApplyToTheNewEndpoints() throws {
        let fixture = try ContentFixture()
        let emulator = fixture.emulator
        for runId in 0..<2 {
            emulator.addArtifact(
                taskId: fixture.taskId, runId: runId, name: "public/a", content: .s3([3]))
        }
        emulator.failNext(.latestArtifact, status: 503)
        emulator.failNext(.artifact, status: 500, count: 2)
        let latest = fixture.latestPath("public/a")
        let failed = try emulator.get(latest)
        #expect(failed.status == 503)
        #expect(failed.header("x-taskcluster-artifact-storage-type") == nil)
        #expect(try emulator.get(latest).status == 200)
        let run = fixture.runPath("public/a")
        #expect(try (0..<3).map { _ in try emulator.get(run).status } == [500, 500, 200])
        let getLatest = "/api/queue/v1/task/\(fixture.taskId)/artifacts/public/a"
        #expect(try emulator.get(getLatest).status == 303)
        let wrongMethod = try emulator.request("PUT", run)
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET, HEAD")
        let head = try emulator.request("HEAD", latest)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }
}
