import Foundation

extension Hawk {
    /// The clock difference tolerated between signer and verifier by default: 5 minutes, for
    /// header timestamps and certificate validity alike.
    public static let defaultAllowedClockSkew: TimeInterval = 5 * 60

    /// Checks the bewit of a signed GET (or HEAD) request, as a Taskcluster service does.
    ///
    /// The bewit parameter is removed from the query and the MAC is recomputed over the rest,
    /// with method GET. For temporary credentials (a certificate in `ext`), the certificate's
    /// format, validity and signature are checked with the issuer's token, and the MAC with the
    /// token derived from it. Nonces are not tracked.
    ///
    /// - Parameters:
    ///   - requestTarget: The path and query as received, for example `/a/b?x=1&bewit=...`.
    ///   - method: The request method; only GET and HEAD may carry a bewit.
    ///   - host: The host the request was sent to (from its `Host` header, without the port).
    ///   - port: The port the request was sent to.
    ///   - now: The verifier's clock.
    ///   - allowedClockSkew: The tolerance for certificate validity.
    ///   - accessToken: Looks up the access token of a permanent client id; `nil` if unknown.
    /// - Returns: The client and certificate that signed.
    /// - Throws: `HawkError` when the bewit is missing or malformed, the method is not GET or
    ///   HEAD, the client is unknown, the bewit expired, the certificate is invalid, or the MAC
    ///   does not match.
    public static func verifyBewit(
        requestTarget: String, method: String = "GET", host: String, port: Int,
        now: Date = Date(), allowedClockSkew: TimeInterval = defaultAllowedClockSkew,
        accessToken: (String) -> String?
    ) throws(HawkError) -> HawkAuthentication {
        let upperMethod = method.uppercased()
        guard upperMethod == "GET" || upperMethod == "HEAD" else {
            throw .malformedBewit("a bewit is only valid on GET and HEAD requests")
        }
        let (resource, bewit) = try splitBewit(requestTarget)
        guard let decoded = Base64URL.decode(bewit),
            let inner = String(validating: decoded, as: UTF8.self)
        else {
            throw .malformedBewit("it is not base64url text")
        }
        let parts = inner.split(separator: "\\", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw .malformedBewit("it does not have four parts separated by backslashes")
        }
        let clientId = String(parts[0])
        let expiryText = String(parts[1])
        let mac = String(parts[2])
        let ext = String(parts[3])
        guard !clientId.isEmpty, !mac.isEmpty, let expirySeconds = wholeNumber(expiryText) else {
            throw .malformedBewit("its client id, expiry or MAC is missing or malformed")
        }
        let expiry = Date(timeIntervalSince1970: TimeInterval(expirySeconds))
        guard expiry > now else {
            throw .expired(clientId: clientId, expiry: expiry, now: now)
        }
        let content = try HawkExtContent(ext: ext)
        let key = try signingKey(
            clientId: clientId, certificate: content.certificate, now: now,
            allowedClockSkew: allowedClockSkew, accessToken: accessToken)
        let normalized = normalizedString(
            kind: "bewit", timestamp: expiryText, nonce: "", method: "GET", resource: resource,
            host: host.lowercased(), port: port, hash: "", ext: ext)
        guard macsMatch(self.mac(key: key, normalizedString: normalized), mac) else {
            throw .macMismatch(clientId: clientId)
        }
        return HawkAuthentication(
            clientId: clientId, certificate: content.certificate,
            authorizedScopes: content.authorizedScopes, ext: ext, expiry: expiry)
    }

    /// Checks the Hawk `Authorization` header of an API request, as a Taskcluster service
    /// does.
    ///
    /// Attributes may come in any order. When the header has a `hash` and `payload` is given,
    /// the body must match it; without `payload` the hash is signed but not compared with a
    /// body. For temporary credentials the certificate is checked as in `verifyBewit`. Nonces
    /// are not tracked.
    ///
    /// - Parameters:
    ///   - header: The `Authorization` header value.
    ///   - method: The request method.
    ///   - requestTarget: The path and query as received.
    ///   - host: The host the request was sent to (from its `Host` header, without the port).
    ///   - port: The port the request was sent to.
    ///   - payload: The body received and its content type, to check the payload hash.
    ///   - now: The verifier's clock.
    ///   - allowedClockSkew: How far the header's timestamp may be from `now`; also the
    ///     tolerance for certificate validity.
    ///   - accessToken: Looks up the access token of a permanent client id; `nil` if unknown.
    /// - Returns: The client and certificate that signed.
    /// - Throws: `HawkError` when the header is malformed, the client is unknown, the timestamp
    ///   is too far from `now`, the certificate is invalid, or the MAC or payload hash does not
    ///   match.
    public static func verifyAuthorizationHeader(
        _ header: String, method: String, requestTarget: String, host: String, port: Int,
        payload: HawkPayload? = nil, now: Date = Date(),
        allowedClockSkew: TimeInterval = defaultAllowedClockSkew,
        accessToken: (String) -> String?
    ) throws(HawkError) -> HawkAuthentication {
        let attributes = try parseAuthorizationHeader(header)
        guard let clientId = attributes["id"], let timestampText = attributes["ts"],
            let nonce = attributes["nonce"], let mac = attributes["mac"]
        else {
            throw .malformedHeader("it lacks one of id, ts, nonce and mac")
        }
        guard let seconds = wholeNumber(timestampText) else {
            throw .malformedHeader("its ts is not a whole number of seconds")
        }
        let ext = attributes["ext"] ?? ""
        let hash = attributes["hash"] ?? ""
        let content = try HawkExtContent(ext: ext)
        let key = try signingKey(
            clientId: clientId, certificate: content.certificate, now: now,
            allowedClockSkew: allowedClockSkew, accessToken: accessToken)
        let normalized = normalizedString(
            kind: "header", timestamp: timestampText, nonce: nonce, method: method.uppercased(),
            resource: requestTarget, host: host.lowercased(), port: port, hash: hash, ext: ext,
            app: attributes["app"], dlg: attributes["dlg"])
        guard macsMatch(self.mac(key: key, normalizedString: normalized), mac) else {
            throw .macMismatch(clientId: clientId)
        }
        if let payload, !hash.isEmpty, !macsMatch(payload.hash, hash) {
            throw .payloadHashMismatch(clientId: clientId)
        }
        let timestamp = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard abs(timestamp.timeIntervalSince(now)) <= allowedClockSkew else {
            throw .staleTimestamp(clientId: clientId, timestamp: timestamp, now: now)
        }
        return HawkAuthentication(
            clientId: clientId, certificate: content.certificate,
            authorizedScopes: content.authorizedScopes, ext: ext, timestamp: timestamp,
            nonce: nonce)
    }

    /// Reads the attributes of a Hawk `Authorization` header: `Hawk key="value", ...`.
    ///
    /// - Parameter header: The header value.
    /// - Returns: The attributes by name.
    /// - Throws: `HawkError.malformedHeader` for another scheme, bad syntax, an unknown or
    ///   repeated attribute, or a value with a character Hawk does not allow.
    public static func parseAuthorizationHeader(_ header: String) throws(HawkError)
        -> [String: String]
    {
        let allowedNames: Set<String> = ["id", "ts", "nonce", "hash", "ext", "mac", "app", "dlg"]
        guard header.utf8.count <= 16_384 else {
            throw .malformedHeader("it is longer than 16 KiB")
        }
        var rest = Substring(header)
        guard rest.prefix(4).lowercased() == "hawk", rest.dropFirst(4).first == " " else {
            throw .malformedHeader("its scheme is not Hawk")
        }
        rest = rest.dropFirst(5)
        var attributes: [String: String] = [:]
        while true {
            rest = rest.drop(while: { $0 == " " })
            guard !rest.isEmpty else {
                break
            }
            let name = String(rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }))
            rest = rest.dropFirst(name.count)
            guard !name.isEmpty, rest.hasPrefix("=\"") else {
                throw .malformedHeader("expected name=\"value\"")
            }
            rest = rest.dropFirst(2)
            guard let close = rest.firstIndex(of: "\"") else {
                throw .malformedHeader("the value of \(name) has no closing quote")
            }
            let value = rest[..<close]
            rest = rest[rest.index(after: close)...]
            guard allowedNames.contains(name) else {
                throw .malformedHeader("unknown attribute \(name)")
            }
            guard attributes[name] == nil else {
                throw .malformedHeader("repeated attribute \(name)")
            }
            guard isHeaderValue(value) else {
                throw .malformedHeader("the value of \(name) has a character Hawk does not allow")
            }
            attributes[name] = String(value)
            rest = rest.drop(while: { $0 == " " })
            if rest.hasPrefix(",") {
                rest = rest.dropFirst()
            } else if !rest.isEmpty {
                throw .malformedHeader("attributes must be separated by commas")
            }
        }
        return attributes
    }

    /// Splits a request target into the resource without its bewit and the bewit value.
    private static func splitBewit(_ requestTarget: String) throws(HawkError) -> (
        resource: String, bewit: String
    ) {
        guard let question = requestTarget.firstIndex(of: "?") else {
            throw .missingBewit
        }
        let path = requestTarget[..<question]
        let parameters = requestTarget[requestTarget.index(after: question)...]
            .split(separator: "&", omittingEmptySubsequences: false)
        let bewits = parameters.filter { $0.hasPrefix("bewit=") }
        guard let bewit = bewits.first else {
            throw .missingBewit
        }
        guard bewits.count == 1 else {
            throw .malformedBewit("the request has more than one")
        }
        let remaining = parameters.filter { !$0.hasPrefix("bewit=") }.joined(separator: "&")
        let resource = (path.isEmpty ? "/" : String(path)) + (remaining.isEmpty ? "" : "?")
        return (resource + remaining, String(bewit.dropFirst("bewit=".count)))
    }

    /// The key that must have made the MAC: the client's own token, or for temporary
    /// credentials the token derived from the issuer's after checking the certificate.
    private static func signingKey(
        clientId: String, certificate: TaskclusterCredentials.Certificate?, now: Date,
        allowedClockSkew: TimeInterval, accessToken: (String) -> String?
    ) throws(HawkError) -> String {
        guard let certificate else {
            guard let token = accessToken(clientId) else {
                throw .unknownClient(clientId)
            }
            return token
        }
        guard certificate.version == 1 else {
            throw .invalidCertificate("its version is not 1")
        }
        guard certificate.seed.count == 44 else {
            throw .invalidCertificate("its seed is not 44 characters long")
        }
        let skew = Int64(allowedClockSkew * 1000)
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        guard certificate.start <= nowMilliseconds + skew else {
            throw .invalidCertificate("it is not valid yet")
        }
        guard certificate.expiry >= nowMilliseconds - skew else {
            throw .invalidCertificate("it has expired")
        }
        let longest = Int64(TaskclusterCredentials.maximumTemporaryValidity * 1000)
        guard certificate.expiry - certificate.start <= longest else {
            throw .invalidCertificate("it is valid for more than 31 days")
        }
        guard certificate.issuer != clientId else {
            throw .invalidCertificate("its issuer must differ from the client id it names")
        }
        let issuer = certificate.issuer ?? clientId
        guard let issuerToken = accessToken(issuer) else {
            throw .unknownClient(issuer)
        }
        let signature = certificate.expectedSignature(
            clientId: clientId, issuerAccessToken: issuerToken)
        guard macsMatch(signature, certificate.signature) else {
            throw .invalidCertificate("its signature does not match its issuer's access token")
        }
        return certificate.temporaryAccessToken(issuerAccessToken: issuerToken)
    }

    /// Compares two base64 MACs or hashes in constant time.
    private static func macsMatch(_ expected: String, _ actual: String) -> Bool {
        constantTimeEquals(Array(expected.utf8), Array(actual.utf8))
    }

    /// A non-negative whole number written in ASCII digits only.
    private static func wholeNumber(_ text: String) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 15,
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            return nil
        }
        return Int64(text)
    }
}
