/// The status and headers of the final response of a request (after redirects).
struct ResponseHead: Sendable {
    /// The HTTP status code.
    var status: Int

    /// The header fields, in order, names as sent.
    var headers: [(name: String, value: String)]

    /// The URL that answered, after redirects.
    var effectiveURL: String

    /// The value of the first header called `name`, compared without case.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body's declared length, if any.
    var contentLength: Int64? {
        header("Content-Length").flatMap { Int64($0.trimmingSpaces) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The validator to send in `If-Range` when resuming: the ETag if strong, else the
    /// Last-Modified date.
    var resumeValidator: String? {
        if let etag = header("ETag"), !etag.hasPrefix("W/") {
            return etag
        }
        return header("Last-Modified")
    }

    /// The parsed `Content-Range` of a 206 answer.
    var contentRange: ContentRange? {
        header("Content-Range").flatMap(ContentRange.init(parsing:))
    }

    /// The delay a 429 or 503 answer asks for in `Retry-After`, in seconds or as a date.
    func retryAfter(now: Double) -> Duration? {
        guard let value = header("Retry-After")?.trimmingSpaces else { return nil }
        if let seconds = Int64(value), seconds >= 0 {
            return .seconds(seconds)
        }
        if let date = HTTPDate.secondsSince1970(parsing: value) {
            return .seconds(max(0, date - now))
        }
        return nil
    }

    /// The standard reason phrase of ``status``, for messages.
    var statusText: String {
        HTTPStatus.text(status)
    }
}

/// `Content-Range: bytes <first>-<last>/<total>`.
struct ContentRange: Sendable, Hashable {
    var first: Int64
    var last: Int64
    var total: Int64?

    init?(parsing text: String) {
        let value = text.trimmingSpaces
        guard value.hasPrefix("bytes ") else { return nil }
        let parts = value.dropFirst(6).split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let bounds = parts[0].split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]),
            first >= 0, last >= first
        else { return nil }
        self.first = first
        self.last = last
        if parts[1] == "*" {
            total = nil
        } else if let total = Int64(parts[1]), total > last {
            self.total = total
        } else {
            return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        // "\r\n" is one Character, which `isWhitespace` covers.
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
