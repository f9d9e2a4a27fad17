/// A value does not match a schema: every violation found, in a fixed order.
public struct SchemaValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The title of the schema, if it has one.
    public var schemaTitle: String?

    /// Every rule that the value breaks; never empty when thrown by ``Schema/validated(_:)``.
    public var violations: [SchemaViolation]

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - schemaTitle: The title of the schema, if it has one.
    ///   - violations: The rules that the value breaks.
    public init(schemaTitle: String? = nil, violations: [SchemaViolation]) {
        self.schemaTitle = schemaTitle
        self.violations = violations
    }

    /// A summary line, then each violation on its own line, indented by two spaces.
    public var description: String {
        let schema = schemaTitle.map { "the schema \"\($0)\"" } ?? "the schema"
        let count = violations.count == 1 ? "1 violation" : "\(violations.count) violations"
        let lines = violations.map { "\n  \($0)" }.joined()
        return "the value does not match \(schema) (\(count)):\(lines)"
    }
}
