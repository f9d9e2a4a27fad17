import Fetcher
import FetcherTesting
import Foundation
import Testing

/// Writes text to a new temporary file.
private func temporaryFile(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("emulator-seed-\(UUID().uuidString).json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The seed error thrown by some code, or `nil`.
private func seedError(_ body: () throws -> Void) -> TaskclusterEmulatorSeedError? {
    do {
        try body()
        return nil
    } catch let error as TaskclusterEmulatorSeedError {
        return error
    } catch {
        return nil
    }
}

struct EmulatorSeedingTests {
    private let taskId = "fN1SbArXTPSVFNUvaOlinQ"

    @Test func loadsEverythingFromAFile() throws {
        let path = try temporaryFile(
            """
            {
              "clients": [{"clientId": "ci", "accessToken": "ci-token",
                           "scopes": ["queue:get-artifact:private/*"]}],
              "tasks": [{
                "taskId": "\(taskId)",
                "runs": 2,
                "artifacts": [
                  {"name": "public/hello.txt", "text": "hello\\n"},
                  {"name": "public/first.txt", "runId": 0, "text": "first"},
                  {"name": "private/key.bin", "storageType": "object", "base64": "AAEC"},
                  {"name": "public/docs", "storageType": "reference",
                   "url": "https://example.com/"},
                  {"name": "public/log", "storageType": "error", "reason": "file-missing",
                   "message": "gone"},
                  {"name": "public/old.txt", "text": "old", "expired": true}
                ]
              }],
              "index": {"project.app.latest": "\(taskId)"},
              "objects": [{"name": "loose/object", "text": "loose"}]
            }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let emulator = try TaskclusterEmulator.load(from: path)
        let status = try emulator.get("/api/queue/v1/task/\(taskId)/status")
        #expect(status.jsonBody["status"]?["runs"]?.arrayValue?.count == 2)
        let base = "/api/queue/v1/task/\(taskId)"
        let hello = try emulator.get(base + "/runs/1/artifacts/public/hello.txt")
        #expect(try emulator.follow(hello.header("Location")).text == "hello\n")
        let first = try emulator.get(base + "/runs/0/artifacts/public/first.txt")
        #expect(try emulator.follow(first.header("Location")).text == "first")
        let docs = try emulator.get(base + "/artifacts/public/docs")
        #expect(docs.header("Location") == "https://example.com/")
        #expect(try emulator.get(base + "/artifacts/public/log").status == 424)
        #expect(try emulator.get(base + "/artifacts/public/old.txt").status == 410)
        let credentials = TaskclusterCredentials(clientId: "ci", accessToken: "ci-token")
        let key = try emulator.bewitTarget(
            base + "/artifacts/private%2Fkey.bin", credentials: credentials)
        let object = try emulator.get(key)
        #expect(object.header("x-taskcluster-artifact-storage-type") == "object")
        #expect(try emulator.follow(object.header("Location")).body == [0, 1, 2])
        let index = try emulator.get("/api/index/v1/task/project.app.latest")
        #expect(index.jsonBody["taskId"] == .string(taskId))
        emulator.addClient(id: "dl", accessToken: "t", scopes: ["object:download:loose/*"])
        let path2 = "/api/object/v1/start-download/loose%2Fobject"
        let body = Array(#"{"acceptDownloadMethods":{"getUrl":true}}"#.utf8)
        let signer = TaskclusterCredentials(clientId: "dl", accessToken: "t")
        let header = try emulator.authorizationHeader("PUT", path2, credentials: signer)
        let download = try emulator.request("PUT", path2, headers: [header], body: body)
        #expect(download.status == 200)
        #expect(try emulator.follow(download.jsonBody["url"]?.stringValue).text == "loose")
    }

    @Test func seedingARunningEmulatorAddsToIt() throws {
        let emulator = try TaskclusterEmulator()
        try emulator.seed(fromJSON: #"{"index": {"a.b": "\#(taskId)"}}"#)
        try emulator.seed(fromJSON: #"{"tasks": [{"taskId": "\#(taskId)", "runs": 3}]}"#)
        #expect(try emulator.get("/api/index/v1/task/a.b").status == 200)
        let status = try emulator.get("/api/queue/v1/task/\(taskId)/status")
        #expect(status.jsonBody["status"]?["runs"]?.arrayValue?.count == 3)
        #expect(try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/x").status == 404)
    }

    /// A seed with one task holding one artifact.
    private func withArtifact(_ artifact: String, runs: Int? = nil) -> String {
        let runsMember = runs.map { #""runs": \#($0), "# } ?? ""
        return #"{"tasks": [{"taskId": "\#(taskId)", \#(runsMember)"artifacts": [\#(artifact)]}]}"#
    }

    @Test func invalidSeedsNameTheFaultyValue() throws {
        let emulator = try TaskclusterEmulator()
        let cases: [(String, String)] = [
            (#"{"task": []}"#, "/task"),
            (#"{"tasks": [{"taskId": "nope"}]}"#, "/tasks/0/taskId"),
            (withArtifact(#"{"name": "a"}"#), "/tasks/0/artifacts/0"),
            (withArtifact(#"{"name": "a", "text": "x", "url": "u"}"#), "/tasks/0/artifacts/0/url"),
            (
                withArtifact(#"{"name": "a", "storageType": "azure", "text": ""}"#),
                "/tasks/0/artifacts/0/storageType"
            ),
            (
                withArtifact(#"{"name": "a", "runId": 3, "text": ""}"#, runs: 1),
                "/tasks/0/artifacts/0/runId"
            ),
            (withArtifact(#"{"name": "a", "base64": "%%%"}"#), "/tasks/0/artifacts/0/base64"),
            (
                withArtifact(#"{"name": "a", "text": "", "expired": 1}"#),
                "/tasks/0/artifacts/0/expired"
            ),
            (
                #"{"clients": [{"clientId": "c", "accessToken": 5, "scopes": []}]}"#,
                "/clients/0/accessToken"
            ),
            (#"{"index": {"a/b": 1}}"#, "/index/a~1b"),
            (#"[]"#, ""),
        ]
        for (text, pointer) in cases {
            let error = seedError { try emulator.seed(fromJSON: text) }
            guard case .invalidSeed(let found, let reason) = error else {
                Issue.record(
                    "expected an invalid seed for \(text), got \(String(describing: error))")
                continue
            }
            #expect(found == pointer, "\(text): \(reason)")
            #expect(error?.description.contains(reason) == true)
        }
        #expect(emulator.requests.isEmpty)
        let notJSON = seedError { try emulator.seed(fromJSON: "{") }
        guard case .invalidJSON = notJSON else {
            Issue.record("expected invalid JSON, got \(String(describing: notJSON))")
            return
        }
    }

    @Test func refusedSeedAddsNothing() throws {
        let emulator = try TaskclusterEmulator()
        let text = #"{"index": {"a.b": "\#(taskId)"}, "tasks": [{"taskId": "bad"}]}"#
        #expect(throws: TaskclusterEmulatorSeedError.self) { try emulator.seed(fromJSON: text) }
        #expect(try emulator.get("/api/index/v1/task/a.b").status == 404)
    }

    @Test func unreadableFileIsReported() {
        let error = seedError { _ = try TaskclusterEmulator.load(from: "/nonexistent/seed.json") }
        guard case .unreadableFile(let path, _) = error else {
            Issue.record("expected an unreadable file, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/seed.json")
        #expect(error?.description.contains("/nonexistent/seed.json") == true)
    }
}
