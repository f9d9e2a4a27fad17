/// What a blob must be, checked over its whole content however it was transferred: its
/// digests and its size.
struct ExpectedContent: Sendable, Hashable {
    /// The expected digest of each algorithm given.
    var digests: [HashAlgorithm: [UInt8]] = [:]

    /// The expected size in bytes, if given.
    var size: Int64?

    /// The algorithms to compute, in a fixed order.
    var algorithms: [HashAlgorithm] {
        HashAlgorithm.allCases.filter { digests[$0] != nil }
    }

    /// Checks computed digests against the expected ones, in constant time.
    ///
    /// - Returns: The first mismatch, as `(algorithm, expected hex, computed hex)`.
    func mismatch(in computed: [HashAlgorithm: [UInt8]]) -> (HashAlgorithm, String, String)? {
        for algorithm in algorithms {
            guard let expected = digests[algorithm] else { continue }
            let actual = computed[algorithm] ?? []
            if !constantTimeEquals(expected, actual) {
                return (algorithm, Hex.encode(expected), Hex.encode(actual))
            }
        }
        return nil
    }
}
