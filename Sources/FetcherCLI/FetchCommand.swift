import Fetcher

/// `fetcher fetch`: the blob to a file, replaced only once the whole blob is verified, or
/// streamed to standard output; with a cache folder, copied from the cache after being
/// fetched into it if it was missing.
struct FetchCommand {
    /// The progress display of one fetch and the context that feeds it.
    struct Progress {
        /// The display, or `nil` when no progress is shown.
        var display: (any ProgressDisplay)?

        /// The context of the transfer, whose reports go to the display.
        var context: FetchContext
    }

    /// The parsed command line.
    var invocation: Invocation

    /// Makes the reference and fetches it.
    ///
    /// - Throws: The first error of making the reference, fetching it, or writing the output;
    ///   `AccessDeniedError` before anything is read when a cache is used and the scopes
    ///   given do not satisfy the reference; ``CacheFolderError`` when the cache cannot be
    ///   used; `CancellationError` when the task was cancelled. Any temporary file is removed
    ///   first.
    func run() async throws {
        let reference = try await invocation.makeReference()
        let cache = try invocation.cacheDirectory.map { try openCache($0, for: reference) }
        guard let path = invocation.output, path != "-" else {
            let output = StandardOutputTarget()
            try await fetch(reference, cache: cache, into: output, resettable: false)
            try output.finish()
            return
        }
        let file = try AtomicFile(replacing: path, synchronizing: invocation.synchronizesOutput)
        defer { file.discard() }
        do {
            try await fetch(reference, cache: cache, into: file.target, resettable: true)
        } catch let error as SystemCallError {
            throw OutputFileError(action: "write", path: path, code: error.code)
        }
        try file.commit()
    }

    /// Fetches `reference` into `target`, through `cache` if there is one.
    ///
    /// `resettable` says whether `target` can be emptied and written again at no cost (a
    /// file, unlike a pipe): a cached blob is then checked while it is copied.
    private func fetch(
        _ reference: any Reference, cache: BlobCache?, into target: any WriteResetter,
        resettable: Bool
    )
        async throws
    {
        if let cache {
            try await fetch(reference, through: cache, into: target, resettable: resettable)
            return
        }
        let counter = CountingTarget(target)
        let progress = startProgress(bytes: { counter.bytes })
        defer { progress.display?.end() }
        try await reference.fetch(into: counter, context: progress.context)
    }

    /// Starts showing progress as asked, with `bytes` as the bytes fetched so far.
    ///
    /// - Parameter bytes: The bytes fetched so far.
    /// - Returns: The display, to end once the fetch is over, and the context to fetch with.
    func startProgress(bytes: @escaping @Sendable () -> Int64) -> Progress {
        let mode = invocation.progress.resolved(
            standardErrorIsTerminal: StandardStream.error.isTerminal)
        let interval = invocation.progressInterval ?? mode.defaultInterval
        let display: (any ProgressDisplay)? =
            switch mode {
            case .bar: ProgressBar(interval: interval, bytes: bytes)
            case .json: ProgressLines(bytes: bytes)
            case .auto, .none: nil
            }
        let context = FetchContext(
            taskcluster: invocation.taskcluster,
            transfer: invocation.transfer,
            progressInterval: interval,
            progress: { description, fraction in
                display?.report(description: description, fraction: fraction)
            }
        )
        return Progress(display: display, context: context)
    }
}
