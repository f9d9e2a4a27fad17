import Fetcher
import FetcherTesting
import Foundation
import Synchronization
import Testing

/// Whether a test has called `shutdown()` yet.
private final class ShutdownFlag: Sendable {
    let value = Mutex(false)
}

struct EmulatorFaultTests {
    @Test func failNextAnswersErrorsThenRecovers() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addTask(taskId)
        emulator.failNext(.status, status: 500, count: 2)
        let path = "/api/queue/v1/task/\(taskId)/status"
        let statuses = try (0..<3).map { _ in try emulator.get(path).status }
        #expect(statuses == [500, 500, 200])
        #expect(emulator.requests(to: .status).count == 3)
        #expect(emulator.requests(to: .findTask).isEmpty)
    }

    @Test func artifactFaultsKeepTheStorageTypeHeader() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        emulator.addArtifact(taskId: taskId, name: "public/a", content: .s3([1]))
        emulator.failNext(.getLatestArtifact, status: 503)
        let path = "/api/queue/v1/task/\(taskId)/artifacts/public/a"
        let failed = try emulator.get(path)
        #expect(failed.status == 503)
        #expect(failed.header("x-taskcluster-artifact-storage-type") != nil)
        #expect(try emulator.get(path).status == 303)
        let runPath = "/api/queue/v1/task/\(taskId)/runs/0/artifacts/public/a"
        #expect(try emulator.get(runPath).status == 303)
    }

    @Test func pathPrefixFaultsAndInjectedResponsesReachBlobs() throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(1000)
        emulator.addArtifact(taskId: taskId, name: "public/a", content: .s3(bytes))
        let redirect = try emulator.get("/api/queue/v1/task/\(taskId)/artifacts/public/a")
        let location = try #require(redirect.header("Location"))
        emulator.failNext(pathPrefix: "/_blobs/", status: 502)
        emulator.injectNext(.blob, [.ok(bytes).dropping(after: 10)])
        #expect(try emulator.follow(location).status == 502)
        let cut = try emulator.follow(location)
        #expect(!cut.complete)
        #expect(cut.body.count == 10)
        #expect(try emulator.follow(location).body == bytes)
        #expect(emulator.requests(to: .blob).count == 3)
    }

    @Test func clearFaultsDropsPendingOnes() throws {
        let emulator = try TaskclusterEmulator()
        emulator.failNext(.findTask, status: 500, count: 5)
        emulator.clearFaults()
        #expect(try emulator.get("/api/index/v1/task/a.b").status == 404)
    }

    @Test func waitUntilShutdownReturnsOnShutdown() async throws {
        let emulator = try TaskclusterEmulator()
        let shutdownCalled = ShutdownFlag()
        let waiter = Task {
            await emulator.waitUntilShutdown()
            return shutdownCalled.value.withLock { $0 }
        }
        try await Task.sleep(for: .milliseconds(50))
        shutdownCalled.value.withLock { $0 = true }
        emulator.shutdown()
        #expect(await waiter.value)
        await emulator.waitUntilShutdown()
    }

    @Test func waitUntilShutdownEndsWhenCancelled() async throws {
        let emulator = try TaskclusterEmulator()
        let waiter = Task { await emulator.waitUntilShutdown() }
        waiter.cancel()
        await waiter.value
        #expect(try emulator.get("/api/index/v1/task/a.b").status == 404)
    }
}
