import Dispatch
import Synchronization

/// Runs work items in order on a queue of their own, off the thread that receives the bytes,
/// and keeps the first error; once an item has failed the rest are skipped.
final class SerialWorker: Sendable {
    private let queue: DispatchQueue
    private let firstFailure = Mutex<(any Error)?>(nil)

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// The first error an item threw, if any.
    var failure: (any Error)? {
        firstFailure.withLock { $0 }
    }

    /// Queues `work` after everything queued before.
    func submit(_ work: @escaping @Sendable () throws -> Void) {
        queue.async { [self] in
            guard failure == nil else { return }
            do {
                try work()
            } catch {
                firstFailure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// Waits until every queued item has run.
    ///
    /// - Throws: The first error an item threw.
    func drain() async throws {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume() }
        }
        if let failure {
            throw failure
        }
    }
}
