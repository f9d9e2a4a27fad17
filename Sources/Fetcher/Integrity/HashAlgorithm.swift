import CCrypto

/// A message digest algorithm that references can name to check the bytes they fetch.
///
/// The raw values are the names used in references and hash keys (`"sha256"`).
public enum HashAlgorithm: String, Sendable, CaseIterable, Hashable {
    /// MD5, 16 bytes. Broken for security; accepted only to check old references.
    case md5
    /// SHA-1, 20 bytes. Weak; accepted only to check old references.
    case sha1
    /// SHA-256, 32 bytes.
    case sha256
    /// SHA-512, 64 bytes.
    case sha512

    /// The length of a digest in bytes.
    public var digestLength: Int {
        switch self {
        case .md5: 16
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    /// The length of a digest written in hexadecimal: two characters per byte.
    public var hexLength: Int { digestLength * 2 }

    /// The libcrypto description of the algorithm, for `EVP_DigestInit_ex`.
    var messageDigest: OpaquePointer {
        switch self {
        case .md5: EVP_md5()
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }
}
