/// The fetcher of Taskcluster index references: `{"namespace": ..., "artifact": ...}`.
///
/// The namespace is resolved when the reference is made (the index's task, then its latest
/// run), giving an ``ArtifactReference``: its hash key names the resolved task, so a namespace
/// that moves to a new task never serves a stale cached blob.
public struct IndexFetcher: Fetcher {
    /// Creates the fetcher.
    public init() {}

    /// An object with `namespace` and `artifact`.
    public var schema: Schema {
        .object(
            title: "Index",
            description: "An artifact of the task a Taskcluster index namespace points at.",
            properties: [
                "namespace": .string(
                    title: "Namespace",
                    description: "The index path; dots separate its levels.",
                    pattern: "^[a-zA-Z0-9_!~*'()%.-]+$",
                    minLength: 1,
                    maxLength: 1024
                ),
                "artifact": ArtifactFetcher.artifactNameSchema,
            ],
            required: ["namespace", "artifact"]
        )
    }

    private struct Options: Decodable {
        var namespace: String
        var artifact: String
    }

    /// Resolves the namespace to its task's latest run.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Its Taskcluster client answers the look-ups.
    /// - Returns: The resolved ``ArtifactReference``.
    /// - Throws: ``SchemaValidationError``, ``TaskclusterNotConfiguredError``,
    ///   ``BrokenReferenceError`` ("no such namespace", "no such task"), or a transient error.
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        let options = try decodeOptions(options, as: Options.self)
        guard let client = context.taskcluster else {
            throw TaskclusterNotConfiguredError(subject: "index namespace \(options.namespace)")
        }
        let taskId = try await IndexClient(client: client, settings: context.transfer)
            .taskId(at: options.namespace)
        let runId = try await QueueClient(client: client, settings: context.transfer)
            .latestRunId(of: taskId)
        return ArtifactReference(taskId: taskId, runId: runId, artifact: options.artifact)
    }
}
