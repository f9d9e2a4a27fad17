import Dispatch

/// A digest computed on a thread of its own while the caller works with the same bytes (such
/// as writing them to a file), so that the two overlap on two cores instead of taking turns,
/// without copying the bytes.
///
/// One owner calls the methods, one call at a time.
final class BackgroundDigester: @unchecked Sendable {
    // Unchecked: the digester is touched only on `queue`; the owner's calls come one at a time
    // and each waits for its hashing to end before it returns.
    private let digester: Digester
    private let queue = DispatchQueue(label: "fetcher.background-digest")
    private let hashed = DispatchSemaphore(value: 0)

    /// Starts a digest.
    /// - Parameter algorithm: The algorithm to compute.
    init(_ algorithm: HashAlgorithm) {
        digester = Digester(algorithm)
    }

    /// Adds `bytes` to the digest on the digest's thread while `work` runs on the caller's,
    /// and returns once both are done: the bytes need stay valid only for the call.
    /// - Parameters:
    ///   - bytes: The next bytes of the stream; may be empty.
    ///   - work: What the caller does meanwhile, usually with the same bytes.
    /// - Throws: What `work` throws; the bytes are hashed all the same.
    func update(_ bytes: UnsafeRawBufferPointer, during work: () throws -> Void) rethrows {
        guard !bytes.isEmpty else {
            return try work()
        }
        nonisolated(unsafe) let piece = bytes
        queue.async { [self] in
            digester.update(piece)
            hashed.signal()
        }
        defer { hashed.wait() }
        try work()
    }

    /// Discards everything hashed so far and starts again.
    func reset() {
        queue.sync { digester.reset() }
    }

    /// The digest of the whole stream.
    /// - Returns: The digest, `algorithm.digestLength` bytes long.
    func finalize() -> [UInt8] {
        queue.sync { digester.finalize() }
    }
}
