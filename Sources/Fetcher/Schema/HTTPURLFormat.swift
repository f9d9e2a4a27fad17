import Foundation

/// Checks the ``Schema/StringFormat/uri`` format: an absolute `http` or `https` URL.
enum HTTPURLFormat {
    /// Whether `text` is an absolute `http` or `https` URL with a non-empty host.
    ///
    /// Every character must be one RFC 3986 allows in a URI, and every `%` must start an
    /// escape of two hexadecimal digits; Foundation then splits the URL into its parts.
    static func isValid(_ text: String) -> Bool {
        guard hasOnlyURICharacters(text),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = components.percentEncodedHost, !host.isEmpty
        else {
            return false
        }
        return true
    }

    /// For each byte, whether RFC 3986 allows it in a URI outside a percent escape: letters,
    /// digits, the unreserved `-._~` and the reserved `:/?#[]@!$&'()*+,;=`.
    private static let allowedBytes: [Bool] = (0...255).map { value in
        let byte = UInt8(value)
        let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        return isLetter || isDigit || "-._~:/?#[]@!$&'()*+,;=".utf8.contains(byte)
    }

    /// For each byte, whether it is a hexadecimal digit.
    private static let hexDigitBytes: [Bool] = (0...255).map { value in
        let byte = UInt8(value)
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    private static func hasOnlyURICharacters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            allowedBytes.withUnsafeBufferPointer { allowed in
                hexDigitBytes.withUnsafeBufferPointer { hexDigits in
                    var index = 0
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "%") {
                            // A percent escape: exactly two hexadecimal digits follow.
                            guard index + 2 < bytes.count, hexDigits[Int(bytes[index + 1])],
                                hexDigits[Int(bytes[index + 2])]
                            else {
                                return false
                            }
                            index += 3
                        } else {
                            guard allowed[Int(byte)] else {
                                return false
                            }
                            index += 1
                        }
                    }
                    return true
                }
            }
        }
    }
}
