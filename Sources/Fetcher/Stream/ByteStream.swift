/// The bytes of a blob as they arrive, in chunks, for a stream handler.
///
/// Iterating throws ``StreamResetError`` when the fetch has to start over (the handler is then
/// cancelled and called again with a new stream), `CancellationError` when the handler's task
/// is cancelled, and the fetch's error when it fails; the stream ends normally only when the
/// whole blob has arrived and been verified.
public struct ByteStream: AsyncSequence, Sendable {
    /// A chunk of consecutive bytes of the blob.
    public typealias Element = [UInt8]

    private let target: StreamTarget
    private let generation: Int

    init(target: StreamTarget, generation: Int) {
        self.target = target
        self.generation = generation
    }

    /// Creates an iterator over the chunks.
    public func makeAsyncIterator() -> Iterator {
        Iterator(target: target, generation: generation)
    }

    /// Reads the chunks of a ``ByteStream`` in order.
    public struct Iterator: AsyncIteratorProtocol {
        let target: StreamTarget
        let generation: Int

        /// The next chunk, or `nil` once the whole blob has been read.
        ///
        /// - Returns: The chunk.
        /// - Throws: ``StreamResetError``, `CancellationError`, or the fetch's error.
        public mutating func next() async throws -> [UInt8]? {
            try await target.read(generation)
        }
    }

    /// Reads the rest of the stream into one array; for small blobs and tests.
    ///
    /// - Returns: Every remaining byte.
    /// - Throws: What iterating throws.
    public func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            bytes += chunk
        }
        return bytes
    }
}
