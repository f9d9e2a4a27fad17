import Fetcher
import Foundation

extension EmulatorCore {
    /// What a queue artifact request finds.
    private enum ArtifactLookup {
        case noTask
        case noRun(Int)
        case noArtifact(runId: Int)
        case found(runId: Int, EmulatorState.ArtifactRecord)
    }

    /// Answers queue `status`.
    ///
    /// - Parameter taskId: The task id from the path.
    /// - Returns: 200 with the task's status, 400 for a malformed task id, 404 for an unknown
    ///   task.
    func taskStatus(taskId: String) -> ServerResponse {
        guard TaskclusterEmulator.isValidTaskId(taskId) else {
            return EmulatorRejection.invalidArguments("\"\(taskId)\" is not a valid taskId")
                .response
        }
        guard let runCount = state.withLock({ $0.tasks[taskId]?.runCount }) else {
            return .taskclusterError(
                status: 404, code: "ResourceNotFound", message: "task \(taskId) not found")
        }
        let created = now.addingTimeInterval(-60 * 60)
        let runs: [JSONValue] = (0..<runCount).map { runId in
            let scheduled = created.addingTimeInterval(Double(runId) * 60)
            return [
                "runId": .integer(Int64(runId)), "state": "completed",
                "reasonCreated": runId == 0 ? "scheduled" : "rerun",
                "reasonResolved": "completed", "workerGroup": "emulator",
                "workerId": "emulator", "scheduled": .string(Self.timestamp(scheduled)),
                "started": .string(Self.timestamp(scheduled.addingTimeInterval(1))),
                "resolved": .string(Self.timestamp(scheduled.addingTimeInterval(30))),
                "takenUntil": .string(Self.timestamp(scheduled.addingTimeInterval(20 * 60))),
            ]
        }
        let status: JSONValue = [
            "taskId": .string(taskId), "provisionerId": "emulator", "workerType": "emulator",
            "taskQueueId": "emulator/emulator", "schedulerId": "-", "projectId": "none",
            "taskGroupId": .string(taskId),
            "deadline": .string(Self.timestamp(created.addingTimeInterval(24 * 60 * 60))),
            "expires": .string(Self.timestamp(created.addingTimeInterval(365 * 24 * 60 * 60))),
            "retriesLeft": 5, "state": runCount == 0 ? "unscheduled" : "completed",
            "runs": .array(runs),
        ]
        let body: JSONValue = ["status": status]
        return .json(body.serialized())
    }

    /// Answers queue `getArtifact` (with a run id) and `getLatestArtifact` (without).
    ///
    /// Private artifacts (names not starting with `public/`) need a bewit or a Hawk header
    /// whose scopes hold `queue:get-artifact:<name>`; the check comes before the lookup, so a
    /// refused caller learns nothing about the artifact.
    ///
    /// - Parameters:
    ///   - request: The request, for its credentials.
    ///   - taskId: The task id from the path.
    ///   - runText: The run id from the path, or `nil` for the latest run.
    ///   - name: The decoded artifact name.
    /// - Returns: The answer, with the storage-type header when the artifact was found.
    func artifact(_ request: ServerRequest, taskId: String, runId runText: String?, name: String)
        -> ServerResponse
    {
        guard TaskclusterEmulator.isValidTaskId(taskId) else {
            return EmulatorRejection.invalidArguments("\"\(taskId)\" is not a valid taskId")
                .response
        }
        var requestedRun: Int?
        if let runText {
            guard let runId = Self.runId(runText) else {
                return EmulatorRejection.invalidArguments("\"\(runText)\" is not a valid runId")
                    .response
            }
            requestedRun = runId
        }
        if !name.hasPrefix("public/") {
            do {
                try authorize(request, scope: "queue:get-artifact:\(name)", allowsBewit: true)
            } catch {
                return error.response
            }
        }
        switch lookUpArtifact(taskId: taskId, runId: requestedRun, name: name) {
        case .noTask:
            return .taskclusterError(
                status: 404, code: "ResourceNotFound", message: "task \(taskId) not found")
        case .noRun(let runId):
            let message =
                runId < 0 ? "task \(taskId) has no runs yet" : "task \(taskId) has no run \(runId)"
            return .taskclusterError(status: 404, code: "ResourceNotFound", message: message)
        case .noArtifact(let runId):
            return .taskclusterError(
                status: 404, code: "ResourceNotFound",
                message: "artifact \(name) not found in run \(runId) of task \(taskId)")
        case .found(let runId, let record):
            return answer(for: record, taskId: taskId, runId: runId, name: name)
                .adding(header: Self.storageTypeHeader, record.content.storageType)
        }
    }

    /// Reads a run id: decimal digits only, at most 50 as the queue allows.
    private static func runId(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 2, text.allSatisfy(\.isASCII),
            text.allSatisfy(\.isNumber), let runId = Int(text), runId <= 50
        else {
            return nil
        }
        return runId
    }

    private func lookUpArtifact(taskId: String, runId: Int?, name: String) -> ArtifactLookup {
        state.withLock { state in
            guard let task = state.tasks[taskId] else {
                return .noTask
            }
            let runId = runId ?? task.runCount - 1
            guard runId >= 0, runId < task.runCount else {
                return .noRun(runId)
            }
            guard let record = task.artifacts[runId]?[name] else {
                return .noArtifact(runId: runId)
            }
            return .found(runId: runId, record)
        }
    }

    /// The answer for an artifact that exists, by storage type.
    private func answer(
        for record: EmulatorState.ArtifactRecord, taskId: String, runId: Int, name: String
    ) -> ServerResponse {
        guard !record.isExpired else {
            return .taskclusterError(
                status: 410, code: "ResourceExpired",
                message: "artifact \(name) of run \(runId) of task \(taskId) has expired")
        }
        switch record.content {
        case .s3:
            let url = record.blobToken.flatMap { blobURL(token: $0) } ?? rootURL
            return Self.seeOther(url, body: ["storageType": "s3", "url": .string(url)])
        case .reference(let url):
            return Self.seeOther(url, body: ["storageType": "reference", "url": .string(url)])
        case .object:
            let objectName = TaskclusterEmulator.objectName(
                taskId: taskId, runId: runId, artifact: name)
            guard let download = issueDownloadURL(objectName: objectName) else {
                return .taskclusterError(
                    status: 404, code: "ResourceNotFound",
                    message: "object \(objectName) not found")
            }
            var body: [String: JSONValue] = [
                "storageType": "object", "name": .string(objectName), "url": .string(download.url),
            ]
            if let credentials = downloadCredentials(objectName: objectName) {
                body["credentials"] = credentials
            }
            return Self.seeOther(download.url, body: .object(body))
        case .error(let reason, let message):
            let body: JSONValue = ["reason": .string(reason), "message": .string(message)]
            return .json(body.serialized(), status: 424)
        }
    }

    /// Temporary credentials of the queue that hold `object:download:<name>`, valid for an
    /// hour, as JSON `{"clientId", "accessToken", "certificate"}` (the certificate as text).
    private func downloadCredentials(objectName: String) -> JSONValue? {
        let now = self.now
        guard
            let credentials = try? TaskclusterCredentials.temporary(
                issuer: queueCredentials, scopes: ["object:download:\(objectName)"],
                start: now.addingTimeInterval(-5 * 60), expiry: now.addingTimeInterval(60 * 60)),
            let certificate = credentials.certificate
        else {
            return nil
        }
        return [
            "clientId": .string(credentials.clientId),
            "accessToken": .string(credentials.accessToken),
            "certificate": .string(certificate),
        ]
    }

    /// A 303 answer to `location` with a JSON body.
    private static func seeOther(_ location: String, body: JSONValue) -> ServerResponse {
        ServerResponse(
            status: 303,
            headers: [
                ServerHeader("Location", location),
                ServerHeader("Content-Type", "application/json"),
            ],
            body: Array(body.serialized().utf8))
    }
}
