/// A function that processes a blob while it downloads.
///
/// It may be called more than once: when the fetch has to start over, the running call's
/// stream throws ``StreamResetError`` and its task is cancelled, then the handler is called
/// again with a stream from byte 0. Two calls never overlap.
public typealias StreamHandler = @Sendable (ByteStream) async throws -> Void

extension Reference {
    /// Fetches the blob through `handler`, which reads it as it arrives.
    ///
    /// The handler reads from a bounded buffer: a slow handler pauses the transfer, so memory
    /// stays bounded whatever the blob's size. A transfer that resumes by range does not
    /// disturb the handler; one that starts over resets it. The first error wins: a handler
    /// error stops the fetch at once and is thrown as is, without retries; a fetch error is
    /// thrown once the handler has returned.
    ///
    /// - Parameters:
    ///   - context: Progress reports, the Taskcluster client and transfer settings.
    ///   - handler: Reads the blob; called again from byte 0 after a reset.
    /// - Throws: The handler's error, or the fetch's error.
    public func fetchAsStream(context: FetchContext, handler: @escaping StreamHandler) async throws
    {
        let target = StreamTarget()
        let fetch = Task {
            do {
                try await self.fetch(into: target, context: context)
                target.end(.finished)
            } catch {
                target.end(.failed(error))
                throw error
            }
        }
        try await withTaskCancellationHandler {
            try await runHandler(handler, on: target, fetch: fetch)
        } onCancel: {
            fetch.cancel()
        }
    }

    private func runHandler(
        _ handler: @escaping StreamHandler,
        on target: StreamTarget,
        fetch: Task<Void, any Error>
    ) async throws {
        while true {
            let generation = target.currentGeneration
            let call = Task {
                try await handler(ByteStream(target: target, generation: generation))
            }
            target.onReset(of: generation) { call.cancel() }
            let outcome = await withTaskCancellationHandler {
                await call.result
            } onCancel: {
                call.cancel()
            }
            if target.wasReset(generation), !Task.isCancelled {
                continue
            }
            // The first error wins: a fetch that failed before the handler returned.
            if let fetchFailure = target.fetchFailure {
                throw fetchFailure
            }
            let handlerFailure: any Error
            switch outcome {
            case .success where target.isFinished:
                try await fetch.value
                return
            case .success:
                handlerFailure = StreamHandlerReturnedEarlyError()
            case .failure(let error):
                handlerFailure = error
            }
            target.fail(handlerFailure)
            fetch.cancel()
            _ = await fetch.result
            throw handlerFailure
        }
    }
}

/// Thrown when a stream handler returns before reading its stream to the end: the blob was not
/// verified, so the fetch is stopped rather than reported complete.
public struct StreamHandlerReturnedEarlyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Creates the error.
    public init() {}

    /// `the stream handler returned before reading the whole blob`.
    public var description: String {
        "the stream handler returned before reading the whole blob"
    }
}

/// Fetches `reference` through `handler`, as ``Reference/fetchAsStream(context:handler:)``.
///
/// - Parameters:
///   - reference: The blob to fetch.
///   - context: Progress reports, the Taskcluster client and transfer settings.
///   - handler: Reads the blob; called again from byte 0 after a reset.
/// - Throws: The handler's error, or the fetch's error.
public func fetchAsStream(
    _ reference: any Reference, context: FetchContext, handler: @escaping StreamHandler
) async throws {
    try await reference.fetchAsStream(context: context, handler: handler)
}
