import Foundation

/// Where the queue says an artifact's bytes are, by its storage type.
enum ArtifactLocation: Sendable, Hashable {
    /// `s3` and `reference` artifacts: a URL to GET, following redirects.
    case url(String)

    /// `object` artifacts: an object to download through the object service, with the
    /// temporary credentials the queue handed out for it, if any.
    case object(name: String, credentials: TaskclusterCredentials?)
}

/// The queue calls the artifact fetchers need: a task's latest run and an artifact's location.
struct QueueClient: Sendable {
    var client: TaskclusterClient
    var settings: TransferSettings

    /// How long a signed artifact URL stays valid.
    static let signedURLLifetime: TimeInterval = 25 * 60

    /// The id of the task's latest run (`runs.count − 1` of its status).
    ///
    /// - Throws: ``BrokenReferenceError`` "no such task" for a 404, or when it has no run.
    func latestRunId(of taskId: String) async throws -> Int {
        let subject = "task \(taskId)"
        let call = TaskclusterCall(
            client: client,
            url: client.endpoint("queue", "task/\(TaskclusterClient.pathSegment(taskId))/status"),
            acceptedStatuses: [200, 404])
        let (status, answer) = try await call.send(settings: settings)
        guard status == 200 else {
            throw BrokenReferenceError(subject: subject, reason: "no such task", status: status)
        }
        guard let runs = answer["status"]?["runs"]?.arrayValue else {
            throw BrokenReferenceError(
                subject: subject, reason: "the queue's status answer has no runs list")
        }
        guard !runs.isEmpty else {
            throw BrokenReferenceError(subject: subject, reason: "the task has no runs yet")
        }
        return runs.count - 1
    }

    /// The queue's `getArtifact` URL of an artifact, signed for 25 minutes when it is private
    /// and credentials are configured.
    func artifactURL(taskId: String, runId: Int, name: String) throws -> String {
        let url = client.endpoint(
            "queue",
            "task/\(TaskclusterClient.pathSegment(taskId))/runs/\(runId)/artifacts/"
                + TaskclusterClient.pathSegment(name))
        guard !name.hasPrefix("public/"), let credentials = client.credentials else {
            return url
        }
        return try Hawk.bewitURL(
            for: url, credentials: credentials,
            expiry: Date().addingTimeInterval(Self.signedURLLifetime))
    }

    /// Asks the queue where an artifact's bytes are.
    ///
    /// - Throws: ``BrokenReferenceError`` for a missing (404), expired (410) or error (424)
    ///   artifact; ``AccessDeniedError`` when the queue refuses the credentials (401, 403).
    func location(taskId: String, runId: Int, name: String) async throws -> ArtifactLocation {
        let subject = "artifact \(name) of task \(taskId) run \(runId)"
        let call = TaskclusterCall(
            client: client,
            url: try artifactURL(taskId: taskId, runId: runId, name: name),
            acceptedStatuses: [200, 303, 401, 403, 404, 410, 424])
        let (status, answer) = try await call.send(settings: settings)
        switch status {
        case 200, 303:
            break
        case 401, 403:
            throw AccessDeniedError(
                subject: subject + accessDetail(status: status, answer: answer),
                required: [["queue:get-artifact:\(name)"]])
        case 404:
            throw BrokenReferenceError(subject: subject, reason: "no such artifact", status: status)
        case 410:
            throw BrokenReferenceError(
                subject: subject, reason: "the artifact has expired", status: status)
        default:
            let reason = answer["reason"]?.stringValue ?? "unknown reason"
            let message = answer["message"]?.stringValue.map { ": \($0)" } ?? ""
            throw BrokenReferenceError(
                subject: subject, reason: "it is an error artifact (\(reason))\(message)",
                status: status)
        }
        switch answer["storageType"]?.stringValue {
        case "s3", "reference":
            guard let url = answer["url"]?.stringValue else { break }
            return .url(url)
        case "object":
            guard let name = answer["name"]?.stringValue else { break }
            return .object(name: name, credentials: Self.credentials(in: answer["credentials"]))
        default:
            break
        }
        throw BrokenReferenceError(
            subject: subject,
            reason: "the queue's answer has no usable storage type and location: \(answer)")
    }

    /// Credentials the queue handed out with an object artifact.
    private static func credentials(in value: JSONValue?) -> TaskclusterCredentials? {
        guard let clientId = value?["clientId"]?.stringValue,
            let accessToken = value?["accessToken"]?.stringValue
        else { return nil }
        let certificate: String? =
            switch value?["certificate"] {
            case .string(let text): text
            case .object(let object): JSONValue.object(object).serialized()
            default: nil
            }
        return TaskclusterCredentials(
            clientId: clientId, accessToken: accessToken, certificate: certificate)
    }

    private func accessDetail(status: Int, answer: JSONValue) -> String {
        guard client.credentials != nil else {
            return " (no Taskcluster credentials are configured)"
        }
        let message = answer["message"]?.stringValue.map { ": \($0.prefix(300))" } ?? ""
        return " (the queue answered \(HTTPStatus.text(status))\(message))"
    }
}
