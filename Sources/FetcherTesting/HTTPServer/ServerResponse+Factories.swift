extension ServerResponse {
    /// A 200 answer with this body, honouring `Range`.
    /// - Parameters:
    ///   - body: The body bytes.
    ///   - etag: An entity tag to send (include the quotes), if any.
    /// - Returns: The response.
    public static func ok(_ body: [UInt8], etag: String? = nil) -> ServerResponse {
        ServerResponse(
            headers: [ServerHeader("Content-Type", "application/octet-stream")],
            body: body,
            etag: etag
        )
    }

    /// A plain-text answer.
    /// - Parameters:
    ///   - string: The body, sent as UTF-8.
    ///   - status: The status code.
    /// - Returns: The response.
    public static func text(_ string: String, status: Int = 200) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [ServerHeader("Content-Type", "text/plain; charset=utf-8")],
            body: Array(string.utf8)
        )
    }

    /// A JSON answer from JSON text.
    /// - Parameters:
    ///   - json: The JSON document, sent as UTF-8.
    ///   - status: The status code.
    /// - Returns: The response.
    public static func json(_ json: String, status: Int = 200) -> ServerResponse {
        .json(Array(json.utf8), status: status)
    }

    /// A JSON answer from JSON bytes.
    /// - Parameters:
    ///   - json: The JSON document, as UTF-8 bytes.
    ///   - status: The status code.
    /// - Returns: The response.
    public static func json(_ json: [UInt8], status: Int = 200) -> ServerResponse {
        ServerResponse(
            status: status,
            headers: [ServerHeader("Content-Type", "application/json")],
            body: json
        )
    }

    /// An answer with this status and a plain-text body.
    /// - Parameters:
    ///   - code: The status code.
    ///   - body: The body text; empty by default.
    ///   - headers: Extra header fields.
    /// - Returns: The response.
    public static func status(
        _ code: Int, body: String = "", headers: [ServerHeader] = []
    ) -> ServerResponse {
        var fields = headers
        if !body.isEmpty {
            fields.append(ServerHeader("Content-Type", "text/plain; charset=utf-8"))
        }
        return ServerResponse(status: code, headers: fields, body: Array(body.utf8))
    }

    /// A redirect to another location.
    /// - Parameters:
    ///   - location: The `Location` header value, absolute or relative.
    ///   - status: The status code: 301, 302, 303, 307 or 308.
    /// - Returns: The response.
    public static func redirect(to location: String, status: Int = 302) -> ServerResponse {
        ServerResponse(status: status, headers: [ServerHeader("Location", location)])
    }

    /// A "come back later" answer with a `Retry-After` header.
    /// - Parameters:
    ///   - seconds: The `Retry-After` delay in seconds.
    ///   - status: The status code, 503 by default (429 is the other usual one).
    /// - Returns: The response.
    public static func retryAfter(_ seconds: Int, status: Int = 503) -> ServerResponse {
        ServerResponse(status: status, headers: [ServerHeader("Retry-After", String(seconds))])
    }

    /// A connection closed without any answer, as a crashed server would.
    public static var hangUp: ServerResponse {
        var response = ServerResponse(status: 0)
        response.hangsUp = true
        return response
    }

    /// This response with its body cut off: the connection closes after `bytes` body bytes.
    /// - Parameter bytes: How many body bytes to send before closing.
    /// - Returns: The changed response.
    public func dropping(after bytes: Int) -> ServerResponse {
        var copy = self
        copy.dropAfter = bytes
        return copy
    }

    /// This response with a pause in the body.
    /// - Parameters:
    ///   - bytes: How many body bytes to send before the pause.
    ///   - duration: How long to pause; `nil` waits until the client closes or the server
    ///     shuts down, then closes the connection.
    /// - Returns: The changed response.
    public func stalling(after bytes: Int, for duration: Duration? = nil) -> ServerResponse {
        var copy = self
        copy.stallAfter = bytes
        copy.stallDuration = duration
        return copy
    }

    /// This response with another framing.
    /// - Parameter framing: How the end of the body is shown.
    /// - Returns: The changed response.
    public func framed(_ framing: Framing) -> ServerResponse {
        var copy = self
        copy.framing = framing
        return copy
    }

    /// This response sent slowly, in small pieces.
    /// - Parameters:
    ///   - bytes: The size of each piece.
    ///   - interval: The pause between pieces.
    /// - Returns: The changed response.
    public func trickling(_ bytes: Int, every interval: Duration) -> ServerResponse {
        var copy = self
        copy.trickle = Trickle(bytes: bytes, interval: interval)
        return copy
    }

    /// This response with its body released by `gate`: the server sends the body up to the
    /// gate's limit, then waits for the gate to open further (or the client to go).
    /// - Parameter gate: The gate the test opens.
    /// - Returns: The changed response.
    public func gated(by gate: BodyGate) -> ServerResponse {
        var copy = self
        copy.gate = gate
        return copy
    }
}
