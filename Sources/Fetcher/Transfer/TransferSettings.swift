/// Settings of the HTTP transfers behind URL, artifact and index references.
public struct TransferSettings: Sendable, Hashable {
    /// When and how often failed transfers are tried again.
    public var retryPolicy: RetryPolicy

    /// The longest wait for a connection to be established.
    public var connectTimeout: Duration

    /// A transfer that receives no byte for this long is abandoned as stalled (and retried).
    public var stallTimeout: Duration

    /// The most redirects followed for one request.
    public var maximumRedirects: Int

    /// A PEM file of certificate authorities to trust instead of the system's, if any.
    public var certificateAuthorityFile: String?

    /// Creates settings.
    ///
    /// - Parameters:
    ///   - retryPolicy: When and how often failed transfers are tried again.
    ///   - connectTimeout: The longest wait for a connection (30 s by default).
    ///   - stallTimeout: How long a transfer may receive nothing (60 s by default).
    ///   - maximumRedirects: The most redirects followed for one request (10 by default).
    ///   - certificateAuthorityFile: A PEM file of authorities to trust, if not the system's.
    public init(
        retryPolicy: RetryPolicy = RetryPolicy(),
        connectTimeout: Duration = .seconds(30),
        stallTimeout: Duration = .seconds(60),
        maximumRedirects: Int = 10,
        certificateAuthorityFile: String? = nil
    ) {
        self.retryPolicy = retryPolicy
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.maximumRedirects = maximumRedirects
        self.certificateAuthorityFile = certificateAuthorityFile
    }
}
