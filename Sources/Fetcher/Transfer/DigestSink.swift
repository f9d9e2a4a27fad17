/// A sink that computes digests of the blob on a thread of its own, as the blocks arrive.
///
/// The digester is touched only by work items of the sink's serial worker, one at a time and
/// in order, which is why the class can be shared between tasks.
final class DigestSink: BodySink, @unchecked Sendable {
    private let algorithms: [HashAlgorithm]
    private var digester: MultiDigester
    private var result: [HashAlgorithm: [UInt8]] = [:]
    private let worker = SerialWorker(label: "fetcher.digest")

    init(_ algorithms: [HashAlgorithm]) {
        self.algorithms = algorithms
        digester = MultiDigester(algorithms)
    }

    func write(_ block: Block) {
        worker.submit { [self] in
            block.withBytes { digester.update($0) }
        }
    }

    func reset() {
        worker.submit { [self] in
            digester = MultiDigester(algorithms)
        }
    }

    var failure: (any Error)? {
        worker.failure
    }

    func drain() async throws {
        try await worker.drain()
    }

    /// Waits for every block, then returns the digests of everything since the last reset.
    func digests() async throws -> [HashAlgorithm: [UInt8]] {
        worker.submit { [self] in
            result = digester.finalize()
            digester = MultiDigester(algorithms)
        }
        try await worker.drain()
        return result
    }
}
