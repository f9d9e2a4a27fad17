/// The routes of a server and what it has seen: the request log and the body byte counts.
/// Kept inside a `Mutex` by ``ServerCore``.
struct ServerRecords {
    /// A handler that answers requests.
    typealias Handler = @Sendable (ServerRequest) -> ServerResponse

    /// How one path is answered.
    enum Route {
        /// A fixed list of answers, counted from the request with index `firstIndex`.
        case responses([ServerResponse], firstIndex: Int)
        /// A handler called for each request.
        case handler(Handler)
    }

    /// How a request is to be answered, decided under the lock and carried out outside it.
    enum Answer {
        case fixed(ServerResponse)
        case handler(Handler)
    }

    var routes: [String: Route] = [:]
    var fallback: Handler?
    var log: [ServerRequest] = []
    var logLimit: Int?
    var requestCounts: [String: Int] = [:]
    var bodyBytesSent: [String: Int] = [:]

    /// Numbers and logs a request, and picks how to answer it.
    /// - Parameters:
    ///   - parsed: The request as read.
    ///   - connection: The number of the connection that carried it.
    /// - Returns: The logged request and the way to answer it.
    mutating func admit(_ parsed: ParsedRequest, connection: Int) -> (ServerRequest, Answer) {
        var request = ServerRequest(
            method: parsed.method, target: parsed.target, version: parsed.version,
            headers: parsed.headers, body: parsed.body, connection: connection)
        request.index = requestCounts[request.path, default: 0]
        requestCounts[request.path] = request.index + 1
        log.append(request)
        if let logLimit, log.count > logLimit {
            log.removeFirst(log.count - logLimit)
        }
        switch routes[request.path] {
        case .responses(let responses, let firstIndex):
            let position = min(max(0, request.index - firstIndex), responses.count - 1)
            return (request, .fixed(responses[position]))
        case .handler(let handler):
            return (request, .handler(handler))
        case nil:
            if let fallback {
                return (request, .handler(fallback))
            }
            return (request, .fixed(.status(404, body: "no route for \(request.path)\n")))
        }
    }

    /// Sets the fixed answers of a path, counted from its next request.
    mutating func setResponses(_ responses: [ServerResponse], for path: String) {
        routes[path] = .responses(responses, firstIndex: requestCounts[path, default: 0])
    }
}
