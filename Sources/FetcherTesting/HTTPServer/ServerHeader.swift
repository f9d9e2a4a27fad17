/// One header field of a request or a response, as a name and a value.
public struct ServerHeader: Sendable, Equatable, CustomStringConvertible {
    /// The field name, as sent (compare it case-insensitively).
    public var name: String

    /// The field value, without surrounding white space.
    public var value: String

    /// The field as it appears on the wire, `name: value`.
    public var description: String { "\(name): \(value)" }

    /// Makes a header field.
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension [ServerHeader] {
    /// The value of the first field with this name, compared case-insensitively.
    func firstValue(named name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
