import Fetcher
import Synchronization

/// The target a cache entry is copied into: it passes the bytes on to the output, reports the
/// copy's progress, stops when the task is cancelled, and wraps the output's errors in
/// ``OutputFailure`` so that they are told apart from those of reading the cache.
final class CacheCopyTarget: WriteResetter {
    /// An error of the output, carried through the copy.
    struct OutputFailure: Error {
        /// The output's error.
        var error: any Error
    }

    /// Where the bytes go.
    let base: any WriteResetter

    private let size: Int64
    private let reporter: ProgressReporter?
    private let copied = Atomic<Int64>(0)

    /// Makes the target of one copy.
    ///
    /// - Parameters:
    ///   - base: Where the bytes go.
    ///   - size: The size of the blob copied.
    ///   - reporter: Receives the copy's progress, if it is shown.
    init(_ base: any WriteResetter, size: Int64, reporter: ProgressReporter?) {
        self.base = base
        self.size = size
        self.reporter = reporter
    }

    /// Writes `bytes` to the output and reports the progress.
    ///
    /// - Parameter bytes: The next bytes of the blob.
    /// - Throws: `CancellationError` when the task is cancelled; ``OutputFailure``.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if Task.isCancelled {
            throw CancellationError()
        }
        do {
            try base.write(bytes)
        } catch {
            throw OutputFailure(error: error)
        }
        let total = copied.add(Int64(bytes.count), ordering: .relaxed).newValue
        reporter?.update(completed: total, total: size)
    }

    /// Resets the output.
    ///
    /// - Throws: ``OutputFailure``.
    func reset() throws {
        do {
            try base.reset()
        } catch {
            throw OutputFailure(error: error)
        }
        copied.store(0, ordering: .relaxed)
    }
}
