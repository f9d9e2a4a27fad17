import CCrypto
import Foundation

/// A streaming message digest computed by libcrypto (`EVP_Digest*`).
///
/// Feed the bytes in as many pieces as they arrive with `update(_:)`, then read the digest
/// with `finalize()`. Updating from a raw buffer hashes the caller's memory in place, without
/// copying. A digester has one owner at a time, so it is not `Sendable`.
///
/// ```swift
/// let digester = Digester(.sha256)
/// digester.update(Array("abc".utf8))
/// let digest = digester.finalize()
/// ```
public final class Digester {
    /// The algorithm this digester computes.
    public let algorithm: HashAlgorithm

    private let context: OpaquePointer
    private var digest: [UInt8]?

    /// Starts a digest.
    ///
    /// - Parameter algorithm: The algorithm to compute.
    public init(_ algorithm: HashAlgorithm) {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("Digester: EVP_MD_CTX_new failed; libcrypto is out of memory")
        }
        self.algorithm = algorithm
        self.context = context
        start()
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds bytes to the digest, reading them in place.
    ///
    /// - Parameter bytes: The next bytes of the stream; may be empty.
    /// - Precondition: `finalize()` has not been called since the last `reset()`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(digest == nil, "Digester.update called after finalize(); call reset() first")
        guard let baseAddress = bytes.baseAddress, !bytes.isEmpty else {
            return
        }
        guard EVP_DigestUpdate(context, baseAddress, bytes.count) == 1 else {
            fatalError("Digester: EVP_DigestUpdate failed for \(algorithm.rawValue)")
        }
    }

    /// Adds bytes to the digest.
    ///
    /// - Parameter bytes: The next bytes of the stream (an array, `Data`, ...); may be empty.
    /// - Precondition: `finalize()` has not been called since the last `reset()`.
    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the stream and returns its digest.
    ///
    /// The digest is computed once; calling `finalize()` again returns the same bytes. Updating
    /// after `finalize()` is a programmer error unless `reset()` is called first.
    ///
    /// - Returns: The digest, `algorithm.digestLength` bytes long.
    public func finalize() -> [UInt8] {
        if let digest {
            return digest
        }
        var result = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &result, &length) == 1 else {
            fatalError("Digester: EVP_DigestFinal_ex failed for \(algorithm.rawValue)")
        }
        result.removeSubrange(Int(length)...)
        digest = result
        return result
    }

    /// Discards everything hashed so far and starts the digest again, as for a new stream.
    public func reset() {
        digest = nil
        start()
    }

    /// Computes the digest of bytes held in memory in one call.
    ///
    /// - Parameters:
    ///   - algorithm: The algorithm to compute.
    ///   - bytes: The whole message.
    /// - Returns: The digest, `algorithm.digestLength` bytes long.
    public static func digest(_ algorithm: HashAlgorithm, of bytes: some ContiguousBytes)
        -> [UInt8]
    {
        let digester = Digester(algorithm)
        digester.update(bytes)
        return digester.finalize()
    }

    private func start() {
        guard EVP_DigestInit_ex(context, algorithm.messageDigest, nil) == 1 else {
            fatalError(
                "Digester: libcrypto refused \(algorithm.rawValue); is its provider disabled?")
        }
    }
}

@available(*, unavailable, message: "a Digester has one owner; make one per task")
extension Digester: Sendable {}
