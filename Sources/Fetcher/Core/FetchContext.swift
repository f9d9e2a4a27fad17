/// What a fetch needs besides its reference: progress reporting, the Taskcluster client and
/// transfer settings.
///
/// Cancellation is Swift task cancellation: cancel the task that runs a fetch (or the task
/// group it belongs to) and the fetch stops promptly with `CancellationError`.
public struct FetchContext: Sendable {
    /// Receives progress reports: a description of what is fetched and the fraction done,
    /// from 0 to 1.
    public typealias ProgressHandler = @Sendable (_ description: String, _ fraction: Double) -> Void

    /// The Taskcluster deployment and credentials used by artifact and index references.
    public var taskcluster: TaskclusterClient?

    /// Called with progress reports; they start with 0, never go backwards, come at most once
    /// per ``progressInterval`` and end with 1.
    public var progress: ProgressHandler

    /// The shortest time between two progress reports, other than the first and the last.
    public var progressInterval: Duration

    /// Retries, timeouts and other transfer settings.
    public var transfer: TransferSettings

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - taskcluster: The Taskcluster client, if artifact or index references are fetched.
    ///   - transfer: Retries, timeouts and other transfer settings.
    ///   - progressInterval: The shortest time between two progress reports.
    ///   - progress: Receives progress reports; by default they are dropped.
    public init(
        taskcluster: TaskclusterClient? = nil,
        transfer: TransferSettings = TransferSettings(),
        progressInterval: Duration = .seconds(5),
        progress: @escaping ProgressHandler = { _, _ in }
    ) {
        self.taskcluster = taskcluster
        self.transfer = transfer
        self.progressInterval = progressInterval
        self.progress = progress
    }

    /// A reporter that throttles and orders the progress reports of one fetch.
    ///
    /// - Parameter description: What is fetched, as shown to users (never a signed URL).
    /// - Returns: A reporter bound to this context's handler and interval.
    public func progressReporter(for description: String) -> ProgressReporter {
        ProgressReporter(description: description, interval: progressInterval, handler: progress)
    }
}
