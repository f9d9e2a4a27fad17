import Foundation

/// One artifact of one run of a Taskcluster task.
public struct ArtifactReference: Reference {
    /// The task's slugid.
    public let taskId: String

    /// The run.
    public let runId: Int

    /// The artifact's name.
    public let artifact: String

    /// Creates a reference.
    ///
    /// - Parameters:
    ///   - taskId: The task's slugid.
    ///   - runId: The run.
    ///   - artifact: The artifact's name.
    public init(taskId: String, runId: Int, artifact: String) {
        self.taskId = taskId
        self.runId = runId
        self.artifact = artifact
    }

    /// `<taskId>/<runId>/<artifact>`.
    public var hashKey: String {
        "\(taskId)/\(runId)/\(artifact)"
    }

    /// `[[]]` for names starting with `public/`, else `[["queue:get-artifact:<artifact>"]]`.
    public var scopes: [[String]] {
        artifact.hasPrefix("public/") ? [[]] : [["queue:get-artifact:\(artifact)"]]
    }

    /// Asks the queue where the artifact is, then downloads it: `s3` and `reference`
    /// artifacts from their URL, `object` artifacts through the object service with their
    /// hashes checked.
    ///
    /// - Parameters:
    ///   - target: Where the bytes go.
    ///   - context: Its Taskcluster client, progress reports and transfer settings.
    /// - Throws: ``TaskclusterNotConfiguredError``, ``AccessDeniedError``,
    ///   ``BrokenReferenceError``, ``TransferError``, the target's error, or
    ///   `CancellationError`.
    public func fetch(into target: any WriteResetter, context: FetchContext) async throws {
        guard let client = context.taskcluster else {
            throw TaskclusterNotConfiguredError(subject: "artifact \(hashKey)")
        }
        let queue = QueueClient(client: client, settings: context.transfer)
        let progress = context.progressReporter(for: hashKey)
        switch try await queue.location(taskId: taskId, runId: runId, name: artifact) {
        case .url(let url):
            let download = HTTPDownload(
                url: url, subject: Redaction.redact(url: url), settings: context.transfer)
            try await download.run(into: WriteResetterSink(target), progress: progress)
        case .object(let name, let credentials):
            var objectClient = client
            objectClient.credentials = credentials ?? client.credentials
            try await fetchObject(
                name, client: objectClient, into: target, context: context, progress: progress)
        }
    }

    private func fetchObject(
        _ name: String,
        client: TaskclusterClient,
        into target: any WriteResetter,
        context: FetchContext,
        progress: ProgressReporter
    ) async throws {
        let objects = ObjectClient(client: client, settings: context.transfer)
        var object = try await objects.startDownload(of: name)
        while true {
            let download = HTTPDownload(
                url: object.url,
                subject: Redaction.redact(url: object.url),
                expected: ExpectedContent(digests: object.digests),
                followRedirects: false,
                settings: context.transfer
            )
            do {
                try await download.run(into: WriteResetterSink(target), progress: progress)
                return
            } catch let error as TransferError where object.expires <= Date() {
                // The URL may have expired during the retries: ask for a fresh one, once.
                let fresh = try await objects.startDownload(of: name)
                guard fresh.url != object.url else { throw error }
                object = fresh
            }
        }
    }
}
