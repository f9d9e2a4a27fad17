import Foundation

/// Why a Hawk signature could not be made or was rejected, or why Taskcluster credentials are
/// unusable. No case carries an access token, a MAC or a bewit.
public enum HawkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL is not an absolute `http` or `https` URL with a host (shown redacted).
    case invalidURL(String)
    /// A value cannot go into a Hawk header (for example a client id with a `"`).
    case invalidHeaderValue(name: String)
    /// The temporary-credential certificate is malformed, badly signed or not valid now.
    case invalidCertificate(String)
    /// The request target has no `bewit` query parameter.
    case missingBewit
    /// The bewit is not base64url of `id\exp\mac\ext`, or there are several.
    case malformedBewit(String)
    /// The Authorization header is not a well-formed Hawk header.
    case malformedHeader(String)
    /// The `ext` is not base64 of a JSON object.
    case malformedExt
    /// No access token is known for this client id.
    case unknownClient(String)
    /// The MAC does not match the request: wrong token, or a tampered request.
    case macMismatch(clientId: String)
    /// The payload hash in the header does not match the body that was sent.
    case payloadHashMismatch(clientId: String)
    /// The bewit expired at `expiry`, before `now`.
    case expired(clientId: String, expiry: Date, now: Date)
    /// The header's timestamp is further from `now` than the allowed clock skew.
    case staleTimestamp(clientId: String, timestamp: Date, now: Date)

    /// A sentence describing the problem.
    public var description: String {
        switch self {
        case .invalidURL(let url):
            "cannot sign \"\(url)\": it is not an absolute http or https URL with a host"
        case .invalidHeaderValue(let name):
            "the Hawk \(name) contains a character a Hawk header cannot carry"
        case .invalidCertificate(let reason):
            "invalid temporary-credential certificate: \(reason)"
        case .missingBewit:
            "the request has no bewit"
        case .malformedBewit(let reason):
            "malformed bewit: \(reason)"
        case .malformedHeader(let reason):
            "malformed Hawk Authorization header: \(reason)"
        case .malformedExt:
            "the Hawk ext is not base64 of a JSON object"
        case .unknownClient(let clientId):
            "unknown Taskcluster client \"\(clientId)\""
        case .macMismatch(let clientId):
            "the Hawk signature of client \"\(clientId)\" does not match the request"
        case .payloadHashMismatch(let clientId):
            "the payload hash signed by client \"\(clientId)\" does not match the body"
        case .expired(let clientId, let expiry, let now):
            "the bewit of client \"\(clientId)\" expired at \(Self.format(expiry)), "
                + "it is now \(Self.format(now))"
        case .staleTimestamp(let clientId, let timestamp, let now):
            "the Hawk timestamp \(Self.format(timestamp)) of client \"\(clientId)\" is too far "
                + "from the server's clock (\(Self.format(now)))"
        }
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
