/// A transfer that failed for a reason that may pass: the server's 5xx, 408 or 429 answers, a
/// refused, reset or stalled connection, a body shorter than announced. It is thrown once the
/// retries of the ``RetryPolicy`` are used up.
public struct TransferError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL requested, with any signature redacted.
    public var url: String

    /// The HTTP status of the last answer, if the last try got one.
    public var status: Int?

    /// What went wrong in the last try, in words.
    public var reason: String

    /// How many requests were made.
    public var attempts: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - url: The URL requested, redacted.
    ///   - status: The HTTP status of the last answer, if any.
    ///   - reason: What went wrong in the last try.
    ///   - attempts: How many requests were made.
    public init(url: String, status: Int?, reason: String, attempts: Int) {
        self.url = url
        self.status = status
        self.reason = reason
        self.attempts = attempts
    }

    /// `failed to fetch <url> after <n> attempts: <reason>`.
    public var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        return "failed to fetch \(url) after \(tries): \(reason)"
    }
}
