import Foundation

/// Several digests computed over the same stream, for a reference that names several hashes
/// (for example MD5, SHA-256 and SHA-512 of one blob).
///
/// Each piece of the stream is read once per algorithm, in place. Not `Sendable`: one owner.
public final class MultiDigester {
    private let digesters: [HashAlgorithm: Digester]

    /// Starts a digest for each algorithm.
    ///
    /// - Parameter algorithms: The algorithms to compute; duplicates count once.
    public init(_ algorithms: some Sequence<HashAlgorithm>) {
        var digesters: [HashAlgorithm: Digester] = [:]
        for algorithm in algorithms where digesters[algorithm] == nil {
            digesters[algorithm] = Digester(algorithm)
        }
        self.digesters = digesters
    }

    /// The algorithms being computed.
    public var algorithms: Set<HashAlgorithm> { Set(digesters.keys) }

    /// Adds bytes to every digest, reading them in place.
    ///
    /// - Parameter bytes: The next bytes of the stream; may be empty.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        for digester in digesters.values {
            digester.update(bytes)
        }
    }

    /// Adds bytes to every digest.
    ///
    /// - Parameter bytes: The next bytes of the stream (an array, `Data`, ...); may be empty.
    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the stream and returns every digest. Calling it again returns the same digests.
    ///
    /// - Returns: The digest of each algorithm.
    public func finalize() -> [HashAlgorithm: [UInt8]] {
        digesters.mapValues { $0.finalize() }
    }

    /// Discards everything hashed so far and starts every digest again.
    public func reset() {
        for digester in digesters.values {
            digester.reset()
        }
    }
}

@available(*, unavailable, message: "a MultiDigester has one owner; make one per task")
extension MultiDigester: Sendable {}
