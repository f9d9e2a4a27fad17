/// Parses a request line and header fields, strictly enough to turn away broken requests.
enum RequestHeadParser {
    /// How the length of a request body is given.
    enum BodyFraming: Equatable {
        case length(Int)
        case chunked
    }

    /// Parses the head lines (without line ends).
    /// - Parameter lines: The request line followed by the field lines.
    /// - Returns: The request, with an empty body.
    /// - Throws: ``RequestRejection`` for a malformed head.
    static func parse(_ lines: [[UInt8]]) throws -> ParsedRequest {
        guard let requestLine = lines.first else {
            throw RequestRejection(status: 400, reason: "the request line is missing")
        }
        let parts = requestLine.split(
            separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
            throw RequestRejection(status: 400, reason: "the request line is malformed")
        }
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            target.first == UInt8(ascii: "/") || target.elementsEqual("*".utf8)
                || target.starts(with: "http://".utf8) || target.starts(with: "https://".utf8)
        else {
            throw RequestRejection(status: 400, reason: "the request target is malformed")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        try check(version: version)
        return ParsedRequest(
            method: String(decoding: parts[0], as: UTF8.self),
            target: String(decoding: target, as: UTF8.self),
            version: version,
            headers: try lines.dropFirst().map(parseField),
            body: []
        )
    }

    /// Reads the body framing from the header fields.
    /// - Throws: ``RequestRejection`` for a conflicting or unsupported framing.
    static func bodyFraming(_ headers: [ServerHeader]) throws -> BodyFraming {
        let transferEncodings = headers.filter { $0.name.lowercased() == "transfer-encoding" }
        let lengths = headers.filter { $0.name.lowercased() == "content-length" }
            .flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingOptionalWhitespace() }
        if !transferEncodings.isEmpty {
            guard lengths.isEmpty else {
                throw RequestRejection(
                    status: 400, reason: "both Transfer-Encoding and Content-Length are given")
            }
            let codings =
                transferEncodings
                .flatMap { $0.value.lowercased().split(separator: ",") }
                .map { $0.trimmingOptionalWhitespace() }
            guard codings == ["chunked"] else {
                throw RequestRejection(
                    status: 501, reason: "only the chunked transfer coding is supported")
            }
            return .chunked
        }
        guard let first = lengths.first else {
            return .length(0)
        }
        guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 19,
            first.allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(first)
        else {
            throw RequestRejection(status: 400, reason: "the Content-Length is malformed")
        }
        guard length <= RequestReader.bodyLimit else {
            throw RequestRejection(status: 413, reason: "the request body exceeds 4 GiB")
        }
        return .length(length)
    }

    /// Accepts HTTP/1.0 and HTTP/1.1.
    private static func check(version: String) throws {
        if version == "HTTP/1.1" || version == "HTTP/1.0" {
            return
        }
        let bytes = Array(version.utf8)
        let digit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if bytes.count == 8, version.hasPrefix("HTTP/"), digit(bytes[5]),
            bytes[6] == UInt8(ascii: "."), digit(bytes[7])
        {
            throw RequestRejection(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are served")
        }
        throw RequestRejection(status: 400, reason: "the protocol version is malformed")
    }

    /// Parses one `name: value` line.
    private static func parseField(_ line: [UInt8]) throws -> ServerHeader {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            line[..<colon].allSatisfy(isTokenByte)
        else {
            throw RequestRejection(status: 400, reason: "a header field is malformed")
        }
        let value = line[(colon + 1)...]
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw RequestRejection(status: 400, reason: "a header field has control characters")
        }
        return ServerHeader(
            String(decoding: line[..<colon], as: UTF8.self),
            String(String(decoding: value, as: UTF8.self).trimmingOptionalWhitespace())
        )
    }

    /// Whether a byte may appear in a method or field name (an RFC 9110 token).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
