/// What a ``FaultServer`` answers to one request, with the faults to inject while sending it.
///
/// The fault settings apply to the body as sent: after range slicing, before any chunked
/// framing. A response that ends early (``dropAfter``, an endless stall) closes the connection
/// without a TLS close-notify, as a broken network would.
public struct ServerResponse: Sendable {
    /// How the end of the body is shown to the client.
    public enum Framing: Sendable, Equatable {
        /// A `Content-Length` header with the exact length of the body sent.
        case contentLength
        /// A `Content-Length` header with this length, whatever the body's length; the
        /// connection is closed after the body.
        case declaredLength(Int)
        /// No length at all: the body ends when the server closes the connection.
        case closeDelimited
        /// `Transfer-Encoding: chunked`, in chunks of at most `chunkSize` bytes.
        case chunked(chunkSize: Int)
    }

    /// Sending the body slowly: `bytes` at a time, with a pause of `interval` between pieces.
    public struct Trickle: Sendable, Equatable {
        /// The size of each piece, at least 1.
        public var bytes: Int

        /// The pause between two pieces.
        public var interval: Duration

        /// Makes a trickle setting.
        /// - Parameters:
        ///   - bytes: The size of each piece, at least 1.
        ///   - interval: The pause between two pieces.
        public init(bytes: Int, interval: Duration) {
            self.bytes = bytes
            self.interval = interval
        }
    }

    /// The status code, such as 200.
    public var status: Int

    /// Header fields sent as given, before the ones the server adds itself
    /// (`ETag`, `Last-Modified`, `Accept-Ranges`, `Content-Range`, framing, `Connection`).
    public var headers: [ServerHeader]

    /// The full body (before range slicing).
    public var body: [UInt8]

    /// How the end of the body is shown; ``Framing/contentLength`` by default.
    public var framing: Framing

    /// Whether `Range: bytes=...` requests are honoured with 206 (or 416) answers.
    ///
    /// Only a 200 answer to `GET` or `HEAD` is sliced. A request with `If-Range` that equals
    /// neither ``etag`` nor ``lastModified`` gets the full 200. When `false`, `Range` is ignored.
    public var acceptsRanges: Bool

    /// An entity tag, sent as the `ETag` header when set (include the quotes).
    public var etag: String?

    /// A date, sent as the `Last-Modified` header when set.
    public var lastModified: String?

    /// Closes the connection abruptly once this many body bytes were sent. When it is at least
    /// the length of the body sent, the whole body goes out before the close (a chunked body
    /// then lacks its final empty chunk).
    public var dropAfter: Int?

    /// Stops sending once this many body bytes were sent, for ``stallDuration``.
    public var stallAfter: Int?

    /// How long a stall lasts; `nil` stalls until the client closes or the server shuts down,
    /// and then the connection is closed.
    public var stallDuration: Duration?

    /// Sends the body in small pieces with pauses in between.
    public var trickle: Trickle?

    /// Holds the body back past the gate's limit until the test opens it further.
    public var gate: BodyGate?

    /// Waits this long before sending anything at all (the status line included).
    public var delay: Duration?

    /// Sends `Connection: close` and closes the connection after this response.
    public var closeConnection: Bool

    /// Closes the connection without sending any response at all (see ``hangUp``).
    public var hangsUp: Bool

    /// Makes a response.
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Header fields to send as given.
    ///   - body: The full body.
    ///   - framing: How the end of the body is shown.
    ///   - acceptsRanges: Whether `Range` requests are honoured.
    ///   - etag: The `ETag` header value, if any.
    ///   - lastModified: The `Last-Modified` header value, if any.
    public init(
        status: Int = 200,
        headers: [ServerHeader] = [],
        body: [UInt8] = [],
        framing: Framing = .contentLength,
        acceptsRanges: Bool = true,
        etag: String? = nil,
        lastModified: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.framing = framing
        self.acceptsRanges = acceptsRanges
        self.etag = etag
        self.lastModified = lastModified
        self.closeConnection = false
        self.hangsUp = false
    }
}
