import CCrypto

/// HMAC with SHA-256 (RFC 2104), computed by libcrypto, as Hawk and Taskcluster use it.
public enum HMACSHA256 {
    /// The length of an authentication code in bytes.
    public static let codeLength = 32

    /// Computes the authentication code of a message.
    ///
    /// - Parameters:
    ///   - key: The secret key, of any length (an empty key is allowed).
    ///   - message: The message to authenticate.
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // Non-null pointers even when empty (the lengths stay 0): libcrypto gives a null key
        // a meaning of its own.
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                HMAC(
                    EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                    messageBuffer.baseAddress, message.count, &code, &length)
            }
        }
        guard result != nil else {
            fatalError("HMACSHA256: libcrypto's HMAC failed; it is out of memory")
        }
        code.removeSubrange(Int(length)...)
        return code
    }

    /// Computes the authentication code of a text message with a text key, both as UTF-8.
    ///
    /// - Parameters:
    ///   - key: The secret key.
    ///   - message: The message to authenticate.
    /// - Returns: The 32-byte authentication code.
    public static func authenticationCode(key: String, message: String) -> [UInt8] {
        authenticationCode(key: Array(key.utf8), message: Array(message.utf8))
    }
}
