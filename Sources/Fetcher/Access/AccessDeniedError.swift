/// The caller's scopes do not satisfy what a reference requires.
public struct AccessDeniedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What access was denied to, for example a reference's hash key.
    public var subject: String
    /// The alternative scope sets, any one of which would have granted access.
    public var required: [[String]]

    /// Makes the error.
    ///
    /// - Parameters:
    ///   - subject: What access was denied to.
    ///   - required: The alternative scope sets that would have granted access.
    public init(subject: String, required: [[String]]) {
        self.subject = subject
        self.required = required
    }

    /// The subject and the scope sets, one per line:
    ///
    ///     access denied to <subject>: it needs all scopes of one of these sets:
    ///       - a, b
    ///       - c
    public var description: String {
        guard !required.isEmpty else {
            return "access denied to \(subject): no set of scopes grants it"
        }
        let lines = required.map { scopeSet in
            "  - " + (scopeSet.isEmpty ? "(no scopes)" : scopeSet.joined(separator: ", "))
        }
        return "access denied to \(subject): it needs all scopes of one of these sets:\n"
            + lines.joined(separator: "\n")
    }
}
