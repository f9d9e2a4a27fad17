import Synchronization

/// Turns the byte counts of one fetch into progress reports that keep the context's promises:
/// the first report is 0, reports never go backwards, come at most once per interval, end with
/// 1, and none comes after ``finish()`` or ``close()``.
///
/// Reports are delivered while the reporter holds its lock, so they arrive in order; the
/// handler must not call back into the reporter.
public final class ProgressReporter: Sendable {
    private struct State {
        var lastReport: ContinuousClock.Instant?
        var lastFraction = 0.0
        var finished = false
    }

    private let description: String
    private let interval: Duration
    private let handler: FetchContext.ProgressHandler
    private let state = Mutex(State())

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - description: What is fetched.
    ///   - interval: The shortest time between two reports, other than the first and the last.
    ///   - handler: Receives the reports.
    public init(
        description: String,
        interval: Duration,
        handler: @escaping FetchContext.ProgressHandler
    ) {
        self.description = description
        self.interval = interval
        self.handler = handler
    }

    /// Reports 0, once, when the body starts.
    public func start() {
        state.withLock { state in
            guard !state.finished, state.lastReport == nil else { return }
            state.lastReport = .now
            handler(description, 0)
        }
    }

    /// Reports the fraction `completed / total` if the interval has passed since the last
    /// report and the fraction has grown; does nothing when the total is unknown.
    ///
    /// - Parameters:
    ///   - completed: Bytes of the blob received so far.
    ///   - total: The blob's size, if known.
    public func update(completed: Int64, total: Int64?) {
        guard let total, total > 0 else { return }
        let fraction = min(1, max(0, Double(completed) / Double(total)))
        state.withLock { state in
            let now = ContinuousClock.now
            guard !state.finished, fraction > state.lastFraction, fraction < 1 else { return }
            if let last = state.lastReport, now - last < interval { return }
            state.lastReport = now
            state.lastFraction = fraction
            handler(description, fraction)
        }
    }

    /// Reports 1, once, and ends the reports.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            handler(description, 1)
        }
    }

    /// Ends the reports without reporting 1, for a fetch that failed.
    public func close() {
        state.withLock { $0.finished = true }
    }
}
