import Fetcher
import FetcherTesting
import Foundation
import Testing

struct QueueEmulatorTests {
    @Test func statusListsEveryRun() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addTask(taskId, runs: 3)
        let response = try emulator.get("/api/queue/v1/task/\(taskId)/status")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let status = response.jsonBody["status"]
        #expect(status?["taskId"] == .string(taskId))
        #expect(status?["state"] == "completed")
        let runs = try #require(status?["runs"]?.arrayValue)
        #expect(runs.map { $0["runId"] } == [0, 1, 2])
        #expect(runs.allSatisfy { $0["state"] == "completed" })
    }

    @Test func taskWithoutRunsHasNoLatestArtifact() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addTask(taskId, runs: 0)
        let status = try emulator.get("/api/queue/v1/task/\(taskId)/status").jsonBody["status"]
        #expect(status?["state"] == "unscheduled")
        #expect(status?["runs"] == [])
        let latest = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/a")
        #expect(latest.status == 404)
        #expect(latest.jsonBody["message"]?.stringValue?.contains("no runs") == true)
    }

    @Test func unknownTaskIs404AndMalformedTaskIdIs400() throws {
        let emulator = try TaskclusterEmulator()
        let unknown = try emulator.get(
            "/api/queue/v1/task/\(TaskclusterEmulator.makeTaskId())/status")
        #expect(unknown.status == 404)
        #expect(unknown.jsonBody["code"] == "ResourceNotFound")
        #expect(unknown.jsonBody["message"]?.stringValue?.contains("not found") == true)
        let malformed = try emulator.get("/api/queue/v1/task/not-a-task-id/status")
        #expect(malformed.status == 400)
        #expect(malformed.jsonBody["code"] == "InvalidRequestArguments")
    }

    @Test func s3ArtifactRedirectsToABlobTheEmulatorServes() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(5000)
        emulator.addArtifact(taskId: taskId, name: "public/build.bin", content: .s3(bytes))
        let response = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/build.bin")
        #expect(response.status == 303)
        #expect(response.header("x-taskcluster-artifact-storage-type") == "s3")
        let location = try #require(response.header("Location"))
        #expect(location.hasPrefix(emulator.rootURL + "/_blobs/"))
        #expect(response.jsonBody == ["storageType": "s3", "url": .string(location)])
        let blob = try emulator.follow(location)
        #expect(blob.status == 200)
        #expect(blob.body == bytes)
        #expect(blob.header("ETag") != nil)
        #expect(emulator.requests(to: .getLatestArtifact).count == 1)
        #expect(emulator.requests(to: .blob).count == 1)
    }

    @Test func referenceArtifactRedirectsToItsURL() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let url = "https://example.com/data/file.tar.gz"
        emulator.addArtifact(taskId: taskId, name: "public/link", content: .reference(url: url))
        let response = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/link")
        #expect(response.status == 303)
        #expect(response.header("Location") == url)
        #expect(response.header("x-taskcluster-artifact-storage-type") == "reference")
        #expect(response.jsonBody == ["storageType": "reference", "url": .string(url)])
    }

    @Test func objectArtifactNamesItsObjectAndHandsOutCredentials() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(300, seed: 9)
        emulator.addArtifact(taskId: taskId, name: "public/image.tar", content: .object(bytes))
        let response = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/image.tar")
        #expect(response.status == 303)
        #expect(response.header("x-taskcluster-artifact-storage-type") == "object")
        let body = response.jsonBody
        #expect(body["storageType"] == "object")
        #expect(body["name"] == .string("t/\(taskId)/0/public/image.tar"))
        #expect(body["url"] == response.header("Location").map(JSONValue.string))
        #expect(body["credentials"]?["clientId"] == "static/taskcluster/queue")
        #expect(body["credentials"]?["certificate"]?.stringValue != nil)
        #expect(try emulator.follow(response.header("Location")).body == bytes)
    }

    @Test func errorArtifactAnswers424WithItsReason() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addArtifact(
            taskId: taskId, name: "public/log",
            content: .error(reason: "file-missing-on-worker", message: "no such file"))
        let response = try emulator.get("/api/queue/v1/task/\(taskId)/runs/0/artifacts/public/log")
        #expect(response.status == 424)
        #expect(response.header("x-taskcluster-artifact-storage-type") == "error")
        #expect(
            response.jsonBody == ["reason": "file-missing-on-worker", "message": "no such file"])
    }

    @Test func runsHaveTheirOwnArtifactsAndLatestIsTheLastRun() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addArtifact(taskId: taskId, runId: 0, name: "public/a", content: .s3([0]))
        emulator.addArtifact(taskId: taskId, runId: 1, name: "public/a", content: .s3([1]))
        let first = try emulator.get("/api/queue/v1/task/\(taskId)/runs/0/artifacts/public/a")
        let latest = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/a")
        #expect(try emulator.follow(first.header("Location")).body == [0])
        #expect(try emulator.follow(latest.header("Location")).body == [1])
        let noRun = try emulator.get("/api/queue/v1/task/\(taskId)/runs/2/artifacts/public/a")
        #expect(noRun.status == 404)
        let badRun = try emulator.get("/api/queue/v1/task/\(taskId)/runs/x/artifacts/public/a")
        #expect(badRun.status == 400)
    }

    @Test func missingAndExpiredArtifactsCarryTheStorageTypeHeader() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addArtifact(taskId: taskId, name: "public/old", content: .s3([1]), expired: true)
        let expired = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/old")
        #expect(expired.status == 410)
        #expect(expired.jsonBody["code"] == "ResourceExpired")
        #expect(expired.header("x-taskcluster-artifact-storage-type") == "s3")
        let missing = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/none")
        #expect(missing.status == 404)
        #expect(missing.jsonBody["code"] == "ResourceNotFound")
        #expect(missing.header("x-taskcluster-artifact-storage-type") == "none")
        let otherTask = TaskclusterEmulator.makeTaskId()
        let noTask = try emulator.get("/api/queue/v1/task/\(otherTask)/artifacts/public/old")
        #expect(noTask.status == 404)
        #expect(noTask.header("x-taskcluster-artifact-storage-type") == "none")
    }

    @Test func percentEncodedNamesAreDecodedOnce() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let base = "/api/queue/v1/task/\(taskId)/artifacts/"
        emulator.addArtifact(taskId: taskId, name: "public/dir/file.txt", content: .s3([1]))
        emulator.addArtifact(taskId: taskId, name: "public/100%.txt", content: .s3([2]))
        emulator.addArtifact(taskId: taskId, name: "public/a b+c", content: .s3([3]))
        #expect(try emulator.get(base + "public%2Fdir%2Ffile.txt").status == 303)
        #expect(try emulator.get(base + "public/dir/file.txt").status == 303)
        #expect(try emulator.get(base + "public%2fdir/file.txt").status == 303)
        let percent = try emulator.get(base + "public%2F100%25.txt")
        #expect(try emulator.follow(percent.header("Location")).body == [2])
        #expect(try emulator.get(base + "public%2F100%2525.txt").status == 404)
        let spaced = try emulator.get(base + "public%2Fa%20b+c")
        #expect(try emulator.follow(spaced.header("Location")).body == [3])
    }

    @Test func dotDotInANameIsJustPartOfTheName() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let base = "/api/queue/v1/task/\(taskId)/artifacts/"
        emulator.addArtifact(taskId: taskId, name: "private/secret", content: .s3([9]))
        emulator.addArtifact(taskId: taskId, name: "public/../x", content: .s3([7]))
        let escaped = try emulator.get(base + "public%2F..%2Fx")
        #expect(try emulator.follow(escaped.header("Location")).body == [7])
        #expect(try emulator.get(base + "public/../x").status == 303)
        let climbing = try emulator.get(base + "public%2F..%2Fprivate%2Fsecret")
        #expect(climbing.status == 404)
        #expect(try emulator.get(base + "public/../private/secret").status == 404)
    }

    @Test func unknownPathsAndWrongMethodsAreRefused() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addTask(taskId)
        #expect(try emulator.get("/api/queue/v1/nothing").status == 404)
        #expect(try emulator.get("/_blobs/0123456789abcdef").status == 404)
        let wrongMethod = try emulator.request("PUT", "/api/queue/v1/task/\(taskId)/status")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET, HEAD")
    }

    @Test func taskIdsMatchTheQueuePattern() {
        for _ in 0..<200 {
            #expect(TaskclusterEmulator.isValidTaskId(TaskclusterEmulator.makeTaskId()))
        }
        #expect(TaskclusterEmulator.isValidTaskId("fN1SbArXTPSVFNUvaOlinQ"))
        #expect(!TaskclusterEmulator.isValidTaskId("fN1SbArXaPSVFNUvaOlinQ"))
        #expect(!TaskclusterEmulator.isValidTaskId("fN1SbArXTPSVFNUvaOlinB"))
        #expect(!TaskclusterEmulator.isValidTaskId("short"))
        #expect(!TaskclusterEmulator.isValidTaskId("fN1SbArXTPSVFNUvaOl/nQ"))
    }
}
