import Fetcher
import FetcherTesting
import Foundation
import Testing

/// The emulator driven by the library's own libcurl transfers, as the queue client uses it.
struct EmulatorTransferTests {
    private let settings = TransferSettings(
        retryPolicy: RetryPolicy(baseDelay: .milliseconds(1), maximumDelay: .milliseconds(5)),
        connectTimeout: .seconds(5), stallTimeout: .seconds(30))

    private func fetch(_ url: String) async throws -> [UInt8] {
        let target = MemoryResetter()
        let context = FetchContext(transfer: settings)
        try await URLReference(url: url).fetch(into: target, context: context)
        return target.bytes
    }

    @Test func libcurlFollowsABewitSignedArtifactToItsBlob() async throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(100_000, seed: 11)
        emulator.addClient(id: "ci", accessToken: "ci-token", scopes: ["queue:get-artifact:*"])
        emulator.addArtifact(taskId: taskId, name: "private/big.bin", content: .s3(bytes))
        let url = try Hawk.bewitURL(
            for: emulator.rootURL + "/api/queue/v1/task/\(taskId)/artifacts/private%2Fbig.bin",
            credentials: TaskclusterCredentials(clientId: "ci", accessToken: "ci-token"),
            expiry: Date().addingTimeInterval(25 * 60))
        #expect(try await fetch(url) == bytes)
        #expect(emulator.requests(to: .getLatestArtifact).count == 1)
        #expect(emulator.requests(to: .blob).count == 1)
    }

    @Test func libcurlRetriesInjectedFailuresOfABlob() async throws {
        let emulator = try TaskclusterEmulator()
        let taskId = TaskclusterEmulator.makeTaskId()
        let bytes = emulatorBytes(50_000, seed: 2)
        emulator.addArtifact(taskId: taskId, name: "public/a.bin", content: .s3(bytes))
        emulator.failNext(.blob, status: 500, count: 2)
        let url = emulator.rootURL + "/api/queue/v1/task/\(taskId)/runs/0/artifacts/public/a.bin"
        #expect(try await fetch(url) == bytes)
        #expect(emulator.requests(to: .blob).count == 3)
    }
}
