/// Why some bytes are not a JSON document, and where parsing stopped.
///
/// Match on ``reason`` to tell the failures apart; ``description`` names the problem and the
/// byte offset, for example `invalid JSON at byte 7: expected ',' or ']' but found 'x'`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the input.
    public enum Reason: Sendable, Hashable {
        /// The input holds no value at all: it is empty or only whitespace.
        case emptyInput
        /// The input ended before the document was complete; `expected` names what should
        /// have come next.
        case unexpectedEndOfInput(expected: String)
        /// A byte that cannot appear at this place; `expected` names what may appear.
        case unexpectedByte(UInt8, expected: String)
        /// A complete value is followed by more than whitespace (the byte shown).
        case trailingData(UInt8)
        /// A string holds bytes that are not valid UTF-8.
        case invalidUTF8
        /// A string holds a control character (below U+0020) that is not escaped.
        case unescapedControlCharacter(UInt8)
        /// A backslash in a string is followed by a byte that starts no escape.
        case invalidEscape(UInt8)
        /// A `\u` escape is not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape names half of a UTF-16 surrogate pair without its other half.
        case unpairedSurrogate(UInt16)
        /// A number starts with a zero followed by more digits, such as `012`.
        case leadingZero
        /// A number too large in magnitude for a `Double`, such as `1e400` (the text shown,
        /// shortened when long).
        case numberOutOfRange(String)
        /// Arrays and objects nest deeper than `limit` levels.
        case nestingTooDeep(limit: Int)
        /// An object has two members with the same key; duplicates are refused rather than
        /// letting one of them silently win. Keys are compared as Swift strings, so two
        /// canonically equivalent spellings (`é` precomposed or as `e` and an accent) collide.
        case duplicateKey(String)
    }

    /// What was wrong with the input.
    public var reason: Reason

    /// The offset, in bytes of UTF-8 from the start of the input, where the problem was found.
    public var offset: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What was wrong.
    ///   - offset: The byte offset where it was found.
    public init(reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// The problem in words, with the byte offset.
    public var description: String {
        if case .emptyInput = reason {
            return "invalid JSON: the input is empty"
        }
        return "invalid JSON at byte \(offset): \(explanation)"
    }

    private var explanation: String {
        switch reason {
        case .emptyInput:
            "the input is empty"
        case .unexpectedEndOfInput(let expected):
            "unexpected end of input, expected \(expected)"
        case .unexpectedByte(let byte, let expected):
            "expected \(expected) but found \(Self.show(byte))"
        case .trailingData(let byte):
            "unexpected \(Self.show(byte)) after the end of the value"
        case .invalidUTF8:
            "a string holds bytes that are not valid UTF-8"
        case .unescapedControlCharacter(let byte):
            "a string holds the control character \(Self.show(byte)), which must be escaped"
        case .invalidEscape(let byte):
            "\(Self.show(byte)) after '\\' does not start an escape"
        case .invalidUnicodeEscape:
            "\\u must be followed by four hexadecimal digits"
        case .unpairedSurrogate(let unit):
            "\\u\(Self.hex(unit, width: 4)) is half of a UTF-16 surrogate pair without the other"
        case .leadingZero:
            "a number cannot start with 0 followed by more digits"
        case .numberOutOfRange(let text):
            "the number \(text) is too large to represent"
        case .nestingTooDeep(let limit):
            "arrays and objects nest deeper than \(limit) levels"
        case .duplicateKey(let key):
            "duplicate key \(MessageText.quoted(key))"
        }
    }

    private static func printable(_ byte: UInt8) -> String? {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : nil
    }

    private static func show(_ byte: UInt8) -> String {
        if let text = printable(byte) {
            return "'\(text)'"
        }
        return "byte 0x\(hex(UInt16(byte), width: 2))"
    }

    private static func hex(_ value: UInt16, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
