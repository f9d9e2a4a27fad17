import Foundation
import Synchronization
import Testing

@testable import FetcherTesting

/// The bytes 0, 1, 2, ... wrapping at 251, so that any slice is recognisable.
private func pattern(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8($0 % 251) }
}

/// Sends one request on a new connection and reads one response.
private func fetch(
    _ server: FaultServer, _ target: String, method: String = "GET", headers: [String] = []
) throws -> TestResponse {
    let client = try LoopbackClient(port: server.port)
    try client.request(method, target, headers: headers)
    return try client.readResponse(isHead: method == "HEAD")
}

struct FaultServerTests {
    @Test func answersWithExactBodyAndLength() throws {
        let server = try FaultServer()
        let body = pattern(1000)
        server.route("/blob", .ok(body, etag: "\"v1\""))
        let response = try fetch(server, "/blob")
        #expect(response.status == 200)
        #expect(response.header("Content-Length") == "1000")
        #expect(response.header("ETag") == "\"v1\"")
        #expect(response.header("Accept-Ranges") == "bytes")
        #expect(response.body == body)
        #expect(response.complete)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        #expect(server.url("/blob") == "http://127.0.0.1:\(server.port)/blob")
    }

    @Test func unknownPathGets404() throws {
        let server = try FaultServer()
        let response = try fetch(server, "/nowhere")
        #expect(response.status == 404)
        #expect(server.requests(to: "/nowhere").count == 1)
    }

    @Test func fixedResponsesFollowTheRequestCount() throws {
        let server = try FaultServer()
        server.route("/flaky", [.status(500), .status(500), .text("fine")])
        let statuses = try (0..<4).map { _ in try fetch(server, "/flaky").status }
        #expect(statuses == [500, 500, 200, 200])
        #expect(server.requests(to: "/flaky").map(\.index) == [0, 1, 2, 3])
    }

    @Test func routingAgainRestartsTheSequence() throws {
        let server = try FaultServer()
        server.route("/p", [.status(503), .text("a")])
        #expect(try fetch(server, "/p").status == 503)
        server.route("/p", [.status(429), .text("b")])
        #expect(try fetch(server, "/p").status == 429)
        #expect(try fetch(server, "/p").text == "b")
    }

    @Test func keepsTheConnectionAliveBetweenRequests() throws {
        let server = try FaultServer()
        server.route("/one", .text("first"))
        server.route("/two", .text("second"))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/one")
        #expect(try client.readResponse().text == "first")
        try client.request("GET", "/two")
        #expect(try client.readResponse().text == "second")
        #expect(server.connectionCount == 1)
        #expect(server.requests.map(\.connection) == [0, 0])
    }

    @Test func answersPipelinedRequestsInOrder() throws {
        let server = try FaultServer()
        server.route("/a", .text("A"))
        server.route("/b", .text("B"))
        let client = try LoopbackClient(port: server.port)
        try client.send(
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().text == "A")
        #expect(try client.readResponse().text == "B")
    }

    @Test func closesAfterAnHTTP10RequestWithoutKeepAlive() throws {
        let server = try FaultServer()
        server.route("/old", .text("old"))
        let client = try LoopbackClient(port: server.port)
        try client.send("GET /old HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.text == "old")
        #expect(response.header("Connection") == "close")
        #expect(client.readToEnd().isEmpty)
        #expect(client.sawEnd)
    }

    @Test func keepsAnHTTP10ConnectionAliveWhenAsked() throws {
        let server = try FaultServer()
        server.route("/old", .text("old"))
        let client = try LoopbackClient(port: server.port)
        for _ in 0..<2 {
            try client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "old")
            #expect(response.header("Connection") == "keep-alive")
        }
        #expect(server.connectionCount == 1)
    }

    @Test func servesByteRanges() throws {
        let server = try FaultServer()
        let body = pattern(100)
        server.route("/r", .ok(body))
        let middle = try fetch(server, "/r", headers: ["Range: bytes=10-19"])
        #expect(middle.status == 206)
        #expect(middle.header("Content-Range") == "bytes 10-19/100")
        #expect(middle.header("Content-Length") == "10")
        #expect(middle.body == Array(body[10..<20]))
        let tail = try fetch(server, "/r", headers: ["Range: bytes=90-"])
        #expect(tail.header("Content-Range") == "bytes 90-99/100")
        #expect(tail.body == Array(body[90...]))
        let suffix = try fetch(server, "/r", headers: ["Range: bytes=-5"])
        #expect(suffix.body == Array(body[95...]))
        let beyondEnd = try fetch(server, "/r", headers: ["Range: bytes=50-500"])
        #expect(beyondEnd.header("Content-Range") == "bytes 50-99/100")
    }

    @Test func answersUnsatisfiableRangesWith416() throws {
        let server = try FaultServer()
        server.route("/r", .ok(pattern(100)))
        let response = try fetch(server, "/r", headers: ["Range: bytes=100-"])
        #expect(response.status == 416)
        #expect(response.header("Content-Range") == "bytes */100")
        #expect(response.body.isEmpty)
    }

    @Test func sendsTheFullBodyWhenIfRangeDoesNotMatch() throws {
        let server = try FaultServer()
        let body = pattern(100)
        var response = ServerResponse.ok(body, etag: "\"new\"")
        response.lastModified = "Tue, 01 Jul 2025 10:00:00 GMT"
        server.route("/r", response)
        let stale = try fetch(server, "/r", headers: ["Range: bytes=10-", "If-Range: \"old\""])
        #expect(stale.status == 200)
        #expect(stale.body == body)
        let fresh = try fetch(server, "/r", headers: ["Range: bytes=10-", "If-Range: \"new\""])
        #expect(fresh.status == 206)
        #expect(fresh.body == Array(body[10...]))
        let byDate = try fetch(
            server, "/r",
            headers: ["Range: bytes=10-", "If-Range: Tue, 01 Jul 2025 10:00:00 GMT"])
        #expect(byDate.status == 206)
    }

    @Test func ignoresRangeWhenRangesAreNotAccepted() throws {
        let server = try FaultServer()
        let body = pattern(100)
        var response = ServerResponse.ok(body)
        response.acceptsRanges = false
        server.route("/r", response)
        let answer = try fetch(server, "/r", headers: ["Range: bytes=10-19"])
        #expect(answer.status == 200)
        #expect(answer.header("Accept-Ranges") == nil)
        #expect(answer.body == body)
    }

    @Test func dropsTheConnectionAfterTheGivenBodyBytes() throws {
        let server = try FaultServer()
        server.route("/d", ServerResponse.ok(pattern(1000)).dropping(after: 300))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/d")
        let response = try client.readResponse()
        #expect(response.header("Content-Length") == "1000")
        #expect(response.body == pattern(300))
        #expect(!response.complete)
        #expect(client.sawEnd)
        #expect(server.bodyBytesSent(to: "/d") == 300)
    }

    @Test func dropsAfterRangeSlicing() throws {
        let server = try FaultServer()
        let body = pattern(1000)
        server.route("/d", ServerResponse.ok(body).dropping(after: 50))
        let response = try fetch(server, "/d", headers: ["Range: bytes=500-"])
        #expect(response.status == 206)
        #expect(response.body == Array(body[500..<550]))
    }

    @Test func dropsInsideAChunkedBody() throws {
        let server = try FaultServer()
        server.route(
            "/d",
            ServerResponse.ok(pattern(100)).framed(.chunked(chunkSize: 30)).dropping(after: 45))
        let response = try fetch(server, "/d")
        #expect(response.body == pattern(45))
        #expect(!response.complete)
    }

    @Test func hangsUpWithoutAnswering() throws {
        let server = try FaultServer()
        server.route("/h", [.hangUp, .text("back")])
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/h")
        #expect(client.readToEnd().isEmpty)
        #expect(client.sawEnd)
        #expect(try fetch(server, "/h").text == "back")
    }

    @Test func declaresALengthThatIsNotTheBodys() throws {
        let server = try FaultServer()
        server.route("/lie", ServerResponse.ok(pattern(20)).framed(.declaredLength(50)))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/lie")
        let response = try client.readResponse()
        #expect(response.header("Content-Length") == "50")
        #expect(response.body == pattern(20))
        #expect(!response.complete)
        #expect(client.sawEnd)
    }

    @Test func sendsChunkedBodies() throws {
        let server = try FaultServer()
        let body = pattern(100)
        server.route("/c", ServerResponse.ok(body).framed(.chunked(chunkSize: 7)))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/c")
        let response = try client.readResponse()
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.header("Content-Length") == nil)
        #expect(response.body == body)
        #expect(response.complete)
        try client.request("GET", "/c")
        #expect(try client.readResponse().body == body)
        #expect(server.bodyBytesSent(to: "/c") == 200)
    }

    @Test func endsCloseDelimitedBodiesByClosing() throws {
        let server = try FaultServer()
        let body = pattern(5000)
        server.route("/e", ServerResponse.ok(body).framed(.closeDelimited))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/e")
        let response = try client.readResponse()
        #expect(response.header("Content-Length") == nil)
        #expect(response.header("Connection") == "close")
        #expect(response.body == body)
        #expect(client.sawEnd)
    }

    @Test func closesWhenTheResponseSaysSo() throws {
        let server = try FaultServer()
        var response = ServerResponse.text("bye")
        response.closeConnection = true
        server.route("/bye", response)
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/bye")
        let answer = try client.readResponse()
        #expect(answer.header("Connection") == "close")
        #expect(answer.text == "bye")
        #expect(client.readToEnd().isEmpty)
        #expect(client.sawEnd)
    }

    @Test func anEndlessStallEndsAtShutdown() throws {
        let server = try FaultServer()
        server.route("/s", ServerResponse.ok(pattern(100)).stalling(after: 10))
        let client = try LoopbackClient(port: server.port, readTimeout: 10)
        try client.request("GET", "/s")
        let started = ContinuousClock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { server.shutdown() }
        let response = try client.readResponse()
        let elapsed = ContinuousClock.now - started
        #expect(response.body == pattern(10))
        #expect(!response.complete)
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(3))
    }

    @Test func shutdownReturnsPromptlyWhileAStallIsOpen() throws {
        let server = try FaultServer()
        server.route("/s", ServerResponse.ok(pattern(100)).stalling(after: 0))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/s")
        try #require(try client.readResponse(isHead: true).status == 200)
        let started = ContinuousClock.now
        server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(client.readToEnd().isEmpty)
        #expect(client.sawEnd)
    }

    @Test func aTimedStallResumes() throws {
        let server = try FaultServer()
        let body = pattern(100)
        server.route("/s", ServerResponse.ok(body).stalling(after: 5, for: .milliseconds(200)))
        let started = ContinuousClock.now
        let response = try fetch(server, "/s")
        #expect(response.body == body)
        #expect(ContinuousClock.now - started >= .milliseconds(200))
    }

    @Test func tricklesTheBody() throws {
        let server = try FaultServer()
        let body = pattern(20)
        server.route("/t", ServerResponse.ok(body).trickling(4, every: .milliseconds(30)))
        let started = ContinuousClock.now
        let response = try fetch(server, "/t")
        #expect(response.body == body)
        #expect(ContinuousClock.now - started >= .milliseconds(120))
    }

    @Test func aGateHoldsTheBodyAtItsLimitUntilOpened() async throws {
        let server = try FaultServer()
        let body = pattern(100)
        let gate = BodyGate(openTo: 30)
        server.route("/g", ServerResponse.ok(body).gated(by: gate))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/g")
        #expect(await eventually { server.bodyBytesSent(to: "/g") == 30 })
        try await Task.sleep(for: .milliseconds(50))
        #expect(server.bodyBytesSent(to: "/g") == 30)
        gate.open(to: 10)
        #expect(gate.openedTo == 30)
        gate.open(to: 60)
        #expect(await eventually { server.bodyBytesSent(to: "/g") == 60 })
        gate.openFully()
        #expect(try client.readResponse().body == body)
    }

    @Test func aGateCountsPositionsInTheFullBodyForARangeRequest() async throws {
        let server = try FaultServer()
        let body = pattern(100)
        let gate = BodyGate(openTo: 70)
        server.route("/g", ServerResponse.ok(body).gated(by: gate))
        let client = try LoopbackClient(port: server.port)
        try client.request("GET", "/g", headers: ["Range: bytes=50-"])
        #expect(await eventually { server.bodyBytesSent(to: "/g") == 20 })
        gate.openFully()
        let response = try client.readResponse()
        #expect(response.status == 206)
        #expect(response.body == Array(body[50...]))
    }

    @Test func delaysTheWholeAnswer() throws {
        let server = try FaultServer()
        var response = ServerResponse.text("late")
        response.delay = .milliseconds(150)
        server.route("/late", response)
        let started = ContinuousClock.now
        #expect(try fetch(server, "/late").text == "late")
        #expect(ContinuousClock.now - started >= .milliseconds(150))
    }

    @Test func redirectsAndAsksToRetryLater() throws {
        let server = try FaultServer()
        server.route("/old", .redirect(to: "/new", status: 301))
        server.route("/busy", .retryAfter(7, status: 429))
        let moved = try fetch(server, "/old")
        #expect(moved.status == 301)
        #expect(moved.header("Location") == "/new")
        let busy = try fetch(server, "/busy")
        #expect(busy.status == 429)
        #expect(busy.header("Retry-After") == "7")
    }

    @Test func handlersSeeTheWholeRequest() throws {
        let server = try FaultServer()
        server.route("/upload") { request in
            let name = request.queryValue("name") ?? ""
            return .json(
                "{\"method\":\"\(request.method)\",\"name\":\"\(name)\","
                    + "\"size\":\(request.body.count)}", status: 201)
        }
        let client = try LoopbackClient(port: server.port)
        try client.request(
            "PUT", "/upload?name=a%20b+c&flag", headers: ["X-Token: secret"], body: "hello")
        let response = try client.readResponse()
        #expect(response.status == 201)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text == #"{"method":"PUT","name":"a b c","size":5}"#)
        let request = try #require(server.requests.first)
        #expect(request.method == "PUT")
        #expect(request.target == "/upload?name=a%20b+c&flag")
        #expect(request.path == "/upload")
        #expect(request.query == "name=a%20b+c&flag")
        #expect(
            request.queryItems == [ServerQueryItem("name", "a b c"), ServerQueryItem("flag", nil)])
        #expect(request.header("x-token") == "secret")
        #expect(request.bodyText == "hello")
    }

    @Test func readsChunkedRequestBodies() throws {
        let server = try FaultServer()
        server.route("/put", .status(204))
        let client = try LoopbackClient(port: server.port)
        try client.send(
            "PUT /put HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n")
        #expect(try client.readResponse().status == 204)
        #expect(server.requests(to: "/put").first?.bodyText == "hello, world")
    }

    @Test func answersExpectContinueBeforeTheBody() throws {
        let server = try FaultServer()
        server.route("/put", .status(201))
        let client = try LoopbackClient(port: server.port)
        try client.send(
            "PUT /put HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(try client.readResponse().status == 100)
        try client.send("abc")
        #expect(try client.readResponse().status == 201)
        #expect(server.requests.first?.bodyText == "abc")
    }

    @Test func answersHeadWithHeadersOnly() throws {
        let server = try FaultServer()
        server.route("/h", .ok(pattern(100)))
        let client = try LoopbackClient(port: server.port)
        try client.request("HEAD", "/h")
        let head = try client.readResponse(isHead: true)
        #expect(head.header("Content-Length") == "100")
        try client.request("GET", "/h")
        #expect(try client.readResponse().body == pattern(100))
        #expect(server.bodyBytesSent(to: "/h") == 100)
    }

    @Test func fallbackAnswersUnroutedPaths() throws {
        let server = try FaultServer()
        server.route("/known", .text("known"))
        server.fallback { request in .text("fallback for \(request.path)") }
        #expect(try fetch(server, "/known").text == "known")
        #expect(try fetch(server, "/other?x=1").text == "fallback for /other")
    }

    @Test func logsRequestsAndCountsBodyBytes() throws {
        let server = try FaultServer()
        server.route("/a", .ok(pattern(100)))
        server.route("/b", .ok(pattern(10)))
        _ = try fetch(server, "/a")
        _ = try fetch(server, "/b")
        _ = try fetch(server, "/a", headers: ["Range: bytes=60-"])
        _ = try fetch(server, "/a", method: "HEAD")
        #expect(server.requests.map(\.path) == ["/a", "/b", "/a", "/a"])
        #expect(server.requests(to: "/a").map(\.method) == ["GET", "GET", "HEAD"])
        #expect(server.requests(to: "/a").map(\.index) == [0, 1, 2])
        #expect(server.bodyBytesSent(to: "/a") == 140)
        #expect(server.bodyBytesSent(to: "/b") == 10)
        #expect(server.bodyBytesSent(to: "/c") == 0)
    }

    @Test func keepsOnlyTheLatestRequestsWhenLimited() throws {
        let server = try FaultServer(requestLogLimit: 2)
        server.route("/x", .text("x"))
        for number in 0..<5 {
            _ = try fetch(server, "/x?n=\(number)")
        }
        #expect(server.requests.map { $0.queryValue("n") } == ["3", "4"])
        #expect(server.requests.map(\.index) == [3, 4])
    }

    @Test(arguments: [
        ("garbage\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\nNo colon here\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\n: empty name\r\n\r\n", 400),
        ("GET /x HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        ("GET x HTTP/1.1\r\n\r\n", 400),
        ("GET /x HTTP/2.0\r\n\r\n", 505),
        ("GET /x SPDY\r\n\r\n", 400),
        ("POST /x HTTP/1.1\r\nContent-Length: ten\r\n\r\n", 400),
        ("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("GET /x HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\n\r\n", 431),
    ])
    func rejectsMalformedRequests(request: String, status: Int) throws {
        let server = try FaultServer()
        server.route("/x", .text("x"))
        let client = try LoopbackClient(port: server.port)
        try client.send(request)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        #expect(server.requests.isEmpty)
        #expect(try fetch(server, "/x").text == "x")
    }

    @Test func servesManyConcurrentConnections() throws {
        let server = try FaultServer()
        let body = pattern(50_000)
        server.route("/blob", .ok(body))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let client = try LoopbackClient(port: server.port)
                for _ in 0..<10 {
                    try client.request("GET", "/blob")
                    if try client.readResponse().body != body {
                        failures.withLock { $0 += 1 }
                    }
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(server.requests(to: "/blob").count == 80)
        #expect(server.connectionCount == 8)
        #expect(server.bodyBytesSent(to: "/blob") == 80 * 50_000)
    }

    @Test func sendsLargeBodies() throws {
        let server = try FaultServer()
        let body = pattern(3 << 20)
        server.route("/big", .ok(body))
        let response = try fetch(server, "/big")
        #expect(response.body.count == body.count)
        #expect(response.body == body)
    }

    @Test func shutdownIsIdempotentAndRefusesNewConnections() throws {
        let server = try FaultServer()
        server.route("/x", .text("x"))
        let idle = try LoopbackClient(port: server.port)
        try idle.request("GET", "/x")
        #expect(try idle.readResponse().text == "x")
        server.shutdown()
        server.shutdown()
        #expect(idle.readToEnd().isEmpty)
        #expect(idle.sawEnd)
        #expect(throws: LoopbackClient.Failure.self) {
            _ = try LoopbackClient(port: server.port)
        }
    }

    @Test func shutdownClosesEveryKindOfOpenConnection() throws {
        let server = try FaultServer()
        server.route("/idle", .text("idle"))
        server.route("/stall", ServerResponse.ok(pattern(100)).stalling(after: 1))
        server.route("/slow", ServerResponse.ok(pattern(100)).trickling(1, every: .seconds(1)))
        let silent = try LoopbackClient(port: server.port)
        try silent.send("GET /idle HTTP/1.1\r\n")
        let idle = try LoopbackClient(port: server.port)
        try idle.request("GET", "/idle")
        _ = try idle.readResponse()
        let stalled = try LoopbackClient(port: server.port)
        try stalled.request("GET", "/stall")
        let trickled = try LoopbackClient(port: server.port)
        try trickled.request("GET", "/slow")
        _ = try stalled.readResponse(isHead: true)
        _ = try trickled.readResponse(isHead: true)
        #expect(server.openConnectionCount == 4)
        let started = ContinuousClock.now
        server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(server.openConnectionCount == 0)
        for client in [idle, stalled, trickled, silent] {
            _ = client.readToEnd()
            #expect(client.sawEnd)
        }
    }

    @Test func releasesConnectionsThatClientsClose() throws {
        let server = try FaultServer()
        server.route("/x", .text("x"))
        for _ in 0..<50 {
            #expect(try fetch(server, "/x").text == "x")
        }
        let deadline = ContinuousClock.now + .seconds(3)
        while server.openConnectionCount > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(server.openConnectionCount == 0)
        #expect(server.connectionCount == 50)
    }

    @Test func releasingTheServerShutsItDown() throws {
        var server: FaultServer? = try FaultServer()
        let port = try #require(server?.port)
        server = nil
        #expect(throws: LoopbackClient.Failure.self) {
            _ = try LoopbackClient(port: port)
        }
    }

    @Test func servesHTTPSWithASelfSignedIdentity() throws {
        let identity = try TLSIdentity.selfSigned()
        defer { identity.removeCertificateFile() }
        #expect(FileManager.default.fileExists(atPath: identity.certificatePath))
        #expect(identity.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let server = try FaultServer(tls: identity)
        #expect(server.baseURL == "https://127.0.0.1:\(server.port)")
        server.route("/secure", .text("secret"))
        for host in ["127.0.0.1", "localhost"] {
            let reply = try TLSLoopbackClient.exchange(
                port: server.port, trusting: identity.certificatePath, host: host,
                request: "GET /secure HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            let text = String(decoding: reply, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.hasSuffix("\r\n\r\nsecret"))
        }
        #expect(server.requests(to: "/secure").count == 2)
    }

    @Test func httpsRefusesAnUntrustedOrMisnamedCertificate() throws {
        let identity = try TLSIdentity.selfSigned()
        let stranger = try TLSIdentity.selfSigned()
        defer {
            identity.removeCertificateFile()
            stranger.removeCertificateFile()
        }
        let server = try FaultServer(tls: identity)
        let request = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        #expect(throws: FaultServerError.self) {
            _ = try TLSLoopbackClient.exchange(
                port: server.port, trusting: stranger.certificatePath, host: "127.0.0.1",
                request: request)
        }
        #expect(throws: FaultServerError.self) {
            _ = try TLSLoopbackClient.exchange(
                port: server.port, trusting: identity.certificatePath, host: "example.com",
                request: request)
        }
        #expect(server.requests.isEmpty)
    }

    @Test func reportsABusyPort() throws {
        let server = try FaultServer()
        let error = #expect(throws: FaultServerError.self) {
            _ = try FaultServer(port: server.port)
        }
        #expect(error?.kind == .socket)
        #expect(error?.description.contains("bind") == true)
    }
}
