import CTLS
import Foundation

extension TLSIdentity {
    /// Makes a fresh self-signed identity for `127.0.0.1` and `localhost`.
    ///
    /// The key is EC P-256; the certificate is signed with SHA-256, names `127.0.0.1` as its
    /// subject, has the subject alternative names `IP:127.0.0.1` and `DNS:localhost`, and is
    /// valid from five minutes ago for one day. The certificate is also written to a new file
    /// in the temporary directory, named by ``certificatePath``; it stays there until
    /// ``removeCertificateFile()`` is called.
    /// - Returns: The identity.
    /// - Throws: ``FaultServerError`` when libcrypto fails or the file cannot be written.
    public static func selfSigned() throws -> TLSIdentity {
        let key = try makeKey()
        defer { EVP_PKEY_free(key) }
        guard let certificate = X509_new() else {
            throw TLSFailure.error("X509_new")
        }
        defer { X509_free(certificate) }
        try describe(certificate, key: key)
        try addExtensions(to: certificate)
        guard X509_sign(certificate, key, EVP_sha256()) > 0 else {
            throw TLSFailure.error("X509_sign")
        }
        let certificatePEM = try pem("certificate") { PEM_write_bio_X509($0, certificate) }
        let keyPEM = try pem("private key") {
            PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil)
        }
        return TLSIdentity(
            certificatePEM: certificatePEM,
            privateKeyPEM: keyPEM,
            certificatePath: try writeTemporaryFile(certificatePEM)
        )
    }

    /// A new EC P-256 key.
    private static func makeKey() throws -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw TLSFailure.error("EVP_PKEY_CTX_new_from_name")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1,
            EVP_PKEY_CTX_set_group_name(context, "P-256") == 1
        else {
            throw TLSFailure.error("setting up EC key generation")
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            throw TLSFailure.error("EVP_PKEY_generate")
        }
        return key
    }

    /// Sets version, serial number, validity, subject, issuer and public key.
    private static func describe(_ certificate: OpaquePointer, key: OpaquePointer) throws {
        let serial = Int.random(in: 1...Int(Int32.max))
        guard X509_set_version(certificate, 2) == 1,
            ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial) == 1,
            X509_gmtime_adj(X509_getm_notBefore(certificate), -300) != nil,
            X509_gmtime_adj(X509_getm_notAfter(certificate), 86_400) != nil,
            let name = X509_get_subject_name(certificate)
        else {
            throw TLSFailure.error("setting the certificate's serial number and validity")
        }
        let commonName = Array("127.0.0.1".utf8)
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1,
            X509_set_issuer_name(certificate, name) == 1,
            X509_set_pubkey(certificate, key) == 1
        else {
            throw TLSFailure.error("setting the certificate's names and key")
        }
    }

    /// Adds the subject alternative names and the usual constraints of a self-signed
    /// certificate that is its own trust anchor.
    private static func addExtensions(to certificate: OpaquePointer) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate, certificate, nil, nil, 0)
        let extensions: [(Int32, String)] = [
            (NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"),
            (NID_basic_constraints, "critical,CA:TRUE"),
            (NID_key_usage, "critical,digitalSignature,keyCertSign"),
            (NID_subject_key_identifier, "hash"),
        ]
        for (identifier, value) in extensions {
            guard let made = X509V3_EXT_nconf_nid(nil, &context, identifier, value) else {
                throw TLSFailure.error("making the certificate extension \(value)")
            }
            defer { X509_EXTENSION_free(made) }
            guard X509_add_ext(certificate, made, -1) == 1 else {
                throw TLSFailure.error("adding the certificate extension \(value)")
            }
        }
    }

    /// The PEM text that a `PEM_write_bio_...` call writes.
    private static func pem(_ what: String, writer: (OpaquePointer) -> Int32) throws -> String {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw TLSFailure.error("BIO_new")
        }
        defer { BIO_free(bio) }
        guard writer(bio) == 1 else {
            throw TLSFailure.error("writing the PEM \(what)")
        }
        var bytes = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let count = BIO_read(bio, &bytes, Int32(bytes.count))
        return String(decoding: bytes.prefix(Int(max(0, count))), as: UTF8.self)
    }

    /// Writes text to a new file in the temporary directory.
    /// - Returns: The file's path.
    private static func writeTemporaryFile(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/fetcher-test-certificate-XXXXXX.pem".utf8CString)
        let descriptor = mkstemps(&template, 4)
        guard descriptor >= 0 else {
            throw FaultServerError(
                kind: .file, description: "cannot create a certificate file: \(errnoText())")
        }
        defer { close(descriptor) }
        let path = String(
            decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes {
            Foundation.write(descriptor, $0.baseAddress, $0.count)
        }
        guard written == bytes.count else {
            throw FaultServerError(
                kind: .file, description: "cannot write the certificate file \(path)")
        }
        return path
    }
}
