/// A reference that cannot be fetched, and would fail the same way if tried again.
///
/// Callers must not retry a broken reference: the blob does not exist, has expired, is
/// refused by its server, or does not match its hashes. Every other error is transient.
public struct BrokenReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What could not be fetched, for example a URL (redacted if signed) or an artifact name.
    public var subject: String

    /// Why, in words, for example `the server answered 404 Not Found`.
    public var reason: String

    /// The HTTP status that showed the reference broken, if an answer did.
    public var status: Int?

    /// Creates an error for `subject` that failed because of `reason`.
    ///
    /// - Parameters:
    ///   - subject: What could not be fetched.
    ///   - reason: Why it cannot be fetched.
    ///   - status: The HTTP status that showed it, if any.
    public init(subject: String, reason: String, status: Int? = nil) {
        self.subject = subject
        self.reason = reason
        self.status = status
    }

    /// `failed to fetch <subject>, <reason>`.
    public var description: String {
        "failed to fetch \(subject), \(reason)"
    }
}

/// Tells a broken reference, which must not be retried, from a transient failure.
///
/// - Parameter error: Any error thrown by a fetcher or a reference.
/// - Returns: `true` if `error` is a ``BrokenReferenceError``.
public func isBrokenReference(_ error: any Error) -> Bool {
    error is BrokenReferenceError
}
