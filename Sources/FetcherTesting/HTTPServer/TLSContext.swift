import CTLS

/// A libssl server context holding one identity's certificate and key.
///
/// `@unchecked Sendable`: the `SSL_CTX` is fully set up in `init` and only read afterwards
/// (each connection makes its own `SSL` from it), which libssl allows from any thread.
final class TLSContext: @unchecked Sendable {
    /// The `SSL_CTX` pointer.
    let context: OpaquePointer

    /// Sets up a server context.
    /// - Parameter identity: The certificate and key to present.
    /// - Throws: ``FaultServerError`` with kind `.tls` when libssl rejects them.
    init(identity: TLSIdentity) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSFailure.error("SSL_CTX_new")
        }
        self.context = context
        let certificate = try TLSFailure.parse("certificate", identity.certificatePEM) { bio in
            PEM_read_bio_X509(bio, nil, nil, nil)
        }
        defer { X509_free(certificate) }
        let key = try TLSFailure.parse("private key", identity.privateKeyPEM) { bio in
            PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        defer { EVP_PKEY_free(key) }
        guard SSL_CTX_use_certificate(context, certificate) == 1 else {
            throw TLSFailure.error("SSL_CTX_use_certificate")
        }
        guard SSL_CTX_use_PrivateKey(context, key) == 1 else {
            throw TLSFailure.error("SSL_CTX_use_PrivateKey")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw TLSFailure.error("the private key does not match the certificate")
        }
    }

    deinit {
        SSL_CTX_free(context)
    }
}
