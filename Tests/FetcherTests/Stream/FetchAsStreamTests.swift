import Fetcher
import FetcherTesting
import Synchronization
import Testing

/// Records what each call of a stream handler saw.
final class HandlerLog: Sendable {
    struct Call: Sendable {
        var bytes: [UInt8] = []
        var error: String?
    }

    let calls = Mutex<[Call]>([])

    var snapshot: [Call] { calls.withLock { $0 } }

    /// A handler that reads everything, recording bytes and the error that stopped it.
    func handler(failAfter limit: Int? = nil) -> StreamHandler {
        { stream in
            let index = self.calls.withLock { calls in
                calls.append(Call())
                return calls.count - 1
            }
            do {
                for try await chunk in stream {
                    self.calls.withLock { $0[index].bytes += chunk }
                    if let limit, self.calls.withLock({ $0[index].bytes.count }) >= limit {
                        throw HandlerFailure()
                    }
                }
            } catch {
                self.calls.withLock { $0[index].error = "\(error)" }
                throw error
            }
        }
    }

    struct HandlerFailure: Error, Equatable, CustomStringConvertible {
        var description: String { "handler gave up" }
    }
}

struct FetchAsStreamTests {
    static let hello = Array("hello world".utf8)
    static let random = testBlob(16 * 1024 + 27, seed: 16)

    static func fake(_ blob: FakeFetcher.Blob) async throws -> any Reference {
        try await FakeFetcher(blobs: ["blob": blob]).makeReference(
            from: ["fake": "blob"], context: FetchContext())
    }

    @Test(arguments: [hello, random])
    func theHandlerSeesTheWholeBlobOnce(blob: [UInt8]) async throws {
        let log = HandlerLog()
        try await Self.fake(.init(blob)).fetchAsStream(
            context: FetchContext(), handler: log.handler())
        #expect(log.snapshot.count == 1)
        #expect(log.snapshot[0].bytes == blob)
        #expect(log.snapshot[0].error == nil)
    }

    @Test(arguments: [hello, random])
    func aResetCallsTheHandlerAgainFromByteZero(blob: [UInt8]) async throws {
        let log = HandlerLog()
        try await Self.fake(.init(blob, resetsOnce: true))
            .fetchAsStream(context: FetchContext(), handler: log.handler())
        let calls = log.snapshot
        #expect(calls.count == 2)
        #expect(calls[0].error == "stream was reset by the fetcher")
        #expect(calls[1].bytes == blob)
        #expect(calls[1].error == nil)
    }

    @Test func aFailingReferenceNeverLooksComplete() async throws {
        let log = HandlerLog()
        await #expect {
            try await Self.fake(.init(Self.random, failsAfter: 1000))
                .fetchAsStream(context: FetchContext(), handler: log.handler())
        } throws: { error in
            "\(error)" == "failed to fetch fake blob blob, it fails after 1000 bytes"
        }
        #expect(log.snapshot.count == 1)
        #expect(log.snapshot[0].bytes == Array(Self.random.prefix(1000)))
        #expect(
            log.snapshot[0].error == "failed to fetch fake blob blob, it fails after 1000 bytes")
    }

    @Test func aHandlerErrorIsReturnedAsIs() async throws {
        let log = HandlerLog()
        await #expect(throws: HandlerLog.HandlerFailure()) {
            try await Self.fake(.init(Self.random)).fetchAsStream(
                context: FetchContext(), handler: log.handler(failAfter: 5))
        }
        #expect(log.snapshot.count == 1)
    }

    @Test func aHandlerErrorStopsARealTransferPromptlyWithoutRetries() async throws {
        let server = try FaultServer()
        server.route(
            "/slow", ServerResponse.ok(testBlob(100_000)).trickling(1, every: .milliseconds(20)))
        let log = HandlerLog()
        let context = FetchContext(transfer: quickSettings)
        await #expect(throws: HandlerLog.HandlerFailure()) {
            try await URLReference(url: server.url("/slow")).fetchAsStream(
                context: context, handler: log.handler(failAfter: 5))
        }
        #expect(server.requests(to: "/slow").count == 1)
        #expect(log.snapshot.count == 1)
        #expect(log.snapshot[0].bytes.count >= 5)
    }

    @Test func aDropWithRangeSupportDoesNotDisturbTheHandler() async throws {
        let server = try FaultServer()
        let blob = testBlob(600_000, seed: 2)
        server.route(
            "/blob", [.ok(blob, etag: "\"a\"").dropping(after: 300_000), .ok(blob, etag: "\"a\"")])
        let log = HandlerLog()
        try await URLReference(url: server.url("/blob"))
            .fetchAsStream(context: FetchContext(transfer: quickSettings), handler: log.handler())
        #expect(log.snapshot.count == 1)
        #expect(log.snapshot[0].bytes == blob)
        #expect(server.requests(to: "/blob")[1].header("Range") == "bytes=300000-")
    }

    @Test func aDropWithoutRangeSupportRestartsTheHandler() async throws {
        let server = try FaultServer()
        let blob = testBlob(600_000, seed: 3)
        var ignoring = ServerResponse.ok(blob, etag: "\"a\"")
        ignoring.acceptsRanges = false
        server.route("/blob", [ignoring.dropping(after: 300_000), ignoring])
        let log = HandlerLog()
        try await URLReference(url: server.url("/blob"))
            .fetchAsStream(context: FetchContext(transfer: quickSettings), handler: log.handler())
        let calls = log.snapshot
        #expect(calls.count == 2)
        #expect(calls[0].error == "stream was reset by the fetcher")
        #expect(calls[1].bytes == blob)
    }

    @Test func aDigestMismatchNeverEndsTheStreamNormally() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(Self.random))
        let reference = try await URLHashFetcher().makeReference(
            from: [
                "url": .string(server.url("/blob")),
                "sha256": .string(String(repeating: "0", count: 64)),
            ],
            context: FetchContext())
        let log = HandlerLog()
        await #expect(throws: BrokenReferenceError.self) {
            try await reference.fetchAsStream(
                context: FetchContext(transfer: quickSettings), handler: log.handler())
        }
        #expect(log.snapshot.allSatisfy { $0.error != nil })
    }

    @Test func aHandlerThatStopsEarlyIsAnError() async throws {
        await #expect(throws: StreamHandlerReturnedEarlyError()) {
            try await Self.fake(.init(Self.random)).fetchAsStream(context: FetchContext()) { _ in }
        }
    }

    @Test func cancellingTheWholeOperationStopsBoth() async throws {
        let server = try FaultServer()
        server.route("/blob", ServerResponse.ok(testBlob(400_000)).stalling(after: 100_000))
        let log = HandlerLog()
        let task = Task {
            try await URLReference(url: server.url("/blob"))
                .fetchAsStream(
                    context: FetchContext(transfer: quickSettings), handler: log.handler())
        }
        while log.snapshot.first?.bytes.count ?? 0 < 100_000 {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(log.snapshot.count == 1)
    }
}
