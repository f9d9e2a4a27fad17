import Foundation

/// The ``WriteResetter`` between a fetch and a stream handler: a bounded buffer of chunks
/// that the handler reads through a ``ByteStream``.
///
/// Writes block while the buffer is full, which pauses the transfer behind them; a reset starts
/// a new *generation*: the current reader throws ``StreamResetError`` and a new reader starts
/// from byte 0. All state is guarded by `condition`, which is why the class can be shared.
final class StreamTarget: WriteResetter, @unchecked Sendable {
    /// How the current generation's stream ends, once it does.
    enum Ending {
        case finished
        case failed(any Error)
    }

    private let condition = NSCondition()
    private let capacity: Int
    private var generation = 0
    private var chunks: [[UInt8]] = []
    private var chunkStart = 0
    private var bufferedBytes = 0
    private var ending: Ending?
    private var consumerFailure: (any Error)?
    private var waitingReader: CheckedContinuation<[UInt8]?, any Error>?
    private var resetObservers: [Int: @Sendable () -> Void] = [:]

    /// Creates a target that buffers at most about `capacity` bytes.
    init(capacity: Int = 4 << 20) {
        self.capacity = capacity
    }

    // MARK: - The fetch's side

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let chunk = [UInt8](bytes)
        let reader: CheckedContinuation<[UInt8]?, any Error>? = try locked {
            while bufferedBytes >= capacity, consumerFailure == nil {
                condition.wait()
            }
            if let consumerFailure {
                throw consumerFailure
            }
            if let reader = waitingReader {
                waitingReader = nil
                return reader
            }
            chunks.append(chunk)
            bufferedBytes += chunk.count
            return nil
        }
        reader?.resume(returning: chunk)
    }

    func reset() throws {
        let (reader, observer) = try locked {
            () throws -> (CheckedContinuation<[UInt8]?, any Error>?, (@Sendable () -> Void)?) in
            if let consumerFailure {
                throw consumerFailure
            }
            let observer = resetObservers.removeValue(forKey: generation)
            generation += 1
            chunks = []
            chunkStart = 0
            bufferedBytes = 0
            condition.broadcast()
            let reader = waitingReader
            waitingReader = nil
            return (reader, observer)
        }
        reader?.resume(throwing: StreamResetError())
        observer?()
    }

    /// Ends the stream of the current generation: readers get the end, or `error`.
    func end(_ ending: Ending) {
        let reader = locked { () -> CheckedContinuation<[UInt8]?, any Error>? in
            self.ending = ending
            let reader = waitingReader
            waitingReader = nil
            return reader
        }
        switch ending {
        case .finished: reader?.resume(returning: nil)
        case .failed(let error): reader?.resume(throwing: error)
        }
    }

    // MARK: - The handler's side

    /// The generation a new handler should read.
    var currentGeneration: Int {
        locked { generation }
    }

    /// Calls `observer` when `generation` is reset, at once if it already was.
    func onReset(of generation: Int, _ observer: @escaping @Sendable () -> Void) {
        let alreadyReset = locked { () -> Bool in
            guard self.generation == generation else { return true }
            resetObservers[generation] = observer
            return false
        }
        if alreadyReset {
            observer()
        }
    }

    /// The fetch's error, once the fetch has failed.
    var fetchFailure: (any Error)? {
        locked {
            if case .failed(let error) = ending { return error }
            return nil
        }
    }

    /// Whether the fetch has completed and the whole blob was handed over.
    var isFinished: Bool {
        locked {
            if case .finished = ending { return chunkStart >= chunks.count }
            return false
        }
    }

    /// Whether `generation` was reset.
    func wasReset(_ generation: Int) -> Bool {
        locked { self.generation != generation }
    }

    /// Stops the fetch's writes with `error`: the handler failed or went away.
    func fail(_ error: any Error) {
        locked {
            consumerFailure = consumerFailure ?? error
            condition.broadcast()
        }
    }

    /// The next chunk of `generation`, `nil` at the end.
    ///
    /// - Throws: ``StreamResetError`` once the fetch has reset past `generation`, even when
    ///   the reading task was cancelled as well; `CancellationError`; or the fetch's error.
    func read(_ generation: Int) async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome = locked { () -> Result<[UInt8]?, any Error>? in
                    // A reset cancels the handler too; the reset is the reason to report.
                    guard self.generation == generation else { return .failure(StreamResetError()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if chunkStart < chunks.count {
                        let chunk = chunks[chunkStart]
                        // Release the chunk now; compact the queue once its head grows.
                        chunks[chunkStart] = []
                        chunkStart += 1
                        if chunkStart == chunks.count || chunkStart >= 64 {
                            chunks.removeFirst(chunkStart)
                            chunkStart = 0
                        }
                        bufferedBytes -= chunk.count
                        condition.broadcast()
                        return .success(chunk)
                    }
                    switch ending {
                    case .finished: return .success(nil)
                    case .failed(let error): return .failure(error)
                    case nil:
                        waitingReader = continuation
                        return nil
                    }
                }
                if let outcome {
                    continuation.resume(with: outcome)
                }
            }
        } onCancel: {
            let reader = locked { () -> CheckedContinuation<[UInt8]?, any Error>? in
                let reader = waitingReader
                waitingReader = nil
                return reader
            }
            reader?.resume(throwing: CancellationError())
        }
    }

    private func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
