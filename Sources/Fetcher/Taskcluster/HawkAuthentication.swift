import Foundation

/// What a verified Hawk signature proves: which client signed the request, and with which
/// temporary-credential certificate and scope restrictions.
public struct HawkAuthentication: Sendable, Hashable {
    /// The client id that signed (for temporary credentials, the id they are used under).
    public var clientId: String
    /// The verified certificate of temporary credentials, or `nil` for permanent ones. Its
    /// `scopes` are what the request may use (Taskcluster also requires the issuer to hold
    /// them, and for named credentials `auth:create-client:<clientId>`; that check is the
    /// caller's, who knows the issuer's scopes).
    public var certificate: TaskclusterCredentials.Certificate?
    /// Scopes the client restricted the request to (`authorizedScopes` in `ext`), if any.
    public var authorizedScopes: [String]?
    /// The raw `ext` that was signed, possibly empty.
    public var ext: String
    /// For a bewit, when it expires; `nil` for a header.
    public var expiry: Date?
    /// For a header, its timestamp; `nil` for a bewit.
    public var timestamp: Date?
    /// For a header, its nonce; `nil` for a bewit.
    public var nonce: String?

    /// Makes an authentication result.
    ///
    /// - Parameters:
    ///   - clientId: The signing client id.
    ///   - certificate: The verified certificate, if any.
    ///   - authorizedScopes: The scope restriction, if any.
    ///   - ext: The signed `ext`.
    ///   - expiry: The bewit's expiry, for a bewit.
    ///   - timestamp: The header's timestamp, for a header.
    ///   - nonce: The header's nonce, for a header.
    public init(
        clientId: String, certificate: TaskclusterCredentials.Certificate? = nil,
        authorizedScopes: [String]? = nil, ext: String = "", expiry: Date? = nil,
        timestamp: Date? = nil, nonce: String? = nil
    ) {
        self.clientId = clientId
        self.certificate = certificate
        self.authorizedScopes = authorizedScopes
        self.ext = ext
        self.expiry = expiry
        self.timestamp = timestamp
        self.nonce = nonce
    }
}
