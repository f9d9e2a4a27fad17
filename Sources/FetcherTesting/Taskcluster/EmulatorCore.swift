import Fetcher
import Foundation
import Synchronization

/// The state and request handling behind a ``TaskclusterEmulator``.
///
/// The server's fallback handler holds this core, not the emulator, so that releasing the
/// emulator still shuts the server down.
final class EmulatorCore: Sendable {
    /// The client id of the emulated queue, which issues the temporary credentials handed out
    /// with object artifacts.
    static let queueClientId = "static/taskcluster/queue"

    /// The start of the client ids of the temporary credentials that `artifact` and
    /// `latestArtifact` hand out with object artifacts, followed by
    /// `<taskId>/<runId>/<name>`.
    static let downloadClientPrefix = "artifact-download/"

    /// The header naming an artifact's storage type on every answer of `getArtifact` and
    /// `getLatestArtifact`.
    static let storageTypeHeader = "x-taskcluster-artifact-storage-type"

    /// The emulator's root URL, `http://127.0.0.1:<port>`.
    let rootURL: String

    /// The port the emulator listens on.
    let port: Int

    /// The permanent credentials of the emulated queue.
    let queueCredentials: TaskclusterCredentials

    /// Everything the emulator knows.
    let state: Mutex<EmulatorState>

    /// Makes a core with no tasks and only the queue's own client.
    ///
    /// - Parameters:
    ///   - rootURL: The root URL the emulator is reached at.
    ///   - port: Its port.
    init(rootURL: String, port: Int) {
        self.rootURL = rootURL
        self.port = port
        queueCredentials = TaskclusterCredentials(
            clientId: Self.queueClientId, accessToken: EmulatorRandom.hex(byteCount: 32))
        var state = EmulatorState()
        state.clients[Self.queueClientId] = EmulatorState.ClientRecord(
            accessToken: queueCredentials.accessToken,
            scopes: ["object:download:*", "auth:create-client:\(Self.downloadClientPrefix)*"])
        self.state = Mutex(state)
    }

    /// Answers one request: an injected fault if one matches, else the endpoint's answer.
    ///
    /// - Parameter request: The request.
    /// - Returns: The answer.
    func respond(to request: ServerRequest) -> ServerResponse {
        let route = EmulatorRoute(path: request.path)
        let fault = state.withLock { $0.takeFault(path: request.path, endpoint: route.endpoint) }
        if let fault {
            return withStorageTypeHeader(fault, route: route)
        }
        switch route {
        case .status(let taskId):
            return requireMethod(request, ["GET", "HEAD"]) ?? taskStatus(taskId: taskId)
        case .getArtifact(let taskId, let runId, let name):
            let answer =
                requireMethod(request, ["GET", "HEAD"])
                ?? getArtifact(request, taskId: taskId, runId: runId, name: name)
            return withStorageTypeHeader(answer, route: route)
        case .getLatestArtifact(let taskId, let name):
            let answer =
                requireMethod(request, ["GET", "HEAD"])
                ?? getArtifact(request, taskId: taskId, runId: nil, name: name)
            return withStorageTypeHeader(answer, route: route)
        case .artifact(let taskId, let runId, let name):
            return requireMethod(request, ["GET", "HEAD"])
                ?? artifactContent(request, taskId: taskId, runId: runId, name: name)
        case .latestArtifact(let taskId, let name):
            return requireMethod(request, ["GET", "HEAD"])
                ?? artifactContent(request, taskId: taskId, runId: nil, name: name)
        case .findTask(let namespace):
            return requireMethod(request, ["GET", "HEAD"]) ?? findTask(namespace: namespace)
        case .startDownload(let name):
            return requireMethod(request, ["PUT"]) ?? startDownload(request, name: name)
        case .blob(let token):
            return requireMethod(request, ["GET", "HEAD"]) ?? blob(request, token: token)
        case .unknown:
            return .taskclusterError(
                status: 404, code: "ResourceNotFound",
                message: "no such endpoint: \(request.method) \(request.path)")
        }
    }

    /// The emulator's clock.
    var now: Date { Date() }

    /// Writes a time as Taskcluster does: ISO 8601 in UTC with milliseconds.
    ///
    /// - Parameter date: The time.
    /// - Returns: Text such as `2030-01-02T03:04:05.678Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A 405 answer when the method is not one of `allowed`, else `nil`.
    private func requireMethod(_ request: ServerRequest, _ allowed: [String]) -> ServerResponse? {
        guard !allowed.contains(request.method) else {
            return nil
        }
        return .taskclusterError(
            status: 405, code: "MethodNotAllowed",
            message: "\(request.path) does not answer \(request.method)"
        ).adding(header: "Allow", allowed.joined(separator: ", "))
    }

    /// Adds the storage-type header, with the value `none`, to answers of `getArtifact` and
    /// `getLatestArtifact` that lack it: those that found no artifact the caller may see, and
    /// injected faults. (The queue sets no such header on `artifact` and `latestArtifact`.)
    private func withStorageTypeHeader(_ response: ServerResponse, route: EmulatorRoute)
        -> ServerResponse
    {
        switch route {
        case .getArtifact, .getLatestArtifact:
            let hasHeader = response.headers.contains {
                $0.name.lowercased() == Self.storageTypeHeader
            }
            return hasHeader
                ? response : response.adding(header: Self.storageTypeHeader, "none")
        default:
            return response
        }
    }
}
