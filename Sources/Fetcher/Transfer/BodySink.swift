/// Where a download puts the blob's bytes: a ``WriteResetter`` or a stream handler.
///
/// A download calls these in order from one task; a sink may do the work elsewhere (another
/// thread, another task) but must keep the order.
protocol BodySink: Sendable {
    /// Takes the next block of the blob.
    func write(_ block: Block)

    /// Discards everything written so far: the download starts again from byte 0.
    func reset()

    /// The first error of the sink so far; the download stops with it.
    var failure: (any Error)? { get }

    /// Waits until every block and reset handed over so far has been dealt with.
    ///
    /// - Throws: The first error of the sink.
    func drain() async throws
}

/// A sink writing into a ``WriteResetter`` on a thread of its own.
final class WriteResetterSink: BodySink {
    private let target: any WriteResetter
    private let worker = SerialWorker(label: "fetcher.write")

    init(_ target: any WriteResetter) {
        self.target = target
    }

    func write(_ block: Block) {
        worker.submit { [target] in
            try block.withBytes { try target.write($0) }
        }
    }

    func reset() {
        worker.submit { [target] in try target.reset() }
    }

    var failure: (any Error)? {
        worker.failure
    }

    func drain() async throws {
        try await worker.drain()
    }
}
