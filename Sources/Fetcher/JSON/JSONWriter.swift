/// Writes JSON text: keys sorted by code point, strings escaped as RFC 8259 requires.
struct JSONWriter {
    private var output: [UInt8] = []
    private let pretty: Bool

    private init(pretty: Bool) {
        self.pretty = pretty
    }

    /// The text of `value`, compact or indented by two spaces per level.
    static func serialize(_ value: JSONValue, pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value, depth: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// `text` as a JSON string literal, with its quotes.
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter(pretty: false)
        writer.writeString(text)
        return String(decoding: writer.output, as: UTF8.self)
    }

    private mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .integer(let integer):
            append(String(integer))
        case .number(let number):
            // JSON has no infinity or NaN; like JavaScript, write them as null.
            append(number.isFinite ? number.description : "null")
        case .string(let text):
            writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else {
                return append("[]")
            }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                newline(depth: depth + 1)
                write(element, depth: depth + 1)
            }
            newline(depth: depth)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                return append("{}")
            }
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                newline(depth: depth + 1)
                writeString(key)
                append(pretty ? ": " : ":")
                write(members[key] ?? .null, depth: depth + 1)
            }
            newline(depth: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(depth: Int) {
        guard pretty else {
            return
        }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Copy runs of bytes that need no escape in one go.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    output.append(
                        contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    writeEscape(byte)
                    runStart = index + 1
                }
                index += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        default:
            let digits = String(byte, radix: 16)
            append("\\u00" + (digits.count == 1 ? "0" : "") + digits)
        }
    }
}
