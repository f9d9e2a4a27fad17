/// The decisions made before sending a response: status after `Range`, the body slice, the
/// head with its added fields, and what happens to the connection afterwards.
struct ResponsePlan {
    /// The response, with its framing adjusted for answers that have no body.
    let response: ServerResponse

    /// The status sent (206 or 416 after a `Range` request).
    let status: Int

    /// The part of the body sent.
    let bodyRange: Range<Int>

    /// Whether body bytes follow the head.
    let sendsBody: Bool

    /// The status line and header fields, with the empty line that ends them.
    let head: String

    /// What the connection does after a complete response.
    let outcome: ResponseWriter.Outcome

    /// Plans the answer to `request`.
    init(response original: ServerResponse, request: ParsedRequest) {
        var response = original
        var status = response.status
        var bodyRange = 0..<response.body.count
        var fields = response.headers
        let total = response.body.count
        if let etag = response.etag {
            fields.append(ServerHeader("ETag", etag))
        }
        if let lastModified = response.lastModified {
            fields.append(ServerHeader("Last-Modified", lastModified))
        }
        if response.acceptsRanges, status == 200 {
            fields.append(ServerHeader("Accept-Ranges", "bytes"))
        }
        if let rangeHeader = request.headers.firstValue(named: "Range"),
            Self.honoursRange(response: response, request: request)
        {
            switch ByteRangeRequest(header: rangeHeader, length: total) {
            case .satisfiable(let range):
                status = 206
                bodyRange = range
                fields.append(
                    ServerHeader(
                        "Content-Range",
                        "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(total)")
                )
            case .unsatisfiable:
                status = 416
                bodyRange = 0..<0
                response.framing = .contentLength
                fields.append(ServerHeader("Content-Range", "bytes */\(total)"))
            case .ignored:
                break
            }
        }
        let hasNoBody = (100..<200).contains(status) || status == 204 || status == 304
        if hasNoBody {
            bodyRange = 0..<0
        }
        var closes = !request.keepAlive || response.closeConnection
        switch response.framing {
        case _ where hasNoBody:
            break
        case .contentLength:
            fields.append(ServerHeader("Content-Length", String(bodyRange.count)))
        case .declaredLength(let length):
            fields.append(ServerHeader("Content-Length", String(length)))
        case .closeDelimited:
            closes = true
        case .chunked:
            fields.append(ServerHeader("Transfer-Encoding", "chunked"))
        }
        if closes {
            fields.append(ServerHeader("Connection", "close"))
        } else if request.version == "HTTP/1.0" {
            fields.append(ServerHeader("Connection", "keep-alive"))
        }
        var head = "HTTP/1.1 \(status) \(HTTPStatusText.phrase(for: status))\r\n"
        for field in fields {
            head += "\(field.name): \(field.value)\r\n"
        }
        head += "\r\n"
        self.response = response
        self.status = status
        self.bodyRange = bodyRange
        self.sendsBody = !request.isHead && !hasNoBody
        self.head = head
        if case .declaredLength = response.framing, !hasNoBody {
            closes = true
        }
        self.outcome = closes ? .close : .keepOpen
    }

    /// Whether a `Range` request is answered with a slice: only for a 200 answer to `GET` or
    /// `HEAD` that accepts ranges, and when `If-Range` (if sent) matches the validator.
    private static func honoursRange(response: ServerResponse, request: ParsedRequest) -> Bool {
        guard response.acceptsRanges, response.status == 200,
            request.method == "GET" || request.method == "HEAD"
        else {
            return false
        }
        guard let condition = request.headers.firstValue(named: "If-Range") else {
            return true
        }
        return condition == response.etag || condition == response.lastModified
    }
}
