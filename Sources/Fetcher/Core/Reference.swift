/// A blob that can be fetched, made by a ``Fetcher``.
public protocol Reference: Sendable {
    /// A key unique to the blob, for caching: two references with one key name the same bytes.
    var hashKey: String { get }

    /// The scope sets that grant access to the blob: holding every scope of any one set is
    /// enough. `[[]]` means that no scope is needed.
    var scopes: [[String]] { get }

    /// Fetches the blob into `target`, reporting progress to `context`.
    ///
    /// When the fetch must start over, `target` is reset first, so on success it holds exactly
    /// the blob's bytes. Cancel the calling task to abort the fetch.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Progress reports, the Taskcluster client and transfer settings.
    /// - Throws: ``BrokenReferenceError`` when the blob cannot be fetched and trying again would
    ///   fail the same way; `CancellationError` when the task was cancelled; any other error is
    ///   transient.
    func fetch(into target: any WriteResetter, context: FetchContext) async throws
}
