import Fetcher

/// `fetcher fetch`: the blob to a file, replaced only once the whole blob is verified, or
/// streamed to standard output.
struct FetchCommand {
    /// The parsed command line.
    var invocation: Invocation

    /// Makes the reference and fetches it.
    ///
    /// - Throws: The first error of making the reference, fetching it, or writing the output;
    ///   `CancellationError` when the task was cancelled. Any temporary file is removed first.
    func run() async throws {
        let reference = try await invocation.makeReference()
        guard let path = invocation.output, path != "-" else {
            let output = StandardOutputTarget()
            try await fetch(reference, into: output)
            try output.finish()
            return
        }
        let file = try AtomicFile(replacing: path)
        defer { file.discard() }
        do {
            try await fetch(reference, into: file.target)
        } catch let error as SystemCallError {
            throw OutputFileError(action: "write", path: path, code: error.code)
        }
        try file.commit()
    }

    /// Fetches `reference` into `target`, showing progress as asked.
    private func fetch(_ reference: any Reference, into target: any WriteResetter) async throws {
        let counter = CountingTarget(target)
        let mode = invocation.progress.resolved(
            standardErrorIsTerminal: StandardStream.error.isTerminal)
        let interval = invocation.progressInterval ?? mode.defaultInterval
        let display: (any ProgressDisplay)? =
            switch mode {
            case .bar: ProgressBar(interval: interval, bytes: { counter.bytes })
            case .json: ProgressLines(bytes: { counter.bytes })
            case .auto, .none: nil
            }
        defer { display?.end() }
        let context = FetchContext(
            taskcluster: invocation.taskcluster,
            transfer: invocation.transfer,
            progressInterval: interval,
            progress: { description, fraction in
                display?.report(description: description, fraction: fraction)
            }
        )
        try await reference.fetch(into: counter, context: context)
    }
}
