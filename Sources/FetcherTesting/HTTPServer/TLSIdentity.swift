import Foundation

/// A certificate and private key that a ``FaultServer`` presents for HTTPS.
///
/// ``selfSigned()`` makes a fresh one for tests; clients trust it through the PEM file at
/// ``certificatePath`` (for libcurl, `CURLOPT_CAINFO`).
public struct TLSIdentity: Sendable {
    /// The certificate, PEM-encoded.
    public let certificatePEM: String

    /// The private key, PEM-encoded (PKCS #8).
    public let privateKeyPEM: String

    /// A file holding ``certificatePEM``, for clients to trust.
    public let certificatePath: String

    /// Makes an identity from PEM text.
    /// - Parameters:
    ///   - certificatePEM: The certificate, PEM-encoded.
    ///   - privateKeyPEM: The matching private key, PEM-encoded.
    ///   - certificatePath: A file holding the certificate, for clients.
    public init(certificatePEM: String, privateKeyPEM: String, certificatePath: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.certificatePath = certificatePath
    }

    /// Loads an identity from PEM files.
    /// - Parameters:
    ///   - certificatePath: A file with the PEM certificate.
    ///   - privateKeyPath: A file with the PEM private key.
    /// - Throws: ``FaultServerError`` with kind `.file` when a file cannot be read.
    public init(certificatePath: String, privateKeyPath: String) throws {
        func text(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FaultServerError(kind: .file, description: "cannot read \(path)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        self.init(
            certificatePEM: try text(certificatePath),
            privateKeyPEM: try text(privateKeyPath),
            certificatePath: certificatePath
        )
    }

    /// Deletes the file at ``certificatePath``, for example when a test that made a
    /// ``selfSigned()`` identity is done with it. A missing file is not an error.
    public func removeCertificateFile() {
        try? FileManager.default.removeItem(atPath: certificatePath)
    }
}
