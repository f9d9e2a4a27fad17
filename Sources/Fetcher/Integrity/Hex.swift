/// Hexadecimal text for digests, as references and hash keys write them.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Writes bytes as lower-case hexadecimal, two characters per byte.
    ///
    /// - Parameter bytes: The bytes to write.
    /// - Returns: The hexadecimal text, for example `"0aff"` for `[0x0a, 0xff]`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Reads hexadecimal text in either case.
    ///
    /// - Parameter text: Hexadecimal digits, an even number of them, nothing else.
    /// - Returns: The bytes, or `nil` when the text has an odd length or a character that is not
    ///   a hexadecimal digit.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count.isMultiple(of: 2) else {
            return nil
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(of: characters[index]),
                let low = value(of: characters[index + 1])
            else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
