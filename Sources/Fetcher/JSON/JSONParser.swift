/// A strict parser for JSON text (RFC 8259) over UTF-8 bytes.
///
/// It never recurses, so the stack stays flat whatever the input; nesting is limited to
/// ``JSONValue/maximumNestingDepth``. Strings are checked to be valid UTF-8, duplicate keys
/// are refused, and a leading UTF-8 byte order mark is skipped.
struct JSONParser {
    /// A container still open while its contents are parsed.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [String: JSONValue] = [:]
        /// The key of the member whose value is being parsed (objects only).
        var pendingKey = ""
    }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses one complete document from `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes: bytes)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
        }
        skipWhitespace()
        guard position < bytes.count else {
            throw JSONParseError(reason: .emptyInput, offset: position)
        }
        let value = try parseValue()
        skipWhitespace()
        if let byte = peek() {
            throw JSONParseError(reason: .trailingData(byte), offset: position)
        }
        return value
    }

    /// Parses one value, with the arrays and objects it holds, using an explicit stack.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var stack: [OpenContainer] = []
        while true {
            var value = try parseScalarOrOpen(&stack)
            while let completed = value {
                guard !stack.isEmpty else {
                    return completed
                }
                value = try add(completed, to: &stack)
            }
        }
    }

    /// Parses a scalar, an empty container, or the opening of a container (pushed on
    /// `stack`, giving `nil`).
    private mutating func parseScalarOrOpen(
        _ stack: inout [OpenContainer]
    ) throws(JSONParseError) -> JSONValue? {
        skipWhitespace()
        guard let byte = peek() else {
            throw error(expected: "a value")
        }
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            guard stack.count < JSONValue.maximumNestingDepth else {
                let limit = JSONValue.maximumNestingDepth
                throw JSONParseError(reason: .nestingTooDeep(limit: limit), offset: position)
            }
            position += 1
            skipWhitespace()
            if byte == UInt8(ascii: "[") {
                if peek() == UInt8(ascii: "]") {
                    position += 1
                    return .array([])
                }
                stack.append(OpenContainer(isObject: false))
                return nil
            }
            if peek() == UInt8(ascii: "}") {
                position += 1
                return .object([:])
            }
            var container = OpenContainer(isObject: true)
            container.pendingKey = try parseKey(existing: container.members)
            stack.append(container)
            return nil
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error(expected: "a value")
        }
    }

    /// Adds a completed value to the innermost open container; returns that container's
    /// value if this closed it, or `nil` if another value must follow.
    private mutating func add(
        _ value: JSONValue, to stack: inout [OpenContainer]
    ) throws(JSONParseError) -> JSONValue? {
        let last = stack.count - 1
        let isObject = stack[last].isObject
        if isObject {
            stack[last].members[stack[last].pendingKey] = value
        } else {
            stack[last].elements.append(value)
        }
        skipWhitespace()
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let expected = isObject ? "',' or '}'" : "',' or ']'"
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            if isObject {
                skipWhitespace()
                stack[last].pendingKey = try parseKey(existing: stack[last].members)
            }
            return nil
        case closing:
            position += 1
            let container = stack.removeLast()
            return isObject ? .object(container.members) : .array(container.elements)
        default:
            throw error(expected: expected)
        }
    }

    /// Parses a member's key and the colon after it; the key must not be among `existing`.
    private mutating func parseKey(
        existing: [String: JSONValue]
    ) throws(JSONParseError) -> String {
        guard peek() == UInt8(ascii: "\"") else {
            throw error(expected: "a string key")
        }
        let keyOffset = position
        let key = try parseString()
        guard existing[key] == nil else {
            throw JSONParseError(reason: .duplicateKey(key), offset: keyOffset)
        }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else {
            throw error(expected: "':'")
        }
        position += 1
        return key
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let text = UnsafeRawBufferPointer(
            start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            guard peek() == expected else {
                throw error(expected: "'\(literal)'")
            }
            position += 1
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        if peek() == UInt8(ascii: "-") {
            position += 1
        }
        if peek() == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), Self.isDigit(next) {
                throw JSONParseError(reason: .leadingZero, offset: position - 1)
            }
        } else {
            try digits(after: "'-'")
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            try digits(after: "the decimal point")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                position += 1
            }
            try digits(after: "the exponent")
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let integer = Int64(text) {
            return .integer(integer)
        }
        guard let number = Double(text), number.isFinite else {
            let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
            throw JSONParseError(reason: .numberOutOfRange(String(shown)), offset: start)
        }
        return .number(number)
    }

    /// Consumes one digit or more.
    private mutating func digits(after what: String) throws(JSONParseError) {
        guard let first = peek(), Self.isDigit(first) else {
            throw error(expected: "a digit after \(what)")
        }
        position += 1
        while let next = peek(), Self.isDigit(next) {
            position += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: Strings

    /// Parses a string, starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        // Filled only once an escape is met; until then the string is a slice of the input.
        var unescaped: [UInt8] = []
        var hasEscapes = false
        var segmentStart = position
        while true {
            // Skip plain ASCII quickly: it needs neither checking nor unescaping.
            while position < bytes.count {
                let byte = bytes[position]
                guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""),
                    byte != UInt8(ascii: "\\")
                else {
                    break
                }
                position += 1
            }
            guard position < bytes.count else {
                throw error(expected: "'\"' to close the string")
            }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let segment = bytes[segmentStart..<position]
                position += 1
                guard hasEscapes else {
                    return String(decoding: segment, as: UTF8.self)
                }
                unescaped.append(contentsOf: segment)
                return String(decoding: unescaped, as: UTF8.self)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                unescaped.append(contentsOf: bytes[segmentStart..<position])
                try parseEscape(into: &unescaped)
                segmentStart = position
            case 0..<0x20:
                throw JSONParseError(reason: .unescapedControlCharacter(byte), offset: position)
            case 0x20..<0x80:
                position += 1
            default:
                try skipMultibyteSequence()
            }
        }
    }

    /// Decodes the escape at the current backslash and appends its UTF-8 bytes to `text`.
    private mutating func parseEscape(into text: inout [UInt8]) throws(JSONParseError) {
        position += 1
        guard let byte = peek() else {
            throw error(expected: "an escape after '\\'")
        }
        position += 1
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            text.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            throw JSONParseError(reason: .invalidEscape(byte), offset: position - 1)
        }
        let escapeOffset = position - 2
        let unit = try hexQuad()
        var scalarValue = UInt32(unit)
        if (0xDC00...0xDFFF).contains(unit) {
            throw JSONParseError(reason: .unpairedSurrogate(unit), offset: escapeOffset)
        }
        if (0xD800...0xDBFF).contains(unit) {
            guard peek() == UInt8(ascii: "\\"), peek(at: position + 1) == UInt8(ascii: "u") else {
                throw JSONParseError(reason: .unpairedSurrogate(unit), offset: escapeOffset)
            }
            position += 2
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(reason: .unpairedSurrogate(unit), offset: escapeOffset)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        }
        // Surrogates were handled above, so every remaining value is a Unicode scalar.
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        UTF8.encode(scalar) { text.append($0) }
    }

    /// Reads the four hexadecimal digits of a `\u` escape.
    private mutating func hexQuad() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek() else {
                throw error(expected: "four hexadecimal digits after '\\u'")
            }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(reason: .invalidUnicodeEscape, offset: position)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence (Unicode, table 3-7) and moves past it.
    private mutating func skipMultibyteSequence() throws(JSONParseError) {
        let lead = bytes[position]
        let secondRange: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: throw JSONParseError(reason: .invalidUTF8, offset: position)
        }
        for index in 1..<length {
            let range: ClosedRange<UInt8> = index == 1 ? secondRange : 0x80...0xBF
            guard let byte = peek(at: position + index), range.contains(byte) else {
                throw JSONParseError(reason: .invalidUTF8, offset: position)
            }
        }
        position += length
    }

    // MARK: Bytes

    private func peek() -> UInt8? {
        peek(at: position)
    }

    private func peek(at offset: Int) -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        {
            position += 1
        }
    }

    /// An error for the byte at the current position, or for the end of the input.
    private func error(expected: String) -> JSONParseError {
        guard let byte = peek() else {
            return JSONParseError(
                reason: .unexpectedEndOfInput(expected: expected), offset: position)
        }
        return JSONParseError(reason: .unexpectedByte(byte, expected: expected), offset: position)
    }
}
