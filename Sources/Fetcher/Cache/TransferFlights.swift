import Synchronization

/// Coalesces the transfers of one process: while the work for a key runs, every other request
/// for that key waits for its outcome instead of starting its own.
///
/// The work runs in a task of its own, so a waiter that is cancelled stops waiting without
/// stopping it for the others; when every waiter has gone, the work is cancelled. Waiters
/// sleep on continuations, nothing polls.
final class TransferFlights<Outcome: Sendable>: Sendable {
    /// The work for a key, shared by its waiters.
    typealias Work = @Sendable () async throws -> Outcome

    private let flights = Mutex<[String: Flight]>([:])

    /// Creates an empty set of flights.
    init() {}

    /// Waits for the outcome of the work for `key`, starting `work` if none is running.
    ///
    /// A flight that has ended or been abandoned is never joined: a new one starts.
    ///
    /// - Parameters:
    ///   - key: What the work is for.
    ///   - work: The work, run only if no flight for `key` is running.
    /// - Returns: The work's outcome.
    /// - Throws: The work's error, or `CancellationError` when this waiter is cancelled.
    func join(_ key: String, work: @escaping Work) async throws -> Outcome {
        let (flight, waiter) = flights.withLock { flights in
            if let running = flights[key], let waiter = running.addWaiter() {
                return (running, waiter)
            }
            let flight = Flight()
            flights[key] = flight
            let waiter = flight.addWaiter()!
            flight.start(work) { [weak self] in
                self?.remove(flight, for: key)
            }
            return (flight, waiter)
        }
        return try await flight.wait(waiter)
    }

    /// The number of requests waiting for the running flight of `key`; for tests.
    ///
    /// - Parameter key: What the work is for.
    /// - Returns: The waiters that have not left, 0 when no flight runs.
    func waiterCount(for key: String) -> Int {
        flights.withLock { $0[key]?.waiterCount ?? 0 }
    }

    private func remove(_ flight: Flight, for key: String) {
        flights.withLock { flights in
            if flights[key] === flight {
                flights[key] = nil
            }
        }
    }

    /// One run of the work, with the waiters of its outcome.
    private final class Flight: Sendable {
        private struct State {
            var result: Result<Outcome, any Error>?
            var task: Task<Void, Never>?
            var waiters: [Int: CheckedContinuation<Outcome, any Error>] = [:]
            var cancelledWaiters: Set<Int> = []
            var liveWaiters = 0
            var nextWaiter = 0
            var abandoned = false
        }

        private let state = Mutex(State())

        /// The waiters that have not left.
        var waiterCount: Int {
            state.withLock { $0.liveWaiters }
        }

        /// Counts a new waiter in, unless the flight has ended or been abandoned.
        ///
        /// - Returns: The waiter's number, or `nil` when the flight can no longer be joined.
        func addWaiter() -> Int? {
            state.withLock { state in
                guard state.result == nil, !state.abandoned else {
                    return nil
                }
                state.liveWaiters += 1
                state.nextWaiter += 1
                return state.nextWaiter
            }
        }

        /// Starts the work.
        ///
        /// - Parameters:
        ///   - work: The work.
        ///   - ended: Called when the work has ended, before the waiters are woken.
        func start(_ work: @escaping Work, ended: @escaping @Sendable () -> Void) {
            let task = Task {
                let result: Result<Outcome, any Error>
                do {
                    result = .success(try await work())
                } catch {
                    result = .failure(error)
                }
                ended()
                self.finish(result)
            }
            state.withLock { $0.task = task }
        }

        private func finish(_ result: Result<Outcome, any Error>) {
            let waiters = state.withLock { state in
                state.result = result
                defer { state.waiters = [:] }
                return state.waiters.values
            }
            for waiter in waiters {
                waiter.resume(with: result)
            }
        }

        /// Waits for the outcome.
        ///
        /// - Parameter waiter: The number ``addWaiter()`` gave.
        /// - Returns: The work's outcome.
        /// - Throws: The work's error, or `CancellationError` when the calling task is
        ///   cancelled first.
        func wait(_ waiter: Int) async throws -> Outcome {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let ready: Result<Outcome, any Error>? = state.withLock { state in
                        if let result = state.result {
                            return result
                        }
                        if state.cancelledWaiters.remove(waiter) != nil {
                            return .failure(CancellationError())
                        }
                        state.waiters[waiter] = continuation
                        return nil
                    }
                    if let ready {
                        continuation.resume(with: ready)
                    }
                }
            } onCancel: {
                leave(waiter)
            }
        }

        private func leave(_ waiter: Int) {
            let (continuation, abandonedTask) = state.withLock { state in
                guard state.result == nil else {
                    return (CheckedContinuation<Outcome, any Error>?.none, Task<Void, Never>?.none)
                }
                let continuation = state.waiters.removeValue(forKey: waiter)
                if continuation == nil {
                    state.cancelledWaiters.insert(waiter)
                }
                state.liveWaiters -= 1
                guard state.liveWaiters == 0 else {
                    return (continuation, nil)
                }
                state.abandoned = true
                return (continuation, state.task)
            }
            continuation?.resume(throwing: CancellationError())
            abandonedTask?.cancel()
        }
    }
}
