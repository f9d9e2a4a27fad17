/// A JSON document or any part of one: the value a reference is made of.
///
/// A number written without a fraction or an exponent that fits in `Int64` is parsed as
/// ``integer(_:)``; every other number is a ``number(_:)``. The two cases are distinct
/// values (`.integer(5) != .number(5.0)`), but ``integerValue`` and the integer schema accept
/// a number with an exact integral value.
///
/// Object member order is not kept: serialization writes keys sorted by their Unicode code
/// points, so equal values always print the same text.
public enum JSONValue: Sendable, Hashable {
    /// The literal `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fraction or an exponent that fits in a 64-bit signed integer.
    case integer(Int64)
    /// Any other number. Parsing never produces an infinite or NaN number.
    case number(Double)
    /// A string of Unicode text.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// A set of members, each a value named by a unique key.
    case object([String: JSONValue])

    /// The deepest nesting of arrays and objects that parsing accepts.
    ///
    /// Deeper input fails with ``JSONParseError/Reason/nestingTooDeep(limit:)`` instead of
    /// exhausting the stack; every recursive walk over a parsed value stays within this depth.
    public static let maximumNestingDepth = 512

    /// The kind of this value with its article, for messages: `"null"`, `"a boolean"`,
    /// `"an integer"`, `"a number"`, `"a string"`, `"an array"` or `"an object"`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Whether this value is `null`.
    public var isNull: Bool { self == .null }

    /// The Boolean if this value is one, otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The integer if this value is an integer, or a number with an exact integral value
    /// within the range of `Int64` (such as `5.0`); otherwise `nil`.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The value as a `Double` if it is an integer or a number, otherwise `nil`.
    ///
    /// Integers beyond 2^53 in magnitude are rounded to the nearest `Double`.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The text if this value is a string, otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements if this value is an array, otherwise `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members if this value is an object, otherwise `nil`.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { value } else { nil }
    }

    /// The member named `key` if this value is an object that has one, otherwise `nil`.
    ///
    /// - Parameter key: The member's name.
    /// - Returns: The member's value, or `nil`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` if this value is an array long enough, otherwise `nil`.
    ///
    /// Unlike an array's subscript, an index out of range gives `nil` rather than a trap.
    /// - Parameter index: The element's position, from 0.
    /// - Returns: The element, or `nil`.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// The value that a JSON Pointer (RFC 6901) designates inside this one.
    ///
    /// - Parameter pointer: A pointer such as `"/artifacts/0/name"`; `""` is this value.
    /// - Returns: The designated value, or `nil` when the pointer is malformed or leads nowhere.
    public func value(atPointer pointer: String) -> JSONValue? {
        guard let tokens = JSONPointer.tokens(of: pointer) else {
            return nil
        }
        var current = self
        for token in tokens {
            switch current {
            case .object(let members):
                guard let member = members[token] else {
                    return nil
                }
                current = member
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), elements.indices.contains(index)
                else {
                    return nil
                }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
