import CTLS

/// Errors from libssl and libcrypto, turned into ``FaultServerError`` values.
enum TLSFailure {
    /// An error for a failed call, with the first message from OpenSSL's error queue.
    /// The queue is emptied, so that later calls on this thread start clean.
    static func error(_ call: String) -> FaultServerError {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else {
            return FaultServerError(kind: .tls, description: "\(call) failed")
        }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        let reason = String(
            decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return FaultServerError(kind: .tls, description: "\(call) failed: \(reason)")
    }

    /// Parses PEM text with a libcrypto reader.
    /// - Parameters:
    ///   - what: What is parsed, for the error message.
    ///   - pem: The PEM text.
    ///   - reader: A `PEM_read_bio_...` call on the memory BIO.
    /// - Returns: The object read.
    static func parse(
        _ what: String, _ pem: String, reader: (OpaquePointer) -> OpaquePointer?
    ) throws -> OpaquePointer {
        let bytes = Array(pem.utf8)
        let object = bytes.withUnsafeBytes { buffer -> OpaquePointer? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                return nil
            }
            defer { BIO_free(bio) }
            return reader(bio)
        }
        guard let object else {
            throw error("reading the PEM \(what)")
        }
        return object
    }
}
