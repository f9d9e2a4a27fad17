import CCrypto

/// Compares two byte strings in time that depends only on their lengths, never on where they
/// differ (libcrypto's `CRYPTO_memcmp`), so that comparing a secret leaks nothing of it.
///
/// - Parameters:
///   - first: One byte string, for example an expected digest.
///   - second: The other, for example a computed digest.
/// - Returns: `true` when both have the same length and the same bytes; `false` otherwise.
public func constantTimeEquals(_ first: [UInt8], _ second: [UInt8]) -> Bool {
    guard first.count == second.count else {
        return false
    }
    guard !first.isEmpty else {
        return true
    }
    return first.withUnsafeBytes { firstBytes in
        second.withUnsafeBytes { secondBytes in
            CRYPTO_memcmp(firstBytes.baseAddress, secondBytes.baseAddress, first.count) == 0
        }
    }
}
