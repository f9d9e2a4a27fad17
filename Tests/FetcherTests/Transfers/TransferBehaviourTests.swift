import Fetcher
import FetcherTesting
import Synchronization
import Testing

struct TransferBehaviourTests {
    @Test func aSlowBodyOfKnownLengthReportsProgressInOrder() async throws {
        let server = try FaultServer()
        let blob = testBlob(40_000)
        // The body starts with one byte; then the server sends 5,000 bytes more only after the
        // fetch reported the last ones, so each piece is reported on its own however the
        // machine schedules the transfer.
        let gate = BodyGate(openTo: 1)
        server.route("/slow", ServerResponse.ok(blob).gated(by: gate))
        let reports = Mutex<[Double]>([])
        let bytes = try await fetchBytes(
            .string(server.url("/slow")),
            progress: { description, fraction in
                reports.withLock { $0.append(fraction) }
                if fraction > 0 {
                    gate.open(to: Int((fraction * Double(blob.count)).rounded()) + 5_000)
                }
                #expect(description == server.url("/slow"))
            },
            progressInterval: .zero
        )
        #expect(bytes == blob)
        let positions = [0] + Array(stride(from: 1, to: blob.count, by: 5_000)) + [blob.count]
        #expect(reports.withLock { $0 } == positions.map { Double($0) / Double(blob.count) })
    }

    final class FailingTarget: WriteResetter {
        struct DiskFull: Error, Equatable {}
        let writes = Mutex(0)
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            writes.withLock { $0 += 1 }
            throw DiskFull()
        }
        func reset() throws {}
    }

    @Test func aWriteErrorStopsTheFetchAfterOneRequest() async throws {
        let server = try FaultServer()
        server.route("/blob", .ok(testBlob(5_000_000)))
        let target = FailingTarget()
        let context = FetchContext(transfer: quickSettings)
        await #expect(throws: FailingTarget.DiskFull()) {
            try await URLReference(url: server.url("/blob")).fetch(into: target, context: context)
        }
        #expect(server.requests(to: "/blob").count == 1)
        #expect(target.writes.withLock { $0 } == 1)
    }

    @Test func cancellingMidBodyReturnsPromptly() async throws {
        let server = try FaultServer()
        server.route("/blob", ServerResponse.ok(testBlob(1_000_000)).stalling(after: 200_000))
        let target = MemoryResetter()
        let task = Task {
            try await URLReference(url: server.url("/blob")).fetch(
                into: target, context: FetchContext())
        }
        while server.bodyBytesSent(to: "/blob") < 200_000 {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(server.requests(to: "/blob").count == 1)
    }

    @Test func cancellingDuringTheBackoffReturnsPromptly() async throws {
        let server = try FaultServer()
        server.route("/blob", .status(503))
        let settings = TransferSettings(
            retryPolicy: RetryPolicy(baseDelay: .seconds(3600), maximumDelay: .seconds(3600)))
        let task = Task {
            try await URLReference(url: server.url("/blob")).fetch(
                into: MemoryResetter(), context: FetchContext(transfer: settings))
        }
        while server.requests(to: "/blob").isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func redirectChainsAreFollowed() async throws {
        let server = try FaultServer()
        server.route("/a", .redirect(to: "/b", status: 301))
        server.route("/b", .redirect(to: server.url("/c"), status: 307))
        server.route("/c", .ok(Array("end".utf8)))
        #expect(try await fetchBytes(.string(server.url("/a"))) == Array("end".utf8))
    }

    @Test func aRedirectLoopFailsClearly() async throws {
        let server = try FaultServer()
        server.route("/loop", .redirect(to: "/loop"))
        await #expect {
            _ = try await fetchBytes(.string(server.url("/loop")))
        } throws: { error in
            (error as? BrokenReferenceError)?.reason.hasPrefix("too many redirects (more than 10)")
                == true
        }
        #expect(server.requests(to: "/loop").count == 11)
    }

    @Test func aRedirectFromHTTPSToHTTPIsRefused() async throws {
        let identity = try TLSIdentity.selfSigned()
        defer { identity.removeCertificateFile() }
        let secure = try FaultServer(tls: identity)
        let plain = try FaultServer()
        plain.route("/blob", .ok(Array("downgraded".utf8)))
        secure.route("/blob", .redirect(to: plain.url("/blob")))
        secure.route("/direct", .ok(Array("secure".utf8)))
        var settings = quickSettings
        settings.certificateAuthorityFile = identity.certificatePath
        #expect(
            try await fetchBytes(.string(secure.url("/direct")), settings: settings)
                == Array("secure".utf8))
        await #expect {
            _ = try await fetchBytes(.string(secure.url("/blob")), settings: settings)
        } throws: { error in
            (error as? BrokenReferenceError)?.reason.hasPrefix("refused to follow a redirect")
                == true
        }
        #expect(plain.requests(to: "/blob").isEmpty)
    }

    @Test func anUntrustedCertificateIsBroken() async throws {
        let identity = try TLSIdentity.selfSigned()
        defer { identity.removeCertificateFile() }
        let secure = try FaultServer(tls: identity)
        secure.route("/blob", .ok(Array("x".utf8)))
        await #expect {
            _ = try await fetchBytes(.string(secure.url("/blob")))
        } throws: { error in
            (error as? BrokenReferenceError)?.reason.hasPrefix(
                "the server's TLS certificate could not be verified") == true
        }
    }

    @Test func signedURLsNeverAppearInErrors() async throws {
        let server = try FaultServer()
        let secret = "c2VjcmV0LXNpZ25hdHVyZQ"
        server.route(
            "/blob", .status(500, body: "try \(server.url("/blob?bewit=\(secret)")) later"))
        server.route("/gone", .status(404))
        for path in ["/blob?bewit=\(secret)", "/gone?bewit=\(secret)&x=1"] {
            await #expect {
                _ = try await fetchBytes(.string(server.url(path)))
            } throws: { error in
                let text = "\(error)"
                return !text.contains(secret) && text.contains("bewit=REDACTED")
            }
        }
    }
}
