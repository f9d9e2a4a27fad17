import Foundation

/// An integrity string in the W3C Subresource Integrity format, as npm and Bazel write them:
/// `sha256-<base64>` or `sha512-<base64>`, possibly several entries separated by spaces.
///
/// As the SRI specification says, only the strongest algorithm present counts: for
/// `"sha256-A sha512-B"` the blob must have SHA-512 digest B, and when the strongest algorithm
/// has several entries, a blob matching any one of them is accepted. SHA-384 is valid SRI but
/// is not among the algorithms the fetcher computes, so a string whose strongest entry is
/// SHA-384 is rejected with a clear error; next to a SHA-512 entry it is ignored.
public struct SubresourceIntegrity: Sendable, Hashable, CustomStringConvertible {
    /// The strongest algorithm of the string: `.sha256` or `.sha512`.
    public let algorithm: HashAlgorithm
    /// The digests the string accepts for `algorithm`; most strings have exactly one.
    public let expectedDigests: [[UInt8]]

    /// Parses an integrity string.
    ///
    /// - Parameter text: One or more entries `<algorithm>-<base64 digest>[?<options>]`,
    ///   separated by white space. Algorithms are `sha256`, `sha384`, `sha512` in any case;
    ///   the digest may use the standard or the URL-safe base64 alphabet.
    /// - Throws: `SubresourceIntegrityError` when the string is empty, an entry is malformed,
    ///   names another algorithm, has a digest of the wrong length, or when its strongest
    ///   algorithm is SHA-384.
    public init(parsing text: String) throws(SubresourceIntegrityError) {
        let entries = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !entries.isEmpty else {
            throw .empty
        }
        var digestsByStrength: [Int: (name: String, digests: [[UInt8]])] = [:]
        for entry in entries {
            let (name, strength, digest) = try Self.parse(entry: entry)
            digestsByStrength[strength, default: (name, [])].digests.append(digest)
        }
        let strongest = digestsByStrength.keys.max()!
        let (name, digests) = digestsByStrength[strongest]!
        guard let algorithm = HashAlgorithm(rawValue: name) else {
            throw .unsupportedAlgorithm(name)
        }
        self.algorithm = algorithm
        self.expectedDigests = digests
    }

    /// Makes an integrity value from one expected digest.
    ///
    /// - Parameters:
    ///   - algorithm: `.sha256` or `.sha512`.
    ///   - expectedDigest: The digest, `algorithm.digestLength` bytes long.
    /// - Throws: `SubresourceIntegrityError` for another algorithm or a digest of the wrong
    ///   length.
    public init(algorithm: HashAlgorithm, expectedDigest: [UInt8])
        throws(SubresourceIntegrityError)
    {
        guard algorithm == .sha256 || algorithm == .sha512 else {
            throw .unsupportedAlgorithm(algorithm.rawValue)
        }
        guard expectedDigest.count == algorithm.digestLength else {
            throw .wrongDigestLength(
                algorithm: algorithm.rawValue, expected: algorithm.digestLength,
                actual: expectedDigest.count)
        }
        self.algorithm = algorithm
        self.expectedDigests = [expectedDigest]
    }

    /// The integrity string: its entries for `algorithm`, separated by spaces.
    public var description: String {
        expectedDigests.map { "\(algorithm.rawValue)-\(Data($0).base64EncodedString())" }
            .joined(separator: " ")
    }

    /// Tells whether a computed digest is one the string accepts, comparing in constant time.
    ///
    /// - Parameter digest: The `algorithm` digest of the fetched bytes.
    /// - Returns: `true` when it equals one of `expectedDigests`.
    public func isSatisfied(by digest: [UInt8]) -> Bool {
        var satisfied = false
        for expected in expectedDigests where constantTimeEquals(expected, digest) {
            satisfied = true
        }
        return satisfied
    }

    /// Checks a computed digest against the string.
    ///
    /// - Parameter digest: The `algorithm` digest of the fetched bytes.
    /// - Throws: `SubresourceIntegrityError.mismatch` naming the expected and computed values.
    public func verify(_ digest: [UInt8]) throws(SubresourceIntegrityError) {
        guard isSatisfied(by: digest) else {
            throw .mismatch(
                expected: description,
                computed: "\(algorithm.rawValue)-\(Data(digest).base64EncodedString())")
        }
    }

    private static let strengthByName = ["sha256": 1, "sha384": 2, "sha512": 3]
    private static let digestLengthByName = ["sha256": 32, "sha384": 48, "sha512": 64]

    private static func parse(entry: String) throws(SubresourceIntegrityError) -> (
        name: String, strength: Int, digest: [UInt8]
    ) {
        guard let dash = entry.firstIndex(of: "-") else {
            throw .malformedEntry(entry)
        }
        let name = entry[..<dash].lowercased()
        var value = entry[entry.index(after: dash)...]
        if let question = value.firstIndex(of: "?") {
            value = value[..<question]
        }
        guard let strength = strengthByName[name], let length = digestLengthByName[name] else {
            throw name.isEmpty ? .malformedEntry(entry) : .unsupportedAlgorithm(name)
        }
        guard !value.isEmpty, let digest = Base64URL.decode(String(value)) else {
            throw .invalidBase64(entry)
        }
        guard digest.count == length else {
            throw .wrongDigestLength(algorithm: name, expected: length, actual: digest.count)
        }
        return (name, strength, digest)
    }
}
