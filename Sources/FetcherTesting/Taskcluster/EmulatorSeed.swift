import Fetcher
import Foundation

/// The contents of a seed document for ``TaskclusterEmulator``, checked in full before any of
/// it is applied. The format is documented at
/// ``TaskclusterEmulator/load(from:port:requestLogLimit:)``.
struct EmulatorSeed {
    /// A client to add.
    struct ClientSeed {
        var id: String
        var accessToken: String
        var scopes: [String]
    }

    /// An artifact to add; `runId` `nil` means the task's latest run.
    struct ArtifactSeed {
        var runId: Int?
        var name: String
        var content: EmulatedArtifact
        var isExpired: Bool
    }

    /// A task to add; `runs` `nil` means just enough runs for its artifacts, at least one.
    struct TaskSeed {
        var taskId: String
        var runs: Int?
        var artifacts: [ArtifactSeed]
    }

    var clients: [ClientSeed] = []
    var tasks: [TaskSeed] = []
    var index: [(namespace: String, taskId: String)] = []
    var objects: [(name: String, content: [UInt8])] = []

    /// Reads and checks a seed document.
    ///
    /// - Parameter text: The JSON text.
    /// - Throws: ``TaskclusterEmulatorSeedError`` for text that is not JSON or not a seed.
    init(json text: String) throws(TaskclusterEmulatorSeedError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: text)
        } catch {
            throw .invalidJSON(error)
        }
        let top = try Self.object(document, at: "", keys: ["clients", "tasks", "index", "objects"])
        for (position, value) in try Self.array(top["clients"], at: "/clients").enumerated() {
            let pointer = "/clients/\(position)"
            let client = try Self.object(
                value, at: pointer, keys: ["clientId", "accessToken", "scopes"])
            clients.append(
                ClientSeed(
                    id: try Self.string(client["clientId"], at: pointer + "/clientId"),
                    accessToken: try Self.string(
                        client["accessToken"], at: pointer + "/accessToken"),
                    scopes: try Self.array(client["scopes"], at: pointer + "/scopes").enumerated()
                        .map { index, scope throws(TaskclusterEmulatorSeedError) in
                            try Self.string(scope, at: pointer + "/scopes/\(index)")
                        }))
        }
        for (position, value) in try Self.array(top["tasks"], at: "/tasks").enumerated() {
            tasks.append(try Self.task(value, at: "/tasks/\(position)"))
        }
        if let entries = top["index"] {
            guard let entries = entries.objectValue else {
                throw .invalidSeed(
                    pointer: "/index", reason: "expected an object, found \(entries.kindName)")
            }
            for namespace in entries.keys.sorted() {
                let pointer = "/index/" + Self.escapePointer(namespace)
                let taskId = try Self.string(entries[namespace], at: pointer)
                try Self.checkTaskId(taskId, at: pointer)
                index.append((namespace, taskId))
            }
        }
        for (position, value) in try Self.array(top["objects"], at: "/objects").enumerated() {
            let pointer = "/objects/\(position)"
            let object = try Self.object(value, at: pointer, keys: ["name", "text", "base64"])
            let name = try Self.string(object["name"], at: pointer + "/name")
            objects.append((name, try Self.bytes(object, at: pointer)))
        }
    }

    /// Adds everything to an emulator.
    ///
    /// - Parameter emulator: The emulator to seed.
    func apply(to emulator: TaskclusterEmulator) {
        for client in clients {
            emulator.addClient(
                id: client.id, accessToken: client.accessToken, scopes: client.scopes)
        }
        for task in tasks {
            let highestRun = task.artifacts.compactMap(\.runId).max() ?? 0
            let runs = task.runs ?? highestRun + 1
            emulator.addTask(task.taskId, runs: runs)
            for artifact in task.artifacts {
                emulator.addArtifact(
                    taskId: task.taskId, runId: artifact.runId ?? max(0, runs - 1),
                    name: artifact.name, content: artifact.content, expired: artifact.isExpired)
            }
        }
        for entry in index {
            emulator.setIndex(namespace: entry.namespace, taskId: entry.taskId)
        }
        for object in objects {
            emulator.addObject(name: object.name, content: object.content)
        }
    }

    private static func task(_ value: JSONValue, at pointer: String)
        throws(TaskclusterEmulatorSeedError) -> TaskSeed
    {
        let task = try object(value, at: pointer, keys: ["taskId", "runs", "artifacts"])
        let taskId = try string(task["taskId"], at: pointer + "/taskId")
        try checkTaskId(taskId, at: pointer + "/taskId")
        var runs: Int?
        if let value = task["runs"] {
            runs = try integer(value, at: pointer + "/runs", in: 0...50)
        }
        var artifacts: [ArtifactSeed] = []
        for (position, value) in try array(task["artifacts"], at: pointer + "/artifacts")
            .enumerated()
        {
            let artifactPointer = pointer + "/artifacts/\(position)"
            let artifact = try self.artifact(value, at: artifactPointer)
            if let runId = artifact.runId, let runs, runId >= runs {
                throw .invalidSeed(
                    pointer: artifactPointer + "/runId",
                    reason: "run \(runId) does not exist: the task has \(runs) runs")
            }
            if artifact.runId == nil, runs == 0 {
                throw .invalidSeed(
                    pointer: artifactPointer,
                    reason: "the task has no runs, so the artifact needs none but a runId")
            }
            artifacts.append(artifact)
        }
        return TaskSeed(taskId: taskId, runs: runs, artifacts: artifacts)
    }

    private static func artifact(_ value: JSONValue, at pointer: String)
        throws(TaskclusterEmulatorSeedError) -> ArtifactSeed
    {
        let artifact = try object(
            value, at: pointer,
            keys: [
                "name", "runId", "storageType", "text", "base64", "url", "reason", "message",
                "expired",
            ])
        let name = try string(artifact["name"], at: pointer + "/name")
        var runId: Int?
        if let value = artifact["runId"] {
            runId = try integer(value, at: pointer + "/runId", in: 0...49)
        }
        var isExpired = false
        if let value = artifact["expired"] {
            guard let flag = value.boolValue else {
                throw .invalidSeed(
                    pointer: pointer + "/expired",
                    reason: "expected a boolean, found \(value.kindName)")
            }
            isExpired = flag
        }
        let storageType =
            try artifact["storageType"].map { value throws(TaskclusterEmulatorSeedError) in
                try string(value, at: pointer + "/storageType")
            } ?? "s3"
        let allowed: Set<String>
        let content: EmulatedArtifact
        switch storageType {
        case "s3":
            allowed = ["text", "base64"]
            content = .s3(try bytes(artifact, at: pointer))
        case "object":
            allowed = ["text", "base64"]
            content = .object(try bytes(artifact, at: pointer))
        case "reference":
            allowed = ["url"]
            content = .reference(url: try string(artifact["url"], at: pointer + "/url"))
        case "error":
            allowed = ["reason", "message"]
            content = .error(
                reason: try string(artifact["reason"], at: pointer + "/reason"),
                message: try string(artifact["message"], at: pointer + "/message"))
        default:
            throw .invalidSeed(
                pointer: pointer + "/storageType",
                reason: "\"\(storageType)\" is none of s3, object, reference and error")
        }
        let common: Set<String> = ["name", "runId", "storageType", "expired"]
        if let stray = artifact.keys.sorted().first(where: {
            !common.contains($0) && !allowed.contains($0)
        }) {
            throw .invalidSeed(
                pointer: pointer + "/" + escapePointer(stray),
                reason: "\(stray) does not apply to storage type \(storageType)")
        }
        return ArtifactSeed(runId: runId, name: name, content: content, isExpired: isExpired)
    }

    /// The bytes given as `text` (UTF-8) or `base64`, exactly one of them.
    private static func bytes(_ object: [String: JSONValue], at pointer: String)
        throws(TaskclusterEmulatorSeedError) -> [UInt8]
    {
        switch (object["text"], object["base64"]) {
        case (let text?, nil):
            return Array(try string(text, at: pointer + "/text").utf8)
        case (nil, let base64?):
            let text = try string(base64, at: pointer + "/base64")
            guard let data = Data(base64Encoded: text) else {
                throw .invalidSeed(pointer: pointer + "/base64", reason: "it is not base64")
            }
            return Array(data)
        case (nil, nil):
            throw .invalidSeed(pointer: pointer, reason: "the content needs text or base64")
        case (.some, .some):
            throw .invalidSeed(pointer: pointer, reason: "give text or base64, not both")
        }
    }

    private static func object(_ value: JSONValue, at pointer: String, keys: Set<String>)
        throws(TaskclusterEmulatorSeedError) -> [String: JSONValue]
    {
        guard let object = value.objectValue else {
            throw .invalidSeed(
                pointer: pointer, reason: "expected an object, found \(value.kindName)")
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            let known = keys.sorted().joined(separator: ", ")
            throw .invalidSeed(
                pointer: pointer + "/" + escapePointer(unknown),
                reason: "unknown member \"\(unknown)\" (known: \(known))")
        }
        return object
    }

    /// The elements of an array; an absent value counts as an empty array.
    private static func array(_ value: JSONValue?, at pointer: String)
        throws(TaskclusterEmulatorSeedError) -> [JSONValue]
    {
        guard let value else {
            return []
        }
        guard let array = value.arrayValue else {
            throw .invalidSeed(
                pointer: pointer, reason: "expected an array, found \(value.kindName)")
        }
        return array
    }

    private static func string(_ value: JSONValue?, at pointer: String)
        throws(TaskclusterEmulatorSeedError) -> String
    {
        guard let value else {
            throw .invalidSeed(pointer: pointer, reason: "a string is required here")
        }
        guard let string = value.stringValue else {
            throw .invalidSeed(
                pointer: pointer, reason: "expected a string, found \(value.kindName)")
        }
        return string
    }

    private static func integer(_ value: JSONValue, at pointer: String, in range: ClosedRange<Int>)
        throws(TaskclusterEmulatorSeedError) -> Int
    {
        guard let integer = value.integerValue, range.contains(Int(integer)) else {
            throw .invalidSeed(
                pointer: pointer,
                reason: "expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(integer)
    }

    private static func checkTaskId(_ taskId: String, at pointer: String)
        throws(TaskclusterEmulatorSeedError)
    {
        guard TaskclusterEmulator.isValidTaskId(taskId) else {
            throw .invalidSeed(pointer: pointer, reason: "\"\(taskId)\" is not a valid task id")
        }
    }

    /// Escapes a member name for a JSON pointer: `~` as `~0`, `/` as `~1`.
    private static func escapePointer(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
