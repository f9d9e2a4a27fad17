import Foundation

/// Hawk request signing (Hawk version 1 with HMAC-SHA256), as the Taskcluster APIs require:
/// signed URLs ("bewits") for downloads and `Authorization` headers for API calls.
///
/// Both sign a *normalized string*, one field per line, each followed by `\n`:
///
///     hawk.1.<header|bewit>   timestamp   nonce   METHOD   resource   host   port   hash   ext
///
/// where the resource is the path and query as sent, the host is lower case, the port defaults
/// to 443 for https and 80 for http, and the hash is the payload hash or empty. The MAC is
/// base64 of HMAC-SHA256(access token, normalized string).
///
/// For temporary credentials `ext` is base64 of `{"certificate": <certificate>}`; for
/// permanent credentials it is empty.
public enum Hawk {
    /// Signs a GET URL so that it can be fetched without an `Authorization` header until
    /// `expiry`.
    ///
    /// The bewit is unpadded base64url of `clientId\exp\mac\ext`, where `exp` is the expiry in
    /// whole seconds since 1970 and `mac` signs the URL with method GET and an empty nonce. It
    /// is appended as `bewit=<...>` after any existing query, before any fragment.
    ///
    /// - Parameters:
    ///   - url: An absolute `http` or `https` URL, encoded as it will be sent.
    ///   - credentials: The credentials to sign with.
    ///   - expiry: When the signed URL stops working.
    /// - Returns: The URL with its `bewit` query parameter.
    /// - Throws: `HawkError` when the URL is not an absolute http(s) URL, the client id cannot
    ///   be carried, or the certificate is malformed.
    public static func bewitURL(
        for url: String, credentials: TaskclusterCredentials, expiry: Date
    ) throws(HawkError) -> String {
        let target = try HawkURL(url)
        let bewit = try bewit(for: target, credentials: credentials, expiry: expiry)
        return target.appendingQueryParameter("bewit=\(bewit)")
    }

    /// Computes the bewit of a GET URL, without appending it; see `bewitURL(for:credentials:
    /// expiry:)`.
    ///
    /// - Parameters:
    ///   - url: An absolute `http` or `https` URL, encoded as it will be sent.
    ///   - credentials: The credentials to sign with.
    ///   - expiry: When the bewit stops working.
    /// - Returns: The bewit value (unpadded base64url).
    /// - Throws: `HawkError` as `bewitURL(for:credentials:expiry:)` does.
    public static func bewit(
        for url: String, credentials: TaskclusterCredentials, expiry: Date
    ) throws(HawkError) -> String {
        try bewit(for: HawkURL(url), credentials: credentials, expiry: expiry)
    }

    /// Makes the `Authorization` header value that signs an API request:
    /// `Hawk id="...", ts="...", nonce="...", hash="...", ext="...", mac="..."`, where `hash`
    /// is present only with a payload and `ext` only when not empty.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, for example `GET`; upper-cased for signing.
    ///   - url: The absolute `http` or `https` URL of the request, encoded as it will be sent.
    ///   - credentials: The credentials to sign with.
    ///   - timestamp: The time of the request (whole seconds count); now by default.
    ///   - nonce: A string unique for this timestamp; random by default.
    ///   - payload: The body and its content type, to bind the body to the signature; `nil`
    ///     signs without a payload hash.
    /// - Returns: The header value.
    /// - Throws: `HawkError` when the URL is not an absolute http(s) URL, a value cannot be
    ///   carried in the header, or the certificate is malformed.
    public static func authorizationHeader(
        method: String, url: String, credentials: TaskclusterCredentials,
        timestamp: Date = Date(), nonce: String = makeNonce(), payload: HawkPayload? = nil
    ) throws(HawkError) -> String {
        let target = try HawkURL(url)
        let ext = try ext(for: credentials)
        let seconds = String(wholeSeconds(timestamp))
        let hash = payload?.hash ?? ""
        try checkHeaderValue(credentials.clientId, name: "client id")
        try checkHeaderValue(nonce, name: "nonce")
        let normalized = normalizedString(
            kind: "header", timestamp: seconds, nonce: nonce, method: method.uppercased(),
            resource: target.resource, host: target.host, port: target.port, hash: hash,
            ext: ext)
        let mac = self.mac(key: credentials.accessToken, normalizedString: normalized)
        var attributes = [
            ("id", credentials.clientId), ("ts", seconds), ("nonce", nonce),
        ]
        if !hash.isEmpty {
            attributes.append(("hash", hash))
        }
        if !ext.isEmpty {
            attributes.append(("ext", ext))
        }
        attributes.append(("mac", mac))
        return "Hawk " + attributes.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ", ")
    }

    /// The `ext` the credentials put in their signatures: base64 of the compact JSON
    /// `{"certificate": <certificate with sorted keys>}` for temporary credentials, else empty.
    ///
    /// - Parameter credentials: The credentials.
    /// - Returns: The ext value.
    /// - Throws: `HawkError.invalidCertificate` when the certificate text is malformed.
    public static func ext(for credentials: TaskclusterCredentials) throws(HawkError) -> String {
        guard let certificate = try credentials.parsedCertificate() else {
            return ""
        }
        let json = "{\"certificate\":\(certificate.jsonText)}"
        return Data(json.utf8).base64EncodedString()
    }

    /// Makes a random nonce: six characters of the base64url alphabet.
    ///
    /// - Returns: The nonce.
    public static func makeNonce() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func bewit(
        for target: HawkURL, credentials: TaskclusterCredentials, expiry: Date
    ) throws(HawkError) -> String {
        try checkHeaderValue(credentials.clientId, name: "client id")
        let ext = try ext(for: credentials)
        let expiryText = String(wholeSeconds(expiry))
        let normalized = normalizedString(
            kind: "bewit", timestamp: expiryText, nonce: "", method: "GET",
            resource: target.resource, host: target.host, port: target.port, hash: "", ext: ext)
        let mac = self.mac(key: credentials.accessToken, normalizedString: normalized)
        let inner = "\(credentials.clientId)\\\(expiryText)\\\(mac)\\\(ext)"
        return Base64URL.encode(Array(inner.utf8))
    }

    /// The string a Hawk MAC signs; see the type's documentation. `app` and `dlg` add two
    /// lines when `app` is present.
    static func normalizedString(
        kind: String, timestamp: String, nonce: String, method: String, resource: String,
        host: String, port: Int, hash: String, ext: String, app: String? = nil,
        dlg: String? = nil
    ) -> String {
        var lines = [
            "hawk.1.\(kind)", timestamp, nonce, method, resource, host, String(port), hash, ext,
        ]
        if let app {
            lines += [app, dlg ?? ""]
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Base64 of HMAC-SHA256 of the normalized string, keyed with the access token.
    static func mac(key: String, normalizedString: String) -> String {
        let code = HMACSHA256.authenticationCode(key: key, message: normalizedString)
        return Data(code).base64EncodedString()
    }

    /// Whole seconds since 1970, rounded down.
    static func wholeSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Tells whether a value may appear between the quotes of a Hawk header attribute:
    /// printable ASCII other than `"` and `\`.
    static func isHeaderValue(_ value: some StringProtocol) -> Bool {
        value.utf8.allSatisfy { byte in
            byte >= 0x20 && byte < 0x7f && byte != UInt8(ascii: "\"")
                && byte != UInt8(ascii: "\\")
        }
    }

    private static func checkHeaderValue(_ value: String, name: String) throws(HawkError) {
        guard isHeaderValue(value) else {
            throw .invalidHeaderValue(name: name)
        }
    }
}
