/// A request target split into its path and query, with the query items decoded.
struct RequestTarget {
    /// The path, still percent-encoded.
    var path: String

    /// The raw query after `?`, or `nil`.
    var query: String?

    /// The decoded query items.
    var queryItems: [ServerQueryItem]

    /// Splits an origin-form target (`/path?query`); an absolute-form target
    /// (`http://host/path?query`) keeps only its path and query.
    init(_ target: String) {
        var rest = Substring(target)
        if let schemeEnd = rest.range(of: "://"), !rest.hasPrefix("/") {
            let authorityAndPath = rest[schemeEnd.upperBound...]
            rest = authorityAndPath.firstIndex(of: "/").map { authorityAndPath[$0...] } ?? "/"
        }
        if let mark = rest.firstIndex(of: "?") {
            path = String(rest[..<mark])
            let query = rest[rest.index(after: mark)...]
            self.query = String(query)
            queryItems = Self.decodeItems(query)
        } else {
            path = String(rest)
            query = nil
            queryItems = []
        }
    }

    /// Decodes `a=1&b=2` form items; empty items are skipped.
    static func decodeItems(_ query: Substring) -> [ServerQueryItem] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            if let equals = item.firstIndex(of: "=") {
                return ServerQueryItem(
                    percentDecode(item[..<equals]),
                    percentDecode(item[item.index(after: equals)...])
                )
            }
            return ServerQueryItem(percentDecode(item), nil)
        }
    }

    /// Replaces `%XX` escapes by their bytes and `+` by a space; a broken escape stays as is.
    static func percentDecode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "%"), position + 2 < bytes.count,
                let high = hexValue(bytes[position + 1]), let low = hexValue(bytes[position + 2])
            {
                decoded.append(high << 4 | low)
                position += 3
            } else {
                decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                position += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The value of one hexadecimal digit, or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
