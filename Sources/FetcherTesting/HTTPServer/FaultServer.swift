/// A small HTTP/1.1 server on 127.0.0.1 that misbehaves on request, for tests.
///
/// Each path is answered by fixed responses or by a handler; a ``ServerResponse`` can drop the
/// connection, stall, trickle, lie about its length and more. The server keeps connections
/// alive, serves each on its own thread, and logs every request.
///
/// ```swift
/// let server = try FaultServer()
/// server.route("/blob", [.status(500), .ok(bytes).dropping(after: 100), .ok(bytes)])
/// // fetch server.url("/blob") ...
/// #expect(server.requests(to: "/blob").count == 3)
/// ```
///
/// Call ``shutdown()`` when done, or let the server go: it shuts down when released. A
/// handler that captures the server keeps it alive, so call ``shutdown()`` in that case.
public final class FaultServer: Sendable {
    private let core: ServerCore

    /// Starts listening on 127.0.0.1 and serving in background threads.
    /// - Parameters:
    ///   - port: The port to listen on; 0 (the default) lets the system pick a free one.
    ///   - tls: An identity to serve HTTPS with; `nil` (the default) serves plain HTTP.
    ///   - requestLogLimit: The most recent requests to keep in ``requests``; `nil` keeps all
    ///     (set a limit for a long-running server).
    /// - Throws: ``FaultServerError`` when the port cannot be bound, the identity is
    ///   unusable, or a thread cannot be started.
    public init(port: Int = 0, tls: TLSIdentity? = nil, requestLogLimit: Int? = nil) throws {
        core = try ServerCore(port: port, tls: tls, logLimit: requestLogLimit)
        isSecure = tls != nil
    }

    deinit {
        core.shutdown()
    }

    /// Whether the server speaks HTTPS.
    public let isSecure: Bool

    /// The port the server listens on.
    public var port: Int { core.port }

    /// The server's origin, `http://127.0.0.1:<port>` (or `https://` with TLS).
    public var baseURL: String { "\(isSecure ? "https" : "http")://127.0.0.1:\(port)" }

    /// The URL of a path on this server.
    /// - Parameter path: A path starting with `/`, possibly with a query.
    /// - Returns: ``baseURL`` followed by `path`.
    public func url(_ path: String) -> String {
        baseURL + path
    }

    /// Answers requests to `path` with fixed responses, in order: the n-th request from now
    /// on gets `responses[n]`, and every request after the last gets the last one again.
    /// - Parameters:
    ///   - path: The path, without query, exactly as clients send it.
    ///   - responses: The answers, at least one.
    public func route(_ path: String, _ responses: [ServerResponse]) {
        precondition(!responses.isEmpty, "FaultServer.route(_:_:) needs at least one response")
        core.records.withLock { $0.setResponses(responses, for: path) }
    }

    /// Answers every request to `path` with the same response.
    /// - Parameters:
    ///   - path: The path, without query, exactly as clients send it.
    ///   - response: The answer.
    public func route(_ path: String, _ response: ServerResponse) {
        route(path, [response])
    }

    /// Answers requests to `path` by calling a handler, on the connection's thread.
    /// - Parameters:
    ///   - path: The path, without query, exactly as clients send it.
    ///   - handler: Makes the answer to each request.
    public func route(
        _ path: String, handler: @escaping @Sendable (ServerRequest) -> ServerResponse
    ) {
        core.records.withLock { $0.routes[path] = .handler(handler) }
    }

    /// Answers requests to paths that have no route (without it: 404).
    /// - Parameter handler: Makes the answer to each such request.
    public func fallback(_ handler: @escaping @Sendable (ServerRequest) -> ServerResponse) {
        core.records.withLock { $0.fallback = handler }
    }

    /// Every request received so far (well-formed ones), in order of arrival.
    public var requests: [ServerRequest] {
        core.records.withLock { $0.log }
    }

    /// The requests received so far for one path.
    /// - Parameter path: The path, without query.
    /// - Returns: The requests to that path, in order of arrival.
    public func requests(to path: String) -> [ServerRequest] {
        core.records.withLock { $0.log.filter { $0.path == path } }
    }

    /// The number of body bytes written so far in answers to one path, over all requests
    /// (after range slicing, without chunk framing).
    /// - Parameter path: The path, without query.
    /// - Returns: The byte count.
    public func bodyBytesSent(to path: String) -> Int {
        core.records.withLock { $0.bodyBytesSent[path, default: 0] }
    }

    /// The number of connections accepted so far.
    public var connectionCount: Int { core.connectionCount }

    /// The number of connections still open on the server's side.
    var openConnectionCount: Int { core.openConnectionCount }

    /// Stops the server: closes the listener and every open connection, wakes stalled and
    /// trickling answers, and waits for all of the server's threads to end. Calling it again
    /// does nothing.
    public func shutdown() {
        core.shutdown()
    }
}
