/// A request as read off the wire, before the server numbers and logs it.
struct ParsedRequest {
    var method: String
    var target: String
    var version: String
    var headers: [ServerHeader]
    var body: [UInt8]

    /// Whether the client wants the connection kept open after the answer.
    var keepAlive: Bool {
        let tokens = (headers.firstValue(named: "Connection") ?? "")
            .lowercased().split(separator: ",").map { $0.trimmingOptionalWhitespace() }
        if version == "HTTP/1.0" {
            return tokens.contains("keep-alive")
        }
        return !tokens.contains("close")
    }

    /// Whether the answer must leave out the body.
    var isHead: Bool { method == "HEAD" }
}
