/// A failure to start a ``FaultServer`` or to make a ``TLSIdentity``.
///
/// Match on ``kind`` in a `catch` clause; the ``description`` says what failed and why.
public struct FaultServerError: Error, Equatable, CustomStringConvertible {
    /// The part of the set-up that failed.
    public enum Kind: Sendable, Equatable {
        /// A socket call (socket, bind, listen, ...) failed.
        case socket
        /// A thread could not be started.
        case thread
        /// Making or loading a certificate or key, or setting up TLS, failed.
        case tls
        /// Writing or reading a certificate or key file failed.
        case file
    }

    /// The part of the set-up that failed.
    public let kind: Kind

    /// A human-readable account of the failure.
    public let description: String

    /// Makes an error value.
    /// - Parameters:
    ///   - kind: The part of the set-up that failed.
    ///   - description: What failed and why, in words.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }
}
