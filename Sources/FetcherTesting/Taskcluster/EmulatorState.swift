import Fetcher
import Foundation

/// Everything a ``TaskclusterEmulator`` knows: clients, tasks and their artifacts, index
/// entries, objects, the blobs it serves, pending faults and who waits for shutdown. Kept in a
/// `Mutex` by ``EmulatorCore``.
struct EmulatorState {
    /// A client: its access token and the scopes it holds.
    struct ClientRecord {
        var accessToken: String
        var scopes: [String]
    }

    /// A task: how many runs it has, and the artifacts of each run by name.
    struct TaskRecord {
        var runCount: Int
        var artifacts: [Int: [String: ArtifactRecord]] = [:]
    }

    /// An artifact and whether it has expired; s3 artifacts name the blob holding their bytes.
    struct ArtifactRecord {
        var content: EmulatedArtifact
        var isExpired: Bool
        var blobToken: String?
    }

    /// An index entry.
    struct IndexRecord {
        var taskId: String
        var rank: Int64
        var data: JSONValue
        var expires: Date
    }

    /// An object of the object service, with its digests computed once.
    struct ObjectRecord {
        var content: [UInt8]
        var options: EmulatedObjectOptions
        var sha256: [UInt8]
        var sha512: [UInt8]

        init(content: [UInt8], options: EmulatedObjectOptions) {
            self.content = content
            self.options = options
            sha256 = Digester.digest(.sha256, of: content)
            sha512 = Digester.digest(.sha512, of: content)
        }
    }

    /// Bytes served at `/_blobs/<token>`; a presigned blob needs its signature in the query
    /// and may expire.
    struct BlobRecord {
        var content: [UInt8]
        var signature: String?
        var signedAt: Date
        var expiry: Date?
        var etag: String
    }

    /// What a fault applies to.
    enum FaultTarget {
        case endpoint(TaskclusterEmulator.Endpoint)
        case pathPrefix(String)
    }

    /// Answers to give instead of the normal ones, one per matching request.
    struct FaultRecord {
        var target: FaultTarget
        var responses: [ServerResponse]
    }

    var clients: [String: ClientRecord] = [:]
    var tasks: [String: TaskRecord] = [:]
    var index: [String: IndexRecord] = [:]
    var objects: [String: ObjectRecord] = [:]
    var blobs: [String: BlobRecord] = [:]
    var faults: [FaultRecord] = []
    var isShutDown = false
    var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    var nextWaiter = 0

    /// Takes the next injected answer for a request, if a fault matches it.
    ///
    /// - Parameters:
    ///   - path: The request path as sent.
    ///   - endpoint: The endpoint the path names, if any.
    /// - Returns: The answer to give instead of the normal one, or `nil`.
    mutating func takeFault(path: String, endpoint: TaskclusterEmulator.Endpoint?)
        -> ServerResponse?
    {
        let position = faults.firstIndex { fault in
            switch fault.target {
            case .endpoint(let target): target == endpoint
            case .pathPrefix(let prefix): path.hasPrefix(prefix)
            }
        }
        guard let position else {
            return nil
        }
        let response = faults[position].responses.removeFirst()
        if faults[position].responses.isEmpty {
            faults.remove(at: position)
        }
        return response
    }

    /// Stores bytes to serve under a new random token.
    ///
    /// - Parameters:
    ///   - content: The bytes.
    ///   - isPresigned: Whether the URL needs an `X-Amz-Signature` (made here).
    ///   - expiry: When the URL stops working, if ever.
    ///   - now: The current time, to drop blobs that expired long ago.
    /// - Returns: The token.
    mutating func addBlob(content: [UInt8], isPresigned: Bool, expiry: Date?, now: Date)
        -> String
    {
        blobs = blobs.filter { _, blob in
            blob.expiry.map { now.timeIntervalSince($0) < 60 * 60 } ?? true
        }
        let token = EmulatorRandom.hex(byteCount: 16)
        let digest = Hex.encode(Digester.digest(.sha256, of: content))
        blobs[token] = BlobRecord(
            content: content, signature: isPresigned ? EmulatorRandom.hex(byteCount: 32) : nil,
            signedAt: now, expiry: expiry, etag: "\"\(digest.prefix(32))\"")
        return token
    }

    /// Makes sure a task exists with at least `runCount` runs.
    mutating func ensureTask(_ taskId: String, runCount: Int) {
        let existing = tasks[taskId]?.runCount ?? 0
        tasks[taskId, default: TaskRecord(runCount: 0)].runCount = max(existing, runCount)
    }
}
