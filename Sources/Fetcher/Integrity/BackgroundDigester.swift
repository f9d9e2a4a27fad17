import Dispatch

/// A digest computed on a thread of its own, so that the caller's work with the bytes (such as
/// writing them to a file) and the hashing overlap on two cores instead of taking turns.
///
/// ``update(_:)`` copies the bytes and returns; at most `depth` copies wait to be hashed, and
/// ``update(_:)`` blocks while that many do, so the memory held stays within `depth` pieces.
/// One owner calls the methods, one call at a time.
final class BackgroundDigester: @unchecked Sendable {
    // Unchecked: the digester is touched only on `queue`, and the owner's calls come one at a
    // time; the semaphore and the queue are thread-safe.
    private let digester: Digester
    private let queue = DispatchQueue(label: "fetcher.background-digest")
    private let slots: DispatchSemaphore

    /// Starts a digest.
    /// - Parameters:
    ///   - algorithm: The algorithm to compute.
    ///   - depth: How many pieces may wait to be hashed before ``update(_:)`` blocks.
    init(_ algorithm: HashAlgorithm, depth: Int = 4) {
        digester = Digester(algorithm)
        slots = DispatchSemaphore(value: max(1, depth))
    }

    /// Adds a copy of `bytes` to the digest, waiting first while `depth` pieces are queued.
    /// - Parameter bytes: The next bytes of the stream; may be empty.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        slots.wait()
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyMemory(from: bytes)
        nonisolated(unsafe) let piece = copy
        queue.async { [self] in
            digester.update(UnsafeRawBufferPointer(piece))
            piece.deallocate()
            slots.signal()
        }
    }

    /// Discards everything hashed so far, once the queued pieces are done, and starts again.
    func reset() {
        queue.sync { digester.reset() }
    }

    /// Waits for the queued pieces and returns the digest of the whole stream.
    /// - Returns: The digest, `algorithm.digestLength` bytes long.
    func finalize() -> [UInt8] {
        queue.sync { digester.finalize() }
    }
}
