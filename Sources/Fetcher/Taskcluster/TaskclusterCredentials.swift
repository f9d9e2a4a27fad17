import Foundation

/// Credentials for the Taskcluster APIs: a client id and its access token, plus, for
/// temporary credentials, the certificate the issuer signed.
///
/// Temporary credentials arrive ready to use: their `accessToken` is already the token derived
/// from the issuer's (base64url of HMAC-SHA256(issuer token, seed)), so a client signs with it
/// like any token and only adds the certificate to each request's Hawk `ext`.
///
/// The access token is a secret: `description`, `debugDescription` and the mirror used by
/// `dump` show `REDACTED` in its place.
public struct TaskclusterCredentials: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The client id, for example `project/fetcher/ci`.
    public var clientId: String
    /// The secret access token; never print it.
    public var accessToken: String
    /// The JSON text of the temporary-credential certificate, or `nil` for permanent
    /// credentials.
    public var certificate: String?

    /// Makes credentials.
    ///
    /// - Parameters:
    ///   - clientId: The client id.
    ///   - accessToken: The access token (for temporary credentials, the derived one).
    ///   - certificate: The certificate's JSON text for temporary credentials, else `nil`.
    public init(clientId: String, accessToken: String, certificate: String? = nil) {
        self.clientId = clientId
        self.accessToken = accessToken
        self.certificate = certificate
    }

    /// Reads credentials from `TASKCLUSTER_CLIENT_ID`, `TASKCLUSTER_ACCESS_TOKEN` and, for
    /// temporary credentials, `TASKCLUSTER_CERTIFICATE`.
    ///
    /// - Parameter environment: The variables to read; the process environment by default.
    /// - Returns: The credentials, or `nil` when the client id or the access token is missing
    ///   or empty. An empty certificate counts as none.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TaskclusterCredentials? {
        guard let clientId = environment["TASKCLUSTER_CLIENT_ID"], !clientId.isEmpty,
            let accessToken = environment["TASKCLUSTER_ACCESS_TOKEN"], !accessToken.isEmpty
        else {
            return nil
        }
        let certificate = environment["TASKCLUSTER_CERTIFICATE"].flatMap { text in
            text.allSatisfy(\.isWhitespace) ? nil : text
        }
        return TaskclusterCredentials(
            clientId: clientId, accessToken: accessToken, certificate: certificate)
    }

    /// The client id, with the access token redacted and whether a certificate is present.
    public var description: String {
        let kind = certificate == nil ? "permanent" : "temporary, with certificate"
        return "TaskclusterCredentials(clientId: \(clientId), accessToken: REDACTED, \(kind))"
    }

    /// The same text as `description`: the access token is never shown.
    public var debugDescription: String { description }

    /// A mirror that shows the client id and certificate but not the access token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "accessToken": "REDACTED",
                "certificate": certificate as Any,
            ])
    }

    /// The certificate parsed from `certificate`.
    ///
    /// - Returns: The certificate, or `nil` for permanent credentials.
    /// - Throws: `HawkError.invalidCertificate` when the text is not a certificate.
    public func parsedCertificate() throws(HawkError) -> Certificate? {
        guard let certificate else {
            return nil
        }
        return try Certificate(json: certificate)
    }
}

extension TaskclusterCredentials {
    /// The certificate of temporary credentials: the scopes and validity the issuer granted,
    /// signed with the issuer's access token.
    ///
    /// Times are in milliseconds since 1970, as Taskcluster writes them. The signature is
    /// base64 of HMAC-SHA256(issuer token, text) where the text is these lines joined by `\n`:
    /// `version:1`, then `clientId:<name>` and `issuer:<issuer>` for named credentials, then
    /// `seed:<seed>`, `start:<start>`, `expiry:<expiry>`, `scopes:` and one line per scope.
    public struct Certificate: Sendable, Hashable, Codable {
        /// The certificate format version; always 1.
        public var version: Int
        /// The scopes the temporary credentials hold.
        public var scopes: [String]
        /// When the credentials become valid, in milliseconds since 1970.
        public var start: Int64
        /// When the credentials stop being valid, in milliseconds since 1970.
        public var expiry: Int64
        /// 44 random characters from which the temporary access token is derived.
        public var seed: String
        /// Base64 of the issuer's HMAC-SHA256 over the certificate's fields.
        public var signature: String
        /// The issuing client id, present only for named temporary credentials.
        public var issuer: String?

        /// Makes a certificate from its fields.
        ///
        /// - Parameters:
        ///   - version: The format version, 1.
        ///   - scopes: The scopes granted.
        ///   - start: The start of validity in milliseconds since 1970.
        ///   - expiry: The end of validity in milliseconds since 1970.
        ///   - seed: The 44-character seed.
        ///   - signature: The issuer's signature.
        ///   - issuer: The issuing client id for named credentials, else `nil`.
        public init(
            version: Int = 1, scopes: [String], start: Int64, expiry: Int64, seed: String,
            signature: String, issuer: String? = nil
        ) {
            self.version = version
            self.scopes = scopes
            self.start = start
            self.expiry = expiry
            self.seed = seed
            self.signature = signature
            self.issuer = issuer
        }

        /// Parses a certificate from its JSON text.
        ///
        /// - Parameter json: The text, as in `TASKCLUSTER_CERTIFICATE`.
        /// - Throws: `HawkError.invalidCertificate` when the text is not a certificate object.
        public init(json: String) throws(HawkError) {
            do {
                self = try JSONDecoder().decode(Certificate.self, from: Data(json.utf8))
            } catch {
                throw .invalidCertificate("it is not a certificate JSON object")
            }
        }

        /// The certificate as compact JSON text with sorted keys.
        public var jsonText: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Encoding strings, integers and arrays of strings cannot fail.
            let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
            return String(decoding: data, as: UTF8.self)
        }

        /// The text the issuer signs; see the type's documentation.
        ///
        /// - Parameter clientId: The client id the temporary credentials are used under.
        /// - Returns: The lines joined by `\n`, without a final newline.
        public func signedText(clientId: String) -> String {
            var lines = ["version:\(version)"]
            if let issuer {
                lines += ["clientId:\(clientId)", "issuer:\(issuer)"]
            }
            lines += ["seed:\(seed)", "start:\(start)", "expiry:\(expiry)", "scopes:"]
            lines += scopes
            return lines.joined(separator: "\n")
        }

        /// Computes the signature an issuer puts on this certificate.
        ///
        /// - Parameters:
        ///   - clientId: The client id the temporary credentials are used under.
        ///   - issuerAccessToken: The issuer's access token.
        /// - Returns: Base64 of the HMAC-SHA256 of `signedText(clientId:)`.
        public func expectedSignature(clientId: String, issuerAccessToken: String) -> String {
            let code = HMACSHA256.authenticationCode(
                key: issuerAccessToken, message: signedText(clientId: clientId))
            return Data(code).base64EncodedString()
        }

        /// The access token of the temporary credentials, derived from the issuer's.
        ///
        /// - Parameter issuerAccessToken: The issuer's access token.
        /// - Returns: Unpadded base64url of HMAC-SHA256(issuer token, seed).
        public func temporaryAccessToken(issuerAccessToken: String) -> String {
            Base64URL.encode(HMACSHA256.authenticationCode(key: issuerAccessToken, message: seed))
        }
    }

    /// The longest validity Taskcluster accepts for temporary credentials: 31 days.
    public static let maximumTemporaryValidity: TimeInterval = 31 * 24 * 60 * 60

    /// Issues temporary credentials, as Taskcluster's clients do: a certificate signed with
    /// the issuer's access token and the access token derived from it.
    ///
    /// - Parameters:
    ///   - issuer: Permanent credentials of the issuing client.
    ///   - name: A client id for named temporary credentials, or `nil` to use the issuer's.
    ///   - scopes: The scopes to grant (the issuer must hold them for Taskcluster to accept).
    ///   - start: When the credentials become valid (Taskcluster allows some clock skew, so
    ///     a few minutes in the past is usual).
    ///   - expiry: When they stop being valid, at most 31 days after `start`.
    ///   - seed: 44 characters; random by default. Pass one only to get repeatable output.
    /// - Returns: Credentials whose `certificate` is the signed certificate's JSON text.
    /// - Throws: `HawkError.invalidCertificate` when the issuer has a certificate itself, the
    ///   name equals the issuer, the validity is empty or over 31 days, or the seed is not 44
    ///   characters.
    public static func temporary(
        issuer: TaskclusterCredentials, name: String? = nil, scopes: [String], start: Date,
        expiry: Date, seed: String? = nil
    ) throws(HawkError) -> TaskclusterCredentials {
        guard issuer.certificate == nil else {
            throw .invalidCertificate("temporary credentials cannot issue temporary credentials")
        }
        guard name != issuer.clientId else {
            throw .invalidCertificate("a named temporary credential must not use its issuer's id")
        }
        guard start < expiry, expiry.timeIntervalSince(start) <= maximumTemporaryValidity else {
            throw .invalidCertificate("the validity must be non-empty and at most 31 days")
        }
        let seed = seed ?? Base64URL.encode(randomBytes(count: 33))
        guard seed.count == 44 else {
            throw .invalidCertificate("the seed must be 44 characters long")
        }
        var certificate = Certificate(
            scopes: scopes, start: milliseconds(start), expiry: milliseconds(expiry),
            seed: seed, signature: "", issuer: name == nil ? nil : issuer.clientId)
        let clientId = name ?? issuer.clientId
        certificate.signature = certificate.expectedSignature(
            clientId: clientId, issuerAccessToken: issuer.accessToken)
        return TaskclusterCredentials(
            clientId: clientId,
            accessToken: certificate.temporaryAccessToken(issuerAccessToken: issuer.accessToken),
            certificate: certificate.jsonText)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private static func randomBytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
