import Foundation

/// The body of an API request, for the Hawk payload hash that binds it to the signature.
public struct HawkPayload: Sendable, Hashable {
    /// The `Content-Type` header value; only the media type counts, in lower case.
    public var contentType: String
    /// The body bytes exactly as sent.
    public var body: [UInt8]

    /// Makes a payload.
    ///
    /// - Parameters:
    ///   - contentType: The `Content-Type` header value, for example `application/json`.
    ///   - body: The body bytes.
    public init(contentType: String, body: [UInt8]) {
        self.contentType = contentType
        self.body = body
    }

    /// The Hawk payload hash: base64 of SHA-256 over `hawk.1.payload\n`, the media type (the
    /// content type before any `;`, trimmed, in lower case), `\n`, the body and `\n`.
    public var hash: String {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let digester = Digester(.sha256)
        digester.update(Array("hawk.1.payload\n\(mediaType)\n".utf8))
        digester.update(body)
        digester.update([UInt8(ascii: "\n")])
        return Data(digester.finalize()).base64EncodedString()
    }
}
