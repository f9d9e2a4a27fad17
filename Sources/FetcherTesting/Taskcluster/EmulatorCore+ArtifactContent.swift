import Fetcher
import Foundation

extension EmulatorCore {
    /// Answers queue `artifact` (with a run id) and `latestArtifact` (without), the methods
    /// current Taskcluster clients ask before downloading an artifact.
    ///
    /// Where `getArtifact` redirects, these answer 200 with a JSON body saying how to reach the
    /// content: `{"storageType": "s3" or "reference", "url"}`, `{"storageType": "object",
    /// "name", "credentials"}` or `{"storageType": "error", "reason", "message"}`; they set no
    /// storage-type header. The scope check is that of `getArtifact`; as in the queue,
    /// `latestArtifact` looks for the task's latest run first, so an unknown task or one
    /// without runs is 404 before credentials are checked.
    ///
    /// - Parameters:
    ///   - request: The request, for its credentials.
    ///   - taskId: The task id from the path.
    ///   - runText: The run id from the path, or `nil` for the latest run.
    ///   - name: The decoded artifact name.
    /// - Returns: The answer: 200 for an artifact the caller may read, else 400, 401, 403,
    ///   404 or 410 with a Taskcluster error body.
    func artifactContent(
        _ request: ServerRequest, taskId: String, runId runText: String?, name: String
    ) -> ServerResponse {
        let found: (runId: Int, record: EmulatorState.ArtifactRecord)
        do {
            var runId = try artifactRunId(taskId: taskId, runText: runText)
            if runId == nil {
                runId = try latestRunId(taskId: taskId)
            }
            try authorizeArtifact(request, name: name)
            found = try lookUpArtifact(taskId: taskId, runId: runId, name: name)
        } catch {
            return error.response
        }
        let (runId, record) = found
        guard !record.isExpired else {
            return Self.expiredArtifactAnswer(taskId: taskId, runId: runId, name: name)
        }
        let storageType = JSONValue.string(record.content.storageType)
        switch record.content {
        case .s3:
            let body: JSONValue = ["storageType": storageType, "url": .string(s3URL(of: record))]
            return .json(body.serialized())
        case .reference(let url):
            let body: JSONValue = ["storageType": storageType, "url": .string(url)]
            return .json(body.serialized())
        case .object:
            let objectName = TaskclusterEmulator.objectName(
                taskId: taskId, runId: runId, artifact: name)
            let clientId = Self.downloadClientId(taskId: taskId, runId: runId, name: name)
            guard
                let credentials = downloadCredentials(objectName: objectName, clientId: clientId)
            else {
                return .taskclusterError(
                    status: 500, code: "InternalServerError",
                    message: "the emulated queue could not issue credentials for \(objectName)")
            }
            let body: JSONValue = [
                "storageType": storageType, "name": .string(objectName),
                "credentials": credentials,
            ]
            return .json(body.serialized())
        case .error(let reason, let message):
            let body: JSONValue = [
                "storageType": storageType, "reason": .string(reason),
                "message": .string(message),
            ]
            return .json(body.serialized())
        }
    }

    /// The client id of the credentials handed out with an object artifact:
    /// `artifact-download/<taskId>/<runId>/<name>`, as the queue names them, or `nil` (the
    /// queue's own id) when the name holds a character a Hawk header or bewit cannot carry.
    private static func downloadClientId(taskId: String, runId: Int, name: String) -> String? {
        let carriable = name.utf8.allSatisfy { byte in
            byte >= 0x20 && byte < 0x7f && byte != UInt8(ascii: "\"")
                && byte != UInt8(ascii: "\\")
        }
        return carriable ? "\(downloadClientPrefix)\(taskId)/\(runId)/\(name)" : nil
    }
}
