import Fetcher
import Foundation

/// A Taskcluster deployment on 127.0.0.1 for tests and local use: the queue's `status`,
/// `getArtifact`, `getLatestArtifact`, `artifact` and `latestArtifact`, the index's `findTask`
/// and the object service's `startDownload`, with Hawk checks (bewits, `Authorization`
/// headers, temporary credentials) and scopes, answering as the real services do.
///
/// ```swift
/// let emulator = try TaskclusterEmulator()
/// let taskId = TaskclusterEmulator.makeTaskId()
/// emulator.addArtifact(taskId: taskId, runId: 0, name: "public/a.txt", content: .s3(bytes))
/// emulator.setIndex(namespace: "project.app.latest", taskId: taskId)
/// // point a client at emulator.rootURL ...
/// #expect(emulator.requests(to: .getLatestArtifact).count == 1)
/// ```
///
/// Artifacts of s3 and object storage are served by the emulator itself at unguessable
/// `/_blobs/...` URLs (with an S3-style `X-Amz-Signature` when private or presigned), so a
/// client follows the queue's redirects without leaving 127.0.0.1. Every answer of
/// `getArtifact` and `getLatestArtifact` carries `x-taskcluster-artifact-storage-type`: the
/// artifact's storage type once it is found and the caller may see it, else `none`.
/// `artifact` and `latestArtifact` answer 200 with a JSON body naming the storage type and how
/// to reach the content, as the Taskcluster clients' download functions expect.
///
/// The emulator serves until ``shutdown()`` is called or it is released; a long-running
/// program waits with ``waitUntilShutdown()``. The emulated queue's own client,
/// `static/taskcluster/queue`, holds `object:download:*` and
/// `auth:create-client:artifact-download/*`, and issues the temporary credentials handed out
/// with object artifacts.
public final class TaskclusterEmulator: Sendable {
    /// The HTTP server underneath, for its request log and byte counts.
    public let server: FaultServer

    let core: EmulatorCore

    /// Starts serving on 127.0.0.1.
    ///
    /// - Parameters:
    ///   - port: The port to listen on; 0 (the default) lets the system pick a free one.
    ///   - requestLogLimit: The most recent requests to keep in ``requests``; `nil` keeps all
    ///     (set a limit for a long-running emulator).
    /// - Throws: ``FaultServerError`` when the port cannot be bound or a thread cannot start.
    public init(port: Int = 0, requestLogLimit: Int? = nil) throws {
        server = try FaultServer(port: port, requestLogLimit: requestLogLimit)
        let core = EmulatorCore(rootURL: server.baseURL, port: server.port)
        self.core = core
        server.fallback { request in core.respond(to: request) }
    }

    /// The root URL of the emulated deployment, `http://127.0.0.1:<port>`.
    public var rootURL: String { core.rootURL }

    /// The port the emulator listens on.
    public var port: Int { core.port }

    /// Every request received so far, in order of arrival.
    public var requests: [ServerRequest] { server.requests }

    /// The requests received so far by one endpoint.
    ///
    /// - Parameter endpoint: The endpoint.
    /// - Returns: Its requests, in order of arrival.
    public func requests(to endpoint: Endpoint) -> [ServerRequest] {
        server.requests.filter { EmulatorRoute(path: $0.path).endpoint == endpoint }
    }

    /// Stops serving: closes the listener and every connection, and wakes every
    /// ``waitUntilShutdown()``. Calling it again does nothing.
    public func shutdown() {
        server.shutdown()
        let waiters = core.state.withLock { state in
            state.isShutDown = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Waits until ``shutdown()`` is called, or until the calling task is cancelled.
    public func waitUntilShutdown() async {
        let waiter = core.state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = core.state.withLock { state in
                    guard !state.isShutDown, !Task.isCancelled else {
                        return true
                    }
                    state.waiters[waiter] = continuation
                    return false
                }
                if resumeNow {
                    continuation.resume()
                }
            }
        } onCancel: {
            core.state.withLock { $0.waiters.removeValue(forKey: waiter) }?.resume()
        }
    }
}
