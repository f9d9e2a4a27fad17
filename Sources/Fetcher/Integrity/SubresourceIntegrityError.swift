/// Why an integrity string could not be used, or why bytes did not match it.
public enum SubresourceIntegrityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The string has no entries.
    case empty
    /// An entry is not of the form `<algorithm>-<base64>`.
    case malformedEntry(String)
    /// The strongest (or only) algorithm is one the fetcher does not compute.
    case unsupportedAlgorithm(String)
    /// An entry's digest is not base64.
    case invalidBase64(String)
    /// An entry's digest decodes to the wrong number of bytes for its algorithm.
    case wrongDigestLength(algorithm: String, expected: Int, actual: Int)
    /// The fetched bytes have another digest; both values are written as SRI strings.
    case mismatch(expected: String, computed: String)

    /// A sentence describing the problem.
    public var description: String {
        switch self {
        case .empty:
            "the integrity string is empty"
        case .malformedEntry(let entry):
            "the integrity entry \"\(entry)\" is not of the form <algorithm>-<base64 digest>"
        case .unsupportedAlgorithm(let name):
            "the integrity algorithm \"\(name)\" is not supported; use sha256 or sha512"
        case .invalidBase64(let entry):
            "the digest of the integrity entry \"\(entry)\" is not valid base64"
        case .wrongDigestLength(let algorithm, let expected, let actual):
            "a \(algorithm) integrity digest must be \(expected) bytes long, not \(actual)"
        case .mismatch(let expected, let computed):
            "integrity mismatch: expected \(expected), computed \(computed)"
        }
    }
}
