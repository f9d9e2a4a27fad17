import Foundation

/// The parts of an absolute URL that a Hawk signature covers, read from the URL text as it will
/// be sent (nothing is re-encoded): the host, the port and the resource (path and query).
struct HawkURL {
    /// The host in lower case, without the brackets of an IPv6 literal.
    var host: String
    /// The explicit port, else 443 for https and 80 for http.
    var port: Int
    /// The path (`/` when empty) followed by `?` and the query when there is one.
    var resource: String
    /// The URL up to its fragment.
    private var beforeFragment: Substring
    /// The fragment with its `#`, or empty.
    private var fragment: Substring

    /// Reads a URL.
    ///
    /// - Parameter url: An absolute `http` or `https` URL.
    /// - Throws: `HawkError.invalidURL` (with the URL redacted) when it is not one.
    init(_ url: String) throws(HawkError) {
        let invalid = HawkError.invalidURL(Redaction.redact(url: url))
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f }),
            let schemeEnd = url.range(of: "://")
        else {
            throw invalid
        }
        let defaultPort: Int
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "https": defaultPort = 443
        case "http": defaultPort = 80
        default: throw invalid
        }
        let fragmentStart = url.firstIndex(of: "#") ?? url.endIndex
        beforeFragment = url[..<fragmentStart]
        fragment = url[fragmentStart...]
        let afterScheme = beforeFragment[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" })
        let authority = afterScheme[..<(authorityEnd ?? afterScheme.endIndex)]
        let pathAndQuery = afterScheme[(authorityEnd ?? afterScheme.endIndex)...]
        var hostAndPort = authority
        if let at = authority.lastIndex(of: "@") {
            hostAndPort = authority[authority.index(after: at)...]
        }
        var portText: Substring = ""
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else {
                throw invalid
            }
            host = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
                .lowercased()
            let rest = hostAndPort[hostAndPort.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else {
                throw invalid
            }
            portText = rest.dropFirst()
        } else if let colon = hostAndPort.firstIndex(of: ":") {
            host = hostAndPort[..<colon].lowercased()
            portText = hostAndPort[hostAndPort.index(after: colon)...]
        } else {
            host = hostAndPort.lowercased()
        }
        guard !host.isEmpty else {
            throw invalid
        }
        if portText.isEmpty {
            port = defaultPort
        } else {
            guard portText.allSatisfy(\.isASCII), let number = Int(portText),
                (1...65535).contains(number)
            else {
                throw invalid
            }
            port = number
        }
        var path = pathAndQuery
        var query: Substring = ""
        if let question = pathAndQuery.firstIndex(of: "?") {
            path = pathAndQuery[..<question]
            query = pathAndQuery[pathAndQuery.index(after: question)...]
        }
        resource = (path.isEmpty ? "/" : String(path)) + (query.isEmpty ? "" : "?\(query)")
    }

    /// The URL with a query parameter appended, after any existing query and before the
    /// fragment.
    ///
    /// - Parameter parameter: The `name=value` text to append, already encoded.
    /// - Returns: The new URL.
    func appendingQueryParameter(_ parameter: String) -> String {
        let separator: String
        if let question = beforeFragment.firstIndex(of: "?") {
            separator = beforeFragment.index(after: question) == beforeFragment.endIndex ? "" : "&"
        } else {
            separator = "?"
        }
        return "\(beforeFragment)\(separator)\(parameter)\(fragment)"
    }
}
