import Fetcher
import Foundation

extension EmulatorCore {
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
    func getArtifact(
        _ request: ServerRequest, taskId: String, runId runText: String?, name: String
    ) -> ServerResponse {
        let found: (runId: Int, record: EmulatorState.ArtifactRecord)
        do {
            let requestedRun = try artifactRunId(taskId: taskId, runText: runText)
            try authorizeArtifact(request, name: name)
            found = try lookUpArtifact(taskId: taskId, runId: requestedRun, name: name)
        } catch {
            return error.response
        }
        let (runId, record) = found
        return answer(for: record, taskId: taskId, runId: runId, name: name)
            .adding(header: Self.storageTypeHeader, record.content.storageType)
    }

    /// Checks the task id and run id of an artifact path.
    ///
    /// - Parameters:
    ///   - taskId: The task id from the path.
    ///   - runText: The run id from the path, or `nil` for the latest run.
    /// - Returns: The run id, or `nil` for the latest run.
    /// - Throws: A 400 rejection for a malformed task id or run id.
    func artifactRunId(taskId: String, runText: String?) throws(EmulatorRejection) -> Int? {
        guard TaskclusterEmulator.isValidTaskId(taskId) else {
            throw .invalidArguments("\"\(taskId)\" is not a valid taskId")
        }
        guard let runText else {
            return nil
        }
        guard let runId = Self.runId(runText) else {
            throw .invalidArguments("\"\(runText)\" is not a valid runId")
        }
        return runId
    }

    /// Checks that a request may read an artifact: anyone may read `public/` names, others
    /// need a bewit or a Hawk header whose scopes hold `queue:get-artifact:<name>`.
    ///
    /// - Parameters:
    ///   - request: The request, for its credentials.
    ///   - name: The artifact name.
    /// - Throws: A 401 or 403 rejection.
    func authorizeArtifact(_ request: ServerRequest, name: String) throws(EmulatorRejection) {
        guard !name.hasPrefix("public/") else {
            return
        }
        try authorize(request, scope: "queue:get-artifact:\(name)", allowsBewit: true)
    }

    /// The 410 answer for an expired artifact.
    ///
    /// - Parameters:
    ///   - taskId: The task id.
    ///   - runId: The run id.
    ///   - name: The artifact name.
    /// - Returns: The answer.
    static func expiredArtifactAnswer(taskId: String, runId: Int, name: String)
        -> ServerResponse
    {
        .taskclusterError(
            status: 410, code: "ResourceExpired",
            message: "artifact \(name) of run \(runId) of task \(taskId) has expired")
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

    /// The latest run of a task.
    ///
    /// - Parameter taskId: The task id.
    /// - Returns: The run id.
    /// - Throws: A 404 rejection when there is no such task or it has no runs.
    func latestRunId(taskId: String) throws(EmulatorRejection) -> Int {
        let runCount = state.withLock { $0.tasks[taskId]?.runCount }
        guard let runCount else {
            throw Self.notFound("task \(taskId) not found")
        }
        guard runCount > 0 else {
            throw Self.notFound("task \(taskId) has no runs yet")
        }
        return runCount - 1
    }

    /// Finds an artifact of a run, or of the latest run when `runId` is `nil`.
    ///
    /// - Parameters:
    ///   - taskId: The task id.
    ///   - runId: The run id, or `nil` for the latest run.
    ///   - name: The artifact name.
    /// - Returns: The run id and the artifact.
    /// - Throws: A 404 rejection when there is no such task, run or artifact.
    func lookUpArtifact(taskId: String, runId: Int?, name: String)
        throws(EmulatorRejection) -> (runId: Int, record: EmulatorState.ArtifactRecord)
    {
        let task = state.withLock { $0.tasks[taskId] }
        guard let task else {
            throw Self.notFound("task \(taskId) not found")
        }
        let runId = runId ?? task.runCount - 1
        guard runId >= 0 else {
            throw Self.notFound("task \(taskId) has no runs yet")
        }
        guard runId < task.runCount else {
            throw Self.notFound("task \(taskId) has no run \(runId)")
        }
        guard let record = task.artifacts[runId]?[name] else {
            throw Self.notFound("artifact \(name) not found in run \(runId) of task \(taskId)")
        }
        return (runId, record)
    }

    private static func notFound(_ message: String) -> EmulatorRejection {
        EmulatorRejection(
            response: .taskclusterError(status: 404, code: "ResourceNotFound", message: message))
    }

    /// The answer for an artifact that exists, by storage type.
    private func answer(
        for record: EmulatorState.ArtifactRecord, taskId: String, runId: Int, name: String
    ) -> ServerResponse {
        guard !record.isExpired else {
            return Self.expiredArtifactAnswer(taskId: taskId, runId: runId, name: name)
        }
        switch record.content {
        case .s3:
            let url = s3URL(of: record)
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
            if let credentials = downloadCredentials(objectName: objectName, clientId: nil) {
                body["credentials"] = credentials
            }
            return Self.seeOther(download.url, body: .object(body))
        case .error(let reason, let message):
            let body: JSONValue = ["reason": .string(reason), "message": .string(message)]
            return .json(body.serialized(), status: 424)
        }
    }

    /// The URL an s3 artifact's bytes are served at.
    ///
    /// - Parameter record: The artifact.
    /// - Returns: Its blob's URL (presigned when private), or the root URL if the blob is gone.
    func s3URL(of record: EmulatorState.ArtifactRecord) -> String {
        record.blobToken.flatMap { blobURL(token: $0) } ?? rootURL
    }

    /// Temporary credentials of the queue that hold `object:download:<name>`, valid for an
    /// hour, as JSON `{"clientId", "accessToken", "certificate"}` (the certificate as text).
    ///
    /// - Parameters:
    ///   - objectName: The object the credentials may download.
    ///   - clientId: The client id of named credentials, or `nil` for credentials that carry
    ///     the queue's own client id.
    /// - Returns: The credentials, or `nil` if they cannot be made.
    func downloadCredentials(objectName: String, clientId: String?) -> JSONValue? {
        let now = self.now
        guard
            let credentials = try? TaskclusterCredentials.temporary(
                issuer: queueCredentials, name: clientId,
                scopes: ["object:download:\(objectName)"],
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
