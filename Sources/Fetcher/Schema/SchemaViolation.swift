/// One rule of a schema that a value breaks, and where.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The JSON Pointer (RFC 6901) of the value that breaks the rule; `""` for the root.
    ///
    /// In member names `~` is written `~0` and `/` is written `~1`.
    public var path: String

    /// The rule that failed, such as `51 is greater than the maximum 50`.
    public var message: String

    /// Creates a violation.
    ///
    /// - Parameters:
    ///   - path: The JSON Pointer of the value that breaks the rule.
    ///   - message: The rule that failed.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The path and the message, the root shown as `(root)`:
    /// `/runId: 51 is greater than the maximum 50`.
    public var description: String {
        "\(JSONPointer.displayed(path)): \(message)"
    }
}
