/// A request received by a ``FaultServer``, with its body read in full.
public struct ServerRequest: Sendable {
    /// The request method as sent, such as `GET` or `PUT`.
    public var method: String

    /// The request target as sent: the path with its query, if any.
    public var target: String

    /// The path of the target, without the query (still percent-encoded, as sent).
    public var path: String

    /// The raw query string after `?`, or `nil` when the target had none.
    public var query: String?

    /// The query items, percent-decoded (`+` reads as a space), in order.
    public var queryItems: [ServerQueryItem]

    /// The protocol version from the request line, such as `HTTP/1.1`.
    public var version: String

    /// The header fields, in the order received.
    public var headers: [ServerHeader]

    /// The body, after removing any chunked framing; empty when there was none.
    public var body: [UInt8]

    /// Which request to ``path`` this is, counting from 0 since the server started.
    public var index: Int

    /// Which connection carried this request, counting accepted connections from 0.
    public var connection: Int

    /// The value of the first header field with this name, compared case-insensitively.
    /// - Parameter name: A field name such as `Range`.
    /// - Returns: The field value, or `nil` when the request has no such field.
    public func header(_ name: String) -> String? {
        headers.firstValue(named: name)
    }

    /// The value of the first query item with this name.
    /// - Parameter name: The decoded item name.
    /// - Returns: The decoded value (empty for an item without `=`), or `nil` when absent.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }.map { $0.value ?? "" }
    }

    /// The body decoded as UTF-8, with invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Makes a request value, as the server does when it has read one.
    /// - Parameters:
    ///   - method: The request method.
    ///   - target: The request target, path and query.
    ///   - version: The protocol version from the request line.
    ///   - headers: The header fields.
    ///   - body: The body bytes.
    ///   - index: Which request to this path it is.
    ///   - connection: Which connection carried it.
    public init(
        method: String,
        target: String,
        version: String = "HTTP/1.1",
        headers: [ServerHeader] = [],
        body: [UInt8] = [],
        index: Int = 0,
        connection: Int = 0
    ) {
        self.method = method
        self.target = target
        let split = RequestTarget(target)
        self.path = split.path
        self.query = split.query
        self.queryItems = split.queryItems
        self.version = version
        self.headers = headers
        self.body = body
        self.index = index
        self.connection = connection
    }
}
