import Foundation

extension JSONValue: Codable {
    /// Decodes whatever JSON value the decoder holds.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` if the value is none of the JSON kinds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else if let members = try? container.decode([String: JSONValue].self) {
            self = .object(members)
        } else {
            let context = DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "not a JSON value")
            throw DecodingError.dataCorrupted(context)
        }
    }

    /// Encodes this value as the matching JSON value.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws, for example for a non-finite number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let integer): try container.encode(integer)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }

    /// Decodes this value into a `Decodable` type, through `JSONDecoder`.
    ///
    /// - Parameter type: The type to decode.
    /// - Returns: The decoded value.
    /// - Throws: ``JSONDecodingError`` naming the path and the problem when the value does not
    ///   have the shape the type expects; errors thrown by the type's own `init(from:)` other
    ///   than `DecodingError` are passed through unchanged.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(serialized().utf8))
        } catch let error as DecodingError {
            throw decodingError(error, typeName: String(describing: type))
        }
    }

    /// Creates the JSON value that an `Encodable` value encodes to, through `JSONEncoder`.
    ///
    /// Whole numbers that `JSONEncoder` writes without a fraction, such as `Double` 5.0,
    /// become ``integer(_:)``.
    /// - Parameter value: The value to encode.
    /// - Throws: `EncodingError` if the value cannot be encoded (such as a non-finite
    ///   `Double`), or ``JSONParseError`` if the encoded text nests too deeply.
    public init<T: Encodable>(encoding value: T) throws {
        let data = try JSONEncoder().encode(value)
        try self.init(parsing: data)
    }

    /// Turns the decoder's error into one that names the JSON Pointer and the JSON kinds.
    private func decodingError(_ error: DecodingError, typeName: String) -> JSONDecodingError {
        let codingPath: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(let expected, let context):
            codingPath = context.codingPath
            let actual = locate(codingPath).value?.kindName ?? "another kind of value"
            message = "expected \(Self.jsonKindName(of: expected)), got \(actual)"
        case .valueNotFound(let expected, let context):
            codingPath = context.codingPath
            message = "expected \(Self.jsonKindName(of: expected)), got null"
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
            message = "required property is missing"
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            message = context.debugDescription
        @unknown default:
            return JSONDecodingError(typeName: typeName, path: "", message: "\(error)")
        }
        return JSONDecodingError(
            typeName: typeName, path: locate(codingPath).path, message: message)
    }

    /// Follows a coding path through this value: its JSON Pointer, and the value found there.
    private func locate(_ codingPath: [any CodingKey]) -> (path: String, value: JSONValue?) {
        var path = ""
        var current: JSONValue? = self
        for key in codingPath {
            switch current {
            case .array(let elements):
                let index = key.intValue ?? -1
                path = JSONPointer.appending(String(index), to: path)
                current = elements.indices.contains(index) ? elements[index] : nil
            case .object(let members):
                path = JSONPointer.appending(key.stringValue, to: path)
                current = members[key.stringValue]
            default:
                let token = key.intValue.map(String.init) ?? key.stringValue
                path = JSONPointer.appending(token, to: path)
                current = nil
            }
        }
        return (path, current)
    }

    /// The JSON kind, with its article, that a Swift type decodes from.
    private static func jsonKindName(of type: Any.Type) -> String {
        let integerTypes: [Any.Type] = [
            Int.self, Int8.self, Int16.self, Int32.self, Int64.self,
            UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self,
        ]
        let name = String(describing: type)
        if integerTypes.contains(where: { $0 == type }) {
            return "an integer"
        } else if type == Double.self || type == Float.self {
            return "a number"
        } else if type == String.self {
            return "a string"
        } else if type == Bool.self {
            return "a boolean"
        } else if name.hasPrefix("Array<") {
            return "an array"
        } else if name.hasPrefix("Dictionary<") {
            return "an object"
        }
        return "a value of type \(name)"
    }
}
