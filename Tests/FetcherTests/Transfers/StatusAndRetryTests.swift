import Fetcher
import FetcherTesting
import Testing

struct StatusAndRetryTests {
    @Test(arguments: [400, 401, 403, 404])
    func clientErrorsAreBrokenAfterOneRequestAndLeaveTheTargetEmpty(status: Int) async throws {
        let server = try FaultServer()
        server.route("/blob", .status(status, body: "no blob here"))
        let target = MemoryResetter()
        await #expect {
            _ = try await fetchBytes(.string(server.url("/blob")), target: target)
        } throws: { error in
            guard let error = error as? BrokenReferenceError else { return false }
            return error.subject == server.url("/blob")
                && error.reason.hasPrefix("the server answered \(status) ")
                && error.reason.hasSuffix(": no blob here")
        }
        #expect(server.requests(to: "/blob").count == 1)
        #expect(target.bytes.isEmpty)
    }

    @Test func serverErrorsAreTriedNineTimesWithTheStatusAndBodyInTheError() async throws {
        let server = try FaultServer()
        server.route("/blob", .status(500, body: "database on fire"))
        await #expect {
            _ = try await fetchBytes(.string(server.url("/blob")))
        } throws: { error in
            "\(error)" == "failed to fetch \(server.url("/blob")) after 9 attempts: "
                + "the server answered 500 Internal Server Error: database on fire"
        }
        #expect(server.requests(to: "/blob").count == 9)
    }

    @Test func errorBodiesAreCutAtEightKibibytes() async throws {
        let server = try FaultServer()
        server.route("/blob", .status(404, body: String(repeating: "x", count: 100_000)))
        await #expect {
            _ = try await fetchBytes(.string(server.url("/blob")))
        } throws: { error in
            let reason = (error as? BrokenReferenceError)?.reason ?? ""
            return reason.count == "the server answered 404 Not Found: ".count + 8192
        }
    }

    @Test(arguments: [408, 429, 502, 503])
    func retryableAnswersAreRetriedUntilSuccess(status: Int) async throws {
        let server = try FaultServer()
        let blob = testBlob(10_000)
        server.route("/blob", [.status(status), .status(status), .ok(blob)])
        #expect(try await fetchBytes(.string(server.url("/blob"))) == blob)
        #expect(server.requests(to: "/blob").count == 3)
    }

    @Test func retryAfterIsHonoured() async throws {
        let server = try FaultServer()
        server.route("/blob", [.retryAfter(1, status: 429), .ok(Array("later".utf8))])
        var patient = quickSettings
        patient.retryPolicy.maximumDelay = .seconds(10)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(
            try await fetchBytes(.string(server.url("/blob")), settings: patient)
                == Array("later".utf8))
        #expect(clock.now - started >= .milliseconds(950))
    }

    @Test func retriesCanBeTurnedOff() async throws {
        let server = try FaultServer()
        server.route("/blob", .status(503))
        var settings = quickSettings
        settings.retryPolicy.maximumRetries = 0
        await #expect(throws: TransferError.self) {
            _ = try await fetchBytes(.string(server.url("/blob")), settings: settings)
        }
        #expect(server.requests(to: "/blob").count == 1)
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let server = try FaultServer()
        let url = server.url("/blob")
        server.shutdown()
        var settings = quickSettings
        settings.retryPolicy.maximumRetries = 2
        await #expect {
            _ = try await fetchBytes(.string(url), settings: settings)
        } throws: { error in
            guard let error = error as? TransferError else { return false }
            return error.attempts == 3 && error.reason.hasPrefix("could not connect")
        }
    }
}
