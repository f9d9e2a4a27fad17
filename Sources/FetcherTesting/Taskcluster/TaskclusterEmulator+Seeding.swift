import Fetcher
import Foundation

extension TaskclusterEmulator {
    /// Adds a permanent client, or replaces the one with this id.
    ///
    /// - Parameters:
    ///   - id: The client id.
    ///   - accessToken: Its access token.
    ///   - scopes: The scopes it holds; a scope ending in `*` matches every scope it prefixes.
    public func addClient(id: String, accessToken: String, scopes: [String]) {
        core.state.withLock {
            $0.clients[id] = EmulatorState.ClientRecord(accessToken: accessToken, scopes: scopes)
        }
    }

    /// Adds a task whose runs `0..<runs` are all completed, or sets the run count of an
    /// existing task (keeping its artifacts; those of runs beyond the count are not served).
    ///
    /// - Parameters:
    ///   - taskId: A valid task id (see ``makeTaskId()``).
    ///   - runs: The number of runs, 0 to 50; with 0 the task has no latest run.
    public func addTask(_ taskId: String, runs: Int = 1) {
        Self.checkTaskId(taskId, in: "addTask")
        precondition(
            (0...50).contains(runs), "TaskclusterEmulator.addTask: runs must be from 0 to 50")
        core.state.withLock { $0.tasks[taskId, default: .init(runCount: 0)].runCount = runs }
    }

    /// Adds an artifact to a run of a task, replacing any of the same name; the task is
    /// created, or given more runs, so that the run exists.
    ///
    /// - Parameters:
    ///   - taskId: A valid task id (see ``makeTaskId()``).
    ///   - runId: The run, 0 to 49.
    ///   - name: The artifact name; names starting with `public/` need no credentials.
    ///   - content: What the artifact is and holds.
    ///   - expired: Whether the artifact has expired, so that the queue answers 410.
    ///   - objectOptions: For an object artifact, how `startDownload` answers for it.
    public func addArtifact(
        taskId: String, runId: Int = 0, name: String, content: EmulatedArtifact,
        expired: Bool = false, objectOptions: EmulatedObjectOptions = EmulatedObjectOptions()
    ) {
        Self.checkTaskId(taskId, in: "addArtifact")
        precondition(
            (0..<50).contains(runId), "TaskclusterEmulator.addArtifact: runId must be 0 to 49")
        let now = core.now
        core.state.withLock { state in
            state.ensureTask(taskId, runCount: runId + 1)
            if let replaced = state.tasks[taskId]?.artifacts[runId]?[name]?.blobToken {
                state.blobs[replaced] = nil
            }
            var record = EmulatorState.ArtifactRecord(content: content, isExpired: expired)
            switch content {
            case .s3(let bytes):
                record.blobToken = state.addBlob(
                    content: bytes, isPresigned: !name.hasPrefix("public/"), expiry: nil,
                    now: now)
            case .object(let bytes):
                let objectName = Self.objectName(taskId: taskId, runId: runId, artifact: name)
                state.objects[objectName] = EmulatorState.ObjectRecord(
                    content: bytes, options: objectOptions)
            case .reference, .error:
                break
            }
            state.tasks[taskId]?.artifacts[runId, default: [:]][name] = record
        }
    }

    /// Points an index namespace at a task, replacing any earlier entry.
    ///
    /// - Parameters:
    ///   - namespace: The namespace, for example `project.app.latest`.
    ///   - taskId: The task it names; the task need not exist.
    ///   - rank: The entry's rank; 0 by default.
    ///   - data: The entry's data; an empty object by default.
    ///   - expires: When the entry expires; a year from now by default.
    public func setIndex(
        namespace: String, taskId: String, rank: Int64 = 0, data: JSONValue = [:],
        expires: Date? = nil
    ) {
        let expires = expires ?? core.now.addingTimeInterval(365 * 24 * 60 * 60)
        core.state.withLock {
            $0.index[namespace] = EmulatorState.IndexRecord(
                taskId: taskId, rank: rank, data: data, expires: expires)
        }
    }

    /// Adds an object to the object service, or replaces the one with this name.
    ///
    /// - Parameters:
    ///   - name: The object name.
    ///   - content: Its bytes.
    ///   - options: How `startDownload` answers for it.
    public func addObject(
        name: String, content: [UInt8], options: EmulatedObjectOptions = EmulatedObjectOptions()
    ) {
        core.state.withLock {
            $0.objects[name] = EmulatorState.ObjectRecord(content: content, options: options)
        }
    }

    /// Changes how `startDownload` answers for an object already added.
    ///
    /// - Parameters:
    ///   - options: The new options.
    ///   - name: The object name, for an object artifact
    ///     ``objectName(taskId:runId:artifact:)``.
    /// - Returns: `false` when there is no such object.
    @discardableResult
    public func setObjectOptions(_ options: EmulatedObjectOptions, forObject name: String)
        -> Bool
    {
        core.state.withLock { state in
            guard state.objects[name] != nil else {
                return false
            }
            state.objects[name]?.options = options
            return true
        }
    }

    /// The object name under which the object service keeps an object artifact:
    /// `t/<taskId>/<runId>/<artifact>`.
    ///
    /// - Parameters:
    ///   - taskId: The task id.
    ///   - runId: The run.
    ///   - artifact: The artifact name.
    /// - Returns: The object name.
    public static func objectName(taskId: String, runId: Int, artifact: String) -> String {
        "t/\(taskId)/\(runId)/\(artifact)"
    }

    private static func checkTaskId(_ taskId: String, in method: String) {
        precondition(
            isValidTaskId(taskId),
            "TaskclusterEmulator.\(method): \"\(taskId)\" is not a valid task id; "
                + "make one with TaskclusterEmulator.makeTaskId()")
    }
}
