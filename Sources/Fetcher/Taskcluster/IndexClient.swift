/// The index call the index fetcher needs: which task a namespace points at.
struct IndexClient: Sendable {
    var client: TaskclusterClient
    var settings: TransferSettings

    /// The task id indexed at `namespace`.
    ///
    /// - Throws: ``BrokenReferenceError`` "no such namespace" for a 404.
    func taskId(at namespace: String) async throws -> String {
        let call = TaskclusterCall(
            client: client,
            url: client.endpoint("index", "task/\(TaskclusterClient.pathSegment(namespace))"),
            acceptedStatuses: [200, 404])
        let (status, answer) = try await call.send(settings: settings)
        let subject = "index namespace \(namespace)"
        guard status == 200 else {
            throw BrokenReferenceError(
                subject: subject, reason: "no such namespace", status: status)
        }
        guard let taskId = answer["taskId"]?.stringValue else {
            throw BrokenReferenceError(subject: subject, reason: "the index's answer has no taskId")
        }
        return taskId
    }
}
