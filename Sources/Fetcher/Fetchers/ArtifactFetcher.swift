/// The fetcher of Taskcluster artifact references:
/// `{"taskId": <slugid>, "runId"?: 0...50, "artifact": <name>}`.
///
/// Without a `runId` the task's latest run is looked up when the reference is made, so the
/// hash key `<taskId>/<runId>/<artifact>` always names one run's artifact.
public struct ArtifactFetcher: Fetcher {
    /// The pattern of Taskcluster task ids (slugids).
    public static let taskIdPattern =
        "^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$"

    /// Creates the fetcher.
    public init() {}

    /// An object with `taskId`, optional `runId` and `artifact`.
    public var schema: Schema {
        .object(
            title: "Artifact",
            description: "An artifact of a Taskcluster task, from a given run or the latest.",
            properties: [
                "taskId": .string(
                    title: "Task id", description: "The task's slugid.", pattern: Self.taskIdPattern
                ),
                "runId": .integer(
                    title: "Run id", description: "The run; the latest when left out.", minimum: 0,
                    maximum: 50),
                "artifact": Self.artifactNameSchema,
            ],
            required: ["taskId", "artifact"]
        )
    }

    static let artifactNameSchema = Schema.string(
        title: "Artifact name",
        description: "The artifact's name; names starting with public/ need no scope.",
        minLength: 1,
        maxLength: 1024
    )

    private struct Options: Decodable {
        var taskId: String
        var runId: Int?
        var artifact: String
    }

    /// Makes the reference, looking up the latest run when no `runId` is given.
    ///
    /// - Parameters:
    ///   - options: The reference as JSON.
    ///   - context: Its Taskcluster client answers the look-up.
    /// - Returns: An ``ArtifactReference``.
    /// - Throws: ``SchemaValidationError``; ``TaskclusterNotConfiguredError`` without a client
    ///   when a look-up is needed; ``BrokenReferenceError`` "no such task".
    public func makeReference(from options: JSONValue, context: FetchContext) async throws
        -> any Reference
    {
        let options = try decodeOptions(options, as: Options.self)
        if let runId = options.runId {
            return ArtifactReference(
                taskId: options.taskId, runId: runId, artifact: options.artifact)
        }
        guard let client = context.taskcluster else {
            throw TaskclusterNotConfiguredError(subject: "the latest run of task \(options.taskId)")
        }
        let runId = try await QueueClient(client: client, settings: context.transfer)
            .latestRunId(of: options.taskId)
        return ArtifactReference(taskId: options.taskId, runId: runId, artifact: options.artifact)
    }
}
