/// Thrown to a stream handler's reader when the fetch has to start over from byte 0.
///
/// The handler that sees it is cancelled and then called again with a fresh stream.
public struct StreamResetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// `stream was reset by the fetcher`.
    public var description: String {
        "stream was reset by the fetcher"
    }
}
