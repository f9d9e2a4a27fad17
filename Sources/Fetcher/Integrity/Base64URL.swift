import Foundation

/// The URL- and file-name-safe base64 alphabet of RFC 4648 §5 (`-` and `_` instead of `+` and
/// `/`), written without padding, as Taskcluster uses it for bewits and slugids.
public enum Base64URL {
    /// Writes bytes in unpadded base64url.
    ///
    /// - Parameter bytes: The bytes to write.
    /// - Returns: The text, with no `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") {
            text.removeLast()
        }
        return String(
            text.map { character in
                switch character {
                case "+": "-"
                case "/": "_"
                default: character
                }
            })
    }

    /// Reads base64 text in either alphabet (base64url or standard), padded or not.
    ///
    /// - Parameter text: The base64 text.
    /// - Returns: The bytes, or `nil` when the text is not base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var standard = String(
            text.map { character in
                switch character {
                case "-": "+"
                case "_": "/"
                default: character
                }
            })
        if !standard.hasSuffix("=") {
            let remainder = standard.utf8.count % 4
            guard remainder != 1 else {
                return nil
            }
            if remainder > 0 {
                standard += String(repeating: "=", count: 4 - remainder)
            }
        }
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
