import Fetcher
import FetcherTesting
import Testing

struct ResumptionTests {
    static let blob = testBlob(1_000_000, seed: 7)

    @Test func aDropAtNinetyPercentResumesWithOneRangedRequest() async throws {
        let server = try FaultServer()
        server.route(
            "/blob",
            [
                .ok(Self.blob, etag: "\"v1\"").dropping(after: 900_000),
                .ok(Self.blob, etag: "\"v1\""),
            ])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == Self.blob)
        let requests = server.requests(to: "/blob")
        #expect(requests.count == 2)
        #expect(requests[0].header("Range") == nil)
        #expect(requests[1].header("Range") == "bytes=900000-")
        #expect(requests[1].header("If-Range") == "\"v1\"")
        #expect(server.bodyBytesSent(to: "/blob") < Self.blob.count * 11 / 10)
    }

    @Test func lastModifiedServesAsTheValidatorWithoutAnETag() async throws {
        let server = try FaultServer()
        let date = "Wed, 21 Oct 2026 07:28:00 GMT"
        let answer = ServerResponse(body: Self.blob, lastModified: date)
        server.route("/blob", [answer.dropping(after: 300_000), answer])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == Self.blob)
        #expect(server.requests(to: "/blob")[1].header("If-Range") == date)
    }

    @Test func aServerThatIgnoresRangeGivesAnExactResultByReset() async throws {
        let server = try FaultServer()
        var answer = ServerResponse.ok(Self.blob, etag: "\"v1\"")
        answer.acceptsRanges = false
        server.route("/blob", [answer.dropping(after: 500_000), answer])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == Self.blob)
        #expect(server.requests(to: "/blob").count == 2)
        #expect(server.requests(to: "/blob")[1].header("Range") == "bytes=500000-")
    }

    @Test func aChangedETagForcesAReset() async throws {
        let server = try FaultServer()
        let newer = testBlob(700_000, seed: 8)
        server.route(
            "/blob",
            [.ok(Self.blob, etag: "\"v1\"").dropping(after: 400_000), .ok(newer, etag: "\"v2\"")])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == newer)
        #expect(server.requests(to: "/blob")[1].header("If-Range") == "\"v1\"")
    }

    @Test func withoutAValidatorAPlainURLStartsOver() async throws {
        let server = try FaultServer()
        let answer = ServerResponse(body: Self.blob)
        server.route("/blob", [answer.dropping(after: 600_000), answer])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == Self.blob)
        #expect(server.requests(to: "/blob")[1].header("Range") == nil)
    }

    @Test func withoutAValidatorADigestStillAllowsResuming() async throws {
        let server = try FaultServer()
        let answer = ServerResponse(body: Self.blob)
        server.route("/blob", [answer.dropping(after: 600_000), answer])
        let options: JSONValue = [
            "url": .string(server.url("/blob")), "sha256": .string(sha256Hex(Self.blob)),
        ]
        #expect(try await fetchBytes(options) == Self.blob)
        #expect(server.requests(to: "/blob")[1].header("Range") == "bytes=600000-")
    }

    @Test func aShortBodyIsRetriedAndResumed() async throws {
        let server = try FaultServer()
        server.route(
            "/blob",
            [
                .ok(Self.blob, etag: "\"v1\"").framed(.declaredLength(Self.blob.count + 10)),
                .ok(Self.blob, etag: "\"v1\""),
            ])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == Self.blob)
        // Resuming at the end of the blob is refused with 416, which starts over.
        #expect((2...3).contains(server.requests(to: "/blob").count))
        #expect(server.requests(to: "/blob")[1].header("Range") != nil)
    }

    @Test func aBodyThatIsAlwaysShortFailsWithTheReason() async throws {
        let server = try FaultServer()
        server.route(
            "/blob", ServerResponse(body: Self.blob).framed(.declaredLength(Self.blob.count + 10)))
        var settings = quickSettings
        settings.retryPolicy.maximumRetries = 2
        let target = MemoryResetter()
        await #expect {
            _ = try await fetchBytes(
                .string(server.url("/blob")), settings: settings, target: target)
        } throws: { error in
            (error as? TransferError)?.reason.hasPrefix(
                "the body ended before its announced length") == true
        }
        #expect(target.bytes.isEmpty)
    }

    @Test func aStalledTransferIsAbandonedAndResumed() async throws {
        let server = try FaultServer()
        server.route(
            "/blob",
            [
                .ok(Self.blob, etag: "\"v1\"").stalling(after: 100_000),
                .ok(Self.blob, etag: "\"v1\""),
            ])
        var settings = quickSettings
        settings.stallTimeout = .seconds(1)
        #expect(try await fetchBytes(.string(server.url("/blob")), settings: settings) == Self.blob)
        #expect(server.requests(to: "/blob")[1].header("Range") == "bytes=100000-")
    }

    @Test func chunkedAndCloseDelimitedBodiesArrive() async throws {
        let server = try FaultServer()
        server.route("/chunked", ServerResponse(body: Self.blob).framed(.chunked(chunkSize: 4093)))
        server.route("/close", ServerResponse(body: Self.blob).framed(.closeDelimited))
        #expect(try await fetchBytes(.string(server.url("/chunked"))) == Self.blob)
        #expect(try await fetchBytes(.string(server.url("/close"))) == Self.blob)
    }
}
